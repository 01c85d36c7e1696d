import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { displayPath, sortDiagnostics, type Diagnostic } from "../content/diagnostics.ts";
import type { Article, Content } from "../content/model.ts";
import { SyncAhead } from "../content/article-survey.ts";
import { ArchiveStore, type LoadResult, type StoreChange } from "../content/store.ts";
import type { ArticleEntry } from "../content/validate-files.ts";
import { appendUrls, readUrlManifestFile, unlistedUrls, URL_MANIFEST, type UrlManifestFile } from "../content/url-manifest.ts";
import { makeFolders, replaceFileAtomically } from "../files/atomic-write.ts";
import { CommandError, describeIoError } from "../files/file-errors.ts";
import { ArticleRenderer } from "../plan/article-view.ts";
import { redirectUrls, type SitePages } from "../plan/pages.ts";
import type { BuildData } from "../plan/site-data.ts";
import { messages } from "../i18n/messages.ts";
import type { RecordSources } from "../plan/search-page.ts";
import { publishedArticles, recordSources, sourceDigests } from "./search-sources.ts";
import type { PlannedBundle } from "../search/records.ts";
import { spoolBundles } from "../search/record-spool.ts";
import {
  type Indexed,
  type IndexedPhase,
  type IndexSource,
  type SearchIndexer,
  planSearchAhead,
  removeAhead,
  searchBundles,
  searchIndexer,
  startSearchAhead,
} from "./build-search.ts";
import { writeChanges } from "./write-changes.ts";
import { removeLeftovers, swapInto } from "./swap-site.ts";
import {
  assertCacheFolder,
  assertDraftsOutput,
  completeRepositoryWalk,
  nestedRepositories,
  nestedRepositoryRefusal,
  assertReplaceableOutput,
  siteWriteError,
  SITE_MARKER,
} from "../files/output-folder.ts";
import { siteAddress } from "../text/web-links.ts";
import { buildDateFromEnvironment } from "./build-date.ts";
import { planSite, planSomePages } from "../plan/plan-site.ts";
import { type Archive, deriveArchive, isPublished } from "../archive/archive.ts";
import { PageWriters } from "../pages/write-pages.ts";
import { pageDigests } from "../plan/page-digest.ts";
import { discoveryPages, feedsShowing, writeDiscoveryFiles } from "../outputs/discovery-files.ts";
import { type FastPlan, fastPlan, narrowChange, photoChange, type PhotoChange } from "./fast-path.ts";
import { pageCounts, pagesShowingAdded, pagesShowingEdited, pagesShowingRemoved, sameMainTopics } from "../plan/added-pages.ts";
import { archiveSitemapEntries, unchangedSitemapEntries } from "../outputs/sitemaps.ts";
import {
  BuildCache,
  cacheKey,
  renewMarker,
  sameShownPhotos,
  shownDigests,
  siteStamp,
  statePatch,
  type CachedBuild,
  type SiteState,
  type SpareSite,
  type WholeState,
} from "./build-cache.ts";
import {
  catchUpAhead,
  discardSpare,
  linkInBackground,
  linkSpare,
  removeInBackground,
  removeUnshownPhotos,
  siblingFolder,
  type StagingAhead,
  takeSpare,
  usableSpare,
} from "./stage-from-site.ts";
import type { PhotoSet } from "../images/derivatives.ts";
import { placePhotos, prunePhotoCache, shownPhotoSets } from "../images/encode-photos.ts";
import { PHOTOS_URL, photoFolderUrl, SEARCH_INDEX_URL, SEARCH_URL, sitemapPartUrl } from "../urls/site-urls.ts";
import { preparePhotos } from "../images/prepare-photos.ts";
import { collectGarbage, giveMemoryBack } from "../threads/collect-garbage.ts";
import { takeRunLocks, type RunLockKind, type RunLockOptions } from "../files/run-lock.ts";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  drafts: boolean;
  /**
   * Adds the site's URLs to `content/urls.txt`: only the publishing workflow on main asks, since a
   * URL is published when a deploy ships it. Drafts are never recorded, even in a build with drafts.
   */
  recordUrls?: boolean;
  /** Overrides site.yaml's baseUrl (e.g. for a preview deployment); the caller checks it with `isSiteAddress`. */
  baseUrl?: string;
  /** The build's date: future-date warnings, the news sitemap. Defaults to SOURCE_DATE_EPOCH, else the clock. */
  nowMs?: number;
  /** Build the Pagefind search index (default true). */
  search?: boolean;
  /** A site this archive built before: its search bundles whose articles have not changed are reused, not indexed again. */
  previousSite?: string;
  /** Called with a phase name as the build moves on. */
  onPhase?: (phase: BuildPhase) => void;
  /** The archive as last read, synced before the build (the dev server); by default a new one. */
  store?: ArchiveStore;
  /** Keeps rendered articles between builds (the dev server). */
  renderer?: ArticleRenderer;
  /** Called once per page written. */
  onPage?: (written: number, total: number) => void;
  /**
   * The build cache's folder (`--cache`): the next build starts from the state this one leaves,
   * and writes only what changed. Absent, every build is a clean one and no state is kept.
   */
  cacheDir?: string;
  /**
   * How many builds may append what they changed to the cache's journal before one writes the
   * whole state again (`JOURNAL_MAX_RECORDS` by default; 0, every build: for tests).
   */
  cacheJournal?: number;
  /** Called after each photo is encoded or found in the cache. */
  onPhoto?: (done: number, total: number) => void;
  /**
   * From how many pages a clean build with the cache leaves its own site as the spare
   * (`CLEAN_SPARE_PAGES` by default; 0, every such build: for tests).
   */
  cleanSpareFrom?: number;
  /**
   * From how many pages a clean build with search makes its index only after it has let go of
   * everything it planned (`INDEX_AFTER_PAGES` by default; 0, every such build: for tests).
   */
  indexAfterFrom?: number;
  /**
   * Keeps another run from writing the same site or cache while this build does
   * (`src/files/run-lock.ts`): the commands ask, naming themselves; with `site: false` (the
   * preview, whose session holds its folder) only the cache is locked.
   */
  lock?: RunLockOptions & { site?: boolean };
}

/**
 * From this many pages a clean build leaves a spare: linking the whole site then costs the next
 * build seconds (7.5 s of system time at 123,000 pages), which the clean build spends while it
 * writes its cache. Below, the next build links the site in about a second, in a child while it
 * reads and plans (`linkInBackground`), and the clean build (measured against Hugo's at 1,000 and
 * 10,000 articles) would pay it for a build that may not come.
 */
export const CLEAN_SPARE_PAGES = 50_000;

/**
 * From this many pages a clean build with search indexes after its pages, once it has let go of
 * what it read and planned (`indexAfterRelease`): at 100,000 articles the build's process holds
 * 1.5–1.9 GB until its swap, and Pagefind's services beside it (0.65–0.9 GB) took the process
 * tree to 2.5–2.7 GB. Its records are written to files first; once the plan is let go its cache
 * is saved, and two full collections give the memory back (0.5–0.6 GB left) before the services
 * start. Below, the process is small and a service indexing beside the page writers uses the core
 * they leave idle.
 */
export const INDEX_AFTER_PAGES = 50_000;

/**
 * From this many pages a build collects its garbage at the two moments it knows it has made a lot
 * (after planning; before Pagefind's service starts). Below, the heap is small and a full
 * collection (32–124 ms at 1,000 articles, under load) saves no memory that matters.
 */
const COLLECT_FROM_PAGES = 5_000;

export { DEFAULT_CACHE_DIR } from "./build-cache.ts";

export type BuildPhase =
  | { name: "loaded"; articles: number; files: number; ms: number }
  /** The site is built, but its state could not be saved in the cache (why, in words): the next build is a clean one. */
  | { name: "cache-unsaved"; reason: string }
  // `read`: the photo files read, those neither git's blob ids nor their stats vouched for.
  | { name: "photos"; encoded: number; cached: number; read: number; ms: number }
  // `of`: the site's pages, when only some were planned (an incremental build's fast path).
  | { name: "planned"; pages: number; of?: number; ms: number }
  | { name: "written"; pages: number; ms: number }
  | { name: "published"; files: number; ms: number }
  | IndexedPhase
  /**
   * An incremental build: the pages written again or removed, the feeds and sitemaps replaced or
   * removed; `spare` when it staged in the site the previous build replaced, else the whole site
   * linked, `linked` when that was done while the archive was read; `planned`, the pages it
   * planned: all, or some only for text edits, articles added, or articles removed or moved (the
   * fast path, `src/publish/fast-path.ts`).
   */
  | {
      name: "incremental";
      changed: number;
      removed: number;
      outputs: number;
      spare: boolean;
      linked: boolean;
      planned: "all" | "text" | "added" | "moved";
      ms: number;
    }
  /** The new site is in place; the cache is written next (a clean build with search of `INDEX_AFTER_PAGES` or more wrote it before its index). */
  | { name: "swapped" };

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Article files read, valid or not. */
  files: number;
  /** Pages written, by kind. */
  pages?: Record<string, number>;
  articles?: number;
  /** What was built, for a caller that keeps working on it (the dev server). */
  built?: { content: Content; data: BuildData };
  /** With a cache: whether the build started from the previous one's state. */
  incremental?: boolean;
  ms: number;
}

/**
 * Validates the archive, then builds the site beside the output folder and swaps it in whole:
 * on any error the previous output is left exactly as it was. An output folder that is not a
 * site Dépêche built (nor empty, nor absent) is refused before anything is read or written.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const start = performance.now();
  const folders = { contentDir: options.contentDir, cwd: process.cwd(), projectRoot };
  if (options.drafts) assertDraftsOutput(options.outDir, folders, false);
  else assertReplaceableOutput(options.outDir, folders);
  if (options.cacheDir !== undefined) assertCacheFolder(options.cacheDir, { contentDir: options.contentDir, outDir: options.outDir, cwd: process.cwd() });
  // Before anything is written: a second run stops here, naming the one that writes.
  const lock = options.lock && takeRunLocks(lockedFolders(options, options.lock.site !== false), options.lock);
  try {
    return await buildUnlocked(options, start);
  } finally {
    lock?.release();
  }
}

/** The folders a build writes, each kept from other runs while it does. */
function lockedFolders(options: BuildOptions, site: boolean): { folder: string; kind: RunLockKind }[] {
  return [
    ...(site ? [{ folder: options.outDir, kind: "site" as const }] : []),
    ...(options.cacheDir !== undefined ? [{ folder: options.cacheDir, kind: "cache" as const }] : []),
  ];
}

async function buildUnlocked(options: BuildOptions, start: number): Promise<BuildResult> {
  const writers = new PageWriters();
  // Without a cache (`--no-cache`) no state is kept: the photos are encoded into a folder removed after the build.
  const photosDir = options.cacheDir ?? mkdtempSync(join(tmpdir(), "depeche-photos-"));
  const cache = options.cacheDir !== undefined && !options.store ? openCache(options, options.cacheDir) : undefined;
  // An incremental build's listing, stats and git's index, taken while the cache is read.
  // The old site is read there too, for repositories no build wrote.
  let ahead: SyncAhead | undefined = cache?.exists() ? new SyncAhead(options.contentDir, options.outDir) : undefined;
  let previous = cache?.read(options.outDir);
  if (!previous && ahead) {
    await ahead.cancel();
    ahead = undefined;
  }
  // Without a spare it can take, an incremental build links the whole site into its staging
  // folder (about a second at 16,000 pages): started now, in a child, while this thread reads and
  // plans. Taken by the build if it is incremental, else stopped. With one, the spare is brought
  // up to date meanwhile, on the survey's thread.
  const out = resolve(options.outDir);
  const lacking = previous && usableSpare(out, previous.spare);
  const early = previous && lacking === undefined ? linkInBackground(out, siblingFolder(out, "building")) : undefined;
  const catchingUp = lacking && catchUpAhead(out, lacking, ahead);
  if (!catchingUp) void ahead?.catchUp(undefined);
  try {
    const built = await validateThenWrite(options, writers, start, photosDir, cache, previous, { early, catchingUp }, ahead);
    if (typeof built !== "function") return built;
    // An async function's locals live as long as it does: the state restored (a build made clean by
    // a registry's change) would stay beside Pagefind's services.
    previous = undefined;
    return await built();
  } finally {
    await early?.cancel();
    // A build that stops (invalid content) lets the thread finish with the spare: the next one takes it as it is.
    await catchingUp?.caughtUp;
    await ahead?.cancel();
    if (catchingUp && existsSync(catchingUp.trash)) removeInBackground(catchingUp.trash);
    await writers.close();
    if (options.cacheDir === undefined) rmSync(photosDir, { recursive: true, force: true });
  }
}

/**
 * The build's phases: the archive read (`readArchive`) and its photos prepared; with any error, the
 * diagnostics and nothing written; else the pages planned (`planBuild`), and the site written and
 * swapped in (`writeThenSwap`).
 */
async function validateThenWrite(
  options: BuildOptions,
  writers: PageWriters,
  start: number,
  photosDir: string,
  cache: BuildCache | undefined,
  previous: CachedBuild | undefined,
  stagingAhead: StagingAhead,
  ahead: SyncAhead | undefined,
): Promise<BuildResult | (() => Promise<BuildResult>)> {
  const read = await readArchive(options, writers, previous, ahead, start);
  const { loaded, store, renderer, incremental } = read;
  // The photos are checked even when files have errors, theirs too when their src can be read: every error in one run.
  const photoStart = performance.now();
  const photos = await preparePhotos(options.contentDir, loaded.content?.articles ?? store.photoUses(), {
    cacheDir: photosDir,
    encode: loaded.content !== undefined,
    everyUse: loaded.content !== undefined,
    inIndex: store.filesInIndex(),
    ...(options.onPhoto ? { onProgress: options.onPhoto } : {}),
  });
  const diagnostics = photos.diagnostics.length === 0 ? loaded.diagnostics : sortDiagnostics([...loaded.diagnostics, ...photos.diagnostics]);
  if (!loaded.content || diagnostics.some((d) => d.severity === "error")) {
    return { ok: false, diagnostics, files: loaded.fileCount, ms: performance.now() - start };
  }
  // A clean build replaces the site whole: the whole site is read, before anything is written. An
  // incremental build only stages beside it: its survey's thread reads it meanwhile (all but the
  // pages' own folders, `nestedRepositories`), and the build asks before its swap. One made
  // clean by a registry's change reads only the pages' folders the thread left out.
  if (!incremental) refuseNestedRepositories(options.outDir, await allNestedRepositories(resolve(options.outDir), read.restored ? ahead : undefined));
  if (photos.sets.size > 0)
    options.onPhase?.({ name: "photos", encoded: photos.encoded, cached: photos.cached, read: photos.read, ms: performance.now() - photoStart });
  renderer.usePhotos(photos.sets);
  const plan = await planBuild(options, read, loaded.content, photos.sets, cache !== undefined);
  letGoBeforeWriting(options, read, plan);
  return writeThenSwap(options, writers, start, photosDir, cache, read, plan, diagnostics, stagingAhead, ahead);
}

/** The archive as a build reads it, and what the build knows of it from the cache. */
interface ReadArchive {
  /** The build's date. */
  nowMs: number;
  store: ArchiveStore;
  renderer: ArticleRenderer;
  /** Whether the store was restored from the cache's snapshot before it was synced. */
  restored: boolean;
  change: StoreChange;
  /** The entries of the articles read again, as they were: an edit of their text alone takes the fast path. */
  replaced: Map<string, ArticleEntry>;
  loaded: LoadResult;
  /** The last build, when this one is incremental (its state restored, its registries the same). */
  incremental: CachedBuild | undefined;
  /** Each article's file digest. */
  files: Map<Article, string>;
}

/**
 * Reads the archive: the store restored from the cache's snapshot and synced, or read whole, its
 * bodies rendered by the helper threads while the files are read; a valid archive's bodies all
 * rendered, and the writer's code loaded meanwhile.
 */
async function readArchive(
  options: BuildOptions,
  writers: PageWriters,
  previous: CachedBuild | undefined,
  ahead: SyncAhead | undefined,
  start: number,
): Promise<ReadArchive> {
  const nowMs = options.nowMs ?? buildDateFromEnvironment() ?? Date.now();
  // Helpers start as soon as the files are counted, and render bodies while this thread reads.
  const renderer = options.renderer ?? new ArticleRenderer();
  // The snapshot just read is the store's own: adopted, not copied.
  const restored = previous && ArchiveStore.fromSnapshot(previous.store, { contentDir: options.contentDir, nowMs }, { adopt: true });
  const store = options.store ?? restored ?? new ArchiveStore({ contentDir: options.contentDir, nowMs });
  const replaced = new Map<string, ArticleEntry>();
  // An incremental build renders only the pages that changed, each body when first read.
  const change = await store.sync(
    undefined,
    restored
      ? { onReplaced: (before) => replaced.set(before.path, before) }
      : {
          onListed: (files) => writers.start(files),
          onArticles: (articles) => writers.renderBodies(articles, renderer),
        },
    restored && ahead,
  );
  const loaded = store.result();
  // New registries can change every page: a clean build, its bodies rendered by helpers.
  const incremental = restored && !change.registries ? previous : undefined;
  if (restored && !incremental && loaded.content) {
    writers.start(loaded.fileCount);
    writers.renderBodies(loaded.content.articles, renderer);
  }
  if (loaded.content) {
    // A valid archive is written: the writer's code loads while the helper finishes the bodies.
    if (!incremental) writers.prepare();
    await writers.bodiesRendered();
  }
  // A standfirst is a function of the article file's text (and of the code, in the cache's key).
  const files = sourceDigests(store);
  if (incremental) {
    const summaries = incremental.summaries;
    renderer.adoptSummaries((article) => {
      const digest = files.get(article);
      return digest === undefined ? undefined : summaries.get(digest);
    });
  }
  options.onPhase?.({ name: "loaded", articles: loaded.content?.articles.length ?? 0, files: loaded.fileCount, ms: performance.now() - start });
  return { nowMs, store, renderer, restored: restored !== undefined, change, replaced, loaded, incremental, files };
}

/** What a build writes, as planned: every page, or those an incremental build's fast path found changed. */
interface BuildPlan {
  content: Content;
  data: BuildData;
  /** The site's pages by kind, and how many in all (the fast path's data holds only some). */
  counts: Record<string, number>;
  total: number;
  /** The articles the site publishes. */
  articles: number;
  /** Each page's digest, for the cache and the next build. */
  digests: ReadonlyMap<string, string> | undefined;
  fast: FastPlan | undefined;
  /** The pages an incremental build planned: all, or some only, for text edits, articles added, or articles removed or moved. */
  planned: "all" | "text" | "added" | "moved";
  /** Only articles' texts changed: the search bundles that hold them are patched. */
  textEditsOnly: boolean;
  photos: PhotosPlan;
  /** What the search index is made from, in a build with search. */
  index: IndexSource | undefined;
}

/** The photos a build shows, as against the last build's. */
interface PhotosPlan {
  /** The photos of the articles this build publishes (a draft's, or an embargoed article's, stays in the cache). */
  shown: Map<string, PhotoSet>;
  state: Map<string, string>;
  /** Whether they are the last build's. */
  same: boolean;
  /** On the fast path, when only new photos came and files were replaced: those. */
  onlyNew: PhotoChange | undefined;
  /** The photos the cache keeps once the site is swapped in, when they are not the last build's. */
  digests: ReadonlySet<string> | undefined;
}

/**
 * Plans the pages: an incremental build whose articles' texts were edited, or which added or
 * removed articles, plans only the pages that show them or showed them, and the feeds' and news
 * sitemap's (the fast path); any other plans every page. With search, a text edit's bundles are
 * patched on a thread meanwhile (`planSearchAhead`).
 */
async function planBuild(
  options: BuildOptions,
  read: ReadArchive,
  loadedContent: Content,
  photoSets: ReadonlyMap<string, PhotoSet>,
  keepsDigests: boolean,
): Promise<BuildPlan> {
  const { store, renderer, nowMs, incremental, files } = read;
  const content = options.baseUrl ? { ...loadedContent, site: { ...loadedContent.site, baseUrl: siteAddress(options.baseUrl) } } : loadedContent;
  const planStart = performance.now();
  // Only the photos of the articles this build publishes reach the site: a draft's, or an
  // embargoed article's until its date, stays in the cache, encoded for when it is published.
  const shownPhotos = shownPhotoSets(content.articles, photoSets, (a) => isPublished(a, { drafts: options.drafts, nowMs }));
  const photosState = shownDigests(shownPhotos);
  const photosSame = incremental !== undefined && sameShownPhotos(photosState, incremental.photos);
  // The photos this build shows, when they are not the last build's: once it is swapped in, the
  // cache keeps those, and those another build showed within the week. A build that shows the
  // last one's photos leaves the cache as it is: it would only mark them shown again (0.15 s at
  // 30,000 photos, in the path of every edit).
  const photoDigests = !photosSame ? new Set([...photoSets.values()].map((set) => set.source.digest)) : undefined;
  // Only articles' texts changed, articles were added, or removed (an article changed otherwise is
  // one removed and one added): the pages that show them or showed them, and the feeds' and news
  // sitemap's, are planned; no other. The photos are the last build's, but for those new
  // to the site: an article whose photo file was replaced is planned as one whose text was edited.
  const candidate = incremental ? narrowChange(read.change, read.replaced, store) : undefined;
  const photosChanged = incremental && candidate && !photosSame ? photoChange(shownPhotos, incremental.photos) : undefined;
  if (photosChanged && photosChanged.replaced.size > 0)
    for (const article of content.articles)
      if (article.image && photosChanged.replaced.has(article.image.src) && !candidate!.added.has(article)) candidate!.articles.add(article);
  const narrow = photosSame || photosChanged ? candidate : undefined;
  // Articles' texts edited, none added: the search index's bundles that change are to be patched,
  // with a service for the edited records alone (src/search/bundle-patch.ts); they are the last
  // build's bundles, and patched while the pages are planned and written (`planSearchAhead`).
  const textEditsOnly = narrow !== undefined && narrow.added.size === 0 && narrow.removed.length === 0;
  const searchSources: RecordSources | undefined =
    options.search !== false
      ? {
          ...recordSources(store, read.replaced, read.change.added, (a) => isPublished(a, { drafts: options.drafts, nowMs }), files),
          ...(textEditsOnly ? { changedOnly: narrow.articles } : {}),
        }
      : undefined;
  // The patch's thread starts first, and loads its modules while the archive is derived and the index planned.
  const aheadThread = incremental && textEditsOnly && narrow.articles.size > 0 && searchSources && !options.store ? await startSearchAhead() : undefined;
  let derived: Archive | undefined;
  try {
    // Derived once, for the index planned ahead and the pages (each article's own lists are made for its page alone).
    derived = narrow && deriveArchive(content, { drafts: options.drafts, nowMs }, { perArticle: false });
  } catch (error) {
    void aheadThread?.thread.close();
    throw error;
  }
  const searchAhead = aheadThread && derived && searchSources && planSearchAhead(aheadThread, resolve(options.outDir), derived, renderer, searchSources);
  // The articles gone that the last build published: their pages were the site's.
  const removed = narrow?.removed.filter((a) => incremental!.pages.has(a.url)) ?? [];
  let feeds = new Set<string>();
  let gone: Map<string, string> | undefined;
  let redirects = false;
  const some =
    narrow &&
    derived &&
    planSomePages(derived, renderer, (archive) => {
      const added = narrow.added.size > 0 ? archive.articles.filter((a) => narrow.added.has(a)) : [];
      if ((added.length > 0 || removed.length > 0) && !sameMainTopics(archive, added, removed)) return undefined;
      feeds = feedsShowing(archive, new Set([...narrow.articles, ...narrow.added].map((a) => a.url)), removed);
      const urls = discoveryPages(archive, nowMs, feeds);
      const edited = narrow.articles.size > 0 ? archive.articles.filter((a) => narrow.articles.has(a)) : [];
      for (const url of edited.length > 0 ? pagesShowingEdited(archive, edited) : []) urls.add(url);
      for (const url of added.length > 0 ? pagesShowingAdded(archive, added) : []) urls.add(url);
      if (removed.length > 0) {
        const showing = pagesShowingRemoved(archive, removed, added);
        for (const url of showing.urls) urls.add(url);
        gone = showing.gone;
      }
      // `_redirects` names every alias, in the articles' order: made again, from all of them, when one came, went or moved.
      if ([...added, ...removed].some((a) => a.aliases.length > 0)) {
        redirects = true;
        for (const url of redirectUrls(archive)) urls.add(url);
      }
      if (options.search !== false) urls.add(SEARCH_URL);
      return urls;
    });
  // Articles added (even drafts or held back, which no page shows) may add pages, and those removed
  // take theirs away: counted on the whole archive.
  const expected = some && (narrow.added.size > 0 || narrow.removed.length > 0) ? pageCounts(some.archive) : undefined;
  const fast = some && incremental && some.archive.articles.length > 0 ? fastPlan(some.data, renderer, files, incremental, feeds, expected, gone) : undefined;
  if (fast && expected) {
    const entries = archiveSitemapEntries(some!.data.site, some!.archive, new Date(nowMs).toISOString());
    // A split sitemap's files that hold none but articles older than the change stay the last build's.
    const split = incremental!.outputs.includes(sitemapPartUrl(1));
    fast.sitemaps = { entries, unchanged: split ? unchangedSitemapEntries(some!.archive, narrow!.added, removed) : 0 };
  }
  if (fast) fast.redirects = redirects;
  const data = fast ? some!.data : planSite(content, { drafts: options.drafts, nowMs }, renderer);
  const counts = fast ? fast.counts : countPages(data.pages);
  const total = sumOf(counts);
  const digests = fast?.digests ?? (keepsDigests ? pageDigests(data.site, data.pages, renderer, files) : undefined);
  options.onPhase?.({
    name: "planned",
    pages: fast ? sumOf(countPages(data.pages)) : total,
    ...(fast ? { of: total } : {}),
    ms: performance.now() - planStart,
  });
  // The articles of the published URLs: the fast path's archive holds those alone.
  const published = fast ? some!.archive.articles : undefined;
  return {
    content,
    data,
    counts,
    total,
    articles: published ? published.length : data.pages.articles.length,
    digests,
    fast,
    planned: !fast ? "all" : narrow!.removed.length > 0 ? "moved" : expected ? "added" : "text",
    textEditsOnly,
    photos: { shown: shownPhotos, state: photosState, same: photosSame, onlyNew: fast && photosChanged, digests: photoDigests },
    index: searchSources && {
      data,
      articles: published ?? publishedArticles(content, data),
      sources: searchSources,
      ...(searchAhead ? { ahead: searchAhead } : {}),
    },
  };
}

/**
 * Lets go of what the pages no longer need before they are written. A clean build has rendered
 * every body it reads: their text waits in the files, not the heap (the dev server's store, kept
 * between builds, keeps its own). A full collection costs a large heap some tenths of a second, and
 * spares a small one nothing. Articles' texts edited alone: a bundle indexed whole after all is
 * collected for then (`beforeWhole`).
 */
function letGoBeforeWriting(options: BuildOptions, { incremental, store, renderer }: ReadArchive, plan: BuildPlan): void {
  const collects = plan.total >= COLLECT_FROM_PAGES;
  if (!incremental && !options.store) {
    store.releaseBodies((article) => !renderer.needsBody(article));
    // Planning leaves about as much garbage as it keeps (0.5 GB at 100,000 articles): collected
    // now, before the page writers' first batches add to the process's peak.
    if (collects) collectGarbage();
  } else if (incremental && collects && options.search !== false && !plan.textEditsOnly) {
    // Likewise before an incremental build writes its pages, when more than text changed: the state
    // restored (some 650 MB at 100,000 articles) and the garbage of reading and planning are
    // collected once, not by the collections the page writing would otherwise make (10 articles
    // added at 100,000: 0.25 s spent, more saved on the pages; docs/performance.md, session 74),
    // and a Pagefind service indexing a bundle whole (one whose patch cannot apply, or a new one)
    // adds its memory to a smaller peak: 1 GB is the whole process tree's target.
    collectGarbage();
  }
}

/**
 * Writes the planned site into a staging folder beside the output (an incremental build's holds
 * the last site, its changed pages written again), indexes it, records its URLs and swaps it in
 * whole, then saves the cache. A clean build with search of `INDEX_AFTER_PAGES` pages or more
 * returns instead what is left to do once it has let go of its plan (`indexAfterRelease`).
 */
async function writeThenSwap(
  options: BuildOptions,
  writers: PageWriters,
  start: number,
  photosDir: string,
  cache: BuildCache | undefined,
  read: ReadArchive,
  plan: BuildPlan,
  diagnostics: Diagnostic[],
  { early, catchingUp }: StagingAhead,
  ahead: SyncAhead | undefined,
): Promise<BuildResult | (() => Promise<BuildResult>)> {
  const { store, renderer, nowMs, incremental } = read;
  const { content, data, counts, total, digests, fast, index, photos } = plan;
  const out = resolve(options.outDir);
  // The whole site, linked while this thread read and planned: an incremental build's staging folder.
  const linked = incremental && digests && early ? await early.take() : false;
  if (!linked) await early?.cancel();
  const staging = linked ? early!.folder : siblingFolder(out, "building");
  const writeStart = performance.now();
  let state: SiteState | undefined;
  let stamp: string | undefined;
  const search = index && searchIndexer(staging, index, renderer, { keepBodies: options.store !== undefined, previousSite: options.previousSite });
  const indexAfter = search !== undefined && !incremental && !options.store && total >= (options.indexAfterFrom ?? INDEX_AFTER_PAGES);
  let indexing: Promise<Indexed> | undefined;
  let spare: SpareSite | undefined;
  // The paths where the new site differs from the one it replaces, as far as an incremental build knows.
  const changed = new Set<string>();
  // The search records' files of a build that indexes after it lets go of its plan (`indexAfter`).
  let spool: string | undefined;
  // Recorded before the swap: a site whose URLs could not be recorded is never published.
  // The store reads urls.txt again: the state saved is of the file the workflow commits.
  const recordUrls = (): void => {
    if (options.recordUrls) store.recordedUrls(recordPublishedUrls(options.contentDir, content, nowMs, store.heldUrlManifest()));
  };
  // Whether a clean build with the cache leaves its own site as the next build's spare.
  const leavesSpare = (): boolean =>
    cache !== undefined && state !== undefined && stamp !== undefined && !incremental && total >= (options.cleanSpareFrom ?? CLEAN_SPARE_PAGES);
  const result = (): Omit<BuildResult, "ms"> => ({
    ok: true,
    diagnostics,
    files: read.loaded.fileCount,
    pages: counts,
    articles: plan.articles,
    ...(cache ? { incremental: incremental !== undefined } : {}),
  });
  try {
    removeLeftovers(out);
    // The spare is taken only by an incremental build whose cache vouches for it; any other is
    // stale. Either way the survey's thread is done with it first.
    const caughtUp = (await catchingUp?.caughtUp) ?? false;
    const lacking = incremental && digests ? catchingUp?.lacking : undefined;
    const fromSpare = lacking !== undefined && takeSpare(out, staging) ? { lacking, caughtUp } : undefined;
    if (!fromSpare) {
      discardSpare(out);
      // Made first, so that a full or read-only disk is told by the folder that could not be made.
      if (!linked) makeFolders(staging);
    }
    if (incremental && digests) {
      const changes = await writeChanges(out, staging, data, digests, incremental, nowMs, fast, fromSpare, linked);
      state = { ...changes.state, counts, photos: photos.state };
      for (const path of changes.changed) changed.add(path);
      if (!photos.same) for (const path of stagePhotos(staging, photos, photosDir)) changed.add(path);
      options.onPhase?.({ name: "incremental", ...changes.counts, planned: plan.planned, ms: performance.now() - writeStart });
    } else {
      // Feeds, sitemaps and the search index are built in the staging folder: a failure publishes
      // nothing. Feeds and sitemaps are written by this thread while helpers write pages.
      // A clean build indexes while its pages are written: the records come from the planned data
      // and the rendered bodies, never from the written HTML, and Pagefind's services work on the
      // core the page writers leave idle (the planning's end, Eleventy's start-up, the last batches).
      indexing = indexAfter ? undefined : search?.(true);
      indexing?.catch(() => {}); // awaited after the pages are written
      const outputs = await writeWhole(options, writers, staging, plan, nowMs, photosDir, search);
      if (digests) state = { pages: digests, outputs, summaries: new Map(), counts, photos: photos.state };
    }
    // Every build, clean or incremental, gives its site a marker of its own: the cache's stamp.
    renewMarker(staging, options.drafts);
    changed.add(SITE_MARKER);
    assertEveryArticleWritten(staging, data.pages);
    if (indexAfter) {
      // The records to files, the URLs recorded and the cache's state made: what is left to do
      // needs nothing else this function holds, and what it holds goes when it returns.
      spool = siblingFolder(out, "records");
      const bundles = spoolBundles(
        searchBundles(index!, renderer, (article) => renderer.releaseBody(article)),
        spool,
      );
      const urls = options.recordUrls ? urlManifestBytes(options.contentDir) : undefined;
      recordUrls();
      // The stamp counts the site's top folders: the index's is made now, empty, to be filled after.
      mkdirSync(join(staging, SEARCH_INDEX_URL), { recursive: true });
      stamp = state && siteStamp(staging);
      spare = leavesSpare() ? { stamp: stamp!, changed: [] } : undefined;
      // Packed and written once the plan is let go: packing it beside the plan was the build's peak.
      const pendingCache =
        cache && state && stamp ? orDiscard(cache, () => ({ cache, stamp: stamp!, state: wholeState(state!, store, renderer, spare) }), options) : undefined;
      return indexAfterRelease({
        options,
        start,
        out,
        staging,
        spool,
        bundles,
        urls,
        pendingCache,
        linkSpare: spare !== undefined,
        photoDigests: photos.digests,
        result: result(),
      });
    }
    if (search) {
      // An incremental build's staging folder holds the previous index, linked: its unchanged
      // bundles stay, the others are indexed into new folders. A previous site given instead
      // lends its unchanged bundles to a staging folder without an index.
      if (!indexing && incremental && options.previousSite !== undefined) rmSync(join(staging, SEARCH_INDEX_URL), { recursive: true, force: true });
      // The pages are written: the sitemaps' entries (one per article) and the garbage of planning
      // and writing go before a Pagefind service indexes a bundle whole, adding its own memory to
      // the peak (a patch's service, for a few records, adds little).
      if (!indexing && incremental && fast) delete fast.sitemaps;
      const beforeWhole = !indexing && incremental && total >= COLLECT_FROM_PAGES ? collectGarbage : undefined;
      const indexed = await (indexing ?? search(false, incremental !== undefined, beforeWhole));
      removeAhead(index?.ahead);
      for (const path of indexed.changed) changed.add(path);
      // Told after the pages, in either case: its time counts from its start.
      options.onPhase?.(indexed.phase);
    }
    if (incremental) refuseNestedRepositories(options.outDir, (await ahead?.repositories()) ?? nestedRepositories(out, { pageFolders: false }));
    recordUrls();
    stamp = state && siteStamp(staging);
    // The site replaced by an incremental build stays beside it as the next one's staging folder.
    const outgoing = incremental ? siteStamp(out) : undefined;
    if (swapInto(staging, out, outgoing !== undefined) && outgoing !== undefined) spare = { stamp: outgoing, changed: [...changed] };
  } catch (error) {
    await writers.close(); // no helper may still write into the folder being removed
    search?.stop();
    removeAhead(index?.ahead);
    await indexing?.catch(() => {}); // nor any indexer
    // Eleventy's other pages of the run are still written after one failed, within this turn of
    // the event loop (its writes are synchronous): the folder is removed once they are done.
    await new Promise((done) => setImmediate(done));
    rmSync(staging, { recursive: true, force: true });
    if (spool) rmSync(spool, { recursive: true, force: true });
    throw siteWriteError(error, options.outDir, existsSync(out));
  }
  options.onPhase?.({ name: "swapped" });
  prunePhotos(options, photos.digests);
  // A large clean build leaves the next incremental one a spare too: its own site, linked while the
  // cache is written, which the next build takes with nothing to bring up to date. Recorded before
  // the link ends: one that fails leaves no spare of this stamp, and the next build links the
  // whole site (`usableSpare`).
  const linking = leavesSpare() ? linkSpare(out, siblingFolder(out, "building")) : undefined;
  if (linking) spare = { stamp: stamp!, changed: [] };
  if (cache && state && stamp) saveCache(cache, stamp, state, store, renderer, incremental, spare, options);
  await linking;
  return { ...result(), built: { content, data }, ms: performance.now() - start };
}

/**
 * A clean build's pages, written into its staging folder by this thread and the helpers, the feeds,
 * sitemaps and other discovery files by this thread meanwhile, then the static assets and the
 * photos. Returns the discovery files' paths.
 */
async function writeWhole(
  options: BuildOptions,
  writers: PageWriters,
  staging: string,
  { data, total, photos }: BuildPlan,
  nowMs: number,
  photosDir: string,
  search: SearchIndexer | undefined,
): Promise<string[]> {
  const writeStart = performance.now();
  let written = 0;
  let discovery = { files: [] as string[], ms: 0 };
  const publish = (): void => {
    const publishStart = performance.now();
    const files = writeDiscoveryFiles(staging, data.site, data.pages, nowMs);
    discovery = { files, ms: performance.now() - publishStart };
  };
  await writers.write(data, staging, () => options.onPage?.(++written, total), publish);
  search?.pagesWritten();
  cpSync(join(projectRoot, "public"), staging, { recursive: true });
  placePhotos([...photos.shown.values()], photosDir, staging);
  options.onPhase?.({ name: "written", pages: total, ms: performance.now() - writeStart - discovery.ms });
  options.onPhase?.({ name: "published", files: discovery.files.length, ms: discovery.ms });
  return discovery.files;
}

/**
 * An incremental build's staging folder holds the last build's photos: those new to the site are
 * added and the files of those replaced removed (the fast path), or, when the photos changed
 * otherwise, all are linked again from the cache (a photo no article shows any more is gone).
 * Returns the paths changed, which the spare catches up with.
 */
function stagePhotos(staging: string, photos: PhotosPlan, photosDir: string): string[] {
  const { onlyNew } = photos;
  if (!onlyNew) {
    rmSync(join(staging, PHOTOS_URL), { recursive: true, force: true });
    placePhotos([...photos.shown.values()], photosDir, staging);
    return [PHOTOS_URL.slice(1, -1)];
  }
  const changed = removeUnshownPhotos(staging, onlyNew.replaced.values(), photos.shown.values());
  placePhotos([...onlyNew.fresh.values()], photosDir, staging);
  for (const set of onlyNew.fresh.values()) changed.push(photoFolderUrl(set.source.digest).slice(1, -1));
  return changed;
}

/** What a clean build has left to do once its pages are written (`INDEX_AFTER_PAGES`). */
interface IndexAfterRelease {
  options: BuildOptions;
  start: number;
  out: string;
  staging: string;
  /** The folder of the records' files (`spoolBundles`), removed once the index is made. */
  spool: string;
  bundles: PlannedBundle[];
  /** urls.txt's bytes before this build recorded its URLs (null: no file), put back if the site is not published. */
  urls?: Buffer | null;
  /** The cache's state to write before the index is made; let go once written. */
  pendingCache?: { cache: BuildCache; stamp: string; state: WholeState };
  /** Whether the site, once in place, is linked as the next build's spare (the cache says so). */
  linkSpare: boolean;
  /** The digests of the photos the site shows: the cache keeps those once it is swapped in. */
  photoDigests?: ReadonlySet<string>;
  result: Omit<BuildResult, "ms">;
}

/**
 * The rest of a large clean build with search, made outside the function that read and planned
 * it, so that nothing it planned is reachable any more: its memory is collected, the cache written,
 * then the index made from the records' files, the site swapped in and linked as the spare. On any
 * failure the staging folder goes, urls.txt is put back as it was, and the previous site stays.
 */
function indexAfterRelease(rest: IndexAfterRelease): () => Promise<BuildResult> {
  return async () => {
    const { options, out, staging, spool, bundles } = rest;
    try {
      // The plan goes before the cache's state is packed: at 100,000 articles packing it beside the
      // plan was the build's peak.
      collectGarbage();
      writePendingCache(rest);
      // The cache's state goes too (about 1.1 GB back at 100,000 articles) before Pagefind's services start.
      giveMemoryBack();
      const indexStart = performance.now();
      const { indexSearchBundles } = await import("../search/indexer.ts");
      const indexed = await indexSearchBundles(staging, bundles);
      options.onPhase?.({ name: "indexed", articles: rest.result.articles ?? 0, bundles: indexed.bundles, ms: performance.now() - indexStart });
      swapInto(staging, out, false);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      if (rest.urls !== undefined) restoreUrlManifest(options.contentDir, rest.urls);
      throw siteWriteError(error, options.outDir, existsSync(out));
    } finally {
      rmSync(spool, { recursive: true, force: true });
    }
    options.onPhase?.({ name: "swapped" });
    prunePhotos(options, rest.photoDigests);
    if (rest.linkSpare) await linkSpare(out, siblingFolder(out, "building"));
    return { ...rest.result, ms: performance.now() - rest.start };
  };
}

// Once a site is swapped in, its build needs the cache's photos no more: those no build has shown
// for a week go (`prunePhotoCache`), so that a cache kept between runs does not grow with every
// photo replaced or removed. Without a cache, the photos' temporary folder goes whole after the build.
function prunePhotos(options: BuildOptions, used: ReadonlySet<string> | undefined): void {
  if (used && options.cacheDir !== undefined) prunePhotoCache(options.cacheDir, used);
}

// Writes the cache's state a large clean build kept for after its plan, and lets go of it. A
// function of its own: a register of the caller's frame would hold the state through the
// collections that follow (0.6 GB at 100,000 articles).
function writePendingCache(rest: IndexAfterRelease): void {
  const pending = rest.pendingCache;
  rest.pendingCache = undefined;
  if (pending) orDiscard(pending.cache, () => pending.cache.write(pending.stamp, pending.state), rest.options);
}

// urls.txt's bytes, or null when there is none (any other error stops the build: a file that
// could not be read is never taken for an absent one, which a failure would then remove).
function urlManifestBytes(contentDir: string): Buffer | null {
  try {
    return readFileSync(join(contentDir, URL_MANIFEST));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

// A site not published has not published its URLs: urls.txt as it was before the build recorded them.
function restoreUrlManifest(contentDir: string, bytes: Buffer | null): void {
  const path = join(contentDir, URL_MANIFEST);
  if (bytes === null) rmSync(path, { force: true });
  else replaceFileAtomically(path, bytes, displayPath(path));
}

function openCache(options: BuildOptions, dir: string): BuildCache {
  const key = cacheKey(projectRoot, {
    contentDir: options.contentDir,
    outDir: options.outDir,
    drafts: options.drafts,
    search: options.search !== false,
    ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
  });
  return new BuildCache(dir, key, options, options.cacheJournal);
}

function summariesOf(entries: Iterable<ArticleEntry>, renderer: ArticleRenderer): Map<string, string> {
  const summaries = new Map<string, string>();
  for (const entry of entries) {
    const summary = entry.article && entry.digest !== undefined ? renderer.knownSummary(entry.article) : undefined;
    if (summary !== undefined) summaries.set(entry.digest!, summary);
  }
  return summaries;
}

// What an incremental build changed is appended to the cache's journal when it can be (the previous
// pages in their order, some perhaps added after them; the same registries); else, or when the
// journal is long, the whole state is written.
function saveCache(
  cache: BuildCache,
  stamp: string,
  state: SiteState,
  store: ArchiveStore,
  renderer: ArticleRenderer,
  previous: CachedBuild | undefined,
  spare: SpareSite | undefined,
  options: Pick<BuildOptions, "onPhase">,
): void {
  orDiscard(
    cache,
    () => {
      const changes = previous && store.patch();
      const patch = changes && statePatch(previous, state, changes.patch, summariesOf(changes.entries, renderer), spare);
      if (patch && cache.append(stamp, patch)) return;
      cache.write(stamp, wholeState(state, store, renderer, spare));
    },
    options,
  );
}

function wholeState(state: SiteState, store: ArchiveStore, renderer: ArticleRenderer, spare: SpareSite | undefined): WholeState {
  return { ...state, summaries: summariesOf(store.entriesInAnyOrder(), renderer), store: store.snapshot(), ...(spare ? { spare } : {}) };
}

// The site is published, or about to be: a cache that cannot be made or saved only makes the next
// build a clean one, which the build says (`cache-unsaved`).
function orDiscard<T>(cache: BuildCache, work: () => T, options: Pick<BuildOptions, "onPhase">): T | undefined {
  try {
    return work();
  } catch (error) {
    cache.discard();
    options.onPhase?.({ name: "cache-unsaved", reason: describeIoError(error) });
    return undefined;
  }
}

// The manifest lives with the content and the workflow commits it back: a URL published once is
// checked forever. Editors' lines stay as they wrote them; only the URLs it lacks are added (returned).
// `held`: the file as the store read it, when it is still the same.
function recordPublishedUrls(contentDir: string, content: Content, nowMs: number, held: UrlManifestFile | undefined): string[] {
  const path = join(contentDir, URL_MANIFEST);
  const shown = displayPath(path);
  const read = held ? { ok: true as const, file: held } : readUrlManifestFile(path);
  if (!read.ok) throw new CommandError(messages().cli.recordUrlsUnreadable(shown, read.message));
  const added = unlistedUrls(
    read.file?.manifest,
    // Drafts and articles held back until a later date are not published by this build.
    content.articles.filter((a) => isPublished(a, { drafts: false, nowMs })),
    // Every topic and source has its page, with or without articles.
    content,
  );
  if (added.length > 0) replaceFileAtomically(path, appendUrls(read.file?.bytes, added), shown);
  return added;
}

/** Pages per kind, as the build summary prints them. */
export function countPages(pages: SitePages): Record<string, number> {
  return Object.fromEntries(Object.entries(pages).map(([kind, list]) => [kind, (list as unknown[]).length]));
}

function sumOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

// Every valid article must come out as a page: a silent loss would be the worst failure.
function assertEveryArticleWritten(dir: string, pages: SitePages): void {
  const missing = pages.articles.filter((p) => !existsSync(join(dir, p.url, "index.html")));
  if (missing.length > 0) {
    throw new Error(`${missing.length} article page(s) were not written, e.g. ${missing[0]!.url}; the previous site was kept`);
  }
}

// Every repository below the site's top: the thread's read completed with the pages' folders, if it has one.
async function allNestedRepositories(out: string, ahead: SyncAhead | undefined): Promise<string[]> {
  const walk = await ahead?.repositoryWalk();
  return walk ? completeRepositoryWalk(out, walk) : nestedRepositories(out);
}

// Throws the refusal of a site's folder holding git repositories below its top, if any were found.
function refuseNestedRepositories(outDir: string, found: readonly string[]): void {
  const refused = nestedRepositoryRefusal(found, outDir);
  if (refused) throw refused;
}
