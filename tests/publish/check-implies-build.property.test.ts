import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/build-site.ts";
import { loadContent } from "../../src/content/load.ts";
import { isPublished } from "../../src/archive/archive.ts";
import { articleText, makeArchive, SOURCES_YAML, TOPICS_YAML } from "../helpers/archive.ts";
import { FIXED_NOW } from "../helpers/site.ts";
import { fileOfUrl } from "../../src/urls/site-urls.ts";

// What `check` accepts, `build` builds, every article page included; what it refuses, `build`
// refuses too, leaving the output folder as it was. Ordinary values mixed with the ones that
// passed check and then crashed the build: long and transliterated titles, names Windows keeps
// for devices, aliases onto the site's own files or differing only in case, dates at and past
// the accepted years.

const ordinaryTitles = ["L’Irak annonce la fin de la mission de combat", "Un", "Deux", "Économie : le budget de l’État", "Le cœur & l’œuvre"];
const adversarialTitles = [
  "Con",
  "Nul",
  "AUX",
  "com1",
  "  —  ",
  "!!!",
  "Élan".normalize("NFD"),
  "Le cœur de l’œuvre, la sœur et les vœux, ".repeat(5).slice(0, 200),
  "œ".repeat(200),
  Array.from({ length: 40 }, () => "Щука").join(" "),
  "x".repeat(200),
  "x".repeat(201),
];
// An ordinary title or alias gets the article's number, so that most archives pass check.
const title = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ordinaryTitles).map((text) => ({ text, numbered: true })) },
  { weight: 1, arbitrary: fc.constantFrom(...adversarialTitles).map((text) => ({ text, numbered: false })) },
);

const date = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("2021-12-09", "2021-12-09T23:30:00", "2021-12-10T08:00:00+01:00", "2022-03-27T02:30:00") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "1900-01-01T12:00:00",
      "2100-12-31T23:59:00-12:00",
      "1899-12-31",
      "2101-01-01",
      "9999-12-31T23:59:00-12:00",
      "0001-01-01",
      "2021-02-30",
    ),
  },
);

const slug = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom("mon-slug", "prn", "con-1", "a".repeat(220), "a".repeat(221)) },
);

const adversarialAlias = fc.constantFrom(
  "/2021/12/09/ancien-titre/",
  "/actualites/irak-123.html",
  "/2021/12/09/un/",
  "/2021/12/09/UN/",
  "/2021/12/09/Ancien-Titre/",
  "/ANCIEN/",
  "/ancien/index.html",
  "/",
  "/index.html",
  "/404.html",
  "/feed.xml",
  "/feed.json",
  "/sitemap.xml",
  "/sitemap-news.xml",
  "/robots.txt",
  "/_redirects",
  "/style.css",
  "/recherche.js",
  "/recherche/",
  "/sujets/irak/feed.xml",
  "/sujets/irak/page/2/",
  "/sources/aa/",
  "/2021/12/09/",
  "/2021/",
  "/pagefind/",
  "/pagefind/2021/x/",
  "/con/",
  "/nul.html",
  "/fin./",
  "/caf%C3%A9/",
  "/cafe%CC%81/",
  "/caf%c3%a9/x/",
  "/caf%E9/",
  "/100%25/",
  "/a%2Fb/",
  "/%2E%2E/x/",
  "/%6Eul/",
  "/fin%20/",
  "/2021/12/09/%61/",
  "/vieux.html",
  "/vieux.html/page/",
  `/${"a".repeat(220)}/`,
  `/${"a".repeat(221)}/`,
);
const alias = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("/ancien-N/", "/actualites/irak-N.html", "/2021/12/09/Ancien-Titre-N/").map((text) => ({ text, numbered: true })) },
  { weight: 1, arbitrary: adversarialAlias.map((text) => ({ text, numbered: false })) },
);

const article = fc.record({
  title,
  date,
  slug,
  aliases: fc.array(alias, { maxLength: 2 }),
  draft: fc.boolean(),
  topics: fc.constantFrom("[Irak]", "[Irak, Défense]", "[Économie]"),
});

const registries = fc.constantFrom(
  { topics: TOPICS_YAML, sources: SOURCES_YAML },
  { topics: `${TOPICS_YAML}- slug: nul\n  label: Nul\n`, sources: SOURCES_YAML },
  { topics: TOPICS_YAML, sources: `${SOURCES_YAML}- code: AUX\n  name: Auxiliaire\n  url: https://aux.example\n` },
);

type ArticleCase = typeof article extends fc.Arbitrary<infer T> ? T : never;

function frontMatterExtra(a: ArticleCase, n: number): string {
  return [
    ...(a.slug === undefined ? [] : [`slug: ${a.slug}`]),
    ...(a.aliases.length === 0 ? [] : [`aliases: [${a.aliases.map((x, j) => (x.numbered ? x.text.replace("N", `${n}-${j}`) : x.text)).join(", ")}]`]),
    ...(a.draft ? ["draft: true"] : []),
  ].join("\n");
}

describe("check ok ⇒ build ok, with every article page; check not ok ⇒ build refuses and writes nothing", () => {
  it("on small archives of ordinary and adversarial values", async () => {
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(registries, fc.array(article, { minLength: 1, maxLength: 4 }), fc.boolean(), async (registry, articles, drafts) => {
        const archive = makeArchive({ "topics.yaml": registry.topics, "sources.yaml": registry.sources });
        try {
          articles.forEach((a, i) => {
            const extra = frontMatterExtra(a, i);
            archive.article(
              `a${i}.md`,
              articleText({
                title: a.title.numbered ? `${a.title.text} ${i}` : a.title.text,
                date: a.date,
                topics: a.topics,
                sources: registry.sources.includes("AUX") ? "[AUX]" : "[AA]",
                ...(extra ? { extra } : {}),
              }),
            );
          });
          const checked = await loadContent({ contentDir: archive.dir, nowMs: FIXED_NOW });
          // Drafts are never built into a folder named _site.
          const out = join(archive.root, drafts ? "preview" : "_site");
          const built = await buildSite({ contentDir: archive.dir, outDir: out, drafts, search: false, nowMs: FIXED_NOW });
          const errors = (result: { diagnostics: { severity: string; message: string }[] }): string[] =>
            result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
          if (checked.content) {
            valid++;
            expect(errors(built), "check passed, build refused").toEqual([]);
            expect(built.ok).toBe(true);
            for (const a of checked.content.articles.filter((x) => isPublished(x, { drafts, nowMs: FIXED_NOW }))) {
              expect(existsSync(join(out, a.url, "index.html")), a.url).toBe(true);
              for (const alias of a.aliases) expect(existsSync(join(out, fileOfUrl(alias))), alias).toBe(true);
            }
          } else {
            expect(built.ok).toBe(false);
            expect(errors(built)).toEqual(errors(checked));
            expect(existsSync(out)).toBe(false);
          }
          expect(readdirSync(archive.root).filter((name) => name.includes(".building-"))).toEqual([]);
        } finally {
          archive.remove();
        }
      }),
      { numRuns: 120, seed: 15_006, endOnFailure: true },
    );
    // A generator that only made invalid archives would prove nothing about building.
    expect(valid).toBeGreaterThan(20);
  }, 120_000);
});
