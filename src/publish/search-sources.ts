/**
 * What a search index is planned from, as the archive store tells it: the articles a plan
 * publishes, each article file's digest, and the articles read again whose record changed in its
 * words alone. The build and the preview plan their index from the same: a bundle is reused or
 * patched by either only when its digest says so.
 */
import type { Article, Content } from "../content/model.ts";
import type { ArchiveStore } from "../content/store.ts";
import type { ArticleEntry } from "../content/validate-files.ts";
import { type RecordSources, sameRecordPlace } from "../plan/search-page.ts";
import type { BuildData } from "../plan/site-data.ts";

/** The store's digest of each article file: it stands for the article's text in the pages' and bundles' digests. */
export function sourceDigests(store: ArchiveStore): Map<Article, string> {
  const sources = new Map<Article, string>();
  for (const entry of store.entriesInAnyOrder()) if (entry.article && entry.digest !== undefined) sources.set(entry.article, entry.digest);
  return sources;
}

/**
 * The articles read again since the index was made (`replaced`: each file's entry as it was then)
 * whose record changed in its words alone, with the digest their file had: their bundles may be patched.
 */
export function editedRecords(replaced: ReadonlyMap<string, ArticleEntry>, store: ArchiveStore): Map<Article, string> {
  const edited = new Map<Article, string>();
  for (const entry of store.entriesAt([...replaced.keys()])) {
    const before = replaced.get(entry.path);
    if (before?.digest && before.article && entry.article && sameRecordPlace(before.article, entry.article)) edited.set(entry.article, before.digest);
  }
  return edited;
}

/** The record sources of the store as it is now, `replaced` as `editedRecords` takes it. */
export function recordSources(store: ArchiveStore, replaced: ReadonlyMap<string, ArticleEntry>, files = sourceDigests(store)): RecordSources {
  return { files, registries: store.registriesDigest, edited: editedRecords(replaced, store) };
}

/** The articles a plan publishes (its article pages'), in the content's order. */
export function publishedArticles(content: Content, data: BuildData): Article[] {
  const published = new Set(data.pages.articles.map((page) => page.url));
  return content.articles.filter((a) => published.has(a.url));
}
