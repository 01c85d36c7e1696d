/**
 * What a word costs a search, over every word of a built site's index: the bytes of its pieces
 * (its pack when its prefix is packed, else its piece in each bundle), as the median, the 90th and
 * 99th percentiles and the largest, in KB; and for the words given, their cost. With `--recut N`,
 * the index is first copied into `--into DIR` (without its fragments) and its pieces cut again
 * with `N` bytes a piece (`PIECE_BYTES`), its packs written again: to weigh another piece size on
 * the same index.
 *
 *   npx tsx bench/word-cost.ts /dev/shm/site/pagefind [turqu defens …]
 *   npx tsx bench/word-cost.ts /dev/shm/site/pagefind --recut 16384 --into /dev/shm/pf-16k
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { indexWords, splitIndexChunks, type ChunkEntry } from "../src/search/index-chunks.ts";
import { PACKED_LIST, PACKS_FOLDER, packOf, writeSearchPacks } from "../src/search/index-packs.ts";
import { readPageList } from "../src/search/pagefind-files.ts";

const BUNDLE = /^\d{4}/;

/** Copies an index folder without its pages' fragments, and cuts its bundles' pieces again. */
function recut(from: string, into: string, pieceBytes: number): void {
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (!entry.isDirectory()) cpSync(join(from, entry.name), join(into, entry.name));
    if (!entry.isDirectory() || !BUNDLE.test(entry.name)) continue;
    const bundle = join(into, entry.name);
    mkdirSync(bundle);
    for (const file of readdirSync(join(from, entry.name)))
      if (file !== "fragment") cpSync(join(from, entry.name, file), join(bundle, file), { recursive: true });
    splitIndexChunks(bundle, pieceBytes);
  }
  writeSearchPacks(into);
}

/** Each word's cost in bytes, and how many prefixes are packed. */
function wordCosts(index: string): { costs: Map<string, number>; packed: number } {
  const packsDir = join(index, PACKS_FOLDER);
  const packed = new Set(JSON.parse(readFileSync(join(packsDir, PACKED_LIST), "utf8")) as string[]);
  const pieces = new Map<string, number>();
  for (const bundle of readdirSync(index).filter((name) => BUNDLE.test(name))) {
    const folder = join(index, bundle);
    for (const chunk of readPageList(folder).meta[2] as ChunkEntry[]) {
      const size = statSync(join(folder, "index", `${chunk[2]}.pf_index`)).size;
      for (const { word } of indexWords(folder, [chunk])) pieces.set(word, (pieces.get(word) ?? 0) + size);
    }
  }
  const costs = new Map<string, number>();
  for (const [word, size] of pieces) costs.set(word, packed.has(packOf(word)) ? statSync(join(packsDir, `${packOf(word)}.pf_pack`)).size : size);
  return { costs, packed: packed.size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { recut: { type: "string" }, into: { type: "string" } } });
  const [site, ...words] = positionals;
  if (!site || (values.recut !== undefined) !== (values.into !== undefined)) {
    console.error("usage: npx tsx bench/word-cost.ts INDEX_DIR [--recut BYTES --into DIR] [word …]");
    process.exit(2);
  }
  let index = site;
  if (values.recut !== undefined && values.into !== undefined) {
    recut(site, values.into, Number(values.recut));
    index = values.into;
  }
  const { costs, packed } = wordCosts(index);
  const sorted = [...costs.values()].sort((a, b) => a - b);
  const kb = (share: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]! / 1024);
  console.log(
    `${sorted.length} words, ${packed} prefixes packed; a word costs a median ${kb(0.5)} KB, 90th percentile ${kb(0.9)} KB, 99th ${kb(0.99)} KB, at most ${kb(1)} KB; ${sorted.filter((c) => c > 150 * 1024).length} words over 150 KB`,
  );
  for (const word of words) console.log(`${word}: ${costs.has(word) ? `${Math.round(costs.get(word)! / 1024)} KB` : "not in the index"}`);
}
