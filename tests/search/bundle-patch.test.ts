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

function planned(records: SearchRecord[], edits?: { before: SearchRecord[]; pages: number[] }, key = "2021"): PlannedBundle {
  return {
    key,
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
  const { patched, collected } = await patchedBundles([{ key: "2021", before, after, pages, plannedFrom }]);
  // What a build collects before a service indexes a bundle whole is collected for a bundle indexed whole alone.
  expect(collected).toBe(patched === 1 ? 0 : 1);
  return patched;
}

/** A bundle's records before and after, the pages edited, and the records its patch is planned from. */
interface Edited {
  key: string;
  before: SearchRecord[];
  after: SearchRecord[];
  pages: number[];
  plannedFrom: SearchRecord[];
}

// Indexes the bundles before, stages them, and indexes them after there, each with its patch;
// checks that the previous site is untouched (the staged files are links to its own) and that the
// index is a clean one's. Returns how many bundles were patched, and how often `beforeWhole` was called.
async function patchedBundles(bundles: Edited[]): Promise<{ patched: number; collected: number }> {
  const previous = folder();
  await indexSearchBundles(
    previous,
    bundles.map((b) => planned(b.before, undefined, b.key)),
  );
  const held = contents(previous);
  const staging = join(folder(), "staging");
  linkSiteInto(previous, staging);
  let collected = 0;
  const result = await indexSearchBundles(
    staging,
    bundles.map((b) => planned(b.after, { before: b.plannedFrom, pages: b.pages }, b.key)),
    { staged: true, beforeWhole: () => collected++ },
  );
  expect(result).toMatchObject({
    pages: bundles.reduce((n, b) => n + b.after.length, 0),
    bundles: bundles.length,
    reused: 0,
    changed: [...bundles.map((b) => `/pagefind/${b.key}`).sort(), "/pagefind/paquets"],
  });
  expect(contents(previous)).toEqual(held);
  const clean = folder();
  await indexSearchBundles(
    clean,
    bundles.map((b) => planned(b.after, undefined, b.key)),
  );
  expect(contents(staging)).toEqual(contents(clean));
  return { patched: result.patched, collected };
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
      2: { title: "Élections : l’économie présidentielle, été comme hiver", bodyHtml: "<p>Rien que des mots inédits : zèbre, zébrures.</p>" },
      7: { standfirst: "Un chapeau ajouté, où l’économie parle.", bodyHtml: `<p>${sentence(77, 5)}</p>` },
      8: { bodyHtml: "<p>Court.</p>" },
      21: { bodyHtml: `<p>${sentence(2121, 40)} ${sentence(12, 10)}</p>` },
    });
    expect(await patched(after, [2, 7, 8, 21])).toBe(1);
  }, 60_000);

  it("writes what indexing it again writes: a long page with many forms of the same words, several first there", async () => {
    const forms =
      "élection élections Élections électoral électorale électorales économie économique économiques président présidente présidentielle réfugiés réfugiée été étés";
    const after = edited({ 3: { bodyHtml: `<p>${forms} ${sentence(303, 200)} ${forms.split(" ").reverse().join(" ")}</p>` } });
    expect(await patched(after, [3])).toBe(1);
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

  it("patches bundles in this thread and in an indexing thread at once, and indexes whole the one that cannot be patched, either way", async () => {
    // « élection » first on page 0, both forms first on page 1: page 0's edit cannot be patched (below).
    const tied = (records: SearchRecord[]) =>
      records.map((r, n) => (n < 2 ? { ...r, bodyHtml: n === 0 ? "<p>élection ici.</p>" : "<p>élections et élection.</p>" } : r));
    const untied = (records: SearchRecord[]) => records.map((r, n) => (n === 0 ? { ...r, bodyHtml: "<p>autre chose.</p>" } : r));
    // The largest bundle is taken first, by this thread: the one that cannot be patched is indexed
    // here, then, smaller, in the indexing thread.
    for (const [tiedSize, patchedSize] of [
      [30, 10],
      [10, 30],
    ]) {
      const before = tied(BEFORE.slice(0, tiedSize));
      const body = BEFORE.slice(0, patchedSize);
      const after = body.map((r, n) => (n === 6 ? { ...r, bodyHtml: "<p>Une dépêche récrite, où l’économie parle.</p>" } : r));
      const bundles: Edited[] = [
        { key: "2020", before, after: untied(before), pages: [0], plannedFrom: before },
        { key: "2021", before: body, after, pages: [6], plannedFrom: body },
      ];
      expect(await patchedBundles(bundles)).toEqual({ patched: 1, collected: 1 });
    }
  }, 60_000);

  it("indexes the bundle again when the staged one is not the one the patch was planned from", async () => {
    const after = edited({ 4: { bodyHtml: "<p>Une autre dépêche.</p>" } });
    const other = BEFORE.map((r, n) => (n === 5 ? { ...r, title: "Autre" } : r));
    expect(await patched(after, [4], BEFORE, other)).toBe(0);
  }, 60_000);

  it("keeps in place, never digesting it, a staged bundle planned unchanged, beside one patched", async () => {
    const older = Array.from({ length: 12 }, (_, n) => record(100 + n));
    const previous = folder();
    await indexSearchBundles(previous, [planned(BEFORE), planned(older, undefined, "2015")]);
    const staging = join(folder(), "staging");
    linkSiteInto(previous, staging);
    const kept = contents(join(staging, "pagefind", "2015"));
    const after = edited({ 6: { bodyHtml: "<p>Une phrase corrigée.</p>" } });
    const unchanged: PlannedBundle = {
      key: "2015",
      articles: older.length,
      unchanged: true,
      get digest(): string {
        throw new Error("an unchanged bundle's digest was asked for");
      },
      records: () => older,
    };
    const result = await indexSearchBundles(staging, [planned(after, { before: BEFORE, pages: [6] }), unchanged], { staged: true });
    expect(result).toMatchObject({ bundles: 2, reused: 1, patched: 1, changed: ["/pagefind/2021", "/pagefind/paquets"] });
    expect(contents(join(staging, "pagefind", "2015"))).toEqual(kept);
    const clean = folder();
    await indexSearchBundles(clean, [planned(after), planned(older, undefined, "2015")]);
    expect(contents(staging)).toEqual(contents(clean));
  }, 60_000);
});
