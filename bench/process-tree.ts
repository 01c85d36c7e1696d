/**
 * Runs a command and samples the resident memory of its whole process tree (the build, its
 * worker threads' process, and the Pagefind services it starts), every 20 ms, from /proc.
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

function residentKb(pid: number): { kb: number; name: string } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return { kb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0), name: /Name:\s+(\S+)/.exec(status)?.[1] ?? "" };
  } catch {
    return { kb: 0, name: "" };
  }
}

/** Runs `command args` in `cwd`; resolves with its wall time, output and peaks. */
export function measureTree(command: string, args: string[], cwd: string): Promise<TreeRun> {
  return new Promise((resolve) => {
    const start = performance.now();
    // In English, the developers' language, whose lines the bench reads (DEPECHE_LANG).
    const child = spawn(command, args, { cwd, env: { ...process.env, DEPECHE_LANG: "en" } });
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
        const { kb, name } = residentKb(pid);
        tree += kb;
        if (name.startsWith("pagefind")) pagefind += kb;
        for (const c of children(pid)) walk(c);
      };
      if (child.pid) walk(child.pid);
      treePeak = Math.max(treePeak, tree);
      pagefindPeak = Math.max(pagefindPeak, pagefind);
    };
    const timer = setInterval(sample, 20);
    child.on("close", (code) => {
      clearInterval(timer);
      resolve({ seconds: (performance.now() - start) / 1000, ok: code === 0, output, treePeakMb: treePeak / 1024, pagefindPeakMb: pagefindPeak / 1024 });
    });
  });
}
