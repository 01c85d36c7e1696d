import { describe, expect, it } from "vitest";
import { articlesAt, deriveArchive, groupByDay, groupByYearAndMonth } from "../../src/archive/archive.ts";
import type { Article, Content, Day, Source, Topic } from "../../src/content/model.ts";

const topic: Topic = { slug: "irak", label: "Irak" };
const other: Topic = { slug: "defense", label: "Défense" };
const source: Source = { code: "AA", name: "Agence Anadolu", url: "https://aa.example", slug: "aa" };

function article(day: Day, hour: number, extra: Partial<Article> = {}): Article {
  const epochMs = Date.parse(`${day}T${String(hour).padStart(2, "0")}:00:00+01:00`);
  return {
    sourcePath: `${day}-${hour}.md`,
    title: `${day} ${hour}`,
    slug: `a${hour}`,
    url: `/${day.replaceAll("-", "/")}/a${hour}/`,
    published: { iso: `${day}T${hour}:00:00+01:00`, epochMs, day, time: `${String(hour).padStart(2, "0")}:00`, hasTime: true },
    sources: [source],
    topics: [topic],
    draft: false,
    aliases: [],
    body: "Texte.",
    bodyLine: 7,
    links: [],
    ...extra,
  };
}

describe("groupByDay", () => {
  it("groups oldest-first articles by day and links days across month and year boundaries", () => {
    const days = groupByDay([article("2021-11-30", 9), article("2021-12-31", 8), article("2021-12-31", 22), article("2022-01-01", 0)]);
    expect(days.map((d) => [d.day, d.articles.length, d.prev, d.next])).toEqual([
      ["2021-11-30", 1, undefined, "2021-12-31"],
      ["2021-12-31", 2, "2021-11-30", "2022-01-01"],
      ["2022-01-01", 1, "2021-12-31", undefined],
    ]);
  });
});

describe("articlesAt", () => {
  // Three articles a day over sixty days across a year's end, some days without any.
  const oldestFirst = Array.from({ length: 60 }, (_, d) => new Date(Date.UTC(2021, 11, 1 + d)).toISOString().slice(0, 10) as Day)
    .filter((_, d) => d % 7 !== 3)
    .flatMap((day) => [article(day, 6), article(day, 12), article(day, 23)]);
  const days = groupByDay(oldestFirst);

  it("finds the articles whose URLs are asked, oldest first, as a pass over every article would", () => {
    const urls = new Set([
      ...[150, 2, 0, 77, 1, 149, 78].map((i) => oldestFirst[i]!.url),
      // Other pages' URLs, and articles' that the archive lacks (on a day it has, on a day it lacks, before and after it).
      "/",
      "/2021/12/01/",
      "/2021/12/",
      "/sujets/irak/",
      "/2021/12/01/a7/",
      "/2021/12/04/a6/",
      "/2021/11/30/a6/",
      "/2022/03/01/a6/",
      "/2021/12/01/a6/extra/",
    ]);
    const found = articlesAt(days, urls);
    expect(found).toEqual(oldestFirst.filter((a) => urls.has(a.url)));
    expect(found.map((a) => oldestFirst.indexOf(a))).toEqual([0, 1, 2, 77, 78, 149, 150]);
  });

  it("finds none among no URLs, nor in an empty archive", () => {
    expect(articlesAt(days, new Set())).toEqual([]);
    expect(articlesAt([], new Set([oldestFirst[0]!.url]))).toEqual([]);
  });
});

describe("groupByYearAndMonth", () => {
  it("counts articles per month and per year", () => {
    const years = groupByYearAndMonth(groupByDay([article("2021-11-30", 9), article("2021-12-31", 8), article("2021-12-31", 22), article("2022-01-01", 0)]));
    expect(years.map((y) => [y.year, y.count, y.months.map((m) => [m.month, m.count])])).toEqual([
      [
        2021,
        3,
        [
          [11, 1],
          [12, 2],
        ],
      ],
      [2022, 1, [[1, 1]]],
    ]);
  });
});

describe("deriveArchive", () => {
  const content: Content = {
    site: { title: "T", baseUrl: "https://a.example", locale: "fr", timezone: "Europe/Paris" },
    topics: [topic, other],
    sources: [source],
    articles: [article("2021-12-01", 9), article("2021-12-02", 9, { draft: true }), article("2021-12-03", 9)],
  };

  it("lists articles newest first, keeps drafts out unless asked, and links neighbours on their main topic", () => {
    const archive = deriveArchive(content, { drafts: false });
    expect(archive.articles.map((a) => a.published.day)).toEqual(["2021-12-03", "2021-12-01"]);
    const [newest, oldest] = archive.articles;
    expect(archive.neighbours.get(oldest!)).toEqual({ topic, newer: newest });
    expect(archive.related.get(oldest!)).toEqual([newest]);
    expect(deriveArchive(content, { drafts: true }).articles).toHaveLength(3);
  });

  it("keeps every topic of the vocabulary, with or without articles", () => {
    const archive = deriveArchive(content, { drafts: false });
    expect(archive.topics.map((l) => [l.entry.slug, l.articles.length])).toEqual([
      ["irak", 2],
      ["defense", 0],
    ]);
    expect(archive.sources.map((l) => [l.entry.slug, l.articles.length])).toEqual([["aa", 2]]);
  });
});
