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

/** What `ROWS_FILE` holds, once decompressed: `filters` in the order of `values`. */
export interface BundleRows {
  /** Each filter's values, in the order Pagefind wrote them: the numbers of the rows point into them. */
  values: Record<string, string[]>;
  /**
   * Newest first: [page id, ...each filter's value numbers, in `values`' order], then, when Pagefind
   * wrote the page's fragment in a group of fragments, the group's name (the file to fetch).
   */
  rows: (string | number[])[][];
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
  return {
    values,
    rows: order.map((p) => {
      const [id, , group] = pages[p]!;
      return [id, ...perPage.map((list) => list[p]!), ...(group ? [group] : [])];
    }),
  };
}

/** Writes `ROWS_FILE` into a bundle folder Pagefind has written. */
export function writeBundleRows(folder: string): void {
  writeFileSync(join(folder, ROWS_FILE), gzipSync(JSON.stringify(bundleRows(folder)), { level: 9 }));
}
