// Plain JavaScript: bin/depeche.js asks it first, before any of Dépêche's code is loaded.
//
// glibc's malloc takes memory from the kernel in 4 KB pages, and each page's first touch is a
// page fault: 21 µs on the 2-vCPU virtual machine of docs/performance.md, where a large archive's
// buffers (the cache's columns and long strings, the files read) are faulted in again each time
// they are made. Asked to advise transparent huge pages on its memory (`glibc.malloc.hugetlb=1`,
// glibc 2.35 and later), malloc faults 2 MB at a time: at 100,000 articles an edit's build took a
// fifth less time, a check a sixth less, a clean build 16 % less. Tunables are read when a process starts, so the command
// runs again in a child that has the setting. Below some 20,000 articles the gain was within the
// noise, and a second process costs 0.15–0.2 s of CPU and 41 MB: small archives run as they are.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
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
 * @param {{ platform: string, glibc: () => string | undefined, thp: () => string | undefined, countArticles: (contentDir: string, atMost: number) => number }} system
 * @param {number} [fromFiles]
 * @returns {NodeJS.ProcessEnv | undefined}
 */
export function hugePagesEnvironment(argv, env, system, fromFiles = HUGE_PAGES_FROM_FILES) {
  if (system.platform !== "linux" || (argv[0] !== "build" && argv[0] !== "check")) return undefined;
  const tunables = env.GLIBC_TUNABLES ?? "";
  if (tunables.includes("glibc.malloc.hugetlb")) return undefined;
  if (!/\[madvise\]/.test(system.thp() ?? "")) return undefined;
  if (system.countArticles(contentOption(argv), fromFiles) < fromFiles) return undefined;
  const [major = 0, minor = 0] = (system.glibc() ?? "").split(".").map(Number);
  if (major < 2 || (major === 2 && minor < 35)) return undefined;
  return { ...env, GLIBC_TUNABLES: tunables === "" ? HUGE_PAGES_TUNABLE : `${tunables}:${HUGE_PAGES_TUNABLE}` };
}

// The content folder the command reads, as its options give it (`--content DIR`, `--content=DIR`).
function contentOption(argv) {
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === "--") break;
    if (argv[i] === "--content" && i + 1 < argv.length) return argv[i + 1];
    if (argv[i].startsWith("--content=")) return argv[i].slice("--content=".length);
  }
  return "content";
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
  glibc: () => process.report?.getReport().header.glibcVersionRuntime,
  thp: () => {
    try {
      return readFileSync("/sys/kernel/mm/transparent_hugepage/enabled", "utf8");
    } catch {
      return undefined;
    }
  },
  countArticles,
};

/**
 * Runs this command again in a child with malloc's huge pages when `hugePagesEnvironment` says
 * so, and returns true: this process then only passes on the signals that stop a command and
 * exits as the child does. Returns false when the command should run here.
 * @param {readonly string[]} argv the command's arguments
 * @returns {boolean}
 */
export function relaunchWithHugePages(argv) {
  const env = hugePagesEnvironment(argv, process.env, thisSystem, Number(process.env.DEPECHE_HUGE_PAGES_FROM) || HUGE_PAGES_FROM_FILES);
  if (!env) return false;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env });
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  const pass = (signal) => child.kill(signal);
  for (const signal of signals) process.on(signal, pass);
  child.on("exit", (code, signal) => {
    for (const s of signals) process.off(s, pass);
    // Stopped by a signal: this process stops by the same one, as the shell expects.
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
  return true;
}
