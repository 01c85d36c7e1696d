/**
 * What a search index is planned from, as the archive store tells it: the articles a plan
 * publishes, each article file's digest, and how the records changed since the index was made.
 * The build and the preview plan their index from the same: a bundle is reused or patched by
 * either only when its digest says so.
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
 * How the records changed since the index was made, from the article files read again since
 * (`replaced`: each file's entry as it was then) and those added since (`added`, their paths), of
 * the articles the index holds (`indexed`: those a build publishes): the articles whose record
 * changed in its words alone, with the digest their file had (`RecordSources.edited`); the records
 * gone, as their articles were, with their files' digests then; and the articles whose record is
 * new (`RecordSources.removed`, `added`). Their bundles may be patched.
 */
function recordChanges(
  replaced: ReadonlyMap<string, ArticleEntry>,
  added: readonly string[],
  store: ArchiveStore,
  indexed: (article: Article) => boolean,
): Required<Pick<RecordSources, "edited" | "removed" | "added">> {
  const changes = { edited: new Map<Article, string>(), removed: new Map<Article, string>(), added: new Set<Article>() };
  // Each path's article now, when the index holds it.
  const now = new Map<string, Article>();
  for (const entry of store.entriesAt([...replaced.keys(), ...added])) if (entry.article && indexed(entry.article)) now.set(entry.path, entry.article);
  for (const [path, before] of replaced) {
    const after = now.get(path);
    const was = before.digest !== undefined && before.article !== undefined && indexed(before.article) ? before.article : undefined;
    if (was && after && sameRecordPlace(was, after)) changes.edited.set(after, before.digest!);
    else {
      if (was) changes.removed.set(was, before.digest!);
      if (after) changes.added.add(after);
    }
  }
  for (const path of added) {
    const after = now.get(path);
    if (after && !replaced.has(path)) changes.added.add(after);
  }
  return changes;
}

/** The record sources of the store as it is now, `replaced`, `added` and `indexed` as `recordChanges` takes them. */
export function recordSources(
  store: ArchiveStore,
  replaced: ReadonlyMap<string, ArticleEntry>,
  added: readonly string[],
  indexed: (article: Article) => boolean,
  files = sourceDigests(store),
): RecordSources {
  return { files, registries: store.registriesDigest, ...recordChanges(replaced, added, store, indexed) };
}

/** The articles a plan publishes (its article pages'), in the content's order. */
export function publishedArticles(content: Content, data: BuildData): Article[] {
  const published = new Set(data.pages.articles.map((page) => page.url));
  return content.articles.filter((a) => published.has(a.url));
}
