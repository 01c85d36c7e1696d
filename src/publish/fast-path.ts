/**
 * The incremental build's fast path: when the only changes are the text of articles that keep
 * every other field, and articles added, the previous build's pages stay but those that show them:
 * the pages that show the edited articles' text (`pagesShowingEdited`), and the pages the added
 * articles enter (`pagesShowingAdded`). Only those are planned and digested again.
 */
import { type Article, sameExcept } from "../content/model.ts";
import type { ArchiveStore, StoreChange } from "../content/store.ts";
import type { ArticleEntry } from "../content/validate-files.ts";
import type { ArticleRenderer } from "../plan/article-view.ts";
import { pageDigests } from "../plan/page-digest.ts";
import type { BuildData } from "../plan/site-data.ts";
import type { SitemapEntry } from "../outputs/sitemaps.ts";
import type { OrderedColumns } from "../files/ordered-columns.ts";
import type { CachedBuild, ShownPhotos } from "./build-cache.ts";
import type { PhotoSet } from "../images/derivatives.ts";

/**
 * What the fast path plans again: the articles whose text was edited, and the articles added, as
 * the store holds them (the archive's own objects: found among 100,000 without hashing a URL each).
 */
export interface NarrowChange {
  articles: Set<Article>;
  added: Set<Article>;
}

/**
 * The change, when a fast path can take it (the build's, the preview's save): articles whose text
 * alone changed (title, body, summary: the same URL, so the title's slug was written), and
 * articles added. Undefined (the whole site is planned) for any
 * other change: an article removed or changed otherwise, an article read again whose previous
 * state is unknown (one that this build's "now" publishes, or holds back, and the last build's did
 * not: `fromSnapshot`), an added article with aliases (the redirects), new registries. A build
 * also plans the whole site when a photo the last build showed is shown no more (`photoChange`).
 */
export function narrowChange(change: StoreChange, replaced: ReadonlyMap<string, ArticleEntry>, store: ArchiveStore): NarrowChange | undefined {
  if (change.registries || change.removed.length > 0) return undefined;
  const articles = new Set<Article>();
  for (const entry of store.entriesAt(change.changed)) {
    const before = replaced.get(entry.path)?.article;
    if (!before || !entry.article || !sameExcept(before, entry.article, TEXT_FIELDS)) return undefined;
    articles.add(entry.article);
  }
  const added = new Set<Article>();
  for (const entry of store.entriesAt(change.added)) {
    if (!entry.article || entry.article.aliases.length > 0) return undefined;
    added.add(entry.article);
  }
  return { articles, added };
}

// What an article's text is: the fields only the pages that show the article read (`pagesShowingEdited`).
const TEXT_FIELDS = new Set(["sourcePath", "title", "body", "bodyLine", "links", "summary"]);

/**
 * The fast path's plan: the previous build's digests, with those of the pages planned again.
 * Undefined when the site's structure changed after all: a page planned is not among the previous
 * ones and no page was to be added (`expected` absent), or the previous pages and the new ones
 * planned do not make the counts of the whole site (`expected`, `pageCounts`): a new page left out.
 */
export function fastPlan(
  data: BuildData,
  renderer: ArticleRenderer,
  files: ReadonlyMap<Article, string>,
  previous: CachedBuild,
  feeds: ReadonlySet<string>,
  expected?: Record<string, number>,
): FastPlan | undefined {
  const planned = pageDigests(data.site, data.pages, renderer, files);
  const fresh: Record<string, number> = {};
  for (const [kind, list] of Object.entries(data.pages) as [string, { url: string }[]][])
    for (const page of list) if (!previous.pages.has(page.url)) fresh[kind] = (fresh[kind] ?? 0) + 1;
  if (!expected && Object.keys(fresh).length > 0) return undefined;
  const counts = expected ?? previous.counts;
  for (const kind of new Set([...Object.keys(counts), ...Object.keys(previous.counts)]))
    if ((previous.counts[kind] ?? 0) + (fresh[kind] ?? 0) !== counts[kind]) return undefined;
  // The previous pages' columns, shared, with the planned ones set: a new page goes after them.
  return { digests: previous.pages.with(planned), feeds, counts };
}

/**
 * The fast path's plan: every page's digest, the feeds that show an article changed or added, the
 * pages by kind; with articles added, the sitemaps' entries (all made again).
 */
export interface FastPlan {
  digests: OrderedColumns;
  feeds: ReadonlySet<string>;
  counts: Record<string, number>;
  sitemaps?: SitemapEntry[];
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
