/**
 * The search index's part in a build: indexed from the planned pages and the rendered bodies,
 * never from the written HTML, into the staging folder; and, when articles' texts alone were
 * edited, the bundles that hold them patched on a thread while the pages are planned and written
 * (`planSearchAhead`).
 */
import { rmSync } from "node:fs";
import type { Archive } from "../archive/archive.ts";
import type { Article } from "../content/model.ts";
import type { ArticleRenderer } from "../plan/article-view.ts";
import { planSearchIndex, type RecordSources, searchPageBundles } from "../plan/search-page.ts";
import type { BuildData } from "../plan/site-data.ts";
import type { AheadThread, PatchingAhead } from "../search/indexer.ts";
import type { SearchBundle } from "../search/markers.ts";
import type { PlannedBundle } from "../search/records.ts";
import { siblingFolder } from "./stage-from-site.ts";

/** The build's phase that tells the index made. */
export interface IndexedPhase {
  name: "indexed";
  articles: number;
  bundles: number;
  ms: number;
  /** Bundles patched rather than indexed again. */
  patched?: number;
  /** Of those, the bundles patched while the pages were planned and written (`planSearchAhead`). */
  ahead?: number;
}

/** Indexes the site's search bundles into the staging folder; `stop` leaves the bundles not yet started. */
export interface SearchIndexer {
  (beside: boolean, staged?: boolean, beforeWhole?: () => void): Promise<Indexed>;
  /** The pages are written: every indexer may work now, not only the one beside the writers. */
  pagesWritten(): void;
  stop(): void;
}

/** The phase to tell, and the index's folders written or removed (what the spare must take next time). */
export interface Indexed {
  phase: IndexedPhase;
  changed: readonly string[];
}

/** What the index is made from: the plan (whole, or only the fast path's pages), the articles it publishes, their files' and the registries' digests. */
export interface IndexSource {
  data: BuildData;
  /** The articles the site publishes, in any order. */
  articles: readonly Article[];
  sources: RecordSources;
  /** The index planned before the pages, its patches made meanwhile: taken when the pages' plan has the same bundles. */
  ahead?: SearchAhead;
}

/**
 * The search index planned before the pages (`planSearchAhead`): the search page's bundles as the
 * pages' plan will have them, of these many articles, and the bundles planned, those with a patch
 * being patched on a thread.
 */
export interface SearchAhead {
  bundles: SearchBundle[];
  articles: number;
  planned: PlannedBundle[];
  patching: PatchingAhead;
}

/** The thread that patches bundles ahead (`startPatchingAhead`), and the module that asks it. */
interface AheadStart {
  indexer: typeof import("../search/indexer.ts");
  thread: AheadThread;
}

/**
 * Starts the thread that patches ahead: it loads its modules (some 0.1 s at any size) while the
 * archive is derived and the index planned. Imported here: Pagefind's module is loaded only by
 * builds with search.
 */
export async function startSearchAhead(): Promise<AheadStart | undefined> {
  const indexer = await import("../search/indexer.ts");
  const thread = indexer.startPatchingAhead();
  return thread && { indexer, thread };
}

/**
 * Plans the search index of the archive's articles before their pages are planned, as the search
 * page will plan it (its bundles from the archive's months), and starts on `thread` the patches of
 * its bundles that hold edited articles (`patchAhead`) into a folder beside the site: articles'
 * texts edited alone leave every bundle where it was. Undefined when nothing is patched.
 */
export function planSearchAhead(
  { indexer, thread }: AheadStart,
  out: string,
  archive: Archive,
  renderer: ArticleRenderer,
  sources: RecordSources,
): SearchAhead | undefined {
  try {
    const bundles = searchPageBundles(archive.years);
    // Newest first, as the archive holds them: each bundle's records are put in their order anyway.
    const planned = planSearchIndex(bundles, archive.articles, renderer, sources);
    const patching = indexer.patchAhead(thread, out, siblingFolder(out, "trash"), planned);
    return patching && { bundles, articles: archive.articles.length, planned, patching };
  } catch (error) {
    void thread.close();
    throw error;
  }
}

/**
 * The folder of patches made ahead goes once the thread is done with it, whether the index took
 * them or not: here, for it holds only what the patches wrote (a process to remove it cost the main
 * thread 15–25 ms); a folder left behind is removed by the next build as a leftover.
 */
export function removeAhead(ahead: SearchAhead | undefined): void {
  if (ahead) void ahead.patching.patched.then(() => rmSync(ahead.patching.folder, { recursive: true, force: true })).catch(() => {});
}

/**
 * The index's work, from the planned pages and the rendered bodies: started beside the page writing
 * in a clean build, after it in an incremental one (whose staging folder holds the previous index
 * only once the previous site is linked in). With `keepBodies` (the dev server's renderer, kept
 * for the next build), the bodies stay rendered; with `previousSite`, its unchanged bundles are
 * lent to the index.
 */
export function searchIndexer(
  staging: string,
  source: IndexSource,
  renderer: ArticleRenderer,
  options: { keepBodies: boolean; previousSite?: string | undefined },
): SearchIndexer {
  const stopped = new AbortController();
  let release = (): void => {};
  let pagesDone = false;
  const written = new Promise<void>((resolve) => (release = resolve));
  // Once the pages are written, a bundle's rendered bodies go as soon as its records are handed to
  // an indexing thread (some 255 MB at 100,000 articles, while Pagefind's services run beside this
  // process).
  const releaseBody = options.keepBodies ? undefined : (article: Article): void => void (pagesDone && renderer.releaseBody(article));
  const index = async (beside: boolean, staged = false, beforeWhole?: () => void): Promise<Indexed> => {
    const indexStart = performance.now();
    pagesDone ||= !beside;
    // The index planned ahead is this one when the pages' plan has its bundles, of as many articles.
    const ahead =
      source.ahead &&
      source.ahead.articles === source.articles.length &&
      JSON.stringify(source.ahead.bundles) === JSON.stringify(source.data.pages.search[0]?.bundles ?? [])
        ? source.ahead
        : undefined;
    const bundles = ahead?.planned ?? searchBundles(source, renderer, releaseBody);
    const reuse = options.previousSite !== undefined ? { previousSite: options.previousSite } : { staged };
    // Imported here: Pagefind's module is loaded only by builds with search.
    const { indexSearchBundles } = await import("../search/indexer.ts");
    const indexed = await indexSearchBundles(staging, bundles, {
      ...reuse,
      beside,
      signal: stopped.signal,
      othersAfter: written,
      ...(beforeWhole ? { beforeWhole } : {}),
      ...(ahead ? { ahead: ahead.patching } : {}),
    });
    // The articles the index holds, counted from the plan (a reused bundle is not indexed again).
    const phase = {
      name: "indexed",
      articles: source.articles.length,
      bundles: indexed.bundles,
      patched: indexed.patched,
      ahead: indexed.ahead,
      ms: performance.now() - indexStart,
    } as const;
    return { phase, changed: indexed.changed };
  };
  return Object.assign(index, {
    pagesWritten: () => {
      pagesDone = true;
      release();
    },
    stop: () => {
      stopped.abort();
      release();
    },
  });
}

/** The index's bundles as planned, of the articles the site publishes; `release` is handed each bundle's articles once their records are made. */
export function searchBundles(source: IndexSource, renderer: ArticleRenderer, release?: (article: Article) => void): PlannedBundle[] {
  return planSearchIndex(source.data.pages.search[0]?.bundles ?? [], source.articles, renderer, source.sources, release);
}
