import { describe, expect, it } from "vitest";
import { type BundleRows, encodeRows } from "../../src/search/bundle-rows.ts";

/** A bundle's rows as the search page holds them (public/recherche-lignes.js, `readRows` then `indexRows`). */
interface PageTable {
  prefix: string;
  pages: number;
  values: Record<string, string[]>;
  filters: Record<string, Uint32Array>;
  lists: string[][];
}

/** The search page's rows (public/recherche-lignes.js: a script of the page, with no types of its own). */
interface PageRows {
  SLOT: number;
  HAS_ALL: number;
  MISSES_MORE: number;
  readRows(url: string): Promise<PageTable>;
  indexRows(table: PageTable, names: string[]): PageTable;
  misser(tables: PageTable[], names: string[], filters: Record<string, string>): (place: number) => number;
  countChoices(tables: PageTable[], names: string[], places: number[], missed: number[]): Record<string, Record<string, number>>;
  pagesWith(table: PageTable, f: number, v: number): number;
}

const { SLOT, HAS_ALL, MISSES_MORE, readRows, indexRows, misser, countChoices, pagesWith } = (await import(
  new URL("../../public/recherche-lignes.js", import.meta.url).href
)) as PageRows;

const NAMES = ["sujet", "source", "annee"];

/** The page's table of `rows`, fetched as the page fetches it (here from a `data:` address). */
async function tableOf(rows: BundleRows): Promise<PageTable> {
  const url = `data:application/octet-stream;base64,${Buffer.from(encodeRows(rows)).toString("base64")}`;
  return indexRows(await readRows(url), NAMES);
}

// Two bundles, newest first within each: 2022's three pages, 2021's two.
const NEWER: BundleRows = {
  prefix: "2022-aaaaaa",
  pages: 3,
  values: { sujet: ["Irak", "Économie"], source: ["AA", "TRT FR"], annee: ["2022"] },
  filters: {
    // Irak · AA; Économie · AA, TRT FR; Irak, Économie · TRT FR
    sujet: [1, 0, 1, 1, 2, 0, 1],
    source: [1, 0, 2, 0, 1, 1, 1],
    annee: [1, 0, 1, 0, 1, 0],
  },
};
const OLDER: BundleRows = {
  prefix: "2021-bbbbbb",
  pages: 2,
  // Numbered otherwise than 2022's: each bundle has its own lists.
  values: { sujet: ["Économie", "Irak"], source: ["TRT FR"], annee: ["2021"] },
  filters: {
    // Irak · TRT FR; Économie · TRT FR
    sujet: [1, 1, 1, 0],
    source: [1, 0, 1, 0],
    annee: [1, 0, 1, 0],
  },
};
const PLACES = [0, 1, 2, SLOT, SLOT + 1];

describe("the search page's rows (public/recherche-lignes.js)", () => {
  it("reads what the build writes, numbers of 128 and more included", async () => {
    const many: BundleRows = {
      prefix: "2021-abcdef",
      pages: 3,
      values: { sujet: Array.from({ length: 300 }, (_, i) => `Sujet ${i}`), source: ["AFP"], annee: ["2021"] },
      filters: { sujet: [2, 0, 299, 0, 1, 128], source: [1, 0, 1, 0, 1, 0], annee: [1, 0, 1, 0, 1, 0] },
    };
    const table = await tableOf(many);
    expect({ prefix: table.prefix, pages: table.pages, values: table.values }).toEqual({ prefix: many.prefix, pages: 3, values: many.values });
    for (const name of NAMES) expect([...table.filters[name]!]).toEqual(many.filters[name]);
    expect(pagesWith(table, 0, 299)).toBe(1);
    expect(pagesWith(table, 0, 128)).toBe(1);
    expect(pagesWith(table, 0, 0)).toBe(1);
    expect(pagesWith(table, 0, 5)).toBe(0);
    // A value the bundle does not have (`indexOf` of -1).
    expect(pagesWith(table, 0, -1)).toBe(0);
  });

  it("lists the pages that have every value chosen, each bundle's values looked up by name", async () => {
    const tables = [await tableOf(NEWER), await tableOf(OLDER)];
    const kept = (filters: Record<string, string>) => PLACES.filter((place) => misser(tables, NAMES, filters)(place) === HAS_ALL);
    expect(kept({})).toEqual(PLACES);
    expect(kept({ sujet: "Irak" })).toEqual([0, 2, SLOT]);
    expect(kept({ sujet: "Économie", source: "TRT FR" })).toEqual([1, 2, SLOT + 1]);
    expect(kept({ sujet: "Irak", annee: "2021" })).toEqual([SLOT]);
    expect(kept({ source: "AFP" })).toEqual([]);
  });

  it("counts each choice among the results the other filters keep, not its own (« 2022 (2) » with 2021 chosen)", async () => {
    const tables = [await tableOf(NEWER), await tableOf(OLDER)];
    const counted = (filters: Record<string, string>) => {
      const miss = misser(tables, NAMES, filters);
      return countChoices(tables, NAMES, PLACES, PLACES.map(miss));
    };
    expect(counted({})).toEqual({
      sujet: { Irak: 3, Économie: 3 },
      source: { AA: 2, "TRT FR": 4 },
      annee: { 2022: 3, 2021: 2 },
    });
    expect(counted({ sujet: "Irak", annee: "2021" })).toEqual({
      // The topics of 2021's pages, the years of Irak's pages, the sources of the one page kept.
      sujet: { Irak: 1, Économie: 1 },
      source: { "TRT FR": 1 },
      annee: { 2022: 2, 2021: 1 },
    });
    // A page that misses one chosen value is counted in that filter (0: the topic, 1: the source);
    // one that misses two, in none.
    const miss = misser(tables, NAMES, { sujet: "Économie", source: "AA" });
    expect(PLACES.map(miss)).toEqual([0, HAS_ALL, 1, MISSES_MORE, 1]);
  });
});
