/** End to end: a small archive built in-process, its feeds, sitemaps, metadata and search index read back. */
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parseAtomFeed, parseJsonFeed } from "feedsmith";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/build-site.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { HOSTILE_TITLES, siteFiles } from "../helpers/site.ts";
import { assertWellFormed, hasXmllint, parseXml, xmllintErrors } from "../helpers/xml.ts";

const BASE = "https://archives.example.org";
// The build's date: Friday 10 December 2021, noon in Paris.
const NOW = Date.parse("2021-12-10T12:00:00+01:00");
const SEED_URL = "/2021/12/09/l-irak-annonce-la-fin-de-la-mission-de-combat/";

let archive: TestArchive;
let out: string;

beforeAll(async () => {
  archive = makeArchive();
  archive.article("2021/12/09-l-irak.md", { date: "2021-12-09T10:00:00" });
  HOSTILE_TITLES.forEach((title, i) => {
    archive.article(`2021/11/0${i + 1}-hostile.md`, { title, date: `2021-11-0${i + 1}T08:00:00`, topics: "[Terrorisme]" });
  });
  archive.article("2021/11/20-lines.md", { title: 'Sur deux lignes\net un "</script>"', date: "2021-11-20T08:00:00" });
  archive.article("2021/12/10-recent.md", { title: "Dépêche de la matinée", date: "2021-12-10T09:30:00", topics: "[États-Unis]" });
  archive.article("2020/03/02-phosphates.md", {
    title: "Les exportations de phosphates",
    date: "2020-03-02",
    sources: "[TRT FR]",
    topics: "[Économie]",
    body: "Les exportations de phosphates ont doublé cette année.",
  });
  out = join(archive.root, "site");
  const result = await buildSite({ contentDir: archive.dir, outDir: out, drafts: false, nowMs: NOW });
  expect(result.ok).toBe(true);
}, 120_000);

afterAll(() => archive?.remove());

const read = (url: string): string => readFileSync(join(out, url.endsWith("/") ? `${url}index.html` : url), "utf8");
const documentOf = (url: string): Document => parseHTML(read(url)).document as unknown as Document;

// Titles as the pages show them (French typography applied), by absolute URL.
const pageTitles = (): Map<string, string> =>
  new Map(
    htmlFiles(out)
      .filter((f) => /^\/\d{4}\/\d\d\/\d\d\/[^/]+\/index\.html$/.test(f))
      .map((f) => [BASE + f.replace(/index\.html$/, ""), parseHTML(readFileSync(join(out, f), "utf8")).document.querySelector("h1")!.textContent!]),
  );

function htmlFiles(dir: string): string[] {
  return siteFiles(dir).filter((f) => f.endsWith(".html") && !f.startsWith("/pagefind/"));
}

describe("feeds", () => {
  it("publishes /feed.xml as Atom, newest first, with every title intact", () => {
    const xml = read("/feed.xml");
    assertWellFormed(xml);
    const atom = parseAtomFeed(xml);
    expect(atom.entries!.map((e) => e.title?.value)[0]).toBe("Dépêche de la matinée");
    expect(new Map(atom.entries!.map((e) => [e.id, e.title?.value]))).toEqual(pageTitles());
    expect(atom.entries!.find((e) => e.id === BASE + SEED_URL)?.content?.value).toContain("Le gouvernement irakien");
  });

  it("publishes /feed.json as JSON Feed 1.1", () => {
    const json = parseJsonFeed(JSON.parse(read("/feed.json")));
    expect(new Map(json.items!.map((i) => [i.url, i.title]))).toEqual(pageTitles());
    expect(json.items![0]!.date_published).toBe("2021-12-10T09:30:00+01:00");
  });

  it("publishes one Atom feed per topic", () => {
    const atom = parseAtomFeed(read("/sujets/terrorisme/feed.xml"));
    const titles = pageTitles();
    expect(atom.entries!.map((e) => e.title?.value)).toEqual(atom.entries!.map((e) => titles.get(e.id!)));
    expect(atom.entries).toHaveLength(HOSTILE_TITLES.length);
    expect(existsSync(join(out, "sujets/defense/feed.xml"))).toBe(true);
  });

  it("announces the feeds on every page, and the topic feed on topic pages", () => {
    for (const url of ["/", SEED_URL, "/sujets/", "/2021/12/"]) {
      const links = [...documentOf(url).querySelectorAll('link[rel="alternate"]')].map((l) => l.getAttribute("href"));
      expect(links).toEqual([`${BASE}/feed.xml`, `${BASE}/feed.json`]);
    }
    const topic = [...documentOf("/sujets/irak/").querySelectorAll('link[rel="alternate"]')].map((l) => l.getAttribute("href"));
    expect(topic).toContain(`${BASE}/sujets/irak/feed.xml`);
  });
});

describe("sitemaps and robots.txt", () => {
  it("lists in /sitemap.xml only URLs that exist, and every HTML page but the 404 and search pages", () => {
    const xml = read("/sitemap.xml");
    if (hasXmllint) expect(xmllintErrors(xml, "sitemap.xsd")).toBe("");
    const locs = (parseXml(xml, ["url"]).urlset.url as { loc: string }[]).map((u) => u.loc);
    for (const loc of locs) {
      expect(loc.startsWith(BASE)).toBe(true);
      expect(existsSync(join(out, loc.slice(BASE.length), "index.html")), loc).toBe(true);
    }
    const pages = htmlFiles(out)
      .map((f) => f.replace(/index\.html$/, ""))
      .filter((u) => u !== "/404.html" && u !== "/recherche/");
    expect(locs.map((l) => l.slice(BASE.length)).sort()).toEqual(pages.sort());
  });

  it("lists in /sitemap-news.xml the articles of the two days before the build's date", () => {
    const xml = read("/sitemap-news.xml");
    if (hasXmllint) expect(xmllintErrors(xml, "news.xsd")).toBe("");
    const urls = parseXml(xml, ["url"]).urlset.url as { loc: string }[];
    expect(urls.map((u) => u.loc)).toEqual([`${BASE}/2021/12/10/depeche-de-la-matinee/`, BASE + SEED_URL]);
  });

  it("names both sitemaps in robots.txt", () => {
    expect(read("/robots.txt")).toContain(`Sitemap: ${BASE}/sitemap.xml\nSitemap: ${BASE}/sitemap-news.xml\n`);
  });
});

describe("article metadata", () => {
  it("gives every article page valid JSON-LD, whatever its title holds (script end, quotes, line breaks)", () => {
    const articles = htmlFiles(out).filter((f) => /^\/\d{4}\/\d\d\/\d\d\/[^/]+\/index\.html$/.test(f));
    expect(articles).toHaveLength(HOSTILE_TITLES.length + 4);
    for (const file of articles) {
      const document = parseHTML(readFileSync(join(out, file), "utf8")).document;
      const scripts = [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent!));
      expect(scripts.map((s) => s["@type"])).toEqual(["NewsArticle", "BreadcrumbList"]);
      const [article, breadcrumb] = scripts;
      expect(article.headline).toBe(document.querySelector("h1")!.textContent);
      expect(article.mainEntityOfPage["@id"]).toBe(document.querySelector('link[rel="canonical"]')!.getAttribute("href"));
      expect(article.datePublished).toMatch(/^2\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(breadcrumb.itemListElement.at(-1).name).toBe(article.headline);
      expect(document.querySelector('meta[property="og:title"]')!.getAttribute("content")).toBe(article.headline);
      expect(document.querySelector('meta[name="description"]')!.getAttribute("content")).toBe(article.description);
    }
  });

  it("gives index pages a canonical link and a description", () => {
    for (const url of ["/", "/sujets/", "/sources/", "/sujets/irak/", "/2021/", "/2021/12/", "/2021/12/09/", "/recherche/"]) {
      const document = documentOf(url);
      expect(document.querySelector('link[rel="canonical"]')!.getAttribute("href")).toBe(BASE + url);
      expect(document.querySelector('meta[name="description"]')!.getAttribute("content")!.length).toBeGreaterThan(10);
    }
  });
});

describe("search", () => {
  it("has a search link and a plain GET search form on every page, and JavaScript only on /recherche/", () => {
    for (const file of htmlFiles(out)) {
      const document = parseHTML(readFileSync(join(out, file), "utf8")).document;
      const form = document.querySelector("header form[role=search]")!;
      expect(form.getAttribute("action")).toBe("/recherche/");
      expect(form.getAttribute("method")).toBe("get");
      expect(form.querySelector("input[name=q]")).not.toBeNull();
      expect([...document.querySelectorAll("header nav a")].map((a) => a.getAttribute("href"))).toContain("/recherche/");
      const scripts = [...document.querySelectorAll("script")].filter((s) => !/^application\/(ld\+)?json$/.test(s.getAttribute("type") ?? ""));
      expect(scripts.length, file).toBe(file === "/recherche/index.html" ? 1 : 0);
    }
  });

  it("leaves Pagefind markup out of the pages: the index is made from the planned articles", () => {
    for (const url of [SEED_URL, "/sujets/irak/"]) expect(read(url)).not.toContain("data-pagefind");
  });

  it("serves /recherche/ in French with a GET form and the list of year bundles", () => {
    const document = documentOf("/recherche/");
    expect(document.documentElement.getAttribute("lang")).toBe("fr");
    const form = document.querySelector("main form")!;
    expect(form.getAttribute("method")).toBe("get");
    expect(document.querySelector("main label[for=q]")!.textContent).toBe("Rechercher dans les archives");
    expect([...document.querySelectorAll("#filtre-annee option")].map((o) => o.textContent)).toEqual(["Toutes", "2021", "2020"]);
    const config = JSON.parse(document.getElementById("search-config")!.textContent!);
    expect(config.runtime).toBe("/pagefind/pagefind.js");
    expect(config.bundles).toEqual([
      { url: "/pagefind/2021/", years: ["2021"] },
      { url: "/pagefind/2020/", years: ["2020"] },
    ]);
    expect(existsSync(join(out, "recherche.js"))).toBe(true);
  });

  describe("through Pagefind's own search module", () => {
    let server: Server;
    let origin: string;
    type Pagefind = {
      options(o: object): Promise<void>;
      init(): Promise<void>;
      mergeIndex(path: string): Promise<void>;
      filters(): Promise<Record<string, Record<string, number>>>;
      search(
        term: string | null,
        o?: object,
      ): Promise<{ results: { data(): Promise<{ url: string; meta: Record<string, string> }> }[]; filters: Record<string, Record<string, number>> }>;
    };
    let pagefind: Pagefind;
    const urlsOf = async (term: string | null, options: object = {}): Promise<string[]> =>
      Promise.all((await pagefind.search(term, options)).results.map(async (r) => new URL((await r.data()).url, origin).pathname));

    // Pagefind fetches its index over HTTP, as a browser would: a static server on the loopback.
    beforeAll(async () => {
      server = createServer(async (req, res) => {
        try {
          res.end(await readFile(join(out, decodeURIComponent(new URL(req.url!, "http://localhost").pathname))));
        } catch {
          res.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      pagefind = (await import(join(out, "pagefind/pagefind.js"))) as Pagefind;
      await pagefind.options({ basePath: `${origin}/pagefind/`, baseUrl: "/" });
      await pagefind.init();
      await pagefind.mergeIndex(`${origin}/pagefind/2021/`);
      await pagefind.mergeIndex(`${origin}/pagefind/2020/`);
      await pagefind.filters();
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("finds the seed article by a word of its body", async () => {
      expect(await urlsOf("irakien")).toContain(SEED_URL);
    });

    it("gives each result its title, its sources and an excerpt of the article itself", async () => {
      const data = await (await pagefind.search("phosphates")).results[0]!.data();
      expect(data.meta).toEqual({ title: "Les exportations de phosphates" });
      expect((data as unknown as { filters: Record<string, string[]> }).filters.source).toEqual(["TRT Français"]);
      expect((data as unknown as { excerpt: string }).excerpt).not.toContain("Publié le");
    });

    it("finds articles of every year bundle by their words, never by their topics' or sources' names", async () => {
      expect(await urlsOf("phosphates")).toEqual(["/2020/03/02/les-exportations-de-phosphates/"]);
      expect(await urlsOf("matinée")).toEqual(["/2021/12/10/depeche-de-la-matinee/"]);
      // Topics (Économie, Terrorisme) are filters, not words. (Not a source's name such as
      // « Anadolu »: Pagefind answers a word it lacks with its longest prefix it has, here « a ».)
      expect(await urlsOf("économie")).toEqual([]);
      expect(await urlsOf("Terrorisme")).toEqual([]);
    });

    it("indexes article pages only, in French, with filters by topic, source and year", async () => {
      const all = await urlsOf(null, { filters: { annee: { any: ["2021", "2020"] } } });
      expect(all.every((u) => /^\/\d{4}\/\d\d\/\d\d\/[^/]+\/$/.test(u))).toBe(true);
      expect(all).toHaveLength(HOSTILE_TITLES.length + 4);
      const filters = await pagefind.filters();
      expect(Object.keys(filters).sort()).toEqual(["annee", "source", "sujet"]);
      expect(filters.annee).toEqual({ "2020": 1, "2021": HOSTILE_TITLES.length + 3 });
      expect(await urlsOf("exportations", { filters: { source: "Agence Anadolu" } })).toEqual([]);
      // French stemming: the plural finds the singular.
      expect(await urlsOf("irakiens")).toContain(SEED_URL);
    });

    it("sorts a year's results newest first", async () => {
      const urls = await urlsOf(null, { filters: { annee: "2021" }, sort: { date: "desc" } });
      expect(urls[0]).toBe("/2021/12/10/depeche-de-la-matinee/");
      expect(urls.at(-1)).toBe("/2021/11/01/fin-de-la-mission-script-script-alert-x-script/");
    });
  });
});
