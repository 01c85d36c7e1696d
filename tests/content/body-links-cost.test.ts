import { afterEach, describe, expect, it, vi } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";

// Each search for the nearest URL of a broken link, counted.
const searches: string[] = [];
vi.mock("../../src/text/suggest.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/text/suggest.ts")>();
  return {
    ...original,
    closest: (...args: Parameters<typeof original.closest>) => {
      searches.push(args[0]);
      return original.closest(...args);
    },
  };
});

let archive: TestArchive;
afterEach(() => {
  archive?.remove();
  searches.length = 0;
});

const NOW = Date.parse("2026-01-01T00:00:00Z");

function archiveLinking(body: string): TestArchive {
  const a = makeArchive();
  a.article("2021/12/08-cible.md", { title: "La mission de combat prend fin", date: "2021-12-08" });
  a.article("2021/12/09-source.md", { title: "Source", body });
  return a;
}

describe("the cost of broken links", () => {
  it("searches a suggestion only for the links the file's report shows, and once for a target linked many times", async () => {
    const broken = Array.from({ length: 300 }, (_, i) => `[l${i}](/2021/12/08/la-mission-${i}/)`);
    const same = Array.from({ length: 50 }, (_, i) => `[m${i}](/2021/12/08/la-mission-de-combat-prend-fn/)`);
    archive = archiveLinking([...same, ...broken].join("\n\n"));
    const { diagnostics } = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics[0]!.message).toContain("vouliez-vous dire /2021/12/08/la-mission-de-combat-prend-fin/");
    expect(diagnostics.at(-1)!.message).toMatch(/^et 250 autres problèmes/);
    // One for the target linked 50 times, one for each of the other 50 links shown.
    expect(searches.filter((typed) => typed.startsWith("la-mission"))).toHaveLength(51);
  });

  it("checks a body of 20,000 broken links in seconds: the body is parsed once, not once per link", async () => {
    archive = archiveLinking(Array.from({ length: 20_000 }, (_, i) => `[l${i}](/2021/12/08/la-mission-${i}/)`).join("\n\n"));
    const started = performance.now();
    const { diagnostics } = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(diagnostics).toHaveLength(101);
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 60_000);
});
