/**
 * What in a search record costs Pagefind's CPU: indexes the largest search bundle of a corpus in
 * a lone Pagefind service once per variant of the record (or of the service's options), the
 * variants alternating round after round, and reports each one's service CPU (user+sys, from
 * /proc) while pages are added and while files are written, per record. Reads the corpus only;
 * writes each index into a temporary folder, removed after.
 *
 *   npx tsx bench/record-shapes.ts /dev/shm/c10000 [rounds] [variant,…]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pagefind from "pagefind";
import { largestBundle } from "./largest-bundle.ts";
import { SERVICE_MALLOC_CONF } from "../src/search/indexer.ts";
import { SEARCH_FILTERS } from "../src/search/markers.ts";
import { recordPage, type SearchRecord } from "../src/search/records.ts";

const BATCH = 500;

const [contentDir, roundsArg, only] = process.argv.slice(2);
if (!contentDir) throw new Error("usage: bench/record-shapes.ts CONTENT_DIR [ROUNDS] [VARIANT,…]");
const rounds = Number(roundsArg ?? 3);
const bundle = await largestBundle(contentDir);
const records = bundle.records;

const esc = (v: string): string => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const filterSpans = (r: SearchRecord): string =>
  [...r.topics.map((t) => `${SEARCH_FILTERS.topic}:${t}`), ...r.sources.map((s) => `${SEARCH_FILTERS.source}:${s}`), `${SEARCH_FILTERS.year}:${r.year}`]
    .map((f) => `<span data-pagefind-filter="${esc(f)}"></span>`)
    .join("");
const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
// What the current page holds inside its body marker, taken from it (typography and elisions included).
const inner = (r: SearchRecord): string => /<main data-pagefind-body>(.*)<\/main>/s.exec(recordPage(r))![1]!;

type Add = (index: pagefind.PagefindIndex, r: SearchRecord) => Promise<pagefind.NewFileResponse>;
const html =
  (page: (r: SearchRecord) => string): Add =>
  (index, r) =>
    index.addHTMLFile({ url: r.url, content: page(r) });
interface Variant {
  add: Add;
  options?: pagefind.PagefindServiceConfig;
  files?: "get";
}
const variants: Record<string, Variant> = {
  current: { add: html(recordPage) },
  // No body marker: Pagefind reads the whole <body> (filter spans hold no text).
  nomain: { add: html((r) => `<html lang="fr"><body>${inner(r)}${filterSpans(r)}</body></html>`) },
  // The h1 with an id: Pagefind makes an anchor (sub-result) of it.
  h1id: { add: html((r) => recordPage(r).replace("<h1>", '<h1 id="t">')) },
  // Body as one block: every paragraph and list item in one <p>.
  oneblock: {
    add: html((r) => {
      const m = /^(<h1>.*?<\/h1>)(.*)$/s.exec(inner(r))!;
      return `<html lang="fr"><body><main data-pagefind-body>${m[1]}<p>${text(m[2]!)}</p></main><div>${filterSpans(r)}</div></body></html>`;
    }),
  },
  // Title given as metadata as well as the heading.
  metatitle: { add: html((r) => recordPage(r).replace("<h1>", `<h1 data-pagefind-meta="title">`)) },
  // No filters at all (a floor, not a candidate: the rows need them).
  nofilters: { add: html((r) => `<html lang="fr"><body><main data-pagefind-body>${inner(r)}</main></body></html>`) },
  // A custom record: the same words as plain text, title as metadata (loses the title's weight).
  custom: {
    add: (index, r) => {
      const m = /^<h1>(.*?)<\/h1>(.*)$/s.exec(inner(r))!;
      return index.addCustomRecord({
        url: r.url,
        content: `${text(m[1]!)} ${text(m[2]!)}`,
        language: "fr",
        meta: { title: text(m[1]!) },
        filters: { [SEARCH_FILTERS.topic]: r.topics, [SEARCH_FILTERS.source]: r.sources, [SEARCH_FILTERS.year]: [r.year] },
      });
    },
  },
  // Service options.
  noexclude: { add: html(recordPage), options: { excludeSelectors: [] } },
  rootmain: { add: html(recordPage), options: { rootSelector: "main" } },
  quiet: { add: html(recordPage), options: { writePlayground: false, verbose: false, keepIndexUrl: true } },
  // The files kept in memory (getFiles) rather than written.
  getfiles: { add: html(recordPage), files: "get" },
  // Fragments grouped into fewer files (Pagefind's `maxFragments`).
  // As many as the records: one file a fragment, as without the option.
  fragall: { add: html(recordPage), options: { maxFragments: records.length } },
  frag2500: { add: html(recordPage), options: { maxFragments: 2500 } },
  frag1000: { add: html(recordPage), options: { maxFragments: 1000 } },
  frag200: { add: html(recordPage), options: { maxFragments: 200 } },
};

const children = (): number[] =>
  readdirSync("/proc/self/task").flatMap((task) => readFileSync(`/proc/self/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number));
// The service's user+sys seconds (clock ticks of 10 ms), threads gone included.
const cpu = (others: Set<number>): number =>
  children()
    .filter((pid) => !others.has(pid))
    .reduce((total, pid) => {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return total + (Number(fields[11]) + Number(fields[12])) / 100;
    }, 0);

async function run(variant: Variant): Promise<{ addS: number; writeS: number; addCpu: number; writeCpu: number }> {
  process.env._RJEM_MALLOC_CONF ??= SERVICE_MALLOC_CONF;
  const outputPath = mkdtempSync(join(tmpdir(), "depeche-shapes-"));
  const before = new Set(children());
  try {
    const { index } = await pagefind.createIndex({ forceLanguage: "fr", ...variant.options });
    if (!index) throw new Error("Pagefind could not start");
    const c0 = cpu(before);
    const t0 = performance.now();
    for (let at = 0; at < records.length; at += BATCH) {
      const added = await Promise.all(records.slice(at, at + BATCH).map((r) => variant.add(index, r)));
      const errors = added.flatMap((a) => a.errors);
      if (errors.length) throw new Error(errors.join("; "));
    }
    const c1 = cpu(before);
    const t1 = performance.now();
    if (variant.files === "get") {
      const { errors } = await index.getFiles();
      if (errors.length) throw new Error(errors.join("; "));
    } else {
      const { errors } = await index.writeFiles({ outputPath });
      if (errors.length) throw new Error(errors.join("; "));
    }
    const c2 = cpu(before);
    const t2 = performance.now();
    return { addS: (t1 - t0) / 1000, writeS: (t2 - t1) / 1000, addCpu: c1 - c0, writeCpu: c2 - c1 };
  } finally {
    await pagefind.close();
    if (process.env.KEEP) {
      const sizes = readdirSync(join(outputPath, "fragment")).map((f) => statSync(join(outputPath, "fragment", f)).size);
      console.error(`${sizes.length} fragment files, ${Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length)} B each on average`);
    }
    rmSync(outputPath, { recursive: true, force: true });
    // The service gone before the next one starts: its CPU must not count in the next's.
    while (children().some((pid) => !before.has(pid))) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const names = only ? only.split(",") : Object.keys(variants);
const results = new Map<string, { addCpu: number[]; writeCpu: number[]; addS: number[]; writeS: number[] }>();
for (let round = 0; round < rounds; round++) {
  for (const name of names) {
    const r = await run(variants[name]!);
    const row = results.get(name) ?? { addCpu: [], writeCpu: [], addS: [], writeS: [] };
    row.addCpu.push(r.addCpu);
    row.writeCpu.push(r.writeCpu);
    row.addS.push(r.addS);
    row.writeS.push(r.writeS);
    results.set(name, row);
    console.error(`round ${round + 1} ${name}: add ${r.addCpu.toFixed(2)} s cpu, write ${r.writeCpu.toFixed(2)} s cpu`);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`bundle ${bundle.key}: ${records.length} records, ${rounds} rounds, medians (service CPU user+sys)`);
console.log("variant     add ms/rec  write ms/rec  total ms/rec  add s  write s (wall)");
for (const [name, r] of results) {
  const a = (median(r.addCpu) * 1000) / records.length;
  const w = (median(r.writeCpu) * 1000) / records.length;
  console.log(
    `${name.padEnd(11)} ${a.toFixed(3).padStart(10)}  ${w.toFixed(3).padStart(12)}  ${(a + w).toFixed(3).padStart(12)}  ${median(r.addS).toFixed(1).padStart(5)}  ${median(r.writeS).toFixed(1).padStart(7)}`,
  );
}
