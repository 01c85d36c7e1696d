/**
 * The publishing loop as CI runs it: every push checks the repository out afresh (new inodes, new
 * times), restores the cache, the site and its spare from a tar archive (actions/cache), builds
 * with `--record-urls`, and commits urls.txt back.
 */
import { spawnSync } from "node:child_process";
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BuildCache } from "../../src/publish/build-cache.ts";
import { buildSite, type BuildOptions, type BuildPhase } from "../../src/publish/build-site.ts";
import { articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";
import { ageCheckout, commitAll, git } from "../helpers/git.ts";
import { requireGit } from "../helpers/prerequisites.ts";
import { FIXED_NOW, siteFiles, treeDigest } from "../helpers/site.ts";

let archive: TestArchive | undefined;
afterEach(() => archive?.remove());
beforeAll(() => requireGit());

// What actions/cache keeps between runs, relative to the work tree.
const KEPT = [".depeche/cache", "_site", "._site.spare"];

describe("the publishing loop in fresh clones", () => {
  it("restores the cache and site from tar in a new clone, reads no article again, appends to the journal, and builds what a clean build does", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Première dépêche", date: "2021-12-09T10:00:00" });
    archive.article("2021/12/10-b.md", { title: "Deuxième dépêche", date: "2021-12-10T10:00:00" });
    // Older articles, which no build here changes: a store that set their entries again would put each in the journal.
    for (let day = 1; day <= 30; day++)
      archive.article(`2021/11/${String(day).padStart(2, "0")}-x.md`, {
        title: `Dépêche du ${day} novembre`,
        date: `2021-11-${String(day).padStart(2, "0")}T09:00:00`,
      });
    commitAll(archive.root);
    const origin = join(archive.root, "origin.git");
    git(archive.root, "clone", "-q", "--bare", archive.root, origin);
    const ws = join(archive.root, "ws");
    const options = (): BuildOptions => ({
      contentDir: join(ws, "content"),
      outDir: join(ws, "_site"),
      cacheDir: join(ws, ".depeche/cache"),
      drafts: false,
      nowMs: FIXED_NOW,
      search: false,
      recordUrls: true,
      // The spare a large clean build leaves, made here for two articles.
      cleanSpareFrom: 0,
    });
    const cache = (): BuildCache => new BuildCache(join(ws, ".depeche/cache"), "", { contentDir: join(ws, "content"), outDir: join(ws, "_site") });

    // A run: the checkout, what the previous run kept restored by tar, an article pushed, the build.
    const run = async (article?: string): Promise<BuildPhase[]> => {
      if (existsSync(ws)) renameSync(ws, `${ws}.previous`);
      git(archive!.root, "clone", "-q", origin, ws);
      ageCheckout(ws);
      if (existsSync(`${ws}.previous`)) {
        const kept = KEPT.filter((path) => existsSync(join(`${ws}.previous`, path)));
        const tar = spawnSync("sh", ["-c", `tar --posix -cf - ${kept.join(" ")} | (cd "${ws}" && tar -xf -)`], { cwd: `${ws}.previous` });
        expect(tar.status, String(tar.stderr)).toBe(0);
        rmSync(`${ws}.previous`, { recursive: true, force: true });
      }
      if (article) {
        const text = articleText({ title: `Dépêche ${article}`, date: `2021-12-10T${article.slice(3)}:00:00` });
        writeFileSync(join(ws, "content/articles/2021/12", `${article}.md`), text);
        git(ws, "add", "-A");
        git(ws, "commit", "-q", "-m", `${article}`);
      }
      const phases: BuildPhase[] = [];
      const result = await buildSite({ ...options(), onPhase: (p) => phases.push(p) });
      expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
      // The workflow commits urls.txt back.
      git(ws, "add", "content/urls.txt");
      git(ws, "commit", "-q", "-m", "urls");
      git(ws, "push", "-q", "origin", "HEAD:main");
      return phases;
    };
    const equalsClean = async (): Promise<void> => {
      const clean = join(archive!.root, "clean");
      rmSync(clean, { recursive: true, force: true });
      const { cacheDir: _, recordUrls: __, ...plain } = options();
      expect((await buildSite({ ...plain, outDir: clean })).ok).toBe(true);
      expect(siteFiles(join(ws, "_site"))).toEqual(siteFiles(clean));
      expect(treeDigest(join(ws, "_site"))).toBe(treeDigest(clean));
    };

    await run();
    const state = statSync(cache().file);
    for (const [round, article] of ["10-11", "10-12"].entries()) {
      const phases = await run(article);
      // Incremental, from the spare restored with the site; the state file as restored, a journal beside it.
      expect(phases.find((p) => p.name === "incremental")).toMatchObject({ planned: "added", spare: true });
      expect(statSync(cache().file).mtimeMs).toBe(state.mtimeMs);
      expect(statSync(cache().file).size).toBe(state.size);
      // One record per build: the article added, its pages, urls.txt's new lines; no entry per unchanged file.
      expect(statSync(cache().journal).size).toBeLessThan((round + 1) * 6_000);
      await equalsClean();
    }
  });
});
