/**
 * The Lighthouse check of the bench (not a timed figure): Lighthouse 12 with Debian's Chromium on
 * the home, an article, a topic and the search page of a built site served on the loopback; the
 * four category scores of each page, and a failure under `LIGHTHOUSE_MIN`.
 *
 *   npx tsx bench/lighthouse.ts --site /dev/shm/me-out [--runs 3]   # a site already built
 *   npm run bench -- --sizes 1000 --lighthouse             # the bench builds one, and checks it
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import lighthouse from "lighthouse";
import { serveFolder } from "../tests/helpers/static-server.ts";
import { findChromium } from "../tests/helpers/chromium.ts";

export const LIGHTHOUSE_MIN = 95;
/** Runs per page: performance varies with the machine's load from one run to the next. */
export const LIGHTHOUSE_RUNS = 3;
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
/** Headless, and quiet: this machine's network is closed, and Chromium's own calls would be refused. */
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface PageScores {
  kind: string;
  url: string;
  /** 0–100 by category; NaN when Lighthouse could not score it. */
  scores: Record<(typeof CATEGORIES)[number], number>;
  /** The audits that cost points, by category, for a score under the minimum. */
  failing: string[];
}

/** The pages Lighthouse is run on: home, the newest article, the topic with the most articles (an indexed one), search. */
export function pagesToCheck(site: string): { kind: string; url: string }[] {
  const article = newestArticle(site);
  const topics = readdirSync(join(site, "sujets"), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({
      url: `/sujets/${e.name}/`,
      size: readdirSync(join(site, "sujets", e.name)).length,
      html: readFileSync(join(site, "sujets", e.name, "index.html"), "utf8"),
    }))
    .filter((t) => !t.html.includes('name="robots" content="noindex"'))
    .sort((a, b) => b.html.length - a.html.length);
  return [
    { kind: "home", url: "/" },
    { kind: "article", url: article },
    { kind: "topic", url: topics[0]?.url ?? "/sujets/" },
    { kind: "search", url: "/recherche/" },
  ];
}

function newestArticle(site: string): string {
  const newest = (dir: string, pattern: RegExp): string =>
    readdirSync(dir)
      .filter((name) => pattern.test(name))
      .sort()
      .at(-1)!;
  const year = newest(site, /^\d{4}$/);
  const month = newest(join(site, year), /^\d\d$/);
  const day = newest(join(site, year, month), /^\d\d$/);
  const slug = readdirSync(join(site, year, month, day), { withFileTypes: true }).find((e) => e.isDirectory())!.name;
  return `/${year}/${month}/${day}/${slug}/`;
}

/** Starts Chromium with a DevTools port and waits until it listens. */
async function startChromium(profile: string): Promise<{ port: number; process: ChildProcess }> {
  const child = spawn(findChromium(), [...CHROMIUM_FLAGS, "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${text.slice(-500)}`)), 30_000);
    child.stderr!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`Chromium exited (${code}): ${text.slice(-500)}`)));
  });
  return { port, process: child };
}

/** Runs Lighthouse (its default, mobile, configuration) `runs` times on each page of a built site; keeps the median run. */
export async function lighthouseScores(site: string, runs = LIGHTHOUSE_RUNS): Promise<PageScores[]> {
  const server = await serveFolder(site);
  const profile = mkdtempSync(join(tmpdir(), "depeche-lighthouse-"));
  const chromium = await startChromium(profile);
  try {
    const results: PageScores[] = [];
    for (const page of pagesToCheck(site)) {
      const url = server.origin + page.url;
      const lhrs = [];
      for (let i = 0; i < runs; i++) {
        const run = await lighthouse(url, { port: chromium.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] });
        if (!run) throw new Error(`Lighthouse gave no result for ${url}`);
        lhrs.push(run.lhr);
      }
      // The run of median performance, as Lighthouse's authors advise on a noisy machine: the
      // other categories do not vary from run to run.
      lhrs.sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
      const { categories, audits } = lhrs[lhrs.length >> 1]!;
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((categories[c]?.score ?? Number.NaN) * 100)])) as PageScores["scores"];
      const failing = CATEGORIES.filter((c) => !(scores[c] >= LIGHTHOUSE_MIN)).flatMap((c) =>
        (categories[c]?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => `${c}: ${ref.id} (${audits[ref.id]?.displayValue ?? audits[ref.id]?.score})`),
      );
      results.push({ kind: page.kind, url: page.url, scores, failing });
    }
    return results;
  } finally {
    // Chromium writes its profile until it exits: the folder is removed after.
    const exited = new Promise((done) => chromium.process.once("exit", done));
    chromium.process.kill();
    await exited;
    await server.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** The scores as a table, and the failures under the minimum. */
export function formatScores(results: readonly PageScores[]): { table: string; failures: string[] } {
  const rows = [`| page | ${CATEGORIES.join(" | ")} |`, `|---|${CATEGORIES.map(() => "---").join("|")}|`];
  const failures: string[] = [];
  for (const r of results) {
    rows.push(`| ${r.kind} (${r.url}) | ${CATEGORIES.map((c) => r.scores[c]).join(" | ")} |`);
    for (const c of CATEGORIES) if (!(r.scores[c] >= LIGHTHOUSE_MIN)) failures.push(`${r.kind} ${r.url}: ${c} ${r.scores[c]} < ${LIGHTHOUSE_MIN}`);
    failures.push(...r.failing.map((f) => `  ${r.kind}: ${f}`));
  }
  return { table: rows.join("\n"), failures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { site: { type: "string" }, runs: { type: "string", default: String(LIGHTHOUSE_RUNS) } } });
  if (!values.site || !existsSync(join(values.site, "index.html"))) {
    console.error("usage: npx tsx bench/lighthouse.ts --site BUILT_SITE_DIR");
    process.exit(2);
  }
  const { table, failures } = formatScores(await lighthouseScores(values.site, Math.max(1, Number(values.runs) || 1)));
  console.log(table);
  if (failures.length > 0) {
    console.error(`Lighthouse: under ${LIGHTHOUSE_MIN}:\n${failures.join("\n")}`);
    process.exit(1);
  }
}
