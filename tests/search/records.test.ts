import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bundleDigest, recordPage, type SearchRecord } from "../../src/search/records.ts";

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
    const expected = createHash("sha256").update("depeche-search-4\n1.6.0\n");
    for (const input of inputs) expected.update(input).update("\n");
    expect(bundleDigest(inputs, "1.6.0")).toBe(expected.digest("hex"));
  });
});
