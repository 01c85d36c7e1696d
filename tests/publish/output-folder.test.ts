import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PageWriters } from "../../src/pages/write-pages.ts";
import { CommandError } from "../../src/files/file-errors.ts";
import { SITE_MARKER, SITE_MARKER_TEXT, siteWriteError } from "../../src/files/output-folder.ts";
import { articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";
import { planArticles, siteFiles, treeDigest } from "../helpers/site.ts";
import { fr } from "../helpers/french.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
let archive: TestArchive;
afterEach(() => archive?.remove());

/**
 * An archive in `<root>/project/content`, run from `<root>/project` like a user's repository: a
 * build that replaced the wrong folder would only ever lose this temporary tree.
 */
function project(): { cwd: string; root: string } {
  archive = makeArchive();
  archive.article("2021/12/09-irak.md", { title: "L’Irak annonce la fin de la mission de combat" });
  const cwd = join(archive.root, "project");
  mkdirSync(cwd);
  renameSync(archive.dir, join(cwd, "content"));
  writeFileSync(join(cwd, "README.md"), "Le dépôt de l’utilisateur.\n");
  mkdirSync(join(cwd, ".git"));
  writeFileSync(join(cwd, ".git/HEAD"), "ref: refs/heads/main\n");
  return { cwd, root: archive.root };
}

function build(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [bin, "build", "--no-search", "--now", "2026-01-15T12:00:00Z", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GITHUB_ACTIONS: "", ...env },
  });
}

/** Resolves once the stagings and old sites that builds set aside in `cwd` are removed (30 s at most). */
async function stagingsGone(cwd: string): Promise<void> {
  const removing = (): boolean => readdirSync(cwd).some((name) => name.startsWith("._site.trash-") || name.startsWith("._site.old-"));
  for (const deadline = Date.now() + 30_000; removing() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The one error line of a refused build; nothing else may be printed. */
function refusal(run: ReturnType<typeof build>): string {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe("the output folder: only a site Dépêche built is ever replaced", () => {
  it.each([
    ["an empty --out (an unset variable)", [""], /^depeche build: error: --out "" ne nomme aucun dossier \(une variable vide\u202f\?\)/],
    ["the working directory", ["."], /^depeche build: error: --out \. est le dossier de travail, qu’une construction ne remplace jamais/],
    ["the working directory's parent", [".."], /^depeche build: error: --out \.\. contient le dossier de travail/],
    ["the content folder", ["content"], /^depeche build: error: --out content est le dossier du contenu/],
    ["a folder inside the content", ["content/articles"], /^depeche build: error: --out content\/articles est dans le dossier du contenu/],
    ["a folder of the user's", [".git"], /^depeche build: error: --out \.git n’est pas vide et n’a pas de fichier \.depeche-site/],
    ["a plain file", ["README.md"], /^depeche build: error: --out README\.md est un fichier, pas un dossier/],
  ])("refuses %s (exit 2, one line) and touches nothing", (_case, [out], message) => {
    const { cwd, root } = project();
    const before = treeDigest(root);
    expect(refusal(build(cwd, ["--out", out!]))).toMatch(message);
    expect(treeDigest(root)).toBe(before);
  });

  it.each([
    ["in the content folder", ["--cache", "content"], /^depeche build: error: --cache content est dans le dossier du contenu, qui appartient aux éditeurs/],
    [
      "deeper in the content folder",
      ["--cache", "content/articles/2021"],
      /^depeche build: error: --cache content\/articles\/2021 est dans le dossier du contenu/,
    ],
    [
      "in the site's folder, which is published",
      ["--cache", "_site/cache"],
      /^depeche build: error: --cache _site\/cache est dans le dossier du site, qui est publié/,
    ],
    ["that is a repository's .git folder", ["--cache", ".git"], /^depeche build: error: --cache \.git est le dossier \.git d’un dépôt, ou en est dans un/],
    ["inside a repository's .git folder", ["--cache", ".git/depeche"], /^depeche build: error: --cache \.git\/depeche est le dossier \.git d’un dépôt/],
    [
      "that is the user's own folder (the working directory)",
      ["--cache", "."],
      /^depeche build: error: --cache \. contient des fichiers ou dossiers qui ne viennent pas du cache de Dépêche \(«\u202f\.git\u202f», «\u202fREADME\.md\u202f» et «\u202fcontent\u202f»\)/,
    ],
    [
      "that is the root",
      ["--cache", "/"],
      /^depeche build: error: --cache \/ contient des fichiers ou dossiers qui ne viennent pas du cache de Dépêche \(.* et \d+ autres\)/,
    ],
    ["that is a file", ["--cache", "README.md"], /^depeche build: error: --cache README\.md est un fichier, pas un dossier/],
  ])("refuses a cache %s (exit 2, one line) and touches nothing", (_case, args, message) => {
    const { cwd, root } = project();
    const before = treeDigest(root);
    expect(refusal(build(cwd, ["--out", "_site", ...args]))).toMatch(message);
    expect(treeDigest(root)).toBe(before);
  });

  it("refuses the default cache where it would land in the content folder: a build run from inside it", () => {
    const { cwd, root } = project();
    const before = treeDigest(root);
    expect(refusal(build(join(cwd, "content"), ["--content", ".", "--out", "../_site"]))).toMatch(
      /^depeche build: error: --cache \.depeche\/cache est dans le dossier du contenu.* comme --cache \.\.\/\.depeche\/cache\u202f; rien n’a été touché$/,
    );
    // The site's default folder, from there, is told beside the content folder too.
    expect(refusal(build(join(cwd, "content"), ["--content", "."]))).toMatch(
      /^depeche build: error: --out _site est dans le dossier du contenu.* comme \.\.\/_site\u202f; rien n’a été touché$/,
    );
    expect(treeDigest(root)).toBe(before);
    expect(build(join(cwd, "content"), ["--content", ".", "--out", "../_site", "--cache", "../.depeche/cache"]).status).toBe(0);
  });

  it("never builds drafts into the published site's folder, _site, but into any other asked for by name", () => {
    const { cwd, root } = project();
    expect(build(cwd, []).status).toBe(0);
    const before = treeDigest(root);
    expect(refusal(build(cwd, ["--drafts"]))).toBe(
      fr`depeche build: error: --out _site est le dossier du site publié, où une construction avec --drafts n’écrit jamais : donnez-lui un dossier à part, comme .depeche/preview ; rien n’a été touché`,
    );
    expect(treeDigest(root)).toBe(before);
    expect(build(cwd, ["--drafts", "--out", "apercu"]).status).toBe(0);
  });

  it.each([
    ["a clone of the site's branch (a .git folder)", true],
    ["a worktree of it (a .git file)", false],
  ])("refuses a site's folder that is also %s: the repository is never deleted", (_case, folder) => {
    const { cwd, root } = project();
    expect(build(cwd, []).status).toBe(0);
    // The published site carries its marker: a clone of the gh-pages branch has it too.
    if (folder) {
      mkdirSync(join(cwd, "_site/.git"));
      writeFileSync(join(cwd, "_site/.git/HEAD"), "ref: refs/heads/gh-pages\n");
    } else {
      writeFileSync(join(cwd, "_site/.git"), "gitdir: ../.git/worktrees/_site\n");
    }
    writeFileSync(join(cwd, "_site/CNAME"), "actualites.example\n");
    const before = treeDigest(root);
    expect(refusal(build(cwd, []))).toBe(
      fr`depeche build: error: --out _site contient un dépôt git (.git), qu’une construction effacerait en remplaçant le dossier entier : construisez le site dans un dossier à lui, hors du dépôt, puis copiez-en le contenu dans le dépôt ; rien n’a été touché`,
    );
    expect(treeDigest(root)).toBe(before);
  });

  it("keeps its cache in a new folder, and in it again, but refuses it once it holds anything else", () => {
    const { cwd, root } = project();
    expect(build(cwd, ["--cache", "cache"]).status).toBe(0);
    expect(readdirSync(join(cwd, "cache")).some((name) => /^build-[0-9a-f]+\.bin$/.test(name))).toBe(true);
    expect(build(cwd, ["--cache", "cache"]).status).toBe(0);
    writeFileSync(join(cwd, "cache/notes.txt"), "Les notes de l’utilisateur.\n");
    const before = treeDigest(root);
    expect(refusal(build(cwd, ["--cache", "cache"]))).toBe(
      fr`depeche build: error: --cache cache contient un fichier ou dossier qui ne vient pas du cache de Dépêche (« notes.txt ») : le cache n’écrit que dans un dossier vide, nouveau ou à lui ; donnez-lui un dossier à lui, comme --cache .depeche/cache ; rien n’a été touché`,
    );
    expect(treeDigest(root)).toBe(before);
  });

  it.each([
    ["an incremental build (its cache)", []],
    ["a clean build (--no-cache)", ["--no-cache"]],
  ])("refuses, in %s, a site's folder holding a repository deeper in, that no build wrote: nothing is lost", (_case, args) => {
    const { cwd, root } = project();
    expect(build(cwd, []).status).toBe(0);
    // A clone made in one of the site's folders, and a worktree's .git file in another: below the
    // site's top, where the cache still takes the site for its own (an incremental build).
    mkdirSync(join(cwd, "_site/2021/travail/.git"), { recursive: true });
    writeFileSync(join(cwd, "_site/2021/travail/.git/HEAD"), "ref: refs/heads/main\n");
    writeFileSync(join(cwd, "_site/2021/travail/notes.md"), "Le travail de l’utilisateur.\n");
    writeFileSync(join(cwd, "_site/2021/12/.git"), "gitdir: ../../../.git/worktrees/12\n");
    // In a day's folder, whose other folders are articles': looked for there, not listed.
    mkdirSync(join(cwd, "_site/2021/12/09/.git"));
    const before = treeDigest(root);
    // The old site is read while the archive is: the refusal comes once it is read, before anything is written.
    const run = build(cwd, args);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(
      fr`depeche build: error: --out _site contient des dépôts git qu’aucune construction n’a écrits, _site/2021/12/.git, _site/2021/12/09/.git et _site/2021/travail/.git, qu’une construction effacerait en remplaçant le dossier entier : sortez-les du dossier du site, ou supprimez-les vous-même s’ils ne servent plus, puis relancez la construction ; rien n’a été touché`,
    );
    expect(treeDigest(root)).toBe(before);
    // Moved out, the site is built again.
    rmSync(join(cwd, "_site/2021/12/.git"));
    rmSync(join(cwd, "_site/2021/12/09/.git"), { recursive: true });
    renameSync(join(cwd, "_site/2021/travail"), join(cwd, "travail"));
    expect(build(cwd, args).status).toBe(0);
    expect(readFileSync(join(cwd, "travail/notes.md"), "utf8")).toBe("Le travail de l’utilisateur.\n");
  });

  it("refuses a repository in an article's own folder when a registry's change makes the incremental build clean: nothing is lost", async () => {
    const { cwd, root } = project();
    expect(build(cwd, []).status).toBe(0);
    const article = readdirSync(join(cwd, "_site/2021/12/09"), { withFileTypes: true }).find((entry) => entry.isDirectory())!.name;
    // In the article's folder, which an incremental build's survey leaves unread, and deeper in it.
    writeFileSync(join(cwd, `_site/2021/12/09/${article}/.git`), "gitdir: ../../../../.git/worktrees/irak\n");
    mkdirSync(join(cwd, `_site/2021/12/09/${article}/brouillons/.git`), { recursive: true });
    writeFileSync(join(cwd, `_site/2021/12/09/${article}/brouillons/notes.md`), "Les notes de l’utilisateur.\n");
    // A label changed: every page is made again, and the site replaced whole.
    const topics = join(cwd, "content/topics.yaml");
    writeFileSync(topics, readFileSync(topics, "utf8").replace('label: "Économie"', "label: Économie et finances"));
    const before = treeDigest(root);
    const run = build(cwd, []);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(
      fr`depeche build: error: --out _site contient des dépôts git qu’aucune construction n’a écrits, _site/2021/12/09/${article}/.git et _site/2021/12/09/${article}/brouillons/.git, qu’une construction effacerait en remplaçant le dossier entier : sortez-les du dossier du site, ou supprimez-les vous-même s’ils ne servent plus, puis relancez la construction ; rien n’a été touché`,
    );
    // The build had staged beside the site before its registries made it clean: its staging goes
    // in the background (a detached rm), after it returns.
    await stagingsGone(cwd);
    expect(treeDigest(root)).toBe(before);
    rmSync(join(cwd, `_site/2021/12/09/${article}/.git`));
    renameSync(join(cwd, `_site/2021/12/09/${article}/brouillons`), join(cwd, "brouillons"));
    expect(build(cwd, []).status).toBe(0);
    expect(readFileSync(join(cwd, "brouillons/notes.md"), "utf8")).toBe("Les notes de l’utilisateur.\n");
  });

  it.each([
    ["an incremental build (its cache)", []],
    ["a clean build (--no-cache)", ["--no-cache"]],
  ])("refuses, in %s, a site's folder holding at its top what no build wrote, naming it; moved out, the site is built again", (_case, args) => {
    const { cwd, root } = project();
    expect(build(cwd, args).status).toBe(0);
    mkdirSync(join(cwd, "_site/notes"));
    writeFileSync(join(cwd, "_site/notes/idees.md"), "Les notes de l’utilisateur.\n");
    const before = treeDigest(root);
    expect(refusal(build(cwd, args))).toBe(
      fr`depeche build: error: --out _site contient _site/notes, qu’aucune construction n’a écrit et qu’une construction effacerait en remplaçant le dossier entier : sortez-le du dossier du site, ou supprimez-le vous-même s’il ne sert plus, puis relancez la construction ; rien n’a été touché`,
    );
    expect(treeDigest(root)).toBe(before);
    writeFileSync(join(cwd, "_site/CNAME"), "actualites.example\n");
    expect(refusal(build(cwd, args))).toMatch(/ contient _site\/CNAME et _site\/notes, qu’aucune construction n’a écrits /);
    renameSync(join(cwd, "_site/notes"), join(cwd, "notes"));
    rmSync(join(cwd, "_site/CNAME"));
    expect(build(cwd, args).status).toBe(0);
    expect(readFileSync(join(cwd, "notes/idees.md"), "utf8")).toBe("Les notes de l’utilisateur.\n");
    // What the builds write at the top is theirs: a new year's folder, the search index, a file manager's .DS_Store.
    writeFileSync(join(cwd, "content/articles/2022-un.md"), articleText({ title: "Un an plus tard", date: "2022-01-05" }));
    writeFileSync(join(cwd, "_site/.DS_Store"), "");
    for (const more of [[], [], ["--no-cache"], []]) {
      const run = spawnSync(process.execPath, [bin, "build", "--now", "2026-01-15T12:00:00Z", ...args, ...more], {
        cwd,
        encoding: "utf8",
        env: { ...process.env, GITHUB_ACTIONS: "" },
      });
      expect(run.status, run.stderr).toBe(0);
    }
    expect(existsSync(join(cwd, "_site/2022"))).toBe(true);
    expect(existsSync(join(cwd, "_site/pagefind"))).toBe(true);
  });

  it("takes once the names at the top of a site built before its marker listed them", () => {
    const { cwd } = project();
    expect(build(cwd, []).status).toBe(0);
    writeFileSync(join(cwd, "_site", SITE_MARKER), SITE_MARKER_TEXT);
    writeFileSync(join(cwd, "_site/ancien.html"), "<p>Une page d’une version d’avant.</p>\n");
    expect(build(cwd, []).status).toBe(0);
    expect(existsSync(join(cwd, "_site/ancien.html"))).toBe(false);
    writeFileSync(join(cwd, "_site/ancien.html"), "<p>Une page d’une version d’avant.</p>\n");
    expect(refusal(build(cwd, []))).toMatch(/ contient _site\/ancien\.html, qu’aucune construction n’a écrit /);
  });

  it("refuses a folder that holds the content folder without being the working directory", () => {
    const { cwd, root } = project();
    const before = treeDigest(root);
    // Run from elsewhere (the tool's folder, as the other tests): only the content rule applies.
    const run = spawnSync(process.execPath, [bin, "build", "--content", join(cwd, "content"), "--out", cwd], { encoding: "utf8" });
    expect(refusal(run)).toMatch(/--out .*\/project contient le dossier du contenu, où une construction n’écrit jamais de site/);
    expect(treeDigest(root)).toBe(before);
  });

  it("refuses a symbolic link, even to a site it built", () => {
    const { cwd, root } = project();
    expect(build(cwd, ["--out", "_site"]).status).toBe(0);
    symlinkSync("_site", join(cwd, "link"));
    const before = treeDigest(root);
    expect(refusal(build(cwd, ["--out", "link"]))).toMatch(/--out link est un lien symbolique/);
    expect(treeDigest(root)).toBe(before);
  });

  it("refuses a site built before sites were marked, saying how to go on", () => {
    const { cwd, root } = project();
    expect(build(cwd, ["--out", "_site"]).status).toBe(0);
    rmSync(join(cwd, "_site", SITE_MARKER));
    const before = treeDigest(root);
    expect(refusal(build(cwd, ["--out", "_site"]))).toMatch(
      /donnez un dossier vide ou nouveau, ou supprimez celui-ci à la main si c’est un site construit avant que Dépêche ne marque ses sites\u202f; rien n’a été touché$/,
    );
    expect(treeDigest(root)).toBe(before);
  });

  it("builds into an absent folder, an empty one, and a site it built before", () => {
    const { cwd } = project();
    mkdirSync(join(cwd, "empty"));
    for (const out of ["new/site", "empty", "empty", "_site"]) {
      const run = build(cwd, ["--out", out]);
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(join(cwd, out, SITE_MARKER), "utf8")).toContain("Dépêche");
      expect(existsSync(join(cwd, out, "2021/12/09/l-irak-annonce-la-fin-de-la-mission-de-combat/index.html"))).toBe(true);
    }
    // The default, content/ → _site/ in the working directory, as always; the content is only read.
    expect(build(cwd, []).status).toBe(0);
    expect(readdirSync(join(cwd, "content")).sort()).toEqual(["articles", "site.yaml", "sources.yaml", "topics.yaml"]);
  });
});

describe("a site that cannot be written", () => {
  // A file size limit fails writes for real, as a full disk would, without privileges: set above
  // the feeds and sitemaps but below the largest page, it fails Eleventy's writes, in whichever
  // thread writes pages, while the others are still being written.
  const limited = (cwd: string, writers: string) => {
    const site = join(cwd, "_site");
    const largest = (files: string[]): number => Math.max(...files.map((path) => statSync(join(site, path)).size));
    const files = siteFiles(site);
    const blocks = Math.ceil(largest(files.filter((path) => /\.(?:xml|json|txt)$/.test(path))) / 512);
    expect(largest(files.filter((path) => path.endsWith(".html")))).toBeGreaterThan(blocks * 512);
    // A clean build (--no-cache) writes every page again, the largest included.
    return spawnSync(
      "/bin/sh",
      ["-c", `ulimit -f ${blocks} && exec "$0" "$@"`, process.execPath, bin, "build", "--no-search", "--no-cache", "--out", "_site"],
      {
        cwd,
        encoding: "utf8",
        env: { ...process.env, DEPECHE_WRITERS: writers },
      },
    );
  };

  it.each([
    ["the main thread alone", "1"],
    ["a helper thread too", "2"],
  ])("leaves the previous site byte for byte, in one line and exit 1 (%s)", (_case, writers) => {
    const { cwd } = project();
    expect(build(cwd, ["--out", "_site"]).status).toBe(0);
    const before = treeDigest(join(cwd, "_site"));
    const run = limited(cwd, writers);
    expect(run.status, run.stderr).toBe(1);
    const errors = run.stderr.split("\n").filter((line) => line.includes("error"));
    expect(errors).toEqual([
      fr`depeche build: error: impossible d’écrire le site dans _site/ : un fichier dépasse la taille que le système permet ; le site d’avant est inchangé`,
    ]);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(treeDigest(join(cwd, "_site"))).toBe(before);
    expect(readdirSync(cwd).filter((name) => name.includes(".building-"))).toEqual([]);
  });

  it("keeps the file system's error code of a write that failed in a helper thread", async () => {
    archive = makeArchive();
    const data = await planArticles({ "2021/12/09-a.md": {} });
    const file = join(archive.root, "a-file");
    writeFileSync(file, "");
    const writers = new PageWriters();
    // Two writing threads for a small site: the helper takes every page, this thread none.
    vi.stubEnv("DEPECHE_WRITERS", "2");
    writers.start(1);
    try {
      await expect(writers.write(data, join(file, "site"))).rejects.toMatchObject({ code: "ENOTDIR" });
    } finally {
      vi.unstubAllEnvs();
      await writers.close();
    }
  });

  it.each([
    ["ENOSPC", "disque plein"],
    ["EROFS", "système de fichiers en lecture seule"],
    ["EACCES", "permission refusée"],
  ])("tells %s as %s, wrapped by Eleventy or by Node", (code, reason) => {
    const fromFs = Object.assign(new Error(`${code}: open '/srv/_site/.x/index.html'`), { code });
    const wrapped = Object.assign(new Error('Having trouble writing to "…" from "./templates/article.11ty.ts"'), { originalError: fromFs });
    for (const error of [fromFs, wrapped, new Error("wrapper", { cause: wrapped })]) {
      const told = siteWriteError(error, "_site", true);
      expect(told).toBeInstanceOf(CommandError);
      expect((told as CommandError).message).toBe(fr`impossible d’écrire le site dans _site/ : ${reason} ; le site d’avant est inchangé`);
    }
    expect((siteWriteError(fromFs, "public/", false) as CommandError).message).toBe(
      fr`impossible d’écrire le site dans public/ : ${reason} ; rien n’a été écrit`,
    );
  });

  it("tells it in English with DEPECHE_LANG=en", () => {
    vi.stubEnv("DEPECHE_LANG", "en");
    try {
      const fromFs = Object.assign(new Error("ENOSPC: write"), { code: "ENOSPC" });
      expect((siteWriteError(fromFs, "_site", true) as CommandError).message).toBe(
        "cannot write the site into _site/: disk full; the previous site is unchanged",
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("leaves a bug as it is, with its trace", () => {
    const bug = new TypeError("Cannot read properties of undefined");
    expect(siteWriteError(bug, "_site", true)).toBe(bug);
  });
});
