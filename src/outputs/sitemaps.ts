import type { SiteView } from "../plan/site-data.ts";
import type { ArticlePage, SitePages } from "../plan/pages.ts";
import { buildListXml, buildXml } from "./xml.ts";
import { isIndexable } from "./metadata.ts";
import {
  absoluteUrl,
  dayUrl,
  monthUrl,
  SITEMAP_LIMIT,
  SITEMAP_URL,
  sitemapPartUrl,
  sourceUrl,
  SOURCES_URL,
  topicUrl,
  TOPICS_URL,
  yearUrl,
} from "../urls/site-urls.ts";
import type { Archive } from "../archive/archive.ts";
import { paginate } from "../archive/pagination.ts";
import type { Article } from "../content/model.ts";

/** The sitemaps protocol's limit of URLs in one file (https://www.sitemaps.org/protocol.html). */
/** Google News reads at most 1,000 URLs a news sitemap, published in the last two days. */
export const NEWS_LIMIT = 1_000;
export const NEWS_WINDOW_MS = 2 * 24 * 3600 * 1000;

const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

/** One URL of a sitemap: absolute location, last change as W3C datetime. */
export interface SitemapEntry {
  loc: string;
  lastmod: string;
}

interface Instant {
  iso: string;
  ms: number;
}

function instant(iso: string): Instant {
  return { iso, ms: Date.parse(iso) };
}

function later(a: Instant | undefined, b: Instant | undefined): Instant | undefined {
  return !a ? b : !b ? a : b.ms > a.ms ? b : a;
}

/** An article's last change: its update, else its publication. */
export function modifiedOf(page: ArticlePage): string {
  return page.article.updatedIso ?? page.article.dateIso;
}

/**
 * Every page worth crawling with the date it last changed: an article's own date; a list, day,
 * month or year page the newest change among its articles (a new article shifts every page of a
 * list); home and indexes the newest change of all. The 404 and search pages are left out, and so
 * are the topics and sources without articles.
 * Articles come first, oldest first, so the first files of a split sitemap rarely change.
 */
export function sitemapEntries(site: SiteView, pages: SitePages, buildIso: string): SitemapEntry[] {
  const byArticle = new Map<string, Instant>();
  const byPrefix = new Map<string, Instant>();
  let newest: Instant | undefined;
  for (const page of pages.articles) {
    const m = instant(modifiedOf(page));
    byArticle.set(page.url, m);
    newest = later(newest, m);
    // Article URLs are /YYYY/MM/DD/slug/: their year and month pages are the prefixes.
    for (const prefix of [page.url.slice(0, 6), page.url.slice(0, 9)]) byPrefix.set(prefix, later(byPrefix.get(prefix), m)!);
  }
  const fallback = newest ?? instant(buildIso);
  const newestOf = (urls: Iterable<string>): Instant => {
    let m: Instant | undefined;
    for (const url of urls) m = later(m, byArticle.get(url));
    return m ?? fallback;
  };

  const byList = new Map<string, Instant>();
  for (const page of pages.lists) {
    const first = page.pagination.pageUrls[0] ?? page.url;
    byList.set(first, later(byList.get(first), newestOf(page.items.map((i) => i.url)))!);
  }

  const entries: SitemapEntry[] = [];
  const add = (url: string, m: Instant): void => {
    entries.push({ loc: absoluteUrl(site, url), lastmod: m.iso });
  };
  for (let i = pages.articles.length - 1; i >= 0; i--) add(pages.articles[i]!.url, byArticle.get(pages.articles[i]!.url)!);
  for (const page of pages.home) add(page.url, fallback);
  for (const page of pages.indexes) add(page.url, fallback);
  // A topic or source without articles is built but not indexed (metadata.ts): not listed either.
  for (const page of pages.lists) if (isIndexable(page)) add(page.url, byList.get(page.pagination.pageUrls[0] ?? page.url) ?? fallback);
  for (const page of pages.years) add(page.url, byPrefix.get(page.url) ?? fallback);
  for (const page of pages.months) add(page.url, byPrefix.get(page.url) ?? fallback);
  for (const page of pages.days) add(page.url, newestOf(page.items.map((i) => i.url)));
  return entries;
}

/**
 * The entries `sitemapEntries` gives for the whole plan of this archive, read from the archive
 * itself, in the same order and with the same ties: the fast path for added articles plans some
 * pages only, and the sitemaps list them all. Tested against `sitemapEntries` (tests/outputs).
 */
export function archiveSitemapEntries(site: SiteView, archive: Archive, buildIso: string): SitemapEntry[] {
  const byArticle = new Map<Article, Instant>();
  const byPrefix = new Map<string, Instant>();
  let newest: Instant | undefined;
  for (const article of archive.articles) {
    // As `modifiedOf` reads the article's view: its update, else its publication.
    const m = instant(article.updated?.iso ?? article.published.iso);
    byArticle.set(article, m);
    newest = later(newest, m);
    for (const prefix of [article.url.slice(0, 6), article.url.slice(0, 9)]) byPrefix.set(prefix, later(byPrefix.get(prefix), m)!);
  }
  const fallback = newest ?? instant(buildIso);
  const newestOf = (articles: readonly Article[]): Instant => {
    let m: Instant | undefined;
    for (const article of articles) m = later(m, byArticle.get(article));
    return m ?? fallback;
  };
  const entries: SitemapEntry[] = [];
  const add = (url: string, m: Instant): void => {
    entries.push({ loc: absoluteUrl(site, url), lastmod: m.iso });
  };
  for (let i = archive.articles.length - 1; i >= 0; i--) add(archive.articles[i]!.url, byArticle.get(archive.articles[i]!)!);
  add("/", fallback);
  add(TOPICS_URL, fallback);
  add(SOURCES_URL, fallback);
  const lists = [
    ...archive.topics.map((l) => ({ articles: l.articles, base: topicUrl(l.entry) })),
    ...archive.sources.map((l) => ({ articles: l.articles, base: sourceUrl(l.entry) })),
  ];
  // A list without articles is not indexed; every page of a list has the list's newest change.
  for (const { articles, base } of lists) {
    if (articles.length === 0) continue;
    const m = newestOf(articles);
    for (const page of paginate(articles, base)) add(page.url, m);
  }
  for (const y of archive.years) add(yearUrl(y.year), byPrefix.get(yearUrl(y.year)) ?? fallback);
  for (const y of archive.years) for (const m of y.months) add(monthUrl(m.year, m.month), byPrefix.get(monthUrl(m.year, m.month)) ?? fallback);
  for (const d of archive.days) add(dayUrl(d.day), newestOf(d.articles));
  return entries;
}

/** A `<urlset>` document. */
export function renderUrlset(entries: readonly SitemapEntry[]): string {
  return buildListXml(
    "urlset",
    { xmlns: SITEMAP_NS },
    "url",
    entries.map((e) => ({ loc: e.loc, lastmod: e.lastmod })),
  );
}

/** A `<sitemapindex>` document. */
export function renderSitemapIndex(sitemaps: readonly SitemapEntry[]): string {
  return buildListXml(
    "sitemapindex",
    { xmlns: SITEMAP_NS },
    "sitemap",
    sitemaps.map((e) => ({ loc: e.loc, lastmod: e.lastmod })),
  );
}

/**
 * The sitemap files, as site-relative path → text: `/sitemap.xml` alone up to `limit` URLs, else
 * an index there over `/sitemap-1.xml`, `/sitemap-2.xml`…
 */
export function planSitemaps(site: SiteView, entries: readonly SitemapEntry[], limit = SITEMAP_LIMIT): Map<string, string> {
  if (entries.length <= limit) return new Map([[SITEMAP_URL, renderUrlset(entries)]]);
  const files = new Map<string, string>();
  const parts: SitemapEntry[] = [];
  for (let start = 0, n = 1; start < entries.length; start += limit, n++) {
    const chunk = entries.slice(start, start + limit);
    files.set(sitemapPartUrl(n), renderUrlset(chunk));
    let newest: Instant | undefined;
    for (const e of chunk) newest = later(newest, instant(e.lastmod));
    parts.push({ loc: absoluteUrl(site, sitemapPartUrl(n)), lastmod: newest!.iso });
  }
  files.set(SITEMAP_URL, renderSitemapIndex(parts));
  return files;
}

/** An article of the news sitemap. */
export interface NewsEntry {
  loc: string;
  published: string;
  title: string;
}

/**
 * Articles published in the two days up to the build's date, newest first, at most `NEWS_LIMIT`;
 * articles dated after the build are not news yet. Pages come newest first.
 */
export function newsEntries(site: SiteView, articles: readonly ArticlePage[], nowMs: number): NewsEntry[] {
  const entries: NewsEntry[] = [];
  for (const page of articles) {
    const ms = Date.parse(page.article.dateIso);
    if (ms > nowMs) continue;
    if (ms < nowMs - NEWS_WINDOW_MS || entries.length === NEWS_LIMIT) break;
    entries.push({ loc: absoluteUrl(site, page.url), published: page.article.dateIso, title: page.article.title });
  }
  return entries;
}

/** A Google News sitemap (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap). */
export function renderNewsSitemap(site: SiteView, entries: readonly NewsEntry[]): string {
  return buildXml({
    urlset: {
      "@xmlns": SITEMAP_NS,
      "@xmlns:news": NEWS_NS,
      url: entries.map((e) => ({
        loc: e.loc,
        "news:news": {
          "news:publication": { "news:name": site.title, "news:language": "fr" },
          "news:publication_date": e.published,
          "news:title": e.title,
        },
      })),
    },
  });
}
