import { describe, expect, it } from "vitest";
import { documentTitle, feedLinks, pageMetadata, TITLE_LENGTH, webManifest } from "../../src/outputs/metadata.ts";
import { SHORT_NAME_LENGTH, shortSiteName } from "../../src/text/short-name.ts";
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
      ["og:image", "https://archives.example.org/site-image.png"],
      ["og:image:type", "image/png"],
      ["og:image:width", "1200"],
      ["og:image:height", "630"],
      ["og:image:alt", "Archives de test"],
      ["article:published_time", "2021-12-09T15:10:00+01:00"],
      ["article:modified_time", "2021-12-10T08:00:00+01:00"],
      ["article:section", "Irak"],
      ["article:tag", "Irak"],
      ["article:tag", "Défense"],
    ]);
  });

  it("gives a NewsArticle published by the site, an Organization with a logo, written by the agencies, and a BreadcrumbList", async () => {
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
      image: [{ "@type": "ImageObject", url: "https://archives.example.org/site-image.png", width: 1200, height: 630 }],
      datePublished: "2021-12-09T15:10:00+01:00",
      dateModified: "2021-12-09T15:10:00+01:00",
      inLanguage: "fr",
      author: [
        { "@type": "Organization", name: "Agence Anadolu", url: "https://www.aa.com.tr/fr" },
        { "@type": "Organization", name: "TRT Français", url: "https://www.trtfrance.com" },
      ],
      publisher: {
        "@type": "Organization",
        "@id": "https://archives.example.org/#organisation",
        name: "Archives de test",
        url: "https://archives.example.org/",
        logo: { "@type": "ImageObject", url: "https://archives.example.org/icon-512.png", width: 512, height: 512 },
      },
      articleSection: "Irak",
      keywords: ["Irak", "Défense"],
      isAccessibleForFree: true,
    });
    expect(breadcrumb).toMatchObject({ "@type": "BreadcrumbList" });
    expect((breadcrumb!.itemListElement as { position: number; name: string; item: string }[]).map((i) => [i.position, i.name, i.item])).toEqual([
      [1, "Accueil", "https://archives.example.org/"],
      [2, "2021", "https://archives.example.org/2021/"],
      [3, "décembre", "https://archives.example.org/2021/12/"],
      [4, "9\u00a0décembre", "https://archives.example.org/2021/12/09/"],
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
    expect(page.article.dateText).toBe("samedi 14\u00a0avril 1900 à 14\u00a0h\u00a030");
  });
});

describe("other pages", () => {
  it("are websites to Open Graph, with no NewsArticle; the home page is the WebSite, searchable through /recherche/?q=", async () => {
    const { site, pages } = await planArticles({ "a.md": {} });
    const home = pageMetadata(site, pages.home[0]!);
    expect(home.openGraph[0]).toEqual({ property: "og:type", content: "website" });
    expect(home.jsonLd).toEqual([
      {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": "https://archives.example.org/#site",
        name: "Archives de test",
        description: expect.any(String),
        url: "https://archives.example.org/",
        inLanguage: "fr",
        publisher: expect.objectContaining({ "@type": "Organization", name: "Archives de test" }),
        potentialAction: {
          "@type": "SearchAction",
          target: { "@type": "EntryPoint", urlTemplate: "https://archives.example.org/recherche/?q={search_term_string}" },
          "query-input": "required name=search_term_string",
        },
      },
    ]);
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

describe("every page's head", () => {
  it("carries the icons, the manifest, a site image for Open Graph and a large Twitter card", async () => {
    const { site, pages } = await planArticles({ "a.md": { title: "L’Irak annonce" } });
    for (const page of Object.values(pages).flat()) {
      if (page.kind === "redirect") continue;
      const meta = pageMetadata(site, page);
      expect(meta.links.map((l) => [l.rel, l.href])).toEqual([
        ["icon", "/favicon.ico"],
        ["icon", "/icon.svg"],
        ["apple-touch-icon", "/apple-touch-icon.png"],
        ["manifest", "/manifest.webmanifest"],
      ]);
      const og = new Map(meta.openGraph.map((m) => [m.property, m.content]));
      expect(og.get("og:image"), page.url).toBe("https://archives.example.org/site-image.png");
      const twitter = new Map(meta.names.map((m) => [m.name, m.content]));
      expect(twitter.get("twitter:card")).toBe("summary_large_image");
      expect(twitter.get("twitter:image")).toBe("https://archives.example.org/site-image.png");
      expect(twitter.get("twitter:title")).toBe(page.title);
    }
  });

  it("keeps the icons under the base URL's path", async () => {
    const { site, pages } = await planArticles({ "a.md": {} });
    const nested = { ...site, baseUrl: "https://x.org/archives", basePath: "/archives" };
    expect(pageMetadata(nested, pages.home[0]!).links.map((l) => l.href)).toEqual([
      "/archives/favicon.ico",
      "/archives/icon.svg",
      "/archives/apple-touch-icon.png",
      "/archives/manifest.webmanifest",
    ]);
    expect(webManifest(nested)).toMatchObject({ start_url: "/archives/", scope: "/archives/", lang: "fr", name: nested.title });
  });
});

describe("the manifest's name for a phone's home screen", () => {
  it.each([
    ["Dépêches — archives de l’actualité", "Dépêches"],
    ["Le Fil\u00a0: l’actualité", "Le Fil"],
    ["Archives de test", "Archives"],
    ["Le Monde diplomatique", "Le Monde"],
    ["Actualités internationales — archives", "Actualités"],
    ["AA, TRT et les autres", "AA, TRT"],
    ["Dépêches", "Dépêches"],
    ["Internationalisation", "Internation…"],
  ])("%s: short_name « %s »", async (title, short) => {
    expect(shortSiteName(title)).toBe(short);
    expect([...short].length).toBeLessThanOrEqual(SHORT_NAME_LENGTH);
    const { site } = await planArticles({ "a.md": {} });
    expect(webManifest({ ...site, title })).toMatchObject({ name: title, short_name: short });
  });
});

describe("pages search engines must not index", () => {
  it("are the 404 page and the topics and sources without articles: noindex, and no canonical link", async () => {
    const { site, pages } = await planArticles({ "a.md": { topics: "[Irak]", sources: "[AA]" } });
    const robots = (page: Parameters<typeof pageMetadata>[1]) => pageMetadata(site, page).names.find((m) => m.name === "robots")?.content;
    const notFound = pageMetadata(site, pages.notFound[0]!);
    expect(robots(pages.notFound[0]!)).toBe("noindex");
    expect(notFound.canonical).toBeUndefined();
    const empty = pages.lists.filter((p) => p.items.length === 0).map((p) => p.url);
    expect(empty).toEqual(expect.arrayContaining(["/sujets/defense/", "/sources/trt-fr/"]));
    for (const page of pages.lists) {
      const meta = pageMetadata(site, page);
      if (page.items.length === 0) {
        expect(robots(page), page.url).toBe("noindex");
        expect(meta.canonical).toBeUndefined();
      } else {
        expect(robots(page), page.url).toBeUndefined();
        expect(meta.canonical).toBe(`https://archives.example.org${page.url}`);
      }
    }
    expect(robots(pages.articles[0]!)).toBeUndefined();
    expect(robots(pages.home[0]!)).toBeUndefined();
  });
});

describe("document titles", () => {
  const site = { title: "Archives de l’actualité" };
  it("add the site's name when both fit in about 70 characters", () => {
    expect(documentTitle(site, { url: "/x/", title: "L’Irak annonce la fin de la mission" })).toBe(
      "L’Irak annonce la fin de la mission — Archives de l’actualité",
    );
  });

  it("drop the site's name for a longer headline, and cut at a word one longer than 70 characters", () => {
    const headline = "L’Irak annonce la fin de la mission de combat des forces de la Coalition";
    expect(documentTitle(site, { url: "/x/", title: headline.slice(0, 60) })).toBe(headline.slice(0, 60));
    const long = `${headline} internationale dans le pays`;
    const title = documentTitle(site, { url: "/x/", title: long });
    expect([...title].length).toBeLessThanOrEqual(TITLE_LENGTH);
    expect(title).toBe("L’Irak annonce la fin de la mission de combat des forces de la…");
  });

  it("are the site's name alone on the home page", () => {
    expect(documentTitle(site, { url: "/", title: "Accueil" })).toBe("Archives de l’actualité");
  });
});
