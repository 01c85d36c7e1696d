import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { formatForTerminal, githubAnnotation, groupWarnings, reportStyle } from "../../src/cli/report.ts";
import type { Diagnostic } from "../../src/content/diagnostics.ts";
import { articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

const root = resolve(import.meta.dirname, "../..");
const bin = join(root, "bin/depeche.js");
let archive: TestArchive;
afterEach(() => archive?.remove());

function depeche(args: string[], env: NodeJS.ProcessEnv = {}, cwd = root) {
  const clean = { ...process.env, GITHUB_ACTIONS: "", NO_COLOR: "", ...env };
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: clean, cwd });
}

const diagnostic: Diagnostic = { severity: "error", file: "content/articles/a,b.md", line: 6, column: 10, message: 'unknown topic "Irack"\n100% sûr' };

describe("output for people", () => {
  it.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: true }, { NO_COLOR: "1" }, false],
    [{ isTTY: true }, { TERM: "dumb" }, false],
    [{ isTTY: false }, {}, false],
    [{}, {}, false],
  ] as const)("colour for %o with %o: %s", (stream, env, colour) => {
    expect(reportStyle(stream, false, env).colour).toBe(colour);
  });

  it("colours the label and keeps the compiler format", () => {
    expect(formatForTerminal(diagnostic, false)).toBe('content/articles/a,b.md:6:10: error: unknown topic "Irack"\\n100% sûr');
    expect(formatForTerminal(diagnostic, true)).toContain("\x1b[1;31merror:\x1b[0m");
  });
});

describe("output for machines", () => {
  it("writes GitHub annotations with escaped properties and message", () => {
    expect(githubAnnotation(diagnostic)).toBe('::error file=content/articles/a%2Cb.md,line=6,col=10::unknown topic "Irack"\\n100%25 sûr');
    expect(reportStyle({}, false, { GITHUB_ACTIONS: "true" }).annotations).toBe(true);
    expect(reportStyle({}, true, {}).annotations).toBe(true);
    expect(reportStyle({}, false, {}).annotations).toBe(false);
  });

  it("annotates errors in GitHub Actions, and with --annotate", () => {
    archive = makeArchive();
    archive.article("a.md", { topics: "[Irack]" });
    const expected = fr`::error file=${archive.display("articles/a.md")},line=5,col=10::sujet inconnu « Irack » (vouliez-vous dire « Irak » ?)`;
    const inActions = depeche(["check", "--content", archive.dir], { GITHUB_ACTIONS: "true" });
    expect(inActions.status).toBe(1);
    expect(inActions.stdout).toContain(expected);
    expect(depeche(["check", "--content", archive.dir, "--annotate"]).stdout).toContain(expected);
    expect(depeche(["check", "--content", archive.dir]).stdout).not.toContain("::error");
  });

  // The publishing workflow checks the archive in its build step alone: what the build annotates
  // must be what `check --annotate` would have, errors and warnings, drafts included.
  it("annotates in a build what check annotates, and a build refused writes nothing", () => {
    archive = makeArchive();
    archive.article("2021/12/09-l-irak-annonce-la-fin-de-la-mission-de-combat.md", {});
    archive.article("2021/12/10-brouillon.md", { title: "Brouillon", date: "2021-12-10", sources: "[]", extra: "draft: true" });
    archive.article("2030/01/02-demain.md", { title: "Demain", date: "2030-01-02" });
    archive.article("2021/12/01-mal-range.md", { title: "Mal rangé", date: "2021-12-11" });
    const wrong = archive.article("2021/12/12-faux.md", { title: "Faux", date: "2021-12-12", topics: "[Irack]" });
    const now = { SOURCE_DATE_EPOCH: String(Date.parse("2029-12-31T00:00:00Z") / 1000) };
    const out = join(archive.root, "site");
    const annotations = (stdout: string): string[] => stdout.split("\n").filter((line) => line.startsWith("::"));
    const run = (command: "check" | "build") =>
      depeche([command, "--content", archive.dir, "--annotate", "--no-cache", ...(command === "build" ? ["--out", out, "--no-search"] : [])], now);

    const checked = run("check");
    const built = run("build");
    expect(checked.status).toBe(1);
    expect(built.status).toBe(1);
    expect(annotations(checked.stdout).filter((line) => line.startsWith("::error"))).toHaveLength(1);
    expect(annotations(checked.stdout).filter((line) => line.startsWith("::warning")).length).toBeGreaterThanOrEqual(2);
    expect(annotations(built.stdout)).toEqual(annotations(checked.stdout));
    expect(existsSync(out)).toBe(false);

    writeFileSync(wrong, articleText({ title: "Faux", date: "2021-12-12" }));
    const checkedAgain = run("check");
    const builtAgain = run("build");
    expect(checkedAgain.status).toBe(0);
    expect(builtAgain.status).toBe(0);
    expect(annotations(checkedAgain.stdout).every((line) => line.startsWith("::warning"))).toBe(true);
    expect(annotations(builtAgain.stdout)).toEqual(annotations(checkedAgain.stdout));
    expect(existsSync(join(out, "2021/12/12/faux/index.html"))).toBe(true);
  });

  it("prints the check summary and every diagnostic as JSON", () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    archive.article("b.md", { title: "Deux", topics: "[Irack]" });
    const r = depeche(["check", "--content", archive.dir, "--json"]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    // The files valid on their own: a.md.
    expect(report).toMatchObject({ ok: false, files: 2, articles: 1, errors: 1, warnings: 0 });
    expect(typeof report.seconds).toBe("number");
    expect(report.diagnostics).toEqual([
      {
        severity: "error",
        file: archive.display("articles/b.md"),
        line: 5,
        column: 10,
        message: expect.stringContaining(fr`sujet inconnu « Irack »`),
        // The name, by which many of one are told as one (see tests/content/unknown-names.test.ts).
        kind: "unknownTopic",
        name: "Irack",
      },
    ]);
    expect(r.stderr).toBe("");
  });

  it("prints the build summary with pages per kind as JSON", () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    const r = depeche(["build", "--no-cache", "--content", archive.dir, "--out", join(archive.root, "site"), "--json"]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: true, files: 1, articles: 1, errors: 0, warnings: 0, diagnostics: [] });
    expect(report.pages).toMatchObject({ articles: 1, home: 1, days: 1, months: 1, years: 1 });
  });
});

describe("the pre-commit hook", () => {
  it("is installed on request, checks the archive before a commit, and never replaces another hook", () => {
    archive = makeArchive();
    const repo = archive.root;
    const git = (...args: string[]) =>
      spawnSync("git", args, {
        cwd: repo,
        encoding: "utf8",
        env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.org" },
      });
    git("init", "-q");
    symlinkSync(join(root, "bin"), join(repo, "bin"));
    archive.article("a.md", { title: "Un" });
    const installed = depeche(["install-hook"], {}, repo);
    expect(installed.status).toBe(0);
    const hook = join(repo, ".git/hooks/pre-commit");
    expect(statSync(hook).mode & 0o111).not.toBe(0);

    git("add", "content");
    expect(git("commit", "-q", "-m", "valide").status).toBe(0);
    writeFileSync(join(archive.dir, "articles/b.md"), articleText({ title: "Deux", topics: "[Irack]" }));
    git("add", "content");
    const refused = git("commit", "-q", "-m", "invalide");
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(fr`sujet inconnu « Irack »`);

    writeFileSync(hook, "#!/bin/sh\necho mine\n");
    expect(depeche(["install-hook"], {}, repo).status).toBe(1);
    expect(readFileSync(hook, "utf8")).toBe("#!/bin/sh\necho mine\n");
  });
});

describe("the publishing workflow", () => {
  type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
  const workflow = parse(readFileSync(join(root, ".github/workflows/site.yml"), "utf8"));
  // The deploy's job as it runs: the steps it shares with a branch's check in place of their action.
  const shared: Step[] = parse(readFileSync(join(root, ".github/actions/build-site/action.yml"), "utf8")).runs.steps;
  const steps: Step[] = workflow.jobs.publish.steps.flatMap((s: Step) => (s.uses === "./.github/actions/build-site" ? shared : [s]));

  it("installs from the lock file with the npm cache, tests (when code changed), then checks and builds with annotations", () => {
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node"))?.with).toMatchObject({ cache: "npm" });
    const runs = steps.map((s) => s.run ?? "");
    const order = ["npm ci", "npm test", "node bin/depeche.js build --annotate"].map((cmd) => runs.findIndex((r) => r.startsWith(cmd)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("deploys to GitHub Pages with the official actions, from main only", () => {
    expect(steps.some((s) => s.uses?.startsWith("actions/upload-pages-artifact"))).toBe(true);
    expect(workflow.jobs.check.steps.some((s: Step) => s.uses?.startsWith("actions/upload-pages-artifact"))).toBe(false);
    expect(workflow.jobs.publish.if).toBe("github.ref == 'refs/heads/main'");
    expect(workflow.jobs.deploy.if).toBe("github.ref == 'refs/heads/main'");
    expect(workflow.jobs.deploy.steps[0].uses).toMatch(/^actions\/deploy-pages@/);
    expect(workflow.jobs.deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
  });
});

describe("many warnings of one kind", () => {
  const future = (i: number): string => articleText({ title: `Demain ${i}`, date: `2030-01-${String(i).padStart(2, "0")}` });

  it("show the first ten and a count, while --json keeps all of them", () => {
    archive = makeArchive();
    for (let i = 1; i <= 13; i++) archive.write(`articles/2030/01/${String(i).padStart(2, "0")}-demain.md`, future(i));
    archive.write("articles/notes.txt", "pas un article");
    // The day before them: each is held back with a warning, none is far enough ahead to be an error.
    const now = { SOURCE_DATE_EPOCH: String(Date.parse("2029-12-31T00:00:00Z") / 1000) };
    const r = depeche(["check", "--content", archive.dir], now);
    expect(r.status).toBe(0);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines.filter((l) => l.includes(": warning: daté dans le futur"))).toHaveLength(10);
    expect(lines).toContain("… et 3 autres avertissements du même type (--json les donne tous)");
    // Another kind is shown on its own.
    expect(lines.filter((l) => l.includes(": warning: pas un article"))).toHaveLength(1);
    expect(r.stdout).toMatch(/; 14 avertissements /);
    const json = JSON.parse(depeche(["check", "--content", archive.dir, "--json"], now).stdout);
    expect(json.diagnostics.filter((d: Diagnostic) => d.kind === "heldBack")).toHaveLength(13);
  });

  it("keep every error, and group warnings of each kind apart", () => {
    const at = (i: number, severity: Diagnostic["severity"], kind?: string): Diagnostic => ({
      severity,
      file: `a${String(i).padStart(2, "0")}.md`,
      line: 1,
      column: 1,
      message: `m${i}`,
      ...(kind ? { kind } : {}),
    });
    const items = [...Array.from({ length: 12 }, (_, i) => at(i, "warning", "a")), ...Array.from({ length: 12 }, (_, i) => at(i + 20, "error"))];
    items.push(at(40, "warning", "b"));
    const lines = groupWarnings(items);
    expect(lines.filter((l) => "severity" in l && l.severity === "error")).toHaveLength(12);
    expect(lines.filter((l) => "kind" in l && l.kind === "a")).toHaveLength(10);
    expect(lines[10]).toEqual({ more: 2 });
    expect(lines.at(-1)).toEqual(at(40, "warning", "b"));
    expect(groupWarnings(items.slice(0, 10))).toEqual(items.slice(0, 10));
  });
});
