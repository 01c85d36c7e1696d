import { patchBundleFolder } from "./bundle-patch.ts";
import { writeBundleRows } from "./bundle-rows.ts";
import { splitIndexChunks } from "./index-chunks.ts";
import { FIRST_FRAGMENTS, PACKS_FOLDER, PACKS_READER, WORDS_GUARD, wrapPagefindRuntime, writeSearchPacks } from "./index-packs.ts";
import childProcess, { type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import * as pagefind from "pagefind";
import { ThreadBudget } from "../threads/budget.ts";
import { Thread } from "../threads/thread.ts";
import { SEARCH_INDEX_URL, SEARCH_URL } from "../urls/site-urls.ts";
import { BundleQueue, MEMORY_BUDGET_MB } from "./index-memory.ts";
import { type BundleChange, type IndexBundle, PAGEFIND_VERSION, type PlannedBundle, recordPage } from "./records.ts";

/**
 * Full-text search with Pagefind, fed from the planned page data through its Node API (never the
 * written HTML read back), in bundles (the newest year, groups of earlier years: see
 * `planSearchBundles`). Each bundle is
 * indexed on its own, in a fresh Pagefind service, so that its memory goes back before the next;
 * a bundle whose records have not changed since a previous site is taken from it instead. The
 * runtime (pagefind.js, its worker, the French WebAssembly) is written once, in `/pagefind/`:
 * the search page loads it from there and merges only the bundles a search needs.
 */

export interface SearchIndexResult {
  /** Records indexed or reused. */
  pages: number;
  bundles: number;
  /** Bundles taken from the previous site, unchanged. */
  reused: number;
  /** Bundles patched in place, their new and edited records indexed alone (`IndexBundle.patch`). */
  patched: number;
  /** Of those, the bundles patched ahead (`IndexOptions.ahead`), taken as they were. */
  ahead: number;
  /**
   * The site-relative folders of the index this call wrote anew or removed (bundle folders, or the
   * whole index when its runtime was written): what differs from the index the folder held before.
   */
  changed: string[];
}

/** The file in each bundle folder that holds its digest. */
export const DIGEST_FILE = "bundle.digest";

// A bundle folder keeps only its index; the runtime is served once, from `/pagefind/`.
const RUNTIME_FILE = /^(?:pagefind.*\.(?:js|css)|wasm\..*\.pagefind)$/;
// Of the runtime, the search page loads only these (not Pagefind's own UI, nor the language-less WebAssembly).
const UNUSED_RUNTIME_FILE = /^(?:pagefind-(?:.*ui.*|highlight)\.(?:js|css)|wasm\.unknown\.pagefind)$/;

/** The file in `/pagefind/` that says which runtime it holds. */
export const RUNTIME_DIGEST_FILE = "runtime.digest";
// With the pack reader (and what it fetches ahead), the first fragments' fetcher and the words' guard written into the worker, and the guard after the module: a new one makes a new runtime.
const RUNTIME_DIGEST = `depeche-runtime-5 pagefind ${PAGEFIND_VERSION} worker ${createHash("sha256").update(PACKS_READER).update(FIRST_FRAGMENTS).update(WORDS_GUARD).digest("hex").slice(0, 12)}`;

/** The only word of the runtime's own record. */
export const RUNTIME_WORD = "_";

// Pages are handed to the service in batches: one message each, without waiting for each answer.
const BATCH = 500;

/**
 * Indexes one bundle's records into `<site>/pagefind/<key>/` with this thread's Pagefind service,
 * then stops the service so that its memory goes back before the next bundle. Returns the pages
 * indexed. With `writing`, the service writes its files only when the write budget allows. A
 * bundle with `patch` patches the folder that holds its previous index instead (`patchBundle`):
 * undefined when it cannot, and the bundle must be indexed whole.
 */
export async function indexBundle(siteDir: string, bundle: IndexBundle, writing?: Int32Array, from?: string): Promise<BundleWritten | undefined> {
  const outputPath = bundleFolder(siteDir, bundle.key);
  if (bundle.patch) return patchBundle(outputPath, bundle, bundle.patch, from);
  return withPagefind(bundle.key, async (index, stopped) => {
    let pages = 0;
    // In order, a batch after the other: the same records give the same files.
    for (let start = 0; start < bundle.records.length; start += BATCH) {
      stopped.throwIfAborted();
      const added = await Promise.all(
        bundle.records.slice(start, start + BATCH).map((record) => index.addHTMLFile({ url: record.url, content: recordPage(record) })),
      );
      failOn(
        added.flatMap((a) => a.errors),
        bundle.key,
      );
      pages += added.length;
    }
    const records = bundle.records.length;
    if (writing) await startWriting(writing, records);
    try {
      // A service that stopped while this waited for the write budget: no other service is started for it.
      stopped.throwIfAborted();
      failOn((await index.writeFiles({ outputPath })).errors, bundle.key);
    } finally {
      if (writing) stopWriting(writing, records);
    }
    for (const name of readdirSync(outputPath)) if (RUNTIME_FILE.test(name)) rmSync(join(outputPath, name));
    splitIndexChunks(outputPath);
    writeBundleRows(outputPath, bundle.prefix);
    writeFileSync(join(outputPath, DIGEST_FILE), `${bundle.digest}\n`);
    return { pages };
  });
}

/** A bundle's folder written: its pages; for a patch, the files it wrote or removed, relative to the folder (else the folder is new). */
export interface BundleWritten {
  pages: number;
  files?: string[];
}

// Indexes a bundle's new and edited records alone, in a service of their own, then patches the
// bundle's folder with them (src/search/bundle-patch.ts); or, with `from`, writes into the folder
// only what the patch of the bundle there changes. Returns the bundle's pages and the files
// changed, or undefined (the folder removed) when the patch cannot apply: the bundle is indexed whole then.
async function patchBundle(outputPath: string, bundle: IndexBundle, patch: BundleChange, from = outputPath): Promise<BundleWritten | undefined> {
  // Records removed alone: no service, and no index of new records.
  const patchDir = bundle.records.length > 0 ? mkdtempSync(join(tmpdir(), "depeche-patch-")) : undefined;
  try {
    if (patchDir)
      await withPagefind(bundle.key, async (index) => {
        for (const record of bundle.records) failOn((await index.addHTMLFile({ url: record.url, content: recordPage(record) })).errors, bundle.key);
        failOn((await index.writeFiles({ outputPath: patchDir })).errors, bundle.key);
      });
    // Gone before the folder changes (the previous site's file, linked: removed, not written
    // into): a folder left half patched is never taken for the previous bundle.
    if (from === outputPath) rmSync(join(outputPath, DIGEST_FILE));
    else {
      rmSync(outputPath, { recursive: true, force: true });
      mkdirSync(outputPath, { recursive: true });
    }
    const patched = patchBundleFolder(outputPath, patchDir, patch, bundle.prefix, from);
    if (patched === undefined) {
      rmSync(outputPath, { recursive: true, force: true });
      return undefined;
    }
    writeFileSync(join(outputPath, DIGEST_FILE), `${bundle.digest}\n`);
    return { pages: patched.pages, files: [...patched.files, DIGEST_FILE] };
  } finally {
    if (patchDir) rmSync(patchDir, { recursive: true, force: true });
  }
}

/**
 * Writes the runtime into `<site>/pagefind/`: pagefind.js, its worker and the French WebAssembly,
 * with an index of one record that readers never see: its only word is `_` (Pagefind drops an
 * empty record, and a language-less index would load the WebAssembly without French stemming),
 * filtered searches leave it out, for it has no filter, and the search page drops its URL. Pagefind loads its WebAssembly from the first index it opens: this one, so
 * that the runtime exists once however many bundles there are.
 */
export async function writeSearchRuntime(siteDir: string): Promise<void> {
  const outputPath = join(siteDir, SEARCH_INDEX_URL);
  await withPagefind("runtime", async (index) => {
    failOn((await index.addCustomRecord({ url: SEARCH_URL, content: RUNTIME_WORD, language: "fr" })).errors, "runtime");
    failOn((await index.writeFiles({ outputPath })).errors, "runtime");
    for (const name of readdirSync(outputPath)) if (UNUSED_RUNTIME_FILE.test(name)) rmSync(join(outputPath, name));
    wrapPagefindRuntime(outputPath);
    writeFileSync(join(outputPath, RUNTIME_DIGEST_FILE), `${RUNTIME_DIGEST}\n`);
  });
}

/**
 * Most records that services may be writing at once. A service holds some 20 KB a record while
 * pages are added, and some 75 KB while it writes its files (measured at 2,500 to 30,000 records):
 * two bundles of 7,700 writing at once peak at 1.2 GB, one at a time 0.75 GB. Below the budget
 * (two bundles of 5,000) both write at once, on both cores. `DEPECHE_WRITE_BUDGET` overrides it.
 */
export const WRITE_BUDGET = Number(process.env.DEPECHE_WRITE_BUDGET) || 10_000;

// The records being written, shared by the indexing threads: a service may start writing when
// none is, or when its records fit in what the budget leaves.
async function startWriting(writing: Int32Array, records: number): Promise<void> {
  for (;;) {
    const current = Atomics.load(writing, 0);
    if (current === 0 || current + records <= WRITE_BUDGET) {
      if (Atomics.compareExchange(writing, 0, current, current + records) === current) return;
    } else {
      const wait = (Atomics as unknown as AtomicsWaitAsync).waitAsync(writing, 0, current);
      if (wait.async) await wait.value;
    }
  }
}

function stopWriting(writing: Int32Array, records: number): void {
  Atomics.sub(writing, 0, records);
  Atomics.notify(writing, 0);
}

// `Atomics.waitAsync` (Node 16 and later): waits without blocking the thread's event loop, which
// keeps reading its own service's answers meanwhile.
interface AtomicsWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number): { async: boolean; value: Promise<string> | string };
}

/**
 * The allocator settings a Pagefind service starts with (its binary links jemalloc, which reads
 * them from `_RJEM_MALLOC_CONF`): one arena for all its threads, so that memory one thread freed
 * is the next one's, and jemalloc's own delay (10 s) before freed pages go back to the system.
 * Handing them back sooner (250 ms, the setting before) made every page used again a fault: where
 * a fault is dear (a virtual machine: 21 µs a page here) that was a third of a service's CPU, half
 * of Pagefind's in a whole build. A bundle of 4,600 records: 10–11 s of CPU and 365 MB at the peak,
 * against 14–17 s and 350 MB after 250 ms, and 11 s and 415 MB with jemalloc's several arenas
 * (docs/performance.md). The index's bytes are the same. An allocator setting of the environment
 * is kept.
 */
export const SERVICE_MALLOC_CONF = "narenas:1";

/**
 * Runs `work` with a fresh Pagefind service's index, then stops the service. Pagefind's Node
 * wrapper (1.6) never settles a call once its service has stopped on its own (a panic: a full disk,
 * a folder it cannot write): the build would wait forever, its threads idle. So the service it
 * spawns is watched (`child_process.spawn`, which the wrapper calls as the index is created, is
 * wrapped for that one call), and its exit fails the work under way with the bundle's name, as
 * does a call the wrapper fails within a second of it; Pagefind prints its own message (its
 * panic) on the build's standard error.
 *
 * The wrapper keeps one service for its whole module, and a thread has one wrapper: a call waits
 * for the thread's call under way, if any, to be done with its service (`oneServiceAtOnce`). Two
 * previews in one process (the tests') each indexed on their main thread, and the second one's
 * start stopped the first one's service halfway ("stopped (exit status 0)").
 */
function withPagefind<T>(what: string, work: (index: pagefind.PagefindIndex, stopped: AbortSignal) => Promise<T>): Promise<T> {
  return oneServiceAtOnce(() => withOwnService(what, work));
}

// Where a thread's calls wait for each other: on the global object, which the build's bundles,
// each with a copy of this module, share with Pagefind's one wrapper.
const SERVICE_TURN = Symbol.for("depeche.pagefindServiceTurn");

function oneServiceAtOnce<T>(work: () => Promise<T>): Promise<T> {
  const global = globalThis as { [SERVICE_TURN]?: Promise<unknown> };
  const turn = (global[SERVICE_TURN] ?? Promise.resolve()).then(work);
  global[SERVICE_TURN] = turn.catch(() => {});
  return turn;
}

async function withOwnService<T>(what: string, work: (index: pagefind.PagefindIndex, stopped: AbortSignal) => Promise<T>): Promise<T> {
  // Pagefind spawns its service with this thread's environment.
  process.env._RJEM_MALLOC_CONF ??= SERVICE_MALLOC_CONF;
  // A service left by an earlier call (none, as every call stops its own): this one spawns its own, watched.
  await pagefind.close();
  const spawn = childProcess.spawn;
  let service: ChildProcess | undefined;
  (childProcess as { spawn: typeof spawn }).spawn = ((...args: Parameters<typeof spawn>) => (service = spawn(...args))) as typeof spawn;
  let creating: ReturnType<typeof pagefind.createIndex>;
  try {
    creating = pagefind.createIndex({ forceLanguage: "fr" });
  } finally {
    (childProcess as { spawn: typeof spawn }).spawn = spawn;
  }
  // Aborted when the service stops on its own: work still under way gives up at its next step.
  const abort = new AbortController();
  const stopped = new Promise<never>((_, reject) =>
    service?.once("exit", (code, signal) => {
      const error = new Error(`search index ${what}: Pagefind's service stopped (${signal ?? `exit status ${code}`}) before it was done`);
      abort.abort(error);
      reject(error);
    }),
  );
  stopped.catch(() => {});
  try {
    const created = await Promise.race([creating, stopped]);
    if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
    return await Promise.race([work(created.index, abort.signal), stopped]);
  } catch (error) {
    // A call the wrapper failed as its service died (a write to it broke): the service's stop says why.
    if (!(error instanceof Error && error.message === "Pagefind backend closed")) throw error;
    throw await Promise.race([stopped.catch((stop: unknown) => stop), sleep(1000, error, { ref: false })]);
  } finally {
    await pagefind.close();
  }
}

function failOn(errors: readonly string[], bundle: string): void {
  if (errors.length > 0) throw new Error(`search index ${bundle}: ${errors.join("; ")}`);
}

export function bundleFolder(siteDir: string, key: string): string {
  return join(siteDir, SEARCH_INDEX_URL, key);
}

const INDEXER_THREAD = new URL("./indexer-thread.ts", import.meta.url);

/** The libraries an indexing thread uses. */
export const INDEXER_LIBRARIES: readonly string[] = ["cborg", "pagefind"];

/** What the main thread asks of an indexing thread: a bundle, or the runtime (`writeSearchRuntime`). */
export type IndexRequest =
  | {
      kind: "bundle";
      siteDir: string;
      bundle: IndexBundle;
      /** The records being written, shared with every indexing thread (`WRITE_BUDGET`). */
      writing: Int32Array;
      /** The previous site's folder of the bundle, which its patch reads, writing only what changes (`patchAhead`). */
      from?: string;
    }
  | { kind: "runtime"; siteDir: string };

/** What an indexing thread answers. */
export interface IndexReply {
  kind: "indexed";
  /** As `indexBundle` returns it. */
  written: BundleWritten | undefined;
}

/**
 * How many bundles to index at once: two by default (a service indexing a year of 7,700 articles
 * peaks near 500 MB, and two use both cores of the build machine); `DEPECHE_INDEXERS` overrides
 * it, and the thread budget may allow fewer.
 */
export function indexerCount(bundles: number): number {
  const wanted = process.env.DEPECHE_INDEXERS ? Number(process.env.DEPECHE_INDEXERS) : 2;
  return Math.max(1, Math.min(wanted, bundles));
}

/** Where a previous site's bundles may be reused from. */
export interface IndexOptions {
  /** A previous site of the same archive: each bundle folder whose digest equals the new one is taken (hard-linked), not indexed again. */
  previousSite?: string;
  /**
   * The site folder already holds the previous site's index, linked (an incremental build's
   * staging folder): the bundle folders whose digest is unchanged (or planned unchanged,
   * `PlannedBundle.unchanged`) stay where they are, those a
   * planned patch applies to are patched (`PlannedBundle.patch`), the others are removed (their
   * links only) and indexed anew. Nothing is linked twice.
   */
  staged?: boolean;
  /**
   * Called once, on this thread, before the first bundle indexed whole (not patched) starts: a
   * build lets go of its garbage before a service adds a bundle's memory to its peak.
   */
  beforeWhole?: () => void;
  /** Called as each bundle is done, indexed or reused. */
  onBundle?: (bundle: PlannedBundle, pages: number, reused: boolean) => void;
  /**
   * Indexes beside other work of this thread (a clean build's page writing): the runtime and every
   * bundle go to indexing threads of their own, outside the thread budget, which the page writers
   * hold. They take little CPU themselves: they hand records to their Pagefind service and wait,
   * and the services' processes work on whatever core the writers leave idle.
   */
  beside?: boolean;
  /** Once aborted (the build failed elsewhere), no bundle is started; those being indexed finish. */
  signal?: AbortSignal;
  /**
   * With `beside`: one indexer works until this settles (the pages are written), the others join
   * then. The page writers keep both cores busy but for gaps (the planning's end, Eleventy's runs
   * starting, the last batches), which one service fills; more would only share the same cores,
   * and add their memory to the writers' (at 100,000 articles, a service writing a year's bundle
   * holds some 600 MB).
   */
  othersAfter?: Promise<void>;
  /** With `staged`: bundles patched ahead (`patchAhead`), each taken in place of the staged one it was patched from. */
  ahead?: PatchingAhead;
}

/** A bundle patched ahead of the index: the digest it has now, its folder, what its patch wrote. */
interface BundleAhead {
  digest: string;
  folder: string;
  written: BundleWritten;
}

/** Bundles being patched ahead of the index (`patchAhead`). */
export interface PatchingAhead {
  /** The bundles patched, by key, once the thread is done: none when it failed (they are patched in their turn then). */
  readonly patched: Promise<ReadonlyMap<string, BundleAhead>>;
  /** The folder that holds what they wrote: the build removes it once the index is made. */
  readonly folder: string;
}

/** The thread `patchAhead` patches on: started before the index is planned, it loads its modules meanwhile. */
export type AheadThread = Thread<IndexRequest, IndexReply>;

/**
 * Starts the thread of `patchAhead`, outside the thread budget, which the survey's thread may hold
 * still: this one mostly waits for its service, and works on a core the main thread leaves idle
 * while it plans. Undefined when no thread can be started.
 */
export function startPatchingAhead(): AheadThread | undefined {
  return Thread.start<IndexRequest, IndexReply>(1, INDEXER_THREAD, { libraries: INDEXER_LIBRARIES, budget: new ThreadBudget(1) })[0];
}

/**
 * Patches, on `thread` (`startPatchingAhead`), the bundles of `bundles` that have a patch, when the
 * previous site holds the bundle the patch was planned from: each read there, and what its patch
 * writes written below `folder` (`patchBundleFolder`'s `from`), for the index to move into the
 * staged bundle (`takeAhead`). Articles' texts edited alone change no bundle but theirs,
 * whose patch is known before the pages are planned: it is made while they are (at 100,000
 * articles a year's patch takes some 0.5 s, a body edit's build 2.3 s). Undefined when there is
 * nothing to patch; the thread is closed once it is done, or at once.
 */
export function patchAhead(thread: AheadThread, previousSite: string, folder: string, bundles: readonly PlannedBundle[]): PatchingAhead | undefined {
  const wanted = bundles.filter((b) => b.patch !== undefined && readTrimmed(join(bundleFolder(previousSite, b.key), DIGEST_FILE)) === b.patch.previous);
  if (wanted.length === 0) {
    void thread.close();
    return undefined;
  }
  const writing = new Int32Array(new SharedArrayBuffer(4));
  const patched = (async () => {
    const ahead = new Map<string, BundleAhead>();
    for (const bundle of wanted) {
      const written = await askThread(thread, {
        kind: "bundle",
        siteDir: folder,
        bundle: materialize(bundle, true),
        writing,
        from: bundleFolder(previousSite, bundle.key),
      });
      if (written) ahead.set(bundle.key, { digest: bundle.digest, folder: bundleFolder(folder, bundle.key), written });
    }
    return ahead;
  })()
    .catch(() => new Map<string, BundleAhead>())
    .finally(() => thread.close());
  return { patched, folder };
}

// The staged folder of a bundle patched ahead, when it was patched into the bundle planned now,
// takes the files its patch wrote (moved in over the linked ones of the same name) and loses those
// it removed: the bundle taken.
function takeAhead(siteDir: string, bundle: PlannedBundle, ahead: ReadonlyMap<string, BundleAhead>): BundleAhead | undefined {
  const patched = ahead.get(bundle.key);
  if (!patched || patched.digest !== bundle.digest) return undefined;
  const staged = bundleFolder(siteDir, bundle.key);
  for (const file of patched.written.files ?? []) {
    const written = join(patched.folder, file);
    if (existsSync(written)) renameSync(written, join(staged, file));
    else rmSync(join(staged, file), { force: true });
  }
  return patched;
}

/**
 * Writes the search index of a site: the runtime and every bundle, reused from `previousSite`
 * when its digest is unchanged, else indexed (several at once, the largest first; the runtime by
 * this thread while another indexes the largest bundle). A bundle's records are made only when it
 * is indexed. Throws on any Pagefind error, so that a site without a working index is never
 * published.
 */
export async function indexSearchBundles(siteDir: string, bundles: readonly PlannedBundle[], options: IndexOptions = {}): Promise<SearchIndexResult> {
  const result: SearchIndexResult = { pages: 0, bundles: bundles.length, reused: 0, patched: 0, ahead: 0, changed: [] };
  const done = (bundle: PlannedBundle, pages: number, reused: boolean, files?: readonly string[]): void => {
    result.pages += pages;
    if (reused) result.reused++;
    else if (files) result.changed.push(...files.map((file) => join(bundleFolder("", bundle.key), file)));
    else result.changed.push(bundleFolder("", bundle.key));
    if (files) result.patched++;
    options.onBundle?.(bundle, pages, reused);
  };
  const kept = options.staged ? keepStagedIndex(siteDir, bundles) : undefined;
  const runtimeReused = kept?.runtime ?? (options.previousSite !== undefined && reuseRuntime(options.previousSite, siteDir));
  // Kept in place, the index changed only where bundles were removed or indexed; else it is new.
  if (kept?.runtime) result.changed.push(...[...kept.removed].map((key) => bundleFolder("", key)));
  else result.changed.push(SEARCH_INDEX_URL);
  const queue: PlannedBundle[] = [];
  const ahead = options.ahead && kept ? await options.ahead.patched : undefined;
  for (const bundle of bundles) {
    if (kept?.bundles.has(bundle.key) || (options.previousSite && reuseBundle(options.previousSite, siteDir, bundle))) {
      done(bundle, bundle.articles, true);
      continue;
    }
    const patched = ahead && kept?.patching.has(bundle.key) ? takeAhead(siteDir, bundle, ahead) : undefined;
    if (patched) {
      done(bundle, patched.written.pages, false, patched.written.files);
      result.ahead++;
    } else queue.push(bundle);
  }
  const writing = new Int32Array(new SharedArrayBuffer(4));
  // After a failure, here or elsewhere in the build, the bundles left are not started: the index will not be published.
  let failed = false;
  const indexers = indexerCount(queue.length + (runtimeReused ? 0 : 1));
  // Beside the page writers, within a memory budget, only the bundles that fit are indexed; the
  // others once the pages are written.
  let besideWriters = options.beside === true && options.othersAfter !== undefined;
  const pending = new BundleQueue(queue, {
    budgetMb: MEMORY_BUDGET_MB,
    writeBudget: WRITE_BUDGET,
    stopped: () => failed || options.signal?.aborted === true,
    mustFit: () => besideWriters,
  });
  void options.othersAfter?.then(() => {
    besideWriters = false;
    pending.wake();
  });
  options.signal?.addEventListener("abort", () => pending.wake());
  // Pagefind writes only its own files in `/pagefind/`: the bundles' folders beside them are written meanwhile.
  let beforeWhole = options.beforeWhole;
  const whole = (): void => {
    beforeWhole?.();
    beforeWhole = undefined;
  };
  const jobs: Jobs = { runtime: !runtimeReused, pending, patching: kept?.patching ?? new Set(), whole };
  // Without `beside`, this thread indexes too (one service beside the threads' own).
  const here: Indexer | undefined = options.beside
    ? undefined
    : { runtime: () => writeSearchRuntime(siteDir), bundle: (bundle) => indexBundle(siteDir, bundle, writing) };
  const wanted = here ? indexers - 1 : indexers;
  const threads = Thread.start<IndexRequest, IndexReply>(wanted, INDEXER_THREAD, {
    libraries: INDEXER_LIBRARIES,
    ...(here ? {} : { budget: new ThreadBudget(wanted) }),
  });
  try {
    const later = async (indexer: Indexer): Promise<void> => {
      await options.othersAfter;
      await drainQueue(indexer, jobs, done);
    };
    const indexing = [
      ...(here ? [drainQueue(here, jobs, done)] : []),
      ...threads.map((thread, i) => {
        const indexer = threadIndexer(thread, siteDir, writing);
        return i === 0 || here ? drainQueue(indexer, jobs, done) : later(indexer);
      }),
    ];
    const stopOthers = (error: unknown): Promise<never> => {
      failed = true;
      pending.wake();
      throw error;
    };
    await settleAll(indexing.map((work) => work.catch(stopOthers)));
  } finally {
    await Promise.all(threads.map((thread) => thread.close()));
  }
  if (pending.left > 0) throw new Error("search index: stopped before every bundle was indexed");
  // The packs hold every bundle's pieces: written anew when any bundle or the runtime changed
  // (else the staged ones, the same, stay).
  const packs = join(siteDir, SEARCH_INDEX_URL, PACKS_FOLDER);
  if (result.changed.length > 0 || !existsSync(packs)) {
    writeSearchPacks(join(siteDir, SEARCH_INDEX_URL));
    if (!result.changed.includes(SEARCH_INDEX_URL)) result.changed.push(join(SEARCH_INDEX_URL, PACKS_FOLDER));
  }
  // Once each, in an order that does not depend on which thread finished first.
  result.changed = [...new Set(result.changed)].sort();
  return result;
}

// Waits for every indexer, even after one failed (none may still write into a folder the build
// removes), then throws the first failure.
async function settleAll(work: readonly Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}

// A bundle with its records, made now: only the bundle being indexed holds them. To be patched,
// its new and edited records alone.
function materialize(bundle: PlannedBundle, patching: boolean): IndexBundle {
  const { key, digest, prefix, patch } = bundle;
  return patching && patch
    ? { key, digest, prefix, records: patch.records(), patch: { gone: patch.gone, pages: patch.pages, total: bundle.articles } }
    : { key, digest, prefix, records: bundle.records() };
}

// The runtime is the same for a Pagefind version: taken from the previous site (its files and its
// record's folders, not the bundles' folders beside them) when that site has the same one.
function reuseRuntime(previousSite: string, siteDir: string): boolean {
  const from = join(previousSite, SEARCH_INDEX_URL);
  const digestPath = join(from, RUNTIME_DIGEST_FILE);
  if (!existsSync(digestPath) || readFileSync(digestPath, "utf8").trim() !== RUNTIME_DIGEST) return false;
  const to = join(siteDir, SEARCH_INDEX_URL);
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (!entry.isDirectory()) linkFile(join(from, entry.name), join(to, entry.name));
    else if (RUNTIME_FOLDERS.has(entry.name)) linkTree(join(from, entry.name), join(to, entry.name));
  }
  return true;
}

/**
 * In a folder holding the previous index (links): keeps the runtime when it is the same one and
 * every bundle folder whose digest is the planned bundle's, and, to be patched, those whose digest
 * is the one the planned bundle had before it changed (`PlannedBundle.patch`); removes the others,
 * so that Pagefind writes new files there, never into a linked one. Without the same runtime,
 * nothing is kept.
 */
function keepStagedIndex(siteDir: string, bundles: readonly PlannedBundle[]): StagedIndex {
  const dir = join(siteDir, SEARCH_INDEX_URL);
  const staged: StagedIndex = { runtime: false, bundles: new Set(), patching: new Set(), removed: new Set() };
  if (readTrimmed(join(dir, RUNTIME_DIGEST_FILE)) !== RUNTIME_DIGEST) {
    rmSync(dir, { recursive: true, force: true });
    return staged;
  }
  staged.runtime = true;
  const planned = new Map(bundles.map((b) => [b.key, b]));
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || RUNTIME_FOLDERS.has(entry.name) || entry.name === PACKS_FOLDER) continue;
    const folder = join(dir, entry.name);
    const bundle = planned.get(entry.name);
    const digest = bundle && readTrimmed(join(folder, DIGEST_FILE));
    if (digest !== undefined && (bundle?.unchanged || digest === bundle?.digest)) staged.bundles.add(entry.name);
    else if (digest !== undefined && digest === bundle?.patch?.previous) staged.patching.add(entry.name);
    else {
      rmSync(folder, { recursive: true, force: true });
      staged.removed.add(entry.name);
    }
  }
  return staged;
}

/** What a staged index keeps: the runtime, bundles as they are, bundles to patch; and the bundles removed. */
interface StagedIndex {
  runtime: boolean;
  bundles: Set<string>;
  patching: Set<string>;
  removed: Set<string>;
}

/** What indexers share: whether the runtime is still to write, the bundles left, which of them to patch, and what to call before one is indexed whole. */
interface Jobs {
  runtime: boolean;
  pending: BundleQueue;
  patching: ReadonlySet<string>;
  whole: () => void;
}

function readTrimmed(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
}

// The runtime record's own index, beside the bundles' folders (whose keys start with a year).
const RUNTIME_FOLDERS = new Set(["fragment", "index", "filter"]);

// A bundle is reused only whole: its folder is taken when the previous one recorded the same digest.
function reuseBundle(previousSite: string, siteDir: string, bundle: PlannedBundle): boolean {
  const from = bundleFolder(previousSite, bundle.key);
  const digestPath = join(from, DIGEST_FILE);
  if (!existsSync(digestPath) || readFileSync(digestPath, "utf8").trim() !== bundle.digest) return false;
  linkTree(from, bundleFolder(siteDir, bundle.key));
  return true;
}

// Hard links, not copies: a year's bundle is some 7,700 small files, and neither site ever
// rewrites one in place (a build writes a new folder, and the old site is removed whole). A copy
// where the file system cannot link (another device).
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) linkTree(source, target);
    else linkFile(source, target);
  }
}

function linkFile(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
}

/** Indexes the runtime or one bundle: this thread itself, or an indexing thread it asks. */
interface Indexer {
  runtime(): Promise<void>;
  /** As `indexBundle` returns it: undefined for a patch that could not apply. */
  bundle(bundle: IndexBundle): Promise<BundleWritten | undefined>;
}

// An indexing thread's own service indexes what it is sent.
function threadIndexer(thread: Thread<IndexRequest, IndexReply>, siteDir: string, writing: Int32Array): Indexer {
  return {
    runtime: async () => void (await askThread(thread, { kind: "runtime", siteDir })),
    bundle: (bundle) => askThread(thread, { kind: "bundle", siteDir, bundle, writing }),
  };
}

function askThread(thread: Thread<IndexRequest, IndexReply>, request: IndexRequest): Promise<BundleWritten | undefined> {
  const indexed = new Promise<BundleWritten | undefined>((resolve) => thread.listen((reply) => resolve(reply.written)));
  thread.send(request);
  return thread.until(indexed);
}

// An indexer's share: the runtime if no one has taken it yet, then bundles until none is left.
async function drainQueue(
  indexer: Indexer,
  jobs: Jobs,
  done: (bundle: PlannedBundle, pages: number, reused: boolean, files?: readonly string[]) => void,
): Promise<void> {
  if (jobs.runtime) {
    jobs.runtime = false;
    await indexer.runtime();
  }
  for (let bundle = await jobs.pending.take(); bundle; bundle = await jobs.pending.take()) {
    try {
      const patched = jobs.patching.has(bundle.key) ? await indexer.bundle(materialize(bundle, true)) : undefined;
      if (!patched) jobs.whole();
      const indexed = patched ?? indexer.bundle(materialize(bundle, false));
      // The records hold their bodies' text now: what they were made from can go. Not before the
      // patch is done: one that fails needs every record made after all.
      bundle.release?.();
      // A bundle indexed whole always has its pages.
      done(bundle, (await indexed)!.pages, false, patched?.files);
    } finally {
      jobs.pending.done(bundle);
    }
  }
}
