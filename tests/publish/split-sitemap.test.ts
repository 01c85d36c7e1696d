/**
 * A split sitemap in incremental builds: the files that hold none but articles older than every
 * article added or removed are kept as the last build wrote them, the others made again, and the
 * site is the one a clean build makes. The sitemaps protocol splits at 50,000 URLs; this file
 * lowers the limit to 20 URLs a file, so that a small archive's sitemap is split.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildSite, type BuildOptions, type BuildPhase } from "../../src/publish/build-site.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { FIXED_NOW, siteFiles, treeDigest } from "../helpers/site.ts";

vi.mock("../../src/urls/site-urls.ts", async (original) => ({ ...(await original<typeof import("../../src/urls/site-urls.ts")>()), SITEMAP_LIMIT: 20 }));

let archive: TestArchive;
const out = (): string => join(archive.root, "site");
const base = (): BuildOptions => ({
  contentDir: archive.dir,
  outDir: out(),
  drafts: false,
  nowMs: FIXED_NOW,
  search: false,
  cacheDir: join(archive.root, "cache"),
});

// Forty articles, one a day over forty days of 2021 and 2022, each with a title of its own.
const day = (i: number): string => new Date(Date.UTC(2021, 11, 1 + i)).toISOString().slice(0, 10);
const path = (i: number): string => `${day(i).slice(0, 4)}/${day(i).slice(5, 7)}/${day(i).slice(8)}-depeche-${i}.md`;
const write = (i: number, date = `${day(i)}T10:00:00`): string => archive.article(path(i), { title: `Dépêche numéro ${i}`, date });

beforeAll(() => {
  archive = makeArchive();
  for (let i = 0; i < 40; i++) write(i);
});
afterAll(() => archive.remove());

/** Builds with the cache, then checks the site equals a clean build's; returns how the build planned its pages. */
async function incrementalEqualsClean(): Promise<string | undefined> {
  let planned: string | undefined;
  const result = await buildSite({ ...base(), onPhase: (phase: BuildPhase) => void (phase.name === "incremental" && (planned = phase.planned)) });
  expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
  const clean = join(archive.root, "clean");
  rmSync(clean, { recursive: true, force: true });
  const { cacheDir: _, ...withoutCache } = base();
  expect((await buildSite({ ...withoutCache, outDir: clean })).ok).toBe(true);
  expect(siteFiles(out())).toEqual(siteFiles(clean));
  expect(treeDigest(out())).toBe(treeDigest(clean));
  return planned;
}

const sitemapFiles = (): string[] => siteFiles(out()).filter((file) => /^\/sitemap(-\d+)?\.xml$/.test(file));

describe("a split sitemap, built again", () => {
  it("is split: an index over files of at most the limit", async () => {
    expect((await buildSite(base())).ok).toBe(true);
    // 40 articles, then the home, the indexes, the lists and the dates: past 80 URLs.
    expect(sitemapFiles().length).toBeGreaterThanOrEqual(5);
    expect(sitemapFiles()).toContain("/sitemap-1.xml");
  });

  it("keeps what a clean build writes when the newest article is added", async () => {
    write(40);
    expect(await incrementalEqualsClean()).toBe("added");
  });

  it("keeps what a clean build writes when an article older than all is added", async () => {
    archive.article("2020/06/15-la-plus-ancienne.md", { title: "La plus ancienne", date: "2020-06-15T10:00:00" });
    expect(await incrementalEqualsClean()).toBe("added");
  });

  it("keeps what a clean build writes when an article amid the first file's is removed", async () => {
    rmSync(join(archive.dir, "articles", path(5)));
    expect(await incrementalEqualsClean()).toBe("moved");
  });

  it("keeps what a clean build writes when an article is moved from the second file's to the newest", async () => {
    write(25, "2022-03-01T10:00:00");
    expect(await incrementalEqualsClean()).toBe("moved");
  });

  it("keeps what a clean build writes when articles are added, removed and moved at once, and the files are fewer", async () => {
    for (const i of [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]) rmSync(join(archive.dir, "articles", path(i)));
    write(41);
    write(30, "2021-12-02T12:00:00");
    const before = sitemapFiles().length;
    expect(await incrementalEqualsClean()).toBe("moved");
    expect(sitemapFiles().length).toBeLessThan(before);
  });
});
