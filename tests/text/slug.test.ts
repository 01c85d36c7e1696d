import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { SLUG_PATTERN, slugify } from "../../src/text/slug.ts";

const diacritics: [letter: string, base: string][] = [
  ["à", "a"], ["â", "a"], ["ä", "a"], ["ç", "c"], ["é", "e"], ["è", "e"], ["ê", "e"], ["ë", "e"],
  ["î", "i"], ["ï", "i"], ["ô", "o"], ["ö", "o"], ["ù", "u"], ["û", "u"], ["ü", "u"], ["ÿ", "y"],
  ["œ", "oe"], ["æ", "ae"],
];

describe("slugify", () => {
  test.each(diacritics.flatMap(([letter, base]) => [
    [letter, base],
    [letter.toUpperCase(), base],
  ]))("%s → %s, from NFC and NFD", (letter, base) => {
    const word = `x${letter}x`;
    expect(slugify(word.normalize("NFC"))).toBe(`x${base}x`);
    expect(slugify(word.normalize("NFD"))).toBe(`x${base}x`);
  });

  test.each([
    ["L’Irak annonce la fin de la mission de combat", "l-irak-annonce-la-fin-de-la-mission-de-combat"],
    ["l'OTAN et l’ONU", "l-otan-et-l-onu"],
    ["Le cœur de l’État", "le-coeur-de-l-etat"],
    ["CŒUR ŒUVRE Æsope", "coeur-oeuvre-aesope"],
    ["États-Unis", "etats-unis"],
    ["TRT FR", "trt-fr"],
    ["AA", "aa"],
    ["Arabie saoudite", "arabie-saoudite"],
    ["Zürich, Noël, naïve, Ärger, Öl", "zurich-noel-naive-arger-ol"],
    ["Ça va ? Oui !", "ca-va-oui"],
    ["« Nous avons achevé »", "nous-avons-acheve"],
    ["Économie : 3 000 personnes concernées", "economie-3-000-personnes-concernees"],
    [`3${"\u202f"}000 soldats, 25${"\u00a0"}%`, "3-000-soldats-25"],
    ["Le 1er décembre", "le-1er-decembre"],
    ["Recherche & développement", "recherche-et-developpement"],
    ["un prix de 5 € — enfin", "un-prix-de-5-enfin"],
    ["Kılıçdaroğlu, Erdoğan, İstanbul", "kilicdaroglu-erdogan-istanbul"],
    ["Łódź, Søren, Straße", "lodz-soren-strasse"],
    ["iPhone et FooBar", "iphone-et-foobar"],
    ["  --  ", ""],
  ])("%j → %j", (text, slug) => {
    expect(slugify(text)).toBe(slug);
    expect(slugify(text.normalize("NFD"))).toBe(slug);
  });

  test("every slug matches the contract's pattern", () => {
    for (const text of ["L’Irak", "Œ", "Москва", "a--b", "_x_", "1er"]) expect(slugify(text)).toMatch(SLUG_PATTERN);
  });

  const generator = resolve(import.meta.dirname, "../../../shared/corpus/generate.mjs");
  test.skipIf(!existsSync(generator))("gives the corpus generator's slug for each of its titles (needs ../shared, which CI has)", () => {
    const dir = mkdtempSync(join(tmpdir(), "depeche-slugs-"));
    try {
      execFileSync(process.execPath, [generator, "--count", "2000", "--out", dir], { stdio: "ignore" });
      const files = readdirSync(join(dir, "articles"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md"));
      expect(files.length).toBe(2000);
      for (const file of files) {
        const title = JSON.parse(/^title: (".*")$/m.exec(readFileSync(join(dir, "articles", file), "utf8"))![1]!) as string;
        // Files are named DD-<slug>.md.
        expect(slugify(title), title).toBe(file.split("/").pop()!.slice(3, -3));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
