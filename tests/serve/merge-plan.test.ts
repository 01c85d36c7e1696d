import { describe, expect, it } from "vitest";
import type { SitePages } from "../../src/plan/pages.ts";
import { mergePlanned, pagePlaces } from "../../src/serve/merge-plan.ts";

// Pages reduced to what the merge reads: a URL, and data compared field by field.
interface Page {
  url: string;
  text: string;
}
const page = (url: string, text = "v1"): Page => ({ url, text });
const plan = (pages: Record<string, Page[]>): SitePages => pages as unknown as SitePages;
const urls = (pages: SitePages, kind: string): string[] => ((pages as unknown as Record<string, Page[]>)[kind] ?? []).map((p) => p.url);

const previous = plan({
  articles: [page("/a3/"), page("/a2/"), page("/a1/")],
  days: [page("/d3/"), page("/d1/")],
  lists: [page("/l/"), page("/l/page/2/")],
});
const places = pagePlaces(previous);

describe("a plan merged with some of its pages planned again", () => {
  it("finds each page by its URL: its kind and its index", () => {
    expect(places.get("/d1/")).toEqual({ kind: "days", index: 1 });
    expect(places.get("/a3/")).toEqual({ kind: "articles", index: 0 });
    expect(places.get("/nowhere/")).toBeUndefined();
  });

  it("replaces the pages whose data changed, keeps the others and the kinds not planned as they were", () => {
    const edited = page("/a2/", "v2");
    const merged = mergePlanned(previous, plan({ articles: [page("/a3/"), edited], lists: [page("/l/")] }), places)!;
    const articles = (merged.pages as unknown as Record<string, Page[]>).articles!;
    expect(articles).toEqual([page("/a3/"), edited, page("/a1/")]);
    expect(articles[0]).toBe((previous as unknown as Record<string, Page[]>).articles![0]);
    expect(merged.pages.days).toBe(previous.days);
    expect(merged.pages.lists).toBe(previous.lists);
    expect(merged.changed).toEqual({ articles: [edited] });
    expect(merged.moved).toBe(false);
    // The previous plan is left as it was: the pages it shows are still on disk until written.
    expect((previous as unknown as Record<string, Page[]>).articles![1]).toEqual(page("/a2/"));
  });

  it("puts a new page of a kind after the page planned before it, or before the first one planned", () => {
    const added = { articles: [{ url: "/a3/" }, { url: "/a2/" }, { url: "/a1/" }], counts: { days: 4 } };
    const merged = mergePlanned(previous, plan({ days: [page("/d4/"), page("/d3/"), page("/d2/"), page("/d1/")] }), places, added)!;
    expect(urls(merged.pages, "days")).toEqual(["/d4/", "/d3/", "/d2/", "/d1/"]);
    expect(urls(merged.changed, "days")).toEqual(["/d4/", "/d2/"]);
    expect(merged.moved).toBe(true);
  });

  it("puts a new article's page where its article is in the archive, though the one before it is not planned", () => {
    const archive = [{ url: "/a3/" }, { url: "/a2/" }, { url: "/new/" }, { url: "/a1/" }];
    const merged = mergePlanned(previous, plan({ articles: [page("/new/"), page("/a1/")] }), places, { articles: archive, counts: { articles: 4 } })!;
    expect(urls(merged.pages, "articles")).toEqual(["/a3/", "/a2/", "/new/", "/a1/"]);
    expect(urls(merged.changed, "articles")).toEqual(["/new/"]);
  });

  it("gives up, for the whole site to be planned, when the pages do not fit the plan", () => {
    const added = (counts: Record<string, number>) => ({ articles: [{ url: "/a3/" }, { url: "/a2/" }, { url: "/a1/" }], counts });
    // A new page when nothing was added: the site's structure changed.
    expect(mergePlanned(previous, plan({ days: [page("/d3/"), page("/d2/")] }), places)).toBeUndefined();
    // A page known under another kind.
    expect(mergePlanned(previous, plan({ lists: [page("/d3/")] }), places)).toBeUndefined();
    // Known pages out of the order they had.
    expect(mergePlanned(previous, plan({ days: [page("/d1/"), page("/d3/")] }), places)).toBeUndefined();
    // New pages with no known page of their kind planned beside them, whatever the counts say.
    for (const days of [2, 3]) expect(mergePlanned(previous, plan({ days: [page("/d9/")] }), places, added({ days }))).toBeUndefined();
    // A kind's count that is not the archive's.
    expect(mergePlanned(previous, plan({ days: [page("/d3/"), page("/d2/")] }), places, added({ days: 4 }))).toBeUndefined();
    // An article of the archive that is neither planned nor in the previous plan.
    const archive = [{ url: "/a3/" }, { url: "/lost/" }, { url: "/new/" }, { url: "/a2/" }, { url: "/a1/" }];
    expect(mergePlanned(previous, plan({ articles: [page("/new/"), page("/a2/")] }), places, { articles: archive, counts: { articles: 4 } })).toBeUndefined();
  });
});
