import { describe, expect, it } from "vitest";
import { planSearchBundles, searchMarkers } from "../../src/search/markers.ts";
import { indexerCount } from "../../src/search/indexer.ts";
import { planArticles } from "../helpers/site.ts";

describe("search markers", () => {
  it("sorts by the UTC instant, so that text order is time order across summer and winter time", async () => {
    const { pages } = await planArticles({
      "a.md": { title: "Été", date: "2021-10-31T02:30:00+02:00" },
      "b.md": { title: "Hiver", date: "2021-10-31T02:10:00+01:00" },
    });
    const [winter, summer] = pages.articles.map(searchMarkers);
    expect(summer).toEqual({ sort: "date:2021-10-31T00:30:00.000Z", year: "annee:2021", month: "mois:2021-10" });
    expect(winter!.sort > summer!.sort).toBe(true);
  });

  it("takes year and month from the article's URL, the Paris day, not the UTC one", async () => {
    const { pages } = await planArticles({ "a.md": { title: "Nouvel an", date: "2022-01-01T00:30:00" } });
    expect(searchMarkers(pages.articles[0]!)).toMatchObject({ year: "annee:2022", month: "mois:2022-01" });
  });
});

describe("search bundles", () => {
  it("has one bundle a year, newest first, each found by its year filter", () => {
    const bundles = planSearchBundles([
      { year: 2019, month: 5, count: 2 },
      { year: 2021, month: 1, count: 1 },
      { year: 2021, month: 12, count: 4 },
    ]);
    expect(bundles).toEqual([
      { url: "/pagefind/2021/", filter: { name: "annee", value: "2021" }, glob: "2021/*/*/*/index.html", articles: 5 },
      { url: "/pagefind/2019/", filter: { name: "annee", value: "2019" }, glob: "2019/*/*/*/index.html", articles: 2 },
    ]);
  });

  it("splits a year past the limit into months, newest first, each found by its month filter", () => {
    const bundles = planSearchBundles(
      [
        { year: 2020, month: 3, count: 2 },
        { year: 2021, month: 2, count: 6 },
        { year: 2021, month: 11, count: 5 },
      ],
      10,
    );
    expect(bundles.map((b) => [b.url, b.filter.value, b.glob, b.articles])).toEqual([
      ["/pagefind/2021-11/", "2021-11", "2021/11/*/*/index.html", 5],
      ["/pagefind/2021-02/", "2021-02", "2021/02/*/*/index.html", 6],
      ["/pagefind/2020/", "2020", "2020/*/*/*/index.html", 2],
    ]);
  });

  it("indexes at most four bundles at once, and at most the bundles", () => {
    expect(indexerCount(1)).toBe(1);
    expect(indexerCount(100)).toBeLessThanOrEqual(4);
  });
});
