import { describe, expect, it } from "vitest";
import { feedLinks, pageMetadata } from "../../src/outputs/metadata.ts";
import { planArticles } from "../helpers/site.ts";

describe("article metadata", () => {
  it("describes an article to Open Graph: type, locale, dates with offsets, section and tags", async () => {
    const { site, pages } = await planArticles({
      "a.md": { title: "L’Irak annonce", date: "2021-12-09T15:10:00", topics: "[Irak, Défense]", extra: "updated: 2021-12-10T08:00:00" },
    });
    const og = pageMetadata(site, pages.articles[0]!).openGraph.map((m) => [m.property, m.content]);
    expect(og).toEqual([
      ["og:type", "article"],
      ["og:locale", "fr_FR"],
      ["og:site_name", "Archives de test"],
      ["og:title", "L’Irak annonce"],
      ["og:description", "Le gouvernement irakien a officiellement annoncé, jeudi, la fin des missions de combat."],
      ["og:url", "https://archives.example.org/2021/12/09/l-irak-annonce/"],
      ["article:published_time", "2021-12-09T15:10:00+01:00"],
      ["article:modified_time", "2021-12-10T08:00:00+01:00"],
      ["article:section", "Irak"],
      ["article:tag", "Irak"],
      ["article:tag", "Défense"],
    ]);
  });

  it("gives a NewsArticle and a BreadcrumbList in JSON-LD", async () => {
    const { site, pages } = await planArticles({ "a.md": { title: "L’Irak annonce", date: "2021-12-09T15:10:00", extra: "summary: Le chapô." } });
    const [article, breadcrumb] = pageMetadata(site, pages.articles[0]!).jsonLd;
    const url = "https://archives.example.org/2021/12/09/l-irak-annonce/";
    expect(article).toEqual({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "L’Irak annonce",
      description: "Le chapô.",
      url,
      mainEntityOfPage: { "@type": "WebPage", "@id": url },
      datePublished: "2021-12-09T15:10:00+01:00",
      dateModified: "2021-12-09T15:10:00+01:00",
      inLanguage: "fr",
      author: [
        { "@type": "Organization", name: "Agence Anadolu", url: "https://www.aa.com.tr/fr" },
        { "@type": "Organization", name: "TRT Français", url: "https://www.trtfrance.com" },
      ],
      publisher: [
        { "@type": "Organization", name: "Agence Anadolu", url: "https://www.aa.com.tr/fr" },
        { "@type": "Organization", name: "TRT Français", url: "https://www.trtfrance.com" },
      ],
      articleSection: "Irak",
      keywords: ["Irak", "Défense"],
      isAccessibleForFree: true,
    });
    expect(breadcrumb).toMatchObject({ "@type": "BreadcrumbList" });
    expect((breadcrumb!.itemListElement as { position: number; name: string; item: string }[]).map((i) => [i.position, i.name, i.item])).toEqual([
      [1, "Accueil", "https://archives.example.org/"],
      [2, "2021", "https://archives.example.org/2021/"],
      [3, "décembre", "https://archives.example.org/2021/12/"],
      [4, "9 décembre", "https://archives.example.org/2021/12/09/"],
      [5, "L’Irak annonce", url],
    ]);
  });
});

describe("machine-readable dates", () => {
  it("are the exact instant for Paris before 1911 (local mean time, +00:09:21), in UTC; readers see Paris's clock", async () => {
    const { site, pages } = await planArticles({
      "a.md": { title: "L’Exposition universelle ouvre", date: "1900-04-14T14:30:00", extra: "updated: 1900-04-15" },
    });
    const page = pages.articles[0]!;
    const { openGraph, jsonLd } = pageMetadata(site, page);
    expect(openGraph.filter((m) => m.property.endsWith("_time")).map((m) => m.content)).toEqual(["1900-04-14T14:20:39Z", "1900-04-14T23:50:39Z"]);
    expect(jsonLd[0]).toMatchObject({ datePublished: "1900-04-14T14:20:39Z", dateModified: "1900-04-14T23:50:39Z" });
    expect(page.url).toBe("/1900/04/14/l-exposition-universelle-ouvre/");
    expect(page.article.dateText).toBe("samedi 14 avril 1900 à 14\u00a0h\u00a030");
  });
});

describe("other pages", () => {
  it("are websites to Open Graph, with no NewsArticle", async () => {
    const { site, pages } = await planArticles({ "a.md": {} });
    const home = pageMetadata(site, pages.home[0]!);
    expect(home.openGraph[0]).toEqual({ property: "og:type", content: "website" });
    expect(home.jsonLd).toEqual([]);
    expect(pageMetadata(site, pages.days[0]!).jsonLd.map((o) => o["@type"])).toEqual(["BreadcrumbList"]);
  });

  it("announce the site feeds everywhere, and the topic's feed on every page of a topic", async () => {
    const { site, pages } = await planArticles(Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`a${i}.md`, { title: `A${i}`, topics: "[Irak]" }])));
    expect(feedLinks(site, pages.home[0]!).map((f) => f.href)).toEqual(["https://archives.example.org/feed.xml", "https://archives.example.org/feed.json"]);
    const irak = pages.lists.filter((p) => p.kind === "topic" && p.url.startsWith("/sujets/irak/"));
    expect(irak.map((p) => p.url)).toEqual(["/sujets/irak/", "/sujets/irak/page/2/"]);
    for (const page of irak)
      expect(feedLinks(site, page).at(-1)).toEqual({
        type: "application/atom+xml",
        title: "Irak — Archives de test",
        href: "https://archives.example.org/sujets/irak/feed.xml",
      });
    const source = pages.lists.find((p) => p.kind === "source")!;
    expect(feedLinks(site, source)).toHaveLength(2);
  });
});
