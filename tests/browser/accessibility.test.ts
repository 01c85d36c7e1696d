/** axe-core in Chromium on every page kind of both test sites: no violation of a WCAG 2.2 AA rule, on a phone in light and a desktop in dark. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBrowserSuite, WIDTHS, type BrowserSuite, type Width } from "../helpers/browser.ts";
import { onceForAll } from "../helpers/prerequisites.ts";
import { SAMPLE_SEARCH } from "../helpers/sample-archive.ts";
import { SEARCH_WORD, type PageKind, type TestSite } from "../helpers/test-sites.ts";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
// Both widths and both colour schemes, in two runs checked side by side.
const MODES: { width: Width; scheme: "light" | "dark" }[] = [
  { width: "phone", scheme: "light" },
  { width: "desktop", scheme: "dark" },
];
const SAMPLE_KINDS: PageKind[] = ["home", "article", "day", "month", "year", "topic", "source", "topics", "sources", "search", "not-found"];
const GENERATED_KINDS: PageKind[] = [...SAMPLE_KINDS, "topic-page-2", "redirect"];

// One page per mode, kept from page to page; the modes are checked side by side.
const tabs: { page: Page; label: string; address: string }[] = [];
const ready = onceForAll(async () => {
  const suite = await startBrowserSuite();
  for (const mode of MODES) {
    const context = await suite.browser.newContext({ viewport: WIDTHS[mode.width], colorScheme: mode.scheme, reducedMotion: "reduce" });
    // axe is served from one URL so that Chromium compiles it once, not on every page.
    await context.route("**/__axe.js", (route) =>
      route.fulfill({ body: AXE_SOURCE, contentType: "text/javascript", headers: { "cache-control": "max-age=3600" } }),
    );
    const tab = { page: await context.newPage(), label: `${mode.width}, ${mode.scheme}`, address: "" };
    // A redirect page moves on at once: its target is answered "204 No Content", so the page stays to be checked.
    await tab.page.route("**/*", (route) =>
      route.request().isNavigationRequest() && route.request().url() !== tab.address ? route.fulfill({ status: 204 }) : route.fallback(),
    );
    tabs.push(tab);
  }
  return suite;
});

beforeAll(() => ready().catch(() => undefined), 240_000);
afterAll(async () => (await ready().catch(() => undefined))?.close());

/** One line per element in violation: the page, the mode, the rule and where. */
async function violations(page: Page, label: string): Promise<string[]> {
  await page.addScriptTag({ url: "/__axe.js" });
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      }),
    WCAG_22_AA,
  );
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${label}: ${v.id} (${v.impact}): ${v.help} — ${n.target.join(" ")}\n    ${n.failureSummary?.replace(/\n/g, "\n    ")}`),
  );
}

/** The violations of one page in every mode. */
async function checkPage(suite: BrowserSuite, site: TestSite, url: string, shown?: (page: Page) => Promise<void>): Promise<string[]> {
  const found = await Promise.all(
    tabs.map(async (tab) => {
      tab.address = suite.address(site, url);
      await tab.page.goto(tab.address);
      await shown?.(tab.page);
      return violations(tab.page, `${site.name} ${url} (${tab.label})`);
    }),
  );
  return found.flat();
}

describe.each([
  ["sample", SAMPLE_KINDS],
  ["generated", GENERATED_KINDS],
] as const)("the %s site", (name, kinds) => {
  it.each(kinds)("has no WCAG 2.2 AA violation on its %s page", async (kind) => {
    const suite = await ready();
    const site = suite[name];
    const url = site.kinds[kind];
    expect(url, `${name} site has no ${kind} page`).toBeDefined();
    const found = await checkPage(suite, site, url!);
    expect(found, found.join("\n")).toEqual([]);
  });

  it("has no WCAG 2.2 AA violation on the search page showing results, its filters open", async () => {
    const suite = await ready();
    const word = name === "sample" ? SAMPLE_SEARCH.word : SEARCH_WORD;
    const found = await checkPage(suite, suite[name], `/recherche/?q=${word}`, async (page) => {
      await page.locator("#search-results li").first().waitFor();
      // The filters, folded under « Affiner » on a phone, checked open.
      const summary = page.locator(".search-refine summary");
      if (await summary.isVisible()) await summary.click();
      await page.locator("#filtre-sujet").waitFor();
    });
    expect(found, found.join("\n")).toEqual([]);
  });

  it("has no WCAG 2.2 AA violation on the search page naming a topic above its results", async () => {
    const suite = await ready();
    const found = await checkPage(suite, suite[name], "/recherche/?q=Irak", async (page) => {
      await page.locator("#search-named button").first().waitFor();
    });
    expect(found, found.join("\n")).toEqual([]);
  });
});

describe("the photos the checks above cover", () => {
  it("are on the generated site's article page, in a figure and in its body, and as thumbnails on its home, day, topic and source pages", async () => {
    const suite = await ready();
    const site = suite.generated;
    const html = (kind: PageKind): string => readFileSync(`${site.out}${site.kinds[kind]}index.html`, "utf8");
    expect(html("article")).toMatch(/<figure class="photo"><picture>.*<figcaption>/);
    for (const kind of ["home", "day", "topic", "source"] as const) expect(html(kind), kind).toMatch(/<li class="item"><article><picture>/);
    // An image of the body too, after the figure.
    expect(html("article")).toMatch(/<div class="body">[\s\S]*<img src="\/icon-192\.png" alt="Le logo des Dépêches" loading="lazy" decoding="async" \/>/);
  });
});
