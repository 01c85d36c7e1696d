/** `depeche serve` never writes its preview, drafts included, into the published site. */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DRAFTS_MARKER_TEXT, SITE_MARKER, SITE_MARKER_TEXT } from "../../src/files/output-folder.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { treeDigest } from "../helpers/site.ts";
import { fr } from "../helpers/french.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
let archive: TestArchive;
afterEach(() => archive?.remove());

// A user's project: `content/` and a `_site/` that `depeche build` wrote, run from its root.
function project(): { cwd: string; root: string } {
  archive = makeArchive();
  archive.article("2021/12/11-draft.md", { title: "Brouillon à ne pas publier", date: "2021-12-11T10:00:00", extra: "draft: true" });
  const cwd = join(archive.root, "project");
  mkdirSync(cwd);
  renameSync(archive.dir, join(cwd, "content"));
  const built = spawnSync(process.execPath, [bin, "build", "--no-search", "--no-cache"], { cwd, encoding: "utf8" });
  expect(built.status, built.stderr).toBe(0);
  return { cwd, root: archive.root };
}

// A preview that was not refused would serve until killed: the timeout ends it (status null).
function serve(cwd: string, out: string) {
  return spawnSync(process.execPath, [bin, "serve", "--port", "0", "--out", out], { cwd, encoding: "utf8", timeout: 30_000 });
}

describe("the preview's folder", () => {
  it.each([
    ["the published site", "_site", /^depeche serve: error: --out _site est le dossier du site publié, où l’aperçu n’écrit jamais/],
    ["the published site, written otherwise", "./_site/", /^depeche serve: error: --out \.\/_site\/ est le dossier du site publié/],
    ["a folder inside it", "_site/apercu", /^depeche serve: error: --out _site\/apercu est dans le dossier du site publié/],
    ["the published site, from inside the content", "../_site", /^depeche serve: error: --out \.\.\/_site est le dossier du site publié/],
  ])("is never %s: exit 2, one line, nothing touched", (_case, out, message) => {
    const { cwd, root } = project();
    const before = treeDigest(root);
    const run = serve(out === "../_site" ? join(cwd, "content") : cwd, out);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(message)]);
    expect(run.stderr).toMatch(/donnez à l’aperçu un dossier à lui, comme \.depeche\/preview\u202f; rien n’a été touché$/m);
    expect(treeDigest(root)).toBe(before);
  });

  it("run from inside the content folder, is told folders beside it, and previews with them", () => {
    const { cwd, root } = project();
    const before = treeDigest(root);
    const inside = join(cwd, "content");
    const serveHere = (args: string[], timeout = 30_000) =>
      spawnSync(process.execPath, [bin, "serve", "--port", "0", "--content", ".", ...args], { cwd: inside, encoding: "utf8", timeout });
    expect(serveHere([]).stderr.trimEnd()).toBe(
      fr`depeche serve: error: --out .depeche/preview est dans le dossier du contenu, où une construction n’écrit jamais de site : donnez un dossier hors du contenu, comme ../.depeche/preview ; rien n’a été touché`,
    );
    expect(serveHere(["--out", "../.depeche/preview"]).stderr.trimEnd()).toBe(
      fr`depeche serve: error: --cache .depeche/cache est dans le dossier du contenu, qui appartient aux éditeurs et à leur dépôt : donnez au cache un dossier hors du contenu, comme --cache ../.depeche/cache ; rien n’a été touché`,
    );
    expect(treeDigest(root)).toBe(before);
    // The published site, from there: the preview's folder told beside the content folder.
    expect(serveHere(["--out", "../_site"]).stderr).toMatch(/donnez à l’aperçu un dossier à lui, comme \.\.\/\.depeche\/preview\u202f; rien n’a été touché$/m);
    // Both as told: the preview starts (and serves until the timeout ends it).
    const run = serveHere(["--out", "../.depeche/preview", "--cache", "../.depeche/cache"], 10_000);
    expect(run.stderr).toMatch(/^depeche serve: http:\/\/localhost:\d+\/ /m);
    expect(existsSync(join(cwd, ".depeche/preview/2021/12/11/brouillon-a-ne-pas-publier/index.html"))).toBe(true);
  });

  it("is never a site built without drafts, under any name: a deploy's folder; its own folder as an older preview left it is", () => {
    const { cwd, root } = project();
    cpSync(join(cwd, "_site"), join(cwd, "deploy"), { recursive: true });
    const before = treeDigest(root);
    const run = serve(cwd, "deploy");
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr.trimEnd()).toBe(
      fr`depeche serve: error: --out deploy est un site construit sans les brouillons, peut-être celui qu’on publie, où l’aperçu n’écrit jamais (il montre les brouillons) : donnez à l’aperçu un dossier à lui, comme .depeche/preview ; rien n’a été touché`,
    );
    expect(treeDigest(root)).toBe(before);
    // The preview's own folder, marked as any site by an older preview: taken, and marked as a preview.
    cpSync(join(cwd, "_site"), join(cwd, ".depeche/preview"), { recursive: true });
    const started = spawnSync(process.execPath, [bin, "serve", "--port", "0"], { cwd, encoding: "utf8", timeout: 10_000 });
    expect(started.stderr).toMatch(/^depeche serve: http:\/\/localhost:\d+\/ /m);
    expect(readFileSync(join(cwd, ".depeche/preview", SITE_MARKER), "utf8").startsWith(DRAFTS_MARKER_TEXT)).toBe(true);
    expect(readFileSync(join(cwd, "_site", SITE_MARKER), "utf8").startsWith(SITE_MARKER_TEXT)).toBe(true);
    // Marked so, another name is taken too.
    cpSync(join(cwd, ".depeche/preview"), join(cwd, "apercu"), { recursive: true });
    expect(spawnSync(process.execPath, [bin, "serve", "--port", "0", "--out", "apercu"], { cwd, encoding: "utf8", timeout: 10_000 }).stderr).toMatch(
      /^depeche serve: http:\/\/localhost:\d+\/ /m,
    );
  });

  it("refused for a build's reasons, is told to be a folder like the preview's own", () => {
    const { cwd, root } = project();
    const before = treeDigest(root);
    const run = serve(cwd, "content");
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr.trimEnd()).toBe(
      fr`depeche serve: error: --out content est le dossier du contenu, où une construction n’écrit jamais de site : donnez un dossier hors du contenu, comme .depeche/preview ; rien n’a été touché`,
    );
    expect(treeDigest(root)).toBe(before);
  });
});
