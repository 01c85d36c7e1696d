import type { SiteView } from "../plan/site-data.ts";
import type { ArticlePage, SitePages } from "../plan/pages.ts";
import { buildListXml, buildXml } from "./xml.ts";
import { isIndexable } from "./metadata.ts";
import {
  absoluteUrl,
  dayUrl,
  monthUrl,
  PAGE_SIZE,
  pageUrl,
  SITEMAP_LIMIT,
  SITEMAP_URL,
  sitemapPartUrl,
  sourceUrl,
  SOURCES_URL,
  topicUrl,
  TOPICS_URL,
  yearUrl,
} from "../urls/site-urls.ts";
import { type Archive, placeAmong } from "../archive/archive.ts";
import type { Article } from "../content/model.ts";

/** Google News reads at most 1,000 URLs a news sitemap, published in the last two days. */
export const NEWS_LIMIT = 1_000;
export const NEWS_WINDOW_MS = 2 * 24 * 3600 * 1000;

const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

/** One URL of a sitemap: absolute location, last change as W3C datetime. */
export interface SitemapEntry {
  loc: string;
  lastmod: string;
  /** `lastmod`'s instant: which change is newest (a split sitemap's index dates each file by it). */
  epochMs: number;
}

/**
 * The sitemap of an incremental build: every entry, and how many of the first are the last
 * build's (`unchangedSitemapEntries`), whose files it keeps.
 */
export interface SitemapPlan {
  entries: readonly SitemapEntry[];
  unchanged: number;
}

interface Instant {
  iso: string;
  epochMs: number;
}

function instant(iso: string): Instant {
  return { iso, epochMs: Date.parse(iso) };
}

// The first of the newest: an instant replaces another only when strictly later.
function later(a: Instant | undefined, b: Instant | undefined): Instant | undefined {
  return !a ? b : !b ? a : b.epochMs > a.epochMs ? b : a;
}

function entry(site: SiteView, url: string, m: Instant): SitemapEntry {
  return { loc: absoluteUrl(site, url), lastmod: m.iso, epochMs: m.epochMs };
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
    entries.push(entry(site, url, m));
  };
  // A draft (a preview's) is not indexed: not listed.
  for (let i = pages.articles.length - 1; i >= 0; i--)
    if (!pages.articles[i]!.article.draft) add(pages.articles[i]!.url, byArticle.get(pages.articles[i]!.url)!);
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
 * itself, in the same order and with the same dates: the fast path for added articles plans some
 * pages only, and the sitemaps list them all. It reads each article's own instants, and a list's
 * page URLs without paginating its articles: a push at 100,000 articles lists 125,000 URLs.
 * Tested against `sitemapEntries` (tests/plan).
 */
export function archiveSitemapEntries(site: SiteView, archive: Archive, buildIso: string): SitemapEntry[] {
  const modified = (article: Article): Instant => article.updated ?? article.published;
  // Days, months and years have articles: each has a newest change. An instant's text follows from
  // its time (the site's offset then), so which of two equal instants is kept makes no difference.
  const newest = <T>(items: readonly T[], instantOf: (item: T) => Instant): Instant => {
    let m = instantOf(items[0]!);
    for (const item of items) m = later(m, instantOf(item))!;
    return m;
  };
  const byDay = new Map(archive.days.map((d) => [d, newest(d.articles, modified)]));
  const months = archive.years.flatMap((y) => y.months);
  const byMonth = new Map(months.map((m) => [m, newest(m.days, (d) => byDay.get(d)!)]));
  const byYear = new Map(archive.years.map((y) => [y, newest(y.months, (m) => byMonth.get(m)!)]));
  const fallback = archive.years.length > 0 ? newest(archive.years, (y) => byYear.get(y)!) : instant(buildIso);
  const entries: SitemapEntry[] = [];
  const add = (url: string, m: Instant): void => {
    entries.push(entry(site, url, m));
  };
  for (let i = archive.articles.length - 1; i >= 0; i--) if (!archive.articles[i]!.draft) add(archive.articles[i]!.url, modified(archive.articles[i]!));
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
    const m = newest(articles, modified);
    for (let page = 1; page <= Math.ceil(articles.length / PAGE_SIZE); page++) add(pageUrl(base, page), m);
  }
  for (const [y, m] of byYear) add(yearUrl(y.year), m);
  for (const [month, m] of byMonth) add(monthUrl(month.year, month.month), m);
  for (const [d, m] of byDay) add(dayUrl(d.day), m);
  return entries;
}

/** A `<urlset>` document. */
export function renderUrlset(entries: readonly SitemapEntry[]): string {
  return buildListXml("urlset", { xmlns: SITEMAP_NS }, "url", entries, ["loc", "lastmod"]);
}

/** A `<sitemapindex>` document. */
export function renderSitemapIndex(sitemaps: readonly SitemapEntry[]): string {
  return buildListXml("sitemapindex", { xmlns: SITEMAP_NS }, "sitemap", sitemaps, ["loc", "lastmod"]);
}

/**
 * The sitemap files, as site-relative path → text: `/sitemap.xml` alone up to `limit` URLs, else
 * an index there over `/sitemap-1.xml`, `/sitemap-2.xml`… Left out: the files that hold none but the
 * first `unchanged` entries, which the last build's split wrote as they are (`sitemapPartsKept`).
 */
export function planSitemaps(site: SiteView, entries: readonly SitemapEntry[], limit = SITEMAP_LIMIT, unchanged = 0): Map<string, string> {
  if (entries.length <= limit) return new Map([[SITEMAP_URL, renderUrlset(entries)]]);
  const files = new Map<string, string>();
  const parts: SitemapEntry[] = [];
  const kept = sitemapPartsKept(entries.length, unchanged, limit).length;
  for (let start = 0, n = 1; start < entries.length; start += limit, n++) {
    const chunk = entries.slice(start, start + limit);
    if (n > kept) files.set(sitemapPartUrl(n), renderUrlset(chunk));
    let newest = chunk[0]!;
    for (const e of chunk) if (e.epochMs > newest.epochMs) newest = e;
    parts.push({ loc: absoluteUrl(site, sitemapPartUrl(n)), lastmod: newest.lastmod, epochMs: newest.epochMs });
  }
  files.set(SITEMAP_URL, renderSitemapIndex(parts));
  return files;
}

/**
 * The files of a split sitemap that hold none but its first `unchanged` entries (of `entries`):
 * when the last build split its sitemap too, the same entries in the same files, which it keeps.
 * None when the sitemap is one file.
 */
export function sitemapPartsKept(entries: number, unchanged: number, limit = SITEMAP_LIMIT): string[] {
  if (entries <= limit) return [];
  return Array.from({ length: Math.floor(Math.min(unchanged, entries) / limit) }, (_, i) => sitemapPartUrl(i + 1));
}

/**
 * How many of the sitemap's first entries a change of articles leaves as they were: the
 * articles (oldest first, drafts left out) older than every article added (`added`, as the archive
 * holds them) and every article removed (as the last build had it). A push adds the newest: a
 * split sitemap's first files stay as they are.
 */
export function unchangedSitemapEntries(archive: Archive, added: Iterable<Article>, removed: Iterable<Article>): number {
  const articles = archive.articles;
  // Newest first: the articles from this index on are older than every change.
  let from = 0;
  for (const article of added) {
    const at = placeAmong(articles, article);
    from = Math.max(from, articles[at] === article ? at + 1 : at);
  }
  for (const article of removed) from = Math.max(from, placeAmong(articles, article));
  let count = 0;
  for (let i = from; i < articles.length; i++) if (!articles[i]!.draft) count++;
  return count;
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
    if (ms > nowMs || page.article.draft) continue;
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
