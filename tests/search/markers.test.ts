import { describe, expect, it } from "vitest";
import { bundleOf, planSearchBundles } from "../../src/search/markers.ts";
import { indexerCount } from "../../src/search/indexer.ts";

describe("search bundles", () => {
  it("has the newest year alone, and earlier years grouped oldest first within the limit", () => {
    const months = [2016, 2017, 2018, 2019, 2020, 2021].map((year) => ({ year, month: 6, count: 4 }));
    expect(planSearchBundles(months, 10)).toEqual([
      { key: "2021", url: "/pagefind/2021/", years: ["2021"], articles: 4 },
      { key: "2020", url: "/pagefind/2020/", years: ["2020"], articles: 4 },
      { key: "2018-2019", url: "/pagefind/2018-2019/", years: ["2018", "2019"], articles: 8 },
      { key: "2016-2017", url: "/pagefind/2016-2017/", years: ["2016", "2017"], articles: 8 },
    ]);
  });

  it("keeps the earlier groups when articles are added to the newest year", () => {
    const months = (newest: number) => [2018, 2019, 2020].map((year) => ({ year, month: 1, count: year === 2020 ? newest : 3 }));
    const keys = (n: number) => planSearchBundles(months(n), 10).map((b) => `${b.key}:${b.articles}`);
    expect(keys(1)).toEqual(["2020:1", "2018-2019:6"]);
    expect(keys(9)).toEqual(["2020:9", "2018-2019:6"]);
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
    expect(bundles.map((b) => [b.key, b.url, b.years, b.articles])).toEqual([
      ["2021-11", "/pagefind/2021-11/", ["2021"], 5],
      ["2021-02", "/pagefind/2021-02/", ["2021"], 6],
      ["2020", "/pagefind/2020/", ["2020"], 2],
    ]);
  });

  it("puts an article in its month's bundle when its year is split, else in the bundle that holds its year", () => {
    const bundleOfUrl = bundleOf(
      planSearchBundles(
        [
          { year: 2018, month: 1, count: 1 },
          { year: 2019, month: 1, count: 1 },
          { year: 2020, month: 11, count: 11 },
          { year: 2021, month: 1, count: 1 },
        ],
        10,
      ),
    );
    expect(["/2018/01/01/a/", "/2019/01/01/a/", "/2020/11/30/a/", "/2021/01/01/a/"].map(bundleOfUrl)).toEqual(["2018-2019", "2018-2019", "2020-11", "2021"]);
    // Asked again, a month after the same one or another, in any order: the same answers.
    const urls = [
      "/2020/11/01/b/",
      "/2020/11/02/c/",
      "/2021/01/01/b/",
      "/2020/11/03/d/",
      "/2020/12/01/a/",
      "/2020/12/02/a/",
      "/2018/01/02/b/",
      "/2022/01/01/a/",
    ];
    expect(urls.map(bundleOfUrl)).toEqual(["2020-11", "2020-11", "2021", "2020-11", undefined, undefined, "2018-2019", undefined]);
  });

  it("gives the newest quarter a bundle of its own when the newest year is past the recent limit, and puts each article in it by its month", () => {
    const months = [
      { year: 2020, month: 5, count: 3 },
      { year: 2021, month: 2, count: 3 },
      { year: 2021, month: 9, count: 2 },
      { year: 2021, month: 11, count: 2 },
    ];
    const bundles = planSearchBundles(months, 10, 10, 5);
    expect(bundles.map((b) => [b.key, b.years, b.months, b.articles])).toEqual([
      ["2021-q4", ["2021"], ["2021-11"], 2],
      ["2021-q1-q3", ["2021"], ["2021-02", "2021-09"], 5],
      ["2020", ["2020"], undefined, 3],
    ]);
    expect(["/2021/11/29/a/", "/2021/09/01/a/", "/2020/05/01/a/"].map(bundleOf(bundles))).toEqual(["2021-q4", "2021-q1-q3", "2020"]);
    // Within the limit, or with articles in its newest quarter only, the newest year stays whole.
    expect(planSearchBundles(months, 10, 10, 7).map((b) => b.key)).toEqual(["2021", "2020"]);
    expect(planSearchBundles([{ year: 2021, month: 2, count: 9 }], 10, 10, 5).map((b) => b.key)).toEqual(["2021"]);
    expect(planSearchBundles([...months, { year: 2021, month: 4, count: 1 }], 10, 10, 5)[1]!.key).toBe("2021-q1-q3");
    expect(planSearchBundles([months[0]!, { year: 2021, month: 1, count: 3 }, { year: 2021, month: 5, count: 3 }], 10, 10, 5)[1]!.key).toBe("2021-q1");
  });

  it("gives the newest month a bundle of its own past the month limit, where added articles land, in the newest quarter or the newest year", () => {
    const months = [
      { year: 2020, month: 5, count: 3 },
      { year: 2021, month: 2, count: 3 },
      { year: 2021, month: 10, count: 2 },
      { year: 2021, month: 11, count: 1 },
      { year: 2021, month: 12, count: 2 },
    ];
    // The newest quarter (5 articles) is past the month limit of 4: December alone, October and November together.
    const bundles = planSearchBundles(months, 10, 10, 5, 4);
    expect(bundles.map((b) => [b.key, b.years, b.months, b.articles])).toEqual([
      ["2021-12", ["2021"], ["2021-12"], 2],
      ["2021-m10-m11", ["2021"], ["2021-10", "2021-11"], 3],
      ["2021-q1-q3", ["2021"], ["2021-02"], 3],
      ["2020", ["2020"], undefined, 3],
    ]);
    expect(["/2021/12/31/a/", "/2021/11/01/a/", "/2021/10/01/a/", "/2021/02/01/a/"].map(bundleOf(bundles))).toEqual([
      "2021-12",
      "2021-m10-m11",
      "2021-m10-m11",
      "2021-q1-q3",
    ]);
    // Within the month limit, the quarter stays whole.
    expect(planSearchBundles(months, 10, 10, 5, 5).map((b) => b.key)).toEqual(["2021-q4", "2021-q1-q3", "2020"]);
    // A newest year within the recent limit but past the month limit: its newest month alone, one month before it.
    const year = planSearchBundles(
      [
        { year: 2021, month: 3, count: 3 },
        { year: 2021, month: 4, count: 2 },
      ],
      10,
      10,
      8,
      4,
    );
    expect(year.map((b) => [b.key, b.months, b.articles])).toEqual([
      ["2021-04", ["2021-04"], 2],
      ["2021-m03", ["2021-03"], 3],
    ]);
    // One month alone is never cut, however many articles it has.
    expect(planSearchBundles([{ year: 2021, month: 4, count: 9 }], 10, 10, 5, 4).map((b) => b.key)).toEqual(["2021"]);
  });

  it("by default, gives a 10,000-article archive's newest month a bundle of its own, and keeps a 1,000-article archive's newest year whole", () => {
    // 13 years to November 2026, as the bench's corpus: an added article lands in November.
    const archive = (perMonth: number) =>
      Array.from({ length: 13 }, (_, i) => 2014 + i).flatMap((year) =>
        Array.from({ length: year === 2026 ? 11 : 12 }, (_, m) => ({ year, month: m + 1, count: perMonth })),
      );
    const large = planSearchBundles(archive(64));
    expect(large.slice(0, 2).map((b) => [b.key, b.articles])).toEqual([
      ["2026-11", 64],
      ["2026-m01-m10", 640],
    ]);
    expect(bundleOf(large)("/2026/11/29/depeche/")).toBe("2026-11");
    expect(planSearchBundles(archive(6))[0]).toMatchObject({ key: "2026", articles: 66 });
  });

  it("indexes two bundles at once by default, and never more than the bundles", () => {
    expect(indexerCount(1)).toBe(1);
    expect(indexerCount(100)).toBe(process.env.DEPECHE_INDEXERS ? Number(process.env.DEPECHE_INDEXERS) : 2);
  });
});
