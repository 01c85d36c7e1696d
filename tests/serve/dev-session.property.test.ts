import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/build-site.ts";
import { SITE_MARKER } from "../../src/files/output-folder.ts";
import { DevSession } from "../../src/serve/dev-session.ts";
import { EditedArchive, edit, photoPool, type Edit } from "../helpers/edited-archive.ts";
import { FIXED_NOW, siteFiles, siteFolders, treeDigest } from "../helpers/site.ts";

// The proof that the preview, updated save after save, shows what a full build shows: random
// sequences of editors' edits, each saved into a running session (some first with an error, then
// mended), and after every one the
// preview's folder equals, byte for byte, the site a clean build with drafts writes (the feeds and
// sitemaps made again as a request for one makes them; the search index aside, made when asked,
// and the marker, which names the folder's first build).

// Articles are given photos, of their own or shared, and photo files are replaced.
const photos = await photoPool();

// How each save planned its pages, by the edit saved: the text edits' own path must be exercised.
const plannedBy = new Map<string, number>();

const compared = (path: string): boolean => path !== `/${SITE_MARKER}` && !path.startsWith("/pagefind/");

/** An edit saved; when `broken`, saved first with a link to no page in the article it edits (an error), then mended. */
interface Save {
  edit: Edit;
  broken: boolean;
}
const save: fc.Arbitrary<Save> = fc.record({ edit, broken: fc.boolean() });
const saved = (edit: Edit): Save => ({ edit, broken: false });
const savedWithError = (edit: Edit): Save => ({ edit, broken: true });

async function runSaves(saves: Save[]): Promise<void> {
  const edited = new EditedArchive(photos);
  const { root, dir } = edited.archive;
  const session = new DevSession({ contentDir: dir, outDir: join(root, "preview"), drafts: true, cacheDir: join(root, "cache"), nowMs: FIXED_NOW });
  try {
    expect((await session.rebuild()).outcome).toBe("rebuilt");
    for (const { edit: e, broken } of saves) {
      let before = edited.files();
      edited.apply(e);
      const saved = async () => {
        const update = await session.update([...new Set([...before, ...edited.files()])]);
        before = edited.files();
        return update;
      };
      if (broken) {
        edited.linkToNoPage("doc" in e ? e.doc : 0);
        expect((await saved()).outcome).toBe("invalid");
        edited.rewrite();
      }
      const update = await saved();
      expect(update.outcome, JSON.stringify(update.diagnostics)).not.toBe("invalid");
      session.freshOutputs();
      const clean = join(root, "clean");
      const built = await buildSite({ contentDir: dir, outDir: clean, drafts: true, nowMs: FIXED_NOW, search: false });
      expect(built.ok).toBe(true);
      expect(siteFiles(join(root, "preview")).filter(compared)).toEqual(siteFiles(clean).filter(compared));
      expect(siteFolders(join(root, "preview")).filter(compared)).toEqual(siteFolders(clean).filter(compared));
      expect(treeDigest(join(root, "preview"), compared), `after ${JSON.stringify(e)}`).toBe(treeDigest(clean, compared));
      const key = `${e.kind}${broken ? ", broken first" : ""} → ${update.planned ?? update.outcome}`;
      plannedBy.set(key, (plannedBy.get(key) ?? 0) + 1);
    }
  } finally {
    edited.archive.remove();
  }
}

describe("the preview, after any sequence of saves", () => {
  it("shows the very site a clean build with drafts writes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(save, { minLength: 3, maxLength: 6 }), (saves) => runSaves(saves)),
      // Besides the random ones: bodies edited at their start (the lists' standfirsts, home's) and
      // at their end, between an added article and a title changed.
      {
        numRuns: 10,
        examples: [
          [
            [
              saved({ kind: "body", doc: 0, value: 1, topics: [0] }),
              saved({ kind: "body", doc: 20, value: 3, topics: [0] }),
              saved({ kind: "add", date: 8, title: 0, topics: [4] }),
              saved({ kind: "body", doc: 23, value: 2, topics: [0] }),
              saved({ kind: "title", doc: 3, value: 1, topics: [0] }),
              saved({ kind: "body", doc: 3, value: 5, topics: [0] }),
            ],
          ],
          // Articles added to the largest topic (the masthead's order stays), mid-list, before all,
          // in a new year, on a new day: new pages of every kind go where a full plan puts them.
          [
            [
              saved({ kind: "add", date: 8, title: 0, topics: [4] }),
              saved({ kind: "add", date: 5, title: 1, topics: [4, 2] }),
              saved({ kind: "add", date: 6, title: 2, topics: [4] }),
              saved({ kind: "body", doc: 24, value: 1, topics: [0] }),
              saved({ kind: "add", date: 7, title: 3, topics: [4] }),
            ],
          ],
          // An article added whose neighbour in the archive is another topic's, planned with it or not.
          [
            [
              saved({ kind: "add", date: 0, title: 0, topics: [0] }),
              saved({ kind: "body", doc: 0, value: 0, topics: [0] }),
              saved({ kind: "add", date: 1, title: 0, topics: [0] }),
              // Retitled under its slug: a text edit.
              saved({ kind: "title", doc: 0, value: 1, topics: [0] }),
              saved({ kind: "title", doc: 0, value: 2, topics: [0] }),
            ],
          ],
          // Articles added to a topic that has an old slug, until its list gains a page: the page's
          // redirect at the old slug is a page the added articles' pages do not name.
          [
            [
              saved({ kind: "topicsYaml", value: 4 }),
              saved({ kind: "add", date: 8, title: 0, topics: [4] }),
              saved({ kind: "add", date: 3, title: 1, topics: [4] }),
              saved({ kind: "add", date: 6, title: 2, topics: [4] }),
            ],
          ],
          // An article added, then re-dated before any deploy published it: its page moves, and
          // the folder of its old address goes with it.
          [[saved({ kind: "add", date: 0, title: 2, topics: [1] }), saved({ kind: "redate", doc: 23, value: 3, topics: [0] })]],
          // Photos: an article added with one of its own, another given a shared one, that photo's
          // file replaced, its caption changed, a body saved first with an error, an article added with the shared
          // photo, and the photo taken away.
          [
            [
              saved({ kind: "add", date: 1, title: 0, topics: [4] }),
              saved({ kind: "photo", doc: 2, value: 0, topics: [0] }),
              saved({ kind: "photoFile", value: 0 }),
              saved({ kind: "caption", doc: 2, value: 1, topics: [0] }),
              savedWithError({ kind: "body", doc: 2, value: 1, topics: [0] }),
              saved({ kind: "add", date: 3, title: 2, topics: [4] }),
              saved({ kind: "photo", doc: 2, value: 2, topics: [0] }),
            ],
          ],
          // Articles moved: a published one re-dated (its old URL a redirect to it now), then back
          // (the redirect its page again), another given one more topic (the masthead's order
          // stays), one added, made a draft and removed (never published), one published withdrawn
          // with its `! URL` line.
          [
            [
              saved({ kind: "redate", doc: 1, value: 3, topics: [0] }),
              saved({ kind: "redate", doc: 1, value: 1, topics: [0] }),
              saved({ kind: "topics", doc: 4, value: 0, topics: [4, 2] }),
              saved({ kind: "add", date: 2, title: 1, topics: [4] }),
              saved({ kind: "draft", doc: 23, value: 0, topics: [0] }),
              saved({ kind: "delete", doc: 23, value: 0, topics: [0] }),
              saved({ kind: "delete", doc: 10, value: 0, topics: [0] }),
            ],
          ],
          // An article's topics changed in a save with an error, then the error mended alone: the
          // mend is a text edit of what the store held, not of what the pages show.
          [
            [
              saved({ kind: "body", doc: 4, value: 1, topics: [0] }),
              savedWithError({ kind: "topics", doc: 4, value: 0, topics: [1, 2] }),
              saved({ kind: "body", doc: 4, value: 2, topics: [0] }),
            ],
          ],
        ],
      },
    );
    expect(plannedBy.get("body → text") ?? 0, JSON.stringify([...plannedBy])).toBeGreaterThan(0);
    expect(plannedBy.get("add → added") ?? 0, JSON.stringify([...plannedBy])).toBeGreaterThan(0);
    expect(plannedBy.get("title → text") ?? 0, JSON.stringify([...plannedBy])).toBeGreaterThan(0);
    expect(plannedBy.get("caption → text") ?? 0, JSON.stringify([...plannedBy])).toBeGreaterThan(0);
    // Articles removed, re-dated or given other topics took it too: taken out and put in again.
    for (const kind of ["delete", "redate", "topics"]) expect(plannedBy.get(`${kind} → moved`) ?? 0, JSON.stringify([...plannedBy])).toBeGreaterThan(0);
    console.log(JSON.stringify(Object.fromEntries([...plannedBy].sort())));
  }, 240_000);
});
