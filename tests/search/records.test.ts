import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import { describe, expect, it, onTestFinished } from "vitest";
import { readPagefindFile, readPageList } from "../../src/search/pagefind-files.ts";
import { bundleDigest, DIGIT_JOINER, recordPage, type SearchRecord } from "../../src/search/records.ts";

const RECORD: SearchRecord = {
  url: "/2021/12/09/l-irak/",
  title: `L'Irak et <script>alert("x")</script>`,
  standfirst: "Un chapeau & une suite",
  bodyHtml: "<p>Le gouvernement d’Ankara a réagi.</p>",
  dateIso: "2021-12-09T14:10:00.000Z",
  year: "2021",
  sources: ["Agence Anadolu"],
  topics: ["Turquie", `Quote " et <b>`],
};

// What Pagefind indexes: the text of `data-pagefind-body`.
function indexedPart(page: string): string {
  return /<main data-pagefind-body>(.*)<\/main>/s.exec(page)![1]!;
}

describe("the page Pagefind indexes for an article", () => {
  it("holds the title as its heading, then the standfirst and the body, and nothing else as words", () => {
    const words = indexedPart(recordPage(RECORD));
    expect(words).toMatch(
      /^<h1>L’\u200aIrak et &lt;script&gt;alert\(«\u202fx\u202f»\)&lt;\/script&gt;<\/h1><p>Un chapeau &amp; une suite<\/p><p>Le gouvernement d’\u200aAnkara a réagi\.<\/p>$/,
    );
    for (const name of ["Turquie", "Anadolu", "2021"]) expect(words).not.toContain(name);
  });

  it("gives topics, sources and year as filters and the date as a sort key, outside the indexed part, escaped", () => {
    const page = recordPage(RECORD);
    const attributes = [...page.matchAll(/data-pagefind-(filter|sort)="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(attributes).toEqual([
      "filter sujet:Turquie",
      "filter sujet:Quote &quot; et &lt;b&gt;",
      "filter source:Agence Anadolu",
      "filter annee:2021",
      "sort date:2021-12-09T14:10:00.000Z",
    ]);
    expect(page).not.toContain("data-pagefind-meta");
  });

  it("indexes no standfirst when the article has none of its own (its list excerpt is the body's words)", () => {
    expect(indexedPart(recordPage({ ...RECORD, standfirst: undefined }))).not.toContain("chapeau");
  });
});

describe("numbers grouped by thousands in the page Pagefind indexes", () => {
  it.each([
    ["4\u202f920 sinistrés", "4\u2060920 sinistrés"],
    ["1\u202f000\u202f000 d’euros", "1\u2060000\u2060000 d’\u200aeuros"],
    ["le 3\u202f000<sup>e</sup> jour", "le 3\u2060000<sup>e</sup> jour"],
    ["en 2021, 4920 habitants", "en 2021, 4920 habitants"],
    ["«\u202f4\u202f» et 12\u202f34", "«\u202f4\u202f» et 12\u202f34"],
    ["1234\u202f567 et 3,141\u202f592", "1234\u202f567 et 3,141\u202f592"],
  ])("%j is indexed as %j", (body, indexed) => {
    expect(indexedPart(recordPage({ ...RECORD, title: "T", standfirst: undefined, bodyHtml: `<p>${body}</p>` }))).toBe(`<h1>T</h1><p>${indexed}</p>`);
  });

  it("joins the groups of a number an editor typed in a title or a standfirst, once typeset", () => {
    const words = indexedPart(recordPage({ ...RECORD, title: "4 920 sinistrés", standfirst: "Et 25000 déplacés", bodyHtml: "" }));
    expect(words).toBe("<h1>4\u2060920 sinistrés</h1><p>Et 25\u2060000 déplacés</p>");
  });

  it("gives Pagefind the number as one word of its digits, its excerpt text keeping the joiner", async () => {
    const folder = mkdtempSync(join(tmpdir(), "depeche-numbers-"));
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
    const { index } = await pagefind.createIndex({ forceLanguage: "fr" });
    try {
      await index!.addHTMLFile({
        url: RECORD.url,
        content: recordPage({ ...RECORD, title: "Crues", standfirst: undefined, bodyHtml: "<p>4\u202f920 sinistrés.</p>" }),
      });
      await index!.writeFiles({ outputPath: folder });
    } finally {
      await pagefind.close();
    }
    const chunks = readPageList(folder).meta[2] as [string, string, string][];
    const words = chunks.flatMap(([, , hash]) =>
      (readPagefindFile(readFileSync(join(folder, "index", `${hash}.pf_index`))) as [[string][]])[0].map(([w]) => w),
    );
    expect(words).toContain("4920");
    expect(words).not.toContain("4");
    expect(words).not.toContain("920");
    const [fragment] = readdirSync(join(folder, "fragment"));
    const text = gunzipSync(readFileSync(join(folder, "fragment", fragment!))).toString();
    expect(JSON.parse(text.slice(text.indexOf("{"))).content).toBe(`Crues. 4${DIGIT_JOINER}920 sinistrés.`);
  });
});

describe("a bundle's digest", () => {
  it("is the same for the same records, and changes with any record, their order or Pagefind's version", () => {
    const other = { ...RECORD, url: "/2021/12/10/autre/" };
    const digest = bundleDigest([RECORD, other], "1.6.0");
    expect(bundleDigest([{ ...RECORD }, { ...other }], "1.6.0")).toBe(digest);
    expect(bundleDigest([RECORD, { ...other, bodyHtml: "<p>Corrigé.</p>" }], "1.6.0")).not.toBe(digest);
    expect(bundleDigest([other, RECORD], "1.6.0")).not.toBe(digest);
    expect(bundleDigest([RECORD, other], "1.7.0")).not.toBe(digest);
  });

  it("digests each input and a newline, however many are hashed in one call: a cache's bundles keep their digests", () => {
    const inputs = Array.from({ length: 2500 }, (_, i) => `/2021/12/${i}/\u0000f${i.toString(16)}`);
    const expected = createHash("sha256").update("depeche-search-5\n1.6.0\n");
    for (const input of inputs) expected.update(input).update("\n");
    expect(bundleDigest(inputs, "1.6.0")).toBe(expected.digest("hex"));
  });
});
