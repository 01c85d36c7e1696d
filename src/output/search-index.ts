import { readdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import * as pagefind from "pagefind";
import { searchBundleUrl } from "./search-markers.ts";

/**
 * Full-text search with Pagefind, one bundle per year of articles. Pagefind's indexer holds the
 * whole index in memory (1.4 GB for 12,000 pages here; reported to run out past 30,000), so each
 * year is indexed on its own, in a fresh service process, and the search page merges the bundles
 * in the browser (`mergeIndex`). One service indexes one year at a time on one core: years go to
 * one service per core, each in its own worker thread (a thread has its own Pagefind service).
 */

export interface SearchIndexResult {
  pages: number;
  bundles: number;
}

// Only pagefind.js, its worker, the WebAssembly and the index itself are loaded by the search page.
const UNUSED_BUNDLE_FILE = /^pagefind-(?:.*ui.*|highlight)\.(?:js|css)$/;

/**
 * Indexes one year's article pages (exactly `YYYY/MM/DD/slug/index.html`; within them only
 * `data-pagefind-body`) into `/pagefind/<year>/` with this thread's Pagefind service, then stops
 * the service so that its memory goes back before the next year. Returns the pages indexed.
 */
export async function indexYear(siteDir: string, year: number): Promise<number> {
  try {
    const created = await pagefind.createIndex({ forceLanguage: "fr" });
    if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
    const added = await created.index.addDirectory({ path: siteDir, glob: `${year}/*/*/*/index.html` });
    failOn(added.errors, year);
    const outputPath = join(siteDir, searchBundleUrl(year));
    failOn((await created.index.writeFiles({ outputPath })).errors, year);
    for (const name of readdirSync(outputPath)) if (UNUSED_BUNDLE_FILE.test(name)) rmSync(join(outputPath, name));
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}

function failOn(errors: readonly string[], year: number): void {
  if (errors.length > 0) throw new Error(`search index for ${year}: ${errors.join("; ")}`);
}

/** How many years to index at once: one per core, at most four (each holds a year's index in memory). */
export function indexerCount(years: number): number {
  const wanted = process.env.DEPECHE_INDEXERS ? Number(process.env.DEPECHE_INDEXERS) : availableParallelism();
  return Math.max(1, Math.min(wanted, 4, years));
}

/**
 * Indexes the article pages of a built site into one bundle per year, newest year first. Throws on
 * any Pagefind error, so that a site without a working index is never published.
 */
export async function buildSearchIndex(siteDir: string, years: readonly number[], onYear?: (year: number, pages: number) => void): Promise<SearchIndexResult> {
  const queue = [...years];
  let pages = 0;
  const done = (year: number, count: number): void => {
    pages += count;
    onYear?.(year, count);
  };
  const indexers = indexerCount(queue.length);
  if (indexers === 1) {
    for (const year of queue) done(year, await indexYear(siteDir, year));
  } else {
    const workers = Array.from({ length: indexers }, () => new Worker(new URL("./search-index-worker.js", import.meta.url)));
    try {
      await Promise.all(workers.map((worker) => drainQueue(worker, siteDir, queue, done)));
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
  return { pages, bundles: years.length };
}

// A worker takes the next year whenever it finishes one, until the queue is empty.
function drainQueue(worker: Worker, siteDir: string, queue: number[], done: (year: number, pages: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = (): void => {
      const year = queue.shift();
      if (year === undefined) resolve();
      else worker.postMessage({ siteDir, year });
    };
    worker.on("message", (message: { year: number; pages?: number; error?: string }) => {
      if (message.error !== undefined) return reject(new Error(message.error));
      done(message.year, message.pages!);
      next();
    });
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`a search-indexing worker stopped early (code ${code})`)));
    next();
  });
}
