/** Links from article bodies to the site's own pages: each must reach a page the site writes. */
import { distance } from "fastest-levenshtein";
import type { Diagnostics } from "./diagnostics.ts";
import type { Article } from "./model.ts";
import type { SiteFile } from "./site-files.ts";
import { destinationKindOf, type SiteLink } from "../text/site-links.ts";
import { closest } from "../text/suggest.ts";
import { momentName } from "../text/moment-names.ts";
import { ARTICLE_URL, fileOfUrl, PHOTOS_URL, SEARCH_INDEX_URL } from "../urls/site-urls.ts";
import { messages } from "../i18n/messages.ts";
import { mayBeUrlOfFileWithErrors } from "./claims.ts";

export interface LinkCheck {
  /** The build's "now": an article dated after it is held back. */
  nowMs: number;
  /** Only these articles' links are checked (against every article's pages and aliases). */
  only?: ReadonlySet<Article>;
  /**
   * The URLs of articles whose files have errors, as far as they can be read: a link to one is
   * left alone, its page missing for a reason reported at its own file.
   */
  withErrors?: ReadonlySet<string>;
  /**
   * The slugs files with errors may have when their URLs can't be read (see `ArticleEntry.slugs`):
   * a link to an article URL with one of them, on any day, may reach one once it is mended.
   */
  slugsWithErrors?: ReadonlySet<string>;
  /** Files with errors whose body can be read: their links are checked too. */
  fromFilesWithErrors?: readonly LinkingFile[];
  /**
   * Site paths whose pages are not known until a registry reads (`/sujets/` while topics.yaml
   * does not): a link there is left for then, the others checked in this run.
   */
  waiting?: readonly string[];
}

/**
 * A file with errors whose links are checked all the same, so that they come in the same run as
 * its other errors: its links are those CommonMark reads as links; its URL and date as far as
 * they are written right (without its URL, only its root-relative links are checked).
 */
export interface LinkingFile {
  sourcePath: string;
  url?: string;
  draft: boolean;
  published?: { epochMs: number };
  links: readonly SiteLink[];
}

/**
 * Checks every link of every article body to the site's own pages (root-relative, or relative to
 * the article's URL) against the files the site writes (`files`, with the articles' aliases): a
 * link to no page is an error at its line, with the nearest existing URL when one is close; so is
 * a published article's link to a draft, or to an article held back until after `nowMs`. In a
 * draft these are warnings. Linear in the links; only a broken link costs a search.
 */
export function checkBodyLinks(articles: readonly Article[], files: readonly SiteFile[], diagnostics: Diagnostics, check: LinkCheck): void {
  const { nowMs, only, withErrors, slugsWithErrors, fromFilesWithErrors = [], waiting = [] } = check;
  if (!articles.some((a) => a.links.length > 0) && fromFilesWithErrors.length === 0) return;
  const byPath = new Map<string, SiteFile>();
  for (const file of files) byPath.set(file.path, file);
  for (const article of articles) for (const alias of article.aliases) byPath.set(fileOfUrl(alias), { path: fileOfUrl(alias), article, alias });
  let nearest: NearestUrl | undefined;
  // `body` tells the links from destinations the scan found in code spans; without it, all are links.
  // Asked only for a link to no page: a body restored from the cache is read from its file then.
  const checkLinks = (from: LinkingFile, body?: () => string): void => {
    let kindOf: ReturnType<typeof destinationKindOf> | undefined;
    for (const link of from.links) {
      // An address written whole on the site's host is checked as written from its root.
      const written = link.relative ?? link.url;
      if (from.url === undefined && !written.startsWith("/")) continue;
      const path = sitePathOf(written, from.url ?? "/");
      if (path.startsWith(SEARCH_INDEX_URL) || waiting.some((prefix) => path.startsWith(prefix))) continue;
      const target = byPath.get(path) ?? (path.endsWith("/index.html") ? undefined : byPath.get(`${path}/index.html`));
      if (target === undefined && (withErrors?.has(urlOfPath(path)) || mayBeUrlOfFileWithErrors(urlOfPath(path), slugsWithErrors))) continue;
      const report = (message: (draft: boolean) => string, kind: "bodyLinkMissing" | "bodyLinkToDraft" | "bodyLinkToHeldBack"): void => {
        if (from.draft) diagnostics.warning(from.sourcePath, link, message(true), kind);
        else diagnostics.error(from.sourcePath, link, message(false));
      };
      if (target === undefined) {
        if (body) kindOf ??= destinationKindOf(body());
        const kind = kindOf ? kindOf(link.url) : link.image ? "image" : "link";
        if (kind === undefined) continue;
        const shown = shownUrl(link, path);
        if (kind === "image") {
          report((draft) => messages().diagnostics.bodyImageMissing(shown, isArchivePhoto(written, path), draft), "bodyLinkMissing");
          continue;
        }
        // Past the file's cap the error is only counted: no search for a suggestion nobody sees.
        const near = diagnostics.isFull(from.sourcePath) ? undefined : (nearest ??= new NearestUrl(articles, files)).find(path);
        report((draft) => messages().diagnostics.bodyLinkMissing(shown, near, draft), "bodyLinkMissing");
      } else if (target.article) {
        const { sourcePath, published } = target.article;
        const named = link.relative === undefined ? link.url : shownUrl(link, path);
        const why = notOnline(target.article, from, nowMs);
        if (why === "draft" && target.alias === undefined)
          report((draft) => messages().diagnostics.bodyLinkToDraft(named, sourcePath, draft), "bodyLinkToDraft");
        // Its page, and its aliases' redirects, appear only with it.
        else if (why === "heldBack")
          report((draft) => messages().diagnostics.bodyLinkToHeldBack(named, sourcePath, momentName(published), draft), "bodyLinkToHeldBack");
      }
    }
  };
  for (const article of articles) if (article.links.length > 0 && (!only || only.has(article))) checkLinks(article, () => article.body);
  for (const file of fromFilesWithErrors) checkLinks(file);
}

// Why `from` may not link to `target` yet: a published article to a draft, which never goes
// online; any article to one held back until after `from` itself appears (after `nowMs`, or after
// its own date when it is held back too: an embargoed article may link to one that appears first).
function notOnline(target: Article, from: Pick<LinkingFile, "draft" | "published">, nowMs: number): "draft" | "heldBack" | undefined {
  if (target.draft) return from.draft ? undefined : "draft";
  return target.published.epochMs > Math.max(nowMs, from.published?.epochMs ?? nowMs) ? "heldBack" : undefined;
}

/**
 * Whether every link of these articles reaches the page of an article of `byUrl` (a published
 * one from a published article, not held back after `nowMs`): then `checkBodyLinks` has nothing
 * to say of them. False for any other link, even one that reaches a page: only `checkBodyLinks`
 * knows every page.
 */
export function linksReachArticles(articles: readonly Article[], byUrl: ReadonlyMap<string, Article>, nowMs: number): boolean {
  for (const article of articles) {
    for (const link of article.links) {
      const path = sitePathOf(link.relative ?? link.url, article.url);
      const target = path.endsWith("/index.html") ? byUrl.get(urlOfPath(path)) : undefined;
      if (!target || notOnline(target, article, nowMs)) return false;
    }
  }
  return true;
}

/**
 * Whether the links of these articles, each of which reached a page before some pages went (`gone`:
 * their files, `fileOfUrl`), still do: each reaches a page of an article's shape
 * (`/2021/12/09/x/`, which only articles and their aliases take) that did not go. False for any
 * other link: a day's, a month's or a list's page may have gone with the articles removed.
 */
export function linksMissGone(articles: readonly Article[], gone: ReadonlySet<string>): boolean {
  for (const article of articles) {
    for (const link of article.links) {
      const path = sitePathOf(link.relative ?? link.url, article.url);
      if (gone.has(path) || !path.endsWith("/index.html") || !ARTICLE_URL.test(urlOfPath(path))) return false;
    }
  }
  return true;
}

// The file a link from the page at `from` reaches: relative to it, fragment and query dropped,
// dot segments resolved as a browser does (`/2021/12/09/./x/` is `/2021/12/09/x/`, `..` past the
// root stays at the root), `/x/` → `/x/index.html`, escapes decoded (a malformed one matches no
// page, and is reported).
function sitePathOf(url: string, from: string): string {
  const end = url.search(/[?#]/);
  const written = end === -1 ? url : url.slice(0, end) || "/";
  // `//x` would be another host to a resolver: kept as written, it matches no page.
  return fileOfUrl(written.startsWith("//") ? written : new URL(written, `http://site${from}`).pathname);
}

// A link as a message shows it: as written; with its URL when written relative to the article's;
// with the path to write when written whole on the site's host.
function shownUrl(link: SiteLink, path: string): string {
  if (link.relative !== undefined) return messages().diagnostics.withoutHost(link.url, link.relative);
  return link.url.startsWith("/") ? link.url : `${link.url} (${urlOfPath(path)})`;
}

// One of the archive's photos, by the site's path or as the `image` field writes it (`images/…`, relative to content/).
function isArchivePhoto(url: string, path: string): boolean {
  return path.startsWith(PHOTOS_URL) || /^(?:content\/)?images\//.test(url);
}

// A site path as a URL: `/x/index.html` → `/x/`.
function urlOfPath(path: string): string {
  return path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path;
}

/**
 * The published URL closest to a broken one: the same slug on another day, a close slug on the same
 * day, a title of that day it shortens or shares most words with (see titleOfSameDay), else a close page.
 */
class NearestUrl {
  private readonly bySlug = new Map<string, string>();
  private readonly byDay = new Map<string, Article[]>();
  private readonly pages: string[] = [];
  // Many links may share a broken target (a page copied, a link pasted in many articles).
  private readonly found = new Map<string, string | undefined>();

  constructor(articles: readonly Article[], files: readonly SiteFile[]) {
    for (const article of articles) {
      if (article.draft) continue;
      this.bySlug.set(article.slug, article.url);
      const day = article.url.slice(1, 11);
      const list = this.byDay.get(day);
      if (list) list.push(article);
      else this.byDay.set(day, [article]);
    }
    for (const file of files) if (!file.article && file.path.endsWith("/index.html")) this.pages.push(urlOfPath(file.path));
  }

  find(path: string): string | undefined {
    if (this.found.has(path)) return this.found.get(path);
    const near = this.search(path);
    this.found.set(path, near);
    return near;
  }

  private search(path: string): string | undefined {
    const url = urlOfPath(path);
    const article = ARTICLE_URL.exec(url);
    if (!article) return closest(url, this.pages, (page) => page, Math.floor(url.length / 3), urlDistance);
    const [, day, slug] = article as unknown as [string, string, string];
    const sameDay = this.byDay.get(day) ?? [];
    return this.bySlug.get(slug) ?? closest(slug, sameDay, (a) => a.slug, Math.max(3, Math.floor(slug.length / 2)))?.url ?? titleOfSameDay(slug, sameDay)?.url;
  }
}

/**
 * The article of a day a link's slug is a shortened (or lengthened) title of: one whose slug starts
 * with it, word for word (`l-irak-annonce-la-fin` for `l-irak-annonce-la-fin-de-la-mission-…`), or
 * that it starts with, the nearest in length; else the one sharing the most of its words of three
 * letters or more, when it shares two and two thirds of them at least, the nearest in length of equals.
 * A look at one day's articles.
 */
function titleOfSameDay(slug: string, sameDay: readonly Article[]): Article | undefined {
  let best: Article | undefined;
  let bestLength = Number.POSITIVE_INFINITY;
  for (const article of sameDay) {
    const other = article.slug;
    const prefixed = other.startsWith(`${slug}-`) || slug.startsWith(`${other}-`);
    if (prefixed && Math.abs(other.length - slug.length) < bestLength) {
      best = article;
      bestLength = Math.abs(other.length - slug.length);
    }
  }
  if (best) return best;
  const words = new Set(slug.split("-").filter((word) => word.length >= 3));
  if (words.size < 2) return undefined;
  let bestShared = Math.max(2, Math.ceil((words.size * 2) / 3)) - 1;
  for (const article of sameDay) {
    let shared = 0;
    for (const word of new Set(article.slug.split("-"))) if (words.has(word)) shared++;
    const length = Math.abs(article.slug.length - slug.length);
    if (shared > bestShared || (best && shared === bestShared && length < bestLength)) {
      best = article;
      bestShared = shared;
      bestLength = length;
    }
  }
  return best;
}

// Edits from a URL to a page's, segment by segment when they have as many: a segment typed short
// (`trt` for `trt-fr`) counts as one edit, as suggestName counts a name typed short, so that
// /sources/trt/ is nearer /sources/trt-fr/ than /sources/aa/, three letters away.
function urlDistance(typed: string, page: string): number {
  const segments = typed.split("/");
  const pageSegments = page.split("/");
  if (segments.length !== pageSegments.length) return distance(typed, page);
  let edits = 0;
  segments.forEach((segment, i) => {
    const other = pageSegments[i]!;
    const short = segment.length < other.length ? segment : other;
    const isPrefix = short.length >= 2 && (other.startsWith(segment) || segment.startsWith(other));
    edits += isPrefix ? Math.min(1, distance(segment, other)) : distance(segment, other);
  });
  return edits;
}
