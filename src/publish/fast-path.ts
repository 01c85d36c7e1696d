/**
 * The incremental build's fast path: when the only changes are the text of articles that keep
 * every other field, articles added and articles removed (an article changed otherwise is one of
 * each), the previous build's pages stay but those that show them: the pages that show the edited
 * articles' text (`pagesShowingEdited`), the pages the added articles enter (`pagesShowingAdded`),
 * and those the removed ones left (`pagesShowingRemoved`). Only those are planned and digested
 * again, and the pages gone removed.
 */
import { type Article, sameExcept } from "../content/model.ts";
import type { ArchiveStore, StoreChange } from "../content/store.ts";
import type { ArticleEntry } from "../content/validate-files.ts";
import type { ArticleRenderer } from "../plan/article-view.ts";
import { pageDigests } from "../plan/page-digest.ts";
import type { BuildData } from "../plan/site-data.ts";
import type { SitemapPlan } from "../outputs/sitemaps.ts";
import type { CachedBuild, ShownPhotos } from "./build-cache.ts";
import type { PhotoSet } from "../images/derivatives.ts";

/**
 * What the fast path plans again: the articles whose text was edited, the articles added, as the
 * store holds them (the archive's own objects: found among 100,000 without hashing a URL each),
 * and the articles gone, as the last build had them.
 */
export interface NarrowChange {
  articles: Set<Article>;
  added: Set<Article>;
  /** Articles removed, or changed otherwise than in their text (then in `added` too, as they are now). */
  removed: Article[];
}

/**
 * The change, when a fast path can take it (the build's, the preview's save): articles whose text
 * alone changed (title, body, summary: the same URL, so the title's slug was written; their
 * photo), articles added, and articles removed; an article changed otherwise (its date, topics,
 * aliases, draft…), or whose date this build's "now" may publish or hold back where the last
 * build's did not (`fromSnapshot`), is one removed as it was and one added as it is. Undefined
 * (the whole site is planned) when the registries changed, or when an article read again has no
 * previous state known (one invalid then). A build also plans the whole site when a photo the last
 * build showed is shown no more (`photoChange`).
 */
export function narrowChange(change: StoreChange, replaced: ReadonlyMap<string, ArticleEntry>, store: ArchiveStore): NarrowChange | undefined {
  if (change.registries) return undefined;
  const articles = new Set<Article>();
  const added = new Set<Article>();
  const removed: Article[] = [];
  for (const path of change.removed) {
    const before = replaced.get(path)?.article;
    if (before) removed.push(before);
  }
  for (const entry of store.entriesAt(change.changed)) {
    const then = replaced.get(entry.path);
    const before = then?.article;
    if (!before || !entry.article) return undefined;
    // An article read again for this build's "now" alone (`fromSnapshot`: no digest vouched for it)
    // may be published since, or held back: one removed as it was and one added as it is.
    if (then.digest !== undefined && sameExcept(before, entry.article, TEXT_FIELDS)) articles.add(entry.article);
    else {
      removed.push(before);
      added.add(entry.article);
    }
  }
  for (const entry of store.entriesAt(change.added)) {
    if (!entry.article) return undefined;
    added.add(entry.article);
  }
  return { articles, added, removed };
}

// What an article's text is: the fields only the pages that show the article read
// (`pagesShowingEdited`). Its photo among them: its alt text, caption and credit, or another file,
// whose derivatives the build places when they are new to the site (`photoChange`).
const TEXT_FIELDS = new Set(["sourcePath", "title", "body", "bodyLine", "links", "summary", "image"]);

/**
 * The fast path's plan: the previous build's digests, with those of the pages planned again, less
 * the pages gone. Undefined when the site's structure changed after all: a page planned is not
 * among the previous ones and no page was to be added or removed (`expected` absent), or the
 * previous pages, less those gone and plus the new ones, do not make the counts of the whole site
 * (`expected`, `pageCounts`): a page left out. `gone`: the previous pages that may be gone (their
 * URLs planned with the others, `pagesShowingRemoved`), by the kind they were; one planned as
 * another kind counts as gone from its own and new to the other.
 */
export function fastPlan(
  data: BuildData,
  renderer: ArticleRenderer,
  files: ReadonlyMap<Article, string>,
  previous: CachedBuild,
  feeds: ReadonlySet<string>,
  expected?: Record<string, number>,
  gone?: ReadonlyMap<string, string>,
): FastPlan | undefined {
  const planned = pageDigests(data.site, data.pages, renderer, files);
  const fresh: Record<string, number> = {};
  const left: Record<string, number> = {};
  const kinds = new Map<string, string>();
  for (const [kind, list] of Object.entries(data.pages) as [string, { url: string }[]][])
    for (const page of list) {
      kinds.set(page.url, kind);
      if (!previous.pages.has(page.url)) fresh[kind] = (fresh[kind] ?? 0) + 1;
    }
  if (!expected && Object.keys(fresh).length > 0) return undefined;
  const removed: string[] = [];
  for (const [url, kind] of gone ?? []) {
    const now = kinds.get(url);
    if (now === kind || !previous.pages.has(url)) continue;
    left[kind] = (left[kind] ?? 0) + 1;
    if (now === undefined) removed.push(url);
    else fresh[now] = (fresh[now] ?? 0) + 1;
  }
  const counts = expected ?? previous.counts;
  for (const kind of new Set([...Object.keys(counts), ...Object.keys(previous.counts)]))
    if ((previous.counts[kind] ?? 0) - (left[kind] ?? 0) + (fresh[kind] ?? 0) !== counts[kind]) return undefined;
  // The previous pages' columns, shared, without the pages gone and with the planned ones set: a
  // new page goes after them (what the cache's journal records).
  return { digests: previous.pages.with(planned, removed), feeds, counts, removed };
}

/**
 * The fast path's plan: every page's digest, the feeds that show an article changed, added or
 * removed, the pages by kind, the pages gone; with articles added or removed, the sitemaps' entries
 * (all made again, but the files of a split sitemap that hold none but the last build's entries).
 */
export interface FastPlan {
  digests: ReadonlyMap<string, string>;
  feeds: ReadonlySet<string>;
  counts: Record<string, number>;
  removed: string[];
  sitemaps?: SitemapPlan;
  /** Whether every redirect page was planned, and `_redirects` is made again from them. */
  redirects?: boolean;
}

/**
 * How the photos the pages show differ from the last build's, when the fast path can take it:
 * the sets new to the site (a photo shown for the first time, by an article added, or a photo file
 * replaced), and of each file replaced its `src` and the digest it had. Undefined when a photo the
 * last build showed is shown no more: the whole site is planned, and its photos placed again.
 */
export function photoChange(shown: ReadonlyMap<string, PhotoSet>, previous: ShownPhotos): PhotoChange | undefined {
  const fresh = new Map<string, PhotoSet>();
  const replaced = new Map<string, string>();
  for (const [src, set] of shown) {
    const before = previous.get(src);
    if (before === set.source.digest) continue;
    fresh.set(src, set);
    if (before !== undefined) replaced.set(src, before);
  }
  for (const src of previous.keys()) if (!shown.has(src)) return undefined;
  return { fresh, replaced };
}

export interface PhotoChange {
  /** The photos to place, by `src`. */
  fresh: Map<string, PhotoSet>;
  /** The photos whose file was replaced: `src` → the digest the last build showed. */
  replaced: Map<string, string>;
}
