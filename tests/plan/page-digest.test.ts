import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/model.ts";
import { ArchiveStore } from "../../src/content/store.ts";
import { ArticleRenderer, ITEM_GETTERS, VIEW_GETTERS } from "../../src/plan/article-view.ts";
import { pageDigests } from "../../src/plan/page-digest.ts";
import { planSite, planSomePages } from "../../src/plan/plan-site.ts";
import { deriveArchive } from "../../src/archive/archive.ts";
import { type ArticleSpec, makeArchive } from "../helpers/archive.ts";

// The pages' digests are what an incremental build trusts to find the pages to write again: a
// change a page shows must change its digest, and a page that shows nothing of a change keeps it.

const ARTICLES: Record<string, ArticleSpec> = {
  "a.md": { title: "Premier", date: "2021-12-09T10:00:00+01:00", topics: "[Irak]", sources: "[AA]", body: "Le corps A." },
  "b.md": { title: "Deuxième", date: "2021-12-09T11:00:00+01:00", topics: "[Irak]", sources: "[AA]", body: "Le corps B." },
  "d.md": { title: "Lointain", date: "2020-03-02T10:00:00+01:00", topics: "[Économie]", sources: "[TRT FR]", body: "Le corps D." },
};

interface Planned {
  digests: Map<string, string>;
  /** The same, with the articles' text hashed rather than known by their files' digests. */
  hashed: Map<string, string>;
  renderer: ArticleRenderer;
  articles: Article[];
}

async function planned(edits: Record<string, ArticleSpec> = {}, renderFirst = false): Promise<Planned> {
  const archive = makeArchive();
  try {
    for (const [path, spec] of Object.entries({ ...ARTICLES, ...Object.fromEntries(Object.entries(edits).map(([p, e]) => [p, { ...ARTICLES[p], ...e }])) }))
      archive.article(path, spec);
    const store = new ArchiveStore({ contentDir: archive.dir });
    await store.sync();
    const content = store.result().content!;
    const sources = new Map(store.articleEntries().map((e) => [e.article!, e.digest!]));
    const renderer = new ArticleRenderer();
    const data = planSite(content, { drafts: false }, renderer);
    if (renderFirst) for (const page of data.pages.articles) expect(page.article.bodyHtml + page.article.summary + page.description).toContain("Le corps");
    return {
      digests: pageDigests(data.site, data.pages, renderer, sources),
      hashed: pageDigests(data.site, data.pages, renderer),
      renderer,
      articles: content.articles,
    };
  } finally {
    archive.remove();
  }
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((url) => before.get(url) !== after.get(url)).sort();
}

describe("the pages' digests", () => {
  it("are computed without rendering any body or standfirst", async () => {
    const { renderer, articles } = await planned();
    for (const article of articles) {
      expect(renderer.needsBody(article)).toBe(true);
      expect(renderer.knownSummary(article)).toBeUndefined();
    }
  });

  const SHOWING_B = [
    "/2021/12/09/deuxieme/", // its page, and every list with its standfirst
    "/",
    "/2021/",
    "/2021/12/",
    "/2021/12/09/",
    "/sujets/irak/",
    "/sources/aa/",
    "/2021/12/09/premier/", // "Sur le même sujet"
  ].sort();

  it.each<[string, ArticleSpec]>([
    ["a body edited", { body: "Le corps B, réécrit." }],
    ["a summary written (the page's standfirst)", { extra: 'summary: "Un chapô."' }],
  ])("change, for %s, on exactly the pages that show the article's text", async (_, edit) => {
    const before = await planned();
    const after = await planned({ "b.md": edit });
    expect(changed(before.digests, after.digests)).toEqual(SHOWING_B);
    // Without the files' digests, the text itself stands for them, with the same effect.
    expect(changed(before.hashed, after.hashed)).toEqual(SHOWING_B);
  });

  it("change with what a page shows besides the text (a title), and not with the body of another article", async () => {
    const before = await planned();
    const after = await planned({ "d.md": { title: "Lointain, retitré" } });
    const urls = changed(before.digests, after.digests);
    expect(urls).toContain("/sujets/economie/");
    expect(urls).toContain("/2020/03/02/");
    expect(urls).not.toContain("/sujets/irak/");
    expect(urls).not.toContain("/2021/12/09/deuxieme/");
  });

  it("are the same whether or not the bodies were rendered before", async () => {
    const first = await planned();
    const rendered = await planned({}, true);
    expect(rendered.renderer.needsBody(rendered.articles[0]!)).toBe(false);
    expect(rendered.digests).toEqual(first.digests);
    expect(rendered.hashed).toEqual(first.hashed);
  });

  it("skip exactly the getters the renderer names, which are those of items, views and article pages", async () => {
    const archive = makeArchive();
    try {
      archive.article("a.md", ARTICLES["a.md"]!);
      const store = new ArchiveStore({ contentDir: archive.dir });
      await store.sync();
      const renderer = new ArticleRenderer();
      const data = planSite(store.result().content!, { drafts: false }, renderer);
      const getters = (value: object): string[] =>
        Object.entries(Object.getOwnPropertyDescriptors(value))
          .filter(([, d]) => d.get)
          .map(([k]) => k)
          .sort();
      const page = data.pages.articles[0]!;
      const item = data.pages.days[0]!.items[0]!;
      expect(getters(item)).toEqual([...ITEM_GETTERS].sort());
      expect(renderer.lazySource(item)?.getters).toEqual(ITEM_GETTERS);
      expect(getters(page.article)).toEqual([...VIEW_GETTERS].sort());
      expect(renderer.lazySource(page.article)?.getters).toEqual(VIEW_GETTERS);
      expect(getters(page)).toEqual(renderer.lazySource(page)?.getters.slice().sort());
    } finally {
      archive.remove();
    }
  });
});

describe("some pages planned (an incremental build's)", () => {
  it("plans the article pages asked for as the whole site plans them, in the same order", async () => {
    const archive = makeArchive();
    try {
      const specs: Record<string, ArticleSpec> = {
        ...ARTICLES,
        "c.md": { title: "Même minute", date: "2021-12-09T11:00:00+01:00", topics: "[Irak]", sources: "[AA]" },
        "e.md": { title: "Autre jour", date: "2021-12-10T08:00:00+01:00", topics: "[Économie]", sources: "[AA]" },
      };
      for (const [path, spec] of Object.entries(specs)) archive.article(path, spec);
      const store = new ArchiveStore({ contentDir: archive.dir });
      await store.sync();
      const content = store.result().content!;
      const whole = planSite(content, { drafts: false }).pages.articles.map((page) => page.url);
      const asked = new Set(whole.filter((_, i) => i !== 2));
      const some = planSomePages(deriveArchive(content, { drafts: false }, { perArticle: false }), new ArticleRenderer(), () => asked);
      expect(some!.data.pages.articles.map((page) => page.url)).toEqual(whole.filter((url) => asked.has(url)));
      expect(whole).toHaveLength(5);
    } finally {
      archive.remove();
    }
  });
});
