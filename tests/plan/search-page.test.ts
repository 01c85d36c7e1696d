import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deriveArchive } from "../../src/archive/archive.ts";
import { loadContent } from "../../src/content/load.ts";
import { ArticleRenderer } from "../../src/plan/article-view.ts";
import { planSearchIndex } from "../../src/plan/search-page.ts";
import { planSearchBundles } from "../../src/search/markers.ts";
import { type ArticleSpec, makeArchive } from "../helpers/archive.ts";

async function indexOf(articles: Record<string, ArticleSpec>) {
  const archive = makeArchive();
  try {
    for (const [path, spec] of Object.entries(articles)) archive.article(path, spec);
    const { content } = await loadContent({ contentDir: archive.dir });
    const derived = deriveArchive(content!, { drafts: false });
    return planSearchIndex(planSearchBundles(derived.years.flatMap((y) => y.months)), derived.articles, new ArticleRenderer());
  } finally {
    archive.remove();
  }
}

const ARTICLES: Record<string, ArticleSpec> = {
  "2020/03/02-a.md": { title: "Les exportations de phosphates", date: "2020-03-02" },
  "2021/10/31-b.md": { title: "Été", date: "2021-10-31T02:30:00+02:00", extra: `summary: "Un chapeau."` },
  "2021/10/31-c.md": { title: "Hiver", date: "2021-10-31T02:10:00+01:00" },
};

describe("the search index's bundles", () => {
  it("puts each article in its year's bundle, newest first, sorted by its UTC instant across the change of time", async () => {
    const bundles = await indexOf(ARTICLES);
    expect(bundles.map((b) => [b.key, b.records().map((r) => [r.title, r.dateIso])])).toEqual([
      [
        "2021",
        [
          ["Hiver", "2021-10-31T01:10:00.000Z"],
          ["Été", "2021-10-31T00:30:00.000Z"],
        ],
      ],
      ["2020", [["Les exportations de phosphates", "2020-03-01T23:00:00.000Z"]]],
    ]);
  });

  it("takes the year from the Paris day, the editor's standfirst only, and topics and sources by their names", async () => {
    const [bundle] = await indexOf({
      "2022/01/01-a.md": { title: "Nouvel an", date: "2022-01-01T00:30:00", extra: `summary: "Le chapeau."` },
      "2022/01/02-b.md": { title: "Sans chapeau", date: "2022-01-02" },
    });
    expect(bundle!.records().map((r) => [r.year, r.standfirst, r.topics, r.sources])).toEqual([
      ["2022", undefined, ["Irak", "Défense"], ["Agence Anadolu", "TRT Français"]],
      ["2022", "Le chapeau.", ["Irak", "Défense"], ["Agence Anadolu", "TRT Français"]],
    ]);
  });

  it("changes only the digest of the bundle whose articles changed", async () => {
    const before = await indexOf(ARTICLES);
    const after = await indexOf({ ...ARTICLES, "2021/11/05-d.md": { title: "Ajoutée", date: "2021-11-05" } });
    expect(after.map((b) => [b.key, b.digest === before.find((x) => x.key === b.key)!.digest])).toEqual([
      ["2021", false],
      ["2020", true],
    ]);
    const planned = (bundles: typeof before) => bundles.map((b) => [b.key, b.articles, b.digest, b.records()]);
    expect(planned(await indexOf(ARTICLES))).toEqual(planned(before));
  });

  it("hands its articles to release once asked, the records made again the same after their bodies are let go", async () => {
    const archive = makeArchive();
    try {
      for (const [path, spec] of Object.entries(ARTICLES)) archive.article(path, spec);
      const { content } = await loadContent({ contentDir: archive.dir });
      const derived = deriveArchive(content!, { drafts: false });
      const renderer = new ArticleRenderer();
      const released: string[] = [];
      const bundles = planSearchIndex(planSearchBundles(derived.years.flatMap((y) => y.months)), derived.articles, renderer, undefined, (article) => {
        released.push(article.url);
        renderer.releaseBody(article);
      });
      const newest = bundles[0]!;
      const records = newest.records();
      expect(records.every((r) => r.bodyHtml.length > 0)).toBe(true);
      newest.release!();
      expect(released).toEqual(records.map((r) => r.url));
      expect(derived.articles.filter((a) => released.includes(a.url)).every((a) => renderer.needsBody(a))).toBe(true);
      expect(newest.records()).toEqual(records);
    } finally {
      archive.remove();
    }
  });

  it("changes a bundle's digest when a body changes, without rendering any body to plan it", async () => {
    const archive = makeArchive();
    try {
      archive.article("2021/10/31-c.md", { title: "Hiver", date: "2021-10-31", body: "Un premier texte." });
      const plan = async () => {
        const { content } = await loadContent({ contentDir: archive.dir });
        const derived = deriveArchive(content!, { drafts: false });
        const renderer = new ArticleRenderer();
        const [bundle] = planSearchIndex(planSearchBundles(derived.years.flatMap((y) => y.months)), derived.articles, renderer);
        return { digest: bundle!.digest, rendered: !renderer.needsBody(derived.articles[0]!) };
      };
      const before = await plan();
      expect(before.rendered).toBe(false);
      archive.article("2021/10/31-c.md", { title: "Hiver", date: "2021-10-31", body: "Un texte corrigé." });
      expect((await plan()).digest).not.toBe(before.digest);
    } finally {
      archive.remove();
    }
  });

  it("with the store's digests, digests each article by its URL and file, and the registries with them", async () => {
    const archive = makeArchive();
    try {
      archive.article("2021/10/31-c.md", { title: "Hiver", date: "2021-10-31", body: "Un premier texte." });
      const { content } = await loadContent({ contentDir: archive.dir });
      const derived = deriveArchive(content!, { drafts: false });
      const bundles = planSearchBundles(derived.years.flatMap((y) => y.months));
      const digest = (file: string, registries: string) => {
        const renderer = new ArticleRenderer();
        const files = new Map(derived.articles.map((a) => [a, file]));
        const [bundle] = planSearchIndex(bundles, derived.articles, renderer, { files, registries });
        expect(renderer.needsBody(derived.articles[0]!)).toBe(true);
        return bundle!.digest;
      };
      expect(digest("f1", "r1")).toBe(digest("f1", "r1"));
      // Another file, or other registries (a topic's label, the site's timezone): another record.
      expect(digest("f2", "r1")).not.toBe(digest("f1", "r1"));
      expect(digest("f1", "r2")).not.toBe(digest("f1", "r1"));
    } finally {
      archive.remove();
    }
  });

  it("plans a bundle none of whose articles changed since the previous build as unchanged, its digest the same when asked", async () => {
    const archive = makeArchive();
    try {
      archive.article("2015/03/02-a.md", { title: "Printemps", date: "2015-03-02" });
      archive.article("2021/10/31-b.md", { title: "Hiver", date: "2021-10-31" });
      archive.article("2021/11/02-c.md", { title: "Automne", date: "2021-11-02" });
      const { content } = await loadContent({ contentDir: archive.dir });
      const derived = deriveArchive(content!, { drafts: false });
      const bundles = planSearchBundles(derived.years.flatMap((y) => y.months));
      const files = new Map(derived.articles.map((a) => [a, `f-${a.slug}`]));
      const edited = derived.articles.find((a) => a.slug === "hiver")!;
      const plan = (changedOnly?: ReadonlySet<typeof edited>) =>
        planSearchIndex(bundles, derived.articles, new ArticleRenderer(), { files, registries: "r", ...(changedOnly ? { changedOnly } : {}) });
      const whole = plan();
      const narrow = plan(new Set([edited]));
      expect(whole.map((b) => b.key)).toEqual(["2021", "2015"]);
      expect(narrow.map((b) => [b.key, b.unchanged ?? false])).toEqual([
        ["2021", false],
        ["2015", true],
      ]);
      expect(narrow.map((b) => b.digest)).toEqual(whole.map((b) => b.digest));
      expect(narrow[1]!.records().map((r) => r.url)).toEqual(whole[1]!.records().map((r) => r.url));
    } finally {
      archive.remove();
    }
  });

  it("plans the patch of a bundle whose records were edited, added, removed and moved: the digest it had then, its pages gone and new", async () => {
    const archive = makeArchive();
    try {
      const load = async () => deriveArchive((await loadContent({ contentDir: archive.dir })).content!, { drafts: false }).articles;
      const dates: [string, string][] = [
        ["a", "2021-01-05"],
        ["b", "2021-03-10"],
        ["c", "2021-06-01"],
        ["d", "2021-09-09"],
        ["e", "2021-12-01"],
      ];
      for (const [slug, date] of dates) archive.article(`2021/${date.slice(5, 7)}/${date.slice(8)}-${slug}.md`, { title: slug.toUpperCase(), date });
      const before = await load();
      // c removed; d re-dated (a record gone, another new); b's body edited; x added.
      for (const path of ["2021/06/01-c.md", "2021/09/09-d.md"]) rmSync(join(archive.dir, "articles", path));
      archive.article("2021/02/02-d.md", { title: "D", date: "2021-02-02" });
      archive.article("2021/03/10-b.md", { title: "B", date: "2021-03-10", body: "Un texte corrigé." });
      archive.article("2021/04/04-x.md", { title: "X", date: "2021-04-04" });
      const after = await load();
      const file = (a: { slug: string; url: string }, edited = false) => `f-${a.url}${edited ? "-2" : ""}`;
      const bySlug = (list: typeof after, slug: string) => list.find((a) => a.slug === slug)!;
      const bundles = planSearchBundles([{ year: 2021, month: 1, count: 5 }]);
      const [then] = planSearchIndex(bundles, before, new ArticleRenderer(), { files: new Map(before.map((a) => [a, file(a)])), registries: "r" });
      const [now] = planSearchIndex(bundles, after, new ArticleRenderer(), {
        files: new Map(after.map((a) => [a, file(a, a.slug === "b")])),
        registries: "r",
        edited: new Map([[bySlug(after, "b"), file(bySlug(before, "b"))]]),
        removed: new Map(["c", "d"].map((slug) => [bySlug(before, slug), file(bySlug(before, slug))])),
        added: new Set([bySlug(after, "x"), bySlug(after, "d")]),
      });
      // Newest first: then e d c b a, now e x b d a.
      expect(then!.records().map((r) => r.title)).toEqual(["E", "D", "C", "B", "A"]);
      expect(now!.records().map((r) => r.title)).toEqual(["E", "X", "B", "D", "A"]);
      expect(now!.patch).toMatchObject({ previous: then!.digest, gone: [1, 2, 3], pages: [1, 2, 3] });
      expect(now!.patch!.records().map((r) => r.title)).toEqual(["X", "B", "D"]);
      expect(now!.digest).not.toBe(then!.digest);
      // Nothing of the bundle left as it was: no patch, the bundle indexed whole.
      const [whole] = planSearchIndex(bundles, after, new ArticleRenderer(), {
        files: new Map(after.map((a) => [a, file(a)])),
        registries: "r",
        added: new Set(after),
      });
      expect(whole!.patch).toBeUndefined();
    } finally {
      archive.remove();
    }
  });
});
