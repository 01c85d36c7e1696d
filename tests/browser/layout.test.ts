/**
 * Layout facts only a browser can tell: the sort menu shows its whole choice, article text keeps
 * a readable measure, a desktop article page uses its width (a side column from 1,024 px), and
 * the header menu shows every link on the narrowest phones.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { horizontalOverflow, startBrowserSuite, WIDTHS, type Width } from "../helpers/browser.ts";
import { onceForAll } from "../helpers/prerequisites.ts";
import { paginationNav } from "../../templates/partials.ts";
import type { SiteView } from "../../src/plan/site-data.ts";

const tabs = new Map<Width, Page>();
const ready = onceForAll(async () => {
  const suite = await startBrowserSuite();
  for (const width of Object.keys(WIDTHS) as Width[]) {
    const context = await suite.browser.newContext({ viewport: WIDTHS[width], reducedMotion: "reduce" });
    tabs.set(width, await context.newPage());
  }
  return suite;
});

beforeAll(() => ready().catch(() => undefined), 240_000);
afterAll(async () => (await ready().catch(() => undefined))?.close());

const widths = Object.keys(WIDTHS) as Width[];

describe.each(widths)("at the %s width", (width) => {
  it("shows every choice of the search filters whole: the sort menu reads « Les plus pertinents d’abord »", async () => {
    const suite = await ready();
    const page = tabs.get(width)!;
    await page.goto(suite.address(suite.generated, "/recherche/"));
    // On a phone the filters fold under « Affiner »: opened first.
    const summary = page.locator(".search-refine summary");
    if (await summary.isVisible()) await summary.click();
    // Each select beside a copy of itself free of any width limit: a cut select is narrower than its copy.
    const selects = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLSelectElement>(".search-filters select")].map((select) => {
        const free = select.cloneNode(true) as HTMLSelectElement;
        free.style.cssText = "position:absolute;visibility:hidden;max-width:none;width:auto;";
        select.after(free);
        const natural = free.getBoundingClientRect().width;
        free.remove();
        const box = select.getBoundingClientRect();
        return {
          id: select.id,
          shown: select.selectedOptions[0]?.text,
          width: box.width,
          natural,
          right: box.right,
          window: document.documentElement.clientWidth,
        };
      }),
    );
    expect(selects.find((s) => s.id === "ordre")?.shown).toBe("Les plus pertinents d’abord");
    for (const s of selects) {
      expect(s.width, `${s.id} at ${width}`).toBeGreaterThanOrEqual(s.natural - 0.5);
      expect(s.right, `${s.id} at ${width}`).toBeLessThanOrEqual(s.window);
    }
  });

  it("sets article text at no more than 75 characters a line, and at least 60 on a desktop", async () => {
    const suite = await ready();
    const page = tabs.get(width)!;
    await page.goto(suite.address(suite.generated, suite.generated.kinds.article!));
    // Characters a line: the paragraph's width over the mean width of its own characters in its own font.
    const perLine = await page.evaluate(() => {
      const p = document.querySelector<HTMLElement>(".body p")!;
      const context = document.createElement("canvas").getContext("2d")!;
      context.font = getComputedStyle(p).font;
      const text = p.textContent ?? "";
      return p.clientWidth / (context.measureText(text).width / text.length);
    });
    expect(perLine).toBeLessThanOrEqual(75);
    if (width === "desktop") expect(perLine).toBeGreaterThanOrEqual(60);
  });

  it("keeps a paragraph's lines evenly spaced where an ordinal is raised (XIXe, 1er)", async () => {
    const suite = await ready();
    const page = tabs.get(width)!;
    await page.goto(suite.address(suite.generated, suite.generated.kinds.article!));
    // A paragraph of the page's own style, with a raised letter every few lines: the bottom of the
    // text of each line, line after line, at one step.
    const steps = await page.evaluate(() => {
      const filler = "les délégations ont poursuivi leurs échanges sur le budget de la défense et la sécurité régionale".repeat(3);
      const paragraph = document.createElement("p");
      paragraph.innerHTML = `Au XIX<sup>e</sup> siècle, ${filler}, le 1<sup>er</sup> janvier, ${filler}, au XX<sup>e</sup> siècle, ${filler}.`;
      document.querySelector("main p")!.after(paragraph);
      const range = document.createRange();
      const bottoms = new Set<number>();
      for (const node of paragraph.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) bottoms.add(Math.round(rect.bottom * 10) / 10);
      }
      const sorted = [...bottoms].sort((a, b) => a - b);
      return sorted.slice(1).map((bottom, i) => bottom - sorted[i]!);
    });
    expect(steps.length).toBeGreaterThan(5);
    for (const step of steps) expect(step, `${steps.join(", ")} at ${width}`).toBeCloseTo(steps[0]!, 0);
  });

  it("puts the related articles beside the article on a desktop, below it on a phone, and leaves no 40 % of the page empty", async () => {
    const suite = await ready();
    const page = tabs.get(width)!;
    await page.goto(suite.address(suite.generated, suite.generated.kinds.article!));
    const boxes = await page.evaluate(() => {
      const rect = (selector: string): DOMRect => document.querySelector(selector)!.getBoundingClientRect();
      const article = rect(".story > article");
      const related = rect(".story > .related");
      return {
        article: { left: article.left, right: article.right, bottom: article.bottom },
        related: { left: related.left, right: related.right, top: related.top },
        window: document.documentElement.clientWidth,
      };
    });
    const used = (Math.max(boxes.article.right, boxes.related.right) - Math.min(boxes.article.left, boxes.related.left)) / boxes.window;
    expect(used, `the article page uses ${Math.round(used * 100)} % of the width`).toBeGreaterThan(0.6);
    if (width === "desktop") expect(boxes.related.left).toBeGreaterThan(boxes.article.right);
    else expect(boxes.related.top).toBeGreaterThanOrEqual(boxes.article.bottom);
  });

  it("sets a long pagination in two rows inside the screen: the previous and next pages, then the numbers with « … » level", async () => {
    const suite = await ready();
    const page = tabs.get(width)!;
    await page.goto(suite.address(suite.generated, suite.generated.kinds["topic-page-2"]!));
    // The template's own markup for page 5 of 12 (eight numbers and a gap), in place of the page's two.
    const pageUrls = Array.from({ length: 12 }, (_, i) => (i === 0 ? "/sujets/irak/" : `/sujets/irak/page/${i + 1}/`));
    const nav = String(
      paginationNav({ basePath: "" } as SiteView, { number: 5, total: 12, items: [], url: pageUrls[4]!, prevUrl: pageUrls[3], nextUrl: pageUrls[5], pageUrls }),
    );
    const boxes = await page.evaluate((markup) => {
      document.querySelector(".pagination")!.outerHTML = markup;
      const box = (element: Element): { left: number; right: number; top: number; middle: number } => {
        const r = element.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, middle: r.top + r.height / 2 };
      };
      const items = [...document.querySelectorAll(".pagination li")];
      return {
        prev: box(items.find((li) => li.classList.contains("prev"))!),
        next: box(items.find((li) => li.classList.contains("next"))!),
        numbers: items.filter((li) => li.querySelector("a:not([rel])")).map(box),
        gap: box(items.find((li) => li.getAttribute("aria-hidden") === "true")!),
        window: document.documentElement.clientWidth,
      };
    }, nav);
    expect(boxes.numbers).toHaveLength(8);
    for (const b of [boxes.prev, boxes.next, boxes.gap, ...boxes.numbers]) {
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.right).toBeLessThanOrEqual(boxes.window);
    }
    const row = boxes.numbers[0]!;
    for (const b of boxes.numbers) expect(b.top, "the numbers on one row").toBeCloseTo(row.top, 0);
    expect(Math.abs(boxes.gap.middle - row.middle), "« … » level with the numbers").toBeLessThan(2);
    expect(boxes.prev.top).toBe(boxes.next.top);
    expect(boxes.next.top).toBeLessThan(row.top);
    expect(boxes.prev.left).toBeLessThan(boxes.next.left);
  });
});

// The narrowest phones in use: an iPhone SE or mini (375 px), and older or small Android phones (320 px).
const NARROW = { "375px": { width: 375, height: 667 }, "320px": { width: 320, height: 568 } } as const;

describe.each(Object.keys(NARROW) as (keyof typeof NARROW)[])("on a %s-wide phone", (narrow) => {
  it.each(["sample", "generated"] as const)(
    "shows every link of the header menu of the %s site whole, none scrolled off the edge, each a target 24 px high or more",
    async (name) => {
      const suite = await ready();
      const context = await suite.browser.newContext({ viewport: NARROW[narrow], reducedMotion: "reduce" });
      try {
        const page = await context.newPage();
        await page.goto(suite.address(suite[name], "/"));
        const menu = await page.evaluate(() => {
          const nav = document.querySelector<HTMLElement>(".site-header nav")!;
          return {
            window: document.documentElement.clientWidth,
            scrolls: nav.scrollWidth > nav.clientWidth || document.documentElement.scrollWidth > document.documentElement.clientWidth,
            links: [...nav.querySelectorAll("a")].map((a) => {
              const box = a.getBoundingClientRect();
              return { text: a.textContent, left: box.left, right: box.right, height: box.height };
            }),
          };
        });
        expect(menu.links.map((l) => l.text)).toEqual(expect.arrayContaining(["Tous les sujets", "Sources", "Recherche"]));
        expect(menu.scrolls, "the header menu scrolls sideways").toBe(false);
        for (const link of menu.links) {
          expect(link.left, `« ${link.text} » starts off the screen`).toBeGreaterThanOrEqual(0);
          expect(link.right, `« ${link.text} » ends off the screen`).toBeLessThanOrEqual(menu.window);
          expect(link.height, `« ${link.text} » is a small target`).toBeGreaterThanOrEqual(24);
        }
      } finally {
        await context.close();
      }
    },
  );
});

describe("on a 320-px phone, long words", () => {
  const LONG = "Anticonstitutionnellement, Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson et Llanfairpwllgwyngyllgogerychwyndrobwllllantysiliogogogoch";
  const URL_TEXT = "https://www.example.org/actualites/2024/02/10/un-tres-long-chemin-sans-espace-aucun.html";

  it.each([
    ["article", ["h1", ".body p"]],
    ["topic-page-2", ["h1", ".item h2 a", ".item p"]],
    ["day", ["h1", ".item h2 a"]],
  ] as const)(
    "never make the %s page scroll sideways: a long word or a URL shown as text is cut, with a hyphen where French allows",
    async (kind, selectors) => {
      const suite = await ready();
      const context = await suite.browser.newContext({ viewport: NARROW["320px"], reducedMotion: "reduce" });
      try {
        const page = await context.newPage();
        await page.goto(suite.address(suite.generated, suite.generated.kinds[kind]!));
        const hyphens = await page.evaluate(
          ({ selectors, long, url }) =>
            selectors.map((selector) => {
              const element = document.querySelector<HTMLElement>(selector)!;
              element.textContent = `${long} ${url}`;
              if (selector === ".body p") element.insertAdjacentHTML("beforeend", ` <code>${url}</code>`);
              return [selector, getComputedStyle(element).hyphens];
            }),
          { selectors: [...selectors], long: LONG, url: URL_TEXT },
        );
        const { overflow, culprits } = await horizontalOverflow(page);
        expect(overflow, culprits.join(", ")).toBe(0);
        for (const [selector, value] of hyphens) expect(value, selector).toBe("auto");
        expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
      } finally {
        await context.close();
      }
    },
  );
});

describe("on a 360-px phone", () => {
  it.each(["article", "topic-page-2", "home", "topics", "sources", "month", "day", "not-found"] as const)(
    "gives each link of the %s page outside a sentence a target of 24 × 24 px or more (breadcrumb, pagination, tags, lists of years and topics), and every other link 24 px of room (WCAG 2.5.8)",
    async (kind) => {
      const suite = await ready();
      const page = tabs.get("phone")!;
      await page.goto(suite.address(suite.generated, suite.generated.kinds[kind]!));
      const targets = await page.evaluate(() => {
        const standing = ".breadcrumb a, .pagination a, .tags a, .inline a, .entries > li > a, .feed-link a, .site-footer a, .sections a";
        return [...document.querySelectorAll("a")]
          .filter((a) => a.getClientRects().length > 0)
          .map((a) => {
            const r = a.getBoundingClientRect();
            return {
              text: a.textContent!.trim(),
              standing: a.matches(standing),
              inText: a.closest(".body, .byline") !== null,
              box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
            };
          });
      });
      type Box = (typeof targets)[number]["box"];
      const small = (b: Box): boolean => b.right - b.left < 24 || b.bottom - b.top < 24;
      const centre = (b: Box): [number, number] => [(b.left + b.right) / 2, (b.top + b.bottom) / 2];
      // The spacing exception: a 24-px circle on a small target's centre meets no other target nor another small target's circle.
      const room = (b: Box, other: Box): boolean => {
        const [x, y] = centre(b);
        if (small(other)) return Math.hypot(x - centre(other)[0], y - centre(other)[1]) >= 24;
        return Math.hypot(Math.max(other.left - x, 0, x - other.right), Math.max(other.top - y, 0, y - other.bottom)) >= 12;
      };
      expect(targets.filter((t) => t.standing).length).toBeGreaterThan(0);
      for (const t of targets) {
        if (t.standing) expect(t.box.bottom - t.box.top, `« ${t.text} » is a small target`).toBeGreaterThanOrEqual(24);
        if (t.standing) expect(t.box.right - t.box.left, `« ${t.text} » is a narrow target`).toBeGreaterThanOrEqual(24);
        if (t.inText || !small(t.box)) continue;
        for (const other of targets) if (other !== t) expect(room(t.box, other.box), `« ${t.text} » is too close to « ${other.text} »`).toBe(true);
      }
    },
  );
});

describe("on a desktop", () => {
  it("keeps the header menu on one line", async () => {
    const suite = await ready();
    const page = tabs.get("desktop")!;
    await page.goto(suite.address(suite.sample, "/"));
    const tops = await page.evaluate(() => [...document.querySelectorAll(".site-header nav a")].map((a) => a.getBoundingClientRect().top));
    expect(new Set(tops).size).toBe(1);
  });
});
