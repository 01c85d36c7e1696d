/**
 * The two sites the standards checks run on: a sample-like archive (`sample-archive.ts`), and a
 * generated one with every page kind (pagination, neighbours on every side, an alias, rich article bodies).
 */
import { join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { buildSite } from "../../src/publish/build-site.ts";
import type { SitePages } from "../../src/plan/pages.ts";
import { makeArchive, type TestArchive } from "./archive.ts";
import { makeSampleArchive } from "./sample-archive.ts";
import { FIXED_NOW, siteFiles } from "./site.ts";
import { makePhoto } from "./photos.ts";

/** One page of each kind, as a site-relative URL (the redirect left out where there is none). */
export type PageKind =
  | "home"
  | "article"
  | "day"
  | "month"
  | "year"
  | "topic"
  | "topic-page-2"
  | "source"
  | "topics"
  | "sources"
  | "search"
  | "not-found"
  | "redirect";

export interface TestSite {
  name: string;
  out: string;
  baseUrl: string;
  pages: SitePages;
  kinds: Partial<Record<PageKind, string>>;
}

const TOPICS = ["[Irak, Défense]", "[Irak, États-Unis]", "[Irak, Terrorisme]", "[Économie]", "[États-Unis, Économie]", "[Irak]"];
const BODIES = [
  "Le gouvernement irakien a annoncé, jeudi, la fin des missions de combat.\n\n> « Nous avons achevé le dernier round de dialogue », a déclaré le conseiller.\n\nLe texte intégral est [sur le site de l’agence](https://www.aa.com.tr/fr).\n\n![Le logo des Dépêches](/icon-192.png)",
  "Trois points ressortent de la réunion :\n\n- le calendrier du retrait ;\n- la formation des forces locales ;\n- le **partage du renseignement**.\n\nLes *négociations* reprendront en janvier.",
  "## Contexte\n\nDepuis 2014, une coalition internationale combat l’organisation terroriste.\n\n1. Première phase : les frappes aériennes.\n2. Seconde phase : le conseil.\n\nLe bilan reste contesté.",
];

/** The photo two generated articles in three show (every day has one), written by `writeGeneratedPhotos`. */
export const GENERATED_PHOTO = "images/2021/12/coalition.jpg";

/** The word only the first generated article has, for search tests. */
export const SEARCH_WORD = "phosphates";

/** An archive of `count` articles over about five weeks across two years, topics spread so that Irak has several pages. */
export function makeGeneratedArchive(count = 60): TestArchive {
  const archive = makeArchive();
  const first = Date.parse("2021-12-10T08:00:00Z");
  for (let i = 0; i < count; i++) {
    // Two articles a day, a day skipped each week, into the next year.
    const day = new Date(first + (Math.floor(i / 2) + Math.floor(i / 14)) * 86_400_000 + (i % 2) * 5 * 3_600_000);
    const iso = day.toISOString().slice(0, 10);
    const time = day.toISOString().slice(11, 16);
    const extra = [
      ...(i === 0 ? [`summary: "Les exportations de ${SEARCH_WORD} du Maroc ont doublé cette année."`] : []),
      // A standfirst on one article in four, the article page the standards checks read (`pageKinds`) among them.
      ...(i % 4 === 1 ? ['summary: "Le calendrier du retrait se précise : la 2e phase commence."'] : []),
      ...(i === 1 ? ["aliases: [/2021/12/10/ancien-titre/]", "updated: 2021-12-11T09:00:00"] : []),
      ...(i % 5 === 0 ? [`shortLink: https://turquie2023.com/gen${i}`] : []),
      // Figures on article pages and thumbnails in lists, for the standards checks; one caption left out.
      ...(i % 3 !== 2
        ? [
            `image:\n  src: ${GENERATED_PHOTO}\n  alt: "Des soldats de la coalition devant un blindé"\n  credit: "AA / Photographe ${i}"${i === 4 ? "" : `\n  caption: "Bagdad : le retrait, photo ${i}."`}`,
          ]
        : []),
    ].join("\n");
    archive.article(`${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8)}-depeche-${i}.md`, {
      title: i === 0 ? `Les exportations de ${SEARCH_WORD} du Maroc doublent` : `Dépêche numéro ${i} : la coalition et le calendrier du retrait`,
      date: `${iso}T${time}:00Z`,
      sources: i % 3 === 0 ? "[TRT FR]" : "[AA, TRT FR]",
      topics: TOPICS[i % TOPICS.length]!,
      ...(extra ? { extra } : {}),
      body: BODIES[i % BODIES.length]!,
    });
  }
  return archive;
}

/** Builds the sample-like archive and a generated one into a temporary folder; `remove()` deletes both. */
export async function buildTestSites(): Promise<{ sample: TestSite; generated: TestSite; remove(): void }> {
  const root = mkdtempSync(join(tmpdir(), "depeche-sites-"));
  const sampleArchive = makeSampleArchive();
  const generatedArchive = makeGeneratedArchive();
  const remove = (): void => {
    rmSync(root, { recursive: true, force: true });
    sampleArchive.remove();
    generatedArchive.remove();
  };
  try {
    generatedArchive.write(GENERATED_PHOTO, await makePhoto({ width: 1400, height: 933 }));
    // One after the other: two builds at once in one process step on each other.
    const sample = await build("sample", sampleArchive.dir, join(root, "sample"));
    const generated = await build("generated", generatedArchive.dir, join(root, "generated"));
    return { sample, generated, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

async function build(name: string, contentDir: string, out: string): Promise<TestSite> {
  const result = await buildSite({ contentDir, outDir: out, drafts: false, nowMs: FIXED_NOW, cacheDir: join(out, "..", "cache") });
  if (!result.ok || !result.built)
    throw new Error(`${name} archive did not build:\n${result.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join("\n")}`);
  const { pages, site } = result.built.data;
  return { name, out, baseUrl: site.baseUrl, pages, kinds: pageKinds(pages) };
}

// The richest page of each kind: an article and a day with neighbours on both sides, a topic with a second page.
function pageKinds(pages: SitePages): Partial<Record<PageKind, string>> {
  const middle = <T>(list: T[]): T | undefined => list[Math.floor(list.length / 2)];
  const paged = pages.lists.find((l) => l.pagination.number === 2);
  const topicUrl = paged ? paged.pagination.pageUrls[0] : pages.lists.find((l) => l.url.startsWith("/sujets/"))?.url;
  const kinds: Partial<Record<PageKind, string>> = {
    home: "/",
    article: (pages.articles.find((a) => a.older && a.newer) ?? pages.articles[0])?.url,
    day: (pages.days.find((d) => d.older && d.newer) ?? pages.days[0])?.url,
    month: middle(pages.months)?.url,
    year: pages.years[0]?.url,
    topic: topicUrl,
    "topic-page-2": paged?.url,
    source: pages.lists.find((l) => l.url.startsWith("/sources/"))?.url,
    topics: "/sujets/",
    sources: "/sources/",
    search: pages.search[0]?.url,
    "not-found": pages.notFound[0]?.url,
    redirect: pages.redirects[0]?.url,
  };
  return Object.fromEntries(Object.entries(kinds).filter(([, url]) => url !== undefined));
}

/** Every HTML file of a built site, as site-relative paths (`/2021/index.html`). */
export function htmlFiles(out: string): string[] {
  return siteFiles(out).filter((f) => f.endsWith(".html"));
}
