/** The preview as an editor sees it in Chromium: the error banner comes and goes by itself, above the header, never over it. */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningDevServer } from "../../src/serve/dev-server.ts";
import { launchChromium } from "../helpers/browser.ts";
import { articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";
import { startPreview } from "../helpers/site.ts";

let archive: TestArchive;
let server: RunningDevServer;
let browser: Browser;
let page: Page;

// Longer than the window: the editor reads it scrolled down.
const LONG = Array.from({ length: 12 }, (_, i) => `Paragraphe ${i + 1} de la dépêche, assez long pour que la page défile sur un téléphone.`).join("\n\n");
const GOOD = articleText({ title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économie]", body: LONG });
const BAD = articleText({ title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économi]", body: LONG });

beforeAll(async () => {
  archive = makeArchive();
  archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
  archive.article("2021/12/10-b.md", GOOD);
  archive.article("2021/12/11-draft.md", { title: "Brouillon visible", date: "2021-12-11T10:00:00", extra: "draft: true" });
  server = await startPreview(archive);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 360, height: 740 } });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  archive?.remove();
});

// Saves a file and waits until the server has applied it and told the browsers.
async function save(path: string, text: string): Promise<string> {
  const updated = server.nextUpdate();
  archive.article(path, text);
  return (await updated).outcome;
}

describe("the preview in a browser", () => {
  it("shows an error in a banner above the header without a manual reload, and drops it once the earlier text is back", async () => {
    await page.goto(new URL("/2021/12/10/autre-depeche/", server.url).href);
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Autre dépêche");
    expect(await page.locator("#depeche-errors").count()).toBe(0);
    // The editor reads on, down the page.
    await page.evaluate(() => window.scrollTo(0, 400));
    expect(await page.evaluate(() => window.scrollY)).toBe(400);

    expect(await save("2021/12/10-b.md", BAD)).toBe("invalid");
    const banner = page.locator("#depeche-errors");
    await banner.waitFor({ state: "visible", timeout: 10_000 });
    expect(await banner.textContent()).toContain("Économi");
    await page.waitForLoadState("load");

    // Above the header, not over it: the banner ends where the header begins, and scrolls away with the page.
    const boxes = await page.evaluate(() => {
      const rect = (selector: string): { top: number; bottom: number } => {
        const r = document.querySelector(selector)!.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom };
      };
      return { banner: rect("#depeche-errors"), header: rect(".site-header"), position: getComputedStyle(document.querySelector("#depeche-errors")!).position };
    });
    expect(boxes.banner.bottom).toBeLessThanOrEqual(boxes.header.top);
    expect(["static", "relative"]).toContain(boxes.position);
    // In sight: the reload does not keep the page where its text was, the banner above the window.
    expect(boxes.banner.top).toBe(0);

    // The fix restores the very text the pages were built from: no page changes, the banner goes all the same.
    expect(await save("2021/12/10-b.md", GOOD)).toBe("fixed");
    await banner.waitFor({ state: "detached", timeout: 10_000 });
    expect(await page.locator("h1").textContent()).toBe("Autre dépêche");
    // Only while the banner shows: once it is gone, a reload keeps the reader's place again.
    expect(await page.evaluate(() => history.scrollRestoration)).toBe("auto");
  }, 30_000);

  it("marks a draft as a draft, on its page and in lists", async () => {
    await page.goto(new URL("/2021/12/11/brouillon-visible/", server.url).href);
    expect(await page.locator("article .draft-mark").textContent()).toBe("Brouillon");
    await page.goto(new URL("/", server.url).href);
    expect(await page.locator(".item", { hasText: "Brouillon visible" }).locator(".draft-mark").textContent()).toBe("Brouillon");
  });

  it("finds in its search the words of a save, once the search page is opened again", async () => {
    const status = async (query: string): Promise<string | null> => {
      await page.goto(new URL(`/recherche/?q=${query}`, server.url).href);
      await page.waitForFunction(() => /résultat|Aucun/.test(document.getElementById("search-status")?.textContent ?? ""), undefined, { timeout: 10_000 });
      return page.locator("#search-status").textContent();
    };
    expect(await status("zorglubesque")).toBe("Aucun résultat pour «\u202fzorglubesque\u202f».");
    // Away from the preview while saving: its reload would cut the next navigation short.
    await page.goto("about:blank");
    expect(await save("2021/12/09-a.md", articleText({ title: "Premier titre", date: "2021-12-09T10:00:00", body: "Un mot nouveau : zorglubesque." }))).toBe(
      "updated",
    );
    expect(await status("zorglubesque")).toBe("1\u00a0résultat pour «\u202fzorglubesque\u202f».");
    expect(await page.locator("#search-results h2 a").getAttribute("href")).toBe("/2021/12/09/premier-titre/");
    expect(await page.locator("#depeche-search-behind").count()).toBe(0);
  }, 30_000);
});
