import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { buildSite } from "../../src/publish/build-site.ts";
import { helperPlan, PageBatches, PageWriters } from "../../src/pages/write-pages.ts";
import { makeArchive } from "../helpers/archive.ts";
import type { Article } from "../../src/content/model.ts";
import type { ArticleRenderer } from "../../src/plan/article-view.ts";
import { renderBody } from "../../src/text/markdown.ts";
import type { HeldBody } from "../../src/text/body-bytes.ts";
import type { SitePages } from "../../src/plan/pages.ts";

// Pages stand in as their URLs: batching only moves them around.
function pages(counts: Record<string, number>): SitePages {
  return Object.fromEntries(Object.entries(counts).map(([kind, n]) => [kind, Array.from({ length: n }, (_, i) => `/${kind}/${i}/`)])) as unknown as SitePages;
}

// Every batch until the queue runs out.
function batchPages(all: SitePages, size: number): SitePages[] {
  const queue = new PageBatches(all, size);
  const batches: SitePages[] = [];
  for (let batch = queue.next(); batch; batch = queue.next()) batches.push(batch);
  return batches;
}

const sizes = (batches: SitePages[]): number[] => batches.map((b) => Object.values(b).flat().length);

describe("PageBatches", () => {
  it("cuts pages into batches of the given size, every page once and in order", () => {
    const all = pages({ articles: 7, days: 3, home: 1, notFound: 1 });
    const batches = batchPages(all, 5);
    expect(sizes(batches)).toEqual([5, 5, 2]);
    for (const kind of Object.keys(all) as (keyof SitePages)[]) {
      expect(batches.flatMap((b) => b[kind] as unknown[])).toEqual(all[kind]);
    }
    // A kind cut across two batches: its pages continue where the previous batch stopped.
    expect(batches[1]!.articles).toEqual(["/articles/5/", "/articles/6/"]);
    expect(batches[1]!.days).toEqual(["/days/0/", "/days/1/", "/days/2/"]);
  });

  it("gives every batch every kind, empty where it has none", () => {
    const batches = batchPages(pages({ articles: 2, days: 2 }), 2);
    expect(batches).toEqual([
      { articles: ["/articles/0/", "/articles/1/"], days: [] },
      { articles: [], days: ["/days/0/", "/days/1/"] },
    ]);
  });

  it("keeps one batch for a site smaller than a batch, and for an empty one", () => {
    expect(batchPages(pages({ articles: 3 }), 3000)).toHaveLength(1);
    expect(batchPages(pages({ articles: 0, home: 0 }), 3000)).toEqual([{ articles: [], home: [] }]);
  });

  it("keeps full batches to the end, and hands out no empty batch after the last page", () => {
    expect(sizes(batchPages(pages({ articles: 10_000, days: 2_289 }), 3000))).toEqual([3000, 3000, 3000, 3000, 289]);
    // The last page fills a batch: the kinds after it, empty, make no batch of their own.
    expect(sizes(batchPages(pages({ articles: 4, days: 0, home: 0 }), 2))).toEqual([2, 2]);
  });
});

describe("helperPlan", () => {
  it("starts no helper for a few articles, one that renders bodies for a small archive, writers from 2,000", () => {
    expect(helperPlan(100)).toEqual({ helpers: 0, write: false });
    expect(helperPlan(1_000)).toEqual({ helpers: 1, write: false });
    expect(helperPlan(2_000)).toEqual({ helpers: 1, write: true });
    expect(helperPlan(100_000)).toEqual({ helpers: 3, write: true });
  });

  it("takes DEPECHE_WRITERS as the writing threads in all", () => {
    vi.stubEnv("DEPECHE_WRITERS", "1");
    try {
      expect(helperPlan(100_000)).toEqual({ helpers: 0, write: true });
      vi.stubEnv("DEPECHE_WRITERS", "2");
      expect(helperPlan(10)).toEqual({ helpers: 1, write: true });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("build progress", () => {
  // The CLI's progress line counts these calls: every page once, ending at the total.
  it.each(["1", "2"])(
    "counts every page once, with %s writing thread(s)",
    async (writers) => {
      const archive = makeArchive();
      const before = process.env.DEPECHE_WRITERS;
      process.env.DEPECHE_WRITERS = writers;
      try {
        for (let i = 0; i < 12; i++)
          archive.article(`2021/${i}.md`, { title: `Dépêche ${i}`, date: `2021-12-${String(1 + (i % 5)).padStart(2, "0")}T10:00:00` });
        const calls: [number, number][] = [];
        const result = await buildSite({
          contentDir: archive.dir,
          outDir: join(archive.root, "_site"),
          drafts: false,
          search: false,
          nowMs: Date.UTC(2022, 0, 1),
          onPage: (written, total) => calls.push([written, total]),
        });
        expect(result.ok).toBe(true);
        const total = Object.values(result.pages!).reduce((a, b) => a + b, 0);
        expect(total).toBeGreaterThan(12);
        expect(calls).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
      } finally {
        if (before === undefined) delete process.env.DEPECHE_WRITERS;
        else process.env.DEPECHE_WRITERS = before;
        archive.remove();
      }
    },
    60_000,
  );
});

describe("the bodies rendered by a helper", () => {
  // The main thread takes back its share of the batches the helper has not started: every body
  // is rendered once, by one thread or the other, the same either way.
  it("are every article's, whichever thread renders each batch", async () => {
    const articles = Array.from({ length: 1_000 }, (_, i) => ({ body: `Paragraphe *${i}* de l’article.\n\nUn second, « cité »." ` }) as Article);
    const adopted = new Map<Article, HeldBody>();
    const renderer = {
      needsBody: (a: Article) => !adopted.has(a),
      adoptBody: (a: Article, body: HeldBody) => {
        expect(adopted.has(a)).toBe(false);
        adopted.set(a, body);
      },
    } as unknown as ArticleRenderer;
    const writers = new PageWriters();
    try {
      writers.start(1_000);
      writers.renderBodies(articles.slice(0, 500), renderer);
      writers.renderBodies(articles.slice(500), renderer);
      await writers.bodiesRendered();
    } finally {
      await writers.close();
    }
    expect(adopted.size).toBe(articles.length);
    for (const a of articles) {
      const { html, firstParagraph } = renderBody(a.body);
      expect(adopted.get(a)!.html.toString()).toBe(html);
      expect(adopted.get(a)!.firstParagraph).toBe(firstParagraph);
    }
  }, 60_000);
});
