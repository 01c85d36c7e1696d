import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { ArchiveStore, type STORE_FORMAT, type StoreChange, type StoreSnapshot } from "../../src/content/store.ts";
import { TOPICS_YAML, makeArchive, type TestArchive } from "../helpers/archive.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());
const NOW = Date.parse("2026-01-01T00:00:00Z");

// Three valid articles, one with errors, one that takes another's URL, and a urls.txt.
function sampleArchive(): TestArchive {
  const made = makeArchive();
  made.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", extra: "shortLink: https://turquie2023.com/Ab12Cd" });
  made.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économie]" });
  made.article("2021/12/11-c.md", { title: "Troisième", date: "2021-12-11T10:00:00", extra: "aliases: [/ancien/]" });
  made.article("2021/12/12-bad.md", { title: "Sujet inconnu", date: "2021-12-12", topics: "[Irack]" });
  made.article("2021/12/13-twin.md", { title: "Premier titre", date: "2021-12-09T11:00:00" });
  made.write("urls.txt", "/2021/12/09/premier-titre/\n/2021/12/10/autre-depeche/\n");
  return made;
}

async function fullStore(): Promise<ArchiveStore> {
  const store = new ArchiveStore({ contentDir: archive.dir, nowMs: NOW });
  await store.sync();
  return store;
}

const lines = (store: ArchiveStore): string[] => store.result().diagnostics.map(formatDiagnostic);
const noChange: StoreChange = { added: [], changed: [], removed: [], registries: false, urlManifest: false };
const path = (relative: string): string => join(archive.dir, "articles", relative);

describe("the archive store", () => {
  it("gives, after a full sync, what loadContent gives", async () => {
    archive = sampleArchive();
    const store = await fullStore();
    const loaded = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(store.result()).toEqual(loaded);
    expect(loaded.fileCount).toBe(5);
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringContaining(`${archive.display("articles/2021/12/12-bad.md")}:5:10: error: sujet inconnu « Irack »`),
      expect.stringContaining(`${archive.display("articles/2021/12/13-twin.md")}:2:8: error: même adresse /2021/12/09/premier-titre/ que`),
      // Dated the 9th, filed under the 13th.
      expect.stringContaining(`${archive.display("articles/2021/12/13-twin.md")}:3:7: warning: le fichier est rangé à une autre date`),
    ]);
  });

  it("reports a first sync as every file added, and a second with nothing changed as no change", async () => {
    archive = sampleArchive();
    const store = new ArchiveStore({ contentDir: archive.dir, nowMs: NOW });
    const first = await store.sync();
    expect(first.added).toHaveLength(5);
    expect(first).toMatchObject({ changed: [], removed: [], registries: true, urlManifest: true });
    expect(await store.sync()).toEqual(noChange);
  });

  it.each([
    ["a changed file", "changed", "2021/12/10-b.md", (a: TestArchive) => a.article("2021/12/10-b.md", { title: "Autre titre", date: "2021-12-10T10:00:00" })],
    ["an added file", "added", "2021/12/14-d.md", (a: TestArchive) => a.article("2021/12/14-d.md", { title: "Nouvelle", date: "2021-12-14" })],
    ["a removed file", "removed", "2021/12/13-twin.md", (a: TestArchive) => rmSync(join(a.dir, "articles/2021/12/13-twin.md"))],
    ["a fixed file", "changed", "2021/12/12-bad.md", (a: TestArchive) => a.article("2021/12/12-bad.md", { title: "Sujet connu", date: "2021-12-12" })],
  ] as const)("reports exactly %s, and then equals a fresh full load", async (_, kind, relative, edit) => {
    for (const synced of ["full", "one path"] as const) {
      archive = sampleArchive();
      const store = await fullStore();
      edit(archive);
      const change = await store.sync(synced === "full" ? undefined : [path(relative)]);
      expect(change).toEqual({ ...noChange, [kind]: [path(relative)] });
      expect(store.result()).toEqual(await loadContent({ contentDir: archive.dir, nowMs: NOW }));
      archive.remove();
    }
  });

  it("drops every article of a folder deleted whole", async () => {
    archive = sampleArchive();
    const store = await fullStore();
    archive.article("2022/01/01-e.md", { title: "Bonne année", date: "2022-01-01" });
    await store.sync([path("2022/01/01-e.md")]);
    rmSync(join(archive.dir, "articles/2021"), { recursive: true });
    const change = await store.sync([path("2021")]);
    expect(change.removed).toEqual(["09-a", "10-b", "11-c", "12-bad", "13-twin"].map((name) => path(`2021/12/${name}.md`)));
    expect(store.result()).toEqual(await loadContent({ contentDir: archive.dir, nowMs: NOW }));
  });

  it("does not validate again a file saved with the same bytes", async () => {
    archive = sampleArchive();
    const store = await fullStore();
    const entry = (): unknown => store.articleEntries().find((e) => e.path === path("2021/12/10-b.md"));
    const before = entry();
    archive.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économie]" });
    expect(await store.sync([path("2021/12/10-b.md")])).toEqual(noChange);
    expect(entry()).toBe(before);
  });

  it("reports a change to the registries, and validates every article against them", async () => {
    archive = sampleArchive();
    const store = await fullStore();
    archive.write("topics.yaml", `${TOPICS_YAML}- slug: irack\n  label: Irack\n`);
    const change = await store.sync([join(archive.dir, "topics.yaml")]);
    expect(change.registries).toBe(true);
    expect(change.urlManifest).toBe(false);
    expect(change.changed).toHaveLength(5);
    expect(lines(store).some((l) => l.includes("sujet inconnu « Irack »"))).toBe(false);
    expect(store.result()).toEqual(await loadContent({ contentDir: archive.dir, nowMs: NOW }));
  });

  it("applies urls.txt's guard to a single file's sync", async () => {
    archive = sampleArchive();
    const store = await fullStore();
    archive.article("2021/12/10-b.md", { title: "Titre changé", date: "2021-12-10T10:00:00" });
    await store.sync([path("2021/12/10-b.md")]);
    expect(lines(store)).toContainEqual(
      expect.stringContaining(`${archive.display("urls.txt")}:2:1: error: /2021/12/10/autre-depeche/ a été publiée, mais aucun article n’a plus cette adresse`),
    );
    writeFileSync(join(archive.dir, "urls.txt"), "/2021/12/09/premier-titre/\n! /2021/12/10/autre-depeche/\n");
    expect((await store.sync([join(archive.dir, "urls.txt")])).urlManifest).toBe(true);
    expect(lines(store).some((l) => l.includes("a été publiée"))).toBe(false);
  });

  it("is saved as JSON and read back with the same content and diagnostics", async () => {
    archive = sampleArchive();
    const store = await fullStore();
    const saved = JSON.parse(JSON.stringify(store.snapshot())) as StoreSnapshot;
    expect(saved.entries.map((e) => e.path)).toEqual(["09-a", "10-b", "11-c", "12-bad", "13-twin"].map((name) => `articles/2021/12/${name}.md`));
    const read = ArchiveStore.fromSnapshot(saved, { contentDir: archive.dir, nowMs: NOW })!;
    expect(read.result()).toEqual(store.result());
    // Articles share their registries' topics, as when first read.
    const content = read.result().content ?? { topics: [], articles: [] };
    for (const article of content.articles) for (const topic of article.topics) expect(content.topics).toContain(topic);
    // Nothing changed on disk: the store read back has nothing to read again.
    expect(await read.sync()).toEqual(noChange);
    archive.article("2021/12/14-d.md", { title: "Nouvelle", date: "2021-12-14" });
    expect((await read.sync()).added).toEqual([path("2021/12/14-d.md")]);
    expect(read.result()).toEqual(await loadContent({ contentDir: archive.dir, nowMs: NOW }));
  });

  it("refuses a snapshot of another format or another now", async () => {
    archive = sampleArchive();
    const saved = (await fullStore()).snapshot();
    expect(ArchiveStore.fromSnapshot({ ...saved, format: 0 as typeof STORE_FORMAT }, { contentDir: archive.dir, nowMs: NOW })).toBeUndefined();
    expect(ArchiveStore.fromSnapshot(saved, { contentDir: archive.dir, nowMs: NOW + 1 })).toBeUndefined();
  });
});
