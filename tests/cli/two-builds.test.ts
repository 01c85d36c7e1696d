/**
 * Two real runs at once on one site and one cache: the second stops before it writes anything,
 * naming the first, whose site comes out whole; a run that was killed does not block the next.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, lstatSync, readdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";
import { treeDigest } from "../helpers/site.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
// A process id above Linux's highest (2^22): never a running process's.
const GONE_PID = 4_194_305;
const BUILD = ["build", "--content", "content", "--now", "2026-01-15T12:00:00Z", "--no-search"];
const env = { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "", CI: "" };

let archive: TestArchive;
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
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

function startBuild(): ChildProcess {
  const child = spawn(process.execPath, [bin, ...BUILD], { cwd: archive.root, env, stdio: "ignore" });
  started.push(child);
  return child;
}

async function appears(path: string): Promise<void> {
  for (let waited = 0; !existsSync(path); waited += 5) {
    if (waited > 60_000) throw new Error(`${path} never appeared`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function ended(child: ChildProcess): Promise<[number | null, NodeJS.Signals | null]> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve([child.exitCode, child.signalCode]);
  return new Promise((done) => child.on("exit", (code, signal) => done([code, signal])));
}

// Every file and folder under the archive's folder, with its size and time: what a run wrote.
function everything(dir = archive.root): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((path) => {
      const stats = lstatSync(join(dir, path));
      return `${relative(archive.root, join(dir, path))} ${stats.isDirectory() ? "dir" : stats.size} ${stats.mtimeMs}`;
    })
    .sort();
}

const LOCKS = ["._site.lock", ".depeche/.cache.lock"];

describe("two builds at once", () => {
  it("the second stops at once, writes nothing and names the first, whose site is whole", { timeout: 120_000 }, async () => {
    smallArchive();
    const first = startBuild();
    await appears(join(archive.root, ".depeche/.cache.lock"));
    // Held where it is, between its lock and its end, while the others try.
    first.kill("SIGSTOP");
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

    // The preview encodes its photos into the same cache: refused at its first build.
    const preview = depeche(["serve", "--content", "content", "--port", "0"]);
    expect(preview.status).toBe(2);
    expect(preview.stderr).toMatch(new RegExp(`^depeche serve: error: le cache .depeche/cache est déjà en cours d’écriture par ${literal(holder)}`));
    expect(everything()).toEqual(before);

    first.kill("SIGCONT");
    expect(await ended(first)).toEqual([0, null]);
    for (const lock of LOCKS) expect(existsSync(join(archive.root, lock))).toBe(false);
    // Whole: the same files, byte for byte, as a build of the same archive that ran alone.
    const alone = depeche([...BUILD, "--no-cache", "--out", "alone"]);
    expect(alone.status, alone.stderr).toBe(0);
    const notMarker = (path: string): boolean => path !== ".depeche-site";
    expect(treeDigest(join(archive.root, "_site"), notMarker)).toBe(treeDigest(join(archive.root, "alone"), notMarker));
    expect(existsSync(join(archive.root, "_site/2021/12/12/depeche-du-12-decembre/index.html"))).toBe(true);
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

    const killed = startBuild();
    await appears(join(archive.root, ".depeche/.cache.lock"));
    killed.kill("SIGKILL");
    await ended(killed);
    expect(existsSync(join(archive.root, "._site.lock"))).toBe(true);
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

describe("a build's locks are given back", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("when it is stopped with %s, which ends it", { timeout: 120_000 }, async (signal) => {
    smallArchive();
    const build = startBuild();
    await appears(join(archive.root, ".depeche/.cache.lock"));
    build.kill(signal);
    expect(await ended(build)).toEqual([null, signal]);
    for (const lock of LOCKS) expect(existsSync(join(archive.root, lock))).toBe(false);
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
