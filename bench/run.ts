/**
 * `npm run bench`: speed and memory figures for check and build, beside Hugo when it is installed.
 *
 *   npm run bench                        # 1,000 and 10,000 articles
 *   npm run bench -- --sizes 1000,100000 --out-root /dev/shm --no-hugo
 *   npm run bench -- --sizes 10000 --rounds 8
 *   npm run bench -- --sizes 1000 --lighthouse     # and Lighthouse's scores (an extra check, not timed)
 *   npm run bench -- --no-photos         # without the photos' rows (bench/photos.ts)
 *
 * Needs ../shared (the corpus generator and the Hugo peer). Machines are noisy, and their speed
 * drifts within minutes: with Hugo installed, the two builds alternate for `--rounds` rounds
 * (3 by default) and are compared round by round, as ratios. It ends with issue 17's targets,
 * pass or fail (bench/targets.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkLinks, formatBrokenLinks } from "../tests/helpers/link-check.ts";
import { startDevServer } from "../src/serve/dev-server.ts";
import { formatScores, LIGHTHOUSE_MIN, lighthouseScores } from "./lighthouse.ts";
import { measureTree, type TreeRun } from "./process-tree.ts";
import { measureSearch } from "./search-browser.ts";
import { type BenchResults, formatTargets, type Measured, TARGETS } from "./targets.ts";
import { benchPhotos } from "./photos.ts";
import { incrementalRows } from "./incremental.ts";

const root = resolve(import.meta.dirname, "..");
const shared = resolve(root, "../shared");
const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    "out-root": { type: "string", default: tmpdir() },
    "no-hugo": { type: "boolean", default: false },
    rounds: { type: "string", default: "3" },
    lighthouse: { type: "boolean", default: false },
    "no-photos": { type: "boolean", default: false },
  },
});

interface Run extends Measured, TreeRun {}

/**
 * The builds' date: after the corpus's last article (generate.mjs dates them up to the end of
 * 2026), so that none is held back as dated in the future and the site is the one verify.mjs
 * expects, whatever the clock says.
 */
const BUILD_NOW = "2027-01-01T00:00:00Z";

/**
 * Runs a command, measuring wall time and the peak memory of its whole process tree (issue 17:
 * children included, such as Pagefind's services).
 */
async function measure(command: string, args: string[], cwd = root): Promise<Run> {
  const run = await measureTree(command, args, cwd);
  return { ...run, ...(run.treePeakMb > 0 ? { peakMb: run.treePeakMb } : {}) };
}

/** The run of median wall time (the later one of the middle two). */
function median(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[runs.length >> 1]!;
}

/** Wall and peak memory ratios, round by round, with their medians. */
function compareRounds(ours: Run[], theirs: Run[]): string {
  const ratios = (of: (run: Run) => number | undefined): number[] => ours.map((run, i) => (of(run) ?? NaN) / (of(theirs[i]!) ?? NaN));
  const describe = (values: number[]): string => {
    if (values.some(Number.isNaN)) return "n/a";
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length % 2 ? sorted[sorted.length >> 1]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
    return values.length > 1 ? `${values.map((v) => v.toFixed(2)).join(", ")} (median ${mid.toFixed(2)})` : mid.toFixed(2);
  };
  return `wall ratio ${describe(ratios((run) => run.seconds))}, peak memory ratio ${describe(ratios((run) => run.peakMb))}`;
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(" | ")} |`;
}

function fmt(run: Run, units: number, unit: string): string[] {
  return [
    run.ok ? `${run.seconds.toFixed(2)} s` : "FAILED",
    run.ok ? `${Math.round(units / run.seconds).toLocaleString("en-US")} ${unit}/s` : "",
    run.peakMb ? `${Math.round(run.peakMb)} MB` : "n/a",
  ];
}

if (!existsSync(join(shared, "corpus/generate.mjs"))) {
  console.error("bench: ../shared/corpus/generate.mjs is missing; the benchmark needs the shared corpus generator beside this repository.");
  process.exit(2);
}
const hugo = !values["no-hugo"] && spawnSync("hugo", ["version"], { encoding: "utf8" }).status === 0;
const work = join(values["out-root"], `depeche-bench-${process.pid}`);
mkdirSync(work, { recursive: true });
const rows: string[] = [row(["articles", "step", "tool", "wall", "rate", "peak RSS"]), row(["---", "---", "---", "---", "---", "---"])];
const notes: string[] = [];
let lighthouseTable = "";
const lighthouseFailures: string[] = [];
const results: BenchResults = { cleanBuilds: [] };

try {
  for (const size of values.sizes.split(",").map(Number)) {
    const corpus = join(work, `corpus-${size}`);
    console.error(`bench: generating ${size.toLocaleString("en-US")} articles…`);
    spawnSync(process.execPath, [join(shared, "corpus/generate.mjs"), "--count", String(size), "--out", corpus], { stdio: "ignore" });

    console.error(`bench: depeche check (${size})…`);
    const check = await measure(process.execPath, ["bin/depeche.js", "check", "--content", corpus]);
    rows.push(row([size, "check", "depeche", ...fmt(check, size, "articles")]));

    const site = join(work, `site-${size}`);
    // The site shape Hugo builds too (no search), alternating with Hugo, then the whole build
    // with its search index.
    const peer = hugo ? join(work, `hugo-${size}`) : undefined;
    if (peer) spawnSync(process.execPath, [join(shared, "peers/convert.mjs"), "--gen", "hugo", "--corpus", corpus, "--out", peer], { stdio: "ignore" });
    const rounds = peer ? Math.max(1, Number(values.rounds) || 1) : 1;
    const builds: Run[] = [];
    const peerBuilds: Run[] = [];
    for (let round = 1; round <= rounds; round++) {
      console.error(`bench: depeche build --no-search (${size})${peer ? `, then hugo, round ${round} of ${rounds}` : ""}…`);
      rmSync(site, { recursive: true, force: true });
      builds.push(await measure(process.execPath, ["bin/depeche.js", "build", "--content", corpus, "--out", site, "--now", BUILD_NOW, "--no-search"]));
      if (peer) {
        rmSync(join(peer, "public"), { recursive: true, force: true });
        peerBuilds.push(await measure("hugo", ["--quiet"], peer));
      }
    }
    const build = median(builds);
    const pages = Number(/planned ([\d,]+) pages/.exec(build.output)?.[1]?.replaceAll(",", "") ?? 0);
    rows.push(
      row([
        size,
        `build, no search (${pages.toLocaleString("en-US")} pages)${rounds > 1 ? `, median of ${rounds}` : ""}`,
        "depeche",
        ...fmt(build, pages, "pages"),
      ]),
    );
    const failed = builds.find((b) => !b.ok);
    if (failed) notes.push(`depeche build ${size} failed:\n${failed.output.slice(-2000)}`);
    if (peer) {
      rows.push(
        row([
          size,
          `build (${pages.toLocaleString("en-US")} pages)${rounds > 1 ? `, median of ${rounds}` : ""}`,
          "hugo",
          ...fmt(median(peerBuilds), pages, "pages"),
        ]),
      );
      if (builds.every((b) => b.ok) && peerBuilds.every((h) => h.ok)) notes.push(`build ${size}: depeche/hugo ${compareRounds(builds, peerBuilds)}`);
    }
    rmSync(site, { recursive: true, force: true });
    console.error(`bench: depeche build with search (${size})…`);
    const full = await measure(process.execPath, ["bin/depeche.js", "build", "--content", corpus, "--out", site, "--now", BUILD_NOW]);
    results.cleanBuilds.push({ size, depeche: builds, hugo: peerBuilds, withSearch: full });
    rows.push(
      row([
        size,
        "build with search index",
        "depeche",
        `${full.seconds.toFixed(2)} s`,
        `${Math.round(pages / full.seconds).toLocaleString("en-US")} pages/s`,
        `${Math.round(full.treePeakMb)} MB (process tree)`,
      ]),
    );
    // A clean build indexes while it writes its pages: the indexing phase's own time overlaps the
    // writing, and the search index's share is what it adds to the build, (with − without) / with,
    // against the median build without search of the same size.
    const indexed = Number(/indexed .* \((\d+\.\d+) s\)/.exec(full.output)?.[1] ?? Number.NaN);
    if (full.ok && build.ok) {
      const added = full.seconds - build.seconds;
      rows.push(
        row([
          size,
          `of which: search index, build with search − build without (${Math.round((100 * added) / full.seconds)}% of the build with search)` +
            (Number.isNaN(indexed) ? "" : `; indexing phase ${indexed.toFixed(2)} s, overlapping the page writing`),
          "depeche",
          `${added.toFixed(2)} s`,
          "",
          `${Math.round(full.pagefindPeakMb)} MB (Pagefind services)`,
        ]),
      );
    }
    if (full.ok) {
      console.error(`bench: the search page in Chromium (${size})…`);
      const search = await measureSearch(site).catch((error: Error) => {
        notes.push(`search page ${size}: ${error.message}`);
        return undefined;
      });
      if (search) {
        rows.push(
          row([
            size,
            "search page opened, then search's fixed costs (runtime, bundles, their rows) paid while idle",
            "depeche",
            `${Math.round(search.openKb)} KB, ${search.openRequests} requests, ready at ${Math.round(search.openReadyMs)} ms`,
            "",
            "",
          ]),
        );
        // Timed in the page, from the Enter key to the frame that shows the result; beside it, the same timed by Playwright from outside.
        const timed = (inPage: number, driver: number): string => `${Math.round(inPage)} ms (${Math.round(driver)} ms timed from outside the page)`;
        rows.push(row([size, `first search, submit → results (${search.results})`, "depeche", timed(search.firstMs, search.firstDriverMs), "", ""]));
        rows.push(
          row([
            size,
            "first search, submit → count announced",
            "depeche",
            `${Math.round(search.firstCountedMs)} ms (Chromium CPU ${search.firstCpuMs} ms)`,
            "",
            "",
          ]),
        );
        rows.push(row([size, "first search, transferred", "depeche", `${Math.round(search.firstKb)} KB, ${search.firstRequests} requests`, "", ""]));
        rows.push(row([size, "next search, submit → results", "depeche", timed(search.nextMs, search.nextDriverMs), "", ""]));
        rows.push(
          row([
            size,
            "next search, submit → count announced",
            "depeche",
            `${Math.round(search.nextCountedMs)} ms (Chromium CPU ${search.nextCpuMs} ms)`,
            "",
            "",
          ]),
        );
      }
    }
    if (full.ok) {
      const links = checkLinks(site, { baseUrl: /^baseUrl:\s*"?([^"\s]+)/m.exec(readFileSync(join(corpus, "site.yaml"), "utf8"))?.[1] });
      rows.push(
        row([
          size,
          `link check (${links.pages.toLocaleString("en-US")} pages, ${links.links.toLocaleString("en-US")} links)`,
          "depeche",
          `${(links.ms / 1000).toFixed(2)} s`,
          `${Math.round(links.pages / (links.ms / 1000)).toLocaleString("en-US")} pages/s`,
          "",
        ]),
      );
      if (links.broken.length > 0) notes.push(`link check ${size}: ${links.broken.length} broken, e.g. ${formatBrokenLinks(links.broken.slice(0, 3))}`);
    }
    if (full.ok && values.lighthouse && !lighthouseTable) {
      console.error(`bench: Lighthouse on the ${size.toLocaleString("en-US")}-article site…`);
      const { table, failures } = formatScores(await lighthouseScores(site));
      lighthouseTable = `Lighthouse 12, mobile (${size.toLocaleString("en-US")} articles), at least ${LIGHTHOUSE_MIN} in every category:\n\n${table}`;
      if (failures.length > 0) {
        lighthouseFailures.push(...failures);
        process.exitCode = 1;
      }
    }
    const phases = [...build.output.matchAll(/depeche build: (read|planned|wrote [\d,]+ pages?|wrote [\d,]+ feed)[^(]*\((\d+\.\d+) s\)/g)].map(
      (m) => `${m[1]!.split(" ")[0]} ${m[2]} s`,
    );
    notes.push(`build phases ${size} (no search): ${phases.join(", ")}`);

    const verify = spawnSync(process.execPath, [join(shared, "peers/verify.mjs"), "--corpus", corpus, "--site", site, "--name", "depeche"], {
      encoding: "utf8",
    });
    notes.push(`verify ${size}: ${verify.stdout.trim()}`);

    if (build.ok && size <= 10_000) {
      console.error(`bench: interrupted builds (${size})…`);
      notes.push(`interrupted builds ${size}: ${killBuilds(corpus, site, build.seconds)}`);
    }
    rmSync(site, { recursive: true, force: true });

    console.error(`bench: depeche serve, one edit (${size})…`);
    const edit = await measureServeEdit(corpus, join(work, `preview-${size}`));
    rows.push(row([size, "serve: start (pages served)", "depeche", `${(edit.startMs / 1000).toFixed(2)} s`, "", ""]));
    rows.push(row([size, "serve: then the search index made", "depeche", `${(edit.searchMs / 1000).toFixed(2)} s`, "", ""]));
    rows.push(row([size, `serve: save one article → pages rewritten (${edit.pages})`, "depeche", `${Math.round(edit.editMs)} ms`, "", ""]));
    const [redate, removal] = edit.moves;
    rows.push(row([size, `serve: re-date it within its day → pages rewritten (${redate!.pages})`, "depeche", `${Math.round(redate!.ms)} ms`, "", ""]));
    rows.push(row([size, `serve: remove another → pages rewritten or removed (${removal!.pages})`, "depeche", `${Math.round(removal!.ms)} ms`, "", ""]));
    rows.push(
      row([size, `serve: rename one topic in topics.yaml → pages rewritten (${edit.topicPages})`, "depeche", `${Math.round(edit.topicMs)} ms`, "", ""]),
    );

    if (!values["no-photos"]) {
      console.error(`bench: photos on one article in ten (${size}), encoded then cached…`);
      const photos = await benchPhotos({ corpus, work: join(work, `photos-${size}`), rounds: Math.max(2, Number(values.rounds) || 2) });
      rows.push(...photos.rows.map(row));
      notes.push(...photos.notes);
    }

    // Issue 17's incremental targets, on a copy of the corpus (bench/incremental.ts).
    const incremental = await incrementalRows(corpus, work, Math.max(1, Number(values.rounds) || 1));
    rows.push(...incremental.rows.map(row));
    notes.push(...incremental.notes);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * Kills builds (SIGKILL) at points spread over a build's length, each over a complete site:
 * the site left must verify as complete every time.
 */
function killBuilds(corpus: string, site: string, buildSeconds: number): string {
  const results: string[] = [];
  for (const fraction of [0.1, 0.4, 0.7, 0.9, 0.99]) {
    const delayMs = Math.round(fraction * buildSeconds * 1000);
    spawnSync(process.execPath, ["bin/depeche.js", "build", "--content", corpus, "--out", site, "--now", BUILD_NOW], {
      cwd: root,
      timeout: delayMs,
      killSignal: "SIGKILL",
      stdio: "ignore",
    });
    // The next build restores a site whose swap was cut between its two renames.
    if (!existsSync(join(site, "index.html")))
      spawnSync(process.execPath, ["bin/depeche.js", "build", "--content", corpus, "--out", site, "--now", BUILD_NOW], { cwd: root, stdio: "ignore" });
    const verify = spawnSync(process.execPath, [join(shared, "peers/verify.mjs"), "--corpus", corpus, "--site", site, "--name", "site"], { encoding: "utf8" });
    results.push(`${delayMs} ms ${verify.status === 0 ? "whole" : `BROKEN (${verify.stdout.trim()})`}`);
  }
  return results.join(", ");
}

/**
 * Starts the dev server on a corpus, saves one article with a corrected body, times until its pages
 * are rewritten; likewise once it is re-dated within its day, and once another is removed. (A new title would change the article's URL: were it in urls.txt, the preview
 * would show that error instead of rewriting pages.) Then renames one topic in topics.yaml and times
 * the same, the preview rewriting that topic's pages and its articles'.
 */
async function measureServeEdit(
  corpus: string,
  outDir: string,
): Promise<{ startMs: number; searchMs: number; editMs: number; pages: number; moves: { ms: number; pages: number }[]; topicMs: number; topicPages: number }> {
  const start = performance.now();
  const server = await startDevServer({ contentDir: corpus, outDir, port: 0, drafts: true });
  const startMs = performance.now() - start;
  // The first build's index is made once the server is up; the edit is timed after it.
  await server.session.freshSearch();
  const searchMs = performance.now() - start - startMs;
  const year = readdirSync(join(corpus, "articles")).sort()[0]!;
  const month = readdirSync(join(corpus, "articles", year)).sort()[0]!;
  const file = join(corpus, "articles", year, month, readdirSync(join(corpus, "articles", year, month)).sort()[0]!);
  const updated = server.nextUpdate();
  const editStart = performance.now();
  writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()}\n\nCorrigé : une précision ajoutée.\n`);
  const update = await updated;
  if (update.outcome !== "updated")
    throw new Error(`serve: the edit gave "${update.outcome}", not an update: ${JSON.stringify(update.diagnostics?.slice(0, 3))}`);
  const editMs = performance.now() - editStart;

  // The article re-dated within its day (its place in its lists moves), then another removed: the
  // pages they showed and enter are planned, the others kept.
  const moves: { ms: number; pages: number }[] = [];
  const second = unlinkedArticle(corpus, dirname(file), file);
  for (const save of [
    () => writeFileSync(file, readFileSync(file, "utf8").replace(/^(date: "?\d{4}-\d\d-\d\d)T\d\d:\d\d/m, "$1T23:59")),
    () => rmSync(second),
  ]) {
    const moved = server.nextUpdate();
    const moveStart = performance.now();
    save();
    const update = await moved;
    if (update.outcome !== "updated")
      throw new Error(`serve: the move gave "${update.outcome}", not an update: ${JSON.stringify(update.diagnostics?.slice(0, 3))}`);
    moves.push({ ms: performance.now() - moveStart, pages: update.urls.length });
  }

  // A topic's label changed: its pages and its articles' pages are rewritten, not the whole site.
  const topicsFile = join(corpus, "topics.yaml");
  const topics = readFileSync(topicsFile, "utf8");
  const label = /^ {2}label: "?([^"\n]+)"?$/m.exec(topics)![1]!;
  const topicUpdated = server.nextUpdate();
  const topicStart = performance.now();
  writeFileSync(topicsFile, topics.replace(`label: "${label}"`, `label: "${label} (modifié)"`).replace(`label: ${label}\n`, `label: "${label} (modifié)"\n`));
  const topicUpdate = await topicUpdated;
  if (topicUpdate.outcome !== "updated") throw new Error(`serve: the topics.yaml edit gave "${topicUpdate.outcome}", not an update`);
  const topicMs = performance.now() - topicStart;
  writeFileSync(topicsFile, topics);
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
  return { startMs, searchMs, editMs, pages: update.urls.length, moves, topicMs, topicPages: topicUpdate.urls.length };
}

// An article of a folder that no body links to (a removal would break that link: an error, no update), not `but`.
function unlinkedArticle(corpus: string, folder: string, but: string): string {
  const linked = new Set<string>();
  for (const path of readdirSync(join(corpus, "articles"), { recursive: true }).map(String))
    if (path.endsWith(".md"))
      for (const [url] of readFileSync(join(corpus, "articles", path), "utf8").matchAll(/\/\d{4}\/\d\d\/\d\d\/[a-z0-9-]+\//g)) linked.add(url);
  const [year, month] = folder.split("/").slice(-2);
  const name = readdirSync(folder)
    .sort()
    .find((name) => join(folder, name) !== but && !linked.has(`/${year}/${month}/${name.slice(0, 2)}/${name.slice(3, -3)}/`));
  if (!name) throw new Error(`serve: every article of ${folder} is linked to`);
  return join(folder, name);
}

console.log(
  `\nDépêche benchmark (${new Date().toISOString().slice(0, 10)}, output under ${values["out-root"]}${hugo ? "" : ", hugo not installed: apt-get install hugo for the peer figures"})\n`,
);
console.log(rows.join("\n"));
console.log(`\n${notes.join("\n")}`);
if (lighthouseTable) console.log(`\n${lighthouseTable}`);
if (lighthouseFailures.length > 0) console.error(`\nLighthouse: FAILED, under ${LIGHTHOUSE_MIN}:\n${lighthouseFailures.join("\n")}`);
console.log(`\nIssue 17's targets (ratios to Hugo: round by round, alternating builds, median)\n`);
console.log(formatTargets(TARGETS.flatMap((targets) => targets(results))));
