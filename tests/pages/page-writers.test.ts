import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { PAGE_TEMPLATES, type PageKind } from "../../src/pages/page-templates.ts";
import { writePagesDirectly } from "../../src/pages/write-directly.ts";
import { eleventyRun, writeWithEleventy } from "../../src/pages/write-pages.ts";
import { collectGarbage } from "../../src/threads/collect-garbage.ts";
import { siteFiles, treeDigest, planArticles } from "../helpers/site.ts";

const root = mkdtempSync(join(tmpdir(), "depeche-writers-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the two page writers", () => {
  it("write the same files, byte for byte, for the same planned pages of every kind", async () => {
    const data = await planArticles({
      "2021/12/09-irak.md": { title: "L’Irak annonce la fin de la mission de combat", extra: "aliases: [/actualites/irak-123.html]" },
      "2021/12/10-defense.md": { title: "Défense : un « accord » & <b>des</b> questions", date: "2021-12-10T15:10:00", topics: "[Défense, États-Unis]" },
      "2022/01/03-economie.md": {
        title: "L’économie en 2022",
        date: "2022-01-03",
        sources: "[AA]",
        topics: "[Économie]",
        body: "Un *premier* paragraphe.\n\nUn second, avec [un lien](https://example.org).",
      },
    });
    // Every kind has pages here, so that every template is compared.
    const empty = (Object.keys(PAGE_TEMPLATES) as PageKind[]).filter((kind) => data.pages[kind].length === 0);
    expect(empty).toEqual([]);

    const byEleventy = join(root, "eleventy");
    const direct = join(root, "direct");
    let counted = 0;
    await writeWithEleventy(data, byEleventy);
    await writePagesDirectly(data, direct, () => counted++);

    const pages = Object.values(data.pages).flat().length;
    expect(counted).toBe(pages);
    expect(siteFiles(direct)).toHaveLength(pages);
    expect(siteFiles(direct)).toEqual(siteFiles(byEleventy));
    expect(treeDigest(direct)).toBe(treeDigest(byEleventy));
  });
});

describe("Eleventy's run, in quiet mode", () => {
  it("prints none of its timings, even one of its configuration that took long", async () => {
    const data = await planArticles({ "2021/12/09-irak.md": { title: "L’Irak annonce la fin de la mission de combat" } });
    const eleventy = await eleventyRun(data, join(root, "quiet"));
    await eleventy.init();
    const group = eleventy.bench.get("Configuration");
    // Eleventy prints a timing over 50 ms and over 8 % of the time since its timings started: what
    // a transform of 500 pages of a 100,000-article build took.
    const printedBySlowRun = () => {
      eleventy.bench.reset();
      group.add("a slow transform", () => {
        for (const end = performance.now() + 60; performance.now() < end; );
      })();
      const printed: string[] = [];
      const spies = (["log", "warn", "error", "info"] as const).map((method) =>
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.join(" "))),
      );
      try {
        eleventy.bench.finish();
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
      return printed;
    };
    expect(printedBySlowRun()).toEqual([]);
    // The same group made verbose again prints it: what the check above would see.
    group.setIsVerbose(true);
    expect(printedBySlowRun().join("\n")).toMatch(/Benchmark .*a slow transform/);
  });
});

describe("an Eleventy run once it is done", () => {
  it("holds nothing of the build that counted its pages, though Eleventy keeps its compiled templates", async () => {
    const data = await planArticles({ "2021/12/09-irak.md": { title: "L’Irak annonce la fin de la mission de combat" } });
    const pages = Object.values(data.pages).flat().length;
    // What the build's counter reaches: in a build, its plan and archive.
    const counted = async (): Promise<WeakRef<object>> => {
      const build = { plan: new Array(100_000).fill("page"), written: 0 };
      await writeWithEleventy(data, join(root, "counted"), () => build.written++);
      expect(build.written).toBe(pages);
      return new WeakRef(build);
    };
    const build = await counted();
    // A WeakRef's target lives until the end of the turn that made it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(build.deref()).toBeUndefined();
  });
});
