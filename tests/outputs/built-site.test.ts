/** End to end: a small archive built in-process, its feeds, sitemaps, metadata and search index read back. */
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseAtomFeed, parseJsonFeed } from "feedsmith";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/build-site.ts";
import { decodeRows, pageId, ROWS_FILE, rowValues } from "../../src/search/bundle-rows.ts";
import { makeArchive, type TestArchive, TOPICS_YAML } from "../helpers/archive.ts";
import { HOSTILE_TITLES, siteFiles } from "../helpers/site.ts";
import { assertWellFormed, hasXmllint, parseXml, xmllintErrors } from "../helpers/xml.ts";

const BASE = "https://archives.example.org";
// The build's date: Friday 10 December 2021, noon in Paris.
const NOW = Date.parse("2021-12-10T12:00:00+01:00");
const SEED_URL = "/2021/12/09/l-irak-annonce-la-fin-de-la-mission-de-combat/";

let archive: TestArchive;
let out: string;

beforeAll(async () => {
  // Santé: a topic no article names.
  archive = makeArchive({ "topics.yaml": `${TOPICS_YAML}- slug: sante\n  label: "Santé"\n` });
  archive.article("2021/12/09-l-irak.md", {
    date: "2021-12-09T10:00:00",
    body: "Le gouvernement irakien a officiellement annoncé, jeudi, la fin des missions de combat.\n\nVoir [le lendemain](../../10/), [les sujets](/sujets/?tri=a&b=c), [la note](#note) et [l’agence](https://www.aa.com.tr/fr).",
  });
  HOSTILE_TITLES.forEach((title, i) => {
    archive.article(`2021/11/0${i + 1}-hostile.md`, { title, date: `2021-11-0${i + 1}T08:00:00`, topics: "[Terrorisme]" });
  });
  archive.article("2021/11/20-lines.md", { title: 'Sur une ligne, un "</script>"', date: "2021-11-20T08:00:00" });
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

  it("gives feed readers absolute links in the bodies, and Atom no xml:base", () => {
    const links = [
      'href="https://archives.example.org/2021/12/10/"',
      'href="https://archives.example.org/sujets/?tri=a&amp;b=c"',
      `href="${BASE}${SEED_URL}#note"`,
      'href="https://www.aa.com.tr/fr"',
    ];
    const atomXml = read("/feed.xml");
    expect(atomXml).not.toContain("xml:base");
    const atomContent = parseAtomFeed(atomXml).entries!.find((e) => e.id === BASE + SEED_URL)!.content!.value!;
    for (const link of links) expect(atomContent).toContain(link);
    const jsonContent = parseJsonFeed(JSON.parse(read("/feed.json"))).items!.find((i) => i.url === BASE + SEED_URL)!.content_html!;
    for (const link of links) expect(jsonContent).toContain(link);
    expect(jsonContent).not.toMatch(/ (href|src)="(?!https?:)/);
    // The page keeps the links as the editor wrote them.
    expect(read(SEED_URL)).toContain('href="../../10/"');
  });

  it("gives feed readers the site's icons, which the site serves", () => {
    const atom = parseAtomFeed(read("/feed.xml"));
    expect([atom.icon, atom.logo]).toEqual([`${BASE}/icon-192.png`, `${BASE}/icon-512.png`]);
    const json = parseJsonFeed(JSON.parse(read("/feed.json")));
    expect([json.favicon, json.icon]).toEqual([`${BASE}/icon-192.png`, `${BASE}/icon-512.png`]);
    for (const url of [atom.icon, atom.logo]) expect(existsSync(join(out, url!.slice(BASE.length)))).toBe(true);
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
  it("lists in /sitemap.xml only URLs that exist, and every HTML page but the 404, the search page and the pages not to index", () => {
    const xml = read("/sitemap.xml");
    if (hasXmllint) expect(xmllintErrors(xml, "sitemap.xsd")).toBe("");
    const locs = (parseXml(xml, ["url"]).urlset.url as { loc: string }[]).map((u) => u.loc);
    for (const loc of locs) {
      expect(loc.startsWith(BASE)).toBe(true);
      expect(existsSync(join(out, loc.slice(BASE.length), "index.html")), loc).toBe(true);
    }
    const pages = htmlFiles(out)
      .map((f) => f.replace(/index\.html$/, ""))
      .filter((u) => u !== "/404.html" && u !== "/recherche/" && !documentOf(u).querySelector('meta[name="robots"][content="noindex"]'));
    expect(pages).not.toContain("/sujets/sante/");
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

describe("icons, manifest and link previews", () => {
  it("serves /favicon.ico, an SVG icon, PNG icons and a site image that are real pictures of the announced sizes", async () => {
    const sharp = (await import("sharp")).default;
    const ico = readFileSync(join(out, "favicon.ico"));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const images = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ({
      size: ico[6 + 16 * i]!,
      offset: ico.readUInt32LE(6 + 16 * i + 12),
      length: ico.readUInt32LE(6 + 16 * i + 8),
    }));
    expect(images.map((i) => i.size)).toEqual([16, 32, 48]);
    for (const image of images) expect((await sharp(ico.subarray(image.offset, image.offset + image.length)).metadata()).width).toBe(image.size);
    expect((await sharp(join(out, "icon.svg")).metadata()).format).toBe("svg");
    const manifest = JSON.parse(read("/manifest.webmanifest"));
    expect(manifest).toMatchObject({ name: "Archives de test", short_name: "Archives", lang: "fr", start_url: "/" });
    for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
      const meta = await sharp(join(out, icon.src)).metadata();
      expect(icon.sizes === "any" ? meta.format : `${meta.width}x${meta.height}`, icon.src).toBe(icon.sizes === "any" ? "svg" : icon.sizes);
    }
    const image = documentOf("/").querySelector('meta[property="og:image"]')!.getAttribute("content")!;
    const meta = await sharp(join(out, image.slice(BASE.length))).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 630]);
    expect((await sharp(join(out, "apple-touch-icon.png")).metadata()).width).toBe(180);
  });

  it("links the icons and the manifest, and gives Open Graph and a large Twitter card, on every page", () => {
    for (const file of htmlFiles(out)) {
      const url = file.replace(/index\.html$/, "");
      const document = documentOf(url);
      if (document.querySelector('meta[http-equiv="refresh"]')) continue;
      const hrefOf = (selector: string) => document.querySelector(selector)?.getAttribute("href");
      expect(hrefOf('link[rel="icon"][href$=".ico"]'), url).toBe("/favicon.ico");
      expect(hrefOf('link[rel="icon"][type="image/svg+xml"]'), url).toBe("/icon.svg");
      expect(hrefOf('link[rel="manifest"]'), url).toBe("/manifest.webmanifest");
      expect(document.querySelector('meta[property="og:image"]')?.getAttribute("content"), url).toBe(`${BASE}/site-image.png`);
      expect(document.querySelector('meta[name="twitter:card"]')?.getAttribute("content"), url).toBe("summary_large_image");
    }
  });
});

// Where a reader who finds no article goes on: home, the indexes, and the archive by date, newest year first.
const BROWSE = [
  ["/", "Retour à l’accueil"],
  ["/sujets/", "Tous les sujets"],
  ["/sources/", "Sources"],
  ["/2021/", "2021"],
  ["/2020/", "2020"],
];
const linksIn = (element: Element): string[][] => [...element.querySelectorAll("a")].map((a) => [a.getAttribute("href")!, a.textContent!]);

describe("pages without an article to show", () => {
  it("give the 404 page links to home, topics, sources and each year", () => {
    const main = documentOf("/404.html").querySelector("main")!;
    expect(linksIn(main)).toEqual(BROWSE);
    expect(main.querySelector("h2")!.textContent).toBe("Les archives par année");
  });

  it("give readers of /recherche/ without JavaScript the same links", () => {
    const noscript = documentOf("/recherche/").querySelector("main noscript")!;
    // Without scripting, a browser reads what <noscript> holds as markup.
    const links = parseHTML(`<main>${noscript.innerHTML}</main>`).document.querySelector("main")!;
    expect(linksIn(links as unknown as Element)).toEqual(BROWSE);
  });
});

describe("pages not to index", () => {
  it("make the 404 page noindex, with no canonical link", () => {
    const document = documentOf("/404.html");
    expect(document.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    expect(document.querySelector('link[rel="canonical"]')).toBeNull();
  });

  it("build a topic or source without articles, noindex and without a canonical link, and index it once an article names it", () => {
    const empty = documentOf("/sujets/sante/");
    expect(empty.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    expect(empty.querySelector('link[rel="canonical"]')).toBeNull();
    const named = documentOf("/sujets/economie/");
    expect(named.querySelector('meta[name="robots"]')).toBeNull();
    expect(named.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(`${BASE}/sujets/economie/`);
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

  it("gives JSON-LD that search engines accept: a NewsArticle with headline, image, dates, authors and a publisher with a logo; the home page a WebSite with a SearchAction", () => {
    for (const file of htmlFiles(out)) {
      const url = file.replace(/index\.html$/, "");
      for (const script of documentOf(url).querySelectorAll('script[type="application/ld+json"]')) {
        const data = JSON.parse(script.textContent!);
        expect(data["@context"], url).toBe("https://schema.org");
        if (data["@type"] !== "NewsArticle") continue;
        expect(typeof data.headline).toBe("string");
        expect(data.image[0].url).toMatch(/^https:\/\//);
        expect(data.author.length).toBeGreaterThan(0);
        for (const author of data.author)
          expect(author).toMatchObject({ "@type": "Organization", name: expect.any(String), url: expect.stringMatching(/^https:/) });
        expect(data.publisher).toMatchObject({
          "@type": "Organization",
          name: "Archives de test",
          logo: { "@type": "ImageObject", url: `${BASE}/icon-512.png` },
        });
        expect(existsSync(join(out, "icon-512.png"))).toBe(true);
      }
    }
    const home = [...documentOf("/").querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent!));
    expect(home.map((o) => o["@type"])).toEqual(["WebSite"]);
    const template = home[0].potentialAction.target.urlTemplate as string;
    expect(template).toBe(`${BASE}/recherche/?q={search_term_string}`);
    expect(existsSync(join(out, "recherche", "index.html"))).toBe(true);
    expect(home[0].potentialAction["query-input"]).toBe("required name=search_term_string");
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
  it("has a search link and a plain GET search form on every page but the redirects (its own on /recherche/), and JavaScript only on /recherche/", () => {
    for (const file of htmlFiles(out)) {
      const document = parseHTML(readFileSync(join(out, file), "utf8")).document;
      // A redirect page (each list's page/1/) only sends the reader on.
      if (document.querySelector('meta[http-equiv="refresh"]')) continue;
      const form = document.querySelector(file === "/recherche/index.html" ? "main form[role=search]" : "header form[role=search]")!;
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

    // Each bundle's pages in rank order (newest first), by their fragments' URLs, with each filter's values from the bundle's rows.
    const bundlePages = (year: string): { url: string; filters: Record<string, string[]> }[] => {
      const folder = join(out, "pagefind", year);
      const rows = decodeRows(readFileSync(join(folder, ROWS_FILE)));
      const values = rowValues(rows);
      return Array.from({ length: rows.pages }, (_, rank) => {
        const text = gunzipSync(readFileSync(join(folder, "fragment", `${pageId(rows.prefix, rank)}.pf_fragment`))).toString("utf8");
        const { url } = JSON.parse(text.slice(text.indexOf("{"))) as { url: string };
        return { url, filters: Object.fromEntries(Object.entries(values).map(([name, onPages]) => [name, onPages[rank]!])) };
      });
    };

    it("indexes article pages only, in French, their topics, sources and year in each bundle's rows, not Pagefind's filters", async () => {
      const pages = [...bundlePages("2021"), ...bundlePages("2020")];
      expect(pages.every(({ url }) => /^\/\d{4}\/\d\d\/\d\d\/[^/]+\/$/.test(url))).toBe(true);
      expect(pages).toHaveLength(HOSTILE_TITLES.length + 4);
      expect(pages.filter((p) => p.filters.annee!.includes("2020"))).toHaveLength(1);
      expect(pages.filter((p) => p.filters.annee!.includes("2021"))).toHaveLength(HOSTILE_TITLES.length + 3);
      expect(pages.find((p) => p.url === "/2020/03/02/les-exportations-de-phosphates/")?.filters).toMatchObject({ source: ["TRT Français"], annee: ["2020"] });
      // Pagefind holds no filter list, and is never asked to filter: the search page filters from the rows.
      expect(await pagefind.filters()).toEqual({});
      // French stemming: the plural finds the singular.
      expect(await urlsOf("irakiens")).toContain(SEED_URL);
    });

    it("ranks a year's pages newest first, in its rows and its page ids", () => {
      const urls = bundlePages("2021").map((p) => p.url);
      expect(urls[0]).toBe("/2021/12/10/depeche-de-la-matinee/");
      expect(urls.at(-1)).toBe("/2021/11/01/fin-de-la-mission-script-script-alert-x-script/");
    });
  });
});
