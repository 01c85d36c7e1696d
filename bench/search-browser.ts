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
  /** Submit → the first results listed. */
  firstMs: number;
  /** Submit → the count announced and every filter choice's count shown (in a large archive they follow the results). */
  firstCountedMs: number;
  firstKb: number;
  firstRequests: number;
  results: string;
  nextMs: number;
  nextCountedMs: number;
  /** Chromium's CPU time (every process it started: user + system), submit → counts shown. */
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

// Submits the form; resolves when the first result is listed, and when the counts are shown.
async function submit(page: Page, word: string): Promise<{ results: number; counted: number; cpu: number }> {
  await page.locator("#q").fill(word);
  const start = await page.evaluate(() => performance.now());
  const cpu = chromiumCpuMs();
  await page.evaluate(() => {
    document.getElementById("search-results")!.replaceChildren();
    document.getElementById("search-status")!.textContent = "";
  });
  await page.locator("#q").press("Enter");
  await page.waitForFunction(
    () => document.querySelector("#search-results li") !== null || /^Aucun/.test(document.getElementById("search-status")!.textContent ?? ""),
  );
  const results = (await page.evaluate(() => performance.now())) - start;
  await page.waitForFunction(
    () =>
      /résultat|Aucun/.test(document.getElementById("search-status")!.textContent ?? "") &&
      document.querySelector(".search-filters")!.getAttribute("aria-busy") !== "true",
  );
  const counted = (await page.evaluate(() => performance.now())) - start;
  return { results, counted, cpu: chromiumCpuMs() - cpu };
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
