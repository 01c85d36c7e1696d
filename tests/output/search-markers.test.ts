import { describe, expect, it } from "vitest";
import { articleYears, searchBundleUrl, searchMarkers } from "../../src/output/search-markers.ts";
import { indexerCount } from "../../src/output/search-index.ts";
import { planArticles } from "../helpers/site.ts";

describe("search markers", () => {
  it("sorts by the UTC instant, so that text order is time order across summer and winter time", async () => {
    const { pages } = await planArticles({
      "a.md": { title: "Été", date: "2021-10-31T02:30:00+02:00" },
      "b.md": { title: "Hiver", date: "2021-10-31T02:10:00+01:00" },
    });
    const [winter, summer] = pages.articles.map(searchMarkers);
    expect(summer).toEqual({ sort: "date:2021-10-31T00:30:00.000Z", year: "annee:2021" });
    expect(winter!.sort > summer!.sort).toBe(true);
  });

  it("takes the year of the article's URL, the Paris day, not the UTC one", async () => {
    const { pages } = await planArticles({ "a.md": { title: "Nouvel an", date: "2022-01-01T00:30:00" } });
    expect(searchMarkers(pages.articles[0]!).year).toBe("annee:2022");
    expect(articleYears(pages.articles)).toEqual([2022]);
  });

  it("lists years newest first, one bundle each", async () => {
    const { pages } = await planArticles({ "a.md": { date: "2019-05-01" }, "b.md": { title: "B", date: "2021-05-01" }, "c.md": { title: "C", date: "2019-06-01" } });
    expect(articleYears(pages.articles).map(searchBundleUrl)).toEqual(["/pagefind/2021/", "/pagefind/2019/"]);
  });

  it("indexes as many years at once as there are cores, at most four and at most the years", () => {
    expect(indexerCount(1)).toBe(1);
    expect(indexerCount(100)).toBeLessThanOrEqual(4);
  });
});
