/**
 * The search page in Debian's Chromium over a built archive: relevance (only the words of the
 * articles, titles first, by default; newest first on demand), French stemming and accent folding,
 * the filters and their counts, the address carrying the search (shared, Back), results with date,
 * source and highlighted words, and a search that fetches only what its words need once the page
 * has paid the fixed costs.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { launchChromium } from "../helpers/browser.ts";
import { buildArchive } from "../helpers/site.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";
import { fr } from "../helpers/french.ts";
import { decodeRows, ROWS_FILE } from "../../src/search/bundle-rows.ts";
import { splitIndexChunks } from "../../src/search/index-chunks.ts";
import { PACKS_FOLDER, writeSearchPacks } from "../../src/search/index-packs.ts";

const TOPICS = `- slug: turquie
  label: Turquie
- slug: irak
  label: Irak
- slug: economie
  label: "Économie"
`;

// Two articles say « Turquie »: one in its title (older), one in its body (newer). Three others
// only carry it where readers never read it as the article's words: a topic, a source's name, the
// share link.
const ARTICLES: Record<string, string> = {
  "2021/03/01-titre.md": article(
    "La Turquie ouvre un nouveau poste-frontière",
    "2021-03-01",
    "[Irak]",
    "Le poste doit faciliter les échanges de marchandises.",
  ),
  "2022/05/02-corps.md": article(
    "Le ministre en visite à Bagdad",
    "2022-05-02",
    "[Irak]",
    "Le ministre a rappelé, selon l’*Express* du jour, les liens entre l’Irak et la Turquie.",
  ),
  "2022/06/03-sujet.md": article("Les exportations de blé progressent", "2022-06-03", "[Turquie, Économie]", "Les récoltes ont été abondantes cette année."),
  "2021/07/04-partage.md": article(
    "Les autorités irakiennes annoncent un recensement",
    "2021-07-04",
    "[Irak]",
    "Le gouvernement irakien a fixé la date.",
    "shortLink: https://turquie2023.com/Ab12Cd",
  ),
  "2021/08/05-economie.md": article(
    "Un rapport sur l’économie régionale",
    "2021-08-05",
    "[Économie]",
    "La croissance de l'économie ralentit après les élections. Le ministre l'a dit, 'non' dit-il, pas aujourd'hui. Pourquoi ? \"Rien\", a-t-il répondu : à 10 %.",
  ),
  "2022/09/06-source.md": article("Le port de Bassorah agrandi", "2022-09-06", "[Irak]", "Les travaux ont duré deux ans.", "", "[TRT]"),
};

// A number grouped by thousands: typed by the editor with a space in the title and a no-break
// space in the body, or ungrouped (the typography groups 25000, not 4920); and apart, « 4 » and
// « 920 », and « 25 » alone. Older than the articles above in their year: their rows keep their ranks.
Object.assign(ARTICLES, {
  "2021/01/10-crues.md": article(
    "4 920 sinistrés après les crues",
    "2021-01-10",
    "[Irak]",
    "Les crues ont laissé 4\u00a0920 sinistrés et 25000 déplacés.",
    "",
    "[AFP]",
  ),
  "2021/01/11-commune.md": article("Une commune du nord", "2021-01-11", "[Irak]", "La commune compte 4920 habitants."),
  "2021/01/12-maisons.md": article("Des maisons évacuées", "2021-01-12", "[Irak]", "Le 25 janvier, 920 maisons ont été évacuées et 4 écoles fermées."),
  // Numbers that start with another's digits: a number searched is found whole, never as the start of another.
  "2021/01/13-budget.md": article("Un budget de 492 000 euros", "2021-01-13", "[Irak]", "Il finance 49 200 foyers et 20 230 places ; la dette baisse de 35 %."),
  "2021/01/14-vote.md": article("Le budget voté en 2023", "2021-01-14", "[Irak]", "La dette baisse de 3,5 %."),
  // Numbers typed with points, and glued to letters: « G20 » is not « G200 », « F-16 » not « F-161 ».
  "2021/01/02-sommet.md": article(
    "Le sommet du G20 s’ouvre",
    "2021-01-02",
    "[Irak]",
    "Un F-16 survole 1 500 soldats ; le billet coûte 45 euros, la chambre 3 000 euros : trop cher ?",
  ),
  "2021/01/03-groupe.md": article("Le G200 et le F-161", "2021-01-03", "[Irak]", "La version 3.5 du logiciel sort, et 1.500 réfugiés arrivent."),
  "2021/01/04-reseau.md": article("La COVID-19 et le réseau 5G", "2021-01-04", "[Irak]", "Un A400M livre des vaccins à l’A320."),
});

// « conseil municipal » as a phrase, and its words apart in the other order: a quoted phrase finds
// the first alone. Older than the articles above in their year.
Object.assign(ARTICLES, {
  "2021/01/05-conseil.md": article("Le conseil municipal se réunit", "2021-01-05", "[Irak]", "Les élus ont siégé jusqu’au soir."),
  "2021/01/06-quartier.md": article("Un quartier rénové", "2021-01-06", "[Irak]", "Le projet municipal, approuvé par le conseil, avance."),
});

// Tildes of the article's own, where the index marks a no-break space too (after a word, before one).
ARTICLES["2021/01/07-dossier.md"] = article("Le dossier ~/rapports", "2021-01-07", "[Irak]", "Salut~ toi : environ ~ 40 minutes, « ~ » et x ~ : y.");

// Twelve more, six a year, for the pages of results.
for (let i = 1; i <= 12; i++) {
  const year = i <= 6 ? 2021 : 2022;
  const day = String(i).padStart(2, "0");
  ARTICLES[`${year}/02/${day}-phosphates-${i}.md`] = article(
    `Les phosphates, épisode ${i}`,
    `${year}-02-${day}`,
    "[Irak]",
    "Les mines de phosphates tournent.",
  );
}

function article(title: string, date: string, topics: string, body: string, extra = "", sources = "[AA]"): string {
  return [
    "---",
    `title: ${JSON.stringify(title)}`,
    `date: ${date}`,
    `sources: ${sources}`,
    `topics: ${topics}`,
    ...(extra ? [extra] : []),
    "---",
    body,
    "",
  ].join("\n");
}

const TITLE = "/2021/03/01/la-turquie-ouvre-un-nouveau-poste-frontiere/";
const BODY = "/2022/05/02/le-ministre-en-visite-a-bagdad/";

let archive: TestArchive;
let siteDir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  archive = makeArchive({
    "topics.yaml": TOPICS,
    "sources.yaml": `- code: AA\n  name: "Agence Anadolu"\n  url: https://www.aa.com.tr/fr\n- code: TRT\n  name: "TRT Turquie"\n  url: https://www.trtfrance.com\n- code: AFP\n  name: "Agence France-Presse"\n  url: https://www.afp.com\n`,
  });
  for (const [path, text] of Object.entries(ARTICLES)) archive.article(path, text);
  const site = await buildArchive(archive);
  if (!site.result.ok) throw new Error(site.result.diagnostics.map((d) => d.message).join("\n"));
  siteDir = site.out;
  server = await serveFolder(site.out);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  archive?.remove();
});

/**
 * A site of its own for a describe block, whose articles (path → text) the other searches never
 * meet: built and served before its tests, removed after them.
 */
function siteOf(articles: Record<string, string>): { readonly origin: string } {
  let own: TestArchive | undefined;
  let ownServer: StaticServer | undefined;
  beforeAll(async () => {
    own = makeArchive({ "topics.yaml": TOPICS });
    for (const [path, text] of Object.entries(articles)) own.article(path, text);
    const site = await buildArchive(own);
    if (!site.result.ok) throw new Error(site.result.diagnostics.map((d) => d.message).join("\n"));
    ownServer = await serveFolder(site.out);
  }, 120_000);
  afterAll(async () => {
    await ownServer?.close();
    own?.remove();
  });
  return {
    get origin() {
      return ownServer!.origin;
    },
  };
}

async function search(query: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/recherche/?${query}`);
  await page.waitForFunction(() => /résultat|Aucun|dépêche/.test(document.getElementById("search-status")?.textContent ?? ""));
  return page;
}

/** What the page shows once a search's status and its filters' counts are in: status, links, every choice's count. */
async function shownOnceCounted(page: Page): Promise<{ status: string | null; links: string[]; counts: string[] }> {
  await page.waitForFunction(
    () =>
      /résultat|Aucun|dépêche/.test(document.getElementById("search-status")?.textContent ?? "") &&
      document.querySelector(".search-filters")?.getAttribute("aria-busy") !== "true",
  );
  return {
    status: await page.locator("#search-status").textContent(),
    links: await links(page),
    counts: await page.locator("select option").allTextContents(),
  };
}

const links = (page: Page): Promise<string[]> =>
  page.locator("#search-results h2 a").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));

/**
 * Pagefind's worker watched from the page, before it opens: the data handles of each answer that
 * crosses with results (a search's, a pick's), and whether the worker still holds a handle's data
 * (its `getData` answers null once released). No FinalizationRegistry: the page's side of Pagefind
 * then releases nothing itself.
 */
async function watchWorker(page: Page): Promise<{ crossed: () => Promise<string[][]>; holds: (handle: string) => Promise<boolean> }> {
  await page.addInitScript(() => {
    const w = window as unknown as { worker: Worker; handles: string[][]; answers: Map<string, unknown> };
    Reflect.deleteProperty(window, "FinalizationRegistry");
    w.handles = [];
    w.answers = new Map();
    const listen = Worker.prototype.addEventListener;
    Worker.prototype.addEventListener = function (this: Worker, type: string, listener: EventListenerOrEventListenerObject, ...rest: []) {
      if (type === "message") {
        w.worker = this;
        listen.call(this, type, (event: Event) => {
          const { id, result } = (event as MessageEvent).data ?? {};
          if (String(id).startsWith("probe")) w.answers.set(id, result);
          else if (Array.isArray(result?.results)) w.handles.push(result.results.map((r: { data: string }) => r.data));
        });
      }
      return listen.call(this, type, listener, ...rest);
    };
  });
  let probes = 0;
  return {
    // The handles of the answers that crossed since last asked, an array per answer.
    crossed: () => page.evaluate(() => (window as unknown as { handles: string[][] }).handles.splice(0)),
    holds: (handle) =>
      page.evaluate(
        async ({ handle, id }) => {
          const w = window as unknown as { worker: Worker; answers: Map<string, unknown> };
          w.worker.postMessage({ id, method: "getData", args: [handle] });
          while (!w.answers.has(id)) await new Promise((resolve) => setTimeout(resolve, 10));
          return w.answers.get(id) !== null;
        },
        { handle, id: `probe${probes++}` },
      ),
  };
}

describe("search relevance", () => {
  it("finds « Turquie » only in the articles that say it, not through topics, sources or share links; the title match first", async () => {
    const page = await search("q=Turquie");
    expect(await page.locator("#search-status").textContent()).toBe("2\u00a0résultats pour «\u202fTurquie\u202f».");
    // Relevance by default: the older article, which says it in its title, above the newer one, which says it in its body.
    expect(await links(page)).toEqual([TITLE, BODY]);
    expect(await page.locator("#ordre").inputValue()).toBe("");
    await page.close();
  });

  it("offers newest first, and puts it in the address; Back returns to relevance", async () => {
    const page = await search("q=Turquie");
    await page.locator("#ordre").selectOption("recent");
    await page.waitForURL(/\?q=Turquie&ordre=recent$/);
    await page.waitForFunction((body) => document.querySelector("#search-results h2 a")?.getAttribute("href") === body, BODY);
    expect(await links(page)).toEqual([BODY, TITLE]);
    await page.goBack();
    await page.waitForFunction((title) => document.querySelector("#search-results h2 a")?.getAttribute("href") === title, TITLE);
    expect(await page.locator("#ordre").inputValue()).toBe("");
    await page.close();
  });

  it("reads an older link's « ordre=pertinence » as relevance", async () => {
    const page = await search("q=Turquie&ordre=pertinence");
    expect(await links(page)).toEqual([TITLE, BODY]);
    expect(await page.locator("#ordre").inputValue()).toBe("");
    await page.close();
  });

  it("shows each result's date, source and an excerpt with the matched word marked", async () => {
    const page = await search("q=Turquie");
    const items = page.locator("#search-results li");
    expect(await items.first().locator(".meta").textContent()).toBe("1er\u00a0mars 2021 · Agence Anadolu");
    expect(await items.nth(1).locator(".meta").textContent()).toBe("2\u00a0mai 2022 · Agence Anadolu");
    expect(await items.nth(1).locator("mark").first().textContent()).toMatch(/^Turquie\b/);
    await page.close();
  });

  it.each([
    ["irakienne", "/2021/07/04/les-autorites-irakiennes-annoncent-un-recensement/"],
    ["Irakiens", "/2021/07/04/les-autorites-irakiennes-annoncent-un-recensement/"],
    ["economie", "/2021/08/05/un-rapport-sur-l-economie-regionale/"],
    ["elections", "/2021/08/05/un-rapport-sur-l-economie-regionale/"],
  ])("finds « %s » through French stemming and accent folding", async (word, url) => {
    const page = await search(`q=${encodeURIComponent(word)}`);
    expect(await links(page)).toContain(url);
    await page.close();
  });

  // Pagefind searches, for a stem no word of a bundle starts with, the longest word the stem starts
  // with: « lesotho » the « le » of nearly every article, « portugal » the « port » of Bassorah's.
  // In a query of several words, one that matches nothing at all was left out: « Turquie xylophone »
  // listed the articles saying « Turquie ».
  it.each([
    ["Lesotho", "Aucun résultat pour «\u202fLesotho\u202f»."],
    ["Portugal", "Aucun résultat pour «\u202fPortugal\u202f»."],
    ["Turquie Lesotho", "Aucun résultat pour «\u202fTurquie Lesotho\u202f»."],
    ["Turquie xylophone", "Aucun résultat pour «\u202fTurquie xylophone\u202f»."],
  ])("finds nothing for « %s », which no article says, not the articles saying a word it starts with", async (query, status) => {
    const page = await search(`q=${encodeURIComponent(query)}`);
    expect(await shownOnceCounted(page)).toMatchObject({ status, links: [] });
    // Every choice counts none.
    expect((await page.locator("select option").allTextContents()).filter((text) => /\(\d/.test(text) && !/\(0\)/.test(text))).toEqual([]);
    await page.close();
  });

  it("names the search and its count in the page's title, each search and on Back", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/recherche/`);
    const own = await page.title();
    expect(own).toMatch(/^Recherche — ./);
    await page.locator("#q").fill("Turquie");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => /^2\u00a0résultats/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await page.title()).toBe(fr`« Turquie » : 2\u00a0résultats — ${own}`);
    await page.locator("#filtre-sujet").selectOption("Économie");
    await page.waitForFunction(() => /^Aucun/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await page.title()).toBe(fr`« Turquie » (sujet : Économie) : aucun résultat — ${own}`);
    await page.goBack();
    await page.waitForFunction(() => /^2\u00a0résultats/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await page.title()).toBe(fr`« Turquie » : 2\u00a0résultats — ${own}`);
    await page.goBack();
    await expect.poll(() => page.title()).toBe(own);
    await page.goto(`${server.origin}/recherche/?sujet=%C3%89conomie`);
    await page.waitForFunction(() => /dépêches/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await page.title()).toBe(fr`2\u00a0dépêches (sujet : Économie) — ${own}`);
    await page.close();
  });

  it("suggests other words and the ways into the archive when the words find nothing, and only then", async () => {
    const page = await search("q=xylophone");
    await page.locator("#search-browse").waitFor();
    expect(await page.locator("#search-browse .search-help").textContent()).toBe(
      fr`Vérifiez l’orthographe ou essayez moins de mots. Vous pouvez aussi parcourir les sujets et les archives par date :`,
    );
    const hrefs = await page.locator("#search-browse a").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(hrefs).toEqual(expect.arrayContaining(["/sujets/", "/2022/", "/2021/"]));
    await page.locator("#q").fill("Turquie");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => /^2\u00a0résultats/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await page.locator("#search-browse").count()).toBe(0);
    await page.close();
  });

  // « gouvernemen », typed halfway, is stemmed as itself, past « gouvern », the stem « gouvernement »
  // is indexed as, by the start of an ending the stemmer takes off (« -ement »): Pagefind's search
  // for « gouvern » is what the reader means, and is kept (« recensemen » too).
  it.each([
    ["gouvernemen", ["/2021/07/04/les-autorites-irakiennes-annoncent-un-recensement/"]],
    ["gouverneme irakien", ["/2021/07/04/les-autorites-irakiennes-annoncent-un-recensement/"]],
    ["recensemen", ["/2021/07/04/les-autorites-irakiennes-annoncent-un-recensement/"]],
  ])("finds « %s », a word typed halfway whose stem goes past the indexed one", async (query, urls) => {
    const page = await search(`q=${encodeURIComponent(query)}`);
    expect((await shownOnceCounted(page)).links).toEqual(urls);
    await page.close();
  });

  // Pagefind searches on the page's thread, with its module's WebAssembly, when the browser has no
  // worker or when its worker fails to start (public/recherche-mots.js): the words' guard is there too.
  for (const where of ["without a worker", "when the worker fails to start"]) {
    it(`finds nothing for a word no article says, and a word typed halfway its word, on the page's thread (${where})`, async () => {
      const page = await browser.newPage();
      const said: string[] = [];
      page.on("console", (message) => said.push(message.text()));
      if (where === "without a worker") await page.addInitScript(() => Reflect.deleteProperty(window, "Worker"));
      else await page.route(/\/pagefind\/pagefind-worker\.js$/, (route) => route.fulfill({ status: 404 }));
      for (const [query, status, urls] of [
        ["Lesotho", "Aucun résultat pour «\u202fLesotho\u202f».", []],
        ["Turquie xylophone", "Aucun résultat pour «\u202fTurquie xylophone\u202f».", []],
        ["gouvernemen", "1\u00a0résultat pour «\u202fgouvernemen\u202f».", ["/2021/07/04/les-autorites-irakiennes-annoncent-un-recensement/"]],
      ] as const) {
        await page.goto(`${server.origin}/recherche/?q=${encodeURIComponent(query)}`);
        expect(await shownOnceCounted(page), query).toMatchObject({ status, links: urls });
      }
      // Pagefind's own word, as it leaves its worker for the page's thread.
      if (where !== "without a worker") expect(said.some((text) => /falling back to main thread/.test(text))).toBe(true);
      await page.close();
    });
  }
});

// Pagefind takes every word of its index that starts with a query's word: « mer » found every
// article saying « mercredi », « Irak » those saying « irakien » alone, and the « à » left of
// « jusqu’à » every article. Each word is found whole, with the words the stemmer makes the same.
describe("search for whole words", () => {
  const MER = "/2023/01/02/la-mer-monte-a-bassorah/";
  const MERCREDI = "/2023/01/03/le-vote-aura-lieu-mercredi/";
  const IRAK = "/2023/01/04/bagdad-accueille-un-sommet/";
  const IRAKIEN = "/2023/01/05/le-gouvernement-irakien-demissionne/";
  const LIRAK = "/2023/01/06/une-visite-remarquee/";
  const JUSQU = "/2023/01/07/des-negociations-prolongees/";
  const CEST = "/2023/01/08/la-fin-d-un-cycle/";
  const site = siteOf({
    "2023/01/02-mer.md": article("La mer monte à Bassorah", "2023-01-02", "[Irak]", "Les digues cèdent à la marée."),
    "2023/01/03-mercredi.md": article("Le vote aura lieu mercredi", "2023-01-03", "[Irak]", "Les électeurs sont appelés à voter mercredi."),
    "2023/01/04-irak.md": article(
      "Bagdad accueille un sommet",
      "2023-01-04",
      "[Irak]",
      "Les délégués sont arrivés en Irak ; le ministre n’est pas venu, il est resté à Bagdad.",
    ),
    "2023/01/05-irakien.md": article("Le gouvernement irakien démissionne", "2023-01-05", "[Irak]", "Le Premier ministre irakien a remis sa démission à midi."),
    "2023/01/06-visite.md": article("Une visite remarquée", "2023-01-06", "[Irak]", "Le voyage en dit long sur l’Irak et ses voisins, estiment-ils à Paris."),
    "2023/01/07-negociations.md": article("Des négociations prolongées", "2023-01-07", "[Irak]", "Les délégués resteront jusqu’à lundi à Genève."),
    "2023/01/08-cycle.md": article("La fin d’un cycle", "2023-01-08", "[Irak]", "C’est un tournant à Bagdad, dit-il."),
  });
  // The links a search lists once counted, in any order, its status, and the year's count.
  const found = async (query: string) => {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/recherche/?q=${encodeURIComponent(query)}`);
    const { status, links } = await shownOnceCounted(page);
    const year = await page.locator("#filtre-annee option[value='2023']").textContent();
    await page.close();
    return { links: [...links].sort(), status, year };
  };

  it.each([
    ["mer", [MER]],
    ["mercredi", [MERCREDI]],
    ["Irak", [IRAK, LIRAK]],
    ["irakien", [IRAKIEN]],
    ["irakienne", [IRAKIEN]],
    ["C’est", [CEST]],
    ["c'est", [CEST]],
    ["jusqu’à", [JUSQU]],
    ["jusqu’à lundi", [JUSQU]],
    ["merc", []],
    ["estim", []],
  ])("finds « %s » as a word, not as the start of longer ones: %j", async (query, expected) => {
    const { links, status, year } = await found(query);
    expect(links).toEqual([...expected].sort());
    // The count and the filters' counts are those of the results listed.
    expect(status).toBe(
      expected.length === 0 ? fr`Aucun résultat pour « ${query} ».` : fr`${expected.length}\u00a0résultat${expected.length > 1 ? "s" : ""} pour « ${query} ».`,
    );
    expect(year).toBe(`2023 (${expected.length})`);
  });

  it("marks the word alone in the excerpt, not the longer words it starts", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/recherche/?q=Irak`);
    await shownOnceCounted(page);
    expect((await page.locator("#search-results mark").allTextContents()).map((m) => m.toLowerCase()).sort()).toEqual(["irak", "l’irak"]);
    await page.close();
  });
});

describe("search with elisions", () => {
  // What the reader's search shows once counted, and the index pieces (packs) it fetched.
  const found = async (query: string) => {
    const page = await browser.newPage();
    const pieces: string[] = [];
    page.on("request", (r) => {
      if (/\.pf_(index|pack)$/.test(r.url())) pieces.push(new URL(r.url()).pathname);
    });
    await page.goto(`${server.origin}/recherche/?q=${encodeURIComponent(query)}`);
    const { links, counts } = await shownOnceCounted(page);
    await page.close();
    return { links, counts, pieces };
  };

  it.each([
    ["l’Irak", "Irak", BODY],
    ["l'Irak", "Irak", BODY],
    ["d’Irak", "Irak", BODY],
    ["l’économie", "économie", "/2021/08/05/un-rapport-sur-l-economie-regionale/"],
  ])("finds « %s » as « %s », fetching no index piece for the elided article", async (elided, word, url) => {
    const [withElision, alone] = [await found(elided), await found(word)];
    expect(alone.links).toContain(url);
    expect(withElision).toEqual(alone);
  });

  it("shows the elided words and no-break spaces as the article prints them, in the title and the excerpt, the whole word marked, and so without words", async () => {
    const title = "Un rapport sur l’économie régionale";
    // Pagefind gives every space of an excerpt as a plain one: the no-break ones are put back.
    // The excerpt is cut from the body, whose « l’économie » is marked: the title is shown above it.
    const text = `La croissance de l’économie ralentit après les élections. Le ministre l’a dit, ‘non’ dit-il, pas aujourd’hui. Pourquoi\u202f? «\u202fRien\u202f», a-t-il répondu\u00a0: à 10\u00a0%.`;
    const page = await search("q=économie");
    const first = page.locator("#search-results li").first();
    expect(await first.locator("h2 a").textContent()).toBe(title);
    expect(await first.locator("mark").allTextContents()).toEqual(["l’économie"]);
    expect(await first.locator("p:last-child").textContent()).toBe(text);
    await page.close();
    const listed = await search("sujet=%C3%89conomie");
    await listed.waitForFunction(() => document.getElementById("search-status")?.textContent === "2\u00a0dépêches (sujet\u00a0: Économie).");
    const item = listed.locator("#search-results li", { hasText: "rapport" });
    expect(await item.locator("h2 a").textContent()).toBe(title);
    expect(await item.locator("article > p:not(.meta)").textContent()).toBe(text);
    await listed.close();
  });

  it("finds a word set in italics after an elision, and shows it as the article prints it, marked whole", async () => {
    const page = await search("q=Express");
    expect(await links(page)).toEqual([BODY]);
    const first = page.locator("#search-results li").first();
    expect(await first.locator("mark").allTextContents()).toEqual(["l’Express"]);
    expect(await first.locator("p:last-child").textContent()).toBe("Le ministre a rappelé, selon l’Express du jour, les liens entre l’Irak et la Turquie.");
    await page.close();
  });
});

describe("search with numbers grouped by thousands", () => {
  const CRUES = "/2021/01/10/4-920-sinistres-apres-les-crues/";
  const COMMUNE = "/2021/01/11/une-commune-du-nord/";

  it.each([["4920"], ["4 920"], ["4\u202f920"], ["4\u00a0920"]])(
    "finds « %s » where the articles say 4 920 or 4920, not where « 4 » and « 920 » are apart",
    async (query) => {
      const page = await search(`q=${encodeURIComponent(query)}`);
      expect(await links(page)).toEqual([CRUES, COMMUNE]);
      await page.close();
    },
  );

  it.each([["25000"], ["25 000"], ["25\u202f000"]])("finds « %s » where the article says 25 000, not where it says 25", async (query) => {
    const page = await search(`q=${encodeURIComponent(query)}`);
    expect(await links(page)).toEqual([CRUES]);
    await page.close();
  });

  it("shows the number as the article prints it, in the title and marked in the excerpt, and so without words", async () => {
    const page = await search("q=4+920");
    const first = page.locator("#search-results li").first();
    expect(await first.locator("h2 a").textContent()).toBe("4\u202f920 sinistrés après les crues");
    expect(await first.locator("mark").allTextContents()).toEqual(["4\u202f920"]);
    expect(await first.locator("p:last-child").textContent()).toContain("Les crues ont laissé 4\u202f920 sinistrés et 25\u202f000 déplacés.");
    await page.close();
    const listed = await search("source=Agence+France-Presse");
    await listed.waitForFunction(() => document.getElementById("search-status")?.textContent === "1\u00a0dépêche (source\u00a0: Agence France-Presse).");
    expect(await listed.locator("#search-results h2 a").textContent()).toBe("4\u202f920 sinistrés après les crues");
    expect(await listed.locator("#search-results article > p:not(.meta)").textContent()).toContain("laissé 4\u202f920 sinistrés et 25\u202f000 déplacés.");
    await listed.close();
  });
});

describe("search with numbers", () => {
  const CRUES = "/2021/01/10/4-920-sinistres-apres-les-crues/";
  const COMMUNE = "/2021/01/11/une-commune-du-nord/";
  const BUDGET = "/2021/01/13/un-budget-de-492-000-euros/";
  const VOTE = "/2021/01/14/le-budget-vote-en-2023/";
  const SOMMET = "/2021/01/02/le-sommet-du-g20-s-ouvre/";
  const GROUPE = "/2021/01/03/le-g200-et-le-f-161/";
  const RESEAU = "/2021/01/04/la-covid-19-et-le-reseau-5g/";

  it.each([
    ["4920", [CRUES, COMMUNE]],
    ["492", []],
    ["492 000", [BUDGET]],
    ["49200", [BUDGET]],
    ["2023", [VOTE]],
    ["20 230", [BUDGET]],
    ["3,5", [VOTE, GROUPE]],
    ["35", [BUDGET]],
    ["49", []],
    // A word beside a number is found whole too.
    ["4920 sinistrés", [CRUES]],
    ["4920 sinis", []],
    ["budget 2023", [VOTE]],
    ["budget", [VOTE, BUDGET]],
  ])("finds « %s » as a whole number, never the start of another: %j", async (query, expected) => {
    const page = await search(`q=${encodeURIComponent(query)}`);
    expect((await links(page)).sort()).toEqual([...expected].sort());
    await page.close();
  });

  it("marks only the number searched in the excerpt, shown as the article prints it", async () => {
    const page = await search("q=49+200");
    const first = page.locator("#search-results li").first();
    expect(await first.locator("h2 a").textContent()).toBe("Un budget de 492\u202f000\u00a0euros");
    expect(await first.locator("mark").allTextContents()).toEqual(["49\u202f200"]);
    expect(await first.locator("p:last-child").textContent()).toBe("Il finance 49\u202f200 foyers et 20\u202f230 places\u202f; la dette baisse de 35\u00a0%.");
    await page.close();
    for (const query of ["3%2C5", "3.5"]) {
      const decimal = await search(`q=${query}`);
      const vote = decimal.locator("#search-results li", { hasText: "voté" });
      expect(await vote.locator("mark").allTextContents()).toEqual(["3,5"]);
      expect(await vote.locator("p:last-child").textContent()).toBe("La dette baisse de 3,5\u00a0%.");
      const groupe = decimal.locator("#search-results li", { hasText: "logiciel" });
      expect(await groupe.locator("mark").allTextContents()).toEqual(["3.5"]);
      expect(await groupe.locator("p:last-child").textContent()).toBe("La version 3.5 du logiciel sort, et 1.500 réfugiés arrivent.");
      await decimal.close();
    }
  });

  // A decimal point is a decimal comma, as phones type it; a point before three digits groups
  // thousands, as a space does (« 1.500 »: no French decimal is written so); a word's digits are
  // found whole, as a number is, and not by the number alone (« 20 » is not « G20 »), while a
  // number set apart by a hyphen is one (« 16 », « 19 »).
  it.each([
    ["3.5", [VOTE, GROUPE]],
    ["1.500", [SOMMET, GROUPE]],
    ["1 500", [SOMMET, GROUPE]],
    ["500", []],
    ["1,5", []],
    ["G20", [SOMMET]],
    ["g20", [SOMMET]],
    ["G200", [GROUPE]],
    ["G2", []],
    ["20", []],
    ["F-16", [SOMMET]],
    ["16", [SOMMET]],
    ["F-161", [GROUPE]],
    ["COVID-19", [RESEAU]],
    ["covid", [RESEAU]],
    ["19", [RESEAU]],
    ["5G", [RESEAU]],
    ["400", []],
    ["A320", [RESEAU]],
    ["320", []],
  ])("finds « %s » as the article writes it: %j", async (query, expected) => {
    const page = await search(`q=${encodeURIComponent(query)}`);
    expect((await links(page)).sort()).toEqual([...expected].sort());
    await page.close();
  });

  // Pagefind's exact phrase: every word whole, each after the other.
  it.each([
    ['"4920"', [CRUES, COMMUNE]],
    ['"4 920"', [CRUES, COMMUNE]],
    ['"492"', []],
    ['"4 920 sinistrés"', [CRUES]],
    ['"sinistrés 4 920"', []],
    ['"3.5"', [VOTE, GROUPE]],
    ['"G20"', [SOMMET]],
    ['"l’Irak"', [BODY]],
    ['"l\'Irak et la Turquie"', [BODY]],
    ['"aujourd’hui"', ["/2021/08/05/un-rapport-sur-l-economie-regionale/"]],
  ])("finds the phrase %s", async (query, expected) => {
    const page = await search(`q=${encodeURIComponent(query)}`);
    expect((await links(page)).sort()).toEqual([...expected].sort());
    await page.close();
  });

  it("shows the no-break spaces of French typography in the excerpt, a number marked or not", async () => {
    const text = "Un F-16 survole 1\u202f500 soldats\u202f; le billet coûte 45\u00a0euros, la chambre 3\u202f000\u00a0euros\u00a0: trop cher\u202f?";
    for (const [query, marked] of [
      ["billet", ["billet"]],
      ["45", ["45"]],
      ["3000", ["3\u202f000"]],
      ["cher", ["cher"]],
    ] as const) {
      const page = await search(`q=${query}`);
      const first = page.locator("#search-results li").first();
      expect(await first.locator("h2 a").textContent()).toBe("Le sommet du G20 s’ouvre");
      expect(await first.locator("mark").allTextContents(), query).toEqual(marked);
      expect(await first.locator("p:last-child").textContent(), query).toBe(text);
      await page.close();
    }
  });
});

describe("search for a phrase in quotation marks", () => {
  const CONSEIL = "/2021/01/05/le-conseil-municipal-se-reunit/";
  const QUARTIER = "/2021/01/06/un-quartier-renove/";

  // The query typed in the search field and submitted: what the page finds, says and puts in the address.
  const typed = async (query: string) => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/recherche/`);
    await page.locator("#q").fill(query);
    await page.locator("#q").press("Enter");
    const shown = await shownOnceCounted(page);
    const address = new URL(page.url()).searchParams.get("q");
    const box = await page.locator("#q").inputValue();
    await page.close();
    return { ...shown, address, box };
  };

  it("finds the words apart without quotation marks, and the phrase alone within straight ones", async () => {
    expect((await typed("conseil municipal")).links.sort()).toEqual([CONSEIL, QUARTIER].sort());
    expect((await typed('"conseil municipal"')).links).toEqual([CONSEIL]);
  });

  // Pagefind takes only straight marks for an exact phrase, and leaves any other out of the words.
  it.each([
    ["« conseil municipal »"],
    ["«\u00a0conseil municipal\u00a0»"],
    ["«\u202fconseil municipal\u202f»"],
    ["«conseil municipal»"],
    ["“conseil municipal”"],
    ["„conseil municipal“"],
    ['"conseil municipal"'],
  ])("finds %j as the exact phrase, says it in guillemets once, and keeps it in the box and the address as typed", async (query) => {
    expect(await typed(query)).toMatchObject({ links: [CONSEIL], status: fr`1\u00a0résultat pour « conseil municipal ».`, address: query, box: query });
  });

  it.each([["« conseil municipal"], ["conseil municipal »"], ["“conseil municipal"], ["„conseil municipal"]])(
    "finds the words of %j, a mark without its pair, as without it",
    async (query) => {
      expect(await typed(query)).toMatchObject({ status: `2\u00a0résultats pour «\u202f${query}\u202f».`, address: query });
    },
  );
});

describe("search with tildes", () => {
  it("shows an article's tildes as tildes and its no-break spaces as no-break spaces, in the title and the excerpt, and so without words", async () => {
    const title = "Le dossier ~/rapports";
    const text = `Salut~ toi\u00a0: environ ~ 40 minutes, «\u202f~\u202f» et x ~\u00a0: y.`;
    const page = await search("q=rapports");
    const first = page.locator("#search-results li").first();
    expect(await first.locator("h2 a").textContent()).toBe(title);
    expect(await first.locator("p:last-child").textContent()).toBe(text);
    await page.close();
    const listed = await search("annee=2021");
    await listed.locator("#search-more").click();
    const item = listed.locator("#search-results li", { hasText: "rapports" });
    expect(await item.locator("h2 a").textContent()).toBe(title);
    expect(await item.locator("article > p:not(.meta)").textContent()).toBe(text);
    await listed.close();
  });
});

// An archive of its own, whose articles the other searches never meet: each spelling a reader may
// type otherwise than the article prints it.
describe("search with spellings readers type otherwise", () => {
  const LIGATURE = "/2021/04/01/les-oeuvres-de-l-hiver/";
  const SPELLED = "/2021/04/02/un-chantier-lance/";
  const PROCES = "/2021/04/03/le-proces-reprend/";
  const AVENUE = "/2021/04/04/une-avenue-renommee/";
  const spellingServer = siteOf({
    "2021/04/01-oeuvres.md": article("Les Œuvres de l’hiver", "2021-04-01", "[Irak]", "La mise en œuvre du plan commence au cœur de l’hiver."),
    "2021/04/02-chantier.md": article("Un chantier lancé", "2021-04-02", "[Irak]", "La mise en oeuvre du chantier tarde, au coeur du quartier."),
    "2021/04/03-proces.md": article("Le procès reprend", "2021-04-03", "[Irak]", "Les juges de l’Union européenne siègent à huis clos."),
    "2021/04/04-avenue.md": article("Une avenue renommée", "2021-04-04", "[Irak]", "L’avenue Mustafa\u2011Kemal est inaugurée."),
  });

  const open = async (query: string): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(`${spellingServer.origin}/recherche/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => /résultat|Aucun/.test(document.getElementById("search-status")?.textContent ?? ""));
    return page;
  };

  // Nearly every French reader types « oe » (no keyboard has an œ key), and some articles spell it so too.
  it.each([["oeuvre"], ["œuvre"], ["Œuvres"], ["OEUVRE"], ["coeur"], ["cœur"], ["mise en oeuvre"], ["« mise en œuvre »"]])(
    "finds « %s » in the article that prints « œ » and in the one that writes « oe »",
    async (query) => {
      const page = await open(query);
      expect((await links(page)).sort()).toEqual([LIGATURE, SPELLED].sort());
      await page.close();
    },
  );

  it("shows the article's « œ » in its title and its excerpt, the word marked", async () => {
    const page = await open("oeuvre");
    const item = page.locator("#search-results li", { has: page.locator(`a[href="${LIGATURE}"]`) });
    expect(await item.locator("h2 a").textContent()).toBe("Les Œuvres de l’hiver");
    expect(await item.locator("mark").allTextContents()).toContain("œuvre");
    expect(await item.locator("p:last-child").textContent()).toBe("La mise en œuvre du plan commence au cœur de l’hiver.");
    await page.close();
  });

  // « huis clos », « Union européenne » are written with a space; a no-break hyphen (U+2011) joins « Mustafa‑Kemal ».
  it.each([
    ["huis-clos", [PROCES]],
    ["huis\u2011clos", [PROCES]],
    ["union-européenne", [PROCES]],
    ["Kemal", [AVENUE]],
    ["Mustafa-Kemal", [AVENUE]],
    ["mustafa kemal", [AVENUE]],
  ])("finds « %s » in the words written with a space or a hyphen", async (query, urls) => {
    const page = await open(query);
    expect(await links(page)).toEqual(urls);
    await page.close();
  });

  it("shows the article's no-break hyphen in the excerpt, the word marked", async () => {
    const page = await open("Kemal");
    const item = page.locator("#search-results li").first();
    expect(await item.locator("mark").allTextContents()).toEqual(["Mustafa\u2011Kemal"]);
    expect(await item.locator("p:last-child").textContent()).toBe("L’avenue Mustafa\u2011Kemal est inaugurée.");
    await page.close();
  });
});

describe("search results", () => {
  it("lists ten results, then ten more on demand, newest first across the bundles, the focus on the first new one", async () => {
    const page = await search("q=phosphates&ordre=recent");
    await page.waitForFunction(() => !(document.getElementById("search-more") as HTMLButtonElement).hidden);
    expect(await page.locator("#search-status").textContent()).toBe("12\u00a0résultats pour «\u202fphosphates\u202f».");
    expect(await page.locator("#search-results li").count()).toBe(10);
    await page.locator("#search-more").click();
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 12);
    const titles = await page.locator("#search-results h2 a").allTextContents();
    expect(titles).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((i) => `Les phosphates, épisode ${i}`));
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Les phosphates, épisode 2");
    expect(await page.locator("#search-more").isHidden()).toBe(true);
    await page.close();
  });
});

describe("search excerpts", () => {
  // Eighty-six words after the title, « Turquie. » among them, a guillemet opened where the excerpt's window ends.
  const filler = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `mot${from + i}`).join(" ");
  const ownServer = siteOf({
    "2021/03/01-long.md": article("Un long récit", "2021-03-01", "[Irak]", `${filler(40)} vers la Turquie. ${filler(13, 100)} « ${filler(30, 200)} »`),
    "2021/03/02-court.md": article("Un court récit", "2021-03-02", "[Irak]", "Le voyage en Turquie, enfin."),
  });

  it("marks the word alone, says « … » where the excerpt cuts the text, and leaves no guillemet open at its end", async () => {
    const page = await browser.newPage();
    await page.goto(`${ownServer.origin}/recherche/?q=Turquie`);
    await page.locator("#search-results li").nth(1).waitFor();
    const excerpts = await page
      .locator("#search-results li p:last-child")
      .evaluateAll((ps) => ps.map((p) => ({ text: p.textContent, marks: [...p.querySelectorAll("mark")].map((m) => m.textContent) })));
    const long = excerpts.find((e) => e.text?.includes("mot"))!;
    expect(long.marks).toEqual(["Turquie"]);
    // Pagefind's window, cut from the words after the title: fourteen words before the match,
    // fifteen after, the last the guillemet.
    // The ellipsis never alone on a line: a no-break space after the first, the last glued to its word.
    expect(long.text).toMatch(/^…\u00a0mot27 .* vers la Turquie\. mot100 .* mot112…$/);
    const short = excerpts.find((e) => e.text?.includes("voyage"))!;
    // Whole: its body, nothing cut, without the title shown above it.
    expect(short).toEqual({ text: "Le voyage en Turquie, enfin.", marks: ["Turquie"] });
    await page.close();
  });
});

describe("search results on a phone", () => {
  it("offers « Plus de résultats » as a button a thumb finds: 44 px high at least, the column's width, its text not small", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${server.origin}/recherche/?q=phosphates`);
    const more = page.locator("#search-more");
    await more.waitFor();
    const box = await more.boundingBox();
    const column = await page.locator("#search-results").boundingBox();
    const fontSize = await more.evaluate((b) => Number.parseFloat(getComputedStyle(b).fontSize));
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThanOrEqual(column!.width - 1);
    expect(fontSize).toBeGreaterThanOrEqual(16);
    await page.close();
  });
});

describe("search on a phone", () => {
  const PHONE = { width: 360, height: 740 };

  /** Where the status line and the first result's title are, against the window's height. */
  const firstScreen = (page: Page): Promise<{ status: number[]; first: number[]; height: number }> =>
    page.evaluate(() => {
      const box = (element: Element | null): number[] => {
        const r = element?.getBoundingClientRect();
        return r ? [Math.round(r.top), Math.round(r.bottom)] : [];
      };
      return { status: box(document.getElementById("search-status")), first: box(document.querySelector("#search-results h2")), height: window.innerHeight };
    });
  const onFirstScreen = async (page: Page): Promise<boolean> => {
    const { status, first, height } = await firstScreen(page);
    return [status, first].every((box) => box.length === 2 && box[0]! >= 0 && box[1]! <= height);
  };
  const counted = (page: Page): Promise<unknown> =>
    page.waitForFunction(
      () =>
        /résultat/.test(document.getElementById("search-status")?.textContent ?? "") &&
        document.querySelector(".search-filters")?.getAttribute("aria-busy") === "false",
    );

  it("shows the count and the first result on the first screen of a 360 × 640 phone, with no second search box above the page's", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    for (const query of ["q=phosphates", "q=phosphates&annee=2021"]) {
      await page.goto(`${server.origin}/recherche/?${query}`);
      await counted(page);
      expect(await page.locator("input[type=search]").count(), query).toBe(1);
      expect(await firstScreen(page), query).toMatchObject({ height: 640 });
      expect(await onFirstScreen(page), query).toBe(true);
    }
    await page.close();
  });

  it("shows the count and the first result on the first screen of a shared search, the filters folded under « Affiner », which says what is chosen", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    for (const [query, summary] of [
      ["q=phosphates", "Affiner"],
      ["q=phosphates&annee=2021&ordre=recent", "Affiner (2\u00a0choix)"],
    ] as const) {
      await page.goto(`${server.origin}/recherche/?${query}`);
      await counted(page);
      expect(await onFirstScreen(page), `${query}: ${JSON.stringify(await firstScreen(page))}`).toBe(true);
      expect(await page.locator(".search-refine summary").textContent()).toBe(summary);
      expect(await page.locator("#filtre-sujet").isVisible()).toBe(false);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
    }
    await page.close();
  });

  it("shows the count and the first result on the first screen after a word typed and Enter, the focus left in the field", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${server.origin}/recherche/`);
    await page.locator("#q").fill("phosphates");
    await page.locator("#q").press("Enter");
    await counted(page);
    await expect.poll(() => onFirstScreen(page), { timeout: 2000 }).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
    await page.close();
  });

  it("opens the filters and chooses a year with the keyboard alone; the count and the first result are then brought on the screen, the focus left on the year", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${server.origin}/recherche/?q=phosphates`);
    await counted(page);
    await page.locator("#q").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Affiner");
    await page.keyboard.press("Enter");
    expect(await page.locator(".search-refine").getAttribute("open")).not.toBeNull();
    for (const id of ["filtre-sujet", "filtre-source", "filtre-annee", "ordre"]) expect(await page.locator(`#${id}`).isVisible(), id).toBe(true);
    // Open, the filters leave the results below the screen.
    expect(await onFirstScreen(page)).toBe(false);
    for (let presses = 0; presses < 10 && (await page.evaluate(() => document.activeElement?.id)) !== "filtre-annee"; presses++)
      await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("filtre-annee");
    await page.keyboard.press("ArrowDown");
    await page.waitForURL(/annee=/);
    await counted(page);
    expect(await page.locator("#search-status").textContent()).toMatch(/^6\u00a0résultats /);
    await expect.poll(() => onFirstScreen(page), { timeout: 2000 }).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("filtre-annee");
    expect(await page.locator(".search-refine").getAttribute("open")).not.toBeNull();
    expect(await page.locator(".search-refine summary").textContent()).toBe("Affiner (1\u00a0choix)");
    await page.close();
  });

  it.each([
    ["a phone", PHONE],
    ["a desktop", { width: 1280, height: 800 }],
  ] as const)("moves nothing on the screen of %s as the form and the results come: no layout shift, not even the footer's", async (_, viewport) => {
    const page = await browser.newPage({ viewport });
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: string[] };
      w.shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; sources: { node?: Node }[] }[])
          w.shifts.push(`${entry.value.toFixed(3)} ${entry.sources.map((s) => (s.node as Element | undefined)?.className ?? s.node?.nodeName).join(", ")}`);
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(`${server.origin}/recherche/?q=phosphates&annee=2021`);
    await counted(page);
    expect(await page.evaluate(() => (window as unknown as { shifts: string[] }).shifts.filter((s) => !s.startsWith("0.000")))).toEqual([]);
    await page.close();
  });

  it("keeps the filters shown on a desktop, as a fieldset with no summary, and shows them when a phone's window grows that wide", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.origin}/recherche/?q=phosphates&annee=2021`);
    await counted(page);
    const shown = (): Promise<boolean[]> =>
      Promise.all(["filtre-sujet", "filtre-source", "filtre-annee", "ordre"].map((id) => page.locator(`#${id}`).isVisible()));
    expect(await shown()).toEqual([true, true, true, true]);
    expect(await page.locator(".search-refine summary").isVisible()).toBe(false);
    expect(await page.locator(".search-filters legend").isVisible()).toBe(true);
    expect(await onFirstScreen(page)).toBe(true);
    await page.setViewportSize(PHONE);
    await page.reload();
    await counted(page);
    expect(await shown()).toEqual([false, false, false, false]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(shown).toEqual([true, true, true, true]);
    await page.close();
  });
});

describe("search page focus", () => {
  it("puts the focus in the search box when the address brings no words, and leaves it on the page when it does", async () => {
    const page = await browser.newPage();
    for (const [query, focused] of [
      ["", "q"],
      ["?sujet=irak", "q"],
      ["?q=Turquie", undefined],
    ] as const) {
      await page.goto(`${server.origin}/recherche/${query}`);
      await page.waitForFunction(() => !document.querySelector(".search-form")?.hasAttribute("hidden"));
      expect(await page.evaluate(() => document.activeElement?.id || undefined), query).toBe(focused);
    }
    await page.close();
  });
});

describe("search results on return", () => {
  // Playwright starts Chromium without the back/forward cache (--disable-back-forward-cache): Back
  // loads the page again, as a browser without that cache does.
  it("lists as many results as the reader had, where they were, when Back loads the page again", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 600 } });
    await page.goto(`${server.origin}/recherche/?source=Agence+Anadolu`);
    await page.waitForFunction(() => document.getElementById("search-status")?.textContent === "27\u00a0dépêches (source\u00a0: Agence Anadolu).");
    for (const shown of [20, 27]) {
      await page.locator("#search-more").click();
      await page.waitForFunction((n) => document.querySelectorAll("#search-results li").length === n, shown);
    }
    const result = page.locator("#search-results li:nth-child(25) h2 a");
    await result.scrollIntoViewIfNeeded();
    // Past the scroll's pause, as a reader's.
    await page.waitForTimeout(300);
    const scroll = await page.evaluate(() => window.scrollY);
    expect(scroll).toBeGreaterThan(500);
    const href = await result.getAttribute("href");
    await page.evaluate(() => Object.assign(window, { before: true }));
    await result.click();
    await page.waitForURL(`${server.origin}${href}`);
    await page.goBack();
    await page.waitForFunction(() => document.getElementById("search-status")?.textContent === "27\u00a0dépêches (source\u00a0: Agence Anadolu).");
    // A page loaded again, not the one left.
    expect(await page.evaluate(() => "before" in window)).toBe(false);
    expect(await page.locator("#search-results li").count()).toBe(27);
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 2, scroll);
    await page.close();
  });

  it("returns to the top of a search left at the top, though the later one was scrolled", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 400 } });
    await page.goto(`${server.origin}/recherche/?source=Agence+Anadolu`);
    await page.waitForFunction(() => /^27\u00a0dépêches/.test(document.getElementById("search-status")?.textContent ?? ""));
    await page.locator("#q").fill("phosphates");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => /^12\u00a0résultats/.test(document.getElementById("search-status")?.textContent ?? ""));
    await page.evaluate(() => window.scrollTo(0, 600));
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    await page.goBack();
    await page.waitForFunction(() => /^27\u00a0dépêches/.test(document.getElementById("search-status")?.textContent ?? ""));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await page.close();
  });

  it("fills the page's box, the only one, with the earlier query when Back loads an earlier search again", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 600 } });
    await page.goto(`${server.origin}/`);
    await page.locator("#site-search-q").fill("Turquie");
    await page.locator("#site-search-q").press("Enter");
    await page.waitForURL(`${server.origin}/recherche/?q=Turquie`);
    await page.waitForFunction(() => /résultat/.test(document.getElementById("search-status")?.textContent ?? ""));
    await page.locator("#q").fill("phosphates");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => /phosphates/.test(document.getElementById("search-status")?.textContent ?? ""));
    await page.goBack();
    await page.waitForFunction(() => /pour «\u202fTurquie\u202f»/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await page.locator("#q").inputValue()).toBe("Turquie");
    expect(await page.locator("#site-search-q").count()).toBe(0);
    await page.close();
  });

  it("lists ten results again when the same search is submitted anew", async () => {
    const page = await search("q=phosphates");
    await page.locator("#search-more").click();
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 12);
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 12);
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 10);
    await page.close();
  });
});

describe("search results by relevance", () => {
  // The results cross from Pagefind's worker as their ids, and the page asks for the fragments of
  // those it shows by rank (public/recherche-extraits.js); on the page's thread, where Pagefind
  // runs when the browser has no worker, they are Pagefind's own list.
  for (const where of ["in Pagefind's worker", "without a worker"]) {
    it(`lists ten, then the next ones on demand, each with its words marked (${where})`, async () => {
      const page = await browser.newPage();
      if (where === "without a worker") await page.addInitScript(() => Reflect.deleteProperty(window, "Worker"));
      await page.goto(`${server.origin}/recherche/?q=phosphates`);
      await page.waitForFunction(() => !(document.getElementById("search-more") as HTMLButtonElement).hidden);
      expect(await page.locator("#search-status").textContent()).toBe("12\u00a0résultats pour «\u202fphosphates\u202f».");
      const first = await links(page);
      expect(first).toHaveLength(10);
      await page.locator("#search-more").click();
      await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 12);
      const all = await links(page);
      expect(all.slice(0, 10)).toEqual(first);
      expect(new Set(all).size).toBe(12);
      const marked = await page.locator("#search-results li").evaluateAll((items) => items.map((li) => li.querySelector("p:last-child mark")?.textContent));
      expect(marked.every((m) => m?.startsWith("phosphates"))).toBe(true);
      expect(await page.evaluate(() => typeof Worker)).toBe(where === "without a worker" ? "undefined" : "function");
      await page.close();
    });
  }
});

describe("search results on demand", () => {
  it("says when the next results could not be fetched, and lists them on the next click", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/recherche/?q=phosphates`);
    await page.waitForFunction(() => !(document.getElementById("search-more") as HTMLButtonElement).hidden);
    const total = await page.locator("#search-status").textContent();
    // The next fragments fail once (the network gone for a moment), then come back.
    let failing = true;
    await page.route(/\.pf_fragment$/, (route) => (failing ? route.abort() : route.continue()));
    await page.locator("#search-more").click();
    await page.waitForFunction(() => /pas pu/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await page.locator("#search-results li").count()).toBe(10);
    failing = false;
    await page.locator("#search-more").click();
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 12);
    expect(await page.locator("#search-status").textContent()).toBe(total);
    expect(new Set(await links(page)).size).toBe(12);
    await page.close();
  });
});

describe("search that can't load", () => {
  it("offers the archive's ways in, as the page does without JavaScript, and takes them away once a search works", async () => {
    const page = await browser.newPage();
    let failing = true;
    // The index's pieces fail (the network gone for a moment), then come back.
    await page.route(/\.pf_(?:index|fragment)$/, (route) => (failing ? route.abort() : route.continue()));
    await page.goto(`${server.origin}/recherche/?q=phosphates`);
    await page.waitForFunction(() => /pas pu/.test(document.getElementById("search-status")?.textContent ?? ""));
    const hrefs = await page.locator("#search-browse a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs.slice(0, 3)).toEqual(["/", "/sujets/", "/sources/"]);
    expect(hrefs.slice(3).every((h) => /^\/\d{4}\/$/.test(h ?? ""))).toBe(true);
    expect(hrefs.length).toBeGreaterThan(3);
    expect(await page.locator("#search-browse").textContent()).not.toContain("JavaScript");
    failing = false;
    await page.locator("#q").fill("Irak");
    await page.locator(".search-form button[type=submit]").click();
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0);
    expect(await page.locator("#search-browse").count()).toBe(0);
    await page.close();
  });
});

describe("search for a topic's or a source's name", () => {
  /** The lines above the results, once the search is said: each one's text, link and button. */
  const named = async (query: string) => {
    const page = await search(`q=${encodeURIComponent(query)}`);
    const lines = await page.locator("#search-named li").evaluateAll((lis) =>
      lis.map((li) => ({
        text: [...li.childNodes]
          .filter((n) => n.nodeName !== "BUTTON")
          .map((n) => n.textContent)
          .join(""),
        link: new URL((li.querySelector("a") as HTMLAnchorElement).href).pathname,
        button: li.querySelector("button")?.textContent ?? null,
      })),
    );
    return { page, lines, status: await page.locator("#search-status").textContent() };
  };

  it.each([
    ["Agence Anadolu", { text: fr`Source : Agence Anadolu, 27\u00a0articles `, link: "/sources/aa/", button: "Filtrer par Agence Anadolu" }],
    ["agence anadolu", { text: fr`Source : Agence Anadolu, 27\u00a0articles `, link: "/sources/aa/", button: "Filtrer par Agence Anadolu" }],
    ["trt", { text: fr`Source : TRT Turquie, 1\u00a0article `, link: "/sources/trt/", button: "Filtrer par TRT Turquie" }],
  ])("links « %s », which no article says, to its page with its count of articles", async (query, line) => {
    const { page, lines, status } = await named(query);
    expect(status).toBe(fr`Aucun résultat pour « ${query} ».`);
    expect(lines).toEqual([line]);
    await page.close();
  });

  it("shows the topic a word names beside the articles that say it (« economie » for « Économie »)", async () => {
    const { page, lines, status } = await named("economie");
    expect(status).toBe(fr`1\u00a0résultat pour « economie ».`);
    expect(await links(page)).toEqual(["/2021/08/05/un-rapport-sur-l-economie-regionale/"]);
    expect(lines).toEqual([{ text: fr`Sujet : Économie, 2\u00a0articles `, link: "/sujets/economie/", button: "Filtrer par Économie" }]);
    await page.close();
  });

  it("shows the topic « Turquie » names beside the articles that say it, and names nothing for a part of a name", async () => {
    const { page, lines } = await named("Turquie");
    expect(await links(page)).toEqual([TITLE, BODY]);
    expect(lines).toEqual([{ text: fr`Sujet : Turquie, 1\u00a0article `, link: "/sujets/turquie/", button: "Filtrer par Turquie" }]);
    await page.close();
    // Nor do signs alone, which read as no letter at all.
    for (const query of ["Agence", "Anadolu", "econ", "-", "«", "»"]) {
      const other = await named(query);
      expect(other.lines).toEqual([]);
      await other.page.close();
    }
  });

  it("lists the source's articles as its filter on demand, the words gone", async () => {
    const { page } = await named("Agence Anadolu");
    await page.locator("#search-named button").click();
    // The button is gone with the search it started: the focus is on the count, not lost to the page.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-status");
    await page.waitForFunction(() => /dépêches/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await page.locator("#search-status").textContent()).toBe("27\u00a0dépêches (source\u00a0: Agence Anadolu).");
    expect(new URL(page.url()).search).toBe("?source=Agence+Anadolu");
    await page.close();
  });
});

describe("search printed", () => {
  const shown = (page: Page, selector: string): Promise<boolean> => page.locator(selector).first().isVisible();

  it("prints the count and the results, not the form, its filters, a named topic's button nor « Plus de résultats »", async () => {
    const named = await search("q=Turquie");
    await named.locator("#search-named button").waitFor();
    const listed = await search("source=Agence+Anadolu");
    await listed.locator("#search-more").waitFor();
    for (const page of [named, listed]) {
      await page.emulateMedia({ media: "print" });
      expect(await shown(page, "#search-status")).toBe(true);
      expect(await shown(page, "#search-results li")).toBe(true);
      for (const control of [".search-form", ".search-refine", "#search-named button", "#search-more"]) expect(await shown(page, control), control).toBe(false);
      await page.close();
    }
  });

  it("prints an article with its footer, which says in which zone its time is given", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}${TITLE}`);
    await page.emulateMedia({ media: "print" });
    expect(await shown(page, ".byline time")).toBe(true);
    expect(await shown(page, ".site-footer")).toBe(true);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text as rendered for print, which is what the reader sees
    expect(await page.locator(".site-footer").innerText()).toContain("Toutes les heures sont données à l’heure de Paris.");
    await page.close();
  });
});

describe("search without words nor filters", () => {
  it("asks for words when the empty form is submitted, the address left clean", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/recherche/`);
    const entries = await page.evaluate(() => history.length);
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => document.getElementById("search-status")?.textContent !== "");
    expect(await page.locator("#search-status").textContent()).toBe("Tapez un ou plusieurs mots.");
    expect(page.url()).toBe(`${server.origin}/recherche/`);
    expect(await page.evaluate(() => history.length)).toBe(entries);
    // After a search too: its results go, and the address is the page's own again.
    await page.locator("#q").fill("Turquie");
    await page.locator("#q").press("Enter");
    await page.locator("#search-results li").first().waitFor();
    await page.locator("#q").fill("");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => document.getElementById("search-status")?.textContent === "Tapez un ou plusieurs mots.");
    expect(page.url()).toBe(`${server.origin}/recherche/`);
    expect(await page.locator("#search-results li").count()).toBe(0);
    await page.close();
  });

  it("says nothing when opened without a search", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/recherche/`);
    await page.waitForFunction(() => performance.getEntriesByName("search-ready").length > 0);
    expect(await page.locator("#search-status").textContent()).toBe("");
    await page.close();
  });
});

describe("search without JavaScript", () => {
  it("says first that search needs JavaScript, with the ways into the archive, and shows no form that would do nothing", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.origin}/recherche/?q=Turquie`);
    const main = page.locator("main");
    const firstText = await main.evaluate((m) => {
      const h1 = m.querySelector("h1");
      const walker = document.createTreeWalker(m, NodeFilter.SHOW_ELEMENT);
      walker.currentNode = h1 as Node;
      // The first element after the heading that the reader sees.
      for (let e = walker.nextNode() as HTMLElement | null; e; e = walker.nextNode() as HTMLElement | null) {
        if (e.getClientRects().length > 0 && e.textContent?.trim()) return e.textContent.trim();
      }
      return null;
    });
    expect(firstText).toMatch(/^La recherche a besoin de JavaScript\./);
    expect(await page.locator(".search-form").isVisible()).toBe(false);
    expect(await page.locator("#q").isVisible()).toBe(false);
    expect(await page.locator(".search-filters select").first().isVisible()).toBe(false);
    expect(await page.locator("main a[href='/sujets/']").first().isVisible()).toBe(true);
    await context.close();
  });

  it("shows the form once its script runs", async () => {
    const page = await search("q=Turquie");
    expect(await page.locator(".search-form").isVisible()).toBe(true);
    expect(await page.locator(".search-filters").isVisible()).toBe(true);
    await page.close();
  });
});

describe("search filters", () => {
  it("narrows to a year, fetching only that year's fragments, and counts each choice", async () => {
    const page = await browser.newPage();
    const fragments: string[] = [];
    page.on("request", (r) => {
      const m = /\/pagefind\/([^/]+)\/fragment\//.exec(new URL(r.url()).pathname);
      if (m) fragments.push(m[1]!);
    });
    await page.goto(`${server.origin}/recherche/?q=Turquie&annee=2021`);
    await page.locator("#search-results li").first().waitFor();
    expect(await links(page)).toEqual([TITLE]);
    expect(new Set(fragments)).toEqual(new Set(["2021"]));
    expect(await page.locator("#filtre-sujet option[value='Irak']").textContent()).toBe("Irak (1)");
    await page.close();
  });

  it("counts the results of each topic, source and year", async () => {
    const page = await search("q=Turquie");
    expect(await page.locator("#filtre-annee option[value='2022']").textContent()).toBe("2022 (1)");
    expect(await page.locator("#filtre-annee option[value='2021']").textContent()).toBe("2021 (1)");
    expect(await page.locator("#filtre-source option[value='Agence Anadolu']").textContent()).toBe("Agence Anadolu (2)");
    await page.close();
  });

  it("lists a topic's articles without a word, and puts the filters in the address; Back returns to the previous search", async () => {
    const page = await search("q=Turquie");
    await page.locator("#filtre-sujet").selectOption("Économie");
    await page.waitForURL(/sujet=%C3%89conomie/);
    await page.waitForFunction(
      () => /Aucun|résultat/.test(document.getElementById("search-status")?.textContent ?? "") && !document.querySelector("#search-results li"),
    );
    await page.locator("#q").fill("");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => document.getElementById("search-status")?.textContent === "2\u00a0dépêches (sujet\u00a0: Économie).");
    expect(new URL(page.url()).search).toBe("?sujet=%C3%89conomie");
    await page.goBack();
    await page.waitForFunction(() => (document.getElementById("q") as HTMLInputElement).value === "Turquie");
    await page.waitForFunction(() => /^Aucun résultat/.test(document.getElementById("search-status")?.textContent ?? ""));
    await page.close();
  });
});

describe("search filters in the address", () => {
  it("takes a topic's slug, a source's code or a name without accents for its choice", async () => {
    for (const [query, chosen] of [
      ["q=Turquie&sujet=irak", { sujet: "Irak", source: "" }],
      ["q=Turquie&sujet=ECONOMIE", { sujet: "Économie", source: "" }],
      ["q=Turquie&source=aa", { sujet: "", source: "Agence Anadolu" }],
    ] as const) {
      const page = await search(query);
      expect({ sujet: await page.locator("#filtre-sujet").inputValue(), source: await page.locator("#filtre-source").inputValue() }, query).toEqual(chosen);
      expect(await page.locator("#search-ignored").count(), query).toBe(0);
      await page.close();
    }
    const page = await search("q=Turquie&sujet=irak");
    expect(await links(page)).toEqual([TITLE, BODY]);
    await page.close();
  });

  it("names the filters chosen in the count, and offers the search without them when they leave no result", async () => {
    const filtered = await search("q=Turquie&sujet=irak");
    expect(await filtered.locator("#search-status").textContent()).toBe(fr`2\u00a0résultats pour « Turquie » (sujet : Irak).`);
    expect(await filtered.locator("#search-unfiltered").count()).toBe(0);
    await filtered.close();
    const page = await search("q=Turquie&sujet=%C3%89conomie&annee=2021");
    expect(await page.locator("#search-status").textContent()).toBe(fr`Aucun résultat pour « Turquie » (sujet : Économie, année : 2021).`);
    expect(await page.locator("#search-unfiltered").textContent()).toBe(fr`Ces filtres excluent tous les résultats : voir les 2\u00a0résultats sans filtre.`);
    expect(new URL(await page.locator("#search-unfiltered a").evaluate((a) => (a as HTMLAnchorElement).href)).search).toBe("?q=Turquie");
    await page.locator("#search-unfiltered a").click();
    await page.waitForFunction(() => document.getElementById("search-status")?.textContent === "2\u00a0résultats pour «\u202fTurquie\u202f».");
    expect(new URL(page.url()).search).toBe("?q=Turquie");
    expect(await links(page)).toEqual([TITLE, BODY]);
    expect(await page.locator("#search-unfiltered").count()).toBe(0);
    // Words that find nothing at all: no filter to blame.
    await page.goto(`${server.origin}/recherche/?q=xylophone&sujet=irak`);
    await page.waitForFunction(() => /Aucun/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await page.locator("#search-unfiltered").count()).toBe(0);
    await page.close();
  });

  it("says which filter of the address the archive has no choice for, and searches without it", async () => {
    const page = await search("q=Turquie&annee=1999&sujet=Atlantide");
    await page.locator("#search-results li").first().waitFor();
    expect(await page.locator("#search-ignored").textContent()).toBe(
      fr`Sujet : « Atlantide » n’est pas dans l’archive, ce filtre est laissé de côté. Année : « 1999 » n’est pas dans l’archive, ce filtre est laissé de côté.`,
    );
    expect(await links(page)).toEqual([TITLE, BODY]);
    // The next search, from the form, has nothing to say of it.
    await page.locator("#q").fill("Bagdad");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => /Bagdad/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await page.locator("#search-ignored").count()).toBe(0);
    await page.close();
  });

  it("lists the whole archive newest first when asked so without a word", async () => {
    const page = await search("ordre=recent");
    expect(await page.locator("#search-status").textContent()).toBe(`${Object.keys(ARTICLES).length}\u00a0dépêches.`);
    expect((await links(page))[0]).toBe("/2022/09/06/le-port-de-bassorah-agrandi/");
    await page.close();
  });

  it("searches once for the choice a reader moves to with the arrow keys, not for each choice passed over", async () => {
    const page = await search("q=Turquie");
    const entries = await page.evaluate(() => history.length);
    await page.evaluate(() => {
      const counted = window as unknown as { submits: number };
      counted.submits = 0;
      document.querySelector(".search-form")!.addEventListener("submit", () => counted.submits++);
    });
    await page.locator("#filtre-annee").focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.waitForURL(/annee=2021/);
    await page.waitForFunction(() => /résultat/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await links(page)).toEqual([TITLE]);
    expect(await page.evaluate(() => (window as unknown as { submits: number }).submits)).toBe(1);
    expect(await page.evaluate(() => history.length)).toBe(entries + 1);
    await page.close();
  });
});

describe("search costs", () => {
  it("pays the runtime, the bundles and their rows as the page opens, no filter list; a search then fetches only index chunks and the results' fragments, each file once", async () => {
    const page = await browser.newPage();
    const fetched: string[] = [];
    // Search's requests only (Chromium asks for the page's icon when it pleases).
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith("/pagefind/") || path.startsWith("/recherche")) fetched.push(path);
    });
    await page.goto(`${server.origin}/recherche/`);
    await page.waitForFunction(() => performance.getEntriesByName("search-ready").length > 0);
    await page.waitForLoadState("networkidle");
    // What the page fetches as it opens is what a first search uses: the runtime (and its own
    // index's entry and page list), each bundle's entry, page list and rows, the list of packs;
    // the bundles' entries and page lists once each, though fetched ahead by our worker and asked
    // for again by Pagefind's.
    const opening = fetched.map((p) => p.replace(/\.[0-9a-z_]+\.pf_meta$/, ".*.pf_meta").replace(/^\/pagefind\/wasm\.fr\.pagefind$/, "wasm"));
    expect(opening.sort()).toEqual(
      [
        "/recherche/",
        "/recherche.js",
        "/recherche-texte.js",
        "/recherche-lignes.js",
        "/recherche-resultats.js",
        "/recherche-paquets.js",
        "/pagefind/pagefind.js",
        "/pagefind/pagefind-worker.js",
        "/pagefind/pagefind-worker-pagefind.js",
        "wasm",
        "/pagefind/pagefind-entry.json",
        "/pagefind/pagefind.*.pf_meta",
        "/pagefind/paquets/paquets.json",
        "/pagefind/paquets/lots.json",
        ...["2021", "2022"].flatMap((b) => [`/pagefind/${b}/pagefind-entry.json`, `/pagefind/${b}/pagefind.*.pf_meta`, `/pagefind/${b}/${ROWS_FILE}`]),
      ].sort(),
    );
    // One copy of the runtime, one worker (ours, then Pagefind's), and the pack reader.
    expect(fetched.filter((p) => /(pagefind|paquets)(-worker)?\.js$/.test(p)).sort()).toEqual([
      "/pagefind/pagefind-worker-pagefind.js",
      "/pagefind/pagefind-worker.js",
      "/pagefind/pagefind.js",
      "/recherche-paquets.js",
    ]);
    const opened = fetched.length;
    await page.locator("#q").fill("Turquie");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => /résultat/.test(document.getElementById("search-status")?.textContent ?? ""));
    const searched = fetched.slice(opened);
    expect(searched.length).toBeGreaterThan(0);
    // The word's index pieces, in both bundles, from its pack: one request.
    expect(searched.filter((p) => !/\.pf_(pack|fragment)$/.test(p))).toEqual([]);
    expect(searched.filter((p) => p.endsWith(".pf_pack"))).toEqual(["/pagefind/paquets/74.75.pf_pack"]);
    expect(searched.filter((p) => p.endsWith(".pf_fragment")).length).toBe(2);
    // The next search, filtered: no filter list, and no file asked again.
    await page.locator("#filtre-annee").selectOption("2022");
    await page.waitForFunction(() => /^1\u00a0résultat/.test(document.getElementById("search-status")?.textContent ?? ""));
    await page.locator("#q").fill("phosphates");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => /^6\u00a0résultats/.test(document.getElementById("search-status")?.textContent ?? ""));
    const paths = fetched.map((p) => p.replace(/\?.*$/, "")).filter((p) => p.startsWith("/pagefind/"));
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
    expect(paths.filter((p) => p.endsWith(".pf_filter"))).toEqual([]);
    await page.close();
  });

  // What a search of the word fetches, once the page is ready: its packs.
  const packsOf = async (word: string): Promise<string[]> => {
    const page = await browser.newPage();
    const fetched: string[] = [];
    await page.goto(`${server.origin}/recherche/`);
    await page.waitForFunction(() => performance.getEntriesByName("search-ready").length > 0);
    page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
    await page.locator("#q").fill(word);
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => /résultat/.test(document.getElementById("search-status")?.textContent ?? ""));
    await page.close();
    return fetched.filter((p) => /\.pf_(index|pack)$/.test(p)).sort();
  };

  // A number's first digit alone fetches nothing: with the letter that ends a number in the index
  // (src/search/records.ts), « 4 » would be the word « 4ǂ », whose pack « 4920 » does not need.
  it.each([
    ["phosphates", "12\u00a0résultats"],
    ["4920", "2\u00a0résultats"],
  ])("fetches the index pieces of « %s » while it is typed, those its search needs, and the search submitted asks for none again", async (word, said) => {
    const page = await browser.newPage();
    const fetched: string[] = [];
    page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${server.origin}/recherche/`);
    await page.waitForFunction(() => performance.getEntriesByName("search-ready").length > 0);
    const opened = fetched.length;
    await page.locator("#q").pressSequentially(word, { delay: 20 });
    await page.waitForLoadState("networkidle");
    const typed = fetched.slice(opened).filter((p) => /\.pf_(index|pack)$/.test(p));
    expect(typed.sort()).toEqual(await packsOf(word));
    const before = fetched.length;
    await page.locator("#q").press("Enter");
    await page.waitForFunction((said) => document.getElementById("search-status")?.textContent?.startsWith(said), said);
    expect(fetched.slice(before).filter((p) => /\.pf_(index|pack)$/.test(p))).toEqual([]);
    const paths = fetched.filter((p) => p.startsWith("/pagefind/"));
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
    await page.close();
  });

  it("fetches a plain search's first fragments in Pagefind's worker as soon as it has the results, before the page asks; a filtered search's only those the page picks; the results cross as their ids, only those shown with their fragment", async () => {
    const page = await browser.newPage();
    // The page's requests for fragments reach the worker half a second late: a fragment fetched
    // before then was asked for by the worker itself.
    await page.addInitScript(() => {
      const post = Worker.prototype.postMessage;
      const w = window as unknown as { delivered: number[]; shapes: string[]; listed: number[] };
      w.delivered = [];
      // What crosses from the worker: each search's results as one string of ids, and as objects
      // (their id and fragment handle only) a plain search's first ten and the results picked.
      w.shapes = [];
      w.listed = [];
      const listen = Worker.prototype.addEventListener;
      Worker.prototype.addEventListener = function (this: Worker, type: string, listener: EventListenerOrEventListenerObject, ...rest: []) {
        if (type === "message")
          listen.call(this, type, (event: Event) => {
            const result = (event as MessageEvent).data?.result;
            if (Array.isArray(result?.results)) w.shapes.push(...result.results.map((r: object) => Object.keys(r).sort().join(",")));
            if (typeof result?.ids === "string") w.listed.push(result.ids.split("\n").length);
          });
        return listen.call(this, type, listener, ...rest);
      };
      Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: []) {
        if ((message as { method?: string })?.method !== "getData") return post.call(this, message, ...rest);
        setTimeout(() => {
          w.delivered.push(Date.now());
          post.call(this, message, ...rest);
        }, 500);
      };
    });
    const fragments: number[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith(".pf_fragment")) fragments.push(Date.now());
    });
    const delivered = () => page.evaluate(() => (window as unknown as { delivered: number[] }).delivered.splice(0));
    await page.goto(`${server.origin}/recherche/`);
    await page.waitForFunction(() => performance.getEntriesByName("search-ready").length > 0);
    await page.locator("#q").fill("phosphates");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => /^12\u00a0résultats/.test(document.getElementById("search-status")?.textContent ?? ""));
    // The ten shown, fetched before the page's first request for one reached the worker, and shown as ever.
    expect(fragments.length).toBe(10);
    expect(Math.max(...fragments)).toBeLessThan(Math.min(...(await delivered())));
    expect(await page.locator("#search-results li").count()).toBe(10);
    const marked = await page.locator("#search-results li").evaluateAll((items) => items.map((li) => li.querySelector("p:last-child mark")?.textContent));
    expect(marked.every((m) => m?.startsWith("phosphates"))).toBe(true);
    // A filtered search's first results are not Pagefind's first: fetched only once the page has
    // picked them by rank (and before its own request for each reaches the worker).
    await page.locator("#filtre-annee").selectOption("2021");
    await page.waitForFunction(() => /^6\u00a0résultats/.test(document.getElementById("search-status")?.textContent ?? ""));
    await delivered();
    fragments.length = 0;
    await page.locator("#q").fill("Turquie");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => /^1\u00a0résultat/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await links(page)).toEqual([TITLE]);
    expect(fragments.length).toBe(1);
    expect(fragments[0]).toBeLessThan(Math.min(...(await delivered())));
    const { shapes, listed } = await page.evaluate(() => {
      const w = window as unknown as { shapes: string[]; listed: number[] };
      return { shapes: w.shapes, listed: w.listed };
    });
    // Three searches: 12 results, the same 12 (6 of them in 2021), then 2 (1 in 2021).
    expect(listed).toEqual([12, 12, 2]);
    // The plain search's first ten, then the six and the one shown of the filtered ones.
    expect(shapes.length).toBe(10 + 6 + 1);
    expect(new Set(shapes)).toEqual(new Set(["data,id"]));
    await page.close();
  });

  it("releases a search's results in Pagefind's worker once the next search's have crossed, and keeps the next one's", async () => {
    const page = await browser.newPage();
    const { holds, crossed } = await watchWorker(page);
    const handles = async () => (await crossed()).flat();
    await page.goto(`${server.origin}/recherche/?q=phosphates`);
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 10);
    // The first ten crossed with the results, the last two picked by rank.
    await page.locator("#search-more").click();
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 12);
    const first = await handles();
    expect(first).toHaveLength(12);
    for (const handle of first) expect(await holds(handle)).toBe(true);
    await page.locator("#q").fill("Turquie");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => /^2\u00a0résultats/.test(document.getElementById("search-status")?.textContent ?? ""));
    const next = await handles();
    expect(next).toHaveLength(2);
    // Released from a second after the next search's results have crossed, a slice at a time.
    await expect.poll(async () => (await Promise.all(first.map(holds))).filter(Boolean).length, { timeout: 10_000 }).toBe(0);
    for (const handle of next) expect(await holds(handle)).toBe(true);
    await page.close();
  });

  it("keeps the last search sent when an earlier one finishes after it: its next results are listed", async () => {
    const page = await browser.newPage();
    // « Turquie »'s index pieces (their pack, or the pieces themselves) held back until released.
    const held: (() => Promise<void>)[] = [];
    await page.route(/\/pagefind\/.*74\.75[^/]*$/, (route) => {
      held.push(() => route.continue());
    });
    await page.goto(`${server.origin}/recherche/?q=Turquie`);
    await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0);
    // A later search, newest first: each result it shows is picked by rank.
    await page.locator("#q").fill("phosphates");
    await page.locator("#ordre").selectOption("recent");
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 10);
    await Promise.all(held.map((go) => go()));
    // The earlier search's answer crosses, then what it would have released (after a second).
    await page.waitForTimeout(1500);
    await page.locator("#search-more").click();
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 12);
    expect(await page.locator("#search-status").textContent()).toBe("12\u00a0résultats pour «\u202fphosphates\u202f».");
    expect(await page.locator("#search-results h2 a").allTextContents()).toEqual(
      [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((i) => `Les phosphates, épisode ${i}`),
    );
    await page.close();
  });

  it("releases what a search the page has left gets, fetching no fragment for it", async () => {
    const page = await browser.newPage();
    const { holds, crossed } = await watchWorker(page);
    const held: (() => Promise<void>)[] = [];
    await page.route(/\/pagefind\/.*74\.75[^/]*$/, (route) => {
      held.push(() => route.continue());
    });
    const fragments: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith(".pf_fragment")) fragments.push(request.url());
    });
    await page.goto(`${server.origin}/recherche/?q=Turquie`);
    await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await page.locator("#q").fill("phosphates");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 10);
    const listed = fragments.length;
    let answers: string[][] = [];
    await Promise.all(held.map((go) => go()));
    // « Turquie »'s answer crosses after « phosphates »'s, with its two results' handles.
    await expect.poll(async () => (answers = [...answers, ...(await crossed())]).length, { timeout: 10_000 }).toBe(2);
    const [phosphates, turquie] = answers;
    expect(phosphates).toHaveLength(10);
    expect(turquie).toHaveLength(2);
    // The worker would have started their fragments as it posted them: once it has answered a
    // later message (a result shown, whose fragment it has), and the requests have had time to be
    // seen, none was. Before the probes of « Turquie »'s handles, whose data is fetched while held.
    expect(await holds(phosphates![0]!)).toBe(true);
    await page.waitForTimeout(200);
    expect(fragments.length).toBe(listed);
    await expect.poll(async () => (await Promise.all(turquie!.map(holds))).filter(Boolean).length, { timeout: 10_000 }).toBe(0);
    for (const handle of phosphates!) expect(await holds(handle)).toBe(true);
    expect(await page.locator("#search-results h2 a").first().textContent()).toMatch(/^Les phosphates/);
    await page.close();
  });

  it("gives a script that does not ask for ids (an older page's, kept by a cache) Pagefind's own answer, every result with its data", async () => {
    const page = await search("q=phosphates");
    // The page's own runtime (the same module, the same worker), asked as Pagefind's interface
    // asks; a string, for the tests' compiler would rewrite the `import()` of a function.
    const answer = await page.evaluate(`(async () => {
      const config = JSON.parse(document.getElementById("search-config").textContent);
      const pf = await import(config.runtime);
      const found = await pf.search("phosphates");
      const data = await Promise.all(found.results.map((result) => result.data()));
      return { ids: found.ids, count: found.results.length, urls: data.map((d) => d.url), marked: data.every((d) => d.excerpt.includes("<mark>")) };
    })()`);
    const { ids, count, urls, marked } = answer as { ids: unknown; count: number; urls: string[]; marked: boolean };
    expect(ids).toBeUndefined();
    expect(count).toBe(12);
    expect(new Set(urls).size).toBe(12);
    for (const url of urls) expect(url).toMatch(/\/les-phosphates-episode-\d+\/$/);
    expect(marked).toBe(true);
    await page.close();
  });

  it("answers a search submitted before those costs are paid, once they are", async () => {
    const page = await browser.newPage();
    // The page's script has run; the page has not loaded yet, so nothing is prepared.
    await page.goto(`${server.origin}/recherche/`, { waitUntil: "domcontentloaded" });
    const early = await page.evaluate(() => {
      (document.getElementById("q") as HTMLInputElement).value = "Turquie";
      document.querySelector<HTMLFormElement>(".search-form")!.requestSubmit();
      return performance.getEntriesByName("search-ready").length === 0;
    });
    expect(early).toBe(true);
    await page.waitForFunction(() => /résultat/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await links(page)).toEqual([TITLE, BODY]);
    await page.close();
  });
});

describe("search counts", () => {
  const busy = (page: Page): Promise<string | null> => page.locator(".search-filters").getAttribute("aria-busy");

  it("lists the results first, then each choice's count, and the next search's counts replace them", async () => {
    const page = await browser.newPage();
    // The filters are busy from the submit until every count is shown, after the results.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const results = document.querySelectorAll("#search-results li").length;
        const busy = document.querySelector(".search-filters")?.getAttribute("aria-busy");
        seen.push(`${results > 0 ? "results" : "none"} ${busy}`);
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-busy"] });
    });
    await page.goto(`${server.origin}/recherche/?q=Turquie`);
    await page.waitForFunction(() => /résultat/.test(document.getElementById("search-status")?.textContent ?? ""));
    expect(await page.locator("#search-status").textContent()).toBe("2\u00a0résultats pour «\u202fTurquie\u202f».");
    expect(await links(page)).toEqual([TITLE, BODY]);
    expect(await busy(page)).toBe("false");
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen).toContain("results true");
    expect(seen.indexOf("results true")).toBeLessThan(seen.indexOf("results false"));
    expect(await page.locator("#filtre-source option[value='Agence Anadolu']").textContent()).toBe("Agence Anadolu (2)");
    expect(await page.locator("#filtre-source option[value='TRT Turquie']").textContent()).toBe("TRT Turquie (0)");
    expect(await page.locator("#filtre-annee option[value='2021']").textContent()).toBe("2021 (1)");
    expect(await page.locator("#filtre-sujet option[value='Irak']").textContent()).toBe("Irak (2)");
    await page.locator("#q").fill("phosphates");
    await page.locator("#q").press("Enter");
    await page.waitForFunction(() => document.getElementById("search-status")?.textContent?.startsWith("12\u00a0résultats"));
    expect(await page.locator("#search-results li").count()).toBe(10);
    expect(await busy(page)).toBe("false");
    expect(await page.locator("#filtre-source option[value='Agence Anadolu']").textContent()).toBe("Agence Anadolu (12)");
    expect(await page.locator("#filtre-annee option[value='2022']").textContent()).toBe("2022 (6)");
    await page.close();
  });

  it("counts within the filters chosen, newest first on demand across the bundles", async () => {
    const page = await search("q=Turquie&annee=2021");
    await page.locator("#search-results li").first().waitFor();
    expect(await links(page)).toEqual([TITLE]);
    expect(await busy(page)).toBe("false");
    expect(await page.locator("#filtre-sujet option[value='Irak']").textContent()).toBe("Irak (1)");
    // The year chosen does not narrow the years' own counts: choosing 2022 would list one.
    expect(await page.locator("#filtre-annee option[value='2022']").textContent()).toBe("2022 (1)");
    await page.locator("#ordre").selectOption("recent");
    await page.waitForURL(/ordre=recent$/);
    await page.locator("#filtre-annee").selectOption("");
    await page.waitForFunction((body) => document.querySelector("#search-results h2 a")?.getAttribute("href") === body, BODY);
    expect(await links(page)).toEqual([BODY, TITLE]);
    await page.close();
  });

  // Disjunctive faceting: each filter's choices counted under the words and the other filters' choices.
  it.each([
    ["q=Turquie&annee=2021", "2022 (1) | 2021 (1)", "Économie (0) | Irak (1) | Turquie (0)", "Agence Anadolu (1) | Agence France-Presse (0) | TRT Turquie (0)"],
    [
      "q=Turquie&annee=2021&sujet=Turquie",
      "2022 (0) | 2021 (0)",
      "Économie (0) | Irak (1) | Turquie (0)",
      "Agence Anadolu (0) | Agence France-Presse (0) | TRT Turquie (0)",
    ],
    ["q=Turquie&sujet=Irak", "2022 (1) | 2021 (1)", "Économie (0) | Irak (2) | Turquie (0)", "Agence Anadolu (2) | Agence France-Presse (0) | TRT Turquie (0)"],
    [
      "sujet=Turquie&annee=2022",
      "2022 (1) | 2021 (0)",
      "Économie (1) | Irak (8) | Turquie (1)",
      "Agence Anadolu (1) | Agence France-Presse (0) | TRT Turquie (0)",
    ],
  ])("counts each filter's choices on « %s » as choosing them would list, not narrowed by that filter's own choice", async (query, annee, sujet, source) => {
    const page = await search(query);
    await shownOnceCounted(page);
    const choices = async (name: string) => (await page.locator(`#filtre-${name} option:not([value=''])`).allTextContents()).join(" | ");
    expect({ annee: await choices("annee"), sujet: await choices("sujet"), source: await choices("source") }).toEqual({ annee, sujet, source });
    await page.close();
  });

  it("places each result from its Pagefind id alone (its bundle's prefix and rank): no fragment fetched but those shown", async () => {
    const page = await browser.newPage();
    const fragments: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith(".pf_fragment")) fragments.push(new URL(r.url()).pathname);
    });
    await page.goto(`${server.origin}/recherche/?q=Turquie&ordre=recent`);
    await page.waitForFunction(() => /résultat/.test(document.getElementById("search-status")?.textContent ?? ""));
    await page.waitForFunction(() => document.querySelector(".search-filters")?.getAttribute("aria-busy") === "false");
    expect(await page.locator("#search-status").textContent()).toBe("2\u00a0résultats pour «\u202fTurquie\u202f».");
    expect(await links(page)).toEqual([BODY, TITLE]);
    expect(await page.locator("#filtre-annee option[value='2022']").textContent()).toBe("2022 (1)");
    expect(await page.locator("#filtre-annee option[value='2021']").textContent()).toBe("2021 (1)");
    expect(await page.locator("#filtre-source option[value='Agence Anadolu']").textContent()).toBe("Agence Anadolu (2)");
    // Each bundle's fragments are named by its rows' prefix and their rank, newest first.
    const rowsOf = async (year: string) => decodeRows(await (await page.request.get(`${server.origin}/pagefind/${year}/${ROWS_FILE}`)).body());
    const [newer, older] = [await rowsOf("2022"), await rowsOf("2021")];
    expect(fragments.sort()).toEqual([`/pagefind/2022/fragment/${newer.prefix}_2.pf_fragment`, `/pagefind/2021/fragment/${older.prefix}_2.pf_fragment`].sort());
    await page.close();
  });

  it("lists a source's articles without a word, newest first, each with its title, day, source and first words", async () => {
    const page = await search("source=TRT+Turquie");
    await page.waitForFunction(() => document.getElementById("search-status")?.textContent === "1\u00a0dépêche (source\u00a0: TRT Turquie).");
    expect(await links(page)).toEqual(["/2022/09/06/le-port-de-bassorah-agrandi/"]);
    expect(await page.locator("#search-results .meta").textContent()).toBe("6\u00a0septembre 2022 · TRT Turquie");
    expect(await page.locator("#search-results article > p:not(.meta)").textContent()).toContain("Les travaux ont duré deux ans.");
    expect(await page.locator("#filtre-sujet option[value='Irak']").textContent()).toBe("Irak (1)");
    await page.close();
  });
});

/**
 * Each query's results in one page of the site at `origin`, each submitted from the form as a
 * reader does: the runtime and the bundles are paid once, not once a query (a page a query made
 * the comparisons below take over a minute on a loaded machine). Before each, the status and the
 * title are emptied: the search's own are set last, together, once its results and counts are in.
 */
async function formSearches(origin: string, queries: readonly string[]): Promise<Map<string, Awaited<ReturnType<typeof shownOnceCounted>>>> {
  const found = new Map<string, Awaited<ReturnType<typeof shownOnceCounted>>>();
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/recherche/`);
    await page.waitForFunction(() => performance.getEntriesByName("search-ready").length > 0);
    for (const q of queries) {
      await page.evaluate(() => {
        document.getElementById("search-status")!.textContent = "";
        document.title = "";
      });
      await page.locator("#q").fill(q);
      await page.locator("#q").press("Enter");
      await page.waitForFunction(() => document.title !== "");
      found.set(q, await shownOnceCounted(page));
    }
  } finally {
    await page.close();
  }
  return found;
}

describe("search index pieces", () => {
  // The site as built, searched once for the queries of both tests.
  const QUERIES = ["Turquie", "turq", "tu", "irakiennes", "ir", "phosphates", "elections", "économie", "ministre bagdad", "zzz"];
  let built: Promise<Map<string, Awaited<ReturnType<typeof shownOnceCounted>>>> | undefined;

  // The same site, its bundles' words cut into pieces of `pieceBytes`; then the same searches there
  // and on the site as built.
  async function sameFound(pieceBytes: number, queries: readonly string[]): Promise<void> {
    built ??= formSearches(server.origin, QUERIES);
    const copy = mkdtempSync(join(tmpdir(), "depeche-pieces-"));
    cpSync(siteDir, copy, { recursive: true });
    const index = join(copy, "pagefind");
    for (const entry of readdirSync(index, { withFileTypes: true })) {
      if (entry.isDirectory() && readdirSync(join(index, entry.name)).includes(ROWS_FILE)) splitIndexChunks(join(index, entry.name), pieceBytes);
    }
    writeSearchPacks(index);
    const pieces = await serveFolder(copy);
    try {
      const [cut, whole] = await Promise.all([formSearches(pieces.origin, queries), built]);
      for (const q of queries) {
        expect(whole.get(q)?.status, q).toMatch(/résultat|Aucun/);
        expect(cut.get(q), q).toEqual(whole.get(q));
      }
    } finally {
      await pieces.close();
      rmSync(copy, { recursive: true, force: true });
    }
  }

  // Two pages of up to ten searches each, the site as built searched once for both tests: 9–14 s at a load of 14 (a page a search, 36 pages of some 5 s each there, took over a minute).
  it("finds, counts and orders the same with a piece for each two-character prefix", async () => {
    // Words of two characters or more: a one-letter word's matches are already cut short by
    // Pagefind's own chunks in a large archive (src/search/index-chunks.ts).
    await sameFound(Number.POSITIVE_INFINITY, QUERIES);
  }, 60_000);

  it("finds, counts and orders the same with prefixes cut within, a piece for each word", async () => {
    // Words whose stem no other word starts with (a prefix cut within finds, for a shorter one,
    // the words of the piece where it falls, as Pagefind's own chunks did).
    await sameFound(1, ["Turquie", "turq", "irakiennes", "phosphates", "elections", "économie", "ministre bagdad", "zzz"]);
  }, 60_000);
});

describe("search index packs", () => {
  it("reads a word's pieces in every bundle from one pack, and finds, counts and orders the same as from the pieces alone", async () => {
    // The same site without its packs: Pagefind's requests go to the pieces' own files.
    const copy = mkdtempSync(join(tmpdir(), "depeche-packs-"));
    cpSync(siteDir, copy, { recursive: true });
    rmSync(join(copy, "pagefind", PACKS_FOLDER), { recursive: true, force: true });
    const unpacked = await serveFolder(copy);
    try {
      const seen = async (origin: string, query: string) => {
        const page = await browser.newPage();
        const index: string[] = [];
        await page.goto(`${origin}/recherche/`);
        await page.waitForFunction(() => performance.getEntriesByName("search-ready").length > 0);
        // Requests made by the worker are seen too (Chromium reports a dedicated worker's fetches).
        page.on("request", (r) => {
          if (/\.pf_(index|pack)$/.test(r.url())) index.push(new URL(r.url()).pathname);
        });
        await page.locator("#q").fill(query);
        await page.locator("#q").press("Enter");
        const shown = await shownOnceCounted(page);
        await page.close();
        return { shown, index };
      };
      const bundles = readdirSync(join(siteDir, "pagefind"), { withFileTypes: true }).filter(
        (entry) => entry.isDirectory() && readdirSync(join(siteDir, "pagefind", entry.name)).includes(ROWS_FILE),
      ).length;
      expect(bundles).toBe(2);
      for (const q of ["Turquie", "irakiennes", "phosphates", "elections", "ministre bagdad", "zzz"]) {
        // A fresh page each (a word's pieces, once fetched, are not asked for again), the two sites' at once.
        const [packed, pieces] = await Promise.all([seen(server.origin, q), seen(unpacked.origin, q)]);
        expect(packed.shown, q).toEqual(pieces.shown);
        // Without packs, a piece a bundle for a word every bundle holds; with them, no piece, and
        // one pack (a word a bundle lacks falls in a piece of whatever words are near it, or none).
        const pieceRequests = pieces.index.filter((p) => p.endsWith(".pf_index")).length;
        expect(
          packed.index.filter((p) => p.endsWith(".pf_index")),
          q,
        ).toEqual([]);
        const packs = packed.index.filter((p) => p.endsWith(".pf_pack")).length;
        expect(packs, q).toBeLessThanOrEqual(pieceRequests);
        if (["Turquie", "phosphates"].includes(q)) expect([pieceRequests, packs], q).toEqual([bundles, 1]);
      }
    } finally {
      await unpacked.close();
      rmSync(copy, { recursive: true, force: true });
    }
    // Twelve pages, two at a time: 34 s at a load of 14.
  }, 90_000);
});
