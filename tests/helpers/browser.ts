/** Debian's Chromium driven by playwright-core: never a downloaded browser, no network beyond the loopback. */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { findChromium } from "./chromium.ts";
import { serveFolder, type StaticServer } from "./static-server.ts";
import { buildTestSites, type TestSite } from "./test-sites.ts";

/** Where screenshots of each page kind are written, for a person to look at (git-ignored). */
export const SCREENSHOTS = resolve(import.meta.dirname, "../../test-results/screenshots");

export const WIDTHS = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } } as const;
export type Width = keyof typeof WIDTHS;

/** Launches headless Chromium, found by findChromium; throws with what was tried and what to install when it is missing. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  return chromium.launch({
    executablePath,
    headless: true,
    // As root, Chromium refuses to start inside its own sandbox.
    chromiumSandbox: process.getuid?.() !== 0,
    // This machine has no internet: without these Chromium keeps calling Google's services.
    args: [
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      "--disable-extensions",
    ],
  });
}

/** A full-page screenshot, `test-results/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** How far the page is wider than the window, in CSS pixels (0: no horizontal scrolling), and the widest elements. */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflow = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - width;
    const culprits =
      overflow > 0
        ? [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > width + 0.5)
            .slice(0, 5)
            .map(
              (e) =>
                `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${e.className && typeof e.className === "string" ? `.${e.className.split(" ").join(".")}` : ""} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`,
            )
        : [];
    return { overflow, culprits };
  });
}

export interface BrowserSuite {
  browser: Browser;
  sample: TestSite;
  generated: TestSite;
  /** The address of a page of a site, as served on the loopback. */
  address(site: TestSite, url: string): string;
  close(): Promise<void>;
}

/** Launches Chromium (first, so that a missing browser is reported at once), builds both test sites and serves them. */
export async function startBrowserSuite(): Promise<BrowserSuite> {
  const browser = await launchChromium();
  const servers: StaticServer[] = [];
  let sites: Awaited<ReturnType<typeof buildTestSites>> | undefined;
  const close = async (): Promise<void> => {
    await browser.close();
    for (const server of servers) await server.close();
    sites?.remove();
  };
  try {
    sites = await buildTestSites();
    const origins = new Map<string, string>();
    for (const site of [sites.sample, sites.generated]) {
      const server = await serveFolder(site.out);
      servers.push(server);
      origins.set(site.name, server.origin);
    }
    return { browser, sample: sites.sample, generated: sites.generated, address: (site, url) => origins.get(site.name)! + url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
