import type { Article } from "./model.ts";
import { ArchiveStore, type LoadResult } from "./store.ts";

export type { LoadResult } from "./store.ts";

export interface LoadOptions {
  /** The content folder (default `content`). */
  contentDir: string;
  /** "Now" for the future-date warning; defaults to the clock. */
  nowMs?: number;
  /** Validate half the files in a worker thread, if the thread budget has one free; by default only for large archives. */
  helperThread?: boolean;
  /** Called as files are read, for progress on large archives. */
  onProgress?: (done: number, total: number) => void;
  /** Called with the number of article files found, before any is read. */
  onListed?: (fileCount: number) => void;
  /** Called with valid articles as they are read, before the rules across articles are checked. */
  onArticles?: (articles: Article[]) => void;
}

/** Loads and validates a whole archive: a new store, synced once. */
export async function loadContent(options: LoadOptions): Promise<LoadResult> {
  const { onProgress, onListed, onArticles, ...storeOptions } = options;
  const store = new ArchiveStore(storeOptions);
  await store.sync(undefined, { ...(onProgress ? { onProgress } : {}), ...(onListed ? { onListed } : {}), ...(onArticles ? { onArticles } : {}) });
  return store.result();
}
