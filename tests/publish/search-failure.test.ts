import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeArchive, TOPICS_YAML, type TestArchive } from "../helpers/archive.ts";
import { buildArchive, treeDigest } from "../helpers/site.ts";

// The indexer, failing on demand: a clean build indexes while it writes its pages, so the failure
// comes while pages are still being written.
const indexing = vi.hoisted(() => ({ fail: false, started: 0, options: undefined as unknown }));
vi.mock("../../src/search/indexer.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/search/indexer.ts")>();
  return {
    ...actual,
    indexSearchBundles: (...args: Parameters<typeof actual.indexSearchBundles>) => {
      indexing.started++;
      indexing.options = args[2];
      return indexing.fail ? Promise.reject(new Error("search index 2021: Pagefind failed")) : actual.indexSearchBundles(...args);
    },
  };
});

let archive: TestArchive;
beforeAll(() => {
  archive = makeArchive();
  for (let day = 1; day <= 9; day++) archive.article(`2021/12/0${day}-a.md`, { title: `Dépêche ${day}`, date: `2021-12-0${day}` });
});
afterAll(() => archive.remove());

describe("a clean build whose search index fails", () => {
  it("publishes nothing: the previous site stays whole, and no staging folder is left", async () => {
    const first = await buildArchive(archive, { cacheDir: undefined });
    expect(first.result.ok).toBe(true);
    const before = treeDigest(first.out);
    indexing.fail = true;
    const started = indexing.started;
    await expect(buildArchive(archive, { cacheDir: undefined })).rejects.toThrow(/Pagefind failed/);
    expect(indexing.started).toBe(started + 1);
    expect(treeDigest(first.out)).toBe(before);
    expect(readdirSync(dirname(first.out)).filter((name) => name.includes(".building-"))).toEqual([]);
  }, 60_000);
});

describe("a large clean build whose search index fails after it let go of its plan", () => {
  it("publishes nothing and records no URL: the site, urls.txt and the folder beside the site stay as they were", async () => {
    const indexAfter = { indexAfterFrom: 0, recordUrls: true };
    indexing.fail = false;
    const first = await buildArchive(archive, indexAfter);
    expect(first.result.ok).toBe(true);
    const urls = join(archive.dir, "urls.txt");
    const recorded = readFileSync(urls, "utf8");
    expect(recorded).toContain("/2021/12/09/");
    const before = treeDigest(first.out);
    // A new article, and topics.yaml changed: a clean build, with the cache.
    archive.article("2021/12/10-a.md", { title: "Dépêche 10", date: "2021-12-10" });
    archive.write("topics.yaml", TOPICS_YAML.replace('label: "Économie"', "label: Économie et finances"));
    indexing.fail = true;
    try {
      await expect(buildArchive(archive, indexAfter)).rejects.toThrow(/Pagefind failed/);
      // Indexed after the pages, from the records' files: not beside the writers.
      expect(indexing.options).toBeUndefined();
    } finally {
      indexing.fail = false;
    }
    expect(treeDigest(first.out)).toBe(before);
    expect(readFileSync(urls, "utf8")).toBe(recorded);
    expect(readdirSync(dirname(first.out)).filter((name) => /\.(building|records)-/.test(name))).toEqual([]);
    // The cache it saved names a site never put in place: the next build is a clean one, and records the new URL.
    const next = await buildArchive(archive, indexAfter);
    expect(next.result).toMatchObject({ ok: true, incremental: false });
    expect(next.has("/2021/12/10/depeche-10/")).toBe(true);
    expect(readFileSync(urls, "utf8")).toContain("/2021/12/10/depeche-10/");
    const clean = await buildArchive(archive, { outDir: join(archive.root, "clean"), cacheDir: undefined });
    expect(treeDigest(next.out)).toBe(treeDigest(clean.out));
  }, 60_000);
});
