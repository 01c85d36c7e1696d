/**
 * Photos in a fresh clone, as CI checks the repository out on every push (new inodes, new times)
 * with the build's cache restored: git's index vouches for a photo by its blob id, so an unchanged
 * photo is neither read nor digested again; anything git does not vouch for is read as before.
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../../src/cli/check.ts";
import { loadContent } from "../../src/content/load.ts";
import { ArchiveStore, type StoreSnapshot } from "../../src/content/store.ts";
import { digestOf } from "../../src/content/validate-files.ts";
import { photoCacheDir, readPhotoMemo, savePhotoMemo } from "../../src/images/encode-photos.ts";
import { preparePhotos } from "../../src/images/prepare-photos.ts";
import type { Diagnostic } from "../../src/content/diagnostics.ts";
import { buildSite, type BuildPhase } from "../../src/publish/build-site.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { runInProcess } from "../helpers/cli.ts";
import { ageCheckout, commitAll, git } from "../helpers/git.ts";
import { fr } from "../helpers/french.ts";
import { makePhoto } from "../helpers/photos.ts";
import { requireGit } from "../helpers/prerequisites.ts";
import { FIXED_NOW, treeDigest } from "../helpers/site.ts";

let archive: TestArchive | undefined;
afterEach(() => archive?.remove());
beforeAll(() => requireGit());

type PhotosPhase = Extract<BuildPhase, { name: "photos" }>;
const IMAGE = (src: string): string => `image:\n  src: ${src}\n  alt: "Des soldats quittent une base"\n  credit: "AA / Nom du photographe"`;
const PHOTOS = ["images/2021/12/irak.jpg", "images/2021/12/bagdad.jpg"];

// Two articles with a photo each and one without, committed, the checkout an hour old.
async function committedArchive(): Promise<TestArchive> {
  const made = makeArchive();
  for (const [i, src] of PHOTOS.entries()) {
    made.write(src, await makePhoto({ width: 900, height: 600, hue: 40 * i }));
    made.article(`2021/12/0${i + 1}-photo.md`, { title: `Dépêche illustrée ${i + 1}`, date: `2021-12-0${i + 1}T10:00:00`, extra: IMAGE(src) });
  }
  made.article("2021/12/09-texte.md", { title: "Dépêche sans photo", date: "2021-12-09T10:00:00" });
  commitAll(made.root);
  ageCheckout(made.root);
  return made;
}

// A clone of the archive's repository with a copy of its cache: a CI run, the cache restored.
function freshClone(from: TestArchive): { content: string; cache: string; root: string } {
  const root = join(from.root, "clone");
  git(from.root, "clone", "-q", from.root, root);
  ageCheckout(root);
  cpSync(join(from.root, "cache"), join(root, "cache"), { recursive: true });
  return { content: join(root, "content"), cache: join(root, "cache"), root };
}

// Builds a content folder into `<root>/<out>`, with its cache in `<root>/cache` (none for a clean
// build), and returns the photos' phase, the site's folder and what the build said.
async function build(root: string, content: string, out = "_site", cached = true): Promise<{ photos: PhotosPhase; out: string; diagnostics: Diagnostic[] }> {
  let photos: PhotosPhase | undefined;
  const result = await buildSite({
    contentDir: content,
    outDir: join(root, out),
    drafts: false,
    nowMs: FIXED_NOW,
    search: false,
    ...(cached ? { cacheDir: join(root, "cache") } : {}),
    onPhase: (p) => {
      if (p.name === "photos") photos = p;
    },
  });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return { photos: photos!, out: join(root, out), diagnostics: result.diagnostics };
}

// The photos checked on their own (as `check` and a clean build do): no store's answer, git asked here.
async function prepare(content: string, cache: string): ReturnType<typeof preparePhotos> {
  const loaded = await loadContent({ contentDir: content, nowMs: FIXED_NOW });
  return preparePhotos(content, loaded.content!.articles, { cacheDir: cache, encode: true, everyUse: true });
}

describe("photos in a git work tree", () => {
  it("keeps each photo's git blob id in the memo, by its path under the content folder", async () => {
    archive = await committedArchive();
    const { photos } = await build(archive.root, archive.dir);
    expect(photos).toMatchObject({ encoded: 2, read: 2 });
    const memo = readPhotoMemo(join(archive.root, "cache"));
    expect([...memo.keys()].sort()).toEqual([...PHOTOS].sort());
    for (const src of PHOTOS) expect(memo.get(src)!.blob).toBe(git(archive.dir, "hash-object", src).trim());
  });

  it("checking one article's photo alone (a preview's save) keeps what the memo knows of the others, and looks at no other file", async () => {
    archive = await committedArchive();
    await build(archive.root, archive.dir);
    writeFileSync(join(archive.dir, PHOTOS[0]!), await makePhoto({ width: 900, height: 600, hue: 300 }));
    writeFileSync(
      join(archive.dir, "images/2021/12/gps.jpg"),
      await makePhoto({ exif: { IFD3: { GPSLatitudeRef: "N", GPSLatitude: "33/1 18/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "44/1 22/1 0/1" } } }),
    );
    const loaded = await loadContent({ contentDir: archive.dir, nowMs: FIXED_NOW });
    const first = loaded.content!.articles.filter((a) => a.image?.src === PHOTOS[0]);
    const some = await preparePhotos(archive.dir, first, { cacheDir: join(archive.root, "cache"), encode: true, everyUse: false, only: true });
    expect(some).toMatchObject({ read: 1, encoded: 1 });
    // Told only of that photo, at its article (its width): not of the GPS position of a file it did not look at.
    expect(some.diagnostics.map((d) => d.file)).toEqual([archive.display("articles/2021/12/01-photo.md")]);
    expect([...some.sets.keys()]).toEqual([PHOTOS[0]]);
    expect([...readPhotoMemo(join(archive.root, "cache")).keys()].sort()).toEqual([...PHOTOS].sort());
    // The next build reads only the file no check has looked at yet.
    const { photos } = await build(archive.root, archive.dir);
    expect(photos).toMatchObject({ read: 1, encoded: 0, cached: 2 });
  });

  it("restored in a fresh clone, reads no photo again, encodes none, and builds what a clean build does", async () => {
    archive = await committedArchive();
    await build(archive.root, archive.dir);
    const clone = freshClone(archive);
    // The store's sync asked git for the whole content folder: its answer holds the photos.
    const store = ArchiveStore.fromSnapshot(await snapshotOf(archive.dir), { contentDir: clone.content, nowMs: FIXED_NOW })!;
    await store.sync();
    expect(store.filesInIndex()?.get(join(clone.content, PHOTOS[0]!))).toBe(git(clone.content, "hash-object", PHOTOS[0]!).trim());
    expect([...(store.filesInIndex()?.keys() ?? [])].some((path) => path.endsWith(".md"))).toBe(false);

    const memo = readFileSync(join(photoCacheDir(clone.cache), "sources.json"), "utf8");
    const { photos, out } = await build(clone.root, clone.content);
    expect(photos).toMatchObject({ encoded: 0, cached: 2, read: 0 });
    // Nothing new learned: the memo is not written again.
    expect(readFileSync(join(photoCacheDir(clone.cache), "sources.json"), "utf8")).toBe(memo);
    const clean = await build(clone.root, clone.content, "clean", false);
    expect(treeDigest(out)).toBe(treeDigest(clean.out));
    // Checked without the store's answer (a clean build's or check's case): git is asked for the photos alone.
    expect(await prepare(clone.content, clone.cache)).toMatchObject({ read: 0, encoded: 0, cached: 2 });
  });

  it.each([
    [
      "a photo modified, not committed",
      (content: string): Promise<void> => makePhoto({ width: 900, height: 600, hue: 300 }).then((b) => writeFileSync(join(content, PHOTOS[0]!), b)),
      1,
    ],
    [
      "a photo modified and staged",
      async (content: string): Promise<void> => {
        writeFileSync(join(content, PHOTOS[0]!), await makePhoto({ width: 900, height: 600, hue: 300 }));
        git(content, "add", PHOTOS[0]!);
      },
      1,
    ],
    ["a photo touched, the same bytes", async (content: string): Promise<void> => utimesSync(join(content, PHOTOS[0]!), new Date(), new Date()), 0],
    ["a photo marked assume-unchanged", async (content: string): Promise<void> => void git(content, "update-index", "--assume-unchanged", PHOTOS[0]!), 0],
  ] as const)("in a fresh clone, reads %s again", async (_, mutate, encoded) => {
    archive = await committedArchive();
    await build(archive.root, archive.dir);
    const clone = freshClone(archive);
    await mutate(clone.content);
    const { photos } = await build(clone.root, clone.content);
    expect(photos).toMatchObject({ read: 1, encoded });
    // The bytes read are remembered: the memo's blob id is theirs.
    const bytes = readFileSync(join(clone.content, PHOTOS[0]!));
    expect(readPhotoMemo(clone.cache).get(PHOTOS[0]!)!.blob).toBe(digestOf(bytes));
  });

  it("in a fresh clone, refuses a photo whose folder became a symbolic link: git no longer vouches for it", async () => {
    archive = await committedArchive();
    await build(archive.root, archive.dir);
    const clone = freshClone(archive);
    const folder = join(clone.content, "images/2021/12");
    renameSync(folder, join(clone.root, "elsewhere"));
    symlinkSync(join(clone.root, "elsewhere"), folder);
    const loaded = await loadContent({ contentDir: clone.content, nowMs: FIXED_NOW });
    const prepared = await preparePhotos(clone.content, loaded.content!.articles, { cacheDir: clone.cache, encode: true, everyUse: true });
    expect(prepared.diagnostics.filter((d) => d.severity === "error")).toHaveLength(2);
    expect(prepared.diagnostics[0]!.message).toContain("lien symbolique");
  });

  it("check takes the build's memo in a fresh clone: a photo git vouches for is not read, one it does not is", async () => {
    archive = await committedArchive();
    await build(archive.root, archive.dir);
    const clone = freshClone(archive);
    // The memo made to say another width: what check says of the photo tells whether it read the file.
    // Saved whole, with its sum: a memo damaged in place is not trusted (see below).
    const memoFile = join(photoCacheDir(clone.cache), "sources.json");
    const memo = readPhotoMemo(clone.cache);
    for (const entry of memo.values()) entry.width = 333;
    savePhotoMemo(clone.cache, memo);
    const saved = readFileSync(memoFile, "utf8");
    const check = async (...options: string[]): Promise<string> =>
      (await runInProcess("check", runCheck, ["--content", clone.content, "--json", ...options])).stdout;
    expect((await check("--cache", clone.cache)).match(/fait 333 pixels/g)).toHaveLength(2);
    expect((await check("--no-cache")).match(/fait 900 pixels/g)).toHaveLength(2);
    utimesSync(join(clone.content, PHOTOS[0]!), new Date(), new Date());
    const touched = await check("--cache", clone.cache);
    expect([touched.match(/fait 333 pixels/g), touched.match(/fait 900 pixels/g)]).toEqual([[expect.any(String)], [expect.any(String)]]);
    // Read, never written: the memo is as it was.
    expect(readFileSync(memoFile, "utf8")).toBe(saved);
  });

  it("does not trust a memo damaged in place (a width changed, its length kept): check and the build read the photos again and say and write what they do without it", async () => {
    archive = await committedArchive();
    const cache = join(archive.root, "cache");
    await build(archive.root, archive.dir);
    // Intact, the memo is taken: no photo is read again.
    expect((await build(archive.root, archive.dir, "again")).photos).toMatchObject({ read: 0, encoded: 0 });
    const memoFile = join(photoCacheDir(cache), "sources.json");
    const intact = readFileSync(memoFile, "utf8");
    // A digit of a photo's recorded width changed, the file's length kept: only the memo's sum can tell.
    const damaged = intact.replace('"width":900', '"width":300');
    expect([damaged !== intact, damaged.length]).toEqual([true, intact.length]);
    writeFileSync(memoFile, damaged);
    // What check says, its time aside.
    const check = async (...options: string[]): Promise<unknown> => {
      const { seconds: _, ...said } = JSON.parse((await runInProcess("check", runCheck, ["--content", archive!.dir, "--json", ...options])).stdout) as Record<
        string,
        unknown
      >;
      return said;
    };
    const checked = await check("--cache", cache);
    expect(JSON.stringify(checked)).not.toContain("300 pixels");
    expect(checked).toEqual(await check("--no-cache"));
    const withMemo = await build(archive.root, archive.dir, "damaged");
    expect(withMemo.photos).toMatchObject({ read: 2, encoded: 0, cached: 2 });
    const clean = await build(archive.root, archive.dir, "clean", false);
    expect(withMemo.diagnostics).toEqual(clean.diagnostics);
    expect(treeDigest(withMemo.out)).toBe(treeDigest(clean.out));
    // The photos read again are remembered as they are.
    expect(readPhotoMemo(cache).get(PHOTOS[0]!)).toMatchObject({ width: 900, height: 600 });
  });

  it("without git on the PATH, reads every photo of a fresh clone again, and finds them unchanged", async () => {
    archive = await committedArchive();
    await build(archive.root, archive.dir);
    const clone = freshClone(archive);
    const path = process.env.PATH;
    const empty = mkdtempSync(join(tmpdir(), "depeche-no-git-"));
    process.env.PATH = empty;
    try {
      expect(await prepare(clone.content, clone.cache)).toMatchObject({ read: 2, encoded: 0, cached: 2 });
    } finally {
      process.env.PATH = path;
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("outside any git repository, knows a photo by its stat as before", async () => {
    archive = makeArchive();
    archive.write(PHOTOS[0]!, await makePhoto({ width: 900, height: 600 }));
    archive.article("2021/12/01-photo.md", { title: "Dépêche illustrée", date: "2021-12-01T10:00:00", extra: IMAGE(PHOTOS[0]!) });
    expect((await build(archive.root, archive.dir)).photos).toMatchObject({ read: 1, encoded: 1 });
    expect((await build(archive.root, archive.dir)).photos).toMatchObject({ read: 0, encoded: 0 });
    utimesSync(join(archive.dir, PHOTOS[0]!), new Date(), new Date());
    expect((await build(archive.root, archive.dir)).photos).toMatchObject({ read: 1, encoded: 0 });
  });

  // A photo no article shows is looked at on every check (its GPS position): the memo spares reading it again, as a shown one.
  it("remembers a photo no article shows as a shown one: unchanged, it is not read again, in a fresh clone or in the same work tree", async () => {
    archive = await committedArchive();
    const unshown = "images/2020/01/oubliee.jpg";
    archive.write(unshown, await makePhoto({ width: 900, height: 600, hue: 120 }));
    commitAll(archive.root, "une photo de plus");
    ageCheckout(archive.root);
    expect((await build(archive.root, archive.dir)).photos).toMatchObject({ read: 3, encoded: 2 });
    expect([...readPhotoMemo(join(archive.root, "cache")).keys()].sort()).toEqual([unshown, ...PHOTOS].sort());
    expect((await build(archive.root, archive.dir)).photos).toMatchObject({ read: 0 });
    const clone = freshClone(archive);
    expect((await build(clone.root, clone.content)).photos).toMatchObject({ read: 0, encoded: 0 });
    expect(await prepare(clone.content, clone.cache)).toMatchObject({ read: 0 });
    // check takes the memo's word: made to say the photo gives its position, check says so without reading it.
    const memo = readPhotoMemo(clone.cache);
    memo.get(unshown)!.gps = true;
    savePhotoMemo(clone.cache, memo);
    const check = async (): Promise<string> => (await runInProcess("check", runCheck, ["--content", clone.content, "--cache", clone.cache, "--json"])).stdout;
    expect(await check()).toContain(fr`oubliee.jpg » porte la position GPS`);
    // Changed, it is read again: the memo no longer vouches for it.
    writeFileSync(join(clone.content, unshown), await makePhoto({ width: 900, height: 600, hue: 130 }));
    expect(await check()).not.toContain("porte la position GPS");
    expect(await prepare(clone.content, clone.cache)).toMatchObject({ read: 1 });
    // Deleted, it leaves the memo.
    rmSync(join(clone.content, unshown));
    await prepare(clone.content, clone.cache);
    expect([...readPhotoMemo(clone.cache).keys()].sort()).toEqual([...PHOTOS].sort());
  });

  it("outside any git repository, knows a photo no article shows by its stat, as a shown one", async () => {
    archive = makeArchive();
    archive.write(PHOTOS[0]!, await makePhoto({ width: 900, height: 600 }));
    archive.write(PHOTOS[1]!, await makePhoto({ width: 900, height: 600, hue: 40 }));
    archive.article("2021/12/01-photo.md", { title: "Dépêche illustrée", date: "2021-12-01T10:00:00", extra: IMAGE(PHOTOS[0]!) });
    expect((await build(archive.root, archive.dir)).photos).toMatchObject({ read: 2, encoded: 1 });
    expect((await build(archive.root, archive.dir)).photos).toMatchObject({ read: 0, encoded: 0 });
    utimesSync(join(archive.dir, PHOTOS[1]!), new Date(), new Date());
    expect((await build(archive.root, archive.dir)).photos).toMatchObject({ read: 1, encoded: 0 });
  });

  it("ignores a memo of the earlier format (a list by absolute path), never misreads it", async () => {
    archive = await committedArchive();
    await build(archive.root, archive.dir);
    const cache = join(archive.root, "cache");
    const file = join(archive.dir, PHOTOS[0]!);
    const { size, mtimeMs, ino } = statSync(file);
    // Format 1, its entry claiming another size of picture for the very same file.
    writeFileSync(join(photoCacheDir(cache), "sources.json"), JSON.stringify([[file, { size, mtimeMs, ino, digest: "0".repeat(64), width: 5, height: 5 }]]));
    expect(readPhotoMemo(cache).size).toBe(0);
    // Format 5, the memo without its sum, the same claim: not taken either.
    const entry = { blob: "", size, mtimeMs, ctimeMs: 0, ino, dev: 0, digest: "0".repeat(64), width: 5, height: 5, format: "jpeg" };
    writeFileSync(join(photoCacheDir(cache), "sources.json"), JSON.stringify({ format: 5, photos: [[PHOTOS[0], entry]] }));
    expect(readPhotoMemo(cache).size).toBe(0);
    expect(await prepare(archive.dir, cache)).toMatchObject({ read: 2, encoded: 0, cached: 2 });
    expect(readPhotoMemo(cache).get(PHOTOS[0]!)).toMatchObject({ width: 900, height: 600 });
  });
});

// The store's snapshot of a content folder, as a cache holds it.
async function snapshotOf(contentDir: string): Promise<StoreSnapshot> {
  const store = new ArchiveStore({ contentDir, nowMs: FIXED_NOW });
  await store.sync();
  store.result();
  return JSON.parse(JSON.stringify(store.snapshot())) as StoreSnapshot;
}
