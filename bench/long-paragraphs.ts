/**
 * What one long paragraph costs the build, per step that reads it whole: the body's rendering
 * (typography: comments and template tags) and the page Pagefind indexes (its numbers), at 20,000,
 * 40,000 and 80,000 repeats of a hostile piece, the best of three runs (a loaded machine's pauses
 * are left out). Prints each time in ms and the 80,000 / 20,000 ratio: 4 is linear, 16 quadratic.
 * Exits 1 when a ratio passes 8.
 *
 *   npx tsx bench/long-paragraphs.ts
 */
import { recordPage } from "../src/search/records.ts";
import { renderMarkdown } from "../src/text/markdown.ts";

const SIZES = [20_000, 40_000, 80_000];
const RUNS = 3;
const page = (body: string): string =>
  recordPage({ url: "/x/", title: "T", bodyHtml: body, dateIso: "2021-12-09T00:00:00.000Z", year: "2021", sources: [], topics: [] });
const row = "| 12 | Ligne de la table | 3,5 % | AB12 |\n";
const cases: [name: string, run: (n: number) => void][] = [
  ["index: « a1 » words", (n) => page(`<p>${"a1 ".repeat(n)}</p>`)],
  ["index: « 1 » words", (n) => page(`<p>${"1 ".repeat(n)}</p>`)],
  ["index: table rows", (n) => page(renderMarkdown(row.repeat(n)))],
  ["render: « <!-- » never closed", (n) => renderMarkdown("<!-- ".repeat(n))],
  ["render: « {{ » never closed", (n) => renderMarkdown("{{ ".repeat(n))],
];

let failed = false;
for (const [name, run] of cases) {
  run(1000); // warm up
  const ms = SIZES.map((n) => {
    let best = Infinity;
    for (let r = 0; r < RUNS; r++) {
      const start = performance.now();
      run(n);
      best = Math.min(best, performance.now() - start);
    }
    return best;
  });
  const ratio = ms.at(-1)! / Math.max(ms[0]!, 1);
  const bad = ratio > 8;
  failed ||= bad;
  console.log(`${bad ? "FAIL" : "ok  "} ${name.padEnd(32)} ${ms.map((t, i) => `${SIZES[i]}: ${t.toFixed(0)} ms`).join(", ")}; ×${ratio.toFixed(1)}`);
}
process.exitCode = failed ? 1 : 0;
