import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { linkSiteInto } from "../../src/publish/stage-from-site.ts";
import { indexSearchBundles } from "../../src/search/indexer.ts";
import { bundleDigest, PAGEFIND_VERSION, type PlannedBundle, type SearchRecord } from "../../src/search/records.ts";
import { siteFiles } from "../helpers/site.ts";

// An edited record's postings spliced into its bundle, its fragment replaced: the very files
// Pagefind writes when it indexes the whole bundle again.

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "depeche-patch-test-"));
  folders.push(dir);
  return dir;
}

function contents(dir: string): Map<string, string> {
  return new Map(siteFiles(dir).map((f) => [f, readFileSync(join(dir, f)).toString("base64")]));
}

// Words whose forms with and without accents share a stem, so that words carry several forms.
const WORDS = [
  "élection",
  "élections",
  "election",
  "électoral",
  "Élections",
  "économie",
  "economie",
  "économique",
  "président",
  "présidente",
  "presidente",
  "Turquie",
  "turque",
  "réfugiés",
  "refugies",
  "Irak",
  "irakien",
  "irakienne",
  "accord",
  "défense",
  "pétrole",
  "l’Irak",
  "Ankara",
  "où",
  "été",
  "ete",
  "2023",
];

// A deterministic sentence of `n` words from `seed` (an LCG: the same records each run).
function sentence(seed: number, n: number): string {
  let x = seed;
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    words.push(WORDS[(x >>> 8) % WORDS.length]!);
  }
  return words.join(" ");
}

function record(n: number, seed = n): SearchRecord {
  const day = String(28 - (n % 28)).padStart(2, "0");
  return {
    url: `/2021/03/${day}/depeche-${n}/`,
    title: `Dépêche ${n} : ${sentence(seed * 7 + 1, 3)}`,
    bodyHtml: `<p>${sentence(seed, 12 + (seed % 9))}.</p><p>${sentence(seed * 3 + 2, 8)}.</p>`,
    dateIso: `2021-03-${day}T${String(n % 24).padStart(2, "0")}:00:00.000Z`,
    year: "2021",
    sources: ["Agence Anadolu"],
    topics: [n % 2 === 0 ? "Irak" : "Turquie"],
  };
}

function planned(records: SearchRecord[], edits?: { before: SearchRecord[]; pages: number[] }): PlannedBundle {
  return {
    key: "2021",
    articles: records.length,
    digest: bundleDigest(records, PAGEFIND_VERSION),
    records: () => records,
    ...(edits
      ? { patch: { previous: bundleDigest(edits.before, PAGEFIND_VERSION), pages: edits.pages, records: () => edits.pages.map((p) => records[p]!) } }
      : {}),
  };
}

const BEFORE = Array.from({ length: 30 }, (_, n) => record(n));

/**
 * Indexes `before`, stages it, and indexes `after` there with a patch of its pages `pages` planned
 * from `plannedFrom`; checks that the previous site is untouched (the staged files are links to its
 * own) and that the index is a clean one's. Returns how many bundles were patched.
 */
async function patched(after: SearchRecord[], pages: number[], before = BEFORE, plannedFrom = before): Promise<number> {
  const previous = folder();
  await indexSearchBundles(previous, [planned(before)]);
  const held = contents(previous);
  const staging = join(folder(), "staging");
  linkSiteInto(previous, staging);
  const result = await indexSearchBundles(staging, [planned(after, { before: plannedFrom, pages })], { staged: true });
  expect(result).toMatchObject({ pages: after.length, bundles: 1, reused: 0, changed: ["/pagefind/2021", "/pagefind/paquets"] });
  expect(contents(previous)).toEqual(held);
  const clean = folder();
  await indexSearchBundles(clean, [planned(after)]);
  expect(contents(staging)).toEqual(contents(clean));
  return result.patched;
}

const edited = (changes: Record<number, Partial<SearchRecord>>): SearchRecord[] => BEFORE.map((r, n) => ({ ...r, ...changes[n] }));

describe("a bundle patched with its edited records", () => {
  it("writes what indexing it again writes: a body edited at the start, in the middle, at the end", async () => {
    for (const page of [0, 13, 29]) {
      const after = edited({ [page]: { bodyHtml: `<p>${sentence(1000 + page, 20)} Bagdad nouvelle phrase.</p>` } });
      expect(await patched(after, [page])).toBe(1);
    }
  }, 60_000);

  it("writes what indexing it again writes: several records, titles and standfirsts, words gone and words new", async () => {
    const after = edited({
      2: { title: "Un titre tout neuf", bodyHtml: "<p>Rien que des mots inédits : zèbre, zébrures.</p>" },
      7: { standfirst: "Un chapeau ajouté, où l’économie parle.", bodyHtml: `<p>${sentence(77, 5)}</p>` },
      8: { bodyHtml: "<p>Court.</p>" },
      21: { bodyHtml: `<p>${sentence(2121, 40)} ${sentence(12, 10)}</p>` },
    });
    expect(await patched(after, [2, 7, 8, 21])).toBe(1);
  }, 60_000);

  it("writes what indexing it again writes over many random edits, patched or, where a word's forms cannot be ordered, indexed again", async () => {
    let patches = 0;
    for (let round = 0; round < 6; round++) {
      const pages = [...new Set([(round * 7) % 30, (round * 11 + 3) % 30])].sort((a, b) => a - b);
      const after = edited(Object.fromEntries(pages.map((p) => [p, { bodyHtml: `<p>${sentence(round * 31 + p, 6 + round * 3)}.</p>` }])));
      patches += await patched(after, pages);
    }
    expect(patches).toBeGreaterThan(0);
  }, 120_000);

  it("indexes the bundle again when a form of a word now first appears on an unedited page beside another form new there", async () => {
    // « élection » first on page 0; page 1 holds both forms, « élections » first there. Page 0's
    // edit leaves page 1 the first of both: their order is page 1's own, which the bundle does not tell.
    const base = BEFORE.slice(0, 3).map((r, n) => ({ ...r, bodyHtml: ["<p>élection ici.</p>", "<p>élections et élection.</p>", "<p>rien.</p>"][n]! }));
    const after = base.map((r, n) => (n === 0 ? { ...r, bodyHtml: "<p>autre chose.</p>" } : r));
    expect(await patched(after, [0], base)).toBe(0);
  }, 60_000);

  it("indexes the bundle again when the staged one is not the one the patch was planned from", async () => {
    const after = edited({ 4: { bodyHtml: "<p>Une autre dépêche.</p>" } });
    const other = BEFORE.map((r, n) => (n === 5 ? { ...r, title: "Autre" } : r));
    expect(await patched(after, [4], BEFORE, other)).toBe(0);
  }, 60_000);
});
