/** The URLs of the site's pages, as the contract fixes them: one place for pages, feeds and the list of paths the site writes. */
import type { Day } from "../text/dates.ts";

/** `/sujets/`, the index of topics. */
export const TOPICS_URL = "/sujets/";
/** `/sources/`, the index of sources. */
export const SOURCES_URL = "/sources/";
export const NOT_FOUND_URL = "/404.html";
export const SEARCH_URL = "/recherche/";

/** The URL of a topic's page. */
export function topicUrl(topic: { slug: string }): string {
  return `${TOPICS_URL}${topic.slug}/`;
}

/** The URL of a source's page: `TRT FR` → `/sources/trt-fr/`. */
export function sourceUrl(source: { slug: string }): string {
  return `${SOURCES_URL}${source.slug}/`;
}

/** The URL of a day's page. */
export function dayUrl(day: Day): string {
  return `/${day.replaceAll("-", "/")}/`;
}

/** An article's URL (`/2021/12/09/un/`, the trailing slash optional): its day, then its slug. */
export const ARTICLE_URL = /^\/(\d{4}\/\d{2}\/\d{2})\/([^/]+)\/?$/;

/** The day an article's URL starts with (`/2024/03/15/slug/` → `2024-03-15`); undefined for another page's URL. */
export function articleUrlDay(url: string): Day | undefined {
  const day = ARTICLE_URL.exec(url)?.[1];
  return day === undefined ? undefined : (day.replaceAll("/", "-") as Day);
}

/** The URL of a month's page. */
export function monthUrl(year: number, month: number): string {
  return `/${year}/${String(month).padStart(2, "0")}/`;
}

/** The URL of a year's page. */
export function yearUrl(year: number): string {
  return `/${year}/`;
}

export const PAGE_SIZE = 20;

/**
 * Page K of a list lives at `<base>page/K/`; page 1 at `<base>` itself.
 * @example pageUrl("/sujets/irak/", 2) // "/sujets/irak/page/2/"
 */
export function pageUrl(base: string, number: number): string {
  return number === 1 ? base : `${base}page/${number}/`;
}

/**
 * Where a list's page 1 would be were it not at `<base>`: a redirect page to `<base>` lives there.
 * @example firstPageUrl("/sujets/irak/") // "/sujets/irak/page/1/"
 */
export function firstPageUrl(base: string): string {
  return `${base}page/1/`;
}

/**
 * The pages of a former list (`/sujets/irak/`, its `page/1/`, `page/2/`…, as many as the list of
 * `count` articles has now), each with the page of the list now that it leads to.
 */
export function formerListPages(former: string, now: string, count: number): { url: string; to: string }[] {
  const total = Math.max(1, Math.ceil(count / PAGE_SIZE));
  const pages = [
    { url: former, to: now },
    { url: firstPageUrl(former), to: now },
  ];
  for (let n = 2; n <= total; n++) pages.push({ url: pageUrl(former, n), to: pageUrl(now, n) });
  return pages;
}

export const ATOM_FEED_URL = "/feed.xml";
export const JSON_FEED_URL = "/feed.json";

/** The absolute URL of a site-relative one. */
export function absoluteUrl(site: { baseUrl: string }, url: string): string {
  return site.baseUrl + url;
}

/** The URL of a topic's Atom feed, from the topic page's URL: `/sujets/irak/` → `/sujets/irak/feed.xml`. */
export function topicFeedUrl(topicUrl: string): string {
  return `${topicUrl}feed.xml`;
}

/** The sitemaps protocol's limit of URLs in one file (https://www.sitemaps.org/protocol.html). */
export const SITEMAP_LIMIT = 50_000;

export const SITEMAP_URL = "/sitemap.xml";
export const NEWS_SITEMAP_URL = "/sitemap-news.xml";

/** The site-relative URL of the n-th (1-based) sitemap of a split: at the root, since a sitemap may only list URLs below its own folder. */
export function sitemapPartUrl(n: number): string {
  return `/sitemap-${n}.xml`;
}

export const ROBOTS_URL = "/robots.txt";

/** The web app manifest, written by the build (it carries the site's name). */
export const MANIFEST_URL = "/manifest.webmanifest";
/** The icons, in public/: the ICO every browser asks for, the SVG modern ones prefer. */
export const FAVICON_URL = "/favicon.ico";
export const ICON_SVG_URL = "/icon.svg";
export const APPLE_TOUCH_ICON_URL = "/apple-touch-icon.png";
/** The PNG icons the manifest names, by size. */
export const MANIFEST_ICONS = [
  { url: "/icon-192.png", size: 192 },
  { url: "/icon-512.png", size: 512 },
] as const;
/** The site's picture for link previews (Open Graph, Twitter), at the 1.91:1 size networks crop to. */
export const SITE_IMAGE = { url: "/site-image.png", width: 1200, height: 630 } as const;

export const REDIRECTS_URL = "/_redirects";

/** The folder of the search index: Pagefind writes everything below it. */
export const SEARCH_INDEX_URL = "/pagefind/";

/**
 * The site URL of an article from its day and slug.
 * @example articleUrl("2021-12-09", "l-irak") // "/2021/12/09/l-irak/"
 */
export function articleUrl(day: Day, slug: string): string {
  return `/${day.replaceAll("-", "/")}/${slug}/`;
}

/**
 * The path a static server looks for a URL at: its escapes decoded, as GitHub Pages or
 * `python3 -m http.server` decode a request's path before they look for its file. A malformed
 * escape (only a link can hold one: `check` refuses it in an alias) stays as written.
 * @example pathOfUrl("/2021/caf%C3%A9/") // "/2021/café/"
 */
export function pathOfUrl(url: string): string {
  if (!url.includes("%")) return url;
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** The file a page URL is written to: `/x/` → `/x/index.html`, `/404.html` as is, escapes decoded (`pathOfUrl`). */
export function fileOfUrl(url: string): string {
  const path = pathOfUrl(url);
  return path.endsWith("/") ? `${path}index.html` : path;
}

/** The folder of the photos' derivatives, one subfolder per photo's content. */
export const PHOTOS_URL = "/images/";

/**
 * The URL of one derivative of a photo: its folder named by the digest of the photo's bytes, so
 * that a changed photo never reaches readers under an address their browser has cached.
 * @example photoUrl("3fa2…", "irak", "800", "avif") // "/images/3fa2b1c4d5e6f708/irak-800.avif"
 */
export function photoUrl(digest: string, name: string, variant: string, extension: string): string {
  return `${photoFolderUrl(digest)}${name}-${variant}.${extension}`;
}

/** The folder of a photo's derivatives: one per file's content, shared by two files of the same bytes. */
export function photoFolderUrl(digest: string): string {
  return `${PHOTOS_URL}${digest.slice(0, 16)}/`;
}
