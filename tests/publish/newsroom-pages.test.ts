/** The pages read like a newsroom's: masthead, byline, related articles, topic threads, dated archives, visible feeds. */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { makeSampleArchive } from "../helpers/sample-archive.ts";
import { buildArchive, siteFiles, texts, type BuiltSite } from "../helpers/site.ts";

const NBSP = "\u00a0";
const TARGET = "/2021/12/09/l-irak-annonce-la-fin-de-la-mission-de-combat/";

// Titles get French typography (a no-break space before the colon): compared here as plain text.
function headlines(doc: Document, selector: string): string[] {
  return texts(doc, selector).map((t) => t.replace(/[\u00a0\u202f]/g, " "));
}

let archive: TestArchive;
let site: BuiltSite;

beforeAll(async () => {
  archive = makeArchive();
  const add = (path: string, title: string, date: string, topics: string, sources = "[AA]"): void => {
    archive.article(path, { title, date, topics, sources });
  };
  add("2021/12/01-a.md", "Irak : premier jour", "2021-12-01T09:00", "[Irak, Défense]");
  add("2021/12/03-b.md", "Défense : des exercices", "2021-12-03T10:00", "[Défense]", "[TRT FR]");
  add("2021/12/05-c.md", "Irak : la coalition se retire", "2021-12-05T11:00", "[Irak]");
  add("2021/12/09-irak.md", "L’Irak annonce la fin de la mission de combat", "2021-12-09T15:10:00+01:00", "[Irak, Défense]", "[AA, TRT FR]");
  add("2021/12/12-d.md", "Irak : les élections", "2021-12-12T08:00", "[Irak, États-Unis]");
  add("2021/12/14-e.md", "Irak et Défense : un accord", "2021-12-14T08:00", "[Défense, Irak]");
  add("2021/12/30-f.md", "Économie : la croissance", "2021-12-30", "[Économie]");
  for (let i = 0; i < 10; i++) add(`2021/12/20-eco-${i}.md`, `Économie : dépêche ${i}`, `2021-12-20T${String(8 + i).padStart(2, "0")}:00`, "[Économie]");
  add("2022/01/03-t1.md", "Terrorisme : une arrestation", "2022-01-03T07:30", "[Terrorisme]");
  add("2022/01/03-t2.md", "Terrorisme : un procès", "2022-01-03T18:45", "[Terrorisme]");
  site = await buildArchive(archive);
  expect(site.result.ok).toBe(true);
});
afterAll(() => archive.remove());

describe("the masthead", () => {
  it("names the site once and navigates the most used topics (in French alphabetical order), then every topic, the sources and the search", () => {
    const doc = site.page(TARGET);
    expect(texts(doc, "header .site-title")).toEqual(["Archives de test"]);
    expect(texts(doc, "header nav.sections a")).toEqual(["Défense", "Économie", "États-Unis", "Irak", "Terrorisme", "Tous les sujets", "Sources", "Recherche"]);
    expect(doc.querySelector("header nav.sections a")?.getAttribute("href")).toBe("/sujets/defense/");
  });

  it("marks the topic of the page being read", () => {
    const irak = site.page("/sujets/irak/");
    expect(texts(irak, 'nav.sections [aria-current="page"]')).toEqual(["Irak"]);
  });

  it.each([
    ["/sujets/", "Tous les sujets"],
    ["/sources/", "Sources"],
    ["/recherche/", "Recherche"],
  ])("marks its own link on %s, and on no other page", (url, label) => {
    expect(texts(site.page(url), 'nav.sections [aria-current="page"]')).toEqual([label]);
    expect(texts(site.page(TARGET), 'nav.sections [aria-current="page"]')).toEqual([]);
  });

  it("has no quick search on the search page, whose own form is the search", () => {
    expect(site.page("/recherche/").querySelector(".site-search")).toBeNull();
    expect(site.page(TARGET).querySelector(".site-search #site-search-q")).not.toBeNull();
  });
});

describe("the home page", () => {
  it("shows the newest day's dispatches, newest first, under that day's date", () => {
    const doc = site.page("/");
    expect(texts(doc, "h1")).toEqual(["Les dépêches du lundi 3\u00a0janvier 2022"]);
    expect(headlines(doc, ".front .items .item h2")).toEqual(["Terrorisme : un procès", "Terrorisme : une arrestation"]);
  });

  it("then the days before, up to thirty articles in all", () => {
    const doc = site.page("/");
    const earlier = headlines(doc, ".front .headlines a");
    expect(earlier[0]).toBe("Économie : la croissance");
    expect(earlier).toHaveLength((site.result.pages?.articles ?? 0) - 2);
  });

  it("names the site only in its title and masthead, not a third time", () => {
    const doc = site.page("/");
    const text = doc.body.textContent ?? "";
    expect(text.split("Archives de test").length - 1).toBe(1);
    expect(texts(doc, "title")).toEqual(["Archives de test"]);
  });

  it("offers to browse by date: the newest month's calendar, then every year", () => {
    const doc = site.page("/");
    expect(texts(doc, "#by-date")).toEqual(["Parcourir par date"]);
    expect(doc.querySelector(".calendar caption a")?.getAttribute("href")).toBe("/2022/01/");
    expect([...doc.querySelectorAll(".calendar td a")].map((a) => a.getAttribute("href"))).toEqual(["/2022/01/03/"]);
    expect([...doc.querySelectorAll(".years a")].map((a) => a.getAttribute("href"))).toEqual(["/2022/", "/2021/"]);
  });
});

describe("the article page", () => {
  it("opens with the agencies and the Paris date as a byline", () => {
    const doc = site.page(TARGET);
    expect(texts(doc, "article header .byline")).toEqual([`Agence Anadolu et TRT Français — jeudi 9\u00a0décembre 2021 à 15${NBSP}h${NBSP}10`]);
    expect([...doc.querySelectorAll(".byline a")].map((a) => a.getAttribute("href"))).toEqual(["/sources/aa/", "/sources/trt-fr/"]);
    expect(texts(site.page("/2021/12/03/defense-des-exercices/"), ".byline")).toEqual([`TRT Français — vendredi 3\u00a0décembre 2021 à 10${NBSP}h${NBSP}00`]);
  });

  it("says on every page, in its footer, which clock its times are on: the site's, wherever the reader is", async () => {
    for (const url of ["/", TARGET, "/2021/12/", "/404.html"]) {
      expect(texts(site.page(url), ".site-footer p")[0], url).toMatch(/^Toutes les heures sont données à l’heure de Paris\. /);
    }
    const montreal = makeArchive({ "site.yaml": "title: Archives\nbaseUrl: https://archives.example.org\nlocale: fr\ntimezone: America/Montreal\n" });
    montreal.article("2021/12/09-a.md", { title: "Une dépêche" });
    const built = await buildArchive(montreal, { search: false });
    expect(texts(built.page("/"), ".site-footer p")[0]).toMatch(/^Toutes les heures sont données à l’heure de Montréal\. /);
    montreal.remove();
  });

  it("shows its topics in its header, before the text", () => {
    const doc = site.page(TARGET);
    expect(texts(doc, "article header .tags a")).toEqual(["Irak", "Défense"]);
  });

  it("lists five related articles: those sharing more topics first, then the nearest in time", () => {
    const doc = site.page(TARGET);
    expect(texts(doc, "#related")).toEqual(["Sur le même sujet"]);
    expect(headlines(doc, ".related .headlines a")).toEqual([
      "Irak et Défense : un accord",
      "Irak : premier jour",
      "Irak : les élections",
      "Irak : la coalition se retire",
      "Défense : des exercices",
    ]);
  });

  it("links the previous and next articles on its main topic, saying which", () => {
    const doc = site.page(TARGET);
    expect(doc.querySelector(".neighbours")?.getAttribute("aria-label")).toBe("Le fil du sujet «\u202fIrak\u202f»");
    expect(doc.querySelector(".neighbours .older")?.getAttribute("href")).toBe("/2021/12/05/irak-la-coalition-se-retire/");
    expect(doc.querySelector(".neighbours .newer")?.getAttribute("href")).toBe("/2021/12/12/irak-les-elections/");
    expect(texts(doc, ".neighbours .older span")).toEqual(["← Précédent sur le sujet «\u202fIrak\u202f»"]);
  });
});

describe("the date archives", () => {
  it("lists the month's headlines day by day beside its calendar, the rest of a busy day behind a link", () => {
    const doc = site.page("/2021/12/");
    expect(doc.querySelector(".month .calendar")).not.toBeNull();
    expect(texts(doc, ".month-days h3 a")).toEqual([
      "Mercredi 1er\u00a0décembre 2021",
      "Vendredi 3\u00a0décembre 2021",
      "Dimanche 5\u00a0décembre 2021",
      "Jeudi 9\u00a0décembre 2021",
      "Dimanche 12\u00a0décembre 2021",
      "Mardi 14\u00a0décembre 2021",
      "Lundi 20\u00a0décembre 2021",
      "Jeudi 30\u00a0décembre 2021",
    ]);
    const busy = [...doc.querySelectorAll(".month-days .headlines")][6]!;
    expect(busy.querySelectorAll("li:not(.more)")).toHaveLength(8);
    expect(texts(busy as unknown as Document, ".more a")).toEqual(["… et 2\u00a0autres dépêches ce jour-là"]);
    expect(texts(busy as unknown as Document, "time")[0]).toBe(`8${NBSP}h${NBSP}00`);
  });

  it("shows each month of the year with its count and its first headlines", () => {
    const doc = site.page("/2021/");
    expect(texts(doc, ".months h2")).toEqual(["Décembre 17\u00a0articles"]);
    expect(headlines(doc, ".months .headlines li:not(.more) a")).toEqual(["Irak : premier jour", "Défense : des exercices", "Irak : la coalition se retire"]);
    expect(texts(doc, ".months .more a")).toEqual(["… et 14\u00a0autres dépêches ce mois-là"]);
  });
});

describe("feeds", () => {
  it("are linked visibly from the home, topic and source pages, to files the site has", () => {
    const links = ["/", "/sujets/irak/", "/sources/aa/"].map((url) => site.page(url).querySelector(".feed-link a")?.getAttribute("href"));
    expect(links).toEqual(["/feed.xml", "/sujets/irak/feed.xml", "/feed.xml"]);
    for (const link of links) expect(site.has(link!)).toBe(true);
    expect(texts(site.page("/sujets/irak/"), ".feed-link")).toEqual(["S’abonner au sujet «\u202fIrak\u202f» (Atom)"]);
  });
});

describe("the article page's weight", () => {
  let sample: TestArchive;
  let sampleSite: BuiltSite;
  beforeAll(async () => {
    sample = makeSampleArchive();
    sampleSite = await buildArchive(sample);
  });
  afterAll(() => sample.remove());

  it("stays under 30 KB with its CSS, before compression, for every article of the sample", () => {
    const css = statSync(join(sampleSite.out, "style.css")).size;
    const articles = siteFiles(sampleSite.out).filter((f) => /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(f));
    expect(articles.length).toBeGreaterThan(3);
    for (const file of articles) {
      const bytes = readFileSync(join(sampleSite.out, file)).length + css;
      expect(bytes, `${file} with style.css`).toBeLessThan(30 * 1024);
    }
  });
});

describe("the new dates under any machine timezone", () => {
  // Date reads the process's TZ when it starts: a child process plans the same archive under another TZ.
  const helpers = resolve(import.meta.dirname, "../helpers/site.ts");
  const script = `
    const { planArticles } = await import(${JSON.stringify(helpers)});
    const data = await planArticles({
      "2021/12/31-late.md": { title: "Tard", date: "2021-12-31T23:30:00", topics: "[Irak]" },
      "2021/12/31-early.md": { title: "Tôt", date: "2021-12-31T00:10:00+01:00", topics: "[Irak]" },
    });
    const late = data.pages.articles.find((p) => p.article.title === "Tard");
    const month = data.pages.months[0];
    console.log(JSON.stringify([
      data.pages.home[0].latestDay.label,
      late.article.dateText,
      late.related.map((r) => r.dateText),
      month.days.map((d) => d.label),
      month.days[0].items.map((i) => i.timeText),
    ]));`;

  it.each(["America/Los_Angeles", "Pacific/Kiritimati"])(
    "keeps the home's day, the byline, the related dates and the month's times on Paris's clock under TZ=%s",
    (tz) => {
      const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        cwd: resolve(import.meta.dirname, "../.."),
        env: { ...process.env, TZ: tz },
        encoding: "utf8",
      });
      expect(JSON.parse(output)).toEqual([
        "vendredi 31\u00a0décembre 2021",
        `vendredi 31\u00a0décembre 2021 à 23${NBSP}h${NBSP}30`,
        [`vendredi 31\u00a0décembre 2021 à 0${NBSP}h${NBSP}10`],
        ["Vendredi 31\u00a0décembre 2021"],
        [`0${NBSP}h${NBSP}10`, `23${NBSP}h${NBSP}30`],
      ]);
    },
  );
});
