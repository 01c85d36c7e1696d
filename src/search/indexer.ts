import { readdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import * as pagefind from "pagefind";
import type { SearchBundle } from "./markers.ts";

/**
 * Full-text search with Pagefind, one bundle per year of articles (per month in a year too large).
 * Pagefind's indexer holds the whole index in memory, and runs out of it on a large site, so each
 * bundle is indexed on its own, in a fresh service process, and the
 * search page merges the bundles in the browser (`mergeIndex`). One service indexes one bundle at
 * a time: bundles go to one service per core, each in its own worker thread (a thread has its own
 * Pagefind service).
 */

export interface SearchIndexResult {
  pages: number;
  bundles: number;
}

// Only pagefind.js, its worker, the WebAssembly and the index itself are loaded by the search page.
const UNUSED_BUNDLE_FILE = /^pagefind-(?:.*ui.*|highlight)\.(?:js|css)$/;

/**
 * Indexes one bundle's article pages (within them only `data-pagefind-body`) into its folder with
 * this thread's Pagefind service, then stops the service so that its memory goes back before the
 * next bundle. Returns the pages indexed.
 */
export async function indexBundle(siteDir: string, bundle: Pick<SearchBundle, "url" | "glob">): Promise<number> {
  try {
    const created = await pagefind.createIndex({ forceLanguage: "fr" });
    if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
    const added = await created.index.addDirectory({ path: siteDir, glob: bundle.glob });
    failOn(added.errors, bundle.url);
    const outputPath = join(siteDir, bundle.url);
    failOn((await created.index.writeFiles({ outputPath })).errors, bundle.url);
    for (const name of readdirSync(outputPath)) if (UNUSED_BUNDLE_FILE.test(name)) rmSync(join(outputPath, name));
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}

function failOn(errors: readonly string[], bundle: string): void {
  if (errors.length > 0) throw new Error(`search index ${bundle}: ${errors.join("; ")}`);
}

/** How many bundles to index at once: one per core, at most four (each holds its index in memory). */
export function indexerCount(bundles: number): number {
  const wanted = process.env.DEPECHE_INDEXERS ? Number(process.env.DEPECHE_INDEXERS) : availableParallelism();
  return Math.max(1, Math.min(wanted, 4, bundles));
}

/**
 * Indexes the article pages of a built site into its bundles. Throws on any Pagefind error, so
 * that a site without a working index is never published.
 */
export async function buildSearchIndex(siteDir: string, bundles: readonly SearchBundle[], onBundle?: (bundle: SearchBundle, pages: number) => void): Promise<SearchIndexResult> {
  // The largest first: the last bundle left to a lone indexer is then a small one.
  const queue = [...bundles].sort((a, b) => b.articles - a.articles);
  let pages = 0;
  const done = (bundle: SearchBundle, count: number): void => {
    pages += count;
    onBundle?.(bundle, count);
  };
  const indexers = indexerCount(queue.length);
  if (indexers === 1) {
    for (const bundle of queue) done(bundle, await indexBundle(siteDir, bundle));
  } else {
    const workers = Array.from({ length: indexers }, () => new Worker(new URL("./indexer-worker.js", import.meta.url)));
    try {
      await Promise.all(workers.map((worker) => drainQueue(worker, siteDir, queue, done)));
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
  return { pages, bundles: bundles.length };
}

// A worker takes the next bundle whenever it finishes one, until the queue is empty.
function drainQueue(worker: Worker, siteDir: string, queue: SearchBundle[], done: (bundle: SearchBundle, pages: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let current: SearchBundle | undefined;
    const next = (): void => {
      current = queue.shift();
      if (current === undefined) resolve();
      else worker.postMessage({ siteDir, bundle: { url: current.url, glob: current.glob } });
    };
    worker.on("message", (message: { pages?: number; error?: string }) => {
      if (message.error !== undefined) return reject(new Error(message.error));
      done(current!, message.pages!);
      next();
    });
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`a search-indexing worker stopped early (code ${code})`)));
    next();
  });
}
