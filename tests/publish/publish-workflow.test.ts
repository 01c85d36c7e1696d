import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";

const repo = resolve(import.meta.dirname, "../..");
const bin = join(repo, "bin/depeche.js");
const script = join(repo, ".github/scripts/commit-published-urls.sh");

interface Step {
  name?: string;
  uses?: string;
  if?: string;
  run?: string;
  with?: Record<string, unknown>;
}

describe("the publishing workflow", () => {
  const workflow = parse(readFileSync(join(repo, ".github/workflows/site.yml"), "utf8"));
  const steps: Step[] = workflow.jobs.build.steps;
  const step = (name: string): Step => steps.find((s) => s.name === name)!;
  const onMain = "github.ref == 'refs/heads/main'";

  it("never cancels a deploy halfway", () => {
    expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
  });

  it("records URLs only in the build of main, and commits them back before the site is uploaded", () => {
    expect(step("Build the site").run).toContain(`\${{ ${onMain} && '--record-urls' || '' }}`);
    const commit = step("Commit the published URLs");
    expect(commit.if).toBe(onMain);
    expect(commit.run).toContain("sh .github/scripts/commit-published-urls.sh");
    expect(commit.run).toContain("build --record-urls");
    const upload = steps.findIndex((s) => s.uses?.startsWith("actions/upload-pages-artifact"));
    expect(steps.indexOf(commit)).toBeGreaterThan(steps.indexOf(step("Build the site")));
    expect(steps.indexOf(commit)).toBeLessThan(upload);
  });

  it("may write to the repository, keeps the token away from the tests, and keeps Pages' permissions", () => {
    expect(workflow.jobs.build.permissions).toEqual({ contents: "write" });
    expect(steps[0]).toMatchObject({ uses: "actions/checkout@v4", with: { "persist-credentials": false } });
    expect(workflow.jobs.deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(workflow.jobs.deploy.if).toBe(onMain);
  });

  it("commits with [skip ci], so recording starts no other deploy", () => {
    expect(readFileSync(script, "utf8")).toMatch(/^message=".*\[skip ci\]"$/m);
    expect(workflow.on.push?.["paths-ignore"]).toBeUndefined();
  });
});

describe("the commit of urls.txt races an editor's push", () => {
  let archive: TestArchive;
  let root: string;
  afterEach(() => {
    archive?.remove();
    rmSync(root, { recursive: true, force: true });
  });

  const identity = { GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "test@example.org", GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "test@example.org" };
  const git = (cwd: string, ...args: string[]): string => execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, ...identity } }).trim();

  /** A bare "origin" whose main holds the test archive, pushed from a clone named `name`; the clone's path and its commit. */
  const publishArchive = (name: string, message: string): { origin: string; clone: string; head: string } => {
    root = mkdtempSync(join(tmpdir(), "depeche-publish-"));
    const origin = join(root, "origin.git");
    git(root, "init", "--quiet", "--bare", "-b", "main", origin);
    const clone = join(root, name);
    git(root, "clone", "--quiet", origin, clone);
    cpSync(archive.dir, join(clone, "content"), { recursive: true });
    git(clone, "add", ".");
    git(clone, "commit", "--quiet", "-m", message);
    git(clone, "push", "--quiet", "origin", "HEAD:main");
    return { origin, clone, head: git(clone, "rev-parse", "HEAD") };
  };

  it("pushes nothing when the deploy published no new URL", () => {
    archive = makeArchive();
    const { origin, clone: ci, head: deployed } = publishArchive("ci", "Vide");
    const out = execFileSync("sh", [script, deployed, "content", "false"], { cwd: ci, encoding: "utf8", env: { ...process.env, ...identity } });
    expect(out).toBe("urls.txt: no new URL to record\n");
    expect(git(origin, "rev-parse", "main")).toBe(deployed);
  });

  it("gives up after a bounded number of refused pushes, failing the run before the site is uploaded", () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    const { origin, clone: ci, head: deployed } = publishArchive("ci", "Un");
    writeFileSync(join(ci, "content/urls.txt"), "/2021/12/09/un/\n");
    writeFileSync(join(origin, "hooks/pre-receive"), "#!/bin/sh\nexit 1\n", { mode: 0o755 });
    const run = spawnSync("sh", [script, deployed, "content", "false"], {
      cwd: ci,
      encoding: "utf8",
      env: { ...process.env, ...identity, PUBLISH_ATTEMPTS: "3" },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("urls.txt: could not push to main in 3 attempts; the site is not deployed");
    expect(git(origin, "rev-parse", "main")).toBe(deployed);
  });

  it.each([
    ["an article only", "", "# nos notes\n/2021/12/09/un/\n/2021/12/09/deux/\n"],
    ["an article and a note in urls.txt", "# vérifié le 1er décembre\n", "# nos notes\n/2021/12/09/un/\n# vérifié le 1er décembre\n/2021/12/09/deux/\n"],
  ])("keeps the editor's push (%s) and adds exactly the URLs deployed", (_, note, expected) => {
    archive = makeArchive({ "urls.txt": "# nos notes\n/2021/12/09/un/\n" });
    archive.article("a.md", { title: "Un" });
    archive.article("b.md", { title: "Deux" });
    const { origin, clone: editor } = publishArchive("editor", "Deux");

    // The workflow builds main with --record-urls…
    const ci = join(root, "ci");
    git(root, "clone", "--quiet", origin, ci);
    const deployed = git(ci, "rev-parse", "HEAD");
    const record = `node ${JSON.stringify(bin)} build --record-urls --no-search --content "$1" --out ${JSON.stringify(join(root, "site"))}`;
    execFileSync("sh", ["-c", record, "record", join(ci, "content")], { stdio: "ignore" });
    // …while an editor pushes a new article, not deployed by this run.
    writeFileSync(join(editor, "content/articles/c.md"), articleText({ title: "Trois" }));
    if (note) writeFileSync(join(editor, "content/urls.txt"), `${readFileSync(join(editor, "content/urls.txt"), "utf8")}${note}`);
    git(editor, "add", ".");
    git(editor, "commit", "--quiet", "-m", "Trois");
    git(editor, "push", "--quiet", "origin", "HEAD:main");
    const editorsCommit = git(editor, "rev-parse", "HEAD");

    // As on a runner: no git identity but the script's own.
    const runner: NodeJS.ProcessEnv = { ...process.env, HOME: root, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" };
    for (const name of Object.keys(identity)) delete runner[name];
    execFileSync("sh", [script, deployed, "content", record], { cwd: ci, stdio: "pipe", env: runner });

    expect(`${git(origin, "show", "main:content/urls.txt")}\n`).toBe(expected);
    expect(git(origin, "show", "main:content/articles/c.md")).toContain("Trois");
    expect(git(origin, "rev-parse", "main^")).toBe(editorsCommit);
    expect(git(origin, "log", "-1", "--format=%s by %an", "main")).toBe(
      `Published URLs: recorded by the deploy of ${deployed.slice(0, 7)} [skip ci] by github-actions[bot]`,
    );
  });
});
