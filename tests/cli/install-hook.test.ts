import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { escapeControlCharacters } from "../../src/text/control-characters.ts";
import { articleText, makeArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
// No editor: a hook that ran a stray `git commit` must fail, not wait for one.
const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}`, GITHUB_ACTIONS: "", NO_COLOR: "1", GIT_EDITOR: "false" };
let repo: string;
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const run = (command: string, args: string[]) => spawnSync(command, args, { cwd: repo, encoding: "utf8", env });

/** A git repository whose archive, with one invalid article staged, sits in the folder `name`. */
function repositoryWithArchiveIn(name: string): void {
  const archive = makeArchive();
  archive.article("a.md", { topics: "[Irack]" });
  repo = mkdtempSync(join(tmpdir(), "depeche-hook-"));
  run("git", ["init", "-q"]);
  mkdirSync(dirname(join(repo, name)), { recursive: true });
  renameSync(archive.dir, join(repo, name));
  archive.remove();
  run("git", ["add", "-A"]);
}

describe("the pre-commit hook, for any content folder name", () => {
  // Each name would run `touch pwned`, split into words, or match other folders if the hook
  // handed it to sh or to git unquoted.
  it.each([
    ["c$(touch pwned)"],
    ["c`touch pwned`"],
    [`it's "quoted"; touch pwned`],
    ["with  space"],
    ["line\nbreak"],
    ["*"],
    ["-dash"],
    ["nested/$(touch pwned)"],
  ])("%j: checks that folder and runs nothing", (name) => {
    repositoryWithArchiveIn(name);
    const installed = run(process.execPath, [bin, "install-hook", `--content=${name}`]);
    expect(installed.stderr).toBe("");
    expect(installed.status).toBe(0);

    const hook = run("sh", [".git/hooks/pre-commit"]);
    expect(hook.status).toBe(1);
    expect(hook.stderr).toContain(fr`${escapeControlCharacters(name)}/articles/a.md:5:10: error: sujet inconnu « Irack »`);

    // A commit that leaves the folder alone is not checked: the name is not a pattern.
    run("git", ["commit", "-q", "--no-verify", "-m", "archive"]);
    writeFileSync(join(repo, "notes.txt"), "x\n");
    run("git", ["add", "notes.txt"]);
    const elsewhere = run("sh", [".git/hooks/pre-commit"]);
    expect(elsewhere.stderr).toBe("");
    expect(elsewhere.status).toBe(0);

    expect(existsSync(join(repo, "pwned"))).toBe(false);
  });

  it("runs this checkout's depeche by absolute path, from any folder of the repository", () => {
    repositoryWithArchiveIn("archive/content");
    mkdirSync(join(repo, "archive/tools"));
    const installed = spawnSync(process.execPath, [bin, "install-hook", "--content", "../content"], {
      cwd: join(repo, "archive/tools"),
      encoding: "utf8",
      env,
    });
    expect(installed.status).toBe(0);
    expect(readFileSync(join(repo, ".git/hooks/pre-commit"), "utf8")).toContain(`\ncontent='archive/content'\ndepeche='${bin}'\n`);
    const hook = run("sh", [".git/hooks/pre-commit"]);
    expect(hook.stderr).toContain(fr`archive/content/articles/a.md:5:10: error: sujet inconnu « Irack »`);
  });

  it("refuses a content folder outside the repository", () => {
    repositoryWithArchiveIn("content");
    const outside = run(process.execPath, [bin, "install-hook", "--content", "../elsewhere"]);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(
      /^depeche install-hook: error: le dossier du contenu \.\.\/elsewhere est hors du dépôt git .*\u00a0: un crochet n’y verrait aucun changement\n$/,
    );
    expect(existsSync(join(repo, ".git/hooks/pre-commit"))).toBe(false);
  });
});

/** A folder (not yet a git repository) whose content/ holds one valid article. */
function repositoryWithOneArticle(): void {
  const archive = makeArchive();
  archive.article("2021/12/09-a.md", { title: "Première" });
  repo = mkdtempSync(join(tmpdir(), "depeche-hook-"));
  renameSync(archive.dir, join(repo, "content"));
  archive.remove();
}

describe("the pre-commit hook checks what is staged, not the working tree", () => {
  const identity = { GIT_AUTHOR_NAME: "Rédaction", GIT_AUTHOR_EMAIL: "r@example.org", GIT_COMMITTER_NAME: "Rédaction", GIT_COMMITTER_EMAIL: "r@example.org" };

  it("commits a valid staged change past unstaged mistakes, refuses a staged one, and leaves no folder behind", () => {
    repositoryWithOneArticle();
    const tmp = join(repo, ".tmp");
    mkdirSync(tmp);
    const git = (...args: string[]) => spawnSync("git", args, { cwd: repo, encoding: "utf8", env: { ...env, ...identity, TMPDIR: tmp } });
    const write = (path: string, text: string) => writeFileSync(join(repo, "content/articles", path), text);
    git("init", "-q");
    writeFileSync(join(repo, ".gitignore"), ".tmp/\n");
    git("add", "-A");
    expect(git("commit", "-q", "-m", "archive").status).toBe(0);
    expect(run(process.execPath, [bin, "install-hook"]).status).toBe(0);

    // Unstaged: a tracked article broken, a draft with a mistake in it.
    write("2021/12/09-a.md", articleText({ title: "Première", topics: "[Irack]" }));
    write("2021/12/10-draft.md", articleText({ title: "Brouillon", date: "2021-12-10", extra: "draft: true", sources: "[AAA]" }));
    write("2021/12/11-b.md", articleText({ title: "Deuxième", date: "2021-12-11" }));
    git("add", "content/articles/2021/12/11-b.md");
    const valid = git("commit", "-q", "-m", "Deuxième");
    expect(valid.status).toBe(0);
    // Git shows the hook's output on stderr: the two staged articles, neither the draft nor the broken one.
    expect(valid.stderr).toMatch(/^depeche check: 2 articles, .* tout est valide\u202f; 0 avertissement/);

    git("add", "content/articles/2021/12/09-a.md");
    const broken = git("commit", "-q", "-m", "Première corrigée");
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(fr`content/articles/2021/12/09-a.md:5:10: error: sujet inconnu « Irack »`);
    expect(broken.stderr).toMatch(
      new RegExp(
        `\n${fr`depeche pre-commit: commit refusé : ces erreurs sont celles des fichiers tels qu’ils sont indexés pour le commit (git add), que le fichier sur le disque soit déjà corrigé ou non ; corrigez-les puis refaites git add, ou passez outre une fois avec git commit --no-verify`.replace(/[()]/g, "\\$&")}\n$`,
      ),
    );
    // The unstaged draft was not checked: only what the commit holds is.
    expect(broken.stderr).not.toContain("draft");
    expect(git("log", "--format=%s").stdout).toBe("Deuxième\narchive\n");
    // tsx keeps its cache there too.
    expect(readdirSync(tmp).filter((name) => name.startsWith("depeche-staged"))).toEqual([]);
  });

  it("refuses a merge git commits itself whose archive is invalid, though each branch is valid alone", () => {
    repositoryWithOneArticle();
    const git = (...args: string[]) => spawnSync("git", args, { cwd: repo, encoding: "utf8", env: { ...env, ...identity } });
    const commit = (path: string, title: string) => {
      writeFileSync(join(repo, "content/articles", path), articleText({ title, date: "2021-12-10", extra: "shortLink: https://turquie2023.com/MEME" }));
      git("add", "-A");
      return git("commit", "-q", "-m", title);
    };
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "archive");
    const installed = run(process.execPath, [bin, "install-hook"]);
    expect(installed.stdout).toBe(
      fr`depeche install-hook: .git/hooks/pre-commit et .git/hooks/pre-merge-commit vérifient désormais content/ avant chaque commit, fusions comprises\n`,
    );
    git("checkout", "-q", "-b", "deux");
    expect(commit("2021/12/10-deux.md", "Deuxième").status).toBe(0);
    git("checkout", "-q", "main");
    expect(commit("2021/12/10-trois.md", "Troisième").status).toBe(0);

    const merge = git("merge", "--no-edit", "deux");
    expect(merge.status).not.toBe(0);
    expect(merge.stderr).toMatch(
      /content\/articles\/2021\/12\/10-(deux|trois)\.md:6:\d+: error: le lien court https:\/\/turquie2023\.com\/MEME est déjà celui de/,
    );
    expect(merge.stderr).toContain(fr`depeche pre-merge-commit: fusion refusée : ces erreurs sont celles de l’archive telle que la fusion la ferait`);
    expect(git("log", "--format=%s").stdout).toBe("Troisième\narchive\n");
  });

  it("installs neither hook while one of them is someone else's", () => {
    repositoryWithArchiveIn("content");
    mkdirSync(join(repo, ".git/hooks"), { recursive: true });
    writeFileSync(join(repo, ".git/hooks/pre-merge-commit"), "#!/bin/sh\necho autre\n");
    const installed = run(process.execPath, [bin, "install-hook"]);
    expect(installed.status).toBe(1);
    expect(installed.stderr).toContain(".git/hooks/pre-merge-commit existe et n’est pas celui de Dépêche");
    expect(existsSync(join(repo, ".git/hooks/pre-commit"))).toBe(false);
    expect(readFileSync(join(repo, ".git/hooks/pre-merge-commit"), "utf8")).toBe("#!/bin/sh\necho autre\n");
  });
});
