/**
 * An article's first screen on the phones in use: under the masthead of a sample-like site (its
 * long name, a menu of three rows), the breadcrumb, a one- or two-line headline, the byline, the
 * topics, the photo and its caption, the first line of the text is on the screen.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.ts";
import { makePhoto } from "../helpers/photos.ts";
import { onceForAll } from "../helpers/prerequisites.ts";
import { makeSampleArchive } from "../helpers/sample-archive.ts";
import { buildArchive } from "../helpers/site.ts";
import { serveFolder } from "../helpers/static-server.ts";

// An Android phone of 640 and of 740 px, an iPhone SE (667) and an iPhone 12 to 14 (844).
const PHONES = [
  { width: 360, height: 640 },
  { width: 375, height: 667 },
  { width: 360, height: 740 },
  { width: 390, height: 844 },
] as const;
const TITLES = { "one-line": "L’Irak quitte la coalition", "two-line": "L’Irak met fin à sa mission de combat" } as const;
const PHOTOS = { portrait: { width: 1000, height: 1600 }, landscape: { width: 2000, height: 1300 } } as const;

const ready = onceForAll(async () => {
  const browser = await launchChromium();
  const archive = makeSampleArchive();
  const urls = new Map<string, string>();
  let day = 1;
  for (const [photo, size] of Object.entries(PHOTOS)) {
    archive.write(`images/${photo}.jpg`, await makePhoto(size));
    for (const [lines, title] of Object.entries(TITLES)) {
      const date = `2020-12-0${day++}`;
      archive.article(`${date.replaceAll("-", "/")}-${photo}.md`, {
        title,
        date: `${date}T10:00:00`,
        extra: `image:\n  src: images/${photo}.jpg\n  alt: "Des soldats devant un blindé"\n  credit: "AA / Photographe"\n  caption: "Bagdad : le retrait des troupes américaines."`,
        body: "Le gouvernement irakien a officiellement annoncé, jeudi, la fin des missions de combat de la coalition.\n\nLe retrait se poursuit.",
      });
      urls.set(`${photo}, ${lines}`, `/${date.replaceAll("-", "/")}/`);
    }
  }
  const site = await buildArchive(archive);
  if (!site.result.ok) throw new Error(site.result.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join("\n"));
  const articles = site.result.built!.data.pages.articles.map((a) => a.url);
  for (const [label, day] of urls) urls.set(label, articles.find((url) => url.startsWith(day))!);
  const server = await serveFolder(site.out);
  const close = async (): Promise<void> => {
    await browser.close();
    await server.close();
    archive.remove();
  };
  return { browser: browser as Browser, origin: server.origin, urls, close };
});

beforeAll(() => ready().catch(() => undefined), 240_000);
afterAll(async () => (await ready().catch(() => undefined))?.close());

describe.each(PHONES)("on a $width × $height phone", (phone) => {
  it("shows the first line of an article's text on the first screen, below a portrait or a landscape photo and a one- or two-line headline", async () => {
    const suite = await ready();
    const context = await suite.browser.newContext({ viewport: phone, reducedMotion: "reduce" });
    try {
      const page = await context.newPage();
      for (const [label, url] of suite.urls) {
        await page.goto(suite.origin + url);
        const m = await page.evaluate(() => {
          const p = document.querySelector<HTMLElement>(".body p")!;
          const h1 = document.querySelector<HTMLElement>("h1")!;
          const img = document.querySelector<HTMLImageElement>(".photo img")!;
          return {
            textTop: p.getBoundingClientRect().top,
            line: Number.parseFloat(getComputedStyle(p).lineHeight),
            titleLines: Math.round(h1.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(h1).lineHeight)),
            photo: { width: img.getBoundingClientRect().width, height: img.getBoundingClientRect().height, ratio: img.naturalWidth / img.naturalHeight },
            scroll: window.scrollY,
          };
        });
        expect(m.scroll).toBe(0);
        if (phone.width === 360) expect(m.titleLines, label).toBe(label.endsWith("one-line") ? 1 : 2);
        expect(m.textTop + m.line, `${label}: the text starts at ${Math.round(m.textTop)} px`).toBeLessThanOrEqual(phone.height);
        // Smaller, never cut nor stretched: the photo keeps its proportions.
        expect(m.photo.width / m.photo.height, label).toBeCloseTo(m.photo.ratio, 1);
        expect(m.photo.height, label).toBeGreaterThan(100);
      }
    } finally {
      await context.close();
    }
  });
});
