/**
 * One Pagefind service alone: loads a corpus, plans it as a clean build does, then indexes its
 * largest search bundle through Pagefind's Node API, sampling the service's resident memory,
 * threads and CPU from /proc every 20 ms (docs/performance.md, "Where the 100,000-article peak
 * with search comes from"). The allocator's setting is the environment's, so that settings can
 * be compared (`_RJEM_MALLOC_CONF`); `BATCH` is how many pages are handed over at once (500).
 * Reads the corpus only; writes the index into a temporary folder, removed after.
 *
 *   _RJEM_MALLOC_CONF=narenas:1 npx tsx bench/pagefind-service.ts /dev/shm/c10000
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pagefind from "pagefind";
import { largestBundle } from "./largest-bundle.ts";
import { recordPage } from "../src/search/records.ts";

const BATCH = Number(process.env.BATCH ?? 500);

const contentDir = process.argv[2];
if (!contentDir) throw new Error("usage: bench/pagefind-service.ts CONTENT_DIR");
const bundle = await largestBundle(contentDir);
const records = bundle.records;
const pages = records.map(recordPage);

// This process's children (the service), and a field of their /proc files, summed.
const children = (): number[] =>
  readdirSync("/proc/self/task").flatMap((task) => readFileSync(`/proc/self/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number));
const sum = (read: (pid: number) => number): number =>
  children().reduce((total, pid) => {
    try {
      return total + read(pid);
    } catch {
      return total; // gone between the listing and the read
    }
  }, 0);
const status = (pid: number, field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
// utime and stime, in clock ticks (100 a second), after the command's name.
const ticks = (pid: number): [number, number] => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return [Number(fields[11]), Number(fields[12])];
};

let phase: "adding" | "writing" = "adding";
const peakMb = { adding: 0, writing: 0 };
let threads = 0;
let [user, system] = [0, 0];
const sample = (): void => {
  peakMb[phase] = Math.max(peakMb[phase], sum((pid) => status(pid, "VmRSS")) / 1024);
  threads = Math.max(
    threads,
    sum((pid) => status(pid, "Threads")),
  );
  user = Math.max(user, sum((pid) => ticks(pid)[0]) / 100);
  system = Math.max(system, sum((pid) => ticks(pid)[1]) / 100);
};
const timer = setInterval(sample, 20);

const outputPath = mkdtempSync(join(tmpdir(), "depeche-pagefind-"));
const start = performance.now();
const { index } = await pagefind.createIndex({ forceLanguage: "fr" });
if (!index) throw new Error("Pagefind could not start");
for (let at = 0; at < pages.length; at += BATCH) {
  await Promise.all(pages.slice(at, at + BATCH).map((page, i) => index.addHTMLFile({ url: records[at + i]!.url, content: page })));
}
const added = performance.now();
phase = "writing";
const { errors } = await index.writeFiles({ outputPath });
const written = performance.now();
sample();
clearInterval(timer);
await pagefind.close();
rmSync(outputPath, { recursive: true, force: true });
if (errors.length > 0) throw new Error(errors.join("; "));
console.log(
  JSON.stringify({
    bundle: bundle.key,
    records: records.length,
    allocator: process.env._RJEM_MALLOC_CONF ?? "(default)",
    batch: BATCH,
    addingS: +((added - start) / 1000).toFixed(1),
    writingS: +((written - added) / 1000).toFixed(1),
    peakMb: { adding: Math.round(peakMb.adding), writing: Math.round(peakMb.writing) },
    threads,
    serviceCpuS: { user, system },
  }),
);
