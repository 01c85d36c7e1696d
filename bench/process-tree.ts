/**
 * Runs a command and samples its whole process tree (the build, its worker threads' process, and
 * the Pagefind services it starts) every 20 ms from /proc: each process's resident memory, and its
 * CPU (user+sys, its threads gone included) as last seen.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface TreeRun {
  seconds: number;
  ok: boolean;
  output: string;
  /** Peak of the sum of the tree's resident memory. */
  treePeakMb: number;
  /** Peak of the sum of the Pagefind services' resident memory. */
  pagefindPeakMb: number;
  /** CPU seconds (user+sys) of the tree's processes but the Pagefind services, and of the services. */
  buildCpuSeconds: number;
  pagefindCpuSeconds: number;
}

function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

// Clock ticks a second of /proc's CPU times (USER_HZ, 100 on Linux).
const TICKS = 100;
const PAGE_KB = 4;

// A process's name, resident memory and CPU ticks, from /proc/PID/stat (one read).
function processStat(pid: number): { name: string; kb: number; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    // After the name: utime and stime (fields 14 and 15, ticks), rss (24, pages).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { name, kb: Number(fields[21]) * PAGE_KB, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** Runs `command args` in `cwd`; resolves with its wall time, output and peaks. */
export function measureTree(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<TreeRun> {
  return new Promise((resolve) => {
    const start = performance.now();
    // In English, the developers' language, whose lines the bench reads (DEPECHE_LANG).
    const child = spawn(command, args, { cwd, env: { ...process.env, DEPECHE_LANG: "en", ...env } });
    const ticks = new Map<number, { pagefind: boolean; ticks: number }>();
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    let treePeak = 0;
    let pagefindPeak = 0;
    const sample = (): void => {
      let tree = 0;
      let pagefind = 0;
      const seen = new Set<number>();
      const walk = (pid: number): void => {
        if (seen.has(pid)) return;
        seen.add(pid);
        const stat = processStat(pid);
        if (!stat) return;
        tree += stat.kb;
        if (stat.name.startsWith("pagefind")) pagefind += stat.kb;
        ticks.set(pid, { pagefind: stat.name.startsWith("pagefind"), ticks: stat.ticks });
        for (const c of children(pid)) walk(c);
      };
      if (child.pid) walk(child.pid);
      treePeak = Math.max(treePeak, tree);
      pagefindPeak = Math.max(pagefindPeak, pagefind);
    };
    const timer = setInterval(sample, 20);
    child.on("close", (code) => {
      clearInterval(timer);
      const cpu = (pagefind: boolean): number => [...ticks.values()].filter((t) => t.pagefind === pagefind).reduce((n, t) => n + t.ticks / TICKS, 0);
      resolve({
        seconds: (performance.now() - start) / 1000,
        ok: code === 0,
        output,
        treePeakMb: treePeak / 1024,
        pagefindPeakMb: pagefindPeak / 1024,
        buildCpuSeconds: cpu(false),
        pagefindCpuSeconds: cpu(true),
      });
    });
  });
}
