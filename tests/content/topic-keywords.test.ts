import { afterEach, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

describe("a topic's keywords in topics.yaml", () => {
  it("are read as a list of words, for import's suggestions", async () => {
    archive = makeArchive({ "topics.yaml": '- slug: irak\n  label: Irak\n  keywords: [Bagdad, " irakien "]\n- slug: defense\n  label: "Défense"\n' });
    archive.article("a.md", { topics: "[Irak]" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: Date.parse("2026-01-01T00:00:00Z") });
    expect(result.diagnostics).toEqual([]);
    expect(result.content?.topics).toEqual([
      { slug: "irak", label: "Irak", keywords: ["Bagdad", "irakien"] },
      { slug: "defense", label: "Défense" },
    ]);
  });

  it("must be a list of words: a bare word or an empty one is an error at its line", async () => {
    archive = makeArchive({ "topics.yaml": '- slug: irak\n  label: Irak\n  keywords: Bagdad\n- slug: defense\n  label: "Défense"\n  keywords: [armée, ""]\n' });
    const result = await loadContent({ contentDir: archive.dir, nowMs: Date.parse("2026-01-01T00:00:00Z") });
    // The warning at line 1: the articles' topics wait for topics.yaml.
    expect(result.diagnostics.map((d) => [d.line, d.severity])).toEqual([
      [1, "warning"],
      [3, "error"],
      [6, "error"],
    ]);
    expect(result.diagnostics[1]!.message).toContain(fr`« keywords » d’un sujet est une liste de mots non vides`);
  });
});
