import { describe, expect, it } from "vitest";
import { NUMBER_END } from "../../src/search/records.ts";
import { asPrinted, bodyExcerpt, indexedWords, nameKey, unquoted, withStraightQuotes } from "../helpers/page-text.ts";

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
    ["« gouvernement turc »", "gouvernement turc"],
    ["«\u202fgouvernement turc\u202f»", "gouvernement turc"],
    ["«gouvernement turc»", "gouvernement turc"],
    ["“gouvernement turc”", "gouvernement turc"],
    ['"gouvernement turc"', "gouvernement turc"],
    ["« gouvernement turc", "« gouvernement turc"],
    ["le « gouvernement » turc", "le « gouvernement » turc"],
    ["gouvernement turc", "gouvernement turc"],
  ])("%j is quoted by the page as %j, never twice", (query, said) => {
    expect(unquoted(query)).toBe(said);
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

describe("a query with ligatures", () => {
  it.each([
    ["œuvre", "oeuvre"],
    ["oeuvre", "oeuvre"],
    ["Cœur", "Coeur"],
    ["ŒUVRE", "OEUVRE"],
    ["cæcum ex æquo", "caecum ex aequo"],
    ["l’œuvre", "oeuvre"],
    ["« mise en œuvre »", '"mise en oeuvre"'],
  ])("%j is searched as %j, the letters the index holds", (query, words) => {
    expect(indexedWords(query)).toBe(words);
  });
});

describe("a query with hyphens", () => {
  it.each([
    ["huis-clos", "huis clos"],
    ["union-européenne", "union européenne"],
    ["Mustafa\u2011Kemal", "Mustafa Kemal"],
    ["Saint\u2010Louis", "Saint Louis"],
    ["Paris\u2013Dakar", "Paris Dakar"],
    ["Île-de-France", "Île de France"],
    ["l’Union-européenne", "Union européenne"],
    // Beside a part of one letter, or a number, the word stays whole.
    ["e-mail", "e-mail"],
    ["a-t-il", "a-t-il"],
    ["F-16", `F-16${NUMBER_END}`],
    ["COVID\u201119", `COVID\u201119${NUMBER_END}`],
    // An exact phrase is searched as typed.
    ['"huis-clos"', '"huis-clos"'],
  ])("%j is searched as %j", (query, words) => {
    expect(indexedWords(query)).toBe(words);
  });
});

describe("the index's text as the article prints it", () => {
  it.each([
    ["45~ euros", "45\u00a0euros"],
    ["trop cher~~ ?", "trop cher\u202f?"],
    ["<mark>euros~</mark> :", "<mark>euros</mark>\u00a0:"],
    ["«~~ Rien~~ »", "«\u202fRien\u202f»"],
    // A tilde of the article's own, where a mark goes too.
    ["Salut~^ toi", "Salut~ toi"],
    ["<mark>Salut~^</mark> toi", "<mark>Salut~</mark> toi"],
    ["x ~^~ : y", "x ~\u00a0: y"],
    ["«~~ ~^~~ »", "«\u202f~\u202f»"],
    ["~^/dossier et environ ~^ 40", "~/dossier et environ ~ 40"],
    ["~^~^ et ~^^", "~~ et ~^"],
    // A ligature's letters, joined by U+034F.
    ["La mise en o\u034feuvre du co\u034feur", "La mise en œuvre du cœur"],
    ["<mark>O\u034feuvres</mark>, O\u034fEUVRE, ca\u034fecum, A\u034fE", "<mark>Œuvres</mark>, ŒUVRE, cæcum, Æ"],
    ["oeuvre, coeur", "oeuvre, coeur"],
    // A no-break hyphen, an ASCII one then U+034F.
    ["<mark>Mustafa-\u034fKemal</mark> et Mustafa-Kemal", "<mark>Mustafa\u2011Kemal</mark> et Mustafa-Kemal"],
    // A hyphen, then an en dash: two marks, three.
    [
      "Mustafa-\u034f\u034fKemal, <mark>Paris-\u034f\u034f\u034fDakar</mark>, 1914-\u034f\u034f\u034f1918",
      "Mustafa\u2010Kemal, <mark>Paris\u2013Dakar</mark>, 1914\u20131918",
    ],
  ])("%j is printed %j", (text, printed) => {
    expect(asPrinted(text)).toBe(printed);
  });
});

describe("a query naming a topic or a source", () => {
  it.each([
    ["economie", "Économie"],
    ["ÉCONOMIE", "économie"],
    ["  agence   anadolu ", "Agence Anadolu"],
    ["« Agence Anadolu »", "Agence Anadolu"],
    ["trt fr", "TRT-FR"],
    ["Proche Orient", "Proche-Orient"],
    ["Côte d'Ivoire", "Côte d’Ivoire"],
    ["oeuvres d'art", "Œuvres d’art"],
    ["caecum", "Cæcum"],
  ])("%j names %j", (query, name) => {
    expect(nameKey(query)).toBe(nameKey(name));
  });

  it.each([
    ["Turquie", "TRT Turquie"],
    ["eco", "Économie"],
    ["Agence", "Agence Anadolu"],
  ])("%j does not name %j", (query, name) => {
    expect(nameKey(query)).not.toBe(nameKey(name));
  });
});

describe("a result's excerpt", () => {
  const at = (...locations: number[]) => ({ locations, weighted_locations: locations.map((location) => ({ location, balanced_score: 1 })) });
  const body = Array.from({ length: 60 }, (_, i) => `mot${i}`).join(" ");
  const content = `Ankara et l''ONU discutent. ${body}`;
  const meta = { title: "Ankara et l''ONU discutent" };

  it("is cut from the text after the title, around the match", () => {
    const { markup, text } = bodyExcerpt({ content, meta, ...at(0, 44) }, 10);
    expect(text).toBe(body);
    // Pagefind's window: the match in its middle.
    expect(markup).toBe("mot35 mot36 mot37 mot38 mot39 <mark>mot40</mark> mot41 mot42 mot43 mot44");
    expect(markup).not.toContain("Ankara");
  });

  it("starts the text after the title for a match in the title alone", () => {
    expect(bodyExcerpt({ content, meta, ...at(0) }, 4).markup).toBe("mot0 mot1 mot2 mot3");
  });

  it("starts the text for a result without words, escaped", () => {
    expect(bodyExcerpt({ content: "Titre. Un <b> & c", meta: { title: "Titre" } }).markup).toBe("Un &lt;b&gt; &amp; c");
  });

  it("keeps the whole text when it does not start with the title", () => {
    expect(bodyExcerpt({ content: "Autre chose ici", meta: { title: "Titre" }, ...at(1) }).markup).toBe("Autre <mark>chose</mark> ici");
  });
});
