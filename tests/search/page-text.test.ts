import { describe, expect, it } from "vitest";
import { NUMBER_END } from "../../src/search/records.ts";

/** The search page's text, both ways (public/recherche-texte.js: a script of the page, with no types of its own). */
interface PageText {
  indexedWords(query: string): string;
  withStraightQuotes(query: string): string;
  asPrinted(text: string): string;
}
const { indexedWords, withStraightQuotes } = (await import(new URL("../../public/recherche-texte.js", import.meta.url).href)) as PageText;

describe("a query in quotation marks", () => {
  it.each([
    ["« gouvernement turc »"],
    ["«\u00a0gouvernement turc\u00a0»"],
    ["«\u202fgouvernement turc\u202f»"],
    ["«gouvernement turc»"],
    ["“gouvernement turc”"],
    ["„gouvernement turc“"],
    ['"gouvernement turc"'],
    ["  «\u202fgouvernement\u00a0turc\u202f»  "],
  ])("%j is Pagefind's exact phrase, between straight quotation marks", (query) => {
    expect(withStraightQuotes(query)).toBe('"gouvernement turc"');
  });

  it.each([
    ["« gouvernement turc"],
    ["gouvernement turc »"],
    ["“gouvernement turc"],
    ["le « gouvernement » turc"],
    ["« »"],
    ["»gouvernement turc«"],
    ["gouvernement turc"],
  ])("%j, not wholly within a pair, is left as typed", (query) => {
    expect(withStraightQuotes(query)).toBe(query);
  });

  it.each([
    ["« gouvernement turc »", '"gouvernement turc"'],
    ["«\u202f4\u202f920 sinistrés\u202f»", `"4920${NUMBER_END} sinistrés"`],
    ["„l’Irak“", '"l’Irak"'],
    // A mark without its pair is no word, as to Pagefind.
    ["« gouvernement turc", "gouvernement turc"],
    ["gouvernement » turc", "gouvernement turc"],
    ["“ l’Irak", "Irak"],
  ])("%j is searched as %j", (query, words) => {
    expect(indexedWords(query)).toBe(words);
  });
});
