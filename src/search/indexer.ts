import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as pagefind from "pagefind";
import { Thread } from "../threads/thread.ts";
import type { SearchBundle } from "./markers.ts";

/**
 * Full-text search with Pagefind, one bundle per year of articles (per month in a year too large).
 * Pagefind's indexer holds the whole index in memory, and runs out of it on a large site, so each
 * bundle is indexed on its own, in a fresh service process, and the
 * search page merges the bundles in the browser (`mergeIndex`). One service indexes one bundle at
 * a time: bundles go to one service per core, this thread's and one in each worker thread the
 * thread budget gives (a thread has its own Pagefind service).
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

/** The libraries an indexing thread uses. */
export const INDEXER_LIBRARIES: readonly string[] = ["pagefind"];

/** What the main thread asks of an indexing thread. */
export interface IndexRequest {
  siteDir: string;
  bundle: Pick<SearchBundle, "url" | "glob">;
}

/** What an indexing thread answers. */
export interface IndexReply {
  kind: "indexed";
  pages: number;
}

/** How many bundles to index at once, at most four (each holds its index in memory); the thread budget may allow fewer. */
export function indexerCount(bundles: number): number {
  const wanted = process.env.DEPECHE_INDEXERS ? Number(process.env.DEPECHE_INDEXERS) : 4;
  return Math.max(1, Math.min(wanted, bundles));
}

/**
 * Indexes the article pages of a built site into its bundles. Throws on any Pagefind error, so
 * that a site without a working index is never published.
 */
export async function buildSearchIndex(
  siteDir: string,
  bundles: readonly SearchBundle[],
  onBundle?: (bundle: SearchBundle, pages: number) => void,
): Promise<SearchIndexResult> {
  // The largest first: the last bundle left to a lone indexer is then a small one.
  const queue = [...bundles].sort((a, b) => b.articles - a.articles);
  let pages = 0;
  const done = (bundle: SearchBundle, count: number): void => {
    pages += count;
    onBundle?.(bundle, count);
  };
  // Each indexer takes the next bundle whenever it finishes one, until the queue is empty.
  const here = async (): Promise<void> => {
    for (let bundle = queue.shift(); bundle; bundle = queue.shift()) done(bundle, await indexBundle(siteDir, bundle));
  };
  const threads = Thread.start<IndexRequest, IndexReply>(indexerCount(queue.length) - 1, new URL("./indexer-thread.ts", import.meta.url), {
    libraries: INDEXER_LIBRARIES,
  });
  try {
    await Promise.all([here(), ...threads.map((thread) => drainQueue(thread, siteDir, queue, done))]);
  } finally {
    await Promise.all(threads.map((thread) => thread.close()));
  }
  return { pages, bundles: bundles.length };
}

async function drainQueue(
  thread: Thread<IndexRequest, IndexReply>,
  siteDir: string,
  queue: SearchBundle[],
  done: (bundle: SearchBundle, pages: number) => void,
): Promise<void> {
  for (let bundle = queue.shift(); bundle; bundle = queue.shift()) {
    const indexed = new Promise<number>((resolve) => thread.listen((reply) => resolve(reply.pages)));
    thread.send({ siteDir, bundle: { url: bundle.url, glob: bundle.glob } });
    done(bundle, await thread.until(indexed));
  }
}
