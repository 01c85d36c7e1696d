/**
 * The incremental build's fast path for text edits: when the only change is the text of articles
 * that keep every other field, the site's structure is the previous build's, so only the pages
 * that show those articles (their dependents, kept in the cache) are planned and digested again.
 */
import { hash } from "node:crypto";
import type { Article } from "../content/model.ts";
import type { ArchiveStore, StoreChange } from "../content/store.ts";
import type { ArticleEntry } from "../content/validate-files.ts";
import type { ArticleRenderer } from "../plan/article-view.ts";
import { pageDigests } from "../plan/page-digest.ts";
import type { BuildData } from "../plan/site-data.ts";
import type { CachedBuild } from "./build-cache.ts";

/**
 * The URLs of the pages an incremental build must plan again when the only change is the text
 * (body, summary) of articles that keep every other field: each such article's dependents in the
 * cache (its page and the pages that list it). Undefined (the whole site is planned) for any other
 * change: an article added, removed or changed otherwise, an article read again whose previous
 * state is unknown (another "now"), new registries, other photos.
 */
export function textEditsOnly(
  change: StoreChange,
  replaced: ReadonlyMap<string, ArticleEntry>,
  store: ArchiveStore,
  previous: CachedBuild,
  photos: string,
): { pages: Set<string>; articles: Set<string> } | undefined {
  if (change.registries || change.added.length > 0 || change.removed.length > 0 || photos !== previous.photos) return undefined;
  const changed = new Map(change.changed.map((path) => [path, replaced.get(path)?.article]));
  const pageUrls = [...previous.pages.keys()];
  const pages = new Set<string>();
  const articles = new Set<string>();
  for (const entry of store.entriesAt(change.changed)) {
    const before = changed.get(entry.path);
    if (!before || !entry.article || !sameButText(before, entry.article)) return undefined;
    articles.add(entry.article.url);
    for (const index of previous.dependents.get(entry.article.url) ?? []) pages.add(pageUrls[index]!);
  }
  return { pages, articles };
}

// What an article's text is: the fields only its own page and the lists' standfirsts read.
const TEXT_FIELDS = new Set(["sourcePath", "body", "bodyLine", "links", "summary"]);

function sameButText(a: Article, b: Article): boolean {
  const keys = (article: Article): string[] =>
    Object.keys(article)
      .filter((key) => !TEXT_FIELDS.has(key))
      .sort();
  const [ka, kb] = [keys(a), keys(b)];
  if (ka.length !== kb.length) return false;
  return ka.every((key, i) => key === kb[i] && JSON.stringify(a[key as keyof Article]) === JSON.stringify(b[key as keyof Article]));
}

/**
 * The fast path's digests: the previous build's, with those of the pages planned again. Undefined
 * when a page planned is not among the previous ones: the site's structure changed after all.
 */
export function fastPlan(
  data: BuildData,
  renderer: ArticleRenderer,
  files: ReadonlyMap<Article, string>,
  previous: CachedBuild,
  feeds: ReadonlySet<string>,
): FastPlan | undefined {
  const planned = pageDigests(data.site, data.pages, renderer, files);
  for (const url of planned.keys()) if (!previous.pages.has(url)) return undefined;
  const digests = new Map(previous.pages);
  for (const [url, digest] of planned) digests.set(url, digest);
  return { digests, feeds };
}

/** The fast path's plan: every page's digest, and the feeds that show an article whose text changed. */
export interface FastPlan {
  digests: Map<string, string>;
  feeds: ReadonlySet<string>;
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
