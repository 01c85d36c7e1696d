import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { decodeRows, encodeRows, pageId, ROWS_FILE } from "../../src/search/bundle-rows.ts";
import { indexSearchBundles } from "../../src/search/indexer.ts";
import { SEARCH_FILTERS } from "../../src/search/markers.ts";
import { readPagefindFile } from "../../src/search/pagefind-files.ts";
import { pagesDigest, type SearchRecord } from "../../src/search/records.ts";
import { plannedBundle } from "../helpers/search-bundles.ts";

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const TOPICS = ["Irak", "Turquie", "Économie", "Défense"];
const SOURCES = ["Agence Anadolu", "TRT Français", "AFP"];

// Forty records over two years, in a shuffled order of days, with one to three topics and one or two sources each.
function record(n: number): SearchRecord {
  const year = n % 2 === 0 ? "2020" : "2021";
  const day = ((n * 7) % 28) + 1;
  return {
    url: `/${year}/02/${String(day).padStart(2, "0")}/depeche-${n}/`,
    title: `Dépêche ${n}`,
    bodyHtml: `<p>Le texte de la dépêche ${n}.</p>`,
    dateIso: `${year}-02-${String(day).padStart(2, "0")}T${String(n % 24).padStart(2, "0")}:00:00.000Z`,
    year,
    sources: SOURCES.filter((_, i) => i === n % 3 || (n % 5 === 0 && i === 2)),
    topics: TOPICS.filter((_, i) => (n >> i) % 2 === 1 || i === n % 4),
  };
}

// What Pagefind wrote for a page id: its fragment (gzip of a signature, then JSON).
function fragment(folder: string, id: string): { url: string } {
  const text = gunzipSync(readFileSync(join(folder, "fragment", `${id}.pf_fragment`))).toString("utf8");
  return JSON.parse(text.slice(text.indexOf("{")));
}

describe("a bundle's rows", () => {
  it("give each page's topics, sources and year in the records' order, each page's Pagefind id and fragment named by its place; Pagefind's filter lists go", async () => {
    const site = mkdtempSync(join(tmpdir(), "depeche-rows-"));
    folders.push(site);
    // Newest first, as the plan hands them (src/plan/search-page.ts).
    const records = Array.from({ length: 40 }, (_, i) => record(i + 1)).sort((a, b) => (a.dateIso < b.dateIso ? 1 : -1));
    const bundle = plannedBundle("2020-2021", records);
    await indexSearchBundles(site, [bundle]);
    const folder = join(site, "pagefind", "2020-2021");
    const table = decodeRows(readFileSync(join(folder, ROWS_FILE)));
    const names = Object.values(SEARCH_FILTERS);
    expect(Object.keys(table.values)).toEqual(names);
    expect(table.prefix).toBe(bundle.prefix);
    expect(table.prefix).toBe(`2020-2021-${pagesDigest(records.map((r) => r.url)).slice(0, 6)}`);
    expect(table.pages).toBe(40);
    const ids = Array.from({ length: table.pages }, (_, rank) => pageId(table.prefix, rank));
    expect(ids.slice(9, 11)).toEqual([`${table.prefix}_9`, `${table.prefix}_a`]);
    // Pagefind's page list names the same ids, in order, and neither filter lists nor sorts (the rows
    // filter and order by date); each page's fragment is its id's file.
    const metaName = readdirSync(folder).find((name) => name.endsWith(".pf_meta"))!;
    const meta = readPagefindFile(readFileSync(join(folder, metaName))) as [string, [string, number, string][], unknown, unknown[], unknown[]];
    expect(meta[1].map(([id]) => id)).toEqual(ids);
    expect(meta[3]).toEqual([]);
    expect(meta[4]).toEqual([]);
    expect(existsSync(join(folder, "filter"))).toBe(false);
    expect(readdirSync(join(folder, "fragment")).sort()).toEqual(ids.map((id) => `${id}.pf_fragment`).sort());
    const byUrl = new Map(records.map((r) => [r.url, r]));
    // Each filter's flat list read back, a page after the other.
    const at = names.map(() => 0);
    const rows = ids.map((id) => {
      const r = byUrl.get(fragment(folder, id).url)!;
      expect(r).toBeDefined();
      const filters = names.map((name, f) => {
        const flat = table.filters[name]!;
        const values = flat.slice(at[f]! + 1, at[f]! + 1 + flat[at[f]!]!);
        at[f]! += 1 + values.length;
        return values.map((n) => table.values[name]![n]).sort();
      });
      expect(filters).toEqual([[...r.topics].sort(), [...r.sources].sort(), [r.year]]);
      return r;
    });
    expect(at).toEqual(names.map((name) => table.filters[name]!.length));
    expect(rows).toEqual(records);
  });

  it("are written as bytes and read back the same, numbers of 128 and more included", () => {
    const rows = {
      prefix: "2021-abcdef",
      pages: 3,
      values: { sujet: Array.from({ length: 300 }, (_, i) => `Sujet ${i}`), source: ["AFP"], annee: ["2021"] },
      filters: { sujet: [2, 0, 299, 0, 1, 128], source: [1, 0, 1, 0, 1, 0], annee: [1, 0, 1, 0, 1, 0] },
    };
    expect(decodeRows(encodeRows(rows))).toEqual(rows);
  });
});
