import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { SEARCH_FILTERS } from "./markers.ts";
import { encodePagefind, pagefindFile, readPageList, readPagefindFile, renameMeta } from "./pagefind-files.ts";

/**
 * The rows of a bundle, beside Pagefind's files: for each of its pages, newest first, its topics,
 * sources and year as numbers into the bundle's lists of values. The search page counts each
 * filter choice, filters and orders by date from them, so that Pagefind neither loads its filter
 * lists nor counts (it checks each choice's pages against the list of results: about pages ×
 * results a bundle, most of a search at 100,000 articles). Read from the files Pagefind wrote.
 *
 * A page's row is found from its Pagefind id, which says where it is: Pagefind's ids (short
 * hashes, unique within a bundle only) are replaced here by the bundle's `prefix`, `_`, then the
 * page's rank in base 36 (`2021-3fa29c_1a`), in the page list and in its fragment's file name. A
 * page's rank is its Pagefind number: the plan hands Pagefind a bundle's records newest first
 * (then in URL order), and Pagefind numbers pages in the order they come. The rows hold no ids then (they were 479 KB of the 722 KB of rows the search page
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
  /** Each filter's values, in the order of their UTF-8 bytes (`rowsOf`): the rows' numbers point into them. */
  values: Record<string, string[]>;
  /** For each filter, every page, newest first: how many values it has, then their numbers. */
  filters: Record<string, number[]>;
}

/**
 * A page's id from its bundle's prefix and its rank (newest first), as the search page reads it
 * back (public/recherche.js).
 * @example pageId("2021-3fa29c", 46) // "2021-3fa29c_1a"
 */
export function pageId(prefix: string, rank: number): string {
  return `${prefix}_${rank.toString(36)}`;
}

// pf_meta: [version, pages: [id, words, fragment group][], index chunks, filters: [name, file][], sorts: [name, pages][], …]
type PageList = [string, [string, number, string][], unknown, [string, string][], unknown[], ...unknown[]];

/** Each filter's values on each page of a bundle (by Pagefind's number), by the filter's name. */
export type PageValues = Record<string, string[][]>;

/**
 * Reads a bundle folder Pagefind wrote (its `pf_meta` and `filter/`), gives its pages the ids of
 * their numbers (`pageId`: the plan hands Pagefind a bundle's records newest first), and returns
 * its rows. The page list is written again without its filter lists, which go (the search page
 * filters from the rows, never through Pagefind: lists it would never fetch, and a patched bundle
 * need not write Pagefind's own compression of them again), under a new name.
 */
export function bundleRows(folder: string, prefix: string): BundleRows {
  const { name: metaName, meta: list } = readPageList(folder);
  const meta = list as PageList;
  const values = filterValues(folder, meta[3], meta[1].length);
  const fragments = join(folder, "fragment");
  meta[1].forEach((page, p) => {
    // Fragments grouped in a file (Pagefind's `maxFragments`, which the build does not set) are
    // found by their old id inside the group's file: renaming them would need the groups written again.
    if (page[2]) throw new Error(`grouped fragments in ${folder}: the search page needs one fragment file a page`);
    const id = pageId(prefix, p);
    renameSync(join(fragments, `${page[0]}.pf_fragment`), join(fragments, `${id}.pf_fragment`));
    page[0] = id;
  });
  meta[3] = [];
  meta[4] = [];
  rmSync(join(folder, "filter"), { recursive: true, force: true });
  renameMeta(folder, metaName, pagefindFile(encodePagefind(meta)));
  return rowsOf(prefix, values);
}

/** Each filter's values on each of a bundle's `pages`, from the filter lists Pagefind wrote (`filters`: the page list's). */
export function filterValues(folder: string, filters: readonly (readonly [string, string])[], pages: number): PageValues {
  const files = new Map(filters);
  return Object.fromEntries(
    Object.values(SEARCH_FILTERS).map((name) => {
      const perPage = Array.from({ length: pages }, (): string[] => []);
      const file = files.get(name);
      // pf_filter: [name, [value, pages][]], pages as numbers into pf_meta's list.
      const [, list] = file ? (readPagefindFile(readFileSync(join(folder, "filter", `${file}.pf_filter`))) as [string, [string, number[]][]]) : ["", []];
      for (const [value, onPages] of list) for (const p of onPages) perPage[p]!.push(value);
      return [name, perPage];
    }),
  );
}

/** Each filter's values on each page, read back from a bundle's rows. */
export function rowValues(rows: BundleRows): PageValues {
  return Object.fromEntries(
    Object.entries(rows.filters).map(([name, flat]) => {
      const perPage: string[][] = [];
      for (let at = 0; at < flat.length; at += 1 + flat[at]!) perPage.push(flat.slice(at + 1, at + 1 + flat[at]!).map((v) => rows.values[name]![v]!));
      return [name, perPage];
    }),
  );
}

/**
 * Whether the rows give each of `pages` (ascending) the values that `values` give the page of the
 * same rank among them, whatever their order: rows that a patch of those pages alone, in place,
 * leaves as they are. Only those pages' values are read (a bundle holds 7,700 pages).
 */
export function rowsHold(rows: BundleRows, pages: readonly number[], values: PageValues): boolean {
  return Object.entries(rows.filters).every(([name, flat]) => {
    const names = rows.values[name]!;
    let t = 0;
    for (let page = 0, at = 0; page < rows.pages && t < pages.length; page++, at += 1 + flat[at]!) {
      if (page !== pages[t]) continue;
      const held = flat.slice(at + 1, at + 1 + flat[at]!).map((v) => names[v]!);
      const now = values[name]?.[t] ?? [];
      if (!sameValues(held, now)) return false;
      t++;
    }
    return t === pages.length;
  });
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const [x, y] = [[...a].sort(), [...b].sort()];
  return x.every((v, i) => v === y[i]);
}

/**
 * A bundle's rows from each filter's values on each page: each filter's values in the order of
 * their UTF-8 bytes (Pagefind's), each page's numbers ascending. A function of the values alone:
 * a bundle patched gets the rows of the same bundle indexed whole.
 */
export function rowsOf(prefix: string, values: PageValues): BundleRows {
  const names = Object.values(SEARCH_FILTERS);
  const lists = names.map((name) => [...new Set(values[name]!.flat())].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  return {
    prefix,
    pages: values[names[0]!]!.length,
    values: Object.fromEntries(names.map((name, f) => [name, lists[f]!])),
    filters: Object.fromEntries(
      names.map((name, f) => {
        const numbers = new Map(lists[f]!.map((value, v) => [value, v]));
        return [name, values[name]!.flatMap((onPage) => [onPage.length, ...onPage.map((value) => numbers.get(value)!).sort((a, b) => a - b)])];
      }),
    ),
  };
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
