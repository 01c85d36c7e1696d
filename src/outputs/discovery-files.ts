import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SiteView } from "../plan/site-data.ts";
import type { SitePages } from "../plan/pages.ts";
import { planFeeds } from "./feeds.ts";
import { renderRobotsTxt } from "./robots.ts";
import { newsEntries, planSitemaps, renderNewsSitemap, sitemapEntries } from "./sitemaps.ts";
import { webManifest } from "./metadata.ts";
import { absoluteUrl, MANIFEST_URL, NEWS_SITEMAP_URL, ROBOTS_URL, SITEMAP_URL } from "../urls/site-urls.ts";

/**
 * Every machine-readable file of the site beside its pages, as site-relative path → text: feeds,
 * sitemaps, the news sitemap (only when an article falls in its window: an empty `<urlset>` is
 * invalid), robots.txt naming the sitemaps written, and the web app manifest. `nowMs` is the
 * build's date: it picks the news and dates a feed that has no entry.
 */
export function planDiscoveryFiles(site: SiteView, pages: SitePages, nowMs: number): Map<string, string> {
  const buildIso = new Date(nowMs).toISOString();
  const news = newsEntries(site, pages.articles, nowMs);
  const sitemaps = [SITEMAP_URL, ...(news.length > 0 ? [NEWS_SITEMAP_URL] : [])];
  return new Map([
    ...planFeeds(site, pages, buildIso),
    ...planSitemaps(site, sitemapEntries(site, pages, buildIso)),
    ...(news.length > 0 ? ([[NEWS_SITEMAP_URL, renderNewsSitemap(site, news)]] as const) : []),
    [ROBOTS_URL, renderRobotsTxt(sitemaps.map((url) => absoluteUrl(site, url)))],
    [MANIFEST_URL, `${JSON.stringify(webManifest(site), null, 1)}\n`],
  ]);
}

/** Writes the feeds, sitemaps and robots.txt into a built site folder; returns their site-relative paths. */
export function writeDiscoveryFiles(siteDir: string, site: SiteView, pages: SitePages, nowMs: number): string[] {
  const files = planDiscoveryFiles(site, pages, nowMs);
  for (const [url, text] of files) {
    const path = join(siteDir, url);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return [...files.keys()];
}
