/**
 * The incremental build's rows of the bench (issue 17's targets): on a copy of a corpus, each
 * with its own cache, a first build, then alternating rounds of "add 10 articles", "edit one
 * article's body" and "the build's date publishes an article held back" (the clock moved past the
 * next one the corpus dates after the first build), each rebuilt incrementally with and without
 * the search index. Peak memory is
 * the resident set of the whole process tree (Pagefind's service included), sampled from /proc.
 *
 *   npx tsx bench/incremental.ts --corpus /dev/shm/c10000 --rounds 3 --out-root /dev/shm
 *
 * `npm run bench` runs it after the other rows of each size (`incrementalRows`).
 *
 * Then the publishing workflow's own case: the corpus committed to a git repository; each push a
 * fresh clone (new inodes and times), the previous run's cache, site and spare brought over by a
 * tar round trip (as actions/cache keeps them), a change committed, then
 * `build --annotate --record-urls --cache` with search, which checks the archive before it writes,
 * as the workflow runs it, and urls.txt committed back (`freshCloneRows`). Each round pushes two
 * changes: 10 articles added, then a published article removed as urls.txt says to (its file
 * deleted, its line turned into `! URL`).
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { spareFolder } from "../src/publish/stage-from-site.ts";
import { parseContractDate } from "../src/text/dates.ts";
import { parseFrontMatter } from "../src/content/frontmatter.ts";
import { readRegistries } from "../src/content/registries.ts";
import { Diagnostics } from "../src/content/diagnostics.ts";
import { measureTree } from "./process-tree.ts";

const root = resolve(import.meta.dirname, "..");

// Issue 17's targets, by archive size and step (the median of the rounds is compared).
const TARGETS: Record<number, Record<string, { seconds: number; mb?: number }>> = {
  10000: { "add 10 articles, incremental, with search": { seconds: 3 } },
  100000: {
    "add 10 articles, incremental, with search": { seconds: 10, mb: 1024 },
    "edit one body, incremental, with search": { seconds: 2 },
    "edit one body, incremental, no search": { seconds: 2 },
  },
};
const NOW = "2026-11-30T12:00:00Z";

// Each build a second after the last, as each of CI's builds has a date of its own: the corpus's
// articles dated after NOW are then read again by every build, as an embargo is in CI. A date
// fixed for every build (`--now`) hid that such an archive lost the fast path. Seconds, not
// minutes: articles are dated to the minute, and the steps that publish none must not reach one;
// the step that does moves the clock past the next (`publishHeldBack`).
let clock = Date.parse(NOW);
const buildDate = (): string => new Date((clock += 1_000)).toISOString();

/** A run with its process tree's peak as `peakMb`, as the targets read it. */
type TreeRun = Awaited<ReturnType<typeof measureTree>> & { peakMb: number };

/** One row per step: the median of the rounds, the targets of issue 17 beside them. */
export async function incrementalRows(corpus: string, work: string, rounds: number): Promise<{ rows: string[][]; notes: string[] }> {
  const size = countArticles(corpus);
  const copy = join(work, `incremental-corpus-${size}`);
  rmSync(copy, { recursive: true, force: true });
  cpSync(corpus, copy, { recursive: true });
  const variants = [
    { name: "with search", args: [] as string[] },
    { name: "no search", args: ["--no-search"] },
  ];
  const siteOf = (variant: (typeof variants)[number]): string => join(work, `incremental-site-${variant.name.replace(" ", "-")}`);
  const cacheOf = (variant: (typeof variants)[number]): string => join(work, `incremental-cache-${variant.name.replace(" ", "-")}`);
  const build = async (variant: (typeof variants)[number]): Promise<TreeRun> => {
    const run = await measureTree(
      process.execPath,
      ["bin/depeche.js", "build", "--content", copy, "--out", siteOf(variant), "--cache", cacheOf(variant), "--now", buildDate(), ...variant.args],
      root,
    );
    return { ...run, peakMb: run.treePeakMb };
  };
  const rows: string[][] = [];
  const notes: string[] = [];
  const heldBack = heldBackDates(copy, NOW);
  for (const variant of variants) {
    console.error(`bench: depeche build --cache, first build, ${variant.name} (${size})…`);
    const first = await build(variant);
    rows.push([String(size), `first build with --cache (clean), ${variant.name}`, "depeche", ...cells(first)]);
    if (!first.ok) notes.push(`first cached build ${size} failed:\n${first.output.slice(-2000)}`);
  }
  const runs = new Map<string, TreeRun[]>();
  const record = (step: string, run: TreeRun): void => {
    runs.set(step, [...(runs.get(step) ?? []), run]);
    if (!run.ok) notes.push(`${step} ${size} failed:\n${run.output.slice(-2000)}`);
  };
  // Each round: one change, then every variant rebuilt, so the variants alternate on one machine state.
  for (let round = 1; round <= rounds; round++) {
    console.error(`bench: incremental builds (${size}), round ${round} of ${rounds}…`);
    addArticles(copy, 10, round);
    for (const variant of variants) record(`add 10 articles, incremental, ${variant.name}`, await build(variant));
    editOneBody(copy, round);
    for (const variant of variants) record(`edit one body, incremental, ${variant.name}`, await build(variant));
    // An embargo lifted as CI meets it: a push after an article's date, which that build publishes.
    if (publishHeldBack(heldBack))
      for (const variant of variants) record(`the build's date publishes an article held back, ${variant.name}`, await build(variant));
  }
  for (const [step, list] of runs) report(rows, notes, size, step, list, TARGETS[size]?.[step]);
  // Their sites, spares and caches go before the fresh clones: at 100,000 articles each site and
  // its spare hold half a million files, and a tmpfs runs out of inodes before it runs out of bytes.
  rmSync(copy, { recursive: true, force: true });
  for (const variant of variants) {
    for (const path of [siteOf(variant), spareFolder(siteOf(variant)), cacheOf(variant)]) rmSync(path, { recursive: true, force: true });
  }
  // The rows measured so far are kept when the publishing loop fails (a full disk, say).
  const fresh = await freshCloneRows(corpus, work, rounds, size).catch((error: unknown) => ({
    rows: [] as string[][],
    notes: [`fresh clones ${size} failed: ${error instanceof Error ? error.message : String(error)}`],
  }));
  return { rows: [...rows, ...fresh.rows], notes: [...notes, ...fresh.notes] };
}

// What actions/cache keeps between the workflow's runs, relative to the work tree.
const KEPT_BY_CI = [".depeche/cache", "_site", "._site.spare"];

/**
 * The publishing workflow's loop: a clean first publish, then each round a fresh clone of the
 * last one, what it kept restored by tar, 10 articles committed, the build measured.
 */
async function freshCloneRows(corpus: string, work: string, rounds: number, size: number): Promise<{ rows: string[][]; notes: string[] }> {
  const ws = join(work, `fresh-clone-${size}`);
  const previous = `${ws}.previous`;
  rmSync(ws, { recursive: true, force: true });
  cpSync(corpus, join(ws, "content"), { recursive: true });
  // What the archive's repository ignores (this one's .gitignore): the site, its spare and the
  // cache, restored by tar each round, are never committed with the articles.
  writeFileSync(join(ws, ".gitignore"), "_site/\n._site.*/\n.depeche/\n");
  git(ws, "init", "-q");
  git(ws, "add", "-A");
  git(ws, "commit", "-q", "-m", "archive");
  // The bench's dates (`buildDate`), through the clock the workflow's build reads; malloc's huge
  // pages, as the workflow's build step sets them.
  const workflowEnv = (): NodeJS.ProcessEnv => ({ SOURCE_DATE_EPOCH: String(Date.parse(buildDate()) / 1000), GLIBC_TUNABLES: "glibc.malloc.hugetlb=1" });
  const build = async (): Promise<TreeRun> => {
    const args = ["build", "--annotate", "--content", "content", "--out", "_site", "--cache", ".depeche/cache", "--record-urls"];
    const run = await measureTree(process.execPath, [join(root, "bin/depeche.js"), ...args], ws, workflowEnv());
    // The workflow commits urls.txt back.
    if (run.ok) {
      git(ws, "add", "content/urls.txt");
      git(ws, "commit", "-q", "--allow-empty", "-m", "urls");
    }
    return { ...run, peakMb: run.treePeakMb };
  };
  console.error(`bench: fresh clones (${size}), first publish (clean)…`);
  const rows: string[][] = [];
  const notes: string[] = [];
  const first = await build();
  rows.push([String(size), "first publish in a git work tree, clean, with search", "depeche", ...cells(first)]);
  if (!first.ok) notes.push(`fresh clone first build ${size} failed:\n${first.output.slice(-2000)}`);
  // Each push's whole cost; the additions are held to the add's target.
  const pushes = [
    {
      step: "add 10 articles, fresh clone and cache restored by tar (CI): check and build with search, one pass",
      change: (round: number) => addArticles(join(ws, "content"), 10, round),
      target: TARGETS[size]?.["add 10 articles, incremental, with search"],
    },
    {
      step: "remove one published article (its line « ! URL »), fresh clone and cache restored by tar (CI): check and build with search, one pass",
      change: (round: number) => removePublished(join(ws, "content"), round),
    },
  ];
  const runs = new Map<string, TreeRun[]>();
  for (let round = 1; round <= rounds; round++) {
    for (const push of pushes) {
      console.error(`bench: fresh clones (${size}), round ${round} of ${rounds}: ${push.step.split(",")[0]}…`);
      rmSync(previous, { recursive: true, force: true });
      renameSync(ws, previous);
      git(work, "clone", "-q", previous, ws);
      const kept = KEPT_BY_CI.filter((path) => existsSync(join(previous, path)));
      const tar = spawnSync("bash", ["-c", `set -o pipefail; tar --posix -cf - ${kept.join(" ")} | tar -xf - -C "${ws}"`], { cwd: previous, encoding: "utf8" });
      if (tar.status !== 0) throw new Error(`tar round trip of ${kept.join(", ")} failed: ${tar.stderr.trim().split("\n").slice(0, 3).join("; ")}`);
      rmSync(previous, { recursive: true, force: true });
      push.change(round);
      git(ws, "add", "-A");
      git(ws, "commit", "-q", "-m", push.step.split(",")[0]!);
      const run = await build();
      runs.set(push.step, [...(runs.get(push.step) ?? []), run]);
      if (!run.ok) notes.push(`fresh clone round ${round} ${size}, ${push.step.split(",")[0]}, failed:\n${run.output.slice(-2000)}`);
    }
  }
  for (const push of pushes) {
    const list = runs.get(push.step);
    if (list) report(rows, notes, size, push.step, list, push.target);
  }
  rmSync(ws, { recursive: true, force: true });
  rmSync(previous, { recursive: true, force: true });
  return { rows, notes };
}

// A git command in `cwd`, with an identity of its own and no automatic repacking in the middle of a measure.
function git(cwd: string, ...args: string[]): void {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "bench",
    GIT_AUTHOR_EMAIL: "bench@example.com",
    GIT_COMMITTER_NAME: "bench",
    GIT_COMMITTER_EMAIL: "bench@example.com",
  };
  const run = spawnSync("git", ["-c", "gc.auto=0", "-c", "init.defaultBranch=main", ...args], { cwd, env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr}`);
}

/** A step's row (its median round), its rounds, its target when it has one, and the build's phases. */
function report(rows: string[][], notes: string[], size: number, step: string, runs: readonly TreeRun[], target?: { seconds: number; mb?: number }): void {
  const median = [...runs].sort((a, b) => a.seconds - b.seconds)[runs.length >> 1]!;
  rows.push([String(size), `${step}${runs.length > 1 ? `, median of ${runs.length}` : ""}`, "depeche", ...cells(median)]);
  notes.push(`${step} ${size}: ${runs.map((r) => `${r.seconds.toFixed(2)} s ${Math.round(r.peakMb)} MB`).join("; ")}`);
  if (target) {
    const met = median.ok && median.seconds <= target.seconds && (target.mb === undefined || median.peakMb <= target.mb);
    notes.push(`target ${size}, ${step}: ≤ ${target.seconds} s${target.mb ? ` and ≤ ${target.mb} MB` : ""}: ${met ? "met" : "MISSED"}`);
  }
  const phases = /depeche build: incremental build.*/.exec(median.output)?.[0];
  if (phases) notes.push(`${step} ${size}: ${phases}`);
}

function cells(run: TreeRun): string[] {
  return [run.ok ? `${run.seconds.toFixed(2)} s` : "FAILED", "", `${Math.round(run.peakMb)} MB`];
}

function countArticles(corpus: string): number {
  return readdirSync(join(corpus, "articles"), { recursive: true }).filter((name) => String(name).endsWith(".md")).length;
}

/** Adds `count` new articles, dated the corpus's last day, with titles no other article has. */
export function addArticles(corpus: string, count: number, round: number): void {
  const dir = join(corpus, "articles", "2026", "11");
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    writeFileSync(
      join(dir, `bench-${round}-${i}.md`),
      [
        "---",
        `title: "Dépêche ajoutée au banc d’essai, tour ${round}, numéro ${i}"`,
        `date: 2026-11-29T${String(8 + i).padStart(2, "0")}:${String(round % 60).padStart(2, "0")}:00+01:00`,
        'sources: ["AA"]',
        'topics: ["France"]',
        "---",
        `Un paragraphe écrit par le banc d’essai (tour ${round}, dépêche ${i}), avec « guillemets ».`,
        "",
      ].join("\n"),
    );
  }
}

/**
 * Removes a published article as an editor does: its file deleted, its line of urls.txt turned
 * into `! URL` in place. One that no body links to (a link to it would be an error), picked
 * from the published articles spread over the archive by the round.
 */
export function removePublished(content: string, round: number): void {
  const urlsPath = join(content, "urls.txt");
  const lines = readFileSync(urlsPath, "utf8").split("\n");
  const linked = new Set<string>();
  for (const name of readdirSync(join(content, "articles"), { recursive: true }).map(String)) {
    if (!name.endsWith(".md")) continue;
    for (const [url] of readFileSync(join(content, "articles", name), "utf8").matchAll(/\/\d{4}\/\d{2}\/\d{2}\/[^/)\s#?]+\//g)) linked.add(url);
  }
  const candidates = lines.flatMap((line, i) => {
    const match = /^\/(\d{4})\/(\d{2})\/(\d{2})\/([^/\s]+)\/$/.exec(line);
    const file = match && join(content, "articles", match[1]!, match[2]!, `${match[3]}-${match[4]}.md`);
    return file && !linked.has(line) && existsSync(file) ? [{ i, file }] : [];
  });
  if (candidates.length === 0) throw new Error("no published article that no body links to");
  const { i, file } = candidates[(round * 7_919) % candidates.length]!;
  rmSync(file);
  lines[i] = `! ${lines[i]} retirée par le banc d’essai, tour ${round}`;
  writeFileSync(urlsPath, lines.join("\n"));
}

/** The instants (ms) of the corpus's articles dated after `after`, soonest first: those its builds hold back. */
export function heldBackDates(corpus: string, after: string): number[] {
  // Read with the build's own readers: the site's zone from site.yaml, each date from the front
  // matter as written (a date without an offset is on the site's clock, whatever the machine's).
  const registries = readRegistries(corpus, new Diagnostics());
  const site = (registries.valid ?? registries.read)?.site;
  if (!site) throw new Error(`${corpus}: site.yaml does not read`);
  const dates: number[] = [];
  for (const name of readdirSync(join(corpus, "articles"), { recursive: true }).map(String)) {
    if (!name.endsWith(".md")) continue;
    const parsed = parseFrontMatter(readFileSync(join(corpus, "articles", name), "utf8"));
    const date = parsed.ok ? parsed.frontMatter.data.date : undefined;
    const ms = typeof date === "string" ? parseContractDate(date, site.timezone)?.epochMs : undefined;
    if (ms !== undefined && ms > Date.parse(after)) dates.push(ms);
  }
  return dates.sort((a, b) => a - b);
}

/** Moves the builds' clock past the next of `heldBack` that it has not reached (taken from the list); false when none is left. */
function publishHeldBack(heldBack: number[]): boolean {
  while (heldBack.length > 0 && heldBack[0]! <= clock) heldBack.shift();
  const next = heldBack.shift();
  if (next === undefined) return false;
  clock = Math.max(clock, next);
  return true;
}

/** Appends a sentence to the body of the first article file (sorted). */
export function editOneBody(corpus: string, round: number): void {
  const first = readdirSync(join(corpus, "articles"), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(".md"))
    .sort()[0]!;
  const path = join(corpus, "articles", first);
  readFileSync(path);
  appendFileSync(path, `\nUne phrase ajoutée au tour ${round}.\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { corpus: { type: "string" }, rounds: { type: "string", default: "3" }, "out-root": { type: "string", default: "/dev/shm" } },
  });
  if (!values.corpus) {
    console.error("usage: npx tsx bench/incremental.ts --corpus DIR [--rounds N] [--out-root DIR]");
    process.exit(2);
  }
  const work = join(values["out-root"], `depeche-incremental-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    const { rows, notes } = await incrementalRows(values.corpus, work, Number(values.rounds) || 1);
    console.log("| articles | step | tool | wall | rate | peak RSS (process tree) |\n| --- | --- | --- | --- | --- | --- |");
    for (const r of rows) console.log(`| ${r.join(" | ")} |`);
    console.log(`\n${notes.join("\n")}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
