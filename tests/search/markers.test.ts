import { describe, expect, it } from "vitest";
import { bundleKeyOf, planSearchBundles } from "../../src/search/markers.ts";
import { indexerCount } from "../../src/search/indexer.ts";

describe("search bundles", () => {
  it("has one bundle a year, newest first, each with the year its filter selects", () => {
    const bundles = planSearchBundles([
      { year: 2019, month: 5, count: 2 },
      { year: 2021, month: 1, count: 1 },
      { year: 2021, month: 12, count: 4 },
    ]);
    expect(bundles).toEqual([
      { key: "2021", url: "/pagefind/2021/", year: "2021", articles: 5 },
      { key: "2019", url: "/pagefind/2019/", year: "2019", articles: 2 },
    ]);
  });

  it("splits a year past the limit into months, newest first, each still selected by its year", () => {
    const bundles = planSearchBundles(
      [
        { year: 2020, month: 3, count: 2 },
        { year: 2021, month: 2, count: 6 },
        { year: 2021, month: 11, count: 5 },
      ],
      10,
    );
    expect(bundles.map((b) => [b.key, b.url, b.year, b.articles])).toEqual([
      ["2021-11", "/pagefind/2021-11/", "2021", 5],
      ["2021-02", "/pagefind/2021-02/", "2021", 6],
      ["2020", "/pagefind/2020/", "2020", 2],
    ]);
  });

  it("puts an article in its month's bundle when its year is split, else in its year's", () => {
    const keys = new Set(["2021-11", "2020"]);
    expect(bundleKeyOf("/2021/11/30/slug/", keys)).toBe("2021-11");
    expect(bundleKeyOf("/2020/01/01/slug/", keys)).toBe("2020");
  });

  it("indexes two bundles at once by default, and never more than the bundles", () => {
    expect(indexerCount(1)).toBe(1);
    expect(indexerCount(100)).toBe(process.env.DEPECHE_INDEXERS ? Number(process.env.DEPECHE_INDEXERS) : 2);
  });
});
