import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, lstatSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  BuildCache,
  type CachedBuild,
  cacheKey,
  siteStamp,
  type StatePatch,
  statePatch,
  type CacheKeyOptions,
  type SiteState,
} from "../../src/publish/build-cache.ts";
import { OrderedColumns } from "../../src/files/ordered-columns.ts";
import { SITE_MARKER, SITE_MARKER_TEXT } from "../../src/files/output-folder.ts";
import { buildSite, type BuildOptions, type BuildPhase } from "../../src/publish/build-site.ts";
import { linkInBackground, linkSpare, spareFolder } from "../../src/publish/stage-from-site.ts";
import { makeArchive, SOURCES_YAML, TOPICS_YAML, type TestArchive } from "../helpers/archive.ts";
import { cacheFileSections } from "../helpers/cache-file.ts";
import { FIXED_NOW, siteFiles, treeDigest } from "../helpers/site.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

function threeArticles(): TestArchive {
  const made = makeArchive();
  made.article("a.md", { title: "Première dépêche", date: "2021-12-09T10:00:00" });
  made.article("b.md", { title: "Deuxième dépêche", date: "2021-12-10T10:00:00", topics: "[economie]" });
  made.article("c.md", { title: "Troisième dépêche", date: "2022-01-03T10:00:00", extra: "aliases: [/ancien/]" });
  return made;
}

const out = (): string => join(archive.root, "site");
const cacheDir = (): string => join(archive.root, "cache");
const base = (): BuildOptions => ({ contentDir: archive.dir, outDir: out(), drafts: false, nowMs: FIXED_NOW, search: false, cacheDir: cacheDir() });

/**
 * The site's hidden neighbours (spare, leftovers) once the old sites the builds replaced, and the
 * files the spare set aside, are gone: a detached `rm` removes them after the build returns, and
 * takes longer on a loaded machine.
 */
async function neighboursOfSite(): Promise<string[]> {
  const names = (): string[] => readdirSync(archive.root).filter((name) => name.startsWith(".site."));
  const removing = (name: string): boolean => name.startsWith(".site.old-") || name.startsWith(".site.trash-");
  for (const deadline = Date.now() + 30_000; names().some(removing) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
  return names();
}

/** Builds with the cache; then checks the output equals a clean build's; returns whether it was incremental. */
async function cachedBuildEqualsClean(options: Partial<BuildOptions> = {}): Promise<boolean | undefined> {
  const result = await buildSite({ ...base(), ...options });
  expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
  const clean = join(archive.root, "clean");
  const { cacheDir: _, ...withoutCache } = { ...base(), ...options };
  expect((await buildSite({ ...withoutCache, outDir: clean })).ok).toBe(true);
  expect(siteFiles(out())).toEqual(siteFiles(clean));
  expect(treeDigest(out())).toBe(treeDigest(clean));
  return result.incremental;
}

class Killed extends Error {}
const killAt =
  (name: BuildPhase["name"]) =>
  (phase: BuildPhase): void => {
    if (phase.name === name) throw new Killed(name);
  };

describe("a build with a cache", () => {
  it("starts from the last build's state, and writes only the pages that changed", async () => {
    archive = threeArticles();
    const first: BuildPhase[] = [];
    expect(await cachedBuildEqualsClean({ onPhase: (p) => first.push(p) })).toBe(false);
    const sitePages = first.find((p) => p.name === "planned");
    expect(sitePages).not.toHaveProperty("of");
    const phases: BuildPhase[] = [];
    archive.article("b.md", { title: "Deuxième dépêche", date: "2021-12-10T10:00:00", topics: "[economie]", body: "Un autre corps." });
    expect(await cachedBuildEqualsClean({ onPhase: (p) => phases.push(p) })).toBe(true);
    // Only the pages that show the text are planned, out of the site's (the line says both).
    const planned = phases.find((p) => p.name === "planned");
    expect(planned).toMatchObject({ of: sitePages && "pages" in sitePages ? sitePages.pages : -1 });
    expect(planned && "pages" in planned && planned.pages).toBeLessThan(planned && "of" in planned ? planned.of! : 0);
    const incremental = phases.find((p) => p.name === "incremental");
    // The article's page; nothing lists its body's first paragraph but the lists that show it.
    expect(incremental).toMatchObject({ name: "incremental", removed: 0 });
    expect(incremental && "changed" in incremental && incremental.changed).toBeGreaterThan(0);
    expect(incremental && "changed" in incremental && incremental.changed).toBeLessThan(12);
    // Nothing changed: nothing written.
    const again: BuildPhase[] = [];
    expect(await cachedBuildEqualsClean({ onPhase: (p) => again.push(p) })).toBe(true);
    expect(again.find((p) => p.name === "incremental")).toMatchObject({ changed: 0, removed: 0, outputs: 0 });
  });

  it("rewrites an article's page, by the text edit's fast path, when its summary alone is written, changed or removed", async () => {
    archive = threeArticles();
    expect(await cachedBuildEqualsClean()).toBe(false);
    const page = (): string => readFileSync(join(out(), "2021/12/10/deuxieme-depeche/index.html"), "utf8");
    for (const summary of ["Un premier chapô.", "Un chapô corrigé.", undefined]) {
      archive.article("b.md", { title: "Deuxième dépêche", date: "2021-12-10T10:00:00", topics: "[economie]", extra: summary && `summary: "${summary}"` });
      const phases: BuildPhase[] = [];
      expect(await cachedBuildEqualsClean({ onPhase: (p) => phases.push(p) })).toBe(true);
      expect(phases.find((p) => p.name === "incremental")).toMatchObject({ planned: "text" });
      if (summary) expect(page()).toContain(`<p class="chapo">${summary}</p>`);
      else expect(page()).not.toContain('class="chapo"');
    }
  });

  it("keeps the text edit's fast path under each build's own date while an article is held back, an edit of that article changing no page, and plans the pages it enters once its date comes", async () => {
    archive = threeArticles();
    archive.article("d.md", { title: "Dépêche à venir", date: "2026-01-20T10:00:00", topics: "[economie]" });
    expect(await cachedBuildEqualsClean()).toBe(false);
    const incremental = async (nowMs: number): Promise<BuildPhase | undefined> => {
      const phases: BuildPhase[] = [];
      expect(await cachedBuildEqualsClean({ nowMs, onPhase: (p) => phases.push(p) })).toBe(true);
      return phases.find((p) => p.name === "incremental");
    };
    // Every build of CI has a date of its own: an hour later, then two, the article still ahead.
    archive.article("b.md", { title: "Deuxième dépêche", date: "2021-12-10T10:00:00", topics: "[economie]", body: "Un autre corps." });
    expect(await incremental(FIXED_NOW + 3_600_000)).toMatchObject({ planned: "text" });
    archive.article("d.md", { title: "Dépêche à venir", date: "2026-01-20T10:00:00", topics: "[economie]", body: "Le corps revu avant l’heure." });
    expect(await incremental(FIXED_NOW + 7_200_000)).toMatchObject({ planned: "text", changed: 0, removed: 0 });
    expect(existsSync(join(out(), "2026/01/20/depeche-a-venir/index.html"))).toBe(false);
    // Its date come, it enters the lists, as an article added does (the masthead's topics stay: Économie passes none out of them).
    expect(await incremental(Date.parse("2026-01-21T12:00:00Z"))).toMatchObject({ planned: "moved" });
    expect(readFileSync(join(out(), "2026/01/20/depeche-a-venir/index.html"), "utf8")).toContain("Le corps revu avant l’heure.");
  });

  it("publishes an article held back by the date once a later --now reaches it, as a clean build does, search included", async () => {
    archive = threeArticles();
    archive.article("d.md", { title: "Dépêche à venir", date: "2026-01-20T10:00:00", topics: "[economie]" });
    expect(await cachedBuildEqualsClean({ search: true })).toBe(false);
    expect(existsSync(join(out(), "2026/01/20/depeche-a-venir/index.html"))).toBe(false);
    expect(await cachedBuildEqualsClean({ search: true, nowMs: Date.parse("2026-01-21T12:00:00Z") })).toBe(true);
    expect(existsSync(join(out(), "2026/01/20/depeche-a-venir/index.html"))).toBe(true);
  });

  it("never writes into the live site's files: killed at any point before the swap, the old site is whole and the cache still usable", async () => {
    archive = threeArticles();
    await buildSite(base());
    const before = treeDigest(out());
    archive.article("a.md", { title: "Première dépêche, titre changé", date: "2021-12-09T10:00:00", body: "Corps changé." });
    archive.article("d.md", { title: "Nouvelle", date: "2021-12-09T15:00:00" });
    for (const phase of ["loaded", "planned", "incremental"] as const) {
      await expect(buildSite({ ...base(), onPhase: killAt(phase) })).rejects.toThrow(Killed);
      expect(treeDigest(out()), phase).toBe(before);
      expect(readdirSync(archive.root).filter((name) => name.includes(".building-"))).toEqual([]);
    }
    expect(await cachedBuildEqualsClean()).toBe(true);
  });

  it("with search, killed while indexing, leaves the old site and its index as they were", async () => {
    archive = threeArticles();
    await buildSite({ ...base(), search: true });
    const before = treeDigest(out());
    archive.article("c.md", {
      title: "Troisième dépêche",
      date: "2022-01-03T10:00:00",
      extra: "aliases: [/ancien/]",
      body: "Un mot nouveau : anticonstitutionnellement.",
    });
    await expect(buildSite({ ...base(), search: true, onPhase: killAt("indexed") })).rejects.toThrow(Killed);
    expect(treeDigest(out())).toBe(before);
    expect(await cachedBuildEqualsClean({ search: true })).toBe(true);
  }, 60_000);

  it("killed after the swap, before its cache is written, makes the next build a clean one", async () => {
    archive = threeArticles();
    await buildSite(base());
    archive.article("d.md", { title: "Nouvelle", date: "2021-12-09T15:00:00" });
    await expect(buildSite({ ...base(), onPhase: killAt("swapped") })).rejects.toThrow(Killed);
    archive.article("e.md", { title: "Encore une", date: "2021-12-11T15:00:00" });
    expect(await cachedBuildEqualsClean()).toBe(false);
    expect(await cachedBuildEqualsClean()).toBe(true);
  });

  it("throws away a cache that cannot be read, and builds clean", async () => {
    archive = threeArticles();
    await buildSite(base());
    const file = readdirSync(cacheDir()).find((name) => name.endsWith(".bin"))!;
    writeFileSync(join(cacheDir(), file), '{"format":1,"key":');
    archive.article("d.md", { title: "Nouvelle", date: "2021-12-09T15:00:00" });
    expect(await cachedBuildEqualsClean()).toBe(false);
    expect(await cachedBuildEqualsClean()).toBe(true);
  });

  it("builds clean when the site is not the one the cache describes", async () => {
    archive = threeArticles();
    await buildSite(base());
    // Another build, without the cache, replaced the site.
    const { cacheDir: _, ...noCache } = base();
    await buildSite({ ...noCache, drafts: true });
    expect(await cachedBuildEqualsClean()).toBe(false);
  });

  it("stays incremental for a site restored with its files' times (as CI restores a cache), not for one whose marker changed", async () => {
    archive = threeArticles();
    await buildSite(base());
    const saved = join(archive.root, "saved");
    // `cp -a` keeps times to the nanosecond, as `tar --posix` does.
    expect(spawnSync("cp", ["-a", out(), saved]).status).toBe(0);
    rmSync(out(), { recursive: true });
    expect(spawnSync("cp", ["-a", saved, out()]).status).toBe(0);
    expect(await cachedBuildEqualsClean()).toBe(true);
    // A hand edit of a page is not looked for (docs/architecture.md); touching the marker says the site changed.
    const marker = join(out(), SITE_MARKER);
    utimesSync(marker, new Date(), new Date(Date.now() - 60_000));
    expect(await cachedBuildEqualsClean()).toBe(false);
    expect(await cachedBuildEqualsClean()).toBe(true);
  });

  it("throws away a cache cut short or of an older format, and builds clean", async () => {
    archive = threeArticles();
    await buildSite(base());
    const file = join(cacheDir(), readdirSync(cacheDir()).find((name) => name.endsWith(".bin"))!);
    // Cut in the middle of the store's section, then of the rest: the header still matches the site.
    for (const section of ["store", "rest"]) {
      const { headerEnd, storeEnd, fileEnd } = cacheFileSections(file);
      const cut = section === "store" ? Math.floor((headerEnd + storeEnd) / 2) : Math.floor((storeEnd + fileEnd) / 2);
      writeFileSync(file, readFileSync(file).subarray(0, cut));
      archive.article(`${section}.md`, { title: `Nouvelle ${section}`, date: "2021-12-09T15:00:00" });
      expect(await cachedBuildEqualsClean()).toBe(false);
      expect(existsSync(file)).toBe(true);
      expect(await cachedBuildEqualsClean()).toBe(true);
    }
    // The same state under an older format's number.
    const current = readFileSync(file);
    const end = current.indexOf(10);
    const header = JSON.parse(current.toString("utf8", 0, end)) as { format: number };
    writeFileSync(file, Buffer.concat([Buffer.from(JSON.stringify({ ...header, format: header.format - 1 }).padEnd(end)), current.subarray(end)]));
    expect(await cachedBuildEqualsClean()).toBe(false);
  });

  it("throws away a cache damaged in place (its length and structure kept), by its sums, and builds clean", async () => {
    archive = threeArticles();
    await buildSite(base());
    const file = join(cacheDir(), readdirSync(cacheDir()).find((name) => name.endsWith(".bin"))!);
    // One letter of an article's URL in the store's section, then a byte of the rest's.
    for (const section of ["store", "rest"]) {
      const bytes = readFileSync(file);
      const { headerEnd, storeEnd } = cacheFileSections(file);
      const at = section === "store" ? bytes.indexOf("premiere-depeche", headerEnd) + 3 : Math.floor((storeEnd + bytes.length) / 2);
      expect(at > headerEnd && (section === "rest" || at < storeEnd)).toBe(true);
      bytes[at] = bytes[at]! ^ 0x01;
      writeFileSync(file, bytes);
      archive.article(`${section}.md`, { title: `Nouvelle ${section}`, date: "2021-12-09T15:00:00" });
      expect(await cachedBuildEqualsClean()).toBe(false);
      expect(await cachedBuildEqualsClean()).toBe(true);
    }
  });

  it("builds the site when its state cannot be saved, says why, and leaves no cache the next build would take", async () => {
    archive = threeArticles();
    await buildSite(base());
    const file = join(cacheDir(), readdirSync(cacheDir()).find((name) => name.endsWith(".bin"))!);
    // Where the cache's new files are written before they are renamed: folders, which no file replaces.
    const blocked = [`${file}.${process.pid}.partial`, `${file.replace(/\.bin$/, ".journal")}.${process.pid}.partial`];
    for (const path of blocked) mkdirSync(path);
    archive.article("d.md", { title: "Nouvelle", date: "2021-12-09T15:00:00" });
    const phases: BuildPhase[] = [];
    expect(await cachedBuildEqualsClean({ onPhase: (p) => phases.push(p) })).toBe(true);
    expect(phases.filter((p) => p.name === "cache-unsaved")).toEqual([{ name: "cache-unsaved", reason: "c’est un dossier" }]);
    expect(existsSync(file)).toBe(false);
    for (const path of blocked) rmSync(path, { recursive: true });
    expect(await cachedBuildEqualsClean()).toBe(false);
    expect(await cachedBuildEqualsClean()).toBe(true);
  });

  it("writes a marker of its own in every site: a build killed after its swap is told from the one the cache describes", async () => {
    archive = threeArticles();
    await buildSite(base());
    const stamp = siteStamp(out());
    archive.article("d.md", { title: "Nouvelle", date: "2021-12-09T15:00:00" });
    await expect(buildSite({ ...base(), onPhase: killAt("swapped") })).rejects.toThrow(Killed);
    expect(siteStamp(out())).toBeDefined();
    expect(siteStamp(out())).not.toBe(stamp);
    expect(readFileSync(join(out(), SITE_MARKER), "utf8").startsWith(SITE_MARKER_TEXT)).toBe(true);
  });

  it("adds a renamed topic's former page 2 when an added article gives the topic its page 2, as a clean build has it", async () => {
    archive = makeArchive({ "topics.yaml": TOPICS_YAML.replace("- slug: economie\n", "- slug: economie-et-finances\n  aliases: [economie]\n") });
    for (let i = 1; i <= 20; i++) archive.article(`e${i}.md`, { title: `Économie ${i}`, date: "2021-12-09T10:00:00", topics: "[economie-et-finances]" });
    await buildSite(base());
    archive.article("e21.md", { title: "Économie 21", date: "2021-12-10T10:00:00", topics: "[economie-et-finances]" });
    const phases: BuildPhase[] = [];
    expect(await cachedBuildEqualsClean({ onPhase: (p) => phases.push(p) })).toBe(true);
    // Planned as articles added: the former page 2 is among the pages they can add.
    expect(phases.find((p) => p.name === "incremental")).toMatchObject({ planned: "added" });
    expect(existsSync(join(out(), "sujets/economie/page/2/index.html"))).toBe(true);
  });

  it.each([
    ["site.yaml", (a: TestArchive) => a.write("site.yaml", "title: Autre titre\nbaseUrl: https://archives.example.org\nlocale: fr\ntimezone: Europe/Paris\n")],
    ["topics.yaml", (a: TestArchive) => a.write("topics.yaml", TOPICS_YAML.replace('label: "Économie"', "label: Économie et finances"))],
    // A topic renamed, its old slug kept (redirect pages, a feed at the old URL), and a source's old code.
    ["topics.yaml's aliases", (a: TestArchive) => a.write("topics.yaml", TOPICS_YAML.replace("- slug: irak\n", "- slug: irak-guerre\n  aliases: [irak]\n"))],
    ["sources.yaml's aliases", (a: TestArchive) => a.write("sources.yaml", SOURCES_YAML.replace("- code: AA\n", "- code: AA\n  aliases: [Anadolu]\n"))],
    [
      "sources.yaml",
      (a: TestArchive) =>
        a.write(
          "sources.yaml",
          "- code: AA\n  name: Anadolu\n  url: https://www.aa.com.tr/fr\n- code: TRT FR\n  name: TRT\n  url: https://www.trtfrance.com\n",
        ),
    ],
  ])("builds clean after a change to %s", async (_, change) => {
    archive = threeArticles();
    await buildSite(base());
    change(archive);
    expect(await cachedBuildEqualsClean()).toBe(false);
    expect(await cachedBuildEqualsClean()).toBe(true);
  });

  it.each([
    ["--drafts", { drafts: true }],
    ["--base-url", { baseUrl: "https://preview.example.org" }],
    ["--no-search toggled", { search: true }],
  ] as const)(
    "builds clean when %s changes",
    async (_, options) => {
      archive = threeArticles();
      archive.article("draft.md", { title: "Brouillon", date: "2021-12-09T18:00:00", extra: "draft: true" });
      await buildSite(base());
      expect(await cachedBuildEqualsClean(options)).toBe(false);
      expect(await cachedBuildEqualsClean(options)).toBe(true);
      expect(await cachedBuildEqualsClean()).toBe(false);
    },
    60_000,
  );

  it("stays incremental for another --now, the feeds and news sitemap rewritten as a clean build writes them", async () => {
    archive = threeArticles();
    archive.article("soon.md", { title: "Bientôt", date: "2022-01-20T10:00:00" });
    await buildSite({ ...base(), nowMs: Date.parse("2022-01-04T12:00:00Z") });
    expect(await cachedBuildEqualsClean({ nowMs: Date.parse("2022-01-25T12:00:00Z") })).toBe(true);
  });
});

// The process id of a build that is gone: above Linux's highest (2^22), never one of a running
// process, where the id of a process that just ended may be another's again on a busy machine.
const GONE_PID = 4_194_305;

describe("an incremental build after an incremental one", () => {
  const spare = (): string => spareFolder(out());
  /** Builds with the cache, checks the output equals a clean build's; says whether it staged in the spare. */
  async function stagedInSpare(options: Partial<BuildOptions> = {}): Promise<boolean> {
    const phases: BuildPhase[] = [];
    expect(await cachedBuildEqualsClean({ ...options, onPhase: (p) => phases.push(p) })).toBe(true);
    const incremental = phases.find((p) => p.name === "incremental");
    return incremental?.name === "incremental" && incremental.spare;
  }
  const edit = (n: number): void => {
    archive.article("b.md", { title: "Deuxième dépêche", date: "2021-12-10T10:00:00", topics: "[economie]", body: `Corps numéro ${n}.` });
  };

  it("stages in the site the last one replaced, brought up to date, instead of linking the whole site again", async () => {
    archive = threeArticles();
    await buildSite(base());
    // The first incremental build links the site (a clean build of fewer than `CLEAN_SPARE_PAGES`
    // leaves no spare); the site it replaces is kept, hidden, beside it.
    edit(1);
    expect(await stagedInSpare()).toBe(false);
    expect(readFileSync(join(spare(), "2021/12/10/deuxieme-depeche/index.html"), "utf8")).not.toContain("Corps numéro 1.");
    const folder = statSync(join(spare(), "2022/01")).ino;
    const page = statSync(join(spare(), "2022/01/03/troisieme-depeche/index.html")).ino;
    edit(2);
    expect(await stagedInSpare()).toBe(true);
    // The spare's own folders are the new site's (a site linked again would have new ones), and an
    // unchanged page the same file.
    expect(statSync(join(out(), "2022/01")).ino).toBe(folder);
    expect(statSync(join(out(), "2022/01/03/troisieme-depeche/index.html")).ino).toBe(page);
    // The site it replaced is the spare now, whole.
    expect(readFileSync(join(spare(), "2021/12/10/deuxieme-depeche/index.html"), "utf8")).toContain("Corps numéro 1.");
    // Pages added and removed through the spare, and nothing changed at all.
    archive.article("d.md", { title: "Nouvelle", date: "2021-12-09T15:00:00" });
    expect(await stagedInSpare()).toBe(true);
    rmSync(join(archive.dir, "articles/d.md"));
    archive.write("urls.txt", "");
    expect(await stagedInSpare()).toBe(true);
    expect(await stagedInSpare()).toBe(true);
    expect(await neighboursOfSite()).toEqual([".site.spare"]);
  });

  it("has the spare brought up to date while the archive is read; a build stopped by invalid content leaves it usable", async () => {
    archive = threeArticles();
    await buildSite(base());
    edit(1);
    expect(await stagedInSpare()).toBe(false);
    edit(2);
    // Stopped after the catch-up: the spare holds the site's pages, its marker its own.
    archive.article("casse.md", { title: "", date: "2021-12-10T11:00:00" });
    const failed = await buildSite(base());
    expect(failed.ok).toBe(false);
    expect(readFileSync(join(spare(), "2021/12/10/deuxieme-depeche/index.html"), "utf8")).toContain("Corps numéro 1.");
    expect(lstatSync(join(spare(), SITE_MARKER)).ino).not.toBe(lstatSync(join(out(), SITE_MARKER)).ino);
    rmSync(join(archive.dir, "articles/casse.md"));
    expect(await stagedInSpare()).toBe(true);
    expect(readFileSync(join(out(), "2021/12/10/deuxieme-depeche/index.html"), "utf8")).toContain("Corps numéro 2.");
    expect(await neighboursOfSite()).toEqual([".site.spare"]);
  });

  it("patches a text edit's search bundle while its pages are planned, and leaves beside the site nothing but the spare", async () => {
    archive = threeArticles();
    await buildSite({ ...base(), search: true });
    for (const n of [1, 2]) {
      edit(n);
      const phases: BuildPhase[] = [];
      expect(await cachedBuildEqualsClean({ search: true, onPhase: (p) => phases.push(p) })).toBe(true);
      expect(phases.find((p) => p.name === "indexed")).toMatchObject({ patched: 1, ahead: 1 });
    }
    // The folder the bundle was patched in, and the staged one it replaced, are gone.
    expect(await neighboursOfSite()).toEqual([".site.spare"]);
  }, 60_000);

  it("brings the spare's search index up to date: a bundle the last build indexed is not indexed again", async () => {
    archive = threeArticles();
    await buildSite({ ...base(), search: true });
    edit(1);
    expect(await stagedInSpare({ search: true })).toBe(false);
    // Each bundle's digest file: a bundle indexed again is a new one.
    const bundles = (): Map<string, number> =>
      new Map(
        readdirSync(join(out(), "pagefind"), { withFileTypes: true })
          .filter((e) => e.isDirectory() && /^\d{4}/.test(e.name))
          .map((e) => [e.name, statSync(join(out(), "pagefind", e.name, "bundle.digest")).ino]),
      );
    const before = bundles();
    edit(2);
    expect(await stagedInSpare({ search: true })).toBe(true);
    const indexed = bundles();
    const changed = [...indexed.keys()].filter((key) => indexed.get(key) !== before.get(key));
    expect(changed).toHaveLength(1);
    // A change outside the index: the bundle the last build indexed is linked from the live site.
    archive.write("urls.txt", "# rien\n");
    expect(await stagedInSpare({ search: true })).toBe(true);
    expect(bundles()).toEqual(indexed);
  }, 60_000);

  it("killed after taking the spare, links the whole site the next time, as a spare that is missing", async () => {
    archive = threeArticles();
    await buildSite(base());
    edit(1);
    await cachedBuildEqualsClean();
    // Killed halfway through bringing the spare up to date: a staging folder of a process gone.
    const leftover = join(archive.root, `.site.building-${GONE_PID}-abc`);
    renameSync(spare(), leftover);
    rmSync(join(leftover, "2021/12/10/deuxieme-depeche/index.html"));
    writeFileSync(join(leftover, "2021/12/10/deuxieme-depeche/index.html"), "à moitié");
    edit(2);
    expect(await stagedInSpare()).toBe(false);
    expect(existsSync(leftover)).toBe(false);
    // A build that fails after taking the spare removes it with its staging folder.
    edit(3);
    await expect(buildSite({ ...base(), onPhase: killAt("incremental") })).rejects.toThrow(Killed);
    expect(existsSync(spare())).toBe(false);
    expect(await stagedInSpare()).toBe(false);
    // A spare removed by hand.
    rmSync(spare(), { recursive: true });
    edit(4);
    expect(await stagedInSpare()).toBe(false);
    expect(await stagedInSpare()).toBe(true);
  });

  it("never takes the files a killed build set aside for the site, and removes them", async () => {
    archive = threeArticles();
    await buildSite(base());
    // A build killed while it brought the spare up to date left the files it set aside.
    const trash = join(archive.root, `.site.trash-${GONE_PID}-abc`);
    mkdirSync(trash);
    writeFileSync(join(trash, "index.html"), "mis de côté");
    // With no site in place, an old site would be put back: never these files.
    rmSync(out(), { recursive: true });
    expect((await buildSite(base())).ok).toBe(true);
    expect(readFileSync(join(out(), "index.html"), "utf8")).toContain("Troisième dépêche");
    expect(await neighboursOfSite()).toEqual([]);
  });

  it("links the whole site when the spare is not the one the cache describes", async () => {
    archive = threeArticles();
    await buildSite(base());
    edit(1);
    await cachedBuildEqualsClean();
    // Its marker touched, or a file added at its top, by hand.
    utimesSync(join(spare(), SITE_MARKER), new Date(), new Date(Date.now() - 60_000));
    edit(2);
    expect(await stagedInSpare()).toBe(false);
    writeFileSync(join(spare(), "ajout.html"), "à la main");
    edit(3);
    expect(await stagedInSpare()).toBe(false);
    expect(existsSync(join(out(), "ajout.html"))).toBe(false);
    expect(await stagedInSpare()).toBe(true);
    // A page's folder made a file by hand, where the spare is to be brought up to date.
    edit(4);
    expect(await stagedInSpare()).toBe(true);
    const page = join(spare(), "2021/12/10/deuxieme-depeche");
    rmSync(page, { recursive: true });
    writeFileSync(page, "à la main");
    edit(5);
    expect(await stagedInSpare()).toBe(false);
    expect(await stagedInSpare()).toBe(true);
  });

  it("keeps no spare after a small clean build, nor after a build without the cache", async () => {
    archive = threeArticles();
    await buildSite(base());
    expect(existsSync(spare())).toBe(false);
    edit(1);
    await cachedBuildEqualsClean();
    expect(existsSync(spare())).toBe(true);
    const { cacheDir: _, ...noCache } = base();
    await buildSite(noCache);
    expect(existsSync(spare())).toBe(false);
    expect(await cachedBuildEqualsClean()).toBe(false);
    expect(existsSync(spare())).toBe(false);
    edit(2);
    expect(await stagedInSpare()).toBe(false);
    expect(existsSync(spare())).toBe(true);
    // A change that makes every page again (topics.yaml) is a clean build: its spare goes too.
    archive.write("topics.yaml", TOPICS_YAML.replace('label: "Économie"', "label: Économie et finances"));
    expect(await cachedBuildEqualsClean()).toBe(false);
    expect(existsSync(spare())).toBe(false);
  });

  it("keeps its own site as the spare after a large clean build with the cache, and none without the cache", async () => {
    archive = threeArticles();
    const large = { cleanSpareFrom: 0 };
    await buildSite({ ...base(), ...large });
    // A clean build's spare is its site, linked: the same files, not copies.
    expect(treeDigest(spare())).toBe(treeDigest(out()));
    const page = "2022/01/03/troisieme-depeche/index.html";
    expect(statSync(join(spare(), page)).ino).toBe(statSync(join(out(), page)).ino);
    edit(1);
    expect(await stagedInSpare(large)).toBe(true);
    const { cacheDir: _, ...noCache } = base();
    await buildSite({ ...noCache, ...large });
    expect(existsSync(spare())).toBe(false);
    // The site is not the one the cache describes: a clean build, which leaves a spare again.
    expect(await cachedBuildEqualsClean(large)).toBe(false);
    expect(treeDigest(spare())).toBe(treeDigest(out()));
    edit(2);
    expect(await stagedInSpare(large)).toBe(true);
    // A change that makes every page again (topics.yaml) is a clean build: the spare is its site.
    archive.write("topics.yaml", TOPICS_YAML.replace('label: "Économie"', "label: Économie et finances"));
    expect(await cachedBuildEqualsClean(large)).toBe(false);
    expect(treeDigest(spare())).toBe(treeDigest(out()));
    expect(await neighboursOfSite()).toEqual([".site.spare"]);
  });

  it("keeps the spare already there when a clean build's copy is done after it", async () => {
    archive = threeArticles();
    await buildSite({ ...base(), cleanSpareFrom: 0 });
    rmSync(spare(), { recursive: true });
    mkdirSync(join(spare(), "autre"), { recursive: true });
    const building = join(archive.root, `.site.building-${process.pid}-test`);
    expect(await linkSpare(out(), building)).toBe(false);
    expect(readdirSync(spare())).toEqual(["autre"]);
    expect(existsSync(building)).toBe(false);
    // Not the spare the cache recorded: the next build links the whole site, as without one.
    edit(1);
    expect(await stagedInSpare()).toBe(false);
  });
});

describe("the whole site linked while the archive is read", () => {
  const spare = (): string => spareFolder(out());
  const edit = (n: number): void => {
    archive.article("b.md", { title: "Deuxième dépêche", date: "2021-12-10T10:00:00", topics: "[economie]", body: `Corps numéro ${n}.` });
  };
  /** The processes whose parent is this one and which run GNU cp. */
  const copies = (): number[] =>
    readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
          return stat.includes("(cp)") && Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === process.pid;
        } catch {
          return false;
        }
      })
      .map(Number);

  it.runIf(process.platform === "linux")("links the site in a child: taken whole, or stopped and removed", async () => {
    archive = threeArticles();
    await buildSite(base());
    const folder = join(archive.root, `.site.building-${process.pid}-test`);
    const link = linkInBackground(out(), folder);
    expect(await link.take()).toBe(true);
    const page = "2022/01/03/troisieme-depeche/index.html";
    expect(statSync(join(folder, page)).ino).toBe(statSync(join(out(), page)).ino);
    expect(treeDigest(folder)).toBe(treeDigest(out()));
    // Taken, it is the caller's: cancelling leaves it.
    await link.cancel();
    expect(existsSync(folder)).toBe(true);
    rmSync(folder, { recursive: true });
    // Stopped before it is taken: the child is gone, and so is the folder (set aside, then removed).
    const stopped = linkInBackground(out(), folder);
    await stopped.cancel();
    expect(existsSync(folder)).toBe(false);
    expect(await stopped.take()).toBe(false);
    expect(copies()).toEqual([]);
    // A site that cannot be linked: nothing to take, no folder left.
    const failed = linkInBackground(join(archive.root, "absent"), folder);
    expect(await failed.take()).toBe(false);
    expect(existsSync(folder)).toBe(false);
    expect(await neighboursOfSite()).toEqual([]);
  });

  it("is taken as the staging folder by an incremental build without a spare, which equals a clean build", async () => {
    archive = threeArticles();
    await buildSite(base());
    expect(existsSync(spare())).toBe(false);
    edit(1);
    const phases: BuildPhase[] = [];
    expect(await cachedBuildEqualsClean({ onPhase: (p) => phases.push(p) })).toBe(true);
    expect(phases.find((p) => p.name === "incremental")).toMatchObject({ spare: false, linked: true });
    // The site it replaced is the spare, whole, and its unchanged pages are the new site's files.
    const page = "2022/01/03/troisieme-depeche/index.html";
    expect(statSync(join(spare(), page)).ino).toBe(statSync(join(out(), page)).ino);
    expect(readFileSync(join(spare(), "2021/12/10/deuxieme-depeche/index.html"), "utf8")).not.toContain("Corps numéro 1.");
    expect(await neighboursOfSite()).toEqual([".site.spare"]);
  });

  it("is stopped and removed when the archive is invalid, or when the build turns out clean", async () => {
    archive = threeArticles();
    await buildSite(base());
    const before = treeDigest(out());
    archive.article("d.md", { title: "", date: "2021-12-09T15:00:00" });
    const failed = await buildSite(base());
    expect(failed.ok).toBe(false);
    expect(treeDigest(out())).toBe(before);
    expect(await neighboursOfSite()).toEqual([]);
    expect(copies()).toEqual([]);
    rmSync(join(archive.dir, "articles/d.md"));
    // A change that makes every page again (topics.yaml) is a clean build: the link is not used.
    archive.write("topics.yaml", TOPICS_YAML.replace('label: "Économie"', "label: Économie et finances"));
    expect(await cachedBuildEqualsClean()).toBe(false);
    expect(await neighboursOfSite()).toEqual([]);
    expect(copies()).toEqual([]);
  });
});

describe("a large clean build with search, indexed once it has let go of its plan", () => {
  const indexAfter = { search: true, indexAfterFrom: 0 };

  it("makes the same site as one that indexes beside its page writers, and a cache the next build starts from", async () => {
    archive = threeArticles();
    const phases: BuildPhase[] = [];
    // While it indexes, its records wait in their files beside the site.
    let spooled = false;
    const onPhase = (p: BuildPhase): void => {
      phases.push(p);
      if (p.name === "indexed") spooled = readdirSync(archive.root).some((name) => name.startsWith(".site.records-"));
    };
    const result = await buildSite({ ...base(), ...indexAfter, onPhase });
    expect(spooled).toBe(true);
    expect(result).toMatchObject({ ok: true, articles: 3, incremental: false });
    const { cacheDir: _, ...withoutCache } = base();
    const beside = join(archive.root, "beside");
    expect((await buildSite({ ...withoutCache, search: true, outDir: beside })).ok).toBe(true);
    expect(siteFiles(out())).toEqual(siteFiles(beside));
    expect(treeDigest(out())).toBe(treeDigest(beside));
    // Its index is made after the pages, then the site swapped in: in that order, each told once.
    const names = phases.map((p) => p.name);
    expect(names.filter((n) => n === "indexed")).toHaveLength(1);
    expect(names.indexOf("written")).toBeLessThan(names.indexOf("indexed"));
    expect(names.indexOf("indexed")).toBeLessThan(names.indexOf("swapped"));
    expect(phases.find((p) => p.name === "indexed")).toMatchObject({ articles: 3 });
    // No records' file nor staging folder is left beside the site.
    expect(await neighboursOfSite()).toEqual([]);
    // The cache it saved before indexing is the site's: the next build is incremental.
    archive.article("b.md", { title: "Deuxième dépêche", date: "2021-12-10T10:00:00", topics: "[economie]", body: "Un autre corps." });
    expect(await cachedBuildEqualsClean(indexAfter)).toBe(true);
  });

  it("leaves the spare its cache names once the site is in place", async () => {
    archive = threeArticles();
    await buildSite({ ...base(), ...indexAfter, cleanSpareFrom: 0 });
    expect(treeDigest(spareFolder(out()))).toBe(treeDigest(out()));
    archive.article("b.md", { title: "Deuxième dépêche", date: "2021-12-10T10:00:00", topics: "[economie]", body: "Un autre corps." });
    const phases: BuildPhase[] = [];
    expect(await cachedBuildEqualsClean({ ...indexAfter, cleanSpareFrom: 0, onPhase: (p) => phases.push(p) })).toBe(true);
    expect(phases.find((p) => p.name === "incremental")).toMatchObject({ spare: true });
  });
});

describe("the cache's key", () => {
  const options: CacheKeyOptions = { contentDir: "content", outDir: "_site", drafts: false, search: true };
  function project(): string {
    const root = join(archive.root, "project");
    for (const dir of ["src/publish", "templates", "public"]) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, "src/publish/build.ts"), "export const a = 1;\n");
    writeFileSync(join(root, "templates/page.11ty.ts"), "export const t = 1;\n");
    writeFileSync(join(root, "public/style.css"), "body {}\n");
    writeFileSync(join(root, ".eleventy.ts"), "export default {};\n");
    writeFileSync(join(root, "package-lock.json"), "{}\n");
    writeFileSync(join(root, "tsconfig.json"), "{}\n");
    mkdirSync(join(root, "node_modules"));
    writeFileSync(join(root, "node_modules/.package-lock.json"), "{}\n");
    return root;
  }

  it.each([
    "src/publish/build.ts",
    "src/publish/new.ts",
    "templates/page.11ty.ts",
    "public/style.css",
    ".eleventy.ts",
    "tsconfig.json",
    "package-lock.json",
    // npm install rewrites it: libraries installed after a pull, the lockfile already pulled.
    "node_modules/.package-lock.json",
  ])("changes with %s", (file) => {
    archive = makeArchive();
    const root = project();
    const before = cacheKey(root, options);
    expect(cacheKey(root, options)).toBe(before);
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), "// changed\n");
    expect(cacheKey(root, options)).not.toBe(before);
  });

  it("changes with every option that changes pages, not with the output or content folder's name", () => {
    archive = makeArchive();
    const root = project();
    const keys = [
      cacheKey(root, options),
      cacheKey(root, { ...options, drafts: true }),
      cacheKey(root, { ...options, search: false }),
      cacheKey(root, { ...options, baseUrl: "https://preview.example.org" }),
    ];
    expect(new Set(keys).size).toBe(4);
    expect(cacheKey(root, { ...options, outDir: "elsewhere" })).toBe(keys[0]);
  });

  it("is refused by a cache written under another key", async () => {
    archive = threeArticles();
    await buildSite(base());
    const other = new BuildCache(cacheDir(), "another key", { contentDir: archive.dir, outDir: out() });
    expect(other.read(out())).toBeUndefined();
    const same = new BuildCache(cacheDir(), cacheKey(resolve(import.meta.dirname, "../.."), { ...base(), search: false }), {
      contentDir: archive.dir,
      outDir: out(),
    });
    expect(same.read(out())?.pages.get("/")).toBeDefined();
  });
});

describe("depeche build --cache", () => {
  const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, "build", "--content", archive.dir, "--out", out(), "--now", "2022-01-04T12:00:00Z", "--no-search", ...args], {
      cwd: archive.root,
      encoding: "utf8",
    });

  it("keeps its state in .depeche/cache by default, in the folder given, or nowhere with --no-cache", () => {
    archive = threeArticles();
    expect(run().status).toBe(0);
    expect(readdirSync(join(archive.root, ".depeche/cache")).filter((n) => n.endsWith(".bin"))).toHaveLength(1);
    expect(run("--cache", "elsewhere").status).toBe(0);
    expect(existsSync(join(archive.root, "elsewhere"))).toBe(true);
    expect(run("--no-cache", "--cache", "nowhere").status).toBe(0);
    expect(existsSync(join(archive.root, "nowhere"))).toBe(false);
  }, 180_000);
});

describe("the cache's journal", () => {
  const binFile = (dir = cacheDir()): string => join(dir, readdirSync(dir).find((name) => name.endsWith(".bin"))!);
  const journalFile = (dir = cacheDir()): string => binFile(dir).replace(/\.bin$/, ".journal");
  const editBody = (n: number): void => {
    archive.article("b.md", { title: "Deuxième dépêche", date: "2021-12-10T10:00:00", topics: "[economie]", body: `Le corps, version ${n}.` });
  };
  // The state a cache holds, as `read` gives it, for the options of a build.
  const readState = (options: BuildOptions) => {
    const key = cacheKey(resolve(import.meta.dirname, "../.."), { ...options, search: options.search !== false });
    return new BuildCache(options.cacheDir!, key, options).read(options.outDir);
  };
  // The cache of `base()`'s builds, opened as such a build opens it.
  const baseCache = (): BuildCache => new BuildCache(cacheDir(), cacheKey(resolve(import.meta.dirname, "../.."), { ...base(), search: false }), base());
  // A record of pages alone (each with the digest "digest"), over a state as the cache holds it.
  const pagesRecord = (
    state: CachedBuild,
    { removed = [], added = [], changed = [] }: { removed?: string[]; added?: string[]; changed?: string[] },
  ): StatePatch => ({
    pages: [changed, changed.map(() => "digest")],
    added: [added, added.map(() => "digest")],
    ...(removed.length > 0 ? { removed } : {}),
    summaries: [[], []],
    outputs: state.outputs,
    counts: state.counts,
    store: { nowMs: state.store.nowMs, listing: state.store.listing, entries: [], removed: [] },
  });

  // A first build's state and its cache, opened as the next build opens it; `append` adds a record of pages to its journal.
  const firstBuild = async () => {
    archive = threeArticles();
    await buildSite(base());
    const state = readState(base())!;
    const cache = baseCache();
    cache.read(out());
    return { state, cache, append: (pages: Parameters<typeof pagesRecord>[1]) => cache.append(siteStamp(out())!, pagesRecord(state, pages)) };
  };

  it("takes an edit of a body as a record appended, the state file left as it was", async () => {
    archive = threeArticles();
    await buildSite(base());
    const file = binFile();
    const written = statSync(file, { bigint: true });
    for (let n = 1; n <= 3; n++) {
      editBody(n);
      expect(await cachedBuildEqualsClean()).toBe(true);
      expect(statSync(file, { bigint: true }).mtimeNs).toBe(written.mtimeNs);
    }
    expect(existsSync(journalFile())).toBe(true);
    // Another kind of change (a registry's) writes the whole state again, and the journal goes.
    archive.write("topics.yaml", TOPICS_YAML.replace('label: "Économie"', "label: Économie et finances"));
    expect(await cachedBuildEqualsClean()).toBe(false);
    expect(existsSync(journalFile())).toBe(false);
    expect(statSync(file, { bigint: true }).mtimeNs).not.toBe(written.mtimeNs);
  });

  it("takes an article removed, its pages gone, as a record appended, and an article added again after", async () => {
    archive = threeArticles();
    archive.article("d.md", { title: "Nouvelle", date: "2021-12-09T15:00:00" });
    await buildSite(base());
    const file = binFile();
    const written = statSync(file, { bigint: true });
    const phases: BuildPhase[] = [];
    rmSync(join(archive.dir, "articles/d.md"));
    expect(await cachedBuildEqualsClean({ onPhase: (p) => phases.push(p) })).toBe(true);
    expect(phases.find((p) => p.name === "incremental")).toMatchObject({ planned: "moved" });
    expect((phases.find((p) => p.name === "incremental") as { removed: number }).removed).toBeGreaterThan(0);
    expect(existsSync(journalFile())).toBe(true);
    archive.article("d.md", { title: "Nouvelle", date: "2021-12-09T15:00:00" });
    expect(await cachedBuildEqualsClean()).toBe(true);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(written.mtimeNs);
    editBody(1);
    expect(await cachedBuildEqualsClean()).toBe(true);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(written.mtimeNs);
  });

  it("takes a published article removed as urls.txt says to (« ! URL » on its line) as a record appended", async () => {
    archive = threeArticles();
    archive.article("d.md", { title: "Nouvelle", date: "2021-12-09T15:00:00" });
    expect((await buildSite({ ...base(), recordUrls: true })).ok).toBe(true);
    const urls = join(archive.dir, "urls.txt");
    const published = readFileSync(urls, "utf8");
    expect(published).toContain("/2021/12/09/nouvelle/\n");
    const file = binFile();
    const written = statSync(file, { bigint: true });
    rmSync(join(archive.dir, "articles/d.md"));
    writeFileSync(urls, published.replace("/2021/12/09/nouvelle/\n", "! /2021/12/09/nouvelle/ retirée\n"));
    expect(await cachedBuildEqualsClean()).toBe(true);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(written.mtimeNs);
    // The journal holds urls.txt as it is: the next build finds nothing changed, and what the rules said stands.
    const state = readState(base());
    expect(state?.store.urlManifest.manifest?.removals.map((line) => line.url)).toEqual(["/2021/12/09/nouvelle/"]);
    editBody(1);
    expect(await cachedBuildEqualsClean()).toBe(true);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(written.mtimeNs);
  });

  it("takes articles added (pages added after the others) as a record appended", async () => {
    archive = threeArticles();
    await buildSite(base());
    const file = binFile();
    const written = statSync(file, { bigint: true });
    const phases: BuildPhase[] = [];
    archive.article("d.md", { title: "Nouvelle", date: "2021-12-09T15:00:00" });
    expect(await cachedBuildEqualsClean({ onPhase: (p) => phases.push(p) })).toBe(true);
    expect(phases.find((p) => p.name === "incremental")).toMatchObject({ planned: "added" });
    archive.article("e.md", { title: "Autre nouvelle", date: "2022-01-02T09:00:00" });
    expect(await cachedBuildEqualsClean()).toBe(true);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(written.mtimeNs);
    expect(existsSync(journalFile())).toBe(true);
  });

  it.each([["a registry changed", (a: TestArchive) => a.write("topics.yaml", TOPICS_YAML.replace('label: "Économie"', "label: Économie et finances")), false]])(
    "writes the whole state after articles added journaled, for %s",
    async (_, change, incremental) => {
      archive = threeArticles();
      await buildSite(base());
      archive.article("d.md", { title: "Nouvelle", date: "2021-12-09T15:00:00" });
      expect(await cachedBuildEqualsClean()).toBe(true);
      expect(existsSync(journalFile())).toBe(true);
      const before = statSync(binFile(), { bigint: true }).mtimeNs;
      change(archive);
      expect(await cachedBuildEqualsClean()).toBe(incremental);
      expect(existsSync(journalFile())).toBe(false);
      expect(statSync(binFile(), { bigint: true }).mtimeNs).not.toBe(before);
      editBody(1);
      expect(await cachedBuildEqualsClean()).toBe(true);
    },
  );

  it("reads back, after several builds journaled, the state a build saving it whole leaves", async () => {
    archive = threeArticles();
    const whole = { ...base(), outDir: join(archive.root, "site-whole"), cacheDir: join(archive.root, "cache-whole"), cacheJournal: 0 };
    // The two caches are built moments apart: files are dated well in the past (a second apart at
    // each change), so that neither build finds one too recent to keep its stat (the store's racy window).
    let settled = 0;
    const settle = (): void => {
      const seconds = Date.now() / 1000 - 600 + settled++;
      for (const file of readdirSync(archive.dir, { recursive: true, encoding: "utf8" })) utimesSync(join(archive.dir, file), seconds, seconds);
    };
    settle();
    await buildSite(base());
    await buildSite(whole);
    // Articles added, a body edited, an article added again, a body edited again, the first
    // article added removed, then added back (its pages after the others again), the other one
    // removed: seven records.
    const changes = [
      () => archive.article("d.md", { title: "Nouvelle", date: "2021-12-09T15:00:00" }),
      () => editBody(1),
      () => archive.article("e.md", { title: "Autre nouvelle", date: "2022-01-02T09:00:00" }),
      () => editBody(2),
      () => rmSync(join(archive.dir, "articles/d.md")),
      () => archive.article("d.md", { title: "Nouvelle", date: "2021-12-09T15:00:00" }),
      () => rmSync(join(archive.dir, "articles/e.md")),
    ];
    const written = statSync(binFile(), { bigint: true }).mtimeNs;
    for (const change of changes) {
      change();
      settle();
      expect((await buildSite(base())).incremental).toBe(true);
      expect((await buildSite(whole)).incremental).toBe(true);
    }
    // Every one of them appended: the state file is the first build's.
    expect(statSync(binFile(), { bigint: true }).mtimeNs).toBe(written);
    expect(existsSync(journalFile())).toBe(true);
    expect(existsSync(journalFile(whole.cacheDir))).toBe(false);
    const journaled = readState(base())!;
    const saved = readState(whole)!;
    const byPath = (s: typeof saved) => ({ ...s.store, entries: [...s.store.entries].sort((a, b) => (a.path < b.path ? -1 : 1)) });
    expect(byPath(journaled)).toEqual(byPath(saved));
    expect([...journaled.pages]).toEqual([...saved.pages]);
    expect([journaled.outputs, journaled.counts, journaled.photos, journaled.spare?.changed]).toEqual([
      saved.outputs,
      saved.counts,
      saved.photos,
      saved.spare?.changed,
    ]);
    // The journal also keeps the standfirsts of the bodies it replaced, until it is folded in.
    for (const [digest, summary] of saved.summaries) expect(journaled.summaries.get(digest)).toBe(summary);
  });

  it.each([
    ["adds a page the state has", { added: ["/"] }],
    ["changes a page the state lacks", { changed: ["/absente/"] }],
    ["adds a page an earlier record added", { added: ["/ajoutee/"] }],
  ])("discards the cache when a record %s", async (_, wrong) => {
    const { cache, append } = await firstBuild();
    // A sound record first: the page comes last.
    expect(append({ added: ["/ajoutee/"] })).toBe(true);
    const read = cache.read(out())!;
    expect([...read.pages.keys()].at(-1)).toBe("/ajoutee/");
    expect(read.pages.get("/ajoutee/")).toBe("digest");
    expect(append(wrong)).toBe(true);
    expect(cache.read(out())).toBeUndefined();
    expect(cache.exists()).toBe(false);
  });

  it("reads back records that remove pages as the builds that wrote them had them: removed before their own are set, a page removed then added again last", async () => {
    const { state, cache, append } = await firstBuild();
    const [first, second, third] = [...state.pages.keys()].slice(1, 4) as [string, string, string];
    // The first page removed; added again (it goes last), a new page after it; the second removed, the third changed.
    for (const pages of [{ removed: [first] }, { added: [first, "/nouvelle/"] }, { removed: [second], changed: [third] }]) expect(append(pages)).toBe(true);
    const read = cache.read(out())!;
    const expected = new Map(state.pages);
    expected.delete(first);
    expected.set(first, "digest").set("/nouvelle/", "digest");
    expected.delete(second);
    expected.set(third, "digest");
    expect([...read.pages]).toEqual([...expected]);
    // A record that removes a page the state no longer has is not of this state.
    expect(append({ removed: [second] })).toBe(true);
    expect(cache.read(out())).toBeUndefined();
    expect(cache.exists()).toBe(false);
  });

  it("reads back a record of more pages than a call takes arguments (every page of a large archive rewritten)", async () => {
    const { state, cache, append } = await firstBuild();
    const urls = Array.from({ length: 200_000 }, (_, i) => `/p/${i}/`);
    expect(append({ added: urls })).toBe(true);
    const read = cache.read(out())!;
    expect(read.pages.size).toBe(state.pages.size + urls.length);
    expect([...read.pages.keys()].at(-1)).toBe("/p/199999/");
  });

  it("is folded into the state file past its length, and continued after", async () => {
    archive = threeArticles();
    await buildSite({ ...base(), cacheJournal: 2 });
    const sizes: boolean[] = [];
    for (let n = 1; n <= 4; n++) {
      editBody(n);
      expect(await cachedBuildEqualsClean({ cacheJournal: 2 })).toBe(true);
      sizes.push(existsSync(journalFile()));
    }
    // Two records, then the whole state written (no journal), then a record again.
    expect(sizes).toEqual([true, true, false, true]);
    editBody(5);
    expect(await cachedBuildEqualsClean({ cacheJournal: 2 })).toBe(true);
  });

  it.each([
    ["cut short", (bytes: Buffer) => bytes.subarray(0, bytes.length - 5)],
    ["cut in its record's head", (bytes: Buffer) => bytes.subarray(0, bytes.indexOf(10) + 10)],
    [
      "damaged",
      (bytes: Buffer) => Buffer.concat([bytes.subarray(0, bytes.length - 3), Buffer.from([bytes[bytes.length - 3]! ^ 1]), bytes.subarray(bytes.length - 2)]),
    ],
    ["longer (a torn record after a whole one)", (bytes: Buffer) => Buffer.concat([bytes, Buffer.from([200, 0, 0, 0, 1, 2, 3])])],
  ])("discards the cache when its journal is %s, and builds clean", async (_, tear) => {
    archive = threeArticles();
    await buildSite(base());
    editBody(1);
    expect(await cachedBuildEqualsClean()).toBe(true);
    const journal = journalFile();
    writeFileSync(journal, tear(readFileSync(journal)));
    editBody(2);
    expect(await cachedBuildEqualsClean()).toBe(false);
    editBody(3);
    expect(await cachedBuildEqualsClean()).toBe(true);
  });

  it("ignores a journal that continues another state file (one written since)", async () => {
    archive = threeArticles();
    await buildSite(base());
    editBody(1);
    expect(await cachedBuildEqualsClean()).toBe(true);
    const stale = readFileSync(journalFile());
    // A build writing the whole state (a topic new to the masthead: every page changes), killed
    // before removing the journal it made stale.
    archive.article("e.md", { title: "Cinquième dépêche", date: "2021-12-11T10:00:00", topics: "[terrorisme]" });
    expect(await cachedBuildEqualsClean()).toBe(true);
    expect(existsSync(journalFile())).toBe(false);
    writeFileSync(binFile().replace(/\.bin$/, ".journal"), stale);
    editBody(2);
    expect(await cachedBuildEqualsClean()).toBe(true);
    editBody(3);
    expect(await cachedBuildEqualsClean()).toBe(true);
  });

  it("killed after the swap of a journaled build, before its record is appended, makes the next build a clean one", async () => {
    archive = threeArticles();
    await buildSite(base());
    editBody(1);
    expect(await cachedBuildEqualsClean()).toBe(true);
    editBody(2);
    await expect(buildSite({ ...base(), onPhase: killAt("swapped") })).rejects.toThrow(Killed);
    editBody(3);
    expect(await cachedBuildEqualsClean()).toBe(false);
  });
});

describe("a build's patch of the state", () => {
  const state = (pages: ReadonlyMap<string, string>): SiteState => ({ pages, outputs: [], summaries: new Map(), counts: {}, photos: new Map() });
  const store = { nowMs: FIXED_NOW, listing: { diagnostics: [], complete: true }, entries: [], removed: [] };
  const previous = OrderedColumns.read(
    OrderedColumns.save(
      new Map([
        ["/", "a"],
        ["/x/", "b"],
        ["/y/", "c"],
      ]),
    ),
  );

  it("is the same whether the pages were made from the previous ones (the fast path) or planned whole", () => {
    const next = previous.with([
      ["/x/", "B"],
      ["/", "a"],
      ["/z/", "d"],
    ]);
    const made = statePatch(state(previous), state(next), store, new Map(), undefined);
    expect(made?.pages).toEqual([["/x/"], ["B"]]);
    expect(made?.added).toEqual([["/z/"], ["d"]]);
    expect(statePatch(state(previous), state(new Map(next)), store, new Map(), undefined)).toEqual(made);
  });

  it("is none when a page moved or went: the whole state is written", () => {
    const moved = new Map([
      ["/x/", "b"],
      ["/", "a"],
      ["/y/", "c"],
    ]);
    expect(statePatch(state(previous), state(moved), store, new Map(), undefined)).toBeUndefined();
    expect(statePatch(state(previous), state(new Map([["/", "a"]])), store, new Map(), undefined)).toBeUndefined();
  });
});
