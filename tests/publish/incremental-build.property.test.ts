import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSite, type BuildPhase } from "../../src/publish/build-site.ts";
import { spareFolder } from "../../src/publish/stage-from-site.ts";
import { EditedArchive, edit, photoPool, type Edit } from "../helpers/edited-archive.ts";
import { siteFiles, siteFolders, treeDigest } from "../helpers/site.ts";

// The proof that an incremental build is a clean build: random sequences of editors' edits, and
// after every one the site the cache-driven build leaves equals, byte for byte, the site a clean
// build of the same content writes. An incremental build stages in the spare: after an
// incremental build, the site it replaced, brought up to date with only what that build changed;
// after a clean one (of a large archive, as all are here), that build's own site, linked. The spare is checked to be that site.

/** The incremental build's output and what it staged in, checked against a clean build's. */
interface Built {
  incremental: boolean | undefined;
  /** The pages it planned: all, or some only (the fast paths). */
  planned?: "all" | "text" | "added" | "moved";
  /** Whether it staged in the spare (an incremental build only). */
  spare: boolean;
  /** The digest of the site it wrote. */
  digest: string;
  /** The search bundles it patched rather than indexed again, and of those, the ones patched while its pages were planned. */
  patched: number;
  ahead: number;
}

async function sameAsClean(edited: EditedArchive, search: boolean, before?: Built): Promise<Built> {
  const { root, dir } = edited.archive;
  const common = { contentDir: dir, drafts: false, nowMs: edited.nowMs, search };
  const out = join(root, "incremental");
  const phases: BuildPhase[] = [];
  // Every clean build leaves a spare, as a large archive's does (`CLEAN_SPARE_PAGES`).
  const incremental = await buildSite({ ...common, outDir: out, cacheDir: join(root, "cache"), cleanSpareFrom: 0, onPhase: (p) => phases.push(p) });
  const clean = await buildSite({ ...common, outDir: join(root, "clean") });
  expect(incremental.ok, JSON.stringify(incremental.diagnostics)).toBe(true);
  expect(clean.ok).toBe(true);
  expect(siteFiles(out)).toEqual(siteFiles(join(root, "clean")));
  expect(siteFolders(out)).toEqual(siteFolders(join(root, "clean")));
  const digest = treeDigest(out);
  expect(digest).toBe(treeDigest(join(root, "clean")));
  // An incremental build keeps the site it replaced as the spare, whole; a clean build its own site.
  expect(treeDigest(spareFolder(out))).toBe(incremental.incremental && before ? before.digest : digest);
  const staged = phases.find((p) => p.name === "incremental");
  const indexed = phases.find((p) => p.name === "indexed");
  return {
    patched: indexed?.name === "indexed" ? (indexed.patched ?? 0) : 0,
    ahead: indexed?.name === "indexed" ? (indexed.ahead ?? 0) : 0,
    incremental: incremental.incremental,
    spare: staged?.name === "incremental" && staged.spare,
    ...(staged?.name === "incremental" ? { planned: staged.planned } : {}),
    digest,
  };
}

// Articles are given photos, of their own or shared, and photo files are replaced.
const photos = await photoPool();

// How often each way of planning ran, by the edit that led to it: the fast paths must be exercised.
const plannedBy = new Map<string, number>();
// The search bundles patched, by the edit that led to it, and of those the ones patched ahead: the patches must be exercised.
const patchedBy = new Map<string, number>();
const aheadBy = new Map<string, number>();

async function runEdits(edits: Edit[], search: boolean): Promise<void> {
  const edited = new EditedArchive(photos);
  try {
    let built = await sameAsClean(edited, search);
    expect(built.incremental).toBe(false);
    for (const e of edits) {
      const registriesChanged = edited.apply(e);
      built = await sameAsClean(edited, search, built);
      // Every step but a new topics.yaml starts from the previous build's state, and stages in the
      // spare the previous build left, clean or incremental.
      expect(built.incremental).toBe(!registriesChanged);
      expect(built.spare).toBe(!registriesChanged);
      const key = `${e.kind} → ${built.planned ?? "clean"}`;
      plannedBy.set(key, (plannedBy.get(key) ?? 0) + 1);
      if (built.patched > 0) patchedBy.set(e.kind, (patchedBy.get(e.kind) ?? 0) + built.patched);
      if (built.ahead > 0) aheadBy.set(e.kind, (aheadBy.get(e.kind) ?? 0) + built.ahead);
    }
  } finally {
    edited.archive.remove();
  }
}

describe("an incremental build", () => {
  it("writes, after any sequence of edits, the very site a clean build writes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 3, maxLength: 7 }), (edits) => runEdits(edits, false)),
      // Besides the random ones, one sequence sure to take both fast paths: articles added to the
      // largest topic (the masthead's order stays) mid-list, before all, in a new year, on a new
      // day; a body edited.
      {
        numRuns: 8,
        examples: [
          [
            [
              { kind: "add", date: 8, title: 0, topics: [4] },
              { kind: "add", date: 5, title: 1, topics: [4, 2] },
              { kind: "body", doc: 3, value: 1, topics: [0] },
              { kind: "add", date: 6, title: 2, topics: [4] },
              { kind: "add", date: 7, title: 3, topics: [4] },
            ],
          ],
          // Photos: an article added with one of its own (the fast path; the next build stages in
          // the spare, which must catch up with that photo), another given a shared one, that
          // photo's file replaced, a body edited, its caption changed, an article added with the
          // shared photo, and the photo taken away.
          [
            [
              { kind: "add", date: 8, title: 0, topics: [4] },
              { kind: "body", doc: 0, value: 2, topics: [0] },
              { kind: "photo", doc: 2, value: 0, topics: [0] },
              { kind: "photoFile", value: 0 },
              { kind: "body", doc: 2, value: 2, topics: [0] },
              // Its alt text and caption told otherwise, then its caption taken away: text edits.
              { kind: "caption", doc: 2, value: 1, topics: [0] },
              { kind: "caption", doc: 2, value: 2, topics: [0] },
              { kind: "add", date: 3, title: 2, topics: [4] },
              { kind: "photo", doc: 2, value: 2, topics: [0] },
              { kind: "body", doc: 4, value: 1, topics: [0] },
            ],
          ],
          // Escaped aliases: their redirect pages written at the paths decoded, then removed with their article.
          [
            [
              { kind: "alias", doc: 2, value: 1, topics: [0] },
              { kind: "alias", doc: 2, value: 3, topics: [0] },
              { kind: "body", doc: 2, value: 2, topics: [0] },
              // Retitled under its slug: a text edit, its aliases' pages naming the new title.
              { kind: "title", doc: 2, value: 1, topics: [0] },
              { kind: "title", doc: 2, value: 2, topics: [0] },
              { kind: "delete", doc: 2, value: 0, topics: [0] },
            ],
          ],
          // Articles moved: a published one re-dated (its old URL a redirect to it now), then back
          // (the redirect its page again), another given one more topic (the masthead's order
          // stays); one added, made a draft and
          // published again; one removed.
          [
            [
              { kind: "redate", doc: 1, value: 3, topics: [0] },
              { kind: "redate", doc: 1, value: 1, topics: [0] },
              { kind: "topics", doc: 4, value: 0, topics: [4, 2] },
              { kind: "add", date: 2, title: 1, topics: [4] },
              { kind: "draft", doc: 23, value: 0, topics: [0] },
              { kind: "draft", doc: 23, value: 0, topics: [0] },
              { kind: "delete", doc: 0, value: 0, topics: [0] },
            ],
          ],
          // Embargoes lifted: articles added with later dates, held back, then the builds' date
          // moved past the first, then past both (the second added meanwhile, into the year the
          // first opened); a body edited between.
          [
            [
              { kind: "add", date: 9, title: 0, topics: [4] },
              { kind: "body", doc: 3, value: 1, topics: [0] },
              { kind: "clock", value: 0 },
              { kind: "add", date: 10, title: 1, topics: [4] },
              { kind: "clock", value: 1 },
            ],
          ],
        ],
      },
    );
    // Added articles took their fast path, and text edits theirs, at least once each.
    expect(plannedBy.get("add → added") ?? 0, JSON.stringify([...plannedBy])).toBeGreaterThan(0);
    expect(plannedBy.get("body → text") ?? 0, JSON.stringify([...plannedBy])).toBeGreaterThan(0);
    expect(plannedBy.get("title → text") ?? 0, JSON.stringify([...plannedBy])).toBeGreaterThan(0);
    expect(plannedBy.get("caption → text") ?? 0, JSON.stringify([...plannedBy])).toBeGreaterThan(0);
    // Articles removed, re-dated, given other topics or made drafts, or published by the builds' date, took theirs.
    for (const kind of ["delete", "redate", "topics", "draft", "clock"])
      expect(plannedBy.get(`${kind} → moved`) ?? 0, JSON.stringify([...plannedBy])).toBeGreaterThan(0);
    console.log(JSON.stringify(Object.fromEntries([...plannedBy].sort())));
  }, 240_000);

  it("with the search index, re-indexing only what changed, writes the very site a clean build writes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 3, maxLength: 4 }), (edits) => runEdits(edits, true)),
      // Besides the random ones, a sequence sure to patch bundles: bodies and a title edited, an
      // article added, made a draft and published again; then an article's topics changed, one
      // removed, one re-dated: each bundle patched, its records gone and new.
      {
        numRuns: 1,
        examples: [
          [
            [
              { kind: "body", doc: 3, value: 2, topics: [0] },
              { kind: "title", doc: 7, value: 1, topics: [0] },
              { kind: "add", date: 8, title: 0, topics: [4] },
              // The article just added (never published: the only kind that may become a draft).
              { kind: "draft", doc: 23, value: 0, topics: [0] },
              { kind: "draft", doc: 23, value: 0, topics: [0] },
              { kind: "body", doc: 12, value: 1, topics: [0] },
              { kind: "topics", doc: 5, value: 0, topics: [1, 2] },
              { kind: "delete", doc: 9, value: 0, topics: [0] },
              { kind: "redate", doc: 1, value: 3, topics: [0] },
              // An article the builds' date publishes into the bundle another opened: its record added.
              { kind: "add", date: 9, title: 0, topics: [4] },
              { kind: "clock", value: 0 },
              { kind: "add", date: 10, title: 1, topics: [4] },
              { kind: "clock", value: 1 },
            ],
          ],
        ],
      },
    );
    for (const kind of ["body", "title", "add", "topics", "delete", "redate", "draft", "clock"])
      expect(patchedBy.get(kind) ?? 0, `${kind}: ${JSON.stringify([...patchedBy])}`).toBeGreaterThan(0);
    // Texts edited alone are patched while the pages are planned; nothing else is.
    expect([...aheadBy.keys()].sort()).toEqual(["body", "title"]);
  }, 240_000);
});
