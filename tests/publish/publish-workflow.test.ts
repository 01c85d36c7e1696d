import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { articleText, makeArchive, REGISTRY_URLS, type TestArchive } from "../helpers/archive.ts";
import { HUGE_PAGES_TUNABLE } from "../../src/threads/huge-pages.js";

const repo = resolve(import.meta.dirname, "../..");
const bin = join(repo, "bin/depeche.js");
const script = join(repo, ".github/scripts/commit-published-urls.sh");
const codeDigest = join(repo, ".github/scripts/code-digest.sh");
const takeScript = join(repo, ".github/scripts/take-published-urls.sh");

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  if?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

describe("the publishing workflow", () => {
  const workflow = parse(readFileSync(join(repo, ".github/workflows/site.yml"), "utf8"));
  const steps: Step[] = workflow.jobs.build.steps;
  const step = (name: string): Step => steps.find((s) => s.name === name)!;
  const onMain = "github.ref == 'refs/heads/main'";

  it("builds with malloc's huge pages from the start, so that a large archive's build starts no second process for them", () => {
    expect(step("Check and build the site").env?.GLIBC_TUNABLES).toBe(HUGE_PAGES_TUNABLE);
  });

  it("never cancels a deploy halfway", () => {
    expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
  });

  it("records URLs only in the build of main, and commits them back before the site is uploaded", () => {
    expect(step("Check and build the site").run).toContain(`\${{ ${onMain} && '--record-urls' || '' }}`);
    const commit = step("Commit the published URLs");
    expect(commit.if).toBe(onMain);
    expect(commit.run).toContain("sh .github/scripts/commit-published-urls.sh");
    expect(commit.run).toContain("build --record-urls");
    const upload = steps.findIndex((s) => s.uses?.startsWith("actions/upload-pages-artifact"));
    expect(steps.indexOf(commit)).toBeGreaterThan(steps.indexOf(step("Check and build the site")));
    expect(steps.indexOf(commit)).toBeLessThan(upload);
  });

  it("takes the URLs main lists before the build of main: a deploy that ran meanwhile may have recorded some", () => {
    const take = step("Take the URLs published since this commit");
    expect(take.if).toBe(onMain);
    expect(take.run).toBe("sh .github/scripts/take-published-urls.sh content");
    expect(steps.indexOf(take)).toBeLessThan(steps.indexOf(step("Check and build the site")));
    expect(steps[0]!.with?.["fetch-depth"]).toContain(`${onMain} && '0'`);
  });

  it("may write to the repository, read its Pages site, keeps the token away from the tests, and keeps Pages' permissions", () => {
    // configure-pages asks for the Pages site: a job's permissions replace the workflow's, so it says so itself.
    expect(workflow.jobs.build.permissions).toEqual({ contents: "write", pages: "read" });
    expect(steps.find((s) => s.uses?.startsWith("actions/configure-pages"))).toBeDefined();
    expect(steps[0]).toMatchObject({ uses: "actions/checkout@v4", with: { "persist-credentials": false } });
    expect(workflow.jobs.deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(workflow.jobs.deploy.if).toBe(onMain);
  });

  it("runs the tests unless this very code passed them before, and remembers it once they pass, before anything is checked or built", () => {
    const digest = step("Digest the code");
    expect(digest.run).toBe(`sh .github/scripts/code-digest.sh >> "$GITHUB_OUTPUT"`);
    const lookup = step("Look up whether this code passed its tests");
    const key = `depeche-tested-\${{ runner.os }}-\${{ steps.${digest.id}.outputs.digest }}`;
    expect(lookup).toMatchObject({ uses: "actions/cache/restore@v4", with: { key, "lookup-only": true } });
    const untested = `steps.${lookup.id}.outputs.cache-hit != 'true'`;
    const test = step("Test");
    expect(test).toMatchObject({ run: "npm test", if: untested });
    const remember = step("Remember that this code passed its tests");
    const save = steps.find((s) => s.uses === "actions/cache/save@v4" && s.with?.key === key)!;
    expect(save).toMatchObject({ if: untested, with: { path: lookup.with!.path } });
    expect(remember.if).toBe(untested);
    // In that order: a failed test stops the job before its code is remembered.
    const order = [digest, lookup, test, remember, save, step("Check and build the site")].map((s) => steps.indexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The check and the build gate every push, content only included.
    expect(step("Check and build the site").if).toBeUndefined();
  });

  it("checks the archive once, in the build, with annotations: no second pass over the cache", () => {
    expect(step("Check and build the site").run).toMatch(/^node bin\/depeche\.js build --annotate /);
    const checks = steps.filter((s) => /depeche(\.js)? check\b/.test(s.run ?? ""));
    expect(checks).toEqual([]);
  });

  it("builds incrementally from the previous build's cache and site, under a key that changes with the code", () => {
    const restore = step("Restore the previous build");
    const save = step("Keep this build for the next push");
    const build = step("Check and build the site");
    expect(build.run).toContain("build --annotate --cache .depeche/cache");
    expect(restore.uses).toBe("actions/cache/restore@v4");
    expect(save.uses).toBe("actions/cache/save@v4");
    for (const s of [restore, save]) expect(s.with?.path?.trim().split("\n")).toEqual([".depeche/cache", "_site", "._site.spare"]);
    expect(save.with?.key).toBe(restore.with?.key);
    const key = restore.with!.key!;
    for (const code of ["package-lock.json", "bin/**", "src/**", "templates/**", "public/**", ".eleventy.ts"]) expect(key).toContain(`'${code}'`);
    expect(key).not.toContain("content");
    // Within one digest of the code, the newest build; never one of other code.
    expect(key.startsWith(restore.with!["restore-keys"]!)).toBe(true);
    expect(restore.with!["restore-keys"]).toMatch(/hashFiles\([^)]*\) \}\}-$/);
    expect(steps.indexOf(restore)).toBeLessThan(steps.indexOf(build));
    expect(steps.indexOf(save)).toBeGreaterThan(steps.indexOf(build));
    expect(steps.indexOf(save)).toBeLessThan(steps.findIndex((s) => s.uses?.startsWith("actions/upload-pages-artifact")));
  });

  it("uploads the site without its hidden files: the .depeche-site marker is the next build's, not the readers'", () => {
    const upload = steps.find((s) => s.uses?.startsWith("actions/upload-pages-artifact"))!;
    // From v4, hidden files are left out unless include-hidden-files says otherwise.
    expect(Number(upload.uses!.split("@v")[1])).toBeGreaterThanOrEqual(4);
    expect(upload.with).toEqual({ path: "_site" });
  });

  it("publishes main every hour too, so that an embargoed article appears within the hour", () => {
    expect(workflow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \* \* \* \*$/) }]);
  });

  it("gives the build and the recording one clock, set before the build", () => {
    const clock = step("Set the build's time");
    expect(clock.run).toBe(`echo "SOURCE_DATE_EPOCH=$(date +%s)" >> "$GITHUB_ENV"`);
    expect(steps.indexOf(clock)).toBeLessThan(steps.indexOf(step("Check and build the site")));
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

  it("refuses, in the next deploy's build, an article removed by a push made while an earlier deploy published it", () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/un/\n" });
    archive.article("a.md", { title: "Un" });
    archive.article("x.md", { title: "Ixe" });
    const { origin, clone: editor } = publishArchive("editor", "Ixe");
    // While the deploy of that commit builds, the editor removes the article…
    git(editor, "rm", "--quiet", "content/articles/x.md");
    git(editor, "commit", "--quiet", "-m", "Sans Ixe");
    git(editor, "push", "--quiet", "origin", "HEAD:main");
    const removal = git(editor, "rev-parse", "HEAD");
    // …and the deploy commits the URL it published on top of that push.
    const deploy = join(root, "deploy");
    git(root, "clone", "--quiet", origin, deploy);
    writeFileSync(join(deploy, "content/urls.txt"), "/2021/12/09/un/\n/2021/12/09/ixe/\n");
    git(deploy, "commit", "--quiet", "-am", "Published URLs [skip ci]");
    git(deploy, "push", "--quiet", "origin", "HEAD:main");

    // The next run builds the removal's commit, whose urls.txt never knew that URL.
    const ci = join(root, "ci");
    git(root, "clone", "--quiet", origin, ci);
    git(ci, "checkout", "--quiet", removal);
    const take = (): string => execFileSync("sh", [takeScript, "content"], { cwd: ci, encoding: "utf8" });
    expect(take()).toBe("urls.txt: 1 line(s) taken from main, recorded by deploys since this commit\n");
    expect(readFileSync(join(ci, "content/urls.txt"), "utf8")).toBe("/2021/12/09/un/\n/2021/12/09/ixe/\n");
    expect(take()).toBe("urls.txt: every URL main lists is here\n");
    const build = spawnSync(
      process.execPath,
      [bin, "build", "--record-urls", "--no-search", "--no-cache", "--content", "content", "--out", join(root, "site")],
      {
        cwd: ci,
        encoding: "utf8",
        env: { ...process.env, GITHUB_ACTIONS: "" },
      },
    );
    expect(build.status).toBe(1);
    expect(build.stderr).toMatch(/content\/urls\.txt:2:1: error: \/2021\/12\/09\/ixe\/ a été publiée/);
  });

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
    ["an article only", "", `# nos notes\n/2021/12/09/un/\n${REGISTRY_URLS}/2021/12/09/deux/\n`],
    [
      "an article and a note in urls.txt",
      "# vérifié le 1er décembre\n",
      `# nos notes\n/2021/12/09/un/\n${REGISTRY_URLS}# vérifié le 1er décembre\n/2021/12/09/deux/\n`,
    ],
  ])("keeps the editor's push (%s) and adds exactly the URLs deployed", (_, note, expected) => {
    archive = makeArchive({ "urls.txt": `# nos notes\n/2021/12/09/un/\n${REGISTRY_URLS}` });
    archive.article("a.md", { title: "Un" });
    archive.article("b.md", { title: "Deux" });
    const { origin, clone: editor } = publishArchive("editor", "Deux");

    // The workflow builds main with --record-urls…
    const ci = join(root, "ci");
    git(root, "clone", "--quiet", origin, ci);
    const deployed = git(ci, "rev-parse", "HEAD");
    const record = `node ${JSON.stringify(bin)} build --record-urls --no-search --no-cache --content "$1" --out ${JSON.stringify(join(root, "site"))}`;
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
  it("records again at the deploy build's time, telling nothing the deploy build told", () => {
    archive = makeArchive({ "urls.txt": `# nos notes\n/2021/12/09/un/\n${REGISTRY_URLS}` });
    archive.article("a.md", { title: "Un" });
    archive.article("c.md", { title: "Deux" });
    // Dated after the deploy's time, before the clock's: held back by the deploy, never recorded.
    archive.article("b.md", { title: "Plus tard", date: "2021-12-20T10:00:00" });
    const { origin, clone: editor } = publishArchive("editor", "Deux");
    const ci = join(root, "ci");
    git(root, "clone", "--quiet", origin, ci);
    const deployed = git(ci, "rev-parse", "HEAD");
    const runner: NodeJS.ProcessEnv = { ...process.env, ...identity, SOURCE_DATE_EPOCH: String(Date.UTC(2021, 11, 10, 12) / 1000), GITHUB_ACTIONS: "" };
    const record = `node ${JSON.stringify(bin)} build --record-urls --no-search --no-cache --content "$1" --out ${JSON.stringify(join(root, "site"))}`;
    const first = spawnSync("sh", ["-c", record, "record", join(ci, "content")], { encoding: "utf8", env: runner });
    expect(first.stderr).toMatch(/Plus tard|plus-tard|20\u00a0décembre/);
    // An editor's note in urls.txt meanwhile: a conflict, so the deployed articles are recorded again.
    writeFileSync(join(editor, "content/urls.txt"), `# nos notes\n/2021/12/09/un/\n${REGISTRY_URLS}# vérifié\n`);
    git(editor, "commit", "--quiet", "-am", "Note");
    git(editor, "push", "--quiet", "origin", "HEAD:main");
    const run = spawnSync("sh", [script, deployed, "content", record], { cwd: ci, encoding: "utf8", env: runner });
    expect(run.status, run.stderr).toBe(0);
    expect(`${git(origin, "show", "main:content/urls.txt")}\n`).toBe(`# nos notes\n/2021/12/09/un/\n${REGISTRY_URLS}# vérifié\n/2021/12/09/deux/\n`);
    // Git's refused push, and nothing of depeche's.
    expect(run.stderr).toContain("[rejected]");
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/depeche build|\.md:\d|warning|Plus tard/);
  });
});

describe("the code's digest, which says whether its tests ran", () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const identity = { GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "test@example.org", GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "test@example.org" };
  const git = (cwd: string, ...args: string[]): string => execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, ...identity } }).trim();
  const digest = (cwd = root): string => {
    const run = spawnSync("sh", [codeDigest], { cwd, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^digest=[0-9a-f]{40}\n$/);
    return run.stdout;
  };

  /** A repository with Dépêche's files and an article; its digest. */
  const start = (): string => {
    root = mkdtempSync(join(tmpdir(), "depeche-digest-"));
    git(root, "init", "--quiet", "-b", "main");
    for (const [path, text] of Object.entries({ "src/cli/main.ts": "// code\n", "content/articles/2021/12/09-un.md": "un\n", "README.md": "# Dépêche\n" })) {
      mkdirSync(join(root, dirname(path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    git(root, "add", ".");
    git(root, "commit", "--quiet", "-m", "Départ");
    return digest();
  };
  /** Changes the working tree with `edit` and commits it; the digest after. */
  const push = (edit: () => void): string => {
    edit();
    git(root, "add", "--all");
    git(root, "commit", "--quiet", "--allow-empty", "-m", "Poussée");
    return digest();
  };
  /** An edit writing each of these files. */
  const write =
    (...paths: string[]) =>
    (): void => {
      for (const path of paths) {
        mkdirSync(join(root, dirname(path)), { recursive: true });
        writeFileSync(join(root, path), `nouveau ${path}\n`);
      }
    };

  it.each([
    ["a new article", write("content/articles/2021/12/10-deux.md")],
    ["an article whose name has accents", write("content/articles/2021/12/10-élection-à-paris.md")],
    ["an edited article", write("content/articles/2021/12/09-un.md")],
    ["a removed article", () => rmSync(join(root, "content/articles/2021/12/09-un.md"))],
    ["urls.txt and the registries", write("content/urls.txt", "content/topics.yaml", "content/site.yaml")],
    ["nothing", () => {}],
  ])("is the same after content only (%s): tests passed before are not run again", (_, edit) => {
    const before = start();
    expect(push(edit)).toBe(before);
  });

  it.each([
    ["the code", write("src/cli/main.ts")],
    ["an article and the code", write("content/articles/2021/12/10-deux.md", "templates/layout.ts")],
    ["the workflow", write(".github/workflows/site.yml")],
    ["a folder named like content elsewhere", write("docs/content/notes.md")],
    ["a file named content at the top", () => git(root, "mv", "content/articles/2021/12/09-un.md", "content.md")],
  ])("changes with the code (%s): the tests run", (_, edit) => {
    const before = start();
    expect(push(edit)).not.toBe(before);
  });

  it("judges the code built, not the push: articles pushed after code whose tests failed find it untested", () => {
    const tested = start();
    const failing = push(write("src/cli/main.ts"));
    // The tests failed: only `tested` was remembered. The next push, articles only, has the failing code.
    expect(push(write("content/articles/2021/12/10-deux.md"))).toBe(failing);
    expect(failing).not.toBe(tested);
  });

  it("is the same in a shallow clone, as a runner checks out", () => {
    start();
    const full = push(write("content/articles/2021/12/10-deux.md"));
    const shallow = join(root, "shallow");
    git(root, "clone", "--quiet", "--depth=1", `file://${root}`, shallow);
    expect(digest(shallow)).toBe(full);
  });
});
