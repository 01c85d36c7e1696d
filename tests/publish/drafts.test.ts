import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { buildArchive, type BuiltSite, siteFiles, texts } from "../helpers/site.ts";

// A published article; a draft on its day and topic, which must not count there; a draft alone
// in its year, topic and source, with an alias, which must leave no trace at all.
let archive: TestArchive;
beforeAll(() => {
  archive = makeArchive();
  archive.article("2021/12/09-a.md", {
    title: "Dépêche publiée",
    date: "2021-12-09T10:00:00",
    topics: "[Irak]",
    sources: "[AA]",
    extra: "aliases: [/ancien-titre/]",
  });
  archive.article("2021/12/09-b.md", { title: "Brouillon du jour", date: "2021-12-09T11:00:00", topics: "[Irak]", sources: "[AA]", extra: "draft: true" });
  archive.article("2021/12/10-sans-source.md", {
    title: "Brouillon sans source",
    date: "2021-12-10T11:00:00",
    topics: "[Irak]",
    sources: "[]",
    extra: "draft: true",
  });
  archive.article("2020/06/01-c.md", {
    title: "Brouillon secret",
    date: "2020-06-01",
    topics: "[Économie]",
    sources: "[TRT FR]",
    extra: "draft: true\naliases: [/ancien-brouillon/]",
  });
});
afterAll(() => archive.remove());

describe("a production build leaves drafts out", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildArchive(archive);
    expect(site.result.ok).toBe(true);
  }, 60_000);

  it("in no file: pages, feeds, sitemaps, search index, _redirects", () => {
    const files = siteFiles(site.out);
    for (const name of ["/feed.xml", "/feed.json", "/sitemap.xml", "/_redirects", "/recherche/index.html"]) expect(files).toContain(name);
    expect(files.some((f) => f.includes("pagefind"))).toBe(true);
    const searched: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(join(site.out, file));
      // Pagefind's index and fragments are gzipped.
      const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString("latin1");
      if (file.includes("pagefind") && text.includes("depeche-publiee")) searched.push(file);
      for (const trace of ["brouillon-du-jour", "brouillon-secret", "Brouillon secret", "ancien-brouillon", "/2020/"]) {
        expect(text.includes(trace), `${trace} in ${file}`).toBe(false);
      }
    }
    // The scan reads the search index: the published article is found there.
    expect(searched).not.toEqual([]);
  });

  it("counts no draft in its day, month, year, topic or source", () => {
    expect(texts(site.page("/2021/12/09/"), ".item h2")).toEqual(["Dépêche publiée"]);
    expect(site.page("/2021/12/").querySelector('meta[name="description"]')?.getAttribute("content")).toContain(": 1\u00a0article.");
    expect(site.has("/2020/")).toBe(false);
    expect(texts(site.page("/sujets/irak/"), ".item h2")).toEqual(["Dépêche publiée"]);
    // Every topic and source of the registries has its page, listing no draft.
    expect(texts(site.page("/sujets/economie/"), ".item")).toEqual([]);
    expect(texts(site.page("/sources/trt-fr/"), ".item")).toEqual([]);
    expect(texts(site.page("/recherche/"), "option")).not.toContain("Économie");
  });
});

describe("a preview (--drafts) shows drafts, marked as such", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildArchive(archive, { drafts: true, search: false, outDir: join(archive.root, "preview") });
    expect(site.result.ok).toBe(true);
  }, 60_000);

  it("marks the draft on its page and in lists, and only the draft", () => {
    expect(texts(site.page("/2021/12/09/brouillon-du-jour/"), "article header .draft-mark")).toEqual(["Brouillon"]);
    expect(texts(site.page("/2021/12/09/depeche-publiee/"), ".draft-mark")).toEqual([]);
    const day = site.page("/2021/12/09/");
    expect(texts(day, ".item h2")).toEqual(["Dépêche publiée", "Brouillon du jour"]);
    expect(texts(day, ".item .draft-mark")).toEqual(["Brouillon"]);
    expect(texts(site.page("/sujets/economie/"), ".item .draft-mark")).toEqual(["Brouillon"]);
  });

  it("asks search engines not to index a draft, and lists none in its sitemaps, should a preview be put online", () => {
    const draft = site.page("/2021/12/09/brouillon-du-jour/");
    expect(draft.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    expect(draft.querySelector('link[rel="canonical"]')).toBeNull();
    expect(site.page("/2021/12/09/depeche-publiee/").querySelector('meta[name="robots"]')).toBeNull();
    const sitemap = readFileSync(join(site.out, "sitemap.xml"), "utf8");
    expect(sitemap).toContain("/2021/12/09/depeche-publiee/");
    expect(sitemap).not.toContain("brouillon");
  });

  it("writes the byline of a draft without sources yet with no empty credit", () => {
    expect(texts(site.page("/2021/12/10/brouillon-sans-source/"), ".byline")).toEqual(["Brouillon · vendredi 10\u00a0décembre 2021 à 11\u00a0h\u00a000"]);
  });
});
