/** A run's lock on a folder it writes: taken whole, refused while its run lives, taken over once it is gone, given back however the run ends. */
import { spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CommandError } from "../../src/files/file-errors.ts";
import {
  commandLine,
  HEARTBEAT_MS,
  lockFileOf,
  SIGNAL_GRACE_MS,
  SILENCE_MS,
  takeRunLocks,
  type RunLock,
  type RunLockHolder,
} from "../../src/files/run-lock.ts";
import { isRunning } from "../../src/files/process-running.ts";
import { endChildren, ended, said, startChild } from "../helpers/children.ts";
import { fr } from "../helpers/french.ts";

// A process id above Linux's highest (2^22): never a running process's.
const GONE_PID = 4_194_305;
const runLock = resolve(import.meta.dirname, "../../src/files/run-lock.ts");

let root: string;
const locks: RunLock[] = [];
afterEach(async () => {
  for (const lock of locks.splice(0)) lock.release();
  // No child outlives its test, whatever became of it: killed, and seen gone.
  for (const pid of await endChildren()) expect(isRunning(pid)).toBe(false);
  if (root) rmSync(root, { recursive: true, force: true });
});

function folder(name = "_site"): string {
  root = mkdtempSync(join(tmpdir(), "depeche-lock-"));
  return join(root, name);
}

function take(path: string, command = "depeche build", kind: "site" | "cache" = "site", onTakenOver?: (line: string) => void): RunLock {
  const lock = takeRunLocks([{ folder: path, kind }], { command, ...(onTakenOver ? { onTakenOver } : {}) });
  locks.push(lock);
  return lock;
}

/** A lock another run left, as that run wrote it. */
function leave(path: string, holder: Partial<RunLockHolder>, ageMs = 0): void {
  const started = Date.now() - 3 * 60_000;
  const lock: RunLockHolder = { pid: process.ppid, host: hostname(), command: "depeche build --out _site", startedAt: started, token: "theirs", ...holder };
  writeFileSync(lockFileOf(path), JSON.stringify(lock));
  const when = new Date(Date.now() - ageMs);
  utimesSync(lockFileOf(path), when, when);
}

function holderOf(path: string): RunLockHolder {
  return JSON.parse(readFileSync(lockFileOf(path), "utf8")) as RunLockHolder;
}

function refusal(act: () => unknown): CommandError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(CommandError);
    return error as CommandError;
  }
  throw new Error("not refused");
}

// How the messages write the start of a run three minutes ago, on this machine's clock.
function startedThreeMinutesAgo(startedAt: number): string {
  const at = new Date(startedAt);
  return `${at.getHours()}\u00a0h\u00a0${String(at.getMinutes()).padStart(2, "0")}, il y a 3\u00a0min`;
}

describe("a run's lock file", () => {
  it("lies beside its folder, hidden as the build's other siblings are, and one for two names of the folder", () => {
    const site = folder();
    expect(lockFileOf(site)).toBe(join(root, "._site.lock"));
    expect(lockFileOf(`${site}/`)).toBe(join(root, "._site.lock"));
    mkdirSync(join(root, "real"));
    symlinkSync(join(root, "real"), join(root, "linked"));
    expect(lockFileOf(join(root, "linked", "cache"))).toBe(lockFileOf(join(root, "real", "cache")));
  });

  it("names this run, is the only file it adds, and goes when released (twice is nothing)", () => {
    const site = folder();
    const lock = take(site, commandLine(["depeche", "build", "--out", "mon site"]));
    expect(readdirSync(root)).toEqual(["._site.lock"]);
    const holder = holderOf(site);
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), command: 'depeche build --out "mon site"' });
    expect(Date.now() - holder.startedAt).toBeLessThan(5_000);
    lock.release();
    lock.release();
    expect(readdirSync(root)).toEqual([]);
  });

  it("is marked alive every minute while its run holds it, for runs on other machines, which judge it by that", () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const site = folder();
      take(site);
      const long = new Date(Date.now() - SILENCE_MS * 2);
      utimesSync(lockFileOf(site), long, long);
      vi.advanceTimersByTime(HEARTBEAT_MS);
      expect(Date.now() - statSync(lockFileOf(site)).mtimeMs).toBeLessThan(5_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it("makes the folders it lies in, and removes them again when the run leaves them empty", () => {
    const cache = join(folder(), ".depeche", "cache");
    const lock = take(cache, "depeche build", "cache");
    expect(existsSync(join(root, "_site", ".depeche", ".cache.lock"))).toBe(true);
    lock.release();
    expect(readdirSync(root)).toEqual([]);
  });
});

describe("a lock that cannot be made", () => {
  it("stops the run with one line that says where and why, before it writes anything", () => {
    const site = folder();
    writeFileSync(join(root, "fichier"), "");
    const error = refusal(() => take(join(root, "fichier", "_site")));
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(
      new RegExp(
        `^impossible de poser le verrou ${join(root, "fichier", "._site.lock")} \\(.+\\)\u00a0: la commande doit pouvoir écrire dans ce dossier\u202f; rien n’a été écrit$`,
      ),
    );
    expect(readdirSync(root)).toEqual(["fichier"]);
    expect(existsSync(site)).toBe(false);
  });
});

describe("a second run", () => {
  it("is refused while the run holding the lock lives, named with what to do, and the lock is left as it was", () => {
    const site = folder();
    leave(site, {});
    const before = readFileSync(lockFileOf(site), "utf8");
    const error = refusal(() => take(site));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `${site} est déjà en cours d’écriture par le processus ${process.ppid} (${fr`« depeche build --out _site »`}, lancé à ${startedThreeMinutesAgo(holderOf(site).startedAt)})` +
        fr` ; rien n’a été écrit. Attendez qu’il se termine, puis relancez la commande ; s’il est bloqué, arrêtez-le (Ctrl-C dans son terminal, ou kill ${process.ppid}) : le verrou ${lockFileOf(site)} d’un processus arrêté, même tué, est repris tout seul`,
    );
    expect(readFileSync(lockFileOf(site), "utf8")).toBe(before);
    expect(readdirSync(root)).toEqual(["._site.lock"]);
  });

  it("of this very process is refused too", () => {
    const site = folder();
    take(site);
    expect(refusal(() => take(site)).message).toContain(`par le processus ${process.pid} (`);
  });

  it("is told to stop a preview, which runs until it is stopped, or to write elsewhere", () => {
    const site = folder("preview");
    leave(site, { command: "depeche serve", untilStopped: true });
    expect(refusal(() => take(site)).message).toContain(
      fr`Un aperçu tourne jusqu’à ce qu’on l’arrête : arrêtez-le (Ctrl-C dans son terminal), ou donnez à cette commande un autre dossier avec --out`,
    );
  });

  it("takes none of its folders when one is held: the cache's refusal gives the site's lock back", () => {
    const site = folder();
    const cache = join(root, "cache");
    leave(cache, {});
    const error = refusal(() =>
      locks.push(
        takeRunLocks(
          [
            { folder: site, kind: "site" },
            { folder: cache, kind: "cache" },
          ],
          { command: "depeche build" },
        ),
      ),
    );
    expect(error.message).toMatch(new RegExp(`^le cache ${cache} est déjà en cours d’écriture par le processus ${process.ppid} `));
    expect(readdirSync(root)).toEqual([".cache.lock"]);
  });

  it("of another machine waits for that machine's run while it marks the lock alive, and is told when it would be taken over", () => {
    const site = folder();
    leave(site, { host: "ci-runner-2", pid: GONE_PID }, 3 * 60_000);
    const error = refusal(() => take(site));
    expect(error.message).toContain(`par le processus ${GONE_PID} de la machine ci-runner-2 (`);
    expect(error.message).toContain(fr`si cette machine s’est arrêtée avant, son verrou ${lockFileOf(site)} sera repris tout seul dans 7\u00a0min`);
  });
});

describe("a lock whose run is gone", () => {
  it("is taken over, with a line that names the run: its process has ended", () => {
    const site = folder();
    leave(site, { pid: GONE_PID });
    const startedAt = holderOf(site).startedAt;
    const lines: string[] = [];
    take(site, "depeche build", "site", (line) => lines.push(line));
    expect(lines).toEqual([
      `le verrou de ${site} (${lockFileOf(site)}) laissé par le processus ${GONE_PID} (${fr`« depeche build --out _site »`}, lancé à ${startedThreeMinutesAgo(startedAt)}) est repris\u00a0: ce processus ne tourne plus`,
    ]);
    expect(holderOf(site).pid).toBe(process.pid);
  });

  it.skipIf(!existsSync("/proc/sys/kernel/random/boot_id"))(
    "is taken over after the machine restarted, though its process id is another live process's now",
    () => {
      const site = folder();
      leave(site, { boot: "an-earlier-boot" });
      const lines: string[] = [];
      take(site, "depeche build", "cache", (line) => lines.push(line));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^le verrou du cache .* est repris\u00a0: la machine a redémarré depuis$/);
    },
  );

  it("of another machine is taken over once it has not been marked alive for ten minutes", () => {
    const site = folder();
    leave(site, { host: "ci-runner-2" }, SILENCE_MS + 60_000);
    const lines: string[] = [];
    take(site, "depeche build", "site", (line) => lines.push(line));
    expect(lines[0]).toMatch(/de la machine ci-runner-2 .* est repris\u00a0: sa machine n’en a plus donné de nouvelles depuis 11\u00a0min$/);
    expect(holderOf(site).host).toBe(hostname());
  });

  it("that does not read as a lock is taken over, said so", () => {
    const site = folder();
    writeFileSync(lockFileOf(site), "");
    const lines: string[] = [];
    take(site, "depeche build", "site", (line) => lines.push(line));
    expect(lines).toEqual([`le verrou illisible de ${site} (${lockFileOf(site)}) est repris`]);
  });

  it("is taken over by one run alone when several find it at once", { timeout: 60_000 }, async () => {
    const site = folder();
    leave(site, { pid: GONE_PID });
    const go = join(root, "go");
    // Each child says it is ready, waits for the word, then tries, and holds what it took for 2 s.
    const script = `
      const { existsSync } = await import("node:fs");
      const { takeRunLocks } = await import(${JSON.stringify(runLock)});
      process.stdout.write("ready ");
      while (!existsSync(${JSON.stringify(go)})) await new Promise((r) => setTimeout(r, 1));
      try {
        const lock = takeRunLocks([{ folder: ${JSON.stringify(site)}, kind: "site" }], { command: "depeche build" });
        process.stdout.write("took");
        await new Promise((r) => setTimeout(r, 2000));
        lock.release();
      } catch (error) {
        process.stdout.write(error.exitCode === 2 ? "refused" : String(error));
      }`;
    const children = Array.from({ length: 6 }, () => startChild(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script]));
    const outcomes = children.map(childOutput);
    await Promise.all(children.map((child) => said(child, "ready")));
    writeFileSync(go, "");
    const said_ = (await Promise.all(outcomes)).map((o) => o.replace("ready ", ""));
    expect(said_.filter((o) => o === "took")).toHaveLength(1);
    expect(said_.filter((o) => o === "refused")).toHaveLength(5);
    expect(existsSync(lockFileOf(site))).toBe(false);
  });
});

describe("a lock is given back", () => {
  // A child that takes the lock, says so, then waits (or throws, or exits).
  function holdingChild(then: string, listen = ""): ChildProcess {
    const script = `
      const { takeRunLocks } = await import(${JSON.stringify(runLock)});
      ${listen}
      takeRunLocks([{ folder: ${JSON.stringify(join(root, "_site"))}, kind: "site" }], { command: "depeche build" });
      process.stdout.write("held\\n");
      ${then}`;
    return startChild(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
  }

  it.each(["SIGINT", "SIGTERM", "SIGHUP"] as const)("on %s, and the run ends as the signal ends it", { timeout: 30_000 }, async (signal) => {
    const site = folder();
    const child = holdingChild("setInterval(() => {}, 1000);");
    await said(child, "held");
    expect(existsSync(lockFileOf(site))).toBe(true);
    child.kill(signal);
    expect(await ended(child)).toEqual([null, signal]);
    expect(existsSync(lockFileOf(site))).toBe(false);
  });

  it("on an error no one catches, and on process.exit()", { timeout: 30_000 }, async () => {
    const site = folder();
    const thrown = holdingChild("setTimeout(() => { throw new Error('bug'); }, 10);");
    expect((await ended(thrown))[0]).toBe(1);
    expect(existsSync(lockFileOf(site))).toBe(false);
    const exited = holdingChild("process.exit(3);");
    expect((await ended(exited))[0]).toBe(3);
    expect(existsSync(lockFileOf(site))).toBe(false);
  });

  it("only at exit when the command listens to the signal itself (the preview closes its server first)", { timeout: 30_000 }, async () => {
    const site = folder();
    const file = JSON.stringify(lockFileOf(site));
    const child = holdingChild(
      "setInterval(() => {}, 1000);",
      `const { existsSync, writeSync } = await import("node:fs");
      process.once("SIGTERM", () => {
        process.stdout.write("closing\\n");
        setTimeout(() => {
          writeSync(1, existsSync(${file}) ? "still held\\n" : "gone\\n");
          process.exit(0);
        }, 200);
      });`,
    );
    const output = childOutput(child);
    await said(child, "held");
    child.kill("SIGTERM");
    expect(await output).toBe("held\nclosing\nstill held\n");
    expect(existsSync(lockFileOf(site))).toBe(false);
  });

  it("and the run ends, when the command listens to the signal but does not end in time (exit 128 + the signal's number)", { timeout: 30_000 }, async () => {
    const site = folder();
    const child = holdingChild(
      "setInterval(() => {}, 1000);",
      // A listener that says it caught the signal, and lets the run go on.
      `process.on("SIGTERM", () => process.stdout.write("caught\\n"));`,
    );
    const output = childOutput(child);
    await said(child, "held");
    const sent = Date.now();
    child.kill("SIGTERM");
    expect(await ended(child)).toEqual([143, null]);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(SIGNAL_GRACE_MS - 100);
    expect(await output).toBe("held\ncaught\n");
    expect(existsSync(lockFileOf(site))).toBe(false);
  });
});

function childOutput(child: ChildProcess): Promise<string> {
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((done) => child.on("close", () => done(out)));
}

// The tests above lean on a process id no process has: make sure.
it("uses a process id no process has", () => {
  expect(spawnSync("kill", ["-0", String(GONE_PID)]).status).not.toBe(0);
});
