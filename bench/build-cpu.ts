/**
 * The CPU of clean builds, the build's own (every node process of the tree) apart from its
 * Pagefind services', with wall time and peaks, for one tool or several alternating round by round
 * (docs/performance.md, "The search index's CPU"). Each process of the tree is sampled every 20 ms
 * from /proc: its CPU (user+sys, its threads gone included) as last seen, its resident memory.
 *
 *   npx tsx bench/build-cpu.ts --content /dev/shm/c10000 --out /dev/shm/s --rounds 3 --tool ../old --tool .
 *   npx tsx bench/build-cpu.ts --content /dev/shm/c10000 --out /dev/shm/s -- --no-search
 *
 * `--tool` is a checkout of Dépêche (its `bin/depeche.js` is run; the current folder by default).
 * Whatever follows `--` is given to the build. The output folder is removed before each build and
 * after the last.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  options: {
    content: { type: "string" },
    out: { type: "string" },
    rounds: { type: "string", default: "3" },
    tool: { type: "string", multiple: true, default: ["."] },
  },
  allowPositionals: true,
});
if (!values.content || !values.out) throw new Error("usage: bench/build-cpu.ts --content DIR --out DIR [--rounds N] [--tool DIR]… [-- build options]");

interface Sample {
  name: string;
  ticks: number;
}

/** One clean build by the tool in `toolDir`, sampled. */
function run(toolDir: string): Promise<{ wall: number; nodeCpu: number; pagefindCpu: number; treeMb: number; pagefindMb: number; ok: boolean }> {
  rmSync(values.out!, { recursive: true, force: true });
  const args = [
    "bin/depeche.js",
    "build",
    "--content",
    resolve(values.content!),
    "--out",
    resolve(values.out!),
    "--no-cache",
    "--now",
    "2027-01-01T00:00:00Z",
    ...positionals,
  ];
  return new Promise((done) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: resolve(toolDir), stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, DEPECHE_LANG: "en" } });
    let errors = "";
    child.stderr?.on("data", (d) => (errors += d));
    const seen = new Map<number, Sample>();
    let [treeMb, pagefindMb] = [0, 0];
    const sample = (): void => {
      let [tree, pagefind] = [0, 0];
      const walk = (pid: number): void => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
          const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
          // After the name: utime and stime (fields 14 and 15, clock ticks), rss (24, pages).
          const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
          seen.set(pid, { name, ticks: Number(fields[11]) + Number(fields[12]) });
          const mb = (Number(fields[21]) * 4096) / 1_048_576;
          tree += mb;
          if (name.startsWith("pagefind")) pagefind += mb;
          for (const task of readdirSync(`/proc/${pid}/task`))
            for (const c of readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean)) walk(Number(c));
        } catch {
          // gone between the listing and the read
        }
      };
      if (child.pid) walk(child.pid);
      treeMb = Math.max(treeMb, tree);
      pagefindMb = Math.max(pagefindMb, pagefind);
    };
    const timer = setInterval(sample, 20);
    child.on("close", (code) => {
      clearInterval(timer);
      const cpu = (pagefind: boolean): number =>
        [...seen.values()].filter((s) => s.name.startsWith("pagefind") === pagefind).reduce((total, s) => total + s.ticks / 100, 0);
      if (code !== 0) process.stderr.write(errors);
      done({ wall: (performance.now() - start) / 1000, nodeCpu: cpu(false), pagefindCpu: cpu(true), treeMb, pagefindMb, ok: code === 0 });
    });
  });
}

const rounds = Number(values.rounds);
console.log("round tool                      wall s  CPU s (build + Pagefind)   tree peak MB  Pagefind peak MB  load");
for (let round = 1; round <= rounds; round++) {
  for (const tool of values.tool) {
    const r = await run(tool);
    if (!r.ok) throw new Error(`the build by ${tool} failed`);
    const load = readFileSync("/proc/loadavg", "utf8").split(" ")[0];
    const cpu = `${(r.nodeCpu + r.pagefindCpu).toFixed(1).padStart(5)} (${r.nodeCpu.toFixed(1)} + ${r.pagefindCpu.toFixed(1)})`;
    console.log(
      `${String(round).padEnd(5)} ${tool.padEnd(25)} ${r.wall.toFixed(1).padStart(6)}  ${cpu.padEnd(25)} ${r.treeMb.toFixed(0).padStart(13)}  ${r.pagefindMb.toFixed(0).padStart(16)}  ${load}`,
    );
  }
}
rmSync(values.out, { recursive: true, force: true });
