import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { encode } from "cborg";
import { SEARCH_FILTERS, SEARCH_SORT } from "./markers.ts";
import { pagefindFile, readPageList, readPagefindFile, renameMeta } from "./pagefind-files.ts";

/**
 * The rows of a bundle, beside Pagefind's files: for each of its pages, newest first, its topics,
 * sources and year as numbers into the bundle's lists of values. The search page counts each
 * filter choice, filters and orders by date from them, so that Pagefind neither loads its filter
 * lists nor counts (it checks each choice's pages against the list of results: about pages ×
 * results a bundle, most of a search at 100,000 articles). Read from the files Pagefind wrote.
 *
 * A page's row is found from its Pagefind id, which says where it is: Pagefind's ids (short
 * hashes, unique within a bundle only) are replaced here by the bundle's `prefix`, `_`, then the
 * page's rank among the rows in base 36 (`2021-3fa29c_1a`), in the page list and in its fragment's
 * file name. The rows hold no ids then (they were 479 KB of the 722 KB of rows the search page
 * fetched at 100,000 articles, and the page list held them again), and a result's bundle and row
 * are read from its id, without a lookup nor a fragment fetched to tell two bundles' ids apart.
 */
export const ROWS_FILE = "rows.bin.gz";

/**
 * A bundle's rows: a few flat lists rather than a list a page, so that the search page reads
 * 100,000 rows without a pause of its thread. `ROWS_FILE` holds them as `encodeRows` writes them.
 */
export interface BundleRows {
  /** What every page id of the bundle starts with, before `_` and the page's rank (`pageId`). */
  prefix: string;
  /** How many pages (rows). */
  pages: number;
  /** Each filter's values, in the order Pagefind wrote them: the rows' numbers point into them. */
  values: Record<string, string[]>;
  /** For each filter, every page, newest first: how many values it has, then their numbers. */
  filters: Record<string, number[]>;
}

/**
 * The prefix of a bundle's page ids: its key, and the start of its digest, so that a page id (and
 * its fragment's file name) names other content whenever the bundle changes, as Pagefind's content
 * hashes did: a fragment a browser or a cache kept from an earlier build is never shown for
 * another article.
 * @example pagePrefix("2021", "3fa29c0e…") // "2021-3fa29c"
 */
export function pagePrefix(key: string, digest: string): string {
  return `${key}-${digest.slice(0, 6)}`;
}

/**
 * A page's id from its bundle's prefix and its rank (newest first), as the search page reads it
 * back (public/recherche.js).
 * @example pageId("2021-3fa29c", 46) // "2021-3fa29c_1a"
 */
export function pageId(prefix: string, rank: number): string {
  return `${prefix}_${rank.toString(36)}`;
}

/**
 * A page's rank, read back from its id (`pageId`).
 * @example pageRank("2021-3fa29c_1a") // 46
 */
export function pageRank(id: string): number {
  return Number.parseInt(id.slice(id.lastIndexOf("_") + 1), 36);
}

// pf_meta: [version, pages: [id, words, fragment group][], index chunks, filters: [name, file][], sorts: [name, pages][], …]
type PageList = [string, [string, number, string][], unknown, [string, string][], [string, number[]][], ...unknown[]];

/**
 * Reads a bundle folder Pagefind wrote (its `pf_meta` and `filter/`), gives its pages the ids of
 * their ranks (`pageId`), and returns its rows. The page list is written again without its sort
 * (the search page orders by date from the rows, never through Pagefind: a list of every page the
 * reader would fetch for nothing) under a new name.
 */
export function bundleRows(folder: string, prefix: string): BundleRows {
  const { name: metaName, meta: list } = readPageList(folder);
  const meta = list as PageList;
  const [, pages, , filterFiles, sorts] = meta;
  const names = Object.values(SEARCH_FILTERS);
  const found = new Map<string, string[]>();
  const perPage = names.map(() => pages.map((): number[] => []));
  for (const [name, file] of filterFiles) {
    const at = names.indexOf(name as (typeof names)[number]);
    if (at < 0) continue;
    // pf_filter: [name, [value, pages][]], pages as numbers into pf_meta's list.
    const [, list] = readPagefindFile(readFileSync(join(folder, "filter", `${file}.pf_filter`))) as [string, [string, number[]][]];
    found.set(
      name,
      list.map(([value]) => value),
    );
    list.forEach(([, onPages], v) => {
      for (const p of onPages) perPage[at]![p]!.push(v);
    });
  }
  const values = Object.fromEntries(names.map((name) => [name, found.get(name) ?? []]));
  // The date sort lists the pages oldest first; a page it leaves out goes last.
  const byDate = sorts.find(([name]) => name === SEARCH_SORT)?.[1] ?? [];
  const order = [...byDate].reverse();
  const listed = new Set(order);
  for (let p = 0; p < pages.length; p++) if (!listed.has(p)) order.push(p);
  renamePages(folder, metaName, meta, order, prefix);
  return {
    prefix,
    pages: pages.length,
    values,
    filters: Object.fromEntries(names.map((name, f) => [name, order.flatMap((p) => [perPage[f]![p]!.length, ...perPage[f]![p]!])])),
  };
}

// Each page's fragment file and id in the page list become its rank's; the sorts leave the list.
function renamePages(folder: string, metaName: string, meta: PageList, order: number[], prefix: string): void {
  const pages = meta[1];
  const fragments = join(folder, "fragment");
  order.forEach((p, rank) => {
    const page = pages[p]!;
    // Fragments grouped in a file (Pagefind's `maxFragments`, which the build does not set) are
    // found by their old id inside the group's file: renaming them would need the groups written again.
    if (page[2]) throw new Error(`grouped fragments in ${folder}: the search page needs one fragment file a page`);
    const id = pageId(prefix, rank);
    renameSync(join(fragments, `${page[0]}.pf_fragment`), join(fragments, `${id}.pf_fragment`));
    page[0] = id;
  });
  meta[4] = [];
  renameMeta(folder, metaName, pagefindFile(encode(meta)));
}

/**
 * The bytes of `ROWS_FILE`: gzip of the length of a JSON header (4 bytes, big-endian), the header
 * (`prefix`, `pages`, `values`, and `filters`: the filters' names, in the order of their lists),
 * then each filter's flat list, its numbers as unsigned LEB128 (one byte each below 128). The
 * numbers as bytes rather than JSON text: 227 KB instead of 266 KB at 100,000 articles, and no
 * text for the page to parse but the header (public/recherche.js reads them).
 */
export function encodeRows(rows: BundleRows): Uint8Array {
  const names = Object.keys(rows.filters);
  const header = Buffer.from(JSON.stringify({ prefix: rows.prefix, pages: rows.pages, values: rows.values, filters: names }));
  const numbers: number[] = [];
  for (const name of names) {
    for (let n of rows.filters[name]!) {
      while (n >= 0x80) {
        numbers.push((n & 0x7f) | 0x80);
        n = Math.floor(n / 0x80);
      }
      numbers.push(n);
    }
  }
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return gzipSync(Buffer.concat([length, header, Uint8Array.from(numbers)]), { level: 9 });
}

/** Reads `ROWS_FILE`'s bytes back (`encodeRows`): a patched bundle's rows, tests and tools; the search page has its own reader. */
export function decodeRows(bytes: Uint8Array): BundleRows {
  const raw = gunzipSync(bytes);
  const size = raw.readUInt32BE(0);
  const header = JSON.parse(raw.subarray(4, 4 + size).toString("utf8")) as Omit<BundleRows, "filters"> & { filters: string[] };
  let at = 4 + size;
  const next = (): number => {
    let n = 0;
    for (let shift = 1; ; shift *= 0x80) {
      const byte = raw[at++]!;
      n += (byte & 0x7f) * shift;
      if (byte < 0x80) return n;
    }
  };
  const filters: Record<string, number[]> = {};
  for (const name of header.filters) {
    const flat: number[] = [];
    for (let page = 0; page < header.pages; page++) {
      const count = next();
      flat.push(count);
      for (let v = 0; v < count; v++) flat.push(next());
    }
    filters[name] = flat;
  }
  return { ...header, filters };
}

/** Writes `ROWS_FILE` into a bundle folder Pagefind has written, its pages named by `prefix` (`pagePrefix`). */
export function writeBundleRows(folder: string, prefix: string): void {
  writeFileSync(join(folder, ROWS_FILE), encodeRows(bundleRows(folder, prefix)));
}
