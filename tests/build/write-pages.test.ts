import { describe, expect, it } from "vitest";
import { batchPages } from "../../src/build/write-pages.ts";
import type { SitePages } from "../../src/render/pages.ts";

// Pages stand in as their URLs: batching only moves them around.
function pages(counts: Record<string, number>): SitePages {
  return Object.fromEntries(Object.entries(counts).map(([kind, n]) => [kind, Array.from({ length: n }, (_, i) => `/${kind}/${i}/`)])) as unknown as SitePages;
}

describe("batchPages", () => {
  it("cuts pages into batches of the given size, every page once and in order", () => {
    const all = pages({ articles: 7, days: 3, home: 1, notFound: 1 });
    const batches = batchPages(all, 5);
    expect(batches.map((b) => Object.values(b).flat().length)).toEqual([5, 5, 2]);
    for (const kind of Object.keys(all) as (keyof SitePages)[]) {
      expect(batches.flatMap((b) => b[kind] as unknown[])).toEqual(all[kind]);
    }
    // A kind cut across two batches: its pages continue where the previous batch stopped.
    expect(batches[1]!.articles).toEqual(["/articles/5/", "/articles/6/"]);
    expect(batches[1]!.days).toEqual(["/days/0/", "/days/1/", "/days/2/"]);
  });

  it("gives every batch every kind, empty where it has none", () => {
    const batches = batchPages(pages({ articles: 2, days: 2 }), 2);
    expect(batches).toEqual([{ articles: ["/articles/0/", "/articles/1/"], days: [] }, { articles: [], days: ["/days/0/", "/days/1/"] }]);
  });

  it("keeps one batch for a site smaller than a batch, and for an empty one", () => {
    expect(batchPages(pages({ articles: 3 }), 3000)).toHaveLength(1);
    expect(batchPages(pages({ articles: 0, home: 0 }), 3000)).toEqual([{ articles: [], home: [] }]);
  });
});
