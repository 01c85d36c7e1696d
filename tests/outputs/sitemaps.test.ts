import { describe, expect, it } from "vitest";
import {
  NEWS_LIMIT,
  newsEntries,
  planSitemaps,
  renderNewsSitemap,
  renderUrlset,
  sitemapEntries,
  type SitemapEntry,
  sitemapPartsKept,
} from "../../src/outputs/sitemaps.ts";
import { renderRobotsTxt } from "../../src/outputs/robots.ts";
import { planDiscoveryFiles } from "../../src/outputs/discovery-files.ts";
import { planArticles } from "../helpers/site.ts";
import { assertWellFormed, hasXmllint, parseXml, xmllintErrors } from "../helpers/xml.ts";

const BUILD_ISO = "2022-01-01T00:00:00.000Z";
const SITE = { title: "Archives", description: "Archives", baseUrl: "https://archives.example.org", basePath: "", clockNote: "" };

describe("sitemap entries", () => {
  it("lists every page but the 404 and search pages, the redirects (each list's page/1/) and the topics and sources without articles, each with the date it last changed", async () => {
    const { site, pages } = await planArticles({
      "2021/11/30-old.md": { title: "Ancien", date: "2021-11-30T10:00:00", topics: "[Irak]", extra: "updated: 2021-12-20T09:00:00" },
      "2021/12/09-new.md": { title: "Récent", date: "2021-12-09T15:10:00", topics: "[Irak, Défense]" },
      "2020/05/01-older.md": { title: "Plus ancien", date: "2020-05-01", topics: "[Économie]" },
    });
    const entries = new Map(sitemapEntries(site, pages, BUILD_ISO).map((e) => [e.loc.slice(site.baseUrl.length), e.lastmod]));
    const planned = Object.values(pages)
      .flat()
      .filter((p) => p.kind !== "redirect" && (!(p.kind === "topic" || p.kind === "source") || p.items.length > 0))
      .map((p) => p.url)
      .filter((u) => u !== "/404.html" && u !== "/recherche/");
    expect([...entries.keys()].sort()).toEqual([...planned].sort());
    expect(entries.get("/2021/11/30/ancien/")).toBe("2021-12-20T09:00:00+01:00");
    expect(entries.get("/2021/12/09/recent/")).toBe("2021-12-09T15:10:00+01:00");
    // Lists, months and years change with their newest change, home and indexes with the archive's.
    expect(entries.get("/sujets/irak/")).toBe("2021-12-20T09:00:00+01:00");
    expect(entries.get("/sujets/economie/")).toBe("2020-05-01T00:00:00+02:00");
    expect(entries.get("/2021/11/")).toBe("2021-12-20T09:00:00+01:00");
    expect(entries.get("/2020/")).toBe("2020-05-01T00:00:00+02:00");
    expect(entries.get("/2021/12/09/")).toBe("2021-12-09T15:10:00+01:00");
    expect(entries.get("/")).toBe("2021-12-20T09:00:00+01:00");
    expect(entries.get("/sujets/")).toBe("2021-12-20T09:00:00+01:00");
    // A topic without articles has a page, not to be indexed: the sitemap leaves it out.
    expect(pages.lists.some((p) => p.url === "/sujets/terrorisme/")).toBe(true);
    expect(entries.has("/sujets/terrorisme/")).toBe(false);
  });

  it("is valid against the sitemaps.org schema", async () => {
    const { site, pages } = await planArticles({ "2021/12/09-a.md": { title: "Un & deux <trois>" } });
    const xml = renderUrlset(sitemapEntries(site, pages, BUILD_ISO));
    assertWellFormed(xml);
    const urls = parseXml(xml, ["url"]).urlset.url as { loc: string; lastmod: string }[];
    expect(urls.every((u) => u.loc.startsWith("https://archives.example.org/") && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/.test(u.lastmod))).toBe(true);
    if (hasXmllint) expect(xmllintErrors(xml, "sitemap.xsd")).toBe("");
  });
});

describe("split sitemaps", () => {
  const entries = (n: number): SitemapEntry[] =>
    Array.from({ length: n }, (_, i) => {
      // Out of order: a file's newest entry is anywhere in it.
      const lastmod = `2021-12-${String(1 + ((i * 7) % 26)).padStart(2, "0")}T00:00:00+01:00`;
      return { loc: `https://archives.example.org/p${i}/`, lastmod, epochMs: Date.parse(lastmod) };
    });

  it("writes one file up to the limit", () => {
    expect([...planSitemaps(SITE, entries(10), 10).keys()]).toEqual(["/sitemap.xml"]);
  });

  it("past the limit, writes an index at /sitemap.xml over files of at most `limit` URLs at the root", () => {
    const files = planSitemaps(SITE, entries(25), 10);
    expect([...files.keys()].sort()).toEqual(["/sitemap-1.xml", "/sitemap-2.xml", "/sitemap-3.xml", "/sitemap.xml"]);
    const index = parseXml(files.get("/sitemap.xml")!, ["sitemap"]).sitemapindex.sitemap as { loc: string; lastmod: string }[];
    expect(index.map((s) => s.loc)).toEqual([
      "https://archives.example.org/sitemap-1.xml",
      "https://archives.example.org/sitemap-2.xml",
      "https://archives.example.org/sitemap-3.xml",
    ]);
    // Each file dated by its newest entry, wherever it stands in the file.
    const parts = [1, 2, 3].map((n) => parseXml(files.get(`/sitemap-${n}.xml`)!, ["url"]).urlset.url as { loc: string; lastmod: string }[]);
    expect(parts.map((urls) => urls.length)).toEqual([10, 10, 5]);
    const newest = (urls: { lastmod: string }[]) =>
      urls
        .map((u) => u.lastmod)
        .sort()
        .at(-1);
    expect(index.map((s) => s.lastmod)).toEqual(parts.map(newest));
    expect(index.map((s) => s.lastmod)).toEqual(["2021-12-24T00:00:00+01:00", "2021-12-26T00:00:00+01:00", "2021-12-25T00:00:00+01:00"]);
    // Only a URL's location and date are written.
    for (const text of files.values()) expect(text).not.toMatch(/epochMs|<ms>/);
    if (hasXmllint) {
      expect(xmllintErrors(files.get("/sitemap.xml")!, "siteindex.xsd")).toBe("");
      expect(xmllintErrors(files.get("/sitemap-3.xml")!, "sitemap.xsd")).toBe("");
    }
  });

  it("leaves out, for an incremental build, the files that hold none but the last build's unchanged first entries, and makes the others and the index as the whole plan does", () => {
    const whole = planSitemaps(SITE, entries(25), 10);
    for (const [unchanged, kept] of [
      [0, []],
      [9, []],
      [10, ["/sitemap-1.xml"]],
      [19, ["/sitemap-1.xml"]],
      [20, ["/sitemap-1.xml", "/sitemap-2.xml"]],
      [25, ["/sitemap-1.xml", "/sitemap-2.xml"]],
    ] as const) {
      expect(sitemapPartsKept(25, unchanged, 10)).toEqual(kept);
      const some = planSitemaps(SITE, entries(25), 10, unchanged);
      expect([...some.keys()].sort()).toEqual([...whole.keys()].filter((url) => !(kept as readonly string[]).includes(url)).sort());
      for (const [url, text] of some) expect(text).toBe(whole.get(url));
    }
  });

  it("keeps no file of a sitemap that is one file", () => {
    expect(sitemapPartsKept(10, 10, 10)).toEqual([]);
    expect(planSitemaps(SITE, entries(10), 10, 10)).toEqual(planSitemaps(SITE, entries(10), 10));
  });
});

describe("news sitemap", () => {
  // Build date: Friday 10 December 2021, 12:00 in Paris.
  const NOW = Date.parse("2021-12-10T12:00:00+01:00");

  it("lists the articles of the two days before the build's date, newest first, none from the future", async () => {
    const { site, pages } = await planArticles({
      "a.md": { title: "Il y a une heure", date: "2021-12-10T11:00:00" },
      "b.md": { title: "Il y a 47 heures", date: "2021-12-08T13:00:00" },
      "c.md": { title: "Il y a 49 heures", date: "2021-12-08T11:00:00" },
      "d.md": { title: "Dans une heure", date: "2021-12-10T13:00:00" },
      "e.md": { title: "Tout juste deux jours", date: "2021-12-08T12:00:00" },
    });
    const news = newsEntries(site, pages.articles, NOW);
    expect(news.map((n) => n.title)).toEqual(["Il y a une heure", "Il y a 47 heures", "Tout juste deux jours"]);
    const xml = renderNewsSitemap(site, news);
    const urls = parseXml(xml, ["url"]).urlset.url as Record<string, string>[];
    expect(urls[0]).toEqual({
      loc: "https://archives.example.org/2021/12/10/il-y-a-une-heure/",
      "news:news": {
        "news:publication": { "news:name": "Archives de test", "news:language": "fr" },
        "news:publication_date": "2021-12-10T11:00:00+01:00",
        "news:title": "Il y a une heure",
      },
    });
    if (hasXmllint) expect(xmllintErrors(xml, "news.xsd")).toBe("");
  });

  it("is not written when no article falls in its window, and robots.txt then names only the sitemap", async () => {
    const { site, pages } = await planArticles({ "a.md": { title: "Il y a trois jours", date: "2021-12-07T11:00:00" } });
    const files = planDiscoveryFiles(site, pages, NOW);
    expect(files.has("/sitemap-news.xml")).toBe(false);
    expect(files.get("/robots.txt")).toBe("User-agent: *\nAllow: /\n\nSitemap: https://archives.example.org/sitemap.xml\n");
    const fresh = await planArticles({ "a.md": { title: "Il y a une heure", date: "2021-12-10T11:00:00" } });
    const written = planDiscoveryFiles(fresh.site, fresh.pages, NOW);
    expect(written.get("/robots.txt")).toContain("Sitemap: https://archives.example.org/sitemap-news.xml\n");
    const xml = written.get("/sitemap-news.xml")!;
    expect(xml).toContain("<url>");
    if (hasXmllint) expect(xmllintErrors(xml, "news.xsd")).toBe("");
  });

  it("stops at 1,000 articles", async () => {
    const many = Array.from({ length: NEWS_LIMIT + 5 }, (_, i) => ({
      url: `/2021/12/10/a${i}/`,
      article: { dateIso: "2021-12-10T10:00:00+01:00", title: `A${i}` },
    }));
    expect(newsEntries(SITE, many as never, NOW)).toHaveLength(NEWS_LIMIT);
  });
});

describe("robots.txt", () => {
  it("allows every crawler and names the sitemaps by absolute URL", () => {
    expect(renderRobotsTxt(["https://x.org/sitemap.xml", "https://x.org/sitemap-news.xml"])).toBe(
      "User-agent: *\nAllow: /\n\nSitemap: https://x.org/sitemap.xml\nSitemap: https://x.org/sitemap-news.xml\n",
    );
  });
});
