import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countArticles,
  HUGE_PAGES_FROM_FILES,
  HUGE_PAGES_TUNABLE,
  hugePagesEnvironment,
  type HugePagesSystem,
  thisSystem,
} from "../../src/threads/huge-pages.js";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { isRunning } from "../../src/files/process-running.ts";

const BIN = resolve(import.meta.dirname, "../../bin/depeche.js");

// A Linux machine with glibc 2.36 whose kernel gives huge pages to memory that asks, holding `files` articles.
function linux(files = HUGE_PAGES_FROM_FILES, overrides: Partial<HugePagesSystem> = {}): HugePagesSystem & { counted: string[] } {
  const counted: string[] = [];
  return {
    platform: "linux",
    execArgv: [],
    glibc: () => "2.36",
    thp: () => "always [madvise] never\n",
    countArticles: (dir, atMost) => {
      counted.push(dir);
      return Math.min(files, atMost);
    },
    counted,
    ...overrides,
  };
}

describe("hugePagesEnvironment", () => {
  it("runs a large archive's build and check again with malloc's huge pages, the environment kept", () => {
    for (const command of ["build", "check"]) {
      const env = hugePagesEnvironment([command], { PATH: "/usr/bin" }, linux());
      expect(env).toEqual({ PATH: "/usr/bin", GLIBC_TUNABLES: HUGE_PAGES_TUNABLE });
    }
    expect(HUGE_PAGES_TUNABLE).toBe("glibc.malloc.hugetlb=1");
  });

  it("adds the setting to the tunables already given, and leaves alone any that speaks of huge pages", () => {
    expect(hugePagesEnvironment(["build"], { GLIBC_TUNABLES: "glibc.malloc.arena_max=2" }, linux())?.GLIBC_TUNABLES).toBe(
      `glibc.malloc.arena_max=2:${HUGE_PAGES_TUNABLE}`,
    );
    expect(hugePagesEnvironment(["build"], { GLIBC_TUNABLES: "glibc.malloc.hugetlb=0" }, linux())).toBeUndefined();
    expect(hugePagesEnvironment(["build"], { GLIBC_TUNABLES: HUGE_PAGES_TUNABLE }, linux())).toBeUndefined();
  });

  it("runs as it is below the threshold, for other commands, and where the setting can give nothing", () => {
    expect(hugePagesEnvironment(["build"], {}, linux(HUGE_PAGES_FROM_FILES - 1))).toBeUndefined();
    for (const command of ["serve", "import", "new", "--help"]) expect(hugePagesEnvironment([command], {}, linux())).toBeUndefined();
    expect(hugePagesEnvironment(["build"], {}, linux(HUGE_PAGES_FROM_FILES, { platform: "darwin" }))).toBeUndefined();
    // Huge pages for every mapping already, or never; musl (no glibc) or a glibc without the tunable.
    expect(hugePagesEnvironment(["build"], {}, linux(HUGE_PAGES_FROM_FILES, { thp: () => "[always] madvise never" }))).toBeUndefined();
    expect(hugePagesEnvironment(["build"], {}, linux(HUGE_PAGES_FROM_FILES, { thp: () => "always madvise [never]" }))).toBeUndefined();
    expect(hugePagesEnvironment(["build"], {}, linux(HUGE_PAGES_FROM_FILES, { thp: () => undefined }))).toBeUndefined();
    expect(hugePagesEnvironment(["build"], {}, linux(HUGE_PAGES_FROM_FILES, { glibc: () => undefined }))).toBeUndefined();
    expect(hugePagesEnvironment(["build"], {}, linux(HUGE_PAGES_FROM_FILES, { glibc: () => "2.31" }))).toBeUndefined();
    expect(hugePagesEnvironment(["build"], {}, linux(HUGE_PAGES_FROM_FILES, { glibc: () => "2.35" }))).toBeDefined();
    expect(hugePagesEnvironment(["build"], {}, linux(HUGE_PAGES_FROM_FILES, { glibc: () => "3.0" }))).toBeDefined();
    // Help is printed at once; a debugger would be asked for its port twice.
    expect(hugePagesEnvironment(["build", "--help"], {}, linux())).toBeUndefined();
    expect(hugePagesEnvironment(["check", "-h"], {}, linux())).toBeUndefined();
    expect(hugePagesEnvironment(["build"], {}, linux(HUGE_PAGES_FROM_FILES, { execArgv: ["--inspect-brk"] }))).toBeUndefined();
  });

  it("counts the content folder the command's options name", () => {
    const system = linux();
    hugePagesEnvironment(["build", "--out", "site"], {}, system);
    hugePagesEnvironment(["check", "--json", "--content", "archive/contenu"], {}, system);
    hugePagesEnvironment(["build", "--content=ailleurs", "--no-search"], {}, system);
    hugePagesEnvironment(["build", "--", "--content", "x"], {}, system);
    // The last one given, as the command's own parsing keeps it.
    hugePagesEnvironment(["build", "--content", "a", "--content=b", "--content", "c"], {}, system);
    expect(system.counted).toEqual(["content", "archive/contenu", "ailleurs", "content", "c"]);
  });
});

describe("countArticles", () => {
  let archive: TestArchive;
  beforeAll(() => {
    archive = makeArchive();
    for (const day of ["01", "02", "03"]) archive.article(`2026/11/${day}-depeche.md`);
    archive.article("2025/12/31-fin.md");
    archive.write("articles/2026/11/notes.txt", "pas un article");
  });
  afterAll(() => archive.remove());

  it("counts the article files below articles/, up to the number asked", () => {
    expect(countArticles(archive.dir, 100)).toBe(4);
    expect(countArticles(archive.dir, 2)).toBe(2);
    expect(countArticles(join(archive.root, "nulle-part"), 100)).toBe(0);
  });
});

// The command as an editor or CI runs it, on an archive the threshold (lowered) calls large: each
// Node process it starts appends its pid, its parent's and its GLIBC_TUNABLES to a log.
describe("bin/depeche.js on a large archive", () => {
  let archive: TestArchive;
  let work: string;
  let log: string;
  let probe: string;
  beforeAll(() => {
    archive = makeArchive();
    archive.article("2026/11/30-depeche.md");
    work = mkdtempSync(join(tmpdir(), "depeche-huge-pages-"));
    log = join(work, "processes.log");
    probe = join(work, "probe.mjs");
    writeFileSync(
      probe,
      [
        `import { appendFileSync, existsSync } from "node:fs";`,
        `appendFileSync(${JSON.stringify(log)}, JSON.stringify([process.pid, process.ppid, process.env.GLIBC_TUNABLES ?? null]) + "\\n");`,
        // A relaunch's child told to wait does so before its command starts, until the file named exists.
        `const hold = process.env.DEPECHE_RELAUNCHED !== undefined && process.env.TEST_HOLD_UNTIL;`,
        `while (hold && !existsSync(hold)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);`,
        "",
      ].join("\n"),
    );
  });
  afterAll(() => {
    archive.remove();
    rmSync(work, { recursive: true, force: true });
  });

  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    DEPECHE_TSX: undefined,
    GLIBC_TUNABLES: undefined,
    DEPECHE_HUGE_PAGES_FROM: "1",
    NODE_OPTIONS: `--import=${probe}`,
  });
  // Each line written whole (one append), but the file may be read as a process has made it, still empty.
  const processes = (): [number, number, string | null][] =>
    existsSync(log)
      ? readFileSync(log, "utf8")
          .split("\n")
          .filter((line) => line !== "")
          .map((line) => JSON.parse(line) as [number, number, string | null])
      : [];
  // Whether this machine gives the setting anything (Linux, glibc 2.35+, huge pages on `madvise`).
  const relaunches = (): boolean => hugePagesEnvironment(["check", "--content", archive.dir], {}, thisSystem, 1) !== undefined;

  it("runs the command in a child with the setting, which answers for it: its output and its exit status", () => {
    rmSync(log, { force: true });
    const valid = spawnSync(process.execPath, [BIN, "check", "--content", archive.dir], { encoding: "utf8", env: env() });
    expect(valid.status).toBe(0);
    expect(valid.stdout).toMatch(/^depeche check: 1 article.*tout est valide/);
    const started = processes();
    if (relaunches()) {
      expect(started).toHaveLength(2);
      const [parent, child] = started as [[number, number, string | null], [number, number, string | null]];
      expect(parent[2]).toBeNull();
      expect(child[1]).toBe(parent[0]);
      expect(child[2]).toBe(HUGE_PAGES_TUNABLE);
    } else expect(started).toHaveLength(1);

    archive.article("2026/11/29-sans-titre.md", "---\nsource: AA\n---\nUn texte.\n");
    const invalid = spawnSync(process.execPath, [BIN, "check", "--content", archive.dir], { encoding: "utf8", env: env() });
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain("29-sans-titre.md");
    rmSync(join(archive.dir, "articles/2026/11/29-sans-titre.md"));
  });

  it("passes a signal that stops the command on to the child, and stops by it", async () => {
    rmSync(log, { force: true });
    mkdirSync(join(work, "site"), { recursive: true });
    const parent = spawn(process.execPath, [BIN, "build", "--content", archive.dir, "--out", join(work, "site", "out"), "--no-cache"], {
      env: env(),
      stdio: "ignore",
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => parent.on("exit", (code, signal) => done({ code, signal })));
    // Once every process has started (the child, when there is one).
    const expected = relaunches() ? 2 : 1;
    for (let i = 0; i < 400 && processes().length < expected; i++) await new Promise((r) => setTimeout(r, 25));
    const pids = processes().map(([pid]) => pid);
    expect(pids).toHaveLength(expected);
    parent.kill("SIGTERM");
    expect(await exited).toEqual({ code: null, signal: "SIGTERM" });
    // The parent stops only once its child has: no process of the command is left running.
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it("leaves no child running when the command is killed outright (SIGKILL), which would swap in its site later", async () => {
    rmSync(log, { force: true });
    const out = join(work, "site", "killed");
    // The child waits until the parent is killed: however loaded the machine, the kill comes before its build.
    const go = join(work, "go");
    const parent = spawn(process.execPath, [BIN, "build", "--content", archive.dir, "--out", out, "--no-cache"], {
      env: { ...env(), TEST_HOLD_UNTIL: go },
      stdio: "ignore",
    });
    const exited = new Promise<void>((done) => parent.on("exit", () => done()));
    const expected = relaunches() ? 2 : 1;
    for (let i = 0; i < 400 && processes().length < expected; i++) await new Promise((r) => setTimeout(r, 25));
    const pids = processes().map(([pid]) => pid);
    expect(pids).toHaveLength(expected);
    // The parent alone, as a user's kill -9 of the pid it was shown: not its process group.
    parent.kill("SIGKILL");
    await exited;
    writeFileSync(go, "");
    for (let i = 0; i < 200 && pids.some(isRunning); i++) await new Promise((r) => setTimeout(r, 25));
    expect(pids.filter(isRunning)).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
});

// A relaunch's child as bin/depeche.js starts it (its parent's pid in DEPECHE_RELAUNCHED, a channel
// to it), which prints the parent it recorded, asks stopIfOrphaned before its event loop could hear
// the channel close, then exits 0. Told `LATER_PARENT`, it records that pid as its parent once started,
// as if the parent it had was gone since and it was given another.
describe("stopIfOrphaned", () => {
  let work: string;
  let child: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "depeche-orphan-"));
    child = join(work, "child.mjs");
    const module = resolve(import.meta.dirname, "../../src/threads/huge-pages.js");
    writeFileSync(
      child,
      [
        `import { writeSync } from "node:fs";`,
        `import { relaunchWithHugePages, stopIfOrphaned } from ${JSON.stringify(module)};`,
        // A command that is never run again: the call only marks this process as a relaunch's child.
        `relaunchWithHugePages(["--version"], async () => {});`,
        `if (process.env.LATER_PARENT) globalThis[Symbol.for("depeche.relaunchedBy")] = Number(process.env.LATER_PARENT);`,
        `writeSync(1, String(globalThis[Symbol.for("depeche.relaunchedBy")]) + "\\n");`,
        `stopIfOrphaned();`,
        `process.exit(0);`,
      ].join("\n"),
    );
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // The child, started by this process as the relaunch of `parent`.
  function runChild(parent: number, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
    const started = spawn(process.execPath, [child], {
      env: { ...process.env, DEPECHE_RELAUNCHED: String(parent), ...env },
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    let stdout = "";
    started.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    return new Promise((done) => started.on("close", (code, signal) => done({ code, signal, stdout })));
  }

  // A parent that has exited: the child's own parent (this process) is another.
  const exited = (): number => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    expect(gone).not.toBe(process.pid);
    return gone!;
  };

  it("kills a relaunch's child whose parent is gone when it starts, before anything else", async () => {
    expect(await runChild(exited())).toEqual({ code: null, signal: "SIGKILL", stdout: "" });
  });

  it("kills a relaunch's child whose parent went since it started (it was given another), at the step it guards", async () => {
    const gone = exited();
    expect(await runChild(process.pid, { LATER_PARENT: String(gone) })).toEqual({ code: null, signal: "SIGKILL", stdout: `${gone}\n` });
  });

  it("returns in a relaunch's child whose parent is still its parent", async () => {
    expect(await runChild(process.pid)).toEqual({ code: 0, signal: null, stdout: `${process.pid}\n` });
  });
});
