// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the workflow's GitHub Actions expressions (${{ github.token }}) are compared as the YAML writes them
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { articleText, makeArchive, REGISTRY_URLS, type TestArchive } from "../helpers/archive.ts";

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
  shell?: string;
}

describe("the publishing workflow", () => {
  const workflow = parse(readFileSync(join(repo, ".github/workflows/site.yml"), "utf8"));
  const action = parse(readFileSync(join(repo, ".github/actions/build-site/action.yml"), "utf8"));
  const buildSite = "./.github/actions/build-site";
  const shared: Step[] = action.runs.steps;
  /** A job's steps as they run: the shared action's in place of its `uses`. */
  const stepsOf = (job: string): Step[] => workflow.jobs[job].steps.flatMap((s: Step) => (s.uses === buildSite ? shared : [s]));
  const steps = stepsOf("publish");
  const step = (name: string): Step => steps.find((s) => s.name === name)!;
  const onMain = "github.ref == 'refs/heads/main'";
  const publishing = "inputs.publish == 'true'";

  it("builds with malloc's huge pages, which glibc takes from the environment the process starts with", () => {
    expect(step("Check and build the site").env?.GLIBC_TUNABLES).toBe("glibc.malloc.hugetlb=1");
  });

  it("never cancels a deploy halfway", () => {
    expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
  });

  it("records URLs only in the build of main, and commits them back before the site is uploaded", () => {
    expect(step("Check and build the site").run).toContain(`\${{ ${publishing} && '--record-urls' || '' }}`);
    expect(workflow.jobs.publish.steps.find((s: Step) => s.uses === buildSite).with.publish).toBe("true");
    expect(workflow.jobs.check.steps.find((s: Step) => s.uses === buildSite).with.publish).toBeUndefined();
    expect(action.inputs.publish.default).toBe("false");
    const commit = step("Commit the published URLs");
    expect(commit.run).toContain("sh .github/scripts/commit-published-urls.sh");
    expect(commit.run).toContain("build --record-urls");
    const upload = steps.findIndex((s) => s.uses?.startsWith("actions/upload-pages-artifact"));
    expect(steps.indexOf(commit)).toBeGreaterThan(steps.indexOf(step("Check and build the site")));
    expect(steps.indexOf(commit)).toBeLessThan(upload);
    expect(stepsOf("check").filter((s) => /commit-published-urls|take-published-urls/.test(s.run ?? "") && s.if !== `${publishing}`)).toEqual([]);
    expect(stepsOf("check").some((s) => s.uses?.startsWith("actions/upload-pages-artifact"))).toBe(false);
  });

  it("takes the URLs published before the build of main, fetching them with the workflow's token", () => {
    const take = step("Take the URLs published since this commit");
    expect(take.if).toBe(publishing);
    expect(take.run).toBe("sh .github/scripts/take-published-urls.sh content");
    expect(take.env?.GITHUB_TOKEN).toBe("${{ github.token }}");
    expect(steps.indexOf(take)).toBeLessThan(steps.indexOf(step("Check and build the site")));
    expect(steps[0]!.with?.["fetch-depth"]).toBe(0);
  });

  it("lets only the job of main write to the repository, keeps the token away from the tests and .git/config, and keeps Pages' permissions", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.check).toMatchObject({ if: `github.ref != 'refs/heads/main'`, permissions: { contents: "read", pages: "read" } });
    expect(workflow.jobs.publish).toMatchObject({ if: onMain, permissions: { contents: "write", pages: "read", actions: "write" } });
    for (const job of ["check", "publish"]) {
      // configure-pages asks for the Pages site: a job's permissions replace the workflow's, so it says so itself.
      expect(stepsOf(job).find((s) => s.uses?.startsWith("actions/configure-pages"))).toBeDefined();
      expect(workflow.jobs[job].steps[0]).toMatchObject({ uses: "actions/checkout@v4", with: { "persist-credentials": false } });
      expect(workflow.jobs[job].steps[2]).toMatchObject({ uses: buildSite });
      expect(stepsOf(job).filter((s) => /remote set-url|x-access-token/.test(s.run ?? ""))).toEqual([]);
    }
    expect(workflow.jobs.deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(workflow.jobs.deploy).toMatchObject({ if: onMain, needs: "publish" });
  });

  it("builds a branch or pull request with main's base URL, so that main's build it restores is incremental for it", () => {
    const baseUrl = "${{ steps.pages.outputs.base_url }}";
    expect(workflow.jobs.check.steps[1]).toEqual({ id: "pages", uses: "actions/configure-pages@v5", "continue-on-error": true });
    expect(workflow.jobs.check.steps[2]).toEqual({ uses: buildSite, with: { "base-url": baseUrl } });
    // main's deploy stops when it can't read its address.
    expect(workflow.jobs.publish.steps[1]).toEqual({ id: "pages", uses: "actions/configure-pages@v5" });
    expect(workflow.jobs.publish.steps[2]).toEqual({ id: "build", uses: buildSite, with: { publish: "true", "base-url": baseUrl } });
    expect(step("Check and build the site").run).toContain("${{ inputs.base-url && format('--base-url {0}', inputs.base-url) || '' }}");
    expect(action.inputs["base-url"].default).toBe("");
  });

  it("keeps the cache bounded: main deletes the entry it restored once its own is saved, a branch saves only its code's first build", () => {
    const save = step("Keep this build for the next push");
    const restore = step("Restore the previous build");
    expect(save.if).toBe(`${publishing} || steps.${restore.id}.outputs.cache-matched-key == ''`);
    expect(action.outputs["restored-key"].value).toBe(`\${{ steps.${restore.id}.outputs.cache-matched-key }}`);
    expect(action.outputs.key.value).toBe(save.with!.key);
    const drop = step("Delete the build this one replaces");
    expect(drop.if).toBe("steps.build.outputs.restored-key != '' && steps.build.outputs.restored-key != steps.build.outputs.key");
    expect(workflow.jobs.publish.steps.find((s: Step) => s.uses === buildSite).id).toBe("build");
    expect(drop.env).toMatchObject({
      GH_TOKEN: "${{ github.token }}",
      SAVED: "${{ steps.build.outputs.key }}",
      RESTORED: "${{ steps.build.outputs.restored-key }}",
    });
    expect(drop.run).toContain(`gh cache delete "$RESTORED"`);
    expect(drop.run).toMatch(/gh cache list [^\n]*"\$SAVED"[^\n]*\| grep -Fxq -- "\$SAVED"; then\n\s*gh cache delete/);
    expect(steps.indexOf(drop)).toBeGreaterThan(steps.indexOf(save));
    expect(stepsOf("check").includes(drop)).toBe(false);
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
    const name = step("Name this build");
    const restore = step("Restore the previous build");
    const save = step("Keep this build for the next push");
    const build = step("Check and build the site");
    expect(build.run).toContain("build --annotate --cache .depeche/cache");
    expect(restore.uses).toBe("actions/cache/restore@v4");
    expect(save.uses).toBe("actions/cache/save@v4");
    for (const s of [restore, save]) expect(s.with?.path?.trim().split("\n")).toEqual([".depeche/cache", "_site", "._site.spare"]);
    expect(restore.with).toMatchObject({ key: `\${{ steps.${name.id}.outputs.key }}`, "restore-keys": `\${{ steps.${name.id}.outputs.prefix }}` });
    expect(save.with?.key).toBe(restore.with?.key);
    expect(name.run).toBe(`echo "prefix=$PREFIX" >> "$GITHUB_OUTPUT"\necho "key=$PREFIX$RUN" >> "$GITHUB_OUTPUT"\n`);
    const prefix = name.env!.PREFIX!;
    for (const code of ["package-lock.json", "bin/**", "src/**", "templates/**", "public/**", ".eleventy.ts"]) expect(prefix).toContain(`'${code}'`);
    expect(prefix).not.toContain("content");
    // Within one digest of the code, the newest build; never one of other code.
    expect(prefix).toMatch(/^depeche-site-\$\{\{ runner\.os \}\}-\$\{\{ hashFiles\([^)]*\) \}\}-$/);
    expect(name.env!.RUN).toBe("${{ github.run_id }}-${{ github.run_attempt }}");
    // The entry's version digests the paths as written: relative, so no runner's path names it.
    for (const s of [restore, save]) for (const path of s.with!.path!.trim().split("\n")) expect(path).not.toMatch(/^[/~$]/);
    expect(steps.indexOf(name)).toBeLessThan(steps.indexOf(restore));
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

  it("runs every shell step of the shared action with a shell, as a composite action must", () => {
    for (const s of shared) if (s.run) expect(s).toHaveProperty("shell", "bash");
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

  /**
   * A runner's clone of `origin` as actions/checkout@v4 (fetch-depth 0) makes it for a run of `sha` on main: every branch and tag
   * fetched, then, when main moved since that push, the pushed commit itself fetched into origin/main, and checked out.
   */
  const checkoutV4 = (origin: string, name: string, sha: string): string => {
    const dir = join(root, name);
    mkdirSync(dir);
    git(dir, "init", "--quiet");
    git(dir, "remote", "add", "origin", origin);
    git(dir, "fetch", "--quiet", "--prune", "origin", "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*");
    if (git(dir, "rev-parse", "refs/remotes/origin/main") !== sha) git(dir, "fetch", "--quiet", "--prune", "origin", `+${sha}:refs/remotes/origin/main`);
    git(dir, "checkout", "--quiet", "--force", "-B", "main", "refs/remotes/origin/main");
    return dir;
  };
  const take = (ci: string, env: NodeJS.ProcessEnv = process.env) => spawnSync("sh", [takeScript, "content"], { cwd: ci, encoding: "utf8", env });
  const buildIn = (ci: string, out: string) =>
    spawnSync(process.execPath, [bin, "build", "--record-urls", "--no-search", "--no-cache", "--content", "content", "--out", join(root, out)], {
      cwd: ci,
      encoding: "utf8",
      env: { ...process.env, GITHUB_ACTIONS: "" },
    });

  it("refuses, in the next deploy's build, an article removed by a push made while an earlier deploy published it", () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/un/\n" });
    archive.article("a.md", { title: "Un" });
    archive.article("x.md", { title: "Ixe" });
    const { origin, clone: editor } = publishArchive("editor", "Ixe");
    // The runner's checkout fetches a commit by its id once main moved.
    git(origin, "config", "uploadpack.allowAnySHA1InWant", "true");
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

    // The next run builds the removal's commit, whose urls.txt never knew that URL; its checkout's origin/main is that commit.
    const ci = checkoutV4(origin, "ci", removal);
    expect(git(ci, "rev-parse", "origin/main")).toBe(removal);
    expect(take(ci).stdout).toBe("urls.txt: 1 line(s) taken from main, recorded by deploys since this commit\n");
    expect(readFileSync(join(ci, "content/urls.txt"), "utf8")).toBe("/2021/12/09/un/\n/2021/12/09/ixe/\n");
    expect(take(ci).stdout).toBe("urls.txt: every URL main lists is here\n");
    const build = buildIn(ci, "site");
    expect(build.status).toBe(1);
    expect(build.stderr).toMatch(/content\/urls\.txt:2:1: error: \/2021\/12\/09\/ixe\/ a été publiée/);
  });

  it("builds nothing when main can't be fetched: the URLs published since the commit would go unchecked", () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/un/\n" });
    archive.article("a.md", { title: "Un" });
    const { origin, head } = publishArchive("editor", "Un");
    const ci = checkoutV4(origin, "ci", head);
    git(ci, "remote", "set-url", "origin", join(root, "gone.git"));
    const run = take(ci);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("urls.txt: could not fetch main from origin, to take the URLs deployed since this commit; nothing is built or deployed");
    // git's own words, for the why.
    expect(run.stderr).toMatch(/gone\.git/);
    expect(readFileSync(join(ci, "content/urls.txt"), "utf8")).toBe("/2021/12/09/un/\n");
  });

  it("keeps every URL published when main is reset or force-pushed: the next build refuses the article's removal", () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    archive.article("x.md", { title: "Ixe" });
    const { origin, clone: editor, head } = publishArchive("editor", "Ixe");
    git(origin, "config", "uploadpack.allowAnySHA1InWant", "true");
    // The deploy of that commit, as the workflow runs it: take, build, commit back.
    const first = checkoutV4(origin, "first", head);
    expect(take(first).stdout).toBe("urls.txt: main has none yet\n");
    expect(buildIn(first, "site1").status).toBe(0);
    const record = `node ${JSON.stringify(bin)} build --record-urls --no-search --no-cache --content "$1" --out ${JSON.stringify(join(root, "rec"))}`;
    const committed = spawnSync("sh", [script, head, "content", record], { cwd: first, encoding: "utf8", env: { ...process.env, ...identity } });
    expect(committed.status, committed.stderr).toBe(0);
    expect(committed.stdout).toMatch(/^urls\.txt: recorded on main \(attempt 1\)\nurls\.txt: \d+ URL\(s\) kept in refs\/depeche\/published-urls\n$/);
    expect(git(origin, "show", "main:content/urls.txt")).toContain("/2021/12/09/ixe/");
    expect(git(origin, "show", "refs/depeche/published-urls:urls.txt").split("\n")).toContain("/2021/12/09/ixe/");

    // The editor resets main to before that recording, removes the article, and force-pushes.
    git(editor, "reset", "--quiet", "--hard", head);
    git(editor, "rm", "--quiet", "content/articles/x.md");
    git(editor, "commit", "--quiet", "-m", "Sans Ixe");
    git(editor, "push", "--quiet", "--force", "origin", "HEAD:main");
    const forced = git(editor, "rev-parse", "HEAD");
    expect(spawnSync("git", ["cat-file", "-e", "main:content/urls.txt"], { cwd: origin }).status).not.toBe(0);

    const next = checkoutV4(origin, "next", forced);
    const taken = take(next);
    expect(taken.status, taken.stderr).toBe(0);
    expect(taken.stdout).toMatch(
      /^urls\.txt: \d+ URL\(s\) published by earlier deploys that main's urls\.txt no longer lists \(was main reset or force-pushed\?\) taken from refs\/depeche\/published-urls: the build checks them as published\n$/,
    );
    const lines = readFileSync(join(next, "content/urls.txt"), "utf8").split("\n");
    const build = buildIn(next, "site2");
    expect(build.status).toBe(1);
    expect(build.stderr).toContain(`content/urls.txt:${lines.indexOf("/2021/12/09/ixe/") + 1}:1: error: /2021/12/09/ixe/ a été publiée`);
    // A removal marked `!` is the editor's decision: the URL is mentioned, not taken again.
    writeFileSync(join(next, "content/urls.txt"), "! /2021/12/09/ixe/ retirée\n");
    take(next);
    expect(
      readFileSync(join(next, "content/urls.txt"), "utf8")
        .split("\n")
        .filter((l) => l.includes("ixe")),
    ).toEqual(["! /2021/12/09/ixe/ retirée"]);
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
    // Not a race: git's own words say why, at each attempt.
    expect(run.stderr.match(/\[remote rejected\] \(pre-receive hook declined\)/g)).toHaveLength(3);
    expect(run.stdout).not.toContain("main moved");
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
    const run = spawnSync("sh", [script, deployed, "content", record], { cwd: ci, encoding: "utf8", env: runner });
    expect(run.status, run.stderr).toBe(0);
    // A race, told in one line: none of git's.
    expect(run.stdout).toMatch(
      /^urls\.txt: main moved while this deploy ran: the commit was rebased onto it and pushed again\nurls\.txt: recorded on main \(attempt 2\)\n/,
    );
    expect(run.stderr).toBe("");

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
    // One plain line for the race, nothing of git's refused push, nothing of depeche's.
    expect(run.stdout).toContain(
      "urls.txt: main moved while this deploy ran: the commit was rebased onto it and pushed again\nurls.txt: recorded on main (attempt 2)\n",
    );
    expect(run.stderr).toBe("");
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/depeche build|\.md:\d|warning|Plus tard|\[rejected\]|error:|hint:/);
  });
});

describe("the scripts' access to the repository on GitHub", () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("gives git the workflow's token for the server in their own environment only: never in .git/config, on a command line or in the log", async () => {
    root = mkdtempSync(join(tmpdir(), "depeche-auth-"));
    const headers: string[] = [];
    // A server that refuses every fetch, after noting what git sent it.
    const server = createServer((request, response) => {
      headers.push(String(request.headers.authorization));
      response.writeHead(403).end();
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      execFileSync("git", ["init", "--quiet", root]);
      execFileSync("git", ["remote", "add", "origin", `${serverUrl}/depeche-news/archive`], { cwd: root });
      const token = "ghs_jeton-du-flux-0123456789";
      const run = await new Promise<{ status: number | null; output: string }>((done) => {
        const child = spawn("sh", [takeScript, "content"], {
          cwd: root,
          env: {
            ...process.env,
            GITHUB_TOKEN: token,
            GITHUB_SERVER_URL: serverUrl,
            GIT_TERMINAL_PROMPT: "0",
            GIT_CONFIG_NOSYSTEM: "1",
            GIT_CONFIG_GLOBAL: "/dev/null",
          },
        });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.on("close", (status) => done({ status, output }));
      });
      const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
      expect(headers.length).toBeGreaterThan(0);
      expect(new Set(headers)).toEqual(new Set([`basic ${basic}`]));
      expect(run.status).toBe(1);
      expect(run.output).toContain("urls.txt: could not fetch main from origin");
      for (const secret of [token, basic]) {
        expect(run.output).not.toContain(secret);
        expect(readFileSync(join(root, ".git/config"), "utf8")).not.toContain(secret);
      }
    } finally {
      server.close();
    }
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
