import { mkdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { ArchiveStore, patchSnapshot, type StoreChange, type StorePatch, type StoreSnapshot } from "../../src/content/store.ts";
import type { ArticleEntry } from "../../src/content/validate-files.ts";
import { TOPICS_YAML, articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

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

// The sample archive's store restored from its snapshot, with a mark only the snapshot's rules hold
// (« marque »): said as long as the rules are said again, not run.
async function restoredWithMark(): Promise<ArchiveStore> {
  archive = sampleArchive();
  const first = await fullStore();
  first.result();
  const saved = JSON.parse(JSON.stringify(first.snapshot())) as StoreSnapshot;
  const mark = { severity: "warning" as const, file: "articles/2021/12/09-a.md", line: 1, column: 1, message: "marque" };
  const store = ArchiveStore.fromSnapshot({ ...saved, rules: [...saved.rules!, mark] }, { contentDir: archive.dir, nowMs: NOW })!;
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
      expect.stringContaining(fr`${archive.display("articles/2021/12/12-bad.md")}:5:10: error: sujet inconnu « Irack »`),
      expect.stringContaining(`${archive.display("articles/2021/12/13-twin.md")}:2:8: error: même adresse /2021/12/09/premier-titre/ que`),
      // Dated the 9th, filed under the 13th.
      expect.stringContaining(`${archive.display("articles/2021/12/13-twin.md")}:3:7: warning: le fichier est rangé à une autre date`),
    ]);
  });

  it("passes over what editors leave beside articles when told of it (the preview's watch): an Emacs lock, a hidden folder", async () => {
    archive = sampleArchive();
    const store = await fullStore();
    const before = lines(store);
    symlinkSync("redaction@poste.12345:1700000000", path("2021/12/.#10-b.md"));
    mkdirSync(path(".brouillons"));
    writeFileSync(path(".brouillons/x.md"), articleText({ title: "Caché" }));
    expect(await store.sync([path("2021/12/.#10-b.md"), path(".brouillons/x.md"), path(".brouillons")])).toEqual(noChange);
    expect(lines(store)).toEqual(before);
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
    expect(lines(store).some((l) => l.includes(fr`sujet inconnu « Irack »`))).toBe(false);
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

  it("gives every problem the rules across articles found, however many (an archive copied whole: every URL twice)", async () => {
    archive = sampleArchive();
    const store = await fullStore();
    store.result();
    const saved = JSON.parse(JSON.stringify(store.snapshot())) as StoreSnapshot;
    const rule = saved.rules?.find((d) => d.severity === "error");
    expect(rule).toBeDefined();
    // More than a call takes arguments.
    saved.rules = Array.from({ length: 200_000 }, () => rule!);
    const read = ArchiveStore.fromSnapshot(saved, { contentDir: archive.dir, nowMs: NOW })!;
    expect(read.result().diagnostics.filter((d) => d.message === rule!.message)).toHaveLength(200_000);
  });

  it("adopting the snapshot's own objects, reads back the same store as a copy does, and saves the same snapshot", async () => {
    archive = sampleArchive();
    const store = await fullStore();
    const result = store.result();
    const json = JSON.stringify(store.snapshot());
    const copied = ArchiveStore.fromSnapshot(JSON.parse(json) as StoreSnapshot, { contentDir: archive.dir, nowMs: NOW })!;
    const adopted = ArchiveStore.fromSnapshot(JSON.parse(json) as StoreSnapshot, { contentDir: archive.dir, nowMs: NOW }, { adopt: true })!;
    expect(adopted.result()).toEqual(copied.result());
    expect(adopted.result()).toEqual(result);
    expect(JSON.stringify(adopted.snapshot())).toBe(json);
    // A body is read from its file, as a copy's is.
    expect(adopted.result().content?.articles.map((a) => a.body)).toEqual(store.result().content?.articles.map((a) => a.body));
  });

  it("restored, says what changed since as a patch that brings the snapshot to what it saves now", async () => {
    archive = sampleArchive();
    const saved = JSON.parse(JSON.stringify((await fullStore()).snapshot())) as StoreSnapshot;
    const read = ArchiveStore.fromSnapshot(saved, { contentDir: archive.dir, nowMs: NOW })!;
    expect(read.patch()?.patch).toMatchObject({ entries: [], removed: [] });
    archive.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économie]", body: "Un autre corps." });
    archive.article("2021/12/14-d.md", { title: "Nouvelle", date: "2021-12-14" });
    rmSync(join(archive.dir, "articles/2021/12/11-c.md"));
    await read.sync();
    const { patch, entries } = read.patch()!;
    expect(entries.map((e) => e.path)).toEqual([path("2021/12/10-b.md"), path("2021/12/14-d.md")]);
    expect(patch.removed).toEqual(["articles/2021/12/11-c.md"]);
    const patched = patchSnapshot(saved, [JSON.parse(JSON.stringify(patch)) as StorePatch]);
    const byPath = (s: StoreSnapshot) => ({ ...s, entries: [...s.entries].sort((a, b) => (a.path < b.path ? -1 : 1)) });
    expect(byPath(patched)).toEqual(JSON.parse(JSON.stringify(read.snapshot())));
    expect(ArchiveStore.fromSnapshot(patched, { contentDir: archive.dir, nowMs: NOW })!.result()).toEqual(read.result());
    // urls.txt not UTF-8 (an error), or the registries changed: no patch, the whole snapshot is saved.
    writeFileSync(join(archive.dir, "urls.txt"), Buffer.from([0x2f, 0xff, 0x2f, 0x0a]));
    await read.sync();
    expect(read.patch()).toBeUndefined();
    writeFileSync(join(archive.dir, "urls.txt"), "/2021/12/09/premier-titre/\n");
    await read.sync();
    expect(read.patch()).toBeDefined();
    writeFileSync(join(archive.dir, "topics.yaml"), `${readFileSync(join(archive.dir, "topics.yaml"), "utf8")}\n`);
    await read.sync();
    expect(read.patch()).toBeUndefined();
    // Nor does a store that was not restored.
    expect((await fullStore()).patch()).toBeUndefined();
  });

  it("restored, carries in its patch the URLs a build appended to urls.txt, and keeps what the rules said; another change of urls.txt runs the rules again", async () => {
    archive = sampleArchive();
    rmSync(join(archive.dir, "articles/2021/12/12-bad.md"));
    rmSync(join(archive.dir, "articles/2021/12/13-twin.md"));
    const first = await fullStore();
    first.result();
    const saved = JSON.parse(JSON.stringify(first.snapshot())) as StoreSnapshot;
    const record = (store: ArchiveStore, text: string, added: string[]): void => {
      writeFileSync(join(archive.dir, "urls.txt"), text);
      store.recordedUrls(added);
    };
    const before = readFileSync(join(archive.dir, "urls.txt"), "utf8");
    const read = ArchiveStore.fromSnapshot(saved, { contentDir: archive.dir, nowMs: NOW })!;
    await read.sync();
    read.result();
    record(read, `${before}/2021/12/11/troisieme/\n/ancien/\n`, ["/2021/12/11/troisieme/", "/ancien/"]);
    const { patch } = read.patch()!;
    expect(patch.urlManifest?.lines).toMatchObject({ gone: [], removals: [] });
    expect(patch.urlManifest?.lines.published.map((line) => line.url)).toEqual(["/2021/12/11/troisieme/", "/ancien/"]);
    expect(patch.rules).toBeDefined();
    const patched = patchSnapshot(saved, [JSON.parse(JSON.stringify(patch)) as StorePatch]);
    expect(patched).toEqual(JSON.parse(JSON.stringify(read.snapshot())));
    // The next sync finds urls.txt as the state says: no change, the rules said again.
    const next = ArchiveStore.fromSnapshot(patched, { contentDir: archive.dir, nowMs: NOW })!;
    expect(await next.sync()).toEqual(noChange);
    expect(next.result()).toEqual(await loadContent({ contentDir: archive.dir, nowMs: NOW }));
    // Lines other than those the build says it appended (someone else's edit): an ordinary change,
    // in the patch, without the rules, which the next build runs again.
    const other = ArchiveStore.fromSnapshot(saved, { contentDir: archive.dir, nowMs: NOW })!;
    writeFileSync(join(archive.dir, "urls.txt"), before);
    await other.sync();
    other.result();
    record(other, `${before}/2021/12/11/troisieme/\n! /ancien/\n`, ["/2021/12/11/troisieme/"]);
    const edited = other.patch()!.patch;
    expect(edited.rules).toBeUndefined();
    expect(edited.urlManifest?.lines.removals.map((line) => line.url)).toEqual(["/ancien/"]);
    expect(patchSnapshot(saved, [JSON.parse(JSON.stringify(edited)) as StorePatch])).toEqual(JSON.parse(JSON.stringify(other.snapshot())));
  });

  it("restored, carries in its patch a published article removed as urls.txt says to (its line turned into « ! URL »), and the patches in turn give the snapshot", async () => {
    archive = sampleArchive();
    rmSync(join(archive.dir, "articles/2021/12/12-bad.md"));
    rmSync(join(archive.dir, "articles/2021/12/13-twin.md"));
    const urls = join(archive.dir, "urls.txt");
    const text = readFileSync(urls, "utf8");
    expect(text).toContain("/2021/12/10/autre-depeche/\n");
    const first = await fullStore();
    first.result();
    const saved = JSON.parse(JSON.stringify(first.snapshot())) as StoreSnapshot;
    // The editor removes the article and says so on its line, which keeps its number.
    const read = ArchiveStore.fromSnapshot(saved, { contentDir: archive.dir, nowMs: NOW })!;
    rmSync(join(archive.dir, "articles/2021/12/10-b.md"));
    writeFileSync(urls, text.replace("/2021/12/10/autre-depeche/\n", "! /2021/12/10/autre-depeche/ retirée à la demande de l’agence\n"));
    await read.sync();
    expect(read.result().diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const removal = read.patch()!.patch;
    const line = text.split("\n").indexOf("/2021/12/10/autre-depeche/") + 1;
    expect(removal.urlManifest?.lines).toEqual({ gone: [line], published: [], removals: [{ url: "/2021/12/10/autre-depeche/", line }] });
    expect(removal.removed).toEqual(["articles/2021/12/10-b.md"]);
    const once = patchSnapshot(saved, [JSON.parse(JSON.stringify(removal)) as StorePatch]);
    expect(once).toEqual(JSON.parse(JSON.stringify(read.snapshot())));
    // A second build, restored from the patched snapshot: a line the editor puts back above the others.
    const next = ArchiveStore.fromSnapshot(once, { contentDir: archive.dir, nowMs: NOW })!;
    expect(await next.sync()).toEqual(noChange);
    writeFileSync(urls, `# une note\n${readFileSync(urls, "utf8")}`);
    await next.sync();
    next.result();
    const moved = next.patch()!.patch;
    const twice = patchSnapshot(
      saved,
      [removal, moved].map((p) => JSON.parse(JSON.stringify(p)) as StorePatch),
    );
    expect(twice).toEqual(JSON.parse(JSON.stringify(next.snapshot())));
    expect(ArchiveStore.fromSnapshot(twice, { contentDir: archive.dir, nowMs: NOW })!.result()).toEqual(
      await loadContent({ contentDir: archive.dir, nowMs: NOW }),
    );
  });

  it("hands back urls.txt as it read it while the file is unchanged, restored or not, and nothing once it changed or said something wrong", async () => {
    archive = sampleArchive();
    const urls = join(archive.dir, "urls.txt");
    const text = readFileSync(urls, "utf8");
    const store = await fullStore();
    const parsed = {
      published: [
        { url: "/2021/12/09/premier-titre/", line: 1 },
        { url: "/2021/12/10/autre-depeche/", line: 2 },
      ],
      removals: [],
      removed: new Set(),
    };
    expect(store.heldUrlManifest()).toEqual({ bytes: Buffer.from(text), manifest: parsed });
    const restored = ArchiveStore.fromSnapshot(JSON.parse(JSON.stringify(store.snapshot())) as StoreSnapshot, { contentDir: archive.dir, nowMs: NOW })!;
    await restored.sync();
    expect(restored.heldUrlManifest()).toEqual({ bytes: Buffer.from(text), manifest: parsed });
    // Changed since the store read it: the caller must read it anew.
    writeFileSync(urls, `${text}/2021/12/11/troisieme/\n`);
    expect(store.heldUrlManifest()).toBeUndefined();
    rmSync(urls);
    expect(store.heldUrlManifest()).toBeUndefined();
    // Not UTF-8: the store holds an error, not a manifest.
    writeFileSync(urls, Buffer.from([0x2f, 0xe9, 0x0a]));
    await store.sync();
    expect(store.heldUrlManifest()).toBeUndefined();
    writeFileSync(urls, text);
    await store.sync();
    expect(store.heldUrlManifest()?.manifest).toEqual(parsed);
  });

  it("restored, says again what the rules across articles said when only texts changed, and checks those texts' links", async () => {
    archive = sampleArchive();
    const first = await fullStore();
    first.result();
    const saved = JSON.parse(JSON.stringify(first.snapshot())) as StoreSnapshot;
    // The twin takes another's URL, and lies in another day's folder: the rules speak of it.
    expect(saved.rules?.map((d) => d.file)).toContain("articles/2021/12/13-twin.md");
    const fresh = () => loadContent({ contentDir: archive.dir, nowMs: NOW });
    const restoredResult = async (snapshot = saved) => {
      const read = ArchiveStore.fromSnapshot(snapshot, { contentDir: archive.dir, nowMs: NOW })!;
      await read.sync();
      return read.result();
    };
    // A body edited, with a link to no page: its links are checked, the rest is said again.
    archive.article("2021/12/10-b.md", {
      title: "Autre dépêche",
      date: "2021-12-10T10:00:00",
      topics: "[Économie]",
      body: "Voir [ici](/2021/12/31/nulle-part/).",
    });
    expect(await restoredResult()).toEqual(await fresh());
    expect(
      (await fresh()).diagnostics.some((d) => d.file === archive.display("articles/2021/12/10-b.md") && d.message.includes("/2021/12/31/nulle-part/")),
    ).toBe(true);
    // Said again, not found again: what the snapshot alone holds is said.
    const mark = { severity: "warning" as const, file: "articles/2021/12/09-a.md", line: 1, column: 1, message: "marque" };
    expect((await restoredResult({ ...saved, rules: [...saved.rules!, mark] })).diagnostics.map((d) => d.message)).toContain("marque");
    // The twin's text changed, and its lines moved: the rules spoke of its file, so they all run again.
    archive.article(
      "2021/12/13-twin.md",
      `---\n# une note\n${articleText({ title: "Premier titre", date: "2021-12-09T11:00:00", body: "Autre corps." }).slice(4)}`,
    );
    expect((await restoredResult({ ...saved, rules: [...saved.rules!, mark] })).diagnostics.map((d) => d.message)).not.toContain("marque");
    expect(await restoredResult()).toEqual(await fresh());
    // A title changed (not a text): every rule runs again.
    archive.article("2021/12/11-c.md", { title: "Troisième, autrement", date: "2021-12-11T10:00:00", extra: "aliases: [/ancien/]" });
    expect((await restoredResult({ ...saved, rules: [...saved.rules!, mark] })).diagnostics.map((d) => d.message)).not.toContain("marque");
    expect(await restoredResult()).toEqual(await fresh());
  });

  it("settled after each result, as the preview keeps it between saves, gives what a full read gives, the rules said again while only texts change", async () => {
    const store = await restoredWithMark();
    const fresh = () => loadContent({ contentDir: archive.dir, nowMs: NOW });
    // Saved, then settled: the result, without the mark, is a full read's.
    const save = async (relative: string) => {
      await store.sync([path(relative)]);
      const result = store.result();
      store.settle();
      const marked = result.diagnostics.some((d) => d.message === "marque");
      expect({ ...result, diagnostics: result.diagnostics.filter((d) => d.message !== "marque") }).toEqual(await fresh());
      return marked;
    };
    store.result();
    store.settle();
    archive.article("2021/12/10-b.md", {
      title: "Autre dépêche",
      date: "2021-12-10T10:00:00",
      topics: "[Économie]",
      body: "Voir [ici](/2021/12/31/nulle-part/).",
    });
    expect(await save("2021/12/10-b.md")).toBe(true);
    archive.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économie]", body: "Corrigé." });
    expect(await save("2021/12/10-b.md")).toBe(false);
    archive.article("2021/12/11-c.md", { title: "Troisième", date: "2021-12-11T10:00:00", extra: "aliases: [/ancien/]", body: "Un autre corps." });
    expect(await save("2021/12/11-c.md")).toBe(false);
    archive.article("2021/12/11-c.md", { title: "Troisième, autrement", date: "2021-12-11T10:00:00", extra: "aliases: [/ancien/]" });
    expect(await save("2021/12/11-c.md")).toBe(false);
    archive.article("2021/12/20-d.md", { title: "Premier titre", date: "2021-12-09T12:00:00" });
    expect(await save("2021/12/20-d.md")).toBe(false);
    rmSync(path("2021/12/20-d.md"));
    expect(await save("2021/12/20-d.md")).toBe(false);
  });

  it("settled after a result, says again what the rules said of the entries then, and only then", async () => {
    const store = await restoredWithMark();
    const said = () => store.result().diagnostics.some((d) => d.message === "marque");
    expect(said()).toBe(true);
    // Settled on the rules just given (the mark among them), then a text edited: the mark said again.
    store.settle();
    archive.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économie]", body: "Un corps." });
    await store.sync([path("2021/12/10-b.md")]);
    expect(said()).toBe(true);
    // Settled before any result of the entries as they are now: nothing is taken, the rules run.
    archive.article("2021/12/11-c.md", { title: "Troisième, autrement", date: "2021-12-11T10:00:00", extra: "aliases: [/ancien/]" });
    await store.sync([path("2021/12/11-c.md")]);
    store.settle();
    expect(said()).toBe(false);
  });

  it("restored, checks an edited text's links against the pages files with errors bring, as a full check does", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Un", date: "2021-12-09T10:00:00" });
    // The only article of 2022, with an unknown topic: once mended, it brings /2022/03/15/.
    archive.article("2022/03/15-seul.md", { title: "Seul", date: "2022-03-15T10:00:00", topics: "[Irack]" });
    const first = await fullStore();
    first.result();
    const saved = JSON.parse(JSON.stringify(first.snapshot())) as StoreSnapshot;
    archive.article("2021/12/09-a.md", { title: "Un", date: "2021-12-09T10:00:00", body: "Voir [le 15 mars](/2022/03/15/)." });
    const read = ArchiveStore.fromSnapshot(saved, { contentDir: archive.dir, nowMs: NOW })!;
    await read.sync();
    const fresh = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(fresh.diagnostics.map((d) => d.file)).toEqual([archive.display("articles/2022/03/15-seul.md")]);
    expect(read.result()).toEqual(fresh);
  });

  it("restored, says again what the rules said when articles were removed that they can say nothing of, and runs them all when one may be missed", async () => {
    const fresh = () => loadContent({ contentDir: archive.dir, nowMs: NOW });
    const urls = (text: string) => archive.write("urls.txt", text);
    // Three URLs online, and one removed long ago.
    const published = "/2019/01/01/ancien/\n! /2019/01/01/ancien/ retirée\n/2021/12/09/un/\n/2021/12/10/deux/\n/2020/01/01/vieux/\n";
    // An archive the rules say nothing of but where a file is filed, and a mark only its snapshot
    // holds: the mark is said when the rules are said again, not run.
    const start = async (before?: () => void): Promise<StoreSnapshot> => {
      archive = makeArchive();
      archive.article("2021/12/09-un.md", { title: "Un", date: "2021-12-09T10:00:00" });
      archive.article("2021/12/10-deux.md", { title: "Deux", date: "2021-12-10T10:00:00", extra: "aliases: [/2020/01/01/vieux/]" });
      archive.article("2021/12/11-trois.md", { title: "Trois", date: "2021-12-11T10:00:00" });
      // Dated the 12th, filed under the 14th.
      archive.article("2021/12/14-range-ailleurs.md", { title: "Rangé ailleurs", date: "2021-12-12T10:00:00" });
      urls(published);
      before?.();
      const store = await fullStore();
      store.result();
      const saved = JSON.parse(JSON.stringify(store.snapshot())) as StoreSnapshot;
      expect(saved.rules?.map((d) => d.kind)).toEqual(["misplacedFile"]);
      // At a file no case removes (whose diagnostics would go with it).
      const mark = { severity: "warning" as const, file: "articles/marque.md", line: 1, column: 1, message: "marque", kind: "misplacedFile" };
      return { ...saved, rules: [...saved.rules!, mark] };
    };
    // Whether the restored store said the mark; its result is the full read's, but for the mark.
    const reused = async (snapshot: StoreSnapshot): Promise<boolean> => {
      const read = ArchiveStore.fromSnapshot(snapshot, { contentDir: archive.dir, nowMs: NOW })!;
      await read.sync();
      const result = read.result();
      expect({ ...result, diagnostics: result.diagnostics.filter((d) => d.message !== "marque") }).toEqual(await fresh());
      return result.diagnostics.some((d) => d.message === "marque");
    };
    const removeTrois = () => rmSync(path("2021/12/11-trois.md"));
    const removeUn = () => rmSync(path("2021/12/09-un.md"));
    const removeDeux = () => rmSync(path("2021/12/10-deux.md"));
    // A removal, and urls.txt written anew.
    const removing = (remove: () => void, text: string) => () => {
      remove();
      urls(text);
    };
    // The first article's body, with a link, before the snapshot.
    const linking = (body: string) => () => archive.article("2021/12/09-un.md", { title: "Un", date: "2021-12-09T10:00:00", body });
    const cases: { name: string; before?: () => void; change: () => void; reuse: boolean }[] = [
      { name: "an article never published", change: removeTrois, reuse: true },
      { name: "the article filed elsewhere, its warning with it", change: () => rmSync(path("2021/12/14-range-ailleurs.md")), reuse: true },
      {
        name: "a published article, its line turned into « ! URL »",
        change: removing(removeUn, published.replace("/2021/12/09/un/", "! /2021/12/09/un/ retirée")),
        reuse: true,
      },
      {
        name: "a published article and its alias, marked removed on lines of their own",
        change: removing(removeDeux, `${published}! /2021/12/10/deux/\n! /2020/01/01/vieux/\n`),
        reuse: true,
      },
      { name: "a published article, urls.txt left as it was (an error)", change: removeUn, reuse: false },
      {
        name: "a published article whose alias urls.txt still lists (an error)",
        change: removing(removeDeux, published.replace("/2021/12/10/deux/", "! /2021/12/10/deux/")),
        reuse: false,
      },
      {
        name: "an article, and an online article's URL marked removed (a warning)",
        change: removing(removeTrois, published.replace("/2021/12/09/un/", "! /2021/12/09/un/")),
        reuse: false,
      },
      {
        name: "an article, and a URL of no article added to urls.txt (an error)",
        change: removing(removeTrois, `${published}/2021/12/31/autre/\n`),
        reuse: false,
      },
      {
        name: "an article, and a removal taken back (its line made a comment: an error)",
        change: removing(removeTrois, published.replace("! /2019/01/01/ancien/ retirée", "# /2019/01/01/ancien/ retirée")),
        reuse: false,
      },
      {
        name: "an article another body links to (an error)",
        before: linking("Voir [trois](/2021/12/11/trois/)."),
        change: removeTrois,
        reuse: false,
      },
      {
        name: "a published article whose alias another body links to (an error)",
        before: linking("Voir [le vieux](/2020/01/01/vieux/)."),
        change: removing(removeDeux, `${published}! /2021/12/10/deux/\n! /2020/01/01/vieux/\n`),
        reuse: false,
      },
      {
        name: "an article, in an archive with a link to a day's page (which may go)",
        before: linking("Voir [le 10](/2021/12/10/)."),
        change: removeTrois,
        reuse: false,
      },
      {
        name: "an article, in an archive with links to articles still there",
        before: linking("Voir [deux](/2021/12/10/deux/)."),
        change: removeTrois,
        reuse: true,
      },
    ];
    for (const { name, before, change, reuse } of cases) {
      const saved = await start(before);
      change();
      expect(await reused(saved), name).toBe(reuse);
    }
  });

  it("restored, runs the rules again when a file with errors that they read was changed or removed, or an article added beside one", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Un", date: "2021-12-09T10:00:00", extra: "aliases: [/ancien/]" });
    archive.article("2021/12/10-b.md", { title: "Deux", date: "2021-12-10T10:00:00", topics: "[Irack]" });
    const snapshotNow = async () => {
      const store = await fullStore();
      store.result();
      return JSON.parse(JSON.stringify(store.snapshot())) as StoreSnapshot;
    };
    const restoredResult = async (snapshot: StoreSnapshot) => {
      const read = ArchiveStore.fromSnapshot(snapshot, { contentDir: archive.dir, nowMs: NOW })!;
      await read.sync();
      return read.result();
    };
    const fresh = () => loadContent({ contentDir: archive.dir, nowMs: NOW });
    const before = await snapshotNow();
    // Still with its error, it takes the alias of another: the clash is told.
    archive.article("2021/12/10-b.md", { title: "Deux", date: "2021-12-10T10:00:00", topics: "[Irack]", extra: "aliases: [/ancien/]" });
    const clash = await fresh();
    expect(clash.diagnostics.map((d) => d.message)).toContain(
      fr`l’alias /ancien/ est déjà un alias de ${archive.display("articles/2021/12/09-a.md")} : une ancienne adresse ne mène qu’à un seul article`,
    );
    expect(await restoredResult(before)).toEqual(clash);
    // Removed, it takes the clash with it.
    const withClash = await snapshotNow();
    rmSync(path("2021/12/10-b.md"));
    expect(await restoredResult(withClash)).toEqual(await fresh());
    expect((await fresh()).diagnostics).toEqual([]);
    // An article added that takes the URL of a file with errors: the check of additions knows only articles.
    archive.article("2021/12/09-a.md", { title: "Un", date: "2021-12-09T10:00:00" });
    archive.article("2021/12/10-b.md", { title: "Deux", date: "2021-12-10T10:00:00", topics: "[Irack]" });
    const withErrors = await snapshotNow();
    archive.article("2021/12/10-c.md", { title: "Deux", date: "2021-12-10T12:00:00" });
    const added = await fresh();
    expect(added.diagnostics.map((d) => d.message)).toContain(
      fr`même adresse /2021/12/10/deux/ que ${archive.display("articles/2021/12/10-b.md")} : changez le titre, ou ajoutez un « slug » distinct`,
    );
    expect(await restoredResult(withErrors)).toEqual(added);
  });

  it("restored, says again what the rules said when articles were added that they can say nothing of, and runs them all when one may clash", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", extra: "shortLink: https://turquie2023.com/Ab12Cd" });
    archive.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", extra: "aliases: [/2020/01/01/vieux/]" });
    archive.article("2021/12/11-brouillon.md", { title: "Brouillon", date: "2021-12-11T10:00:00", extra: "draft: true" });
    archive.article("2026/01/20-embargo.md", { title: "Embargo", date: "2026-01-20T08:00:00" });
    // Dated the 12th, filed under the 13th: the one rule of an article alone, which additions leave as it is.
    archive.article("2021/12/13-range-ailleurs.md", { title: "Rangé ailleurs", date: "2021-12-12T10:00:00" });
    const first = await fullStore();
    first.result();
    const saved = JSON.parse(JSON.stringify(first.snapshot())) as StoreSnapshot;
    expect(saved.rules?.map((d) => d.kind)).toEqual(["misplacedFile"]);
    // Said again, not found again: a mark only the snapshot holds is said.
    const mark = { severity: "warning" as const, file: "articles/2021/12/09-a.md", line: 1, column: 1, message: "marque", kind: "misplacedFile" };
    const restoredResult = async (snapshot = saved) => {
      const read = ArchiveStore.fromSnapshot(snapshot, { contentDir: archive.dir, nowMs: NOW })!;
      await read.sync();
      return read.result();
    };
    const reused = async () => (await restoredResult({ ...saved, rules: [...saved.rules!, mark] })).diagnostics.some((d) => d.message === "marque");
    const fresh = () => loadContent({ contentDir: archive.dir, nowMs: NOW });
    const added = "2021/12/20-nouvelle.md";
    const cases: [string, Parameters<TestArchive["article"]>[1], boolean][] = [
      [
        "its own URL and short link, a link to an article",
        {
          title: "Nouvelle",
          date: "2021-12-20T10:00:00",
          extra: "shortLink: https://turquie2023.com/Zz99Yy",
          body: "Voir [ceci](/2021/12/09/premier-titre/).",
        },
        true,
      ],
      ["filed under another day", { title: "Nouvelle", date: "2021-12-19T10:00:00" }, true],
      [
        "a draft linking to a draft",
        { title: "Nouvelle", date: "2021-12-20T10:00:00", extra: "draft: true", body: "Voir [ceci](/2021/12/11/brouillon/)." },
        true,
      ],
      ["another's URL", { title: "Premier titre", date: "2021-12-09T12:00:00" }, false],
      [
        "another's short link, written otherwise",
        { title: "Nouvelle", date: "2021-12-20T10:00:00", extra: "shortLink: https://TURQUIE2023.com/Ab12Cd/" },
        false,
      ],
      ["an alias", { title: "Nouvelle", date: "2021-12-20T10:00:00", extra: "aliases: [/2019/01/01/autre/]" }, false],
      ["a link to a day's page", { title: "Nouvelle", date: "2021-12-20T10:00:00", body: "Voir [ce jour](/2021/12/09/)." }, false],
      ["a link to no page", { title: "Nouvelle", date: "2021-12-20T10:00:00", body: "Voir [rien](/2021/12/31/nulle-part/)." }, false],
      ["a link to a draft", { title: "Nouvelle", date: "2021-12-20T10:00:00", body: "Voir [ceci](/2021/12/11/brouillon/)." }, false],
      ["a link to an article held back", { title: "Nouvelle", date: "2021-12-20T10:00:00", body: "Voir [ceci](/2026/01/20/embargo/)." }, false],
      ["the URL of an alias", { title: "Vieux", date: "2020-01-01T10:00:00" }, false],
    ];
    for (const [what, spec, quiet] of cases) {
      const file = spec && typeof spec === "object" && spec.date?.startsWith("2020") ? "2020/01/01-vieux.md" : added;
      archive.article(file, spec);
      // The same diagnostics as a store that reads everything, whichever way they were found.
      expect(await restoredResult(), what).toEqual(await fresh());
      expect(await reused(), what).toBe(quiet);
      rmSync(path(file));
    }
    // An archive the rules said more of: every rule runs again for an article added.
    archive.article(added, { title: "Nouvelle", date: "2021-12-20T10:00:00" });
    const error = { severity: "error" as const, file: "articles/2021/12/09-a.md", line: 1, column: 1, message: "marque" };
    expect((await restoredResult({ ...saved, rules: [...saved.rules!, error] })).diagnostics.map((d) => d.message)).not.toContain("marque");
  });

  it("restored, runs the rules again whole without reading the bodies back, but for a link to no page", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Sans lien", date: "2021-12-09T10:00:00" });
    archive.article("2021/12/10-b.md", { title: "Avec un lien", date: "2021-12-10T10:00:00", body: "Voir [ceci](/2021/12/09/sans-lien/)." });
    archive.article("2021/12/11-c.md", {
      title: "Lien perdu",
      date: "2021-12-11T10:00:00",
      body: "Voir `[ceci](/nulle-part/)` puis [cela](/2021/12/31/nulle-part/).",
    });
    archive.article("2021/12/12-d.md", { title: "Titre à revoir", date: "2021-12-12T10:00:00", extra: "slug: titre-a-revoir" });
    const first = await fullStore();
    first.result();
    const read = ArchiveStore.fromSnapshot(JSON.parse(JSON.stringify(first.snapshot())) as StoreSnapshot, { contentDir: archive.dir, nowMs: NOW })!;
    // A title the store's rules do not take as text: they run again, over every article.
    archive.article("2021/12/12-d.md", { title: "Titre revu", date: "2021-12-12T10:00:00", extra: "slug: titre-a-revoir" });
    await read.sync();
    expect(read.result()).toEqual(await loadContent({ contentDir: archive.dir, nowMs: NOW }));
    const unread = read
      .articleEntries()
      .flatMap((e) => (e.article && Object.getOwnPropertyDescriptor(e.article, "body")?.get ? [e.article.title] : []))
      .sort();
    // The link to no page had its body read, to tell a link from a code span's text.
    expect(unread).toEqual(["Avec un lien", "Sans lien"]);
  });

  it("refuses a snapshot of another format", async () => {
    archive = sampleArchive();
    const saved = (await fullStore()).snapshot();
    expect(ArchiveStore.fromSnapshot({ ...saved, format: 0 as typeof saved.format }, { contentDir: archive.dir, nowMs: NOW })).toBeUndefined();
  });

  it("read back with another now, reads again exactly the files whose future-date warning or error may differ", async () => {
    archive = makeArchive();
    archive.article("old.md", { title: "Ancienne", date: "2021-12-09T10:00:00" });
    archive.article("between.md", { title: "Entre les deux", date: "2026-01-10T10:00:00" });
    // Held back by both dates below, and within the horizon (31 days) of both: told alike.
    archive.article("ahead.md", { title: "À venir", date: "2026-01-31T12:00:00" });
    archive.article("bad.md", { title: "Sujet inconnu", date: "2021-12-12", topics: "[Irack]" });
    const saved = (await fullStore()).snapshot();
    expect(lines(new ArchiveStore({ contentDir: archive.dir }))).toEqual([]);
    const later = NOW + 30 * 86_400_000;
    const read = ArchiveStore.fromSnapshot(saved, { contentDir: archive.dir, nowMs: later })!;
    const replaced: ArticleEntry[] = [];
    const change = await read.sync(undefined, { onReplaced: (before) => replaced.push(before) });
    expect(change.changed.sort()).toEqual([path("bad.md"), path("between.md")]);
    // An article read again for this "now" is told as it was, with no digest vouching for its file
    // (a build's fast path takes it for one removed and one added); a file with errors, not at all.
    expect(replaced.map((e) => [e.path, e.article?.title, e.digest]).sort()).toEqual([
      [path("bad.md"), undefined, undefined],
      [path("between.md"), "Entre les deux", undefined],
    ]);
    expect(read.result()).toEqual(await loadContent({ contentDir: archive.dir, nowMs: later }));
    expect(
      read
        .result()
        .diagnostics.filter((d) => d.kind === "heldBack")
        .map((d) => d.file),
    ).toEqual([archive.display("articles/ahead.md")]);
    // Ten days earlier (a build given an older --now), the article ahead lies past the horizon: an error.
    const earlier = NOW - 10 * 86_400_000;
    const back = ArchiveStore.fromSnapshot(saved, { contentDir: archive.dir, nowMs: earlier })!;
    expect((await back.sync()).changed.sort()).toEqual([path("ahead.md"), path("bad.md")]);
    expect(back.result()).toEqual(await loadContent({ contentDir: archive.dir, nowMs: earlier }));
    expect(lines(back).some((l) => l.startsWith(`${archive.display("articles/ahead.md")}:3:7: error:`))).toBe(true);
  });

  it("reads back from another working directory with every path right", async () => {
    archive = sampleArchive();
    const cwd = process.cwd();
    let saved: StoreSnapshot;
    try {
      process.chdir(archive.root);
      saved = JSON.parse(JSON.stringify((await fullStore()).snapshot())) as StoreSnapshot;
    } finally {
      process.chdir(cwd);
    }
    expect(JSON.stringify(saved)).not.toContain(archive.root);
    const read = ArchiveStore.fromSnapshot(saved, { contentDir: archive.dir, nowMs: NOW })!;
    expect(read.result()).toEqual((await fullStore()).result());
    expect(read.result().diagnostics.map((d) => d.file)).toContain(archive.display("articles/2021/12/12-bad.md"));
  });

  it("trusts an old file's unchanged stat without reading it, and reads it when its size, times or inode changed", async () => {
    archive = makeArchive();
    const file = archive.article("a.md", { title: "Premier", date: "2021-12-09T10:00:00" });
    const past = new Date(Date.now() - 60_000);
    utimesSync(file, past, past);
    const saved = (await fullStore()).snapshot();
    expect(saved.entries[0]!.stat).toBeDefined();
    // Nothing done to the file: it is not read, and the store's entry stays as it was.
    const trusted = ArchiveStore.fromSnapshot(saved, { contentDir: archive.dir, nowMs: NOW })!;
    expect(await trusted.sync()).toEqual(noChange);
    expect(trusted.patch()?.patch).toMatchObject({ entries: [], removed: [] });
    // Rewritten in place to the same size, its times set back as `cp -p` or `touch -r` leave them:
    // the same inode, size and modification time, but its change time moved on. Read, seen changed.
    writeFileSync(file, readFileSync(file, "utf8").replace("Premier", "Dernier"));
    utimesSync(file, past, past);
    expect(statSync(file)).toMatchObject({ size: saved.entries[0]!.stat!.size, mtimeMs: saved.entries[0]!.stat!.mtimeMs, ino: saved.entries[0]!.stat!.ino });
    const read = ArchiveStore.fromSnapshot(saved, { contentDir: archive.dir, nowMs: NOW })!;
    expect((await read.sync()).changed).toEqual([file]);
    expect(read.result().content?.articles[0]?.title).toBe("Dernier");
  });

  it("keeps the new stat of a file touched but unchanged, so that the next sync reads it no more", async () => {
    archive = makeArchive();
    const file = archive.article("a.md", { title: "Premier", date: "2021-12-09T10:00:00" });
    const past = new Date(Date.now() - 60_000);
    utimesSync(file, past, past);
    const store = await fullStore();
    const older = new Date(Date.now() - 120_000);
    utimesSync(file, older, older);
    expect(await store.sync()).toEqual(noChange);
    expect(store.snapshot().entries[0]!.stat?.mtimeMs).toBe(statSync(file).mtimeMs);
  });

  it("keeps no stat of a file changed moments ago, so that a second change within the clock's step is read", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Premier", date: "2021-12-09T10:00:00" });
    expect((await fullStore()).snapshot().entries[0]!.stat).toBeUndefined();
  });

  it("lets go of the bodies' text it is told are rendered, and reads each back from its file when asked", async () => {
    archive = sampleArchive();
    const store = await fullStore();
    const articles = store.result().content?.articles ?? store.articleEntries().flatMap((e) => (e.article ? [e.article] : []));
    const before = new Map(articles.map((a) => [a, a.body]));
    const kept = articles[0]!;
    expect(store.releaseBodies((a) => a !== kept)).toBe(articles.length - 1);
    expect(Object.getOwnPropertyDescriptor(kept, "body")?.value).toBe(before.get(kept));
    for (const article of articles) expect(article.body).toBe(before.get(article));
    // Let go twice, read back once more: still the file's text, and the snapshot never holds it.
    expect(store.releaseBodies(() => true)).toBe(articles.length);
    expect(JSON.stringify(store.snapshot())).not.toContain("fin des missions de combat");
    for (const article of articles) expect(article.body).toBe(before.get(article));
  });
});
