/**
 * Two runs take one lock at the same moment: the one that comes second, having found no lock or a
 * stale one, finds the first's fresh lock in its place when it makes or removes one, and must
 * leave it. The file system is made to let the other run in at that moment.
 */
import * as fs from "node:fs";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { lockFileOf, takeRunLocks } from "../../src/files/run-lock.ts";

// What another run does just before this one's next rename or link: when it moves a stale lock
// aside, or makes its own.
let meanwhile: (() => void) | undefined;
vi.mock("node:fs", async (original) => {
  const real = await original<typeof fs>();
  const first = (): void => {
    const other = meanwhile;
    meanwhile = undefined;
    other?.();
  };
  return {
    ...real,
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      first();
      return real.renameSync(from, to);
    },
    linkSync: (from: fs.PathLike, to: fs.PathLike) => {
      first();
      return real.linkSync(from, to);
    },
  };
});

const lock = (pid: number, token: string): string => JSON.stringify({ pid, host: hostname(), command: "depeche build", startedAt: Date.now(), token });

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("a stale lock taken over by another run at the same moment", () => {
  it("is left to that run: its fresh lock stays, and this run is refused, naming it", () => {
    root = mkdtempSync(join(tmpdir(), "depeche-lock-race-"));
    const site = join(root, "_site");
    const file = lockFileOf(site);
    // A process id above Linux's highest (2^22): never a running process's.
    writeFileSync(file, lock(4_194_305, "stale"));
    const fresh = lock(process.ppid, "fresh");
    meanwhile = () => {
      fs.unlinkSync(file);
      writeFileSync(file, fresh);
    };
    const told: string[] = [];
    expect(() => takeRunLocks([{ folder: site, kind: "site" }], { command: "depeche build", onTakenOver: (line) => told.push(line) })).toThrow(
      `par le processus ${process.ppid} (`,
    );
    expect(readFileSync(file, "utf8")).toBe(fresh);
    expect(told).toEqual([]);
    expect(fs.readdirSync(root)).toEqual(["._site.lock"]);
  });
});

describe("a free folder locked by another run at the same moment", () => {
  it("is left to that run: its lock is not overwritten, and this run is refused, naming it", () => {
    root = mkdtempSync(join(tmpdir(), "depeche-lock-race-"));
    const site = join(root, "_site");
    const file = lockFileOf(site);
    const theirs = lock(process.ppid, "theirs");
    meanwhile = () => writeFileSync(file, theirs);
    expect(() => takeRunLocks([{ folder: site, kind: "site" }], { command: "depeche build" })).toThrow(`par le processus ${process.ppid} (`);
    expect(readFileSync(file, "utf8")).toBe(theirs);
    expect(fs.readdirSync(root)).toEqual(["._site.lock"]);
  });
});
