// Plain JavaScript: bin/depeche.js asks it first, before any of Dépêche's code is loaded.
//
// glibc's malloc takes memory from the kernel in 4 KB pages, and each page's first touch is a
// page fault: 21 µs on the 2-vCPU virtual machine of docs/performance.md, where a large archive's
// buffers (the cache's columns and long strings, the files read) are faulted in again each time
// they are made. Asked to advise transparent huge pages on its memory (`glibc.malloc.hugetlb=1`,
// glibc 2.35 and later), malloc faults 2 MB at a time: at 100,000 articles an edit's build took a
// fifth less time and a check some 15 % less (a clean build with search: no gain measured).
// Tunables are read when a process starts, so the command runs again in a child that has the
// setting. A second process costs 0.15–0.2 s of CPU and 41 MB, which the setting about made up at
// 1,000 articles and not measurably at 10,000: small archives run as they are.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";

export const HUGE_PAGES_TUNABLE = "glibc.malloc.hugetlb=1";

/** From this many article files on, `build` and `check` run with malloc's huge pages. */
export const HUGE_PAGES_FROM_FILES = 20_000;

/**
 * The environment `depeche <argv>` should run again in, with malloc's huge pages, or undefined to
 * run as it is: only `build` and `check`, on Linux with glibc 2.35 or later, where the kernel gives
 * huge pages to memory that asks (`madvise`: with `always` malloc has them already), when
 * GLIBC_TUNABLES says nothing of them (`glibc.malloc.hugetlb=0` turns this off), and for an archive
 * of `fromFiles` article files or more.
 * @param {readonly string[]} argv the command's arguments (`build --content DIR …`)
 * @param {NodeJS.ProcessEnv} env
 * @param {{ platform: string, execArgv: readonly string[], glibc: () => string | undefined, thp: () => string | undefined, countArticles: (contentDir: string, atMost: number) => number }} system
 * @param {number} [fromFiles]
 * @returns {NodeJS.ProcessEnv | undefined}
 */
export function hugePagesEnvironment(argv, env, system, fromFiles = HUGE_PAGES_FROM_FILES) {
  if (system.platform !== "linux" || (argv[0] !== "build" && argv[0] !== "check")) return undefined;
  // Help is printed at once; a debugger's port would be asked twice.
  if (argv.includes("--help") || argv.includes("-h") || system.execArgv.some((flag) => flag.startsWith("--inspect"))) return undefined;
  const tunables = env.GLIBC_TUNABLES ?? "";
  if (tunables.includes("glibc.malloc.hugetlb")) return undefined;
  if (!/\[madvise\]/.test(system.thp() ?? "")) return undefined;
  if (system.countArticles(contentOption(argv), fromFiles) < fromFiles) return undefined;
  const [major = 0, minor = 0] = (system.glibc() ?? "").split(".").map(Number);
  if (major < 2 || (major === 2 && minor < 35)) return undefined;
  return { ...env, GLIBC_TUNABLES: tunables === "" ? HUGE_PAGES_TUNABLE : `${tunables}:${HUGE_PAGES_TUNABLE}` };
}

// The content folder the command reads, as its options give it (`--content DIR`, `--content=DIR`;
// the last one given, as the command's own parsing keeps it).
function contentOption(argv) {
  let content = "content";
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === "--") break;
    if (argv[i] === "--content" && i + 1 < argv.length) content = argv[++i];
    else if (argv[i].startsWith("--content=")) content = argv[i].slice("--content=".length);
  }
  return content;
}

/**
 * How many `.md` files the content folder's `articles` folder holds, counted up to `atMost`.
 * @param {string} contentDir
 * @param {number} atMost
 */
export function countArticles(contentDir, atMost) {
  let count = 0;
  const walk = (folder) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (count >= atMost) return;
      if (entry.isDirectory()) walk(join(folder, entry.name));
      else if (entry.isFile() && entry.name.endsWith(".md")) count++;
    }
  };
  walk(join(contentDir, "articles"));
  return count;
}

/** This machine, as `hugePagesEnvironment` asks it. */
export const thisSystem = {
  platform: process.platform,
  execArgv: process.execArgv,
  glibc: () => {
    try {
      // Listing the network interfaces can take seconds on some machines (Node 20.13+ can skip it).
      if (process.report) process.report.excludeNetwork = true;
      return process.report?.getReport().header.glibcVersionRuntime;
    } catch {
      return undefined;
    }
  },
  thp: () => {
    try {
      return readFileSync("/sys/kernel/mm/transparent_hugepage/enabled", "utf8");
    } catch {
      return undefined;
    }
  },
  countArticles,
};

/** Set in the child's environment to its parent's pid: it was started by `relaunchWithHugePages`, with a channel to its parent. */
const RELAUNCHED = "DEPECHE_RELAUNCHED";
// Where the child keeps its parent's pid, taken out of its environment (its own children are no
// relaunch's): on the global object, since the build's bundles load a copy of this module.
const PARENT = Symbol.for("depeche.relaunchedBy");

// The child of a relaunch stops as its parent does: a command killed is killed whole, and a build
// killed before its swap leaves the old site (a child left running would swap in its own later).
// The channel never keeps the child alive, and carries no message. A parent killed while this
// process was starting closed the channel before anyone listened (Node then drops it): the
// parent's pid tells.
function stopWithParent() {
  globalThis[PARENT] = Number(process.env[RELAUNCHED]);
  delete process.env[RELAUNCHED];
  stopIfOrphaned();
  process.channel?.unref();
  process.once("disconnect", () => process.kill(process.pid, "SIGKILL"));
}

/**
 * Stops this process as `stopWithParent` does when it is a relaunch's child whose parent is gone
 * (it was given another parent). Asked before a step that cannot be taken back, a build's swap: a
 * synchronous stretch of a small build reaches it before the channel's `disconnect` is heard.
 */
export function stopIfOrphaned() {
  const parent = globalThis[PARENT];
  if (parent !== undefined && process.ppid !== parent) process.kill(process.pid, "SIGKILL");
}

/**
 * Runs this command again in a child with malloc's huge pages when `hugePagesEnvironment` says
 * so, and returns true: this process then only passes on the signals that stop a command and
 * exits as the child does; a child that cannot be started leaves the command to `runHere`.
 * Returns false when the command should run here.
 * @param {readonly string[]} argv the command's arguments
 * @param {() => Promise<void>} runHere
 * @returns {boolean}
 */
export function relaunchWithHugePages(argv, runHere) {
  if (process.env[RELAUNCHED] !== undefined) stopWithParent();
  const env = hugePagesEnvironment(argv, process.env, thisSystem, Number(process.env.DEPECHE_HUGE_PAGES_FROM) || HUGE_PAGES_FROM_FILES);
  if (!env) return false;
  let child;
  try {
    // The channel tells the child when this process is gone, however it went (SIGKILL included).
    child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: ["inherit", "inherit", "inherit", "ipc"],
      env: { ...env, [RELAUNCHED]: String(process.pid) },
    });
  } catch {
    return false;
  }
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  const pass = (signal) => child.kill(signal);
  for (const signal of signals) process.on(signal, pass);
  let started = false;
  child.once("spawn", () => (started = true));
  child.on("error", () => {
    if (started) return;
    for (const s of signals) process.off(s, pass);
    runHere();
  });
  child.on("exit", (code, signal) => {
    // A child that never started may still report an exit: the command runs here, and goes on.
    if (!started) return;
    for (const s of signals) process.off(s, pass);
    // Stopped by a signal: this process stops by the same one, as the shell expects.
    if (signal) {
      process.exitCode = 128 + (constants.signals[signal] ?? 0);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
  return true;
}
