import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listArticleFiles } from "../../src/content/article-files.ts";
import { SyncAhead } from "../../src/content/article-survey.ts";
import { Diagnostics, displayPath } from "../../src/content/diagnostics.ts";
import { ArchiveStore } from "../../src/content/store.ts";
import { threadBudget } from "../../src/threads/budget.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());
const NOW = Date.parse("2026-01-01T00:00:00Z");

// Four articles, written a minute ago: their stats are old enough to be trusted.
function agedArchive(): TestArchive {
  const made = makeArchive();
  made.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
  made.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00" });
  made.article("2021/12/11-c.md", { title: "Troisième", date: "2021-12-11T10:00:00" });
  made.article("2021/12/12-d.md", { title: "Quatrième", date: "2021-12-12T10:00:00" });
  const past = new Date(Date.now() - 60_000);
  for (const name of readdirSync(join(made.dir, "articles/2021/12"))) utimesSync(join(made.dir, "articles/2021/12", name), past, past);
  return made;
}

describe("the survey of the articles folder taken ahead of a sync", () => {
  it("lists the folder as the sync does, with each file's stat, in a thread of its own that it gives back", async () => {
    archive = agedArchive();
    symlinkSync(join(archive.dir, "articles/2021/12/09-a.md"), join(archive.dir, "articles/2021/12/lien.md"));
    writeFileSync(join(archive.dir, "articles/2021/notes.txt"), "à lire");
    const free = threadBudget.free;
    const ahead = new SyncAhead(archive.dir);
    const survey = (await ahead.survey())!;
    expect(threadBudget.free).toBe(free);
    const listed = new Diagnostics();
    const paths = listArticleFiles(join(archive.dir, "articles"), displayPath, listed);
    expect(survey.paths).toEqual(paths);
    expect(survey.paths).toHaveLength(4);
    expect(survey.diagnostics).toEqual(listed.items);
    expect(survey.diagnostics.map((d) => d.severity)).toEqual(["error", "warning"]);
    expect([...survey.stats]).toEqual(paths.flatMap((p) => [lstatSync(p).size, lstatSync(p).mtimeMs, lstatSync(p).ctimeMs, lstatSync(p).ino]));
  });

  it("spares a restored store's sync its listing and stats, which then sees what a sync of its own sees", async () => {
    archive = agedArchive();
    const first = new ArchiveStore({ contentDir: archive.dir, nowMs: NOW });
    await first.sync();
    const saved = JSON.stringify(first.snapshot());
    const path = (name: string): string => join(archive.dir, "articles/2021/12", name);
    // Edited: a new time. Edited keeping its size and modification time: its change time moved on.
    writeFileSync(path("10-b.md"), readFileSync(path("10-b.md"), "utf8").replace("Autre", "Neuve"));
    const kept = lstatSync(path("11-c.md"));
    writeFileSync(path("11-c.md"), readFileSync(path("11-c.md"), "utf8").replace("Troisième", "Troisièmf"));
    utimesSync(path("11-c.md"), kept.atime, kept.mtime);
    rmSync(path("12-d.md"));
    archive.article("2021/12/13-e.md", { title: "Cinquième", date: "2021-12-13T10:00:00" });
    writeFileSync(join(archive.dir, "articles/2021/notes.txt"), "à lire");
    // Dated a minute back, the new and edited files' stats are trusted by both syncs, however long
    // the first takes on a loaded machine (else one may keep a stat the other found too recent).
    const past = new Date(Date.now() - 60_000);
    for (const name of ["10-b.md", "13-e.md"]) utimesSync(path(name), past, past);

    const own = ArchiveStore.fromSnapshot(JSON.parse(saved), { contentDir: archive.dir, nowMs: NOW })!;
    const ownChange = await own.sync();
    const surveyed = ArchiveStore.fromSnapshot(JSON.parse(saved), { contentDir: archive.dir, nowMs: NOW })!;
    const change = await surveyed.sync(undefined, {}, new SyncAhead(archive.dir));
    expect(change).toEqual({
      added: [path("13-e.md")],
      changed: [path("10-b.md"), path("11-c.md")],
      removed: [path("12-d.md")],
      registries: false,
      urlManifest: false,
    });
    expect(change).toEqual(ownChange);
    expect(surveyed.result()).toEqual(own.result());
    expect(surveyed.snapshot()).toEqual(own.snapshot());
    expect(surveyed.result().content?.articles.map((a) => a.title)).toEqual(["Premier titre", "Neuve dépêche", "Troisièmf", "Cinquième"]);
  });

  it("takes the folder as it was when surveyed: a file changed after the survey is seen by the next sync", async () => {
    archive = agedArchive();
    const first = new ArchiveStore({ contentDir: archive.dir, nowMs: NOW });
    await first.sync();
    const saved = JSON.stringify(first.snapshot());
    const ahead = new SyncAhead(archive.dir);
    await ahead.survey();
    const file = join(archive.dir, "articles/2021/12/10-b.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("Autre", "Neuve"));
    const store = ArchiveStore.fromSnapshot(JSON.parse(saved), { contentDir: archive.dir, nowMs: NOW })!;
    expect((await store.sync(undefined, {}, ahead)).changed).toEqual([]);
    expect((await store.sync()).changed).toEqual([file]);
  });

  it("reads the site's folder for repositories outside the pages' folders, and names those it left out", async () => {
    archive = agedArchive();
    const site = join(archive.root, "site");
    mkdirSync(join(site, "2021/12/09/été/.git"), { recursive: true });
    mkdirSync(join(site, "2021/travail/.git"), { recursive: true });
    mkdirSync(join(site, "2021/12/10/b"), { recursive: true });
    const ahead = new SyncAhead(archive.dir, site);
    // No spare to bring up to date: told, as a build tells it once its cache is read.
    expect(await ahead.catchUp(undefined)).toBe(false);
    const walk = (await ahead.repositoryWalk())!;
    expect(walk.found).toEqual(["2021/travail/.git"]);
    expect(walk.pagesIn.sort()).toEqual(["2021/12/09", "2021/12/10"]);
    expect(await ahead.repositories()).toEqual(["2021/travail/.git"]);
  });

  it("brings the site's spare up to date once it has read the site, then gives its thread back", async () => {
    archive = agedArchive();
    const site = join(archive.root, "site");
    const spare = join(archive.root, "spare");
    mkdirSync(join(site, "2021/12/09/a"), { recursive: true });
    mkdirSync(join(spare, "2021/12/09/a"), { recursive: true });
    writeFileSync(join(site, "index.html"), "accueil 2");
    writeFileSync(join(spare, "index.html"), "accueil 1");
    writeFileSync(join(site, "2021/12/09/a/index.html"), "a");
    writeFileSync(join(spare, "2021/12/09/a/index.html"), "a");
    const free = threadBudget.free;
    const ahead = new SyncAhead(archive.dir, site);
    const trash = join(archive.root, "trash");
    expect(await ahead.catchUp({ folder: spare, site, changed: ["index.html"], trash })).toBe(true);
    expect(readFileSync(join(spare, "index.html"), "utf8")).toBe("accueil 2");
    expect(lstatSync(join(spare, "index.html")).ino).toBe(lstatSync(join(site, "index.html")).ino);
    expect(readFileSync(join(trash, "0"), "utf8")).toBe("accueil 1");
    expect((await ahead.repositories())!).toEqual([]);
    expect(threadBudget.free).toBe(free);
  });

  it("says the spare is not brought up to date when the thread fails at it, or is stopped first", async () => {
    archive = agedArchive();
    const site = join(archive.root, "site");
    mkdirSync(site);
    writeFileSync(join(site, "index.html"), "accueil");
    // A spare whose page is where a folder of the site's path is: the catch-up cannot move it.
    const spare = join(archive.root, "spare");
    mkdirSync(spare);
    writeFileSync(join(spare, "2021"), "un fichier");
    const failing = new SyncAhead(archive.dir, site);
    expect(await failing.catchUp({ folder: spare, site, changed: ["2021/12/09/a/index.html"], trash: join(archive.root, "trash") })).toBe(false);
    await failing.cancel();
    const cancelled = new SyncAhead(archive.dir, site);
    await cancelled.cancel();
    expect(await cancelled.catchUp({ folder: spare, site, changed: ["index.html"], trash: join(archive.root, "trash-2") })).toBe(false);
    expect(readFileSync(join(spare, "2021"), "utf8")).toBe("un fichier");
  });
});
