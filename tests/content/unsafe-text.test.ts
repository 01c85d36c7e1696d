import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

const NOW = Date.parse("2026-01-01T00:00:00Z");

// The problems of one article, as check prints them without its file's name.
async function problemsOf(spec: Parameters<TestArchive["article"]>[1]): Promise<string[]> {
  archive = makeArchive();
  archive.article("2021/12/09-a.md", spec);
  const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
  return result.diagnostics.map((d) => formatDiagnostic(d).slice(formatDiagnostic(d).indexOf(":", d.file.length) + 1));
}

const HTTPS_RULE = fr`error: « shortLink » doit être une adresse https complète, commençant par https:// et sans nom d’utilisateur ni « @ » avant le site, comme https://turquie2023.com/Ivo58D`;

describe("shortLink, printed on the article's page as written", () => {
  it.each([
    ["a user name and password", "https://user:pw@ex.example/x"],
    ["a user name that looks like the site", "https://turquie2023.com@evil.example/"],
    ["no slashes after https:", "https:evil.example"],
    ["http", "http://turquie2023.com/x"],
  ])("is refused with %s, at its value", async (_, link) => {
    expect(await problemsOf({ extra: `shortLink: ${link}` })).toEqual([`6:12: ${HTTPS_RULE}`]);
  });

  it("is refused with a space or an invisible character, at that character", async () => {
    expect(await problemsOf({ extra: 'shortLink: "https://ex.example/a b"' })).toEqual([
      fr`6:34: error: « shortLink » contient ici une espace, qu’une adresse ne peut pas contenir : supprimez-la, l’adresse s’écrit d’un seul tenant, comme https://turquie2023.com/Ivo58D`,
    ]);
    expect(await problemsOf({ extra: 'shortLink: "https://ex.example/\\u202Ex"' })).toEqual([
      fr`6:32: error: « shortLink » contient ici le caractère invisible U+202E, qu’une adresse ne peut pas contenir : retapez l’adresse sans lui, comme https://turquie2023.com/Ivo58D`,
    ]);
  });

  it("is accepted written whole, with spaces around it", async () => {
    expect(await problemsOf({ extra: 'shortLink: " HTTPS://turquie2023.com/Ivo58D "' })).toEqual([]);
  });
});
