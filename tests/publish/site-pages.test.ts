import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArchive, REGISTRY_URLS, TOPICS_YAML, type TestArchive } from "../helpers/archive.ts";
import { buildArchive, siteFiles, texts, type BuiltSite } from "../helpers/site.ts";
import { serveFolder } from "../helpers/static-server.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
let site: BuiltSite;

beforeAll(async () => {
  archive = makeArchive();
  archive.article("2021/12/09-irak.md", {
    title: "L’Irak annonce la fin de la mission de combat",
    date: "2021-12-09T15:10:00+01:00",
    topics: "[Irak, États-Unis, Défense]",
    extra: "shortLink: https://turquie2023.com/Ivo58D\nupdated: 2021-12-10T08:05:00+01:00",
    body: "Le gouvernement irakien a officiellement annoncé, jeudi, la fin des missions de combat.\n\nDeuxième paragraphe.",
  });
  archive.article("2021/12/31-late.md", { title: "Dépêche de la Saint-Sylvestre", date: "2021-12-31T23:30:00", topics: "[Économie]" });
  archive.article("2022/01/01-first.md", {
    title: "Première dépêche de l’année",
    date: "2022-01-01T00:10:00+01:00",
    topics: "[Économie]",
    extra: 'summary: "Le chapô choisi par la rédaction."',
  });
  archive.article("2021/11/30-nov.md", { title: "Fin novembre", date: "2021-11-30", topics: "[Terrorisme]", sources: "[AA]" });
  // 23:30 in Paris is 22:30 UTC: still the 14th in Paris.
  archive.article("2021/07/14-night.md", { title: "Nuit du 14 juillet", date: "2021-07-14T21:30:00Z", topics: "[Défense]" });
  archive.article("2021/12/09-draft.md", { title: "Brouillon", date: "2021-12-09T10:00:00", extra: "draft: true" });
  site = await buildArchive(archive);
  expect(site.result.ok).toBe(true);
});
afterAll(() => archive.remove());

describe("every page kind exists at its URL", () => {
  it.each([
    "/",
    "/2021/12/09/l-irak-annonce-la-fin-de-la-mission-de-combat/",
    "/sujets/",
    "/sujets/irak/",
    "/sujets/economie/",
    "/sources/",
    "/sources/aa/",
    "/sources/trt-fr/",
    "/2021/",
    "/2021/12/",
    "/2021/12/09/",
    "/2022/01/01/",
    "/404.html",
    "/style.css",
  ])("%s", (url) => expect(site.has(url)).toBe(true));

  it("keeps drafts out of the site", () => {
    expect(site.has("/2021/12/09/brouillon/")).toBe(false);
    expect(texts(site.page("/2021/12/09/"), ".item h2")).toEqual(["L’Irak annonce la fin de la mission de combat"]);
  });

  it("writes one page per article and nothing half-built", () => {
    expect(site.result.pages?.articles).toBe(5);
    expect(readdirSync(archive.root).filter((n) => n.includes("building"))).toEqual([]);
  });
});

describe("the site's description", () => {
  // The home page's meta description and its WebSite data, the site feed's subtitle (Atom and JSON Feed), the home's intro.
  const describedAs = (built: BuiltSite): string[] => [
    built.page("/").querySelector('meta[name="description"]')?.getAttribute("content") ?? "",
    (JSON.parse(built.page("/").querySelector('script[type="application/ld+json"]')!.textContent!) as { description: string }).description,
    built.text("/feed.xml").match(/<subtitle>(.*)<\/subtitle>/)?.[1] ?? "",
    (JSON.parse(built.text("/feed.json")) as { description: string }).description,
    built.page("/").querySelector(".intro")?.textContent ?? "",
  ];

  it("says what the archive holds when site.yaml gives none, rather than the title again; site.yaml's when it gives one", async () => {
    const a = makeArchive({ "site.yaml": "title: Dépêches\nbaseUrl: https://archives.example.org\nlocale: fr\ntimezone: Europe/Paris\n" });
    a.article("2019/03/05-un.md", { title: "Un", date: "2019-03-05T10:00:00" });
    a.article("2021/12/09-deux.md", { title: "Deux", date: "2021-12-09T10:00:00" });
    const home = "Dépêches\u00a0: 2\u00a0articles de 2019 à 2021.";
    const feed = "Les dernières dépêches de «\u202fDépêches\u202f».";
    expect(describedAs(await buildArchive(a))).toEqual([home, home, feed, feed, ""]);
    a.write("site.yaml", "title: Dépêches\nbaseUrl: https://archives.example.org\nlocale: fr\ntimezone: Europe/Paris\ndescription: Nos dépêches.\n");
    expect(describedAs(await buildArchive(a))).toEqual(Array(5).fill("Nos dépêches."));
    a.remove();
  });
});

describe("the article page", () => {
  const url = "/2021/12/09/l-irak-annonce-la-fin-de-la-mission-de-combat/";
  it("shows title, French date with time, update, sources, topics, body and short link", () => {
    const doc = site.page(url);
    expect(doc.documentElement.getAttribute("lang")).toBe("fr");
    expect(texts(doc, "h1")).toEqual(["L’Irak annonce la fin de la mission de combat"]);
    const times = texts(doc, "article header time");
    expect(times[0]).toBe("jeudi 9\u00a0décembre 2021 à 15\u00a0h\u00a010");
    expect(times[1]).toBe("vendredi 10\u00a0décembre 2021 à 8\u00a0h\u00a005");
    expect(doc.querySelector("article header time")?.getAttribute("datetime")).toBe("2021-12-09T15:10:00+01:00");
    expect(texts(doc, ".facts dd")[0]).toContain("Agence Anadolu");
    expect([...doc.querySelectorAll(".tags a")].map((a) => a.getAttribute("href"))).toEqual(["/sujets/irak/", "/sujets/etats-unis/", "/sujets/defense/"]);
    expect(texts(doc, ".body p")).toEqual(["Le gouvernement irakien a officiellement annoncé, jeudi, la fin des missions de combat.", "Deuxième paragraphe."]);
    expect(doc.querySelector('a[href="https://turquie2023.com/Ivo58D"]')).not.toBeNull();
  });

  it("shows the editor's standfirst under the title, and none when the text's first paragraph stands for it", () => {
    const withSummary = site.page("/2022/01/01/premiere-depeche-de-l-annee/");
    expect(texts(withSummary, "article header .chapo")).toEqual(["Le chapô choisi par la rédaction."]);
    expect(withSummary.querySelector("article header h1 + p.chapo + .byline")).not.toBeNull();
    const without = site.page(url);
    expect(without.querySelector(".chapo")).toBeNull();
    const opening = "Le gouvernement irakien a officiellement annoncé";
    expect(without.querySelector("main")?.textContent?.split(opening)).toHaveLength(2);
  });

  it("shows a standfirst that the text's first sentence repeats once, as the text, and one that differs above it", async () => {
    const a = makeArchive();
    // Wire copy's lead repeated as the body's first sentence, typed without French spacing.
    a.article("2021/12/09-repeated.md", {
      title: "Un chapô repris",
      extra: 'summary: "La réunion, tenue à huis clos, a duré 3 heures!"',
      body: "La réunion, tenue à huis clos, a duré 3 heures ! L'ONU s'est dite satisfaite.\n\nSuite.",
    });
    a.article("2021/12/09-longer.md", {
      title: "Un chapô plus long",
      extra: 'summary: "La réunion a duré 3 heures, et l’ONU s’est dite satisfaite."',
      body: "La réunion a duré 3 heures.\n\nSuite.",
    });
    const built = await buildArchive(a);
    const repeated = built.page("/2021/12/09/un-chapo-repris/");
    expect(repeated.querySelector(".chapo")).toBeNull();
    expect(repeated.querySelector("main")?.textContent?.split("tenue à huis clos")).toHaveLength(2);
    // The lists still quote the editor's standfirst, and the page's description is it.
    expect(repeated.querySelector('meta[name="description"]')?.getAttribute("content")?.replace(/\s/g, " ")).toBe(
      "La réunion, tenue à huis clos, a duré 3 heures !",
    );
    const longer = built.page("/2021/12/09/un-chapo-plus-long/");
    expect(texts(longer, "article header .chapo")).toEqual(["La réunion a duré 3 heures, et l’ONU s’est dite satisfaite."]);
    a.remove();
  });

  it("sets the standfirst as the title is set: French typography, ordinals raised, an editor's markup shown as text", async () => {
    const a = makeArchive();
    a.article("x.md", { title: "Un chapô", extra: `summary: 'Le XIXe siècle : <b>R&D</b> &amp; "oui" {{ 7*7 }}'` });
    const chapo = (await buildArchive(a)).page("/2021/12/09/un-chapo/").querySelector(".chapo");
    expect(chapo?.textContent).toBe("Le XIXe siècle\u00a0: <b>R&D</b> &amp; «\u202foui\u202f» {{ 7*7 }}");
    expect([...(chapo?.children ?? [])].map((e) => e.outerHTML)).toEqual(["<sup>e</sup>"]);
    a.remove();
  });

  it("has a breadcrumb Accueil › 2021 › décembre › 9 décembre", () => {
    const doc = site.page(url);
    expect(texts(doc, ".breadcrumb a")).toEqual(["Accueil", "2021", "décembre", "9\u00a0décembre"]);
    expect([...doc.querySelectorAll(".breadcrumb a")].map((a) => a.getAttribute("href"))).toEqual(["/", "/2021/", "/2021/12/", "/2021/12/09/"]);
  });

  it("links to the previous and next articles on its main topic, and to none on another topic", () => {
    // The only article on Irak: the wire's next dispatch (Économie) is not its thread.
    expect(site.page(url).querySelector(".neighbours")).toBeNull();
    const late = site.page("/2021/12/31/depeche-de-la-saint-sylvestre/");
    expect(late.querySelector(".neighbours .older")).toBeNull();
    expect(late.querySelector(".neighbours .newer")?.getAttribute("href")).toBe("/2022/01/01/premiere-depeche-de-l-annee/");
    expect(late.querySelector(".neighbours")?.getAttribute("aria-label")).toBe("Le fil du sujet «\u202fÉconomie\u202f»");
    expect(texts(late, ".neighbours .newer span")).toEqual(["Suivant sur le sujet «\u202fÉconomie\u202f» →"]);
  });

  it("has one h1, a skip link to main, and landmarks", () => {
    const doc = site.page(url);
    expect(doc.querySelectorAll("h1")).toHaveLength(1);
    expect(doc.querySelector("a.skip-link")?.getAttribute("href")).toBe("#contenu");
    expect(doc.querySelector("main#contenu")).not.toBeNull();
    expect(doc.querySelector("header nav")).not.toBeNull();
    expect(doc.querySelector("footer")).not.toBeNull();
  });

  it("keeps its title the only h1: a body's first-level headings are shown as subheadings", async () => {
    const a = makeArchive();
    a.article("x.md", { title: "Une dépêche", body: "# Un titre dans le texte\n\nUn paragraphe.\n\nUn autre titre\n===\n\n## Un intertitre" });
    const doc = (await buildArchive(a)).page("/2021/12/09/une-depeche/");
    expect(texts(doc, "h1")).toEqual(["Une dépêche"]);
    expect(texts(doc, ".body h2")).toEqual(["Un titre dans le texte", "Un autre titre", "Un intertitre"]);
    a.remove();
  });
});

describe("dates are Paris days", () => {
  it("puts an article at 23:30 Paris time on its Paris day", () => {
    expect(site.has("/2021/07/14/nuit-du-14-juillet/")).toBe(true);
    expect(texts(site.page("/2021/07/14/"), ".item h2")).toEqual(["Nuit du 14 juillet"]);
    expect(texts(site.page("/2021/07/14/nuit-du-14-juillet/"), "article header time")[0]).toBe("mercredi 14\u00a0juillet 2021 à 23\u00a0h\u00a030");
    expect(site.has("/2021/12/31/depeche-de-la-saint-sylvestre/")).toBe(true);
  });

  it("links each day to the previous and next days that have articles, across months and years", () => {
    const dec31 = site.page("/2021/12/31/");
    expect(dec31.querySelector(".neighbours .older")?.getAttribute("href")).toBe("/2021/12/09/");
    expect(dec31.querySelector(".neighbours .newer")?.getAttribute("href")).toBe("/2022/01/01/");
    expect(texts(dec31, "h1")).toEqual(["Vendredi 31\u00a0décembre 2021"]);
    const dec9 = site.page("/2021/12/09/");
    expect(dec9.querySelector(".neighbours .older")?.getAttribute("href")).toBe("/2021/11/30/");
    const jan1 = site.page("/2022/01/01/");
    expect(jan1.querySelector(".neighbours .newer")).toBeNull();
    expect(texts(jan1, "h1")).toEqual(["Samedi 1er\u00a0janvier 2022"]);
  });

  it("lists months with counts on the year page, and a Monday-first calendar on the month page", () => {
    const year = site.page("/2021/");
    expect(texts(year, ".months h2 a")).toEqual(["Juillet", "Novembre", "Décembre"]);
    expect(texts(year, ".months h2 .count")).toEqual(["1\u00a0article", "1\u00a0article", "2\u00a0articles"]);
    const month = site.page("/2021/12/");
    expect(texts(month, "thead th")[0]).toBe("lun.");
    const linked = [...month.querySelectorAll(".calendar td a")].map((a) => a.getAttribute("href"));
    expect(linked).toEqual(["/2021/12/09/", "/2021/12/31/"]);
    expect(texts(month, ".calendar td a .visually-hidden")).toEqual([
      "jeudi 9\u00a0décembre 2021\u00a0: 1\u00a0article",
      "vendredi 31\u00a0décembre 2021\u00a0: 1\u00a0article",
    ]);
    // 1 December 2021 was a Wednesday: two empty cells come first.
    const firstWeek = [...month.querySelectorAll(".calendar tbody tr")][0]!;
    expect([...firstWeek.querySelectorAll("td")].map((td) => td.textContent?.trim())).toEqual(["", "", "1", "2", "3", "4", "5"]);
  });
});

describe("lists", () => {
  it("shows title, date and summary or the start of the first paragraph", () => {
    const economie = site.page("/sujets/economie/");
    expect(texts(economie, ".item h2")).toEqual(["Première dépêche de l’année", "Dépêche de la Saint-Sylvestre"]);
    expect(texts(economie, ".item p:last-child")[0]).toBe("Le chapô choisi par la rédaction.");
    expect(texts(economie, ".item time")[0]).toBe("samedi 1er\u00a0janvier 2022 à 0\u00a0h\u00a010");
    const irak = site.page("/sujets/irak/");
    expect(texts(irak, ".item p:last-child")).toEqual(["Le gouvernement irakien a officiellement annoncé, jeudi, la fin des missions de combat."]);
  });

  it("dates an article by its time alone under a heading that names its day, and by nothing when it has no time", () => {
    const dec9 = site.page("/2021/12/09/");
    expect(texts(dec9, ".item time")).toEqual(["15\u00a0h\u00a010"]);
    expect(dec9.querySelector(".item time")?.getAttribute("datetime")).toBe("2021-12-09T15:10:00+01:00");
    const home = site.page("/");
    expect(texts(home, "h1")[0]).toContain("1er\u00a0janvier 2022");
    expect(texts(home, ".items .item time")).toEqual(["0\u00a0h\u00a010"]);
    // Dated by its day only: a day's page has nothing to add to its heading.
    const nov30 = site.page("/2021/11/30/");
    expect(texts(nov30, ".item h2")).toEqual(["Fin novembre"]);
    expect(nov30.querySelector(".item .meta")).toBeNull();
    expect(texts(site.page("/sujets/terrorisme/"), ".item time")).toEqual(["mardi 30\u00a0novembre 2021"]);
  });

  it("lists every topic with its count on /sujets/", () => {
    const doc = site.page("/sujets/");
    const entries = texts(doc, ".entries li");
    expect(entries).toContain("Économie 2\u00a0articles");
    expect(entries).toContain("Irak 1\u00a0article");
    expect(entries).toHaveLength(5);
  });

  it("shows the newest articles on the home page with links to years and topics", () => {
    const doc = site.page("/");
    expect(texts(doc, ".items .item h2")[0]).toBe("Première dépêche de l’année");
    expect(texts(doc, ".years a")).toEqual(["2022", "2021"]);
  });
});

describe("pagination", () => {
  async function buildWith(count: number): Promise<{ site: BuiltSite; archive: TestArchive }> {
    const a = makeArchive();
    for (let i = 0; i < count; i++) {
      const day = String(1 + (i % 28)).padStart(2, "0");
      a.article(`2020/${i}.md`, {
        title: `Dépêche numéro ${i}`,
        date: `2020-${String(1 + Math.floor(i / 28)).padStart(2, "0")}-${day}T12:00:00`,
        topics: "[Irak]",
      });
    }
    return { site: await buildArchive(a), archive: a };
  }

  it("fits 20\u00a0articles on one page", async () => {
    const { site: s, archive: a } = await buildWith(20);
    expect(s.page("/sujets/irak/").querySelectorAll(".item")).toHaveLength(20);
    expect(s.has("/sujets/irak/page/2/")).toBe(false);
    expect(s.page("/sujets/irak/").querySelector(".pagination")).toBeNull();
    a.remove();
  });

  it("puts the 21st on page 2, with rel prev/next and the page number in the title", async () => {
    const { site: s, archive: a } = await buildWith(21);
    const first = s.page("/sujets/irak/");
    expect(first.querySelectorAll(".item")).toHaveLength(20);
    expect(first.querySelector('link[rel="next"]')?.getAttribute("href")).toBe("/sujets/irak/page/2/");
    expect(first.querySelector('.pagination a[rel="next"]')?.getAttribute("href")).toBe("/sujets/irak/page/2/");
    const second = s.page("/sujets/irak/page/2/");
    expect(second.querySelectorAll(".item")).toHaveLength(1);
    expect(texts(second, ".item h2")).toEqual(["Dépêche numéro 0"]);
    expect(second.querySelector('link[rel="prev"]')?.getAttribute("href")).toBe("/sujets/irak/");
    expect(second.querySelector("title")?.textContent).toContain("Irak — page 2 sur 2");
    expect(second.querySelector('.pagination [aria-current="page"]')?.textContent).toBe("2");
    // Each number read as its page, the current one too; the arrows are not read.
    expect([...second.querySelectorAll(".pagination li:not(.prev) a")].map((link) => link.getAttribute("aria-label"))).toEqual(["Page 1", "Page 2"]);
    const previous = second.querySelector('.pagination a[rel="prev"]')!;
    expect(previous.textContent).toBe("← Page précédente");
    expect(previous.querySelector('[aria-hidden="true"]')?.textContent).toBe("←");
    expect(first.querySelector('.pagination a[rel="next"] [aria-hidden="true"]')?.textContent).toBe("→");
    a.remove();
  });

  it("sends page/1/ of every list, of two pages or one, to the list itself, in no sitemap and no _redirects", async () => {
    const { site: s, archive: a } = await buildWith(21);
    for (const [list, name] of [
      ["/sujets/irak/", "Irak"],
      ["/sources/aa/", "Agence Anadolu"],
    ]) {
      const page = s.page(`${list}page/1/`);
      expect(page.querySelector('meta[http-equiv="refresh"]')?.getAttribute("content")).toBe(`0; url=${list}`);
      expect(page.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(`https://archives.example.org${list}`);
      expect(page.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
      expect(texts(page, "main p")[0]).toBe(
        fr`La première page de cette liste est à l’adresse de la liste. Si la page ne s’ouvre pas d’elle-même, suivez ce lien : ${name}`,
      );
      expect(page.querySelector("main a")?.getAttribute("href")).toBe(list);
    }
    expect(s.text("/sitemap.xml")).not.toContain("/page/1/");
    expect(s.has("/_redirects")).toBe(false);
    a.remove();
  });
});

describe("editors' text never runs", () => {
  it("escapes a title with <script> everywhere it appears, and shows raw HTML and template syntax in a body as text", async () => {
    const a = makeArchive();
    a.article("x.md", {
      title: "<script>alert(1)</script> & {{ 7*7 }}",
      date: "2021-12-09T12:00:00",
      extra: 'summary: "<img src=x onerror=alert(1)> {% raw %}"',
      body: "<script>alert(2)</script>\n\n<b>gras</b> {{ 7*7 }} {% include x %} {{ site }}",
    });
    const s = await buildArchive(a);
    expect(s.result.ok).toBe(true);
    for (const file of siteFiles(s.out).filter((f) => f.endsWith(".html"))) {
      const html = s.text(file);
      expect(html, file).not.toMatch(/<script>alert/);
      // JSON-LD may quote the title, escaped; no other script may hold it.
      expect(html, file).not.toMatch(/<script(?![^>]*application\/ld\+json)[^>]*>[^<]*alert\(/);
      expect(html, file).not.toMatch(/<img src=x/);
      expect(html, file).not.toContain("<b>gras</b>");
      expect(html, file).not.toContain("49");
    }
    const page = s.page("/2021/12/09/script-alert-1-script-et-7-7/");
    expect(texts(page, "h1")[0]).toBe("<script>alert(1)</script> & {{ 7*7 }}");
    expect(texts(page, ".chapo")).toEqual(["<img src=x onerror=alert(1)> {% raw %}"]);
    expect(page.querySelector(".body")?.textContent).toContain("<script>alert(2)</script>");
    expect(page.querySelector(".body")?.textContent).toContain("{{ 7*7 }} {% include x %} {{ site }}");
    a.remove();
  });
});

describe("a failing build", () => {
  it("prints every error, writes nothing and leaves the previous output untouched", async () => {
    const a = makeArchive();
    a.article("ok.md", { title: "Valide" });
    const first = await buildArchive(a);
    expect(first.result.ok).toBe(true);
    const before = first.text("/2021/12/09/valide/");
    // In a folder a build wrote: at the site's top, an entry no build wrote is refused before anything is read.
    writeFileSync(join(first.out, "2021/marker.txt"), "from the previous build");
    a.article("bad.md", { topics: "[Irack]", extra: "shortlink: x" });
    const second = await buildArchive(a);
    expect(second.result.ok).toBe(false);
    expect(second.result.diagnostics.filter((d) => d.severity === "error")).toHaveLength(2);
    expect(second.text("/2021/12/09/valide/")).toBe(before);
    expect(second.text("/2021/marker.txt")).toBe("from the previous build");
    a.remove();
  });

  it("replaces the previous output whole when it succeeds", async () => {
    const a = makeArchive();
    a.article("ok.md", { title: "Valide" });
    const first = await buildArchive(a);
    writeFileSync(join(first.out, "2021/stale.txt"), "x");
    a.article("ok.md", { title: "Renommé", extra: "aliases: [/2021/12/09/valide/]" });
    // A clean build (no cache): an incremental one replaces only the files it wrote.
    const second = await buildArchive(a, { cacheDir: undefined });
    expect(second.result.ok).toBe(true);
    expect(second.has("/2021/stale.txt")).toBe(false);
    expect(second.has("/2021/12/09/renomme/")).toBe(true);
    expect(second.page("/2021/12/09/valide/").querySelector('meta[http-equiv="refresh"]')).not.toBeNull();
    a.remove();
  });
});

describe("aliases", () => {
  it("give each old URL a redirect page and a _redirects line", async () => {
    const a = makeArchive();
    a.article("x.md", { title: "Nouveau titre", extra: "aliases: [/2021/12/09/ancien-titre/, /actualites/irak-123.html]" });
    const s = await buildArchive(a);
    expect(s.result.ok).toBe(true);
    const page = s.page("/2021/12/09/ancien-titre/");
    expect(page.querySelector('meta[http-equiv="refresh"]')?.getAttribute("content")).toBe("0; url=/2021/12/09/nouveau-titre/");
    expect(page.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe("https://archives.example.org/2021/12/09/nouveau-titre/");
    expect(page.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    expect(texts(page, "main p")[0]).toContain("Cet article a changé d’adresse");
    expect(page.querySelector("main a")?.getAttribute("href")).toBe("/2021/12/09/nouveau-titre/");
    expect(s.has("/actualites/irak-123.html")).toBe(true);
    expect(s.text("/_redirects")).toBe(
      "/2021/12/09/ancien-titre/ /2021/12/09/nouveau-titre/ 301!\n/actualites/irak-123.html /2021/12/09/nouveau-titre/ 301!\n",
    );
    expect(s.text("/sitemap.xml")).not.toContain("ancien-titre");
    a.remove();
  });

  it("are written where static servers look for them: an escaped alias at its path decoded, listed in no sitemap or feed", async () => {
    const a = makeArchive();
    a.article("x.md", { title: "Nouveau titre", extra: "aliases: [/2021/12/09/caf%C3%A9/, /archives/cr%c3%a8me%20br%C3%BBl%C3%A9e.html]" });
    const s = await buildArchive(a);
    expect(s.result.ok).toBe(true);
    expect(existsSync(join(s.out, "2021/12/09/café/index.html"))).toBe(true);
    expect(existsSync(join(s.out, "archives/crème brûlée.html"))).toBe(true);
    expect(siteFiles(s.out).filter((path) => path.includes("%"))).toEqual([]);
    expect(s.text("/_redirects")).toBe(
      "/2021/12/09/caf%C3%A9/ /2021/12/09/nouveau-titre/ 301!\n/archives/cr%C3%A8me%20br%C3%BBl%C3%A9e.html /2021/12/09/nouveau-titre/ 301!\n",
    );
    // As a plain host serves it, decoding the path the browser sends.
    const server = await serveFolder(s.out);
    try {
      const response = await fetch(`${server.origin}/2021/12/09/caf%C3%A9/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<meta http-equiv="refresh" content="0; url=/2021/12/09/nouveau-titre/">');
    } finally {
      await server.close();
    }
    for (const listing of ["/sitemap.xml", "/feed.xml", "/feed.json"]) expect(s.text(listing)).not.toMatch(/caf|cr%|crème/i);
    // Built again from its cache, without the first alias: its page goes, the other stays.
    a.article("x.md", { title: "Nouveau titre", extra: "aliases: [/archives/cr%c3%a8me%20br%C3%BBl%C3%A9e.html]" });
    const again = await buildArchive(a);
    expect(again.result.incremental).toBe(true);
    expect(existsSync(join(s.out, "2021/12/09/café"))).toBe(false);
    expect(existsSync(join(s.out, "archives/crème brûlée.html"))).toBe(true);
    a.remove();
  });

  it("may not take the place of another page", async () => {
    const a = makeArchive();
    a.article("x.md", { title: "Titre", extra: "aliases: [/2021/12/09/]" });
    const s = await buildArchive(a);
    expect(s.result.ok).toBe(false);
    expect(s.result.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([
      fr`${a.display("articles/x.md")}:6: l’alias /2021/12/09/ est l’adresse de /2021/12/09/, que le site écrit lui-même : une redirection la cacherait ; retirez-le`,
    ]);
    expect(s.has("/")).toBe(false);
    a.remove();
  });
});

describe("published URLs never silently disappear", () => {
  it("records every published URL in content/urls.txt when asked, drafts aside", async () => {
    const a = makeArchive();
    a.article("a.md", { title: "Un", extra: "aliases: [/ancien/]" });
    a.article("b.md", { title: "Brouillon", extra: "draft: true" });
    await buildArchive(a, { drafts: true });
    await buildArchive(a);
    expect(existsSync(join(a.dir, "urls.txt"))).toBe(false);
    await buildArchive(a, { recordUrls: true });
    const manifest = readFileSync(join(a.dir, "urls.txt"), "utf8");
    expect(manifest.split("\n").filter((l) => l.startsWith("/"))).toEqual(["/2021/12/09/un/", "/ancien/", ...REGISTRY_URLS.trim().split("\n")]);
    a.remove();
  });

  it("refuses a rename without an alias, pointing at the line of urls.txt, and accepts a deliberate removal", async () => {
    const a = makeArchive();
    a.article("a.md", { title: "Un" });
    a.article("b.md", { title: "Deux" });
    expect((await buildArchive(a, { recordUrls: true })).result.ok).toBe(true);
    a.article("a.md", { title: "Un autre titre" });
    const refused = await buildArchive(a);
    expect(refused.result.ok).toBe(false);
    const lines = readFileSync(join(a.dir, "urls.txt"), "utf8").split("\n");
    const line = lines.indexOf("/2021/12/09/un/") + 1;
    expect(refused.result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`)).toEqual([
      fr`${a.display("urls.txt")}:${line}:1: error: /2021/12/09/un/ a été publiée, mais aucun article n’a plus cette adresse : ajoutez-la aux « aliases » de l’article qui la remplace, ou, pour la retirer exprès, mettez un « ! » au début de cette ligne`,
    ]);
    a.write("urls.txt", readFileSync(join(a.dir, "urls.txt"), "utf8").replace("/2021/12/09/un/", "! /2021/12/09/un/ renommé sans redirection"));
    const accepted = await buildArchive(a, { recordUrls: true });
    expect(accepted.result.diagnostics).toEqual([]);
    const manifest = readFileSync(join(a.dir, "urls.txt"), "utf8");
    expect(manifest).toContain("\n/2021/12/09/un-autre-titre/\n");
    expect(manifest).toContain("\n! /2021/12/09/un/ renommé sans redirection\n");
    a.remove();
  });
});

describe("titles in French typography", () => {
  it("raise ordinals in headings and lists, and keep plain text in the document title", async () => {
    const a = makeArchive();
    a.article("x.md", { title: "Le XIXe siècle et le 1er mai : bilan" });
    const s = await buildArchive(a);
    const page = s.page("/2021/12/09/le-xixe-siecle-et-le-1er-mai-bilan/");
    expect(page.querySelector("h1")?.innerHTML.replaceAll("&#160;", "\u00a0")).toBe("Le XIX<sup>e</sup> siècle et le 1<sup>er</sup> mai\u00a0: bilan");
    expect(page.querySelector("title")?.textContent).toBe("Le XIXe siècle et le 1er mai\u00a0: bilan — Archives de test");
    expect(s.page("/2021/12/09/").querySelector(".item h2 a")?.innerHTML).toContain("XIX<sup>e</sup>");
    a.remove();
  });

  it("keep « & » and the character references an editor typed whole, and quote with ‘ ’ what was typed with '", async () => {
    const a = makeArchive();
    a.article("x.md", {
      title: "AT&T rachète Time Warner ; la fusion",
      extra: 'summary: "Procter &amp; Gamble ; R&D"',
      body: "Chez R&D et Procter & Gamble ; la fusion. En HTML, \\&amp; s'écrit ainsi ; &amp;lt; aussi. Il a dit 'non' hier.",
    });
    const s = await buildArchive(a);
    const url = "/2021/12/09/at-et-t-rachete-time-warner-la-fusion/";
    const page = s.page(url);
    expect(texts(page, "h1")).toEqual(["AT&T rachète Time Warner\u202f; la fusion"]);
    expect(texts(page, "main p")).toContain(
      "Chez R&D et Procter & Gamble\u202f; la fusion. En HTML, &amp; s’écrit ainsi\u202f; &lt; aussi. Il a dit ‘non’ hier.",
    );
    expect(page.querySelector('meta[name="description"]')?.getAttribute("content")).toBe("Procter &amp; Gamble\u202f; R&D");
    expect(texts(s.page("/2021/12/09/"), ".item p:not(.meta)")).toEqual(["Procter &amp; Gamble\u202f; R&D"]);
    expect(s.text(url)).not.toMatch(/&(?:amp;)?[a-z]+\u202f;/);
    a.remove();
  });

  it("set a topic's description the same on /sujets/ as on the topic's own page", async () => {
    const a = makeArchive({
      "topics.yaml": TOPICS_YAML.replace("label: Irak\n", "label: Irak\n  description: \"L'actualité de l'Irak : politique, sécurité ; économie !\"\n"),
    });
    a.article("x.md", { title: "Une dépêche", topics: "[Irak]" });
    const s = await buildArchive(a);
    const typeset = "L’actualité de l’Irak\u00a0: politique, sécurité\u202f; économie\u202f!";
    expect(texts(s.page("/sujets/"), ".entries li p")).toEqual([typeset]);
    expect(texts(s.page("/sujets/irak/"), "main p")).toContain(typeset);
    a.remove();
  });
});
