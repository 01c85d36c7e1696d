import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SiteView } from "../plan/site-data.ts";
import type { SitePages } from "../plan/pages.ts";
import { type Archive, placeAmong } from "../archive/archive.ts";
import { FEED_SIZE, planFeeds } from "./feeds.ts";
import { renderRobotsTxt } from "./robots.ts";
import { NEWS_WINDOW_MS, newsEntries, planSitemaps, renderNewsSitemap, sitemapEntries, type SitemapPlan } from "./sitemaps.ts";
import { webManifest } from "./metadata.ts";
import { renderRedirectsFile } from "./redirects.ts";
import { type Article, listedUnder } from "../content/model.ts";
import {
  absoluteUrl,
  ATOM_FEED_URL,
  MANIFEST_URL,
  NEWS_SITEMAP_URL,
  REDIRECTS_URL,
  ROBOTS_URL,
  SITEMAP_LIMIT,
  SITEMAP_URL,
  topicFeedUrl,
  topicUrl,
} from "../urls/site-urls.ts";

/**
 * Every machine-readable file of the site beside its pages, as site-relative path → text: feeds,
 * sitemaps, the news sitemap (only when an article falls in its window: an empty `<urlset>` is
 * invalid), robots.txt naming the sitemaps written, the web app manifest and, when a page
 * redirects, `_redirects`. `nowMs` is the build's date: it picks the news and dates a feed that has
 * no entry. With `some` (the build's fast path, which planned some pages only: `narrowChange`,
 * `src/publish/fast-path.ts`), only the feeds it names are made, the sitemaps only from the
 * entries it gives (articles added or removed: the whole site's), less the files its unchanged entries
 * fill (`sitemapPartsKept`), and `_redirects` only when
 * `redirects` says its pages planned all the redirects it names (an article with aliases added,
 * removed or moved): the build keeps the others as they are.
 */
export function planDiscoveryFiles(
  site: SiteView,
  pages: SitePages,
  nowMs: number,
  some?: { feeds: ReadonlySet<string>; sitemaps?: SitemapPlan; redirects?: boolean },
): Map<string, string> {
  const buildIso = new Date(nowMs).toISOString();
  const news = newsEntries(site, pages.articles, nowMs);
  const sitemaps = [SITEMAP_URL, ...(news.length > 0 ? [NEWS_SITEMAP_URL] : [])];
  // Only with aliases: a list's `page/1/` has its redirect page alone (redirects.ts).
  const rules = some && !some.redirects ? "" : renderRedirectsFile(pages, site.basePath);
  const sitemap = some ? some.sitemaps : { entries: sitemapEntries(site, pages, buildIso), unchanged: 0 };
  return new Map([
    ...planFeeds(site, pages, buildIso, some && ((url) => some.feeds.has(url))),
    ...(sitemap ? planSitemaps(site, sitemap.entries, SITEMAP_LIMIT, sitemap.unchanged) : []),
    ...(news.length > 0 ? ([[NEWS_SITEMAP_URL, renderNewsSitemap(site, news)]] as const) : []),
    [ROBOTS_URL, renderRobotsTxt(sitemaps.map((url) => absoluteUrl(site, url)))],
    [MANIFEST_URL, `${JSON.stringify(webManifest(site), null, 1)}\n`],
    ...(rules !== "" ? ([[REDIRECTS_URL, rules]] as const) : []),
  ]);
}

/** Writes the files `planDiscoveryFiles` plans into a built site folder; returns their site-relative paths. */
export function writeDiscoveryFiles(siteDir: string, site: SiteView, pages: SitePages, nowMs: number): string[] {
  const files = planDiscoveryFiles(site, pages, nowMs);
  for (const [url, text] of files) {
    const path = join(siteDir, url);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return [...files.keys()];
}

/**
 * The pages the news sitemap and the feeds named (`feeds`, as `planFeeds` names them) read, by URL:
 * the archive's newest articles (`FEED_SIZE`), each named topic's newest and the first page of its
 * list, and the articles of the news window. Planned with them, these give those feeds and the
 * news sitemap as the whole site would.
 */
export function discoveryPages(archive: Archive, nowMs: number, feeds: ReadonlySet<string>): Set<string> {
  const urls = new Set<string>();
  for (const article of archive.articles.slice(0, FEED_SIZE)) urls.add(article.url);
  for (const listing of archive.topics) {
    if (!feeds.has(topicFeedUrl(topicUrl(listing.entry)))) continue;
    urls.add(topicUrl(listing.entry));
    for (const article of listing.articles.slice(0, FEED_SIZE)) urls.add(article.url);
  }
  // Newest first: the news window's articles come first, then the older ones.
  for (const article of archive.articles) {
    if (article.published.epochMs < nowMs - NEWS_WINDOW_MS) break;
    urls.add(article.url);
  }
  return urls;
}

/**
 * The feeds that show any of these articles (by URL), as `planFeeds` names them: the site feed
 * (its Atom URL) when one is among the archive's newest, a topic's when one is among its newest;
 * and those that showed an article gone from the archive (`removed`, as it was).
 */
export function feedsShowing(archive: Archive, articleUrls: ReadonlySet<string>, removed: readonly Article[] = []): Set<string> {
  const feeds = new Set<string>();
  // An article gone was among a list's newest when fewer than that many stand before its place.
  const shows = (articles: readonly Article[], gone: readonly Article[]): boolean =>
    articles.slice(0, FEED_SIZE).some((a) => articleUrls.has(a.url)) || gone.some((a) => placeAmong(articles, a) < FEED_SIZE);
  const site = shows(archive.articles, removed);
  if (site) feeds.add(ATOM_FEED_URL);
  // A topic without articles is dated by the site feed's newest entry (`topicFeeds`): it changes with the site's feed.
  for (const listing of archive.topics) {
    if (shows(listing.articles, listedUnder(removed, listing.entry.slug)) || (site && listing.articles.length === 0))
      feeds.add(topicFeedUrl(topicUrl(listing.entry)));
  }
  return feeds;
}
