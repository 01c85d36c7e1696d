import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { SEARCH_FILTERS, SEARCH_SORT } from "./markers.ts";
import { readPagefindFile } from "./pagefind-files.ts";

/**
 * The rows of a bundle, beside Pagefind's files: for each of its pages, newest first, Pagefind's
 * page id (what a search result calls `id`) and its topics, sources and year as numbers into the
 * bundle's lists of values. The search page counts each filter choice, filters and orders by date
 * from them, so that Pagefind neither loads its filter lists nor counts (it checks each choice's
 * pages against the list of results: about pages × results a bundle, most of a search at 100,000
 * articles). Read from the files Pagefind wrote, so the ids are Pagefind's own.
 */
export const ROWS_FILE = "rows.json.gz";

/**
 * What `ROWS_FILE` holds, once decompressed: a few flat arrays rather than an array a page, so that
 * the search page parses 100,000 rows without a pause of its thread.
 */
export interface BundleRows {
  /** Each filter's values, in the order Pagefind wrote them: the rows' numbers point into them. */
  values: Record<string, string[]>;
  /** Pagefind's page ids, newest first: a page's rank is its place here. */
  ids: string[];
  /** For each filter, every page in `ids`' order: how many values it has, then their numbers. */
  filters: Record<string, number[]>;
  /** By rank, the group of fragments Pagefind wrote a page's fragment in, when it did (the file to fetch). */
  groups: Record<string, string>;
}

/** Reads a bundle folder Pagefind wrote (its `pf_meta` and `filter/`) and makes its rows. */
export function bundleRows(folder: string): BundleRows {
  const metaName = readdirSync(folder).find((name) => name.endsWith(".pf_meta"));
  if (!metaName) throw new Error(`no Pagefind page list in ${folder}`);
  // pf_meta: [version, pages: [id, words, fragment group][], index chunks, filters: [name, file][], sorts: [name, pages][], …]
  const [, pages, , filterFiles, sorts] = readPagefindFile(readFileSync(join(folder, metaName))) as [
    string,
    [string, number, string][],
    unknown,
    [string, string][],
    [string, number[]][],
  ];
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
  const groups: Record<string, string> = {};
  order.forEach((p, rank) => {
    if (pages[p]![2]) groups[rank] = pages[p]![2];
  });
  return {
    values,
    ids: order.map((p) => pages[p]![0]),
    filters: Object.fromEntries(names.map((name, f) => [name, order.flatMap((p) => [perPage[f]![p]!.length, ...perPage[f]![p]!])])),
    groups,
  };
}

/** Writes `ROWS_FILE` into a bundle folder Pagefind has written. */
export function writeBundleRows(folder: string): void {
  writeFileSync(join(folder, ROWS_FILE), gzipSync(JSON.stringify(bundleRows(folder)), { level: 9 }));
}
