import { readFileSync } from "node:fs";

/**
 * Where a build cache file's parts lie (`src/publish/build-cache.ts`): its header line, then the
 * store's snapshot (its length in the header), then the rest up to the file's end.
 */
export function cacheFileSections(file: string): { headerEnd: number; storeEnd: number; fileEnd: number } {
  const bytes = readFileSync(file);
  const headerEnd = bytes.indexOf(10);
  const { storeBytes } = JSON.parse(bytes.toString("utf8", 0, headerEnd)) as { storeBytes: number };
  return { headerEnd, storeEnd: headerEnd + 1 + storeBytes, fileEnd: bytes.length };
}
