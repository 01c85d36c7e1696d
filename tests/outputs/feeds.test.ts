import { parseAtomFeed, parseJsonFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import {
  FEED_BODY_MAX_CHARS,
  FEED_SIZE,
  latestUpdate,
  planFeeds,
  renderAtom,
  renderJsonFeed,
  siteFeed,
  topicFeeds,
  type Feed,
} from "../../src/outputs/feeds.ts";
import { assertWellFormed, hasXmllint } from "../helpers/xml.ts";
import { HOSTILE_TITLES, planArticles } from "../helpers/site.ts";
import { fr } from "../helpers/french.ts";
import { spawnSync } from "node:child_process";

const BUILD_ISO = "2022-01-01T00:00:00.000Z";

describe("site feed", () => {
  it("holds the 50 newest articles, newest first, with dates in the site's offset", async () => {
    const articles = Object.fromEntries(
      Array.from({ length: FEED_SIZE + 5 }, (_, i) => [
        `2021/12/${String(1 + (i % 28)).padStart(2, "0")}-a${i}.md`,
        { title: `Article ${i}`, date: `2021-12-${String(1 + (i % 28)).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}:00:00` },
      ]),
    );
    const { site, pages } = await planArticles(articles);
    const feed = siteFeed(site, pages.articles, BUILD_ISO);
    expect(feed.entries).toHaveLength(FEED_SIZE);
    expect(feed.entries[0]!.url).toBe(site.baseUrl + pages.articles[0]!.url);
    expect(feed.entries[0]!.published).toMatch(/T\d\d:\d\d:\d\d\+01:00$/);
    expect(feed.updated).toBe(pages.articles[0]!.article.dateIso);
  });

  it("is dated by the build when it has no entry", () => {
    expect(latestUpdate([], BUILD_ISO)).toBe(BUILD_ISO);
  });

  it("takes the latest update as an instant, not as text, across offsets", () => {
    expect(latestUpdate([{ updated: "2021-10-31T02:30:00+02:00" }, { updated: "2021-10-31T02:00:00+01:00" }], BUILD_ISO)).toBe("2021-10-31T02:00:00+01:00");
  });
});

describe("Atom", () => {
  it("parses with a feed parser: title, link, dates, summary, full content, topics as categories, sources as authors", async () => {
    const { site, pages } = await planArticles({
      "2021/12/09-irak.md": {
        title: "L’Irak annonce la fin de la mission",
        date: "2021-12-09T15:10:00",
        topics: "[Irak, Défense]",
        extra: "updated: 2021-12-10T08:00:00\nsummary: Le chapô.",
        body: "Premier paragraphe.\n\nSecond *paragraphe*.",
      },
    });
    const atom = parseAtomFeed(renderAtom(siteFeed(site, pages.articles, BUILD_ISO)));
    expect(atom.title?.value).toBe(site.title);
    expect(atom.links).toContainEqual(expect.objectContaining({ rel: "self", href: "https://archives.example.org/feed.xml" }));
    const entry = atom.entries![0]!;
    expect(entry.title?.value).toBe("L’Irak annonce la fin de la mission");
    expect(entry.id).toBe("https://archives.example.org/2021/12/09/l-irak-annonce-la-fin-de-la-mission/");
    expect(entry.published).toBe("2021-12-09T15:10:00+01:00");
    expect(entry.updated).toBe("2021-12-10T08:00:00+01:00");
    expect(entry.summary?.value).toBe("Le chapô.");
    expect(entry.content).toMatchObject({ type: "html", value: expect.stringContaining("<p>Second <em>paragraphe</em>.</p>") });
    expect(entry.categories?.map((c) => c.term)).toEqual(["Irak", "Défense"]);
    expect(entry.authors).toEqual([
      { name: "Agence Anadolu", uri: "https://www.aa.com.tr/fr" },
      { name: "TRT Français", uri: "https://www.trtfrance.com" },
    ]);
  });

  it("escapes whatever a title holds, and drops characters XML cannot carry", async () => {
    const { site, pages } = await planArticles(
      Object.fromEntries(HOSTILE_TITLES.map((title, i) => [`2021/12/0${i + 1}-t.md`, { title, date: `2021-12-0${i + 1}` }])),
    );
    const feed = siteFeed(site, pages.articles, BUILD_ISO);
    // check refuses control characters in content; the feed still drops them should one come from elsewhere.
    feed.entries.unshift({ ...feed.entries[0]!, title: "Contrôle\u0007 caché" });
    const xml = renderAtom(feed);
    assertWellFormed(xml);
    if (hasXmllint) expect(spawnSync("xmllint", ["--noout", "-"], { input: xml }).status).toBe(0);
    const parsed = parseAtomFeed(xml)
      .entries!.map((e) => e.title?.value)
      .reverse();
    expect(parsed.slice(0, HOSTILE_TITLES.length)).toEqual(
      pages.articles
        .map((p) => p.article.title)
        .reverse()
        .slice(0, HOSTILE_TITLES.length),
    );
    expect(parsed).toContain("Contrôle caché");
    expect(xml).not.toContain("</script>");
  });
});

describe("a long body", () => {
  const url = "https://archives.example.org/2021/12/09/long/";
  const more = `<p><a href="${url}">Lire la suite de l’article sur le site</a></p>\n`;
  const paragraph = (i: number) => `Paragraphe ${i}, le gouvernement irakien annonce la fin des missions de combat de la coalition.`;

  it("is carried up to the last whole block within the limit, then a link to the article, in both formats, which stay valid", async () => {
    const body = Array.from({ length: 2000 }, (_, i) => paragraph(i)).join("\n\n");
    const { site, pages } = await planArticles({ "2021/12/09-long.md": { title: "Long", body } });
    const feed = siteFeed(site, pages.articles, BUILD_ISO);
    const xml = renderAtom(feed);
    assertWellFormed(xml);
    if (hasXmllint) expect(spawnSync("xmllint", ["--noout", "-"], { input: xml }).status).toBe(0);
    const content = feed.entries[0]!.contentHtml;
    expect(parseAtomFeed(xml).entries![0]!.content!.value).toBe(content.trim());
    expect(content.slice(0, 200)).toBe(`<p>${paragraph(0)}</p>\n<p>${paragraph(1)}</p>\n`.slice(0, 200));
    expect(content.slice(-more.length - 5)).toBe(`</p>\n${more}`);
    const kept = content.slice(0, -more.length);
    expect(kept.length).toBeLessThanOrEqual(FEED_BODY_MAX_CHARS);
    expect(kept.length).toBeGreaterThan(FEED_BODY_MAX_CHARS - 200);
    expect(kept).toBe(pages.articles[0]!.article.bodyHtml.slice(0, kept.length));
    expect(xml.length).toBeLessThan(2 * FEED_BODY_MAX_CHARS);
    const json = JSON.parse(renderJsonFeed(feed, "https://archives.example.org/feed.json"));
    expect(json.items[0].content_html).toBe(content);
  });

  it("is cut before a block that would cross the limit, never inside it; a first block too long leaves the summary", async () => {
    const list = Array.from({ length: 1000 }, (_, i) => `- ${paragraph(i)}\n\n  Suite.`).join("\n");
    const { site, pages } = await planArticles({
      "2021/12/09-long.md": { title: "Long", body: `Premier.\n\n${list}\n\nDernier.` },
      "2021/12/08-long.md": { title: "Long", date: "2021-12-08", extra: "summary: Le chapô.", body: paragraph(0).repeat(1000) },
    });
    const [listed, one] = siteFeed(site, pages.articles, BUILD_ISO).entries;
    expect(listed!.contentHtml).toBe(`<p>Premier.</p>\n${more}`);
    expect(one!.contentHtml).toBe(`<p>Le chapô.</p>\n${more.replace("/09/", "/08/")}`);
  });
});

describe("JSON Feed", () => {
  it("is JSON Feed 1.1 with the same entries", async () => {
    const { site, pages } = await planArticles({ "2021/12/09-a.md": { title: HOSTILE_TITLES[0], date: "2021-12-09T15:10:00" } });
    const feed = siteFeed(site, pages.articles, BUILD_ISO);
    const text = renderJsonFeed(feed, "https://archives.example.org/feed.json");
    const json = parseJsonFeed(JSON.parse(text));
    expect(JSON.parse(text).version).toBe("https://jsonfeed.org/version/1.1");
    expect(json).toMatchObject({ title: site.title, feed_url: "https://archives.example.org/feed.json", language: "fr" });
    expect(json.items![0]).toMatchObject({
      title: pages.articles[0]!.article.title,
      date_published: "2021-12-09T15:10:00+01:00",
      tags: ["Irak", "Défense"],
      authors: [{ name: "Agence Anadolu" }, { name: "TRT Français" }],
    });
    expect(json.items![0]!.content_html).toContain("<p>");
  });
});

describe("topic feeds", () => {
  it("has one Atom feed per topic, at /sujets/<slug>/feed.xml, with that topic's articles only", async () => {
    const data = await planArticles({
      "2021/12/09-a.md": { title: "Sur l’Irak", topics: "[Irak]" },
      "2021/12/10-b.md": { title: "Sur l’économie", topics: "[Économie]", date: "2021-12-10" },
    });
    const feeds = new Map(topicFeeds(data.site, data.pages, BUILD_ISO).map((t) => [t.url, t.feed] as [string, Feed]));
    expect([...feeds.keys()].sort()).toEqual([
      "/sujets/defense/feed.xml",
      "/sujets/economie/feed.xml",
      "/sujets/etats-unis/feed.xml",
      "/sujets/irak/feed.xml",
      "/sujets/terrorisme/feed.xml",
    ]);
    expect(feeds.get("/sujets/irak/feed.xml")!.entries.map((e) => e.title)).toEqual(["Sur l’Irak"]);
    expect(feeds.get("/sujets/irak/feed.xml")!.pageUrl).toBe("https://archives.example.org/sujets/irak/");
    expect(feeds.get("/sujets/defense/feed.xml")!.entries).toEqual([]);
    // Described as a feed, not as the topic's page and its count of articles.
    expect(feeds.get("/sujets/irak/feed.xml")!.description).toBe(fr`Les dernières dépêches du sujet « Irak ».`);
    const files = planFeeds(data.site, data.pages, BUILD_ISO);
    expect([...files.keys()]).toEqual(expect.arrayContaining(["/feed.xml", "/feed.json", "/sujets/irak/feed.xml"]));
    for (const [url, text] of files) if (url.endsWith(".xml")) assertWellFormed(text);
  });

  it("writes each feed as it would alone, though an article's entry is serialised once for every feed that shows it", async () => {
    const data = await planArticles({
      "2021/12/09-a.md": { title: "Sur l’Irak & <la> Défense", topics: "[Irak, Défense]" },
      "2021/12/10-b.md": { title: "Sur l’économie", topics: "[Économie, Irak]", date: "2021-12-10" },
    });
    const files = planFeeds(data.site, data.pages, BUILD_ISO);
    const alone = new Map(topicFeeds(data.site, data.pages, BUILD_ISO).map((t) => [t.url, renderAtom(t.feed)]));
    alone.set("/feed.xml", renderAtom(siteFeed(data.site, data.pages.articles, BUILD_ISO)));
    expect(files.get("/sujets/irak/feed.xml")).toContain("Sur l’économie");
    for (const [url, text] of alone) expect(files.get(url), url).toBe(text);
  });

  it("dates a topic feed without articles by the archive's newest article, not by the build, so it stays the same from build to build", async () => {
    const data = await planArticles({
      "2021/12/09-a.md": { title: "Sur l’Irak", topics: "[Irak]" },
      "2021/12/10-b.md": { title: "Sur l’économie", topics: "[Économie]", date: "2021-12-10" },
    });
    const emptyFeed = (buildIso: string): Feed => topicFeeds(data.site, data.pages, buildIso).find((t) => t.url === "/sujets/defense/feed.xml")!.feed;
    expect(emptyFeed("2026-11-30T12:00:00.000Z").updated).toBe(siteFeed(data.site, data.pages.articles, BUILD_ISO).updated);
    expect(emptyFeed("2026-11-30T12:00:00.000Z").updated).toBe(emptyFeed("2027-01-01T00:00:00.000Z").updated);
  });
});
