/** Every path the site writes, known from the content alone: what an alias may not take. */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Claimant } from "./claims.ts";
import type { Article, Content, Day } from "./model.ts";
import {
  ATOM_FEED_URL,
  dayUrl,
  fileOfUrl,
  firstPageUrl,
  formerListPages,
  JSON_FEED_URL,
  monthUrl,
  NEWS_SITEMAP_URL,
  NOT_FOUND_URL,
  PAGE_SIZE,
  PHOTOS_URL,
  pageUrl,
  REDIRECTS_URL,
  MANIFEST_URL,
  ROBOTS_URL,
  SEARCH_INDEX_URL,
  SEARCH_URL,
  SITEMAP_LIMIT,
  SITEMAP_URL,
  sitemapPartUrl,
  SOURCES_URL,
  sourceUrl,
  topicFeedUrl,
  TOPICS_URL,
  topicUrl,
  yearUrl,
} from "../urls/site-urls.ts";
import { SITE_MARKER } from "../files/output-folder.ts";

/** What a file with errors brings to the site's lists (see Claimant). */
type ListedWithErrors = Pick<Claimant, "published" | "topicSlugs" | "sourceSlugs">;

/** A file of the site, and who asked for it. */
export interface SiteFile<A = Article> {
  /** Site-relative path of the file: `/2021/12/09/titre/index.html`, `/feed.xml`. */
  path: string;
  /** The article whose page, or redirect page, it is. */
  article?: A;
  /** The alias it is the redirect page of. */
  alias?: string;
}

const publicFolder = fileURLToPath(new URL("../../public/", import.meta.url));

/**
 * Every file the site writes but its articles' redirect pages: pages (topics' and sources' former
 * pages and each list's `page/1/` included), feeds, sitemaps, robots.txt,
 * `_redirects`, the files of public/. Drafts count, as a `--drafts` build writes their pages: the
 * list holds what any build writes. The search index and the photos fill RESERVED_FOLDERS, whole.
 * `withErrors` are what files with errors bring to the lists (see Claimant): once the files are
 * mended their day's, month's and year's pages are there, and their topics' and sources' pages
 * count them, so an alias may not take those pages and a link to them is not broken.
 */
export function siteFiles(content: Pick<Content, "topics" | "sources" | "articles">, withErrors: readonly ListedWithErrors[] = []): SiteFile[] {
  const pages: string[] = ["/", TOPICS_URL, SOURCES_URL];
  const days = new Set<Day>();
  for (const article of content.articles) days.add(article.published.day);
  for (const file of withErrors) if (file.published) days.add(file.published.day);
  const months = new Set([...days].map((day) => day.slice(0, 7)));
  const years = new Set([...months].map((month) => month.slice(0, 4)));
  for (const day of days) pages.push(dayUrl(day));
  for (const month of months) pages.push(monthUrl(Number(month.slice(0, 4)), Number(month.slice(5))));
  for (const year of years) pages.push(yearUrl(Number(year)));

  const perTopic = new Map<string, number>();
  const perSource = new Map<string, number>();
  for (const article of content.articles) {
    for (const topic of article.topics) perTopic.set(topic.slug, (perTopic.get(topic.slug) ?? 0) + 1);
    for (const source of article.sources) perSource.set(source.slug, (perSource.get(source.slug) ?? 0) + 1);
  }
  for (const file of withErrors) {
    for (const slug of file.topicSlugs ?? []) perTopic.set(slug, (perTopic.get(slug) ?? 0) + 1);
    for (const slug of file.sourceSlugs ?? []) perSource.set(slug, (perSource.get(slug) ?? 0) + 1);
  }
  const feeds: string[] = [];
  for (const topic of content.topics) {
    pages.push(...listPages(topicUrl(topic), perTopic.get(topic.slug) ?? 0));
    feeds.push(topicFeedUrl(topicUrl(topic)));
  }
  for (const source of content.sources) pages.push(...listPages(sourceUrl(source), perSource.get(source.slug) ?? 0));

  // The sitemaps list every page but the 404, the search page and the redirects.
  const sitemapEntries = pages.length + content.articles.length;
  const sitemapParts = sitemapEntries > SITEMAP_LIMIT ? Math.ceil(sitemapEntries / SITEMAP_LIMIT) : 0;
  pages.push(NOT_FOUND_URL, SEARCH_URL);
  // The former pages of topics and sources (their `aliases`, each page of them) redirect; a topic's feed stays at each.
  for (const topic of content.topics)
    for (const slug of topic.aliases ?? []) {
      pages.push(...formerListPages(topicUrl({ slug }), topicUrl(topic), perTopic.get(topic.slug) ?? 0).map((page) => page.url));
      feeds.push(topicFeedUrl(topicUrl({ slug })));
    }
  for (const source of content.sources)
    for (const slug of source.aliases ?? [])
      pages.push(...formerListPages(sourceUrl({ slug }), sourceUrl(source), perSource.get(source.slug) ?? 0).map((page) => page.url));
  // Each list's `page/1/`, a redirect page to the list: not an alias's to take, nor a broken link.
  for (const list of [...content.topics.map(topicUrl), ...content.sources.map(sourceUrl)]) pages.push(firstPageUrl(list));

  return [
    ...content.articles.map((article) => ({ path: fileOfUrl(article.url), article })),
    ...pages.map((url) => ({ path: fileOfUrl(url) })),
    ...[ATOM_FEED_URL, JSON_FEED_URL, ...feeds, SITEMAP_URL, NEWS_SITEMAP_URL, ROBOTS_URL, REDIRECTS_URL, MANIFEST_URL, `/${SITE_MARKER}`].map((path) => ({
      path,
    })),
    ...Array.from({ length: sitemapParts }, (_, i) => ({ path: sitemapPartUrl(i + 1) })),
    ...publicFiles().map((path) => ({ path })),
  ];
}

function listPages(base: string, count: number): string[] {
  return Array.from({ length: Math.max(1, Math.ceil(count / PAGE_SIZE)) }, (_, i) => pageUrl(base, i + 1));
}

function publicFiles(): string[] {
  return readdirSync(publicFolder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${relative(publicFolder, join(entry.parentPath, entry.name)).split("\\").join("/")}`);
}

/** The folders the site fills whole, from no list of files: the search index and the photos. */
export const RESERVED_FOLDERS = [SEARCH_INDEX_URL, PHOTOS_URL] as const;

/** Why a path can't be written: it is another file, lies inside a file or a reserved folder, or is a folder other files need. */
export type PathClash<A = Article> = { kind: "same" | "inside" | "over"; other: SiteFile<A> } | { kind: "folder"; folder: (typeof RESERVED_FOLDERS)[number] };

/**
 * The paths of a site's files (`fileOfUrl`: escapes decoded, as servers decode them), compared as
 * disks compare them: ignoring case (macOS and Windows disks do), Unicode composed (NFC).
 */
export class SitePaths<A = Article> {
  private readonly files = new Map<string, SiteFile<A>>();
  private readonly folders = new Map<string, SiteFile<A>>();

  constructor(files: Iterable<SiteFile<A>>) {
    for (const file of files) this.add(foldPath(file.path), file);
  }

  /** Takes a path for a new file (an alias's redirect page), or tells what it clashes with and leaves it out. */
  claim(file: SiteFile<A>): PathClash<A> | undefined {
    const key = foldPath(file.path);
    const same = this.files.get(key);
    if (same) return { kind: "same", other: same };
    const folder = RESERVED_FOLDERS.find((reserved) => key.startsWith(reserved));
    if (folder) return { kind: "folder", folder };
    for (let end = key.indexOf("/", 1); end !== -1; end = key.indexOf("/", end + 1)) {
      const outer = this.files.get(key.slice(0, end));
      if (outer) return { kind: "inside", other: outer };
    }
    const below = this.folders.get(`${key}/`);
    if (below) return { kind: "over", other: below };
    this.add(key, file);
    return undefined;
  }

  private add(key: string, file: SiteFile<A>): void {
    this.files.set(key, file);
    // Deepest first: a folder known already has its parents known (they were added with it), so
    // most files of 100,000 articles stop at their day's folder.
    for (let end = key.lastIndexOf("/"); end > 0; end = key.lastIndexOf("/", end - 1)) {
      const folder = key.slice(0, end + 1);
      if (this.folders.has(folder)) break;
      this.folders.set(folder, file);
    }
  }
}

const PLAIN_PATH = /^[a-z0-9/._~-]*$/;

/**
 * A file's path as disks tell paths apart.
 * @example foldPath("/2021/Café/") === foldPath("/2021/cafe\u0301/") // true
 */
export function foldPath(path: string): string {
  // The site's own paths are made of slugs: nothing to fold or compose.
  return PLAIN_PATH.test(path) ? path : path.normalize("NFC").toLowerCase();
}
