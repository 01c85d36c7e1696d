/**
 * The CPU of clean builds, the build's own (every node process of the tree) apart from its
 * Pagefind services', with wall time and peaks, for one tool or several alternating round by round
 * (docs/performance.md, "The search index's CPU"), the process tree sampled by `measureTree`.
 *
 *   npx tsx bench/build-cpu.ts --content /dev/shm/c10000 --out /dev/shm/s --rounds 3 --tool ../old --tool .
 *   npx tsx bench/build-cpu.ts --content /dev/shm/c10000 --out /dev/shm/s -- --no-search
 *
 * `--tool` is a checkout of Dépêche (its `bin/depeche.js` is run; the current folder by default).
 * Whatever follows `--` is given to the build. The output folder is removed before each build and
 * after the last.
 */
import { readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { measureTree, type TreeRun } from "./process-tree.ts";

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

/** One clean build by the tool in `toolDir`, sampled. */
async function run(toolDir: string): Promise<TreeRun> {
  rmSync(values.out!, { recursive: true, force: true });
  const args = ["build", "--content", resolve(values.content!), "--out", resolve(values.out!), "--no-cache", "--now", "2027-01-01T00:00:00Z", ...positionals];
  const run = await measureTree(process.execPath, ["bin/depeche.js", ...args], resolve(toolDir));
  if (!run.ok) process.stderr.write(run.output);
  return run;
}

const rounds = Number(values.rounds);
console.log("round tool                      wall s  CPU s (build + Pagefind)   tree peak MB  Pagefind peak MB  load");
for (let round = 1; round <= rounds; round++) {
  for (const tool of values.tool) {
    const r = await run(tool);
    if (!r.ok) throw new Error(`the build by ${tool} failed`);
    const load = readFileSync("/proc/loadavg", "utf8").split(" ")[0];
    const cpu = `${(r.buildCpuSeconds + r.pagefindCpuSeconds).toFixed(1).padStart(5)} (${r.buildCpuSeconds.toFixed(1)} + ${r.pagefindCpuSeconds.toFixed(1)})`;
    console.log(
      `${String(round).padEnd(5)} ${tool.padEnd(25)} ${r.seconds.toFixed(1).padStart(6)}  ${cpu.padEnd(25)} ${r.treePeakMb.toFixed(0).padStart(13)}  ${r.pagefindPeakMb.toFixed(0).padStart(16)}  ${load}`,
    );
  }
}
rmSync(values.out, { recursive: true, force: true });
