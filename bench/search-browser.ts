/**
 * The search page in Chromium over a built site: what opening it costs (the page, then, once it is
 * idle, Pagefind's runtime, every bundle's metadata and the filter indexes), the first search
 * (submit → results listed, the bytes and requests it took) and the next one. Used by `npm run bench`; runnable alone:
 * `npx tsx bench/search-browser.ts <site folder> [word] [next word]`.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { launchChromium } from "../tests/helpers/browser.ts";
import { serveFolder } from "../tests/helpers/static-server.ts";

export interface SearchFigures {
  /** What opening the search page transferred: its HTML, CSS and script, then search's fixed costs, paid before any search. */
  openKb: number;
  openRequests: number;
  /** The opening by kind of file (`kindOf`): KB and requests. */
  openByKind: Record<string, { kb: number; requests: number }>;
  /** Navigation → search's fixed costs paid (the page's `search-ready` mark). */
  openReadyMs: number;
  /** Enter pressed → the first frame that shows the first result, timed in the page (`submit`). */
  firstMs: number;
  /** Enter pressed → the frame that shows the count announced and every filter choice's count (in a large archive they follow the results), timed in the page. */
  firstCountedMs: number;
  firstKb: number;
  firstRequests: number;
  results: string;
  nextMs: number;
  nextCountedMs: number;
  /** The same as `firstMs` and `nextMs`, timed by Playwright from outside the page, as figures before 2026-12-02 were. */
  firstDriverMs: number;
  nextDriverMs: number;
  /** Chromium's CPU time (every process it started: user + system), from before Enter is pressed to the counts shown. */
  firstCpuMs: number;
  nextCpuMs: number;
}

// The CPU time of this process's descendants (Chromium's processes; the static server runs in this one), from /proc, in ms.
function chromiumCpuMs(): number {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Fields after the command's closing parenthesis: state, ppid, …, utime (14th field), stime (15th).
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(name), Number(fields[1]));
      ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process has ended.
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, t] of ticks) if (descends(pid)) total += t;
  // Linux counts in clock ticks of 10 ms.
  return total * 10;
}

/**
 * What a file of the search page is, for the opening's account: Pagefind's runtime, and for the
 * bundles their entries, page lists (`pf_meta`) and rows; anything else by its extension.
 */
export function kindOf(path: string): string {
  if (/\/pagefind\/(pagefind[^/]*\.js|wasm\.[^/]*)$/.test(path)) return "runtime";
  if (path.endsWith("pagefind-entry.json")) return "entry";
  if (path.endsWith(".pf_meta")) return "page list";
  if (/\/rows\.[a-z]+\.gz$/.test(path)) return "rows";
  if (path.includes("/paquets/")) return "packs";
  if (path.endsWith(".pf_fragment")) return "fragment";
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name.includes(".") ? name.slice(name.lastIndexOf(".") + 1) : "page";
}

// Set in the page before each search (a string: the bench's compiler would add helpers of its
// own to a function, which the page lacks): clears the results, then notes when the browser
// received the Enter key that submits, and the frames that show the first result and the counts.
const TIMING = `(() => {
  document.getElementById("search-results").replaceChildren();
  const status = document.getElementById("search-status");
  status.textContent = "";
  const filters = document.querySelector(".search-filters");
  const times = (window.benchTimes = {});
  // From the key press as the browser received it (waiting for the page's thread counts), into
  // the times of the search under way: one listener for every search.
  if (!window.benchListening) {
    window.benchListening = true;
    window.addEventListener("keydown", (event) => {
      if (event.key === "Enter") window.benchTimes.submit ??= event.timeStamp;
    }, { capture: true });
  }
  const frame = (key) => requestAnimationFrame(() => (times[key] ??= performance.now()));
  const observer = new MutationObserver(() => {
    if (times.submit === undefined) return;
    if (document.querySelector("#search-results li") !== null || /^Aucun/.test(status.textContent)) frame("results");
    if (/résultat|Aucun/.test(status.textContent) && filters.getAttribute("aria-busy") !== "true") {
      frame("counted");
      observer.disconnect();
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["aria-busy"] });
})()`;

/**
 * Submits the form with Enter and times it in the page: from the key press (the event's own time)
 * to the first frame that shows the first result (the frame after it is in the list), and to the
 * frame that shows the count announced and every filter choice's count. Timed by Playwright from
 * outside, as before, the same search also counts two or three round trips between this process
 * and Chromium and the polling's frame (`driver`, kept beside to compare with figures taken so).
 */
async function submit(page: Page, word: string): Promise<{ results: number; counted: number; cpu: number; driver: number }> {
  await page.locator("#q").fill(word);
  const start = await page.evaluate(() => performance.now());
  const cpu = chromiumCpuMs();
  await page.evaluate(TIMING);
  await page.locator("#q").press("Enter");
  await page.waitForFunction(
    () => document.querySelector("#search-results li") !== null || /^Aucun/.test(document.getElementById("search-status")!.textContent ?? ""),
  );
  const driver = (await page.evaluate(() => performance.now())) - start;
  await page.waitForFunction(() => (window as unknown as { benchTimes: { counted?: number } }).benchTimes.counted !== undefined);
  const cpuMs = chromiumCpuMs() - cpu;
  const times = await page.evaluate(() => (window as unknown as { benchTimes: { submit: number; results: number; counted: number } }).benchTimes);
  return { results: times.results - times.submit, counted: times.counted - times.submit, cpu: cpuMs, driver };
}

/** Measures a first search for `word` on a freshly opened search page, then one for `next`. */
export async function measureSearch(siteDir: string, word = "Turquie", next = "élections"): Promise<SearchFigures> {
  const server = await serveFolder(siteDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    let bytes = 0;
    let requests = 0;
    let byKind: Record<string, { kb: number; requests: number }> = {};
    page.on("requestfinished", async (request) => {
      requests++;
      const sizes = await request.sizes().catch(() => undefined);
      const size = (sizes?.responseBodySize ?? 0) + (sizes?.responseHeadersSize ?? 0);
      bytes += size;
      const kind = (byKind[kindOf(new URL(request.url()).pathname)] ??= { kb: 0, requests: 0 });
      kind.kb += size / 1024;
      kind.requests++;
    });
    await page.goto(`${server.origin}/recherche/`);
    await page.waitForFunction(() => performance.getEntriesByName("search-ready").length > 0, null, { timeout: 120_000 });
    await page.waitForLoadState("networkidle");
    const readyMs = await page.evaluate(() => performance.getEntriesByName("search-ready")[0]!.startTime);
    const open = { kb: bytes / 1024, requests, byKind };
    bytes = 0;
    requests = 0;
    byKind = {};
    const first = await submit(page, word);
    await page.waitForLoadState("networkidle");
    const results = (await page.locator("#search-status").textContent()) ?? "";
    const transferred = { kb: bytes / 1024, requests };
    const second = await submit(page, next);
    return {
      openKb: open.kb,
      openRequests: open.requests,
      openByKind: open.byKind,
      openReadyMs: readyMs,
      firstMs: first.results,
      firstCountedMs: first.counted,
      firstKb: transferred.kb,
      firstRequests: transferred.requests,
      results,
      nextMs: second.results,
      nextCountedMs: second.counted,
      firstDriverMs: first.driver,
      nextDriverMs: second.driver,
      firstCpuMs: first.cpu,
      nextCpuMs: second.cpu,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [site, word, next] = process.argv.slice(2);
  if (!site) throw new Error("usage: tsx bench/search-browser.ts <site folder> [word] [next word]");
  console.log(JSON.stringify(await measureSearch(site, word, next)));
}
