import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { unchangedInIndex } from "../../src/content/git-files.ts";
import { loadContent } from "../../src/content/load.ts";
import { ArchiveStore, type StoreChange, type StoreSnapshot } from "../../src/content/store.ts";
import { digestOf } from "../../src/content/validate-files.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { ageCheckout, commitAll, git } from "../helpers/git.ts";
import { requireGit } from "../helpers/prerequisites.ts";

let archive: TestArchive | undefined;
afterEach(() => archive?.remove());
beforeAll(() => requireGit());
const NOW = Date.parse("2026-01-01T00:00:00Z");
const noChange: StoreChange = { added: [], changed: [], removed: [], registries: false, urlManifest: false };

// An archive of three articles and a urls.txt, committed, its files an hour old (the store keeps their stats).
function committedArchive(): TestArchive {
  const made = makeArchive();
  made.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
  made.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économie]" });
  made.article("2021/12/11-c.md", { title: "Troisième", date: "2021-12-11T10:00:00" });
  made.write("urls.txt", "/2021/12/09/premier-titre/\n");
  commitAll(made.root);
  ageCheckout(made.root);
  return made;
}

// The store's snapshot of the repository's content folder, as a cache holds it.
async function snapshotOf(contentDir: string): Promise<StoreSnapshot> {
  const store = new ArchiveStore({ contentDir, nowMs: NOW });
  await store.sync();
  store.result();
  return JSON.parse(JSON.stringify(store.snapshot())) as StoreSnapshot;
}

// A clone of the archive's repository, as CI checks it out: new files, new inodes, new times.
function freshClone(from: TestArchive): string {
  const clone = join(from.root, "clone");
  git(from.root, "clone", "-q", from.root, clone);
  ageCheckout(clone);
  return join(clone, "content");
}

/** The snapshot restored in `contentDir` and synced: what changed, the entries its patch sets, the result against a fresh load. */
async function restoreAndSync(snapshot: StoreSnapshot, contentDir: string) {
  const store = ArchiveStore.fromSnapshot(snapshot, { contentDir, nowMs: NOW })!;
  const replaced: string[] = [];
  const change = await store.sync(undefined, { onReplaced: (before) => replaced.push(before.path) });
  expect(store.result()).toEqual(await loadContent({ contentDir, nowMs: NOW }));
  return { change, replaced, patched: store.patch()?.entries.map((e) => e.path) ?? [] };
}

describe("an archive in a git work tree", () => {
  it("gives each file the blob id git gives its bytes", () => {
    archive = committedArchive();
    const bytes = Buffer.from("Une dépêche.\n");
    const file = archive.write("articles/x.md", bytes);
    expect(digestOf(bytes)).toBe(git(archive.root, "hash-object", file).trim());
  });

  it("restored in a fresh clone, reads no article file again and sets no entry: the cache's record stays small", async () => {
    archive = committedArchive();
    const snapshot = await snapshotOf(archive.dir);
    expect(snapshot.entries.every((e) => e.stat !== undefined)).toBe(true);
    const clone = freshClone(archive);
    const { change, replaced, patched } = await restoreAndSync(snapshot, clone);
    expect(change).toEqual(noChange);
    expect(replaced).toEqual([]);
    expect(patched).toEqual([]);
  });

  it.each([
    ["a file modified, not committed", (dir: string) => writeFileSync(join(dir, "articles/2021/12/10-b.md"), "---\ntitle: Changé\n---\n"), "changed"],
    ["a file touched, the same bytes", (dir: string) => utimesSync(join(dir, "articles/2021/12/10-b.md"), new Date(), new Date()), "none"],
    ["an untracked new file", (dir: string) => writeFileSync(join(dir, "articles/2021/12/12-d.md"), "---\ntitle: Nouvelle\n---\n"), "added"],
    [
      "a change staged",
      (dir: string) => {
        writeFileSync(join(dir, "articles/2021/12/10-b.md"), "---\ntitle: Mise en scène\n---\n");
        git(dir, "add", "articles/2021/12/10-b.md");
      },
      "changed",
    ],
    ["a file deleted", (dir: string) => rmSync(join(dir, "articles/2021/12/10-b.md")), "removed"],
    [
      "a folder renamed",
      (dir: string) => {
        mkdirSync(join(dir, "articles/2022"));
        renameSync(join(dir, "articles/2021/12"), join(dir, "articles/2022/12"));
      },
      "moved",
    ],
  ] as const)("in a fresh clone, sees %s", async (_, mutate, seen) => {
    archive = committedArchive();
    const snapshot = await snapshotOf(archive.dir);
    const clone = freshClone(archive);
    mutate(clone);
    const { change, patched } = await restoreAndSync(snapshot, clone);
    const b = join(clone, "articles/2021/12/10-b.md");
    if (seen === "changed") expect(change).toMatchObject({ added: [], changed: [b], removed: [] });
    if (seen === "added") expect(change).toMatchObject({ added: [join(clone, "articles/2021/12/12-d.md")], changed: [], removed: [] });
    if (seen === "removed") expect(change).toMatchObject({ added: [], changed: [], removed: [b] });
    if (seen === "moved") expect(change.removed).toHaveLength(3);
    if (seen === "moved") expect(change.added).toHaveLength(3);
    // The touched file alone is read (its stat changed): the same bytes, its new stat kept.
    if (seen === "none") expect(change).toEqual(noChange);
    if (seen === "none") expect(patched).toEqual([b]);
  });

  it("outside any git repository, knows files by their stat and bytes as before", async () => {
    archive = makeArchive();
    const file = archive.article("a.md", { title: "Premier", date: "2021-12-09T10:00:00" });
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(file, past, past);
    // Not inside the test's temporary folder's repository, if any: a folder of its own, no repository above it.
    expect(await unchangedInIndex(join(archive.dir, "articles"))).toBeUndefined();
    const snapshot = await snapshotOf(archive.dir);
    expect((await restoreAndSync(snapshot, archive.dir)).change).toEqual(noChange);
    utimesSync(file, new Date(), new Date());
    // Touched: read again, the same bytes.
    expect(await restoreAndSync(snapshot, archive.dir)).toMatchObject({ change: noChange, patched: [file] });
    writeFileSync(file, "---\ntitle: Changé\n---\n");
    expect((await restoreAndSync(snapshot, archive.dir)).change.changed).toEqual([file]);
  });

  it("without git on the PATH, falls back to the stat and bytes: a fresh clone is read again, and seen unchanged", async () => {
    archive = committedArchive();
    const snapshot = await snapshotOf(archive.dir);
    const clone = freshClone(archive);
    const path = process.env.PATH;
    const empty = mkdtempSync(join(tmpdir(), "depeche-no-git-"));
    process.env.PATH = empty;
    try {
      expect(await unchangedInIndex(join(clone, "articles"))).toBeUndefined();
      const { change, patched } = await restoreAndSync(snapshot, clone);
      expect(change).toEqual(noChange);
      // Every file read again, each with its new stat.
      expect(patched).toHaveLength(3);
    } finally {
      process.env.PATH = path;
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("asks the folder's own repository, whatever GIT_DIR or GIT_INDEX_FILE say (a hook sets them)", async () => {
    archive = committedArchive();
    const other = makeArchive();
    try {
      commitAll(other.root);
      const saved = { dir: process.env.GIT_DIR, index: process.env.GIT_INDEX_FILE };
      process.env.GIT_DIR = join(other.root, ".git");
      process.env.GIT_INDEX_FILE = join(other.root, ".git", "index");
      try {
        const known = await unchangedInIndex(join(archive.dir, "articles"));
        expect([...(known?.keys() ?? [])].sort()).toEqual(["09-a", "10-b", "11-c"].map((name) => join(archive!.dir, `articles/2021/12/${name}.md`)));
      } finally {
        for (const [name, value] of [
          ["GIT_DIR", saved.dir],
          ["GIT_INDEX_FILE", saved.index],
        ] as const)
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
      }
    } finally {
      other.remove();
    }
  });

  it("does not trust git for files it marks assume-unchanged", async () => {
    archive = committedArchive();
    const snapshot = await snapshotOf(archive.dir);
    const clone = freshClone(archive);
    const b = join(clone, "articles/2021/12/10-b.md");
    git(clone, "update-index", "--assume-unchanged", "articles/2021/12/10-b.md");
    writeFileSync(b, "---\ntitle: Changé\n---\n");
    expect((await restoreAndSync(snapshot, clone)).change.changed).toEqual([b]);
  });
});
