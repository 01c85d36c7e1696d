/**
 * The incremental build's fast path: when the only changes are the text of articles that keep
 * every other field, and articles added, the previous build's pages stay but those that show them:
 * the text edits' dependents (kept in the cache), and the pages the added articles enter
 * (`pagesShowingAdded`). Only those are planned and digested again.
 */
import { hash } from "node:crypto";
import { type Article, sameExcept } from "../content/model.ts";
import type { ArchiveStore, StoreChange } from "../content/store.ts";
import type { ArticleEntry } from "../content/validate-files.ts";
import type { ArticleRenderer } from "../plan/article-view.ts";
import { pageDigests } from "../plan/page-digest.ts";
import type { BuildData } from "../plan/site-data.ts";
import type { SitemapEntry } from "../outputs/sitemaps.ts";
import type { CachedBuild } from "./build-cache.ts";

/** What the fast path plans again: the text edits' dependents and articles, and the articles added (by URL). */
export interface NarrowChange {
  pages: Set<string>;
  articles: Set<string>;
  added: Set<string>;
}

/**
 * The change, when the fast path can take it: articles whose text alone changed (body, summary),
 * with each one's dependents in the cache (its page and the pages that list it), and articles
 * added. Undefined (the whole site is planned) for any other change: an article removed or
 * changed otherwise, an article read again whose previous state is unknown (another "now"), an
 * added article with aliases (the redirects), new registries, other photos.
 */
export function narrowChange(
  change: StoreChange,
  replaced: ReadonlyMap<string, ArticleEntry>,
  store: ArchiveStore,
  previous: CachedBuild,
  photos: string,
): NarrowChange | undefined {
  if (change.registries || change.removed.length > 0 || photos !== previous.photos) return undefined;
  const changed = new Map(change.changed.map((path) => [path, replaced.get(path)?.article]));
  const indexes = new Set<number>();
  const articles = new Set<string>();
  for (const entry of store.entriesAt(change.changed)) {
    const before = changed.get(entry.path);
    if (!before || !entry.article || !sameExcept(before, entry.article, TEXT_FIELDS)) return undefined;
    articles.add(entry.article.url);
    for (const index of previous.dependents.get(entry.article.url) ?? []) indexes.add(index);
  }
  const pages = new Set(urlsAt(previous.pages, indexes).values());
  const added = new Set<string>();
  for (const entry of store.entriesAt(change.added)) {
    if (!entry.article || entry.article.aliases.length > 0) return undefined;
    added.add(entry.article.url);
  }
  return { pages, articles, added };
}

// What an article's text is: the fields only its own page and the lists' standfirsts read.
const TEXT_FIELDS = new Set(["sourcePath", "body", "bodyLine", "links", "summary"]);

/**
 * The fast path's plan: the previous build's digests, with those of the pages planned again, and
 * its dependents with those of these pages. Undefined when the site's structure changed after all:
 * a page planned is not among the previous ones and no page was to be added (`expected` absent), or
 * the previous pages and the new ones planned do not make the counts of the whole site (`expected`,
 * `pageCounts`): a new page left out.
 */
export function fastPlan(
  data: BuildData,
  renderer: ArticleRenderer,
  files: ReadonlyMap<Article, string>,
  previous: CachedBuild,
  feeds: ReadonlySet<string>,
  expected?: Record<string, number>,
): FastPlan | undefined {
  const dependents = new Map<Article, string[]>();
  const planned = pageDigests(data.site, data.pages, renderer, files, dependents);
  const fresh: Record<string, number> = {};
  for (const [kind, list] of Object.entries(data.pages) as [string, { url: string }[]][])
    for (const page of list) if (!previous.pages.has(page.url)) fresh[kind] = (fresh[kind] ?? 0) + 1;
  if (!expected && Object.keys(fresh).length > 0) return undefined;
  const counts = expected ?? previous.counts;
  for (const kind of new Set([...Object.keys(counts), ...Object.keys(previous.counts)]))
    if ((previous.counts[kind] ?? 0) + (fresh[kind] ?? 0) !== counts[kind]) return undefined;
  const digests = new Map(previous.pages);
  for (const [url, digest] of planned) digests.set(url, digest);
  return { digests, feeds, counts, dependents: mergeDependents(previous.dependents, digests, dependents) };
}

/**
 * The fast path's plan: every page's digest, the feeds that show an article changed or added, the
 * pages by kind, the dependents; with articles added, the sitemaps' entries (all made again).
 */
export interface FastPlan {
  digests: Map<string, string>;
  feeds: ReadonlySet<string>;
  counts: Record<string, number>;
  dependents: ReadonlyMap<string, number[]>;
  sitemaps?: SitemapEntry[];
}

// The previous dependents, with the pages planned again added where their articles now appear. An
// article that left a page keeps it among its dependents: one page more to plan if its text changes.
// Unchanged (a text edit's usual case), they are the previous map itself; changed, the lists not
// changed are still the previous arrays: the cache's journal records only the others (`statePatch`).
function mergeDependents(
  previous: ReadonlyMap<string, number[]>,
  digests: ReadonlyMap<string, string>,
  planned: ReadonlyMap<Article, string[]>,
): ReadonlyMap<string, number[]> {
  const index = indexesOf(digests, new Set([...planned.values()].flat()));
  let merged: Map<string, number[]> | undefined;
  for (const [article, urls] of planned) {
    const known = (merged ?? previous).get(article.url) ?? [];
    const added = urls.map((url) => index.get(url)!).filter((i) => !known.includes(i));
    if (added.length === 0 && (merged ?? previous).has(article.url)) continue;
    merged ??= new Map(previous);
    merged.set(article.url, [...new Set([...known, ...added])]);
  }
  return merged ?? previous;
}

// The URLs at these indexes of the pages (in the cache's order), and the indexes of these URLs:
// each found in one walk that stops once all are found. An edit needs a dozen, and an array or
// index of the 124,000 URLs at 100,000 articles is tens of milliseconds and garbage to collect.
function urlsAt(pages: ReadonlyMap<string, unknown>, indexes: ReadonlySet<number>): Map<number, string> {
  return new Map(walkPages(pages, indexes.size, (_, i) => indexes.has(i)).map(([url, i]) => [i, url]));
}

function indexesOf(pages: ReadonlyMap<string, unknown>, urls: ReadonlySet<string>): Map<string, number> {
  return new Map(walkPages(pages, urls.size, (url) => urls.has(url)));
}

// The first `count` pages `wanted` takes, with their index.
function walkPages(pages: ReadonlyMap<string, unknown>, count: number, wanted: (url: string, index: number) => boolean): [string, number][] {
  const found: [string, number][] = [];
  if (count === 0) return found;
  let i = 0;
  for (const url of pages.keys()) {
    if (wanted(url, i)) found.push([url, i]);
    if (found.length === count) break;
    i++;
  }
  return found;
}

// Article URL → indexes of its dependent pages in the digests' order (the order the cache keeps them in).
export function dependentsByUrl(digests: ReadonlyMap<string, string>, dependents: ReadonlyMap<Article, string[]>): Map<string, number[]> {
  const index = new Map<string, number>();
  for (const url of digests.keys()) index.set(url, index.size);
  const byUrl = new Map<string, number[]>();
  for (const [article, urls] of dependents)
    byUrl.set(
      article.url,
      urls.map((url) => index.get(url)!),
    );
  return byUrl;
}

// The photos' derivatives as the pages show them: another photo file, another key.
export function photosKey(sets: ReadonlyMap<string, unknown>): string {
  if (sets.size === 0) return "";
  return hash("sha1", JSON.stringify([...sets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), "base64");
}
