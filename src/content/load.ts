import { ArchiveStore, type LoadResult, type StoreOptions, type SyncHooks } from "./store.ts";

export type { LoadResult } from "./store.ts";

/** Where the archive is and what "now" is, and the hooks a build follows progress by. */
export type LoadOptions = StoreOptions & SyncHooks;

/** Loads and validates a whole archive: a new store, synced once. */
export async function loadContent(options: LoadOptions): Promise<LoadResult> {
  const { onProgress, onListed, onArticles, ...storeOptions } = options;
  const store = new ArchiveStore(storeOptions);
  await store.sync(undefined, { ...(onProgress ? { onProgress } : {}), ...(onListed ? { onListed } : {}), ...(onArticles ? { onArticles } : {}) });
  return store.result();
}
