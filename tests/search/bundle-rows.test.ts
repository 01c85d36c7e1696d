import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { type BundleRows, ROWS_FILE } from "../../src/search/bundle-rows.ts";
import { indexSearchBundles } from "../../src/search/indexer.ts";
import { SEARCH_FILTERS } from "../../src/search/markers.ts";
import { bundleDigest, PAGEFIND_VERSION, type SearchRecord } from "../../src/search/records.ts";

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
  it("give each page's Pagefind id, topics, sources and year, newest first", async () => {
    const site = mkdtempSync(join(tmpdir(), "depeche-rows-"));
    folders.push(site);
    const records = Array.from({ length: 40 }, (_, i) => record(i + 1));
    await indexSearchBundles(site, [{ key: "2020-2021", articles: 40, records: () => records, digest: bundleDigest(records, PAGEFIND_VERSION) }]);
    const folder = join(site, "pagefind", "2020-2021");
    const table = JSON.parse(gunzipSync(readFileSync(join(folder, ROWS_FILE))).toString("utf8")) as BundleRows;
    const names = Object.values(SEARCH_FILTERS);
    expect(Object.keys(table.values)).toEqual(names);
    const byUrl = new Map(records.map((r) => [r.url, r]));
    // Each filter's flat list read back, a page after the other.
    const at = names.map(() => 0);
    const rows = table.ids.map((id) => {
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
    expect(table.groups).toEqual({});
    expect(rows.length).toBe(40);
    expect(rows.map((r) => r.dateIso)).toEqual(
      records
        .map((r) => r.dateIso)
        .sort()
        .reverse(),
    );
  });
});
