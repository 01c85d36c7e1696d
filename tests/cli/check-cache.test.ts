/**
 * `depeche check --cache DIR`: the last build's store, synced, says exactly what a check from
 * nothing says, reads no file unchanged since, and never writes into the cache.
 *
 * That no unchanged file is read is seen by changing one behind the store's back: its bytes
 * rewritten in place, its size, inode and modification time kept, and the cache's stat of it given
 * the file's new change time (which every write moves on). A check that starts from the cache does
 * not see the change; one from nothing does.
 */
import { spawnSync } from "node:child_process";
import { hash } from "node:crypto";
import { cpSync, readdirSync, renameSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ArchiveStore } from "../../src/content/store.ts";
import { BuildCache, readStoreSnapshot, siteStamp } from "../../src/publish/build-cache.ts";
import { articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";
import { unpack } from "../../src/files/packed-values.ts";
import { cacheFileSections } from "../helpers/cache-file.ts";
import { commitAll, git } from "../helpers/git.ts";
import { fr } from "../helpers/french.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
let archive: TestArchive;
afterEach(() => archive?.remove());

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function depeche(...args: string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// What a check prints, but for the time it took.
function withoutTime(run: Run): Run {
  const strip = (text: string): string => text.replace(/\(\d+,\d+ s\)/g, "(… s)").replace(/"seconds": [\d.]+/g, '"seconds": 0');
  return { status: run.status, stdout: strip(run.stdout), stderr: strip(run.stderr) };
}

const cacheOf = (a: TestArchive): string => join(a.root, "cache");

// An archive's files made older than the store's racy window: a build keeps their stats.
function age(a: TestArchive): void {
  const past = new Date(Date.now() - 3_600_000);
  for (const entry of readdirSync(a.dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) utimesSync(join(entry.parentPath, entry.name), past, past);
}

function build(a: TestArchive, ...extra: string[]): void {
  age(a);
  const r = depeche(
    "build",
    "--content",
    a.dir,
    "--out",
    join(a.root, "site"),
    "--cache",
    cacheOf(a),
    "--no-search",
    "--now",
    "2027-01-01T00:00:00Z",
    ...extra,
  );
  expect(r.stderr).not.toMatch(/error/);
  expect(r.status).toBe(0);
}

// Rewrites a file's bytes in place to text of the same length, keeping its size, inode and
// modification time, and gives the build's cache of `a` the file's new change time: its stat then
// is the one the store compares.
function changeBehindTheStore(a: TestArchive, path: string, from: string, to: string): void {
  expect(to.length).toBe(from.length);
  const before = statSync(path);
  const text = readFileSync(path, "utf8");
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
  utimesSync(path, before.atime, before.mtime);
  const after = statSync(path);
  expect([after.size, after.mtimeMs, after.ino]).toEqual([before.size, before.mtimeMs, before.ino]);
  const dir = cacheOf(a);
  const file = join(dir, readdirSync(dir).find((name) => name.endsWith(".bin"))!);
  const header = readFileSync(file);
  const { key } = JSON.parse(header.toString("utf8", 0, header.indexOf(10))) as { key: string };
  const out = join(a.root, "site");
  const cache = new BuildCache(dir, key, { contentDir: a.dir, outDir: out });
  const state = cache.read(out)!;
  const entry = state.store.entries.find((e) => join(a.dir, e.path) === path)!;
  expect(entry.stat?.ctimeMs).toBe(before.ctimeMs);
  entry.stat = { ...entry.stat!, ctimeMs: after.ctimeMs };
  cache.write(siteStamp(out)!, state);
}

// Every file of a folder, its path and bytes: equal digests, the same folder byte for byte.
function digestOfFolder(dir: string): string {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  return hash("sha1", files.map((f) => `${relative(dir, f)}\u0000${hash("sha1", readFileSync(f), "hex")}`).join("\n"), "hex");
}

// The same check three ways (text, --json, --annotate), with the cache and without: the same output.
function expectSameWithCache(a: TestArchive): Run {
  const before = digestOfFolder(cacheOf(a));
  let text: Run | undefined;
  for (const mode of [[], ["--json"], ["--annotate"]]) {
    const cached = withoutTime(depeche("check", "--content", a.dir, "--cache", cacheOf(a), ...mode));
    const cold = withoutTime(depeche("check", "--content", a.dir, "--no-cache", ...mode));
    expect(cached).toEqual(cold);
    text ??= cached;
  }
  expect(digestOfFolder(cacheOf(a))).toBe(before);
  return text!;
}

function validArchive(): TestArchive {
  const a = makeArchive();
  a.article("2021/12/09-un.md", { title: "Un" });
  a.article("2021/12/10-deux.md", { title: "Deux", date: "2021-12-10", body: "Voir [un](/2021/12/09/un/)." });
  a.article("2021/12/11-trois.md", { title: "Trois", date: "2021-12-11", extra: "shortLink: https://turquie2023.com/Ivo58D" });
  return a;
}

describe("depeche check --cache", () => {
  it("says what a check from nothing says of a valid archive, edited since the build", () => {
    archive = validArchive();
    build(archive);
    archive.article("2021/12/12-quatre.md", { title: "Quatre", date: "2021-12-12" });
    archive.article("2021/12/10-deux.md", { title: "Deux", date: "2021-12-10", body: "Autre texte, plus long que le premier." });
    const r = expectSameWithCache(archive);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^depeche check: 4 articles/);
  });

  it("says what a check from nothing says of errors in several files and a rule across files", () => {
    archive = validArchive();
    build(archive);
    archive.article("2021/12/09-un.md", { title: "Un", topics: "[Irack]" });
    archive.article("2021/12/10-deux.md", { title: "Deux", date: "2021-12-10", body: "Voir [un](/2021/12/09/uno/)." });
    // The same URL as Trois's: an error across two files, one of them unchanged.
    archive.article("2021/12/11-encore.md", { title: "Trois", date: "2021-12-11T10:00:00" });
    const r = expectSameWithCache(archive);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(fr`sujet inconnu « Irack »`);
    expect(r.stderr).toContain("même adresse /2021/12/11/trois/");
    expect(r.stderr).toContain("/2021/12/09/uno/");
  });

  it("reads no file unchanged since the build, whatever the build's output folder and options", () => {
    archive = validArchive();
    build(archive, "--base-url", "https://example.org/archive", "--drafts");
    const un = join(archive.dir, "articles/2021/12/09-un.md");
    changeBehindTheStore(archive, un, "title:", "tytle:");
    const cached = depeche("check", "--content", archive.dir, "--cache", cacheOf(archive));
    expect(cached.status).toBe(0);
    // The change is there: a check from nothing finds it.
    const cold = depeche("check", "--content", archive.dir, "--no-cache");
    expect(cold.status).toBe(1);
    expect(cold.stderr).toContain(fr`« tytle »`);
  });

  it("warns of a date ahead of its own now and not of the build's, as a check from nothing does", () => {
    archive = validArchive();
    archive.article("2021/12/12-quatre.md", { title: "Quatre", date: "2021-12-12", extra: "updated: 2026-12-15T10:00:00" });
    archive.article("2026/12/20-cinq.md", { title: "Cinq", date: "2026-12-20T10:00:00" });
    // The build's now is after both dates; the check's, before.
    build(archive);
    const before = digestOfFolder(cacheOf(archive));
    const env = { ...process.env, NO_COLOR: "1", SOURCE_DATE_EPOCH: String(Date.parse("2026-12-01T00:00:00Z") / 1000) };
    const check = (...args: string[]): Run => {
      const r = spawnSync(process.execPath, [bin, "check", "--content", archive.dir, ...args], { encoding: "utf8", env });
      return withoutTime({ status: r.status, stdout: r.stdout, stderr: r.stderr });
    };
    const cached = check("--cache", cacheOf(archive));
    expect(cached).toEqual(check("--no-cache"));
    expect(cached.stderr).toContain("mis à jour dans le futur");
    expect(cached.stderr).toContain("2026-12-20");
    expect(digestOfFolder(cacheOf(archive))).toBe(before);
  });

  it("still refuses a published article removed or renamed since", () => {
    archive = validArchive();
    build(archive, "--record-urls");
    // urls.txt is committed back by the workflow; the next build's cache knows it.
    build(archive);
    rmSync(join(archive.dir, "articles/2021/12/09-un.md"));
    archive.article("2021/12/10-deux.md", { title: "Deux renommé", date: "2021-12-10" });
    const r = expectSameWithCache(archive);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("/2021/12/09/un/");
    expect(r.stderr).toContain("/2021/12/10/deux/");
  });

  it("reads a file rewritten in place with its times set back (cp -p, touch -r): its change time moved on", () => {
    archive = validArchive();
    build(archive);
    const un = join(archive.dir, "articles/2021/12/09-un.md");
    const before = statSync(un);
    writeFileSync(un, readFileSync(un, "utf8").replace("title:", "tytle:"));
    utimesSync(un, before.atime, before.mtime);
    expect([statSync(un).size, statSync(un).mtimeMs, statSync(un).ino]).toEqual([before.size, before.mtimeMs, before.ino]);
    const r = expectSameWithCache(archive);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(fr`« tytle »`);
  });

  it("reads the store's section of the cache and nothing after it, which only builds read", () => {
    archive = validArchive();
    build(archive);
    changeBehindTheStore(archive, join(archive.dir, "articles/2021/12/09-un.md"), "title:", "tytle:");
    const file = join(cacheOf(archive), readdirSync(cacheOf(archive)).find((name) => name.endsWith(".bin"))!);
    const bytes = readFileSync(file);
    const { storeEnd } = cacheFileSections(file);
    expect(storeEnd).toBeLessThan(bytes.length);
    // Every byte after the store's section spoilt: check still starts from the store, and so does
    // not see the change made behind its back.
    bytes.fill(0xff, storeEnd);
    writeFileSync(file, bytes);
    const r = depeche("check", "--content", archive.dir, "--cache", cacheOf(archive));
    expect(r.status).toBe(0);
    expect(readStoreSnapshot(cacheOf(archive), resolve(import.meta.dirname, "../.."), archive.dir)).toBeDefined();
  });

  describe("checks every file again, and leaves the cache as it is, when the cache", () => {
    // A file changed behind the store's back: only a check that reads every file finds it.
    const prepared = (): string => {
      archive = validArchive();
      build(archive);
      changeBehindTheStore(archive, join(archive.dir, "articles/2021/12/09-un.md"), "title:", "tytle:");
      const files = readdirSync(cacheOf(archive)).filter((name) => name.endsWith(".bin"));
      expect(files).toHaveLength(1);
      return join(cacheOf(archive), files[0]!);
    };
    const expectFullCheck = (): void => {
      const before = digestOfFolder(cacheOf(archive));
      const r = depeche("check", "--content", archive.dir, "--cache", cacheOf(archive));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(fr`« tytle »`);
      expect(digestOfFolder(cacheOf(archive))).toBe(before);
    };
    // The header's JSON rewritten in place, padded to its length (the packed state after it stays where it is).
    const editHeader = (file: string, edit: (header: Record<string, unknown>) => void): void => {
      const bytes = readFileSync(file);
      const end = bytes.indexOf(10);
      const header = JSON.parse(bytes.toString("utf8", 0, end)) as Record<string, unknown>;
      edit(header);
      const line = Buffer.from(JSON.stringify(header).padEnd(end));
      expect(line.length).toBe(end);
      line.copy(bytes, 0);
      writeFileSync(file, bytes);
    };

    it("is of other code", () => {
      const file = prepared();
      editHeader(file, (h) => {
        const key = h.key as string;
        h.key = `${key[0] === "A" ? "B" : "A"}${key.slice(1)}`;
      });
      expectFullCheck();
    });

    it("is of another format", () => {
      const file = prepared();
      editHeader(file, (h) => {
        h.format = (h.format as number) - 1;
      });
      expectFullCheck();
    });

    it("is of another content folder", () => {
      const file = prepared();
      editHeader(file, (h) => {
        h.content = `${(h.content as string).slice(0, -1)}X`;
      });
      expectFullCheck();
    });

    it("is damaged in the store's section", () => {
      const file = prepared();
      truncateSync(file, cacheFileSections(file).storeEnd - 100);
      expectFullCheck();
    });

    it("is damaged in place, its length kept: a letter of a warning it holds changed", () => {
      archive = validArchive();
      // A warning the build stores with its article, which check, starting from the store, prints from there.
      archive.article("2021/12/12-quatre.md", {
        title: "Quatre",
        date: "2021-12-12",
        extra: `summary: ${JSON.stringify("Un résumé bien trop long. ".repeat(13))}`,
      });
      build(archive);
      changeBehindTheStore(archive, join(archive.dir, "articles/2021/12/09-un.md"), "title:", "tytle:");
      const file = join(cacheOf(archive), readdirSync(cacheOf(archive)).find((name) => name.endsWith(".bin"))!);
      const { headerEnd, storeEnd } = cacheFileSections(file);
      const bytes = readFileSync(file);
      // The message is packed as it is, in UTF-16 (it holds a narrow no-break space): one letter of
      // it changed is a snapshot that still unpacks, and says what the article does not.
      const [intact, damaged] = ["les lecteurs de flux", "les lecteurs de flox"].map((text) => Buffer.from(text, "utf16le"));
      const at = bytes.indexOf(intact!, headerEnd);
      expect(at).toBeGreaterThan(headerEnd);
      expect(at).toBeLessThan(storeEnd);
      expect(bytes.indexOf(intact!, at + 1)).toBe(-1);
      damaged!.copy(bytes, at);
      writeFileSync(file, bytes);
      const unpacked = JSON.stringify(unpack(bytes.subarray(headerEnd + 1, storeEnd)));
      expect(unpacked).toContain("les lecteurs de flox");
      expect(unpacked).not.toContain("les lecteurs de flux");
      // The sums tell the damage: every file read again, the warning as the article gives it.
      const r = expectSameWithCache(archive);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(fr`« tytle »`);
      expect(r.stderr).toContain("les lecteurs de flux");
      expect(r.stderr).not.toContain("flox");
    });

    it("was written before the registries changed", () => {
      prepared();
      writeFileSync(join(archive.dir, "topics.yaml"), `${readFileSync(join(archive.dir, "topics.yaml"), "utf8")}\n`);
      expectFullCheck();
    });
  });

  it("reads the default cache folder when it exists, and none with --no-cache", () => {
    archive = validArchive();
    build(archive);
    changeBehindTheStore(archive, join(archive.dir, "articles/2021/12/09-un.md"), "title:", "tytle:");
    const inRoot = (...args: string[]): number | null =>
      spawnSync(process.execPath, [bin, "check", "--content", "content", ...args], { cwd: archive.root, env: { ...process.env, NO_COLOR: "1" } }).status;
    // No .depeche/cache beside the content yet: every file is read.
    expect(inRoot()).toBe(1);
    cpSync(cacheOf(archive), join(archive.root, ".depeche/cache"), { recursive: true });
    expect(inRoot()).toBe(0);
    expect(inRoot("--no-cache")).toBe(1);
  });
});

describe("depeche check --cache in a fresh clone, as the publishing workflow runs it", () => {
  it("takes unchanged files from the store by their git blob ids, and says what a check from nothing says", async () => {
    archive = validArchive();
    commitAll(archive.root);
    const ws = join(archive.root, "ws");
    git(archive.root, "clone", "-q", archive.root, ws);
    const content = join(ws, "content");
    const cache = join(ws, ".depeche/cache");
    const r = depeche("build", "--content", content, "--out", join(ws, "_site"), "--cache", cache, "--no-search", "--now", "2027-01-01T00:00:00Z");
    expect(r.status, r.stderr).toBe(0);
    // The next run: a new clone at the same place, the cache restored by tar, an article pushed.
    renameSync(ws, `${ws}.previous`);
    git(archive.root, "clone", "-q", `${ws}.previous`, ws);
    const tar = spawnSync("sh", ["-c", `tar --posix -cf - .depeche/cache | (cd "${ws}" && tar -xf -)`], { cwd: `${ws}.previous` });
    expect(tar.status, String(tar.stderr)).toBe(0);
    rmSync(`${ws}.previous`, { recursive: true, force: true });
    writeFileSync(join(content, "articles/2021/12/12-quatre.md"), articleText({ title: "Trois", date: "2021-12-11T12:00:00" }));
    git(ws, "add", "-A");
    git(ws, "commit", "-q", "-m", "quatre");

    // What check does, observed: only the article pushed is read and validated.
    const snapshot = readStoreSnapshot(cache, resolve(import.meta.dirname, "../.."), content);
    expect(snapshot).toBeDefined();
    const store = ArchiveStore.fromSnapshot(snapshot!, { contentDir: content, nowMs: Date.parse("2027-01-01T00:00:00Z") })!;
    const change = await store.sync();
    expect(change).toMatchObject({ added: [join(content, "articles/2021/12/12-quatre.md")], changed: [], removed: [], registries: false });

    const before = digestOfFolder(cache);
    for (const mode of [[], ["--json"], ["--annotate"]]) {
      const cached = withoutTime(depeche("check", "--content", content, "--cache", cache, ...mode));
      const cold = withoutTime(depeche("check", "--content", content, "--no-cache", ...mode));
      expect(cached).toEqual(cold);
      // Its URL is Trois's: an error across an unchanged file and the new one.
      expect(cached.status).toBe(1);
    }
    expect(digestOfFolder(cache)).toBe(before);
  });
});
