import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { buildArchive, treeDigest } from "../helpers/site.ts";

// The indexer, failing on demand: a clean build indexes while it writes its pages, so the failure
// comes while pages are still being written.
const indexing = vi.hoisted(() => ({ fail: false, started: 0 }));
vi.mock("../../src/search/indexer.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/search/indexer.ts")>();
  return {
    ...actual,
    indexSearchBundles: (...args: Parameters<typeof actual.indexSearchBundles>) => {
      indexing.started++;
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
