/**
 * Search records written to files, for a build that lets go of everything it planned before its
 * search index is made: a bundle read back from its file is the bundle it was, records and digest.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { PlannedBundle, SearchRecord } from "./records.ts";

/**
 * Writes each bundle's records into `folder` (made if need be), one file a bundle, and lets go of
 * what they were made from (`release`); returns the same bundles, whose records are read back
 * from their files when they are indexed. Nothing of the articles, the renderer or the plan is
 * held by what it returns.
 */
export function spoolBundles(bundles: readonly PlannedBundle[], folder: string): PlannedBundle[] {
  mkdirSync(folder, { recursive: true });
  return bundles.map((bundle, i) => {
    // Numbered, not named by key: a key is a folder's name below /pagefind/, never a path here.
    const file = join(folder, `${i}.records`);
    writeFileSync(file, serialize(bundle.records()));
    bundle.release?.();
    const { key, articles, digest, prefix } = bundle;
    return { key, articles, digest, prefix, records: () => deserialize(readFileSync(file)) as SearchRecord[] };
  });
}
