/**
 * Two real runs at once on one site and one cache: the second stops before it writes anything,
 * naming the first; a run that was killed does not block the next; a preview holds its folder
 * against a build; the locks never show in `git status` nor in the site.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isRunning } from "../../src/files/process-running.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { endChildren, ended, startChild } from "../helpers/children.ts";
import { fr } from "../helpers/french.ts";
import { commitAll, git } from "../helpers/git.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
const runLock = resolve(import.meta.dirname, "../../src/files/run-lock.ts");
const gitignore = resolve(import.meta.dirname, "../../.gitignore");
// A process id above Linux's highest (2^22): never a running process's.
const GONE_PID = 4_194_305;
const BUILD = ["build", "--content", "content", "--now", "2026-01-15T12:00:00Z", "--no-search"];
const env = { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "", CI: "" };

let archive: TestArchive;
afterEach(async () => {
  // No child outlives its test: killed with SIGKILL, which nothing catches, and seen gone.
  for (const pid of await endChildren()) expect(isRunning(pid)).toBe(false);
  archive?.remove();
});

function smallArchive(): TestArchive {
  archive = makeArchive();
  for (let day = 1; day <= 12; day++) {
    archive.article(`2021/12/${String(day).padStart(2, "0")}-article.md`, {
      title: `Dépêche du ${day} décembre`,
      date: `2021-12-${String(day).padStart(2, "0")}`,
    });
  }
  return archive;
}

function depeche(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: archive.root, encoding: "utf8", env, timeout: 60_000 });
}

/**
 * A build that holds its locks (the site's, the cache's) until it is stopped, as `depeche build`
 * takes them: the same code, the same folders and command line, held as long as the test needs.
 */
async function holdingBuild(): Promise<ChildProcess> {
  const script = `
    const { commandLine, takeRunLocks } = await import(${JSON.stringify(runLock)});
    takeRunLocks([{ folder: ${JSON.stringify(join(archive.root, "_site"))}, kind: "site" }, { folder: ${JSON.stringify(join(archive.root, ".depeche/cache"))}, kind: "cache" }], { command: commandLine(${JSON.stringify(["depeche", ...BUILD])}) });
    process.stdout.write("held\\n");
    setInterval(() => {}, 1000);`;
  // Run from Dépêche's folder, where tsx is found; the folders are given whole.
  const child = startChild(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((done, fail) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("held") && done());
    child.once("exit", () => fail(new Error("the holding build ended")));
  });
  return child;
}

async function appears(path: string): Promise<void> {
  for (let waited = 0; !existsSync(path); waited += 5) {
    if (waited > 60_000) throw new Error(`${path} never appeared`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

// Every file and folder under the archive's folder, with its size and time: what a run wrote.
function everything(dir = archive.root): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => !path.split("/").includes(".git"))
    .map((path) => {
      const stats = lstatSync(join(dir, path));
      return `${relative(archive.root, join(dir, path))} ${stats.isDirectory() ? "dir" : stats.size} ${stats.mtimeMs}`;
    })
    .sort();
}

const LOCKS = ["._site.lock", ".depeche/.cache.lock"];

describe("two builds at once", () => {
  it("the second stops at once, writes nothing and names the first; once the first ends, it runs", { timeout: 120_000 }, async () => {
    smallArchive();
    // The project as Dépêche's own .gitignore keeps it: the locks never show as changes.
    copyFileSync(gitignore, join(archive.root, ".gitignore"));
    commitAll(archive.root);
    const first = await holdingBuild();
    expect(git(archive.root, "status", "--porcelain", "--untracked-files=all")).toBe("");
    const before = everything();
    const holder = fr`le processus ${first.pid} (« depeche build --content content --now 2026-01-15T12:00:00Z --no-search », lancé à`;

    const second = depeche(BUILD);
    expect(second.status).toBe(2);
    expect(second.stdout).toBe("");
    expect(second.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(second.stderr).toMatch(
      new RegExp(`^depeche build: error: _site est déjà en cours d’écriture par ${literal(holder)} \\d+\u00a0h\u00a0\\d\\d, il y a `),
    );
    expect(second.stderr).toContain(
      fr`; rien n’a été écrit. Attendez qu’il se termine, puis relancez la commande ; s’il est bloqué, arrêtez-le (Ctrl-C dans son terminal, ou kill ${first.pid}) : le verrou ._site.lock d’un processus arrêté, même tué, est repris tout seul`,
    );
    expect(everything()).toEqual(before);

    // Its own site, the same cache: refused for the cache.
    const elsewhere = depeche([...BUILD, "--out", "ailleurs"]);
    expect(elsewhere.status).toBe(2);
    expect(elsewhere.stderr).toMatch(new RegExp(`^depeche build: error: le cache .depeche/cache est déjà en cours d’écriture par ${literal(holder)}`));
    expect(everything()).toEqual(before);

    // The preview encodes its photos into the same cache: refused before its first build.
    const preview = depeche(["serve", "--content", "content", "--port", "0"]);
    expect(preview.status).toBe(2);
    expect(preview.stderr).toMatch(new RegExp(`^depeche serve: error: le cache .depeche/cache est déjà en cours d’écriture par ${literal(holder)}`));
    expect(everything()).toEqual(before);

    // Stopped (kill, as the message says): its locks go with it, and the next build runs.
    first.kill("SIGTERM");
    expect(await ended(first)).toEqual([null, "SIGTERM"]);
    for (const lock of LOCKS) expect(existsSync(join(archive.root, lock))).toBe(false);
    const next = depeche(BUILD);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).not.toContain("verrou");
    expect(existsSync(join(archive.root, "_site/2021/12/12/depeche-du-12-decembre/index.html"))).toBe(true);
    expect(readdirSync(join(archive.root, "_site")).filter((name) => name.includes("lock"))).toEqual([]);
    expect(git(archive.root, "status", "--porcelain", "--untracked-files=all")).toBe("");
  });
});

describe("a lock left by a build that is gone", () => {
  it("is taken over by the next build, which says so: a process id no process has, then a build killed with kill -9", { timeout: 120_000 }, async () => {
    smallArchive();
    const startedAt = Date.now() - 5 * 60_000;
    writeFileSync(join(archive.root, "._site.lock"), JSON.stringify({ pid: GONE_PID, host: hostname(), command: "depeche build", startedAt, token: "gone" }));
    const run = depeche(BUILD);
    expect(run.status, run.stderr).toBe(0);
    const at = new Date(startedAt);
    expect(run.stderr.split("\n")[0]).toBe(
      `depeche build: le verrou de _site (._site.lock) laissé par le processus ${GONE_PID} (${fr`« depeche build »`}, lancé à ${at.getHours()}\u00a0h\u00a0${String(at.getMinutes()).padStart(2, "0")}, il y a 5\u00a0min) est repris\u00a0: ce processus ne tourne plus`,
    );
    for (const lock of LOCKS) expect(existsSync(join(archive.root, lock))).toBe(false);

    // Killed holding both locks: nothing of it ran to give them back.
    const killed = await holdingBuild();
    killed.kill("SIGKILL");
    expect(await ended(killed)).toEqual([null, "SIGKILL"]);
    for (const lock of LOCKS) expect(existsSync(join(archive.root, lock))).toBe(true);
    const next = depeche(BUILD);
    expect(next.status, next.stderr).toBe(0);
    const lines = next.stderr.split("\n").filter((line) => line.includes("verrou"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(`^depeche build: le verrou de _site \\(._site.lock\\) laissé par le processus ${killed.pid} .* ce processus ne tourne plus$`),
    );
    expect(lines[1]).toMatch(/^depeche build: le verrou du cache .depeche\/cache \(.depeche\/.cache.lock\) laissé par/);
    for (const lock of LOCKS) expect(existsSync(join(archive.root, lock))).toBe(false);
    expect(existsSync(join(archive.root, "_site/2021/12/01/depeche-du-1-decembre/index.html"))).toBe(true);
  });
});

describe("a preview and a build on the same folder", () => {
  it("the build is refused, named the preview and told to stop it; the preview's lock goes when it is stopped", { timeout: 120_000 }, async () => {
    smallArchive();
    const serve = startChild(process.execPath, [bin, "serve", "--content", "content", "--port", "0"], {
      cwd: archive.root,
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let told = "";
    await new Promise<void>((done, fail) => {
      serve.stderr!.on("data", (chunk: Buffer) => {
        told += chunk.toString();
        // Served, then its search index made: the preview's folder stays as it is from then on.
        if (told.includes("http://") && told.includes(fr`index de recherche prêt`)) done();
      });
      serve.once("exit", () => fail(new Error(`the preview ended: ${told}`)));
    });
    expect(existsSync(join(archive.root, ".depeche/.preview.lock"))).toBe(true);
    const before = everything();

    const build = depeche([...BUILD, "--out", ".depeche/preview"]);
    expect(build.status).toBe(2);
    expect(build.stderr).toMatch(
      new RegExp(
        `^depeche build: error: .depeche/preview est déjà en cours d’écriture par le processus ${serve.pid} \\(${literal(fr`« depeche serve --content content --port 0 »`)}`,
      ),
    );
    expect(build.stderr).toContain(
      fr`Un aperçu tourne jusqu’à ce qu’on l’arrête : arrêtez-le (Ctrl-C dans son terminal), ou donnez à cette commande un autre dossier avec --out`,
    );
    expect(everything()).toEqual(before);

    // Between its updates the preview holds no cache: a build of the site beside it runs.
    const beside = depeche(BUILD);
    expect(beside.status, beside.stderr).toBe(0);

    // Stopped as Ctrl-C stops it: it closes its server, gives its folder back and ends.
    serve.kill("SIGINT");
    expect(await ended(serve)).toEqual([0, null]);
    expect(readdirSync(join(archive.root, ".depeche")).filter((name) => name.endsWith(".lock"))).toEqual([]);
  });
});

/**
 * An incremental build that cannot end before it is stopped: GNU cp, which it starts first to link
 * the site into its staging folder and awaits before it writes a page, is on its PATH a script that
 * writes its pid to `started`, then waits until the build is gone (Linux, GNU tail). Once `started`
 * is there the build holds its locks, and it runs until it is stopped.
 */
function heldIncrementalBuild(): { build: ChildProcess; started: string } {
  const built = depeche(BUILD);
  expect(built.status, built.stderr).toBe(0);
  archive.article("2021/12/01-article.md", { title: "Dépêche du 1er décembre", date: "2021-12-01" });
  const fakes = join(archive.root, "held-bin");
  const started = join(fakes, "started");
  mkdirSync(fakes);
  writeFileSync(
    join(fakes, "cp"),
    `#!/bin/sh\necho $$ > ${JSON.stringify(`${started}.new`)}\nmv ${JSON.stringify(`${started}.new`)} ${JSON.stringify(started)}\nexec tail --pid=$PPID -s 0.05 -f /dev/null\n`,
    { mode: 0o755 },
  );
  const build = startChild(process.execPath, [bin, ...BUILD], { cwd: archive.root, env: { ...env, PATH: `${fakes}:${process.env.PATH}` }, stdio: "ignore" });
  return { build, started };
}

describe("a build's locks are given back", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("when it is stopped with %s, which ends it", { timeout: 120_000 }, async (signal) => {
    smallArchive();
    const { build, started } = heldIncrementalBuild();
    await appears(started);
    for (const lock of LOCKS) expect(existsSync(join(archive.root, lock))).toBe(true);
    build.kill(signal);
    expect(await ended(build)).toEqual([null, signal]);
    for (const lock of LOCKS) expect(existsSync(join(archive.root, lock))).toBe(false);
    // The held cp ends with the build.
    const cp = Number(readFileSync(started, "utf8"));
    for (let waited = 0; isRunning(cp) && waited < 10_000; waited += 25) await new Promise((r) => setTimeout(r, 25));
    expect(isRunning(cp)).toBe(false);
  });

  it("when the content is invalid, and the folders made for them go too: nothing is left", { timeout: 60_000 }, () => {
    smallArchive();
    archive.article("2021/12/20-faux.md", { title: "Faux", date: "2021-12-20", topics: "[Irack]" });
    const run = depeche(BUILD);
    expect(run.status).toBe(1);
    expect(readdirSync(archive.root)).toEqual(["content"]);
  });
});

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
