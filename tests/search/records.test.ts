import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import { describe, expect, it, onTestFinished } from "vitest";
import { readPagefindFile, readPageList } from "../../src/search/pagefind-files.ts";
import {
  bundleDigest,
  DECIMAL_MARK,
  DIGIT_JOINER,
  ELISION_MARK,
  GROUP_POINT,
  NO_BREAK_MARK,
  NUMBER_END,
  recordPage,
  type SearchRecord,
  SPELLING_MARK,
  TILDE,
} from "../../src/search/records.ts";
import { renderMarkdown } from "../../src/text/markdown.ts";
import { asPrinted } from "../helpers/page-text.ts";
import { modulePath, runWithDeadline } from "../helpers/deadline.ts";

const RECORD: SearchRecord = {
  url: "/2021/12/09/l-irak/",
  title: `L'Irak et <script>alert("x")</script>`,
  standfirst: "Un chapeau & une suite",
  bodyHtml: "<p>Le gouvernement d’Ankara a réagi.</p>",
  dateIso: "2021-12-09T14:10:00.000Z",
  year: "2021",
  sources: ["Agence Anadolu"],
  topics: ["Turquie", `Quote " et <b>`],
};

// What Pagefind indexes: the text of `data-pagefind-body`.
function indexedPart(page: string): string {
  return /<main data-pagefind-body>(.*)<\/main>/s.exec(page)![1]!;
}

/** What Pagefind makes of a record's page: the words it indexes, its title and the text its excerpts are cut from. */
async function indexed(record: SearchRecord): Promise<{ words: string[]; title: string; content: string }> {
  const folder = mkdtempSync(join(tmpdir(), "depeche-record-"));
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  const { index } = await pagefind.createIndex({ forceLanguage: "fr" });
  try {
    await index!.addHTMLFile({ url: record.url, content: recordPage(record) });
    await index!.writeFiles({ outputPath: folder });
  } finally {
    await pagefind.close();
  }
  const chunks = readPageList(folder).meta[2] as [string, string, string][];
  const words = chunks.flatMap(([, , hash]) => (readPagefindFile(readFileSync(join(folder, "index", `${hash}.pf_index`))) as [[string][]])[0].map(([w]) => w));
  const [fragment] = readdirSync(join(folder, "fragment"));
  const text = gunzipSync(readFileSync(join(folder, "fragment", fragment!))).toString();
  const { content, meta } = JSON.parse(text.slice(text.indexOf("{"))) as { content: string; meta: { title: string } };
  return { words, title: meta.title, content };
}

describe("the page Pagefind indexes for an article", () => {
  it("holds the title as its heading, then the standfirst and the body, and nothing else as words", () => {
    const words = indexedPart(recordPage(RECORD));
    expect(words).toMatch(
      /^<h1>L''Irak et &lt;script&gt;alert\(«~~ x~~ »\)&lt;\/script&gt;<\/h1><p>Un chapeau &amp; une suite<\/p><p>Le gouvernement d''Ankara a réagi\.<\/p>$/,
    );
    for (const name of ["Turquie", "Anadolu", "2021"]) expect(words).not.toContain(name);
  });

  it("gives topics, sources and year as filters, outside the indexed part, escaped, and no sort key (the rows order by date)", () => {
    const page = recordPage(RECORD);
    const attributes = [...page.matchAll(/data-pagefind-(filter|sort)="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(attributes).toEqual(["filter sujet:Turquie", "filter sujet:Quote &quot; et &lt;b&gt;", "filter source:Agence Anadolu", "filter annee:2021"]);
    expect(page).not.toContain("data-pagefind-meta");
  });

  it("indexes no standfirst when the article has none of its own (its list excerpt is the body's words)", () => {
    expect(indexedPart(recordPage({ ...RECORD, standfirst: undefined }))).not.toContain("chapeau");
  });
});

describe("numbers in the page Pagefind indexes", () => {
  const e = NUMBER_END;
  const d = DECIMAL_MARK;
  const j = DIGIT_JOINER;
  const n = NO_BREAK_MARK;
  const nn = NO_BREAK_MARK + NO_BREAK_MARK;
  const p = GROUP_POINT;

  it.each([
    ["4\u202f920 sinistrés", `4${j}920${e} sinistrés`],
    ["1\u202f000\u202f000 d’euros", `1${j}000${j}000${e} d''euros`],
    ["en 2021, 4920 habitants", `en 2021${e}, 4920${e} habitants`],
    ["«\u202f4\u202f» et 12\u202f34", `«${nn} 4${e}${nn} » et 12${e}${nn} 34${e}`],
    ["1234\u202f567 et 3,141\u202f592", `1234${e}${nn} 567${e} et 3${d}141${e}${nn} 592${e}`],
    // A decimal comma, in a number grouped or not; a comma before a space is no decimal one.
    ["3,5\u00a0% et 25\u202f000,50\u00a0€, 7, 8", `3${d}5${e}${n} % et 25${j}000${d}50${e}${n} €, 7${e}, 8${e}`],
    // A decimal point, typed as on a phone or in an English quotation, is kept before the letter.
    ["3.5 et 0.75, Web 2.0.", `3.${d}5${e} et 0.${d}75${e}, Web 2.${d}0${e}.`],
    // A number grouped by dots is one number: a point before three digits, after one to three that start with no 0.
    ["1.500 et 25.000.000 contre 0.500 et 1.5000", `1${p}500${e} et 25${p}000${p}000${e} contre 0.${d}500${e} et 1.${d}5000${e}`],
    // Other marks part numbers, and so does a point in a dotted run: each is a number of its own.
    [
      "COVID-19, 10:30, 2021-2022, 12.03.2021, 1.6.0, 1.500,50",
      `COVID-19${e}, 10${e}:30${e}, 2021${e}-2022${e}, 12${e}.03${e}.2021${e}, 1${e}.6${e}.0${e}, 1${e}.500${e},50${e}`,
    ],
    // A word's digits start with the letter, and end with it unless a letter follows: the word is « gǂ20ǂ », none of its parts « 20 ».
    [
      "G20, G200, A400M, H5N1, A<em>320</em>, l’A320 et A1.5",
      `G${e}20${e}, G${e}200${e}, A${e}400M, H${e}5N${e}1${e}, A<em>${e}320${e}</em>, l''A${e}320${e} et A${e}1${e}.5${e}`,
    ],
    // A decimal part a letter touches is none: « 3 » is a number, « 5a » a word.
    ["3,5a", `3${e},5a`],
    ["<em>4920</em> et <strong>3,5</strong>", `<em>4920${e}</em> et <strong>3${d}5${e}</strong>`],
  ])("%j is indexed as %j", (body, indexed) => {
    expect(indexedPart(recordPage({ ...RECORD, title: "T", standfirst: undefined, bodyHtml: `<p>${body}</p>` }))).toBe(`<h1>T</h1><p>${indexed}</p>`);
  });

  it.each([
    // A letter or a digit touches it, even through the inline markup Pagefind reads a word through: a word.
    ["le 1<sup>er</sup> et le 3\u202f000<sup>e</sup> jour", `le 1<sup>er</sup> et le 3${j}000<sup>e</sup> jour`],
    ["5G, <em>4920</em>s, 4\u202f920a, 12², 1990s, A3²", `5G, <em>4920</em>s, 4${j}920a, 12², 1990s, A3²`],
    // Nor are the digits of a tag or a character reference.
    ['<a href="/2021/12/09/x/">la veille</a> l&#39;', '<a href="/2021/12/09/x/">la veille</a> l&#39;'],
    ['<img src="/images/2021/x.jpg" alt="2021" width="800">', '<img src="/images/2021/x.jpg" alt="2021" width="800">'],
  ])("%j keeps its words as they are: %j", (body, indexed) => {
    expect(indexedPart(recordPage({ ...RECORD, title: "T", standfirst: undefined, bodyHtml: `<p>${body}</p>` }))).toBe(`<h1>T</h1><p>${indexed}</p>`);
  });

  it("joins and ends the numbers an editor typed in a title or a standfirst, once typeset", () => {
    const words = indexedPart(recordPage({ ...RECORD, title: "4 920 sinistrés", standfirst: "Et 25000 déplacés", bodyHtml: "" }));
    expect(words).toBe(`<h1>4${j}920${e} sinistrés</h1><p>Et 25${j}000${e} déplacés</p>`);
  });

  it("gives Pagefind each number as one word of its digits and letters, none the start of another, its excerpt text keeping them", async () => {
    const body = "<p>4\u202f920 sinistrés, 492\u202f000 euros, 49\u202f200 foyers, en 2023, 20\u202f230 places, 3,5\u00a0% et 35\u00a0%.</p>";
    const { words, content } = await indexed({ ...RECORD, title: "Crues", standfirst: undefined, bodyHtml: body });
    const numbers = words.filter((word) => /^\d/.test(word));
    expect(numbers.sort()).toEqual(
      [
        `20230${e}`,
        `2023${e}`,
        `35${e}`,
        `3${d}5${e}`,
        `49200${e}`,
        `492000${e}`,
        `4920${e}`,
        `4${j}920${e}`,
        `49${j}200${e}`,
        `492${j}000${e}`,
        `20${j}230${e}`,
      ].sort(),
    );
    // The words a query asks for (no joiner): none starts another.
    const asked = numbers.filter((word) => !word.includes(j));
    for (const word of asked) expect(asked.filter((other) => other.startsWith(word))).toEqual([word]);
    expect(content).toBe(
      `Crues. 4${j}920${e} sinistrés, 492${j}000${e} euros, 49${j}200${e} foyers, en 2023${e}, 20${j}230${e} places, 3${d}5${e}${n} % et 35${e}${n} %.`,
    );
  });

  it("gives Pagefind a decimal point, a number grouped by dots and a word's final digits as the words a query asks for, and no word for a no-break space", async () => {
    const body = "<p>Le G20 et le G200, un F-16 et un A400M\u00a0: 3.5\u00a0% puis 3,5\u00a0%, 1.500 et 1\u202f500 réfugiés\u202f!</p>";
    const { words, content } = await indexed({ ...RECORD, title: "T", standfirst: undefined, bodyHtml: body });
    for (const word of [`g${e}20${e}`, `g${e}200${e}`, `f16${e}`, `a${e}400m`, `3${d}5${e}`, `1500${e}`, "refug"]) expect(words).toContain(word);
    // Besides the words above, no word that a query's number (« 16 », « 20 », « 200 », « 400 », « 5 », « 500 ») starts, or that starts one, but F-16's part « 16ǂ ».
    expect(words.filter((word) => /^\d/.test(word) && !word.includes(j) && !word.includes(p)).sort()).toEqual([`1500${e}`, `16${e}`, `3${d}5${e}`].sort());
    expect(words.filter((word) => word.includes(n))).toEqual([]);
    expect(content).toBe(
      `T. Le G${e}20${e} et le G${e}200${e}, un F-16${e} et un A${e}400M${n} : 3.${d}5${e}${n} % puis 3${d}5${e}${n} %, 1${p}500${e} et 1${j}500${e} réfugiés${nn} !`,
    );
  });
});

describe("a long paragraph in the page Pagefind indexes", () => {
  const e = NUMBER_END;
  const d = DECIMAL_MARK;

  it("leaves a tag's digits as written and marks the text's, whatever the text before them", () => {
    const words = (html: string): string => indexedPart(recordPage({ ...RECORD, title: "T", standfirst: undefined, bodyHtml: html }));
    const tags = '<a href="/2021/12/09/x/" title="G20 3,5">le G20</a> <img src="/images/2021/1.jpg" alt="7 ans"> 12 &amp; 3,5 <code>A320</code>';
    const marked = `<a href="/2021/12/09/x/" title="G20 3,5">le G${e}20${e}</a> <img src="/images/2021/1.jpg" alt="7 ans"> 12${e} &amp; 3${d}5${e} <code>A${e}320${e}</code>`;
    expect(words(`<p>En 2021 ${tags}</p>`)).toBe(`<h1>T</h1><p>En 2021${e} ${marked}</p>`);
    // After 20,000 words and a lone « > » of the text, as a table pasted as one paragraph has.
    expect(words(`<p>${"a1 ".repeat(20_000)}&gt; 4 > 5 ${tags}</p>`)).toBe(`<h1>T</h1><p>${`a${e}1${e} `.repeat(20_000)}&gt; 4${e} > 5${e} ${marked}</p>`);
  });

  // Every number of a paragraph was once checked against all the text before it (is it in a tag?):
  // 40,000 words took 6 s, 10,000 rows of a table pasted as one paragraph half a minute of the
  // build. Run in a child killed at the deadline, so that a regression fails here instead of
  // hanging the suite; no timing is asserted, only that it finishes (some 2 s at 200,000 words).
  it("makes the page of a paragraph of 200,000 words in one pass", () => {
    const script = `
      const { recordPage } = await import(${modulePath("../../src/search/records.ts", import.meta.url)});
      for (const [name, run] of [["numbers", "1 "], ["words with digits", "a1 "], ["table rows", "| 12 | 3,5 | x |\\n"]]) {
        process.stdout.write(name + "\\n");
        recordPage({ url: "/x/", title: "T", bodyHtml: "<p>" + run.repeat(200_000) + "</p>", dateIso: "2021-12-09T00:00:00.000Z", year: "2021", sources: [], topics: [] });
      }
      process.stdout.write("done\\n");`;
    const { last, stderr } = runWithDeadline(script);
    expect(stderr).toBe("");
    expect(last, `still making "${last}" after 30 s`).toBe("done");
  }, 60_000);
});

describe("tildes and no-break spaces in the page Pagefind indexes", () => {
  // The article's own tildes, where a no-break space's mark goes too: after a word, before a no-break space.
  const BODY = "environ ~ 40 minutes, ~/dossier, Salut~ toi, x ~\u00a0: y, «\u202f~\u202f» et ~~ fin\u202f?";

  it("writes each tilde of the article so that no mark is read in it", () => {
    const t = TILDE;
    expect(indexedPart(recordPage({ ...RECORD, title: "T", standfirst: undefined, bodyHtml: `<p>${BODY}</p>` }))).toBe(
      `<h1>T</h1><p>environ ${t} 40${NUMBER_END} minutes, ${t}/dossier, Salut${t} toi, x ${t}${NO_BREAK_MARK} : y, «~~ ${t}~~ » et ${t}${t} fin~~ ?</p>`,
    );
  });

  it("gives Pagefind no word for them, and the search page prints the article's tildes and no-break spaces as it does", async () => {
    const { words, title, content } = await indexed({ ...RECORD, title: "Salut~ toi : ~ 3 000", standfirst: undefined, bodyHtml: `<p>${BODY}</p>` });
    expect(words.filter((word) => /[~^]/.test(word))).toEqual([]);
    expect(words).toEqual(expect.arrayContaining(["salut", "dossi", "fin"]));
    expect(asPrinted(title)).toBe("Salut~ toi\u00a0: ~ 3\u202f000");
    expect(asPrinted(content)).toBe(`Salut~ toi\u00a0: ~ 3\u202f000. ${BODY}`);
  });
});

describe("elisions in the page Pagefind indexes", () => {
  it.each([
    ["l’Irak et aujourd’hui", "l''Irak et aujourd''hui"],
    ["‘non’ dit-il, l’’a", "‘non’ dit-il, l’’a"],
    ["<code>it's</code>", "<code>it's</code>"],
    // Pagefind reads a word through inline markup, before the apostrophe or after it.
    ["l’<em>Express</em> et d’<strong>Ankara</strong>", "l''<em>Express</em> et d''<strong>Ankara</strong>"],
    ['l’<a href="https://www.nato.int/">OTAN</a>', "l''<a href=\"https://www.nato.int/\">OTAN</a>"],
    ["l’<strong><em>Express</em></strong>, l’<code>npm</code>", "l''<strong><em>Express</em></strong>, l''<code>npm</code>"],
    ['<a href="/a/">l’</a>Express et <em>l</em>’Irak', "<a href=\"/a/\">l''</a>Express et <em>l</em>''Irak"],
    // A word ends at an image or a line break; a quotation's closing mark is no elision.
    ['l’<img src="/x.jpg" alt=""> et l’<br>\nIrak', 'l’<img src="/x.jpg" alt=""> et l’<br>\nIrak'],
    ["‘<em>non</em>’ dit-il", "‘<em>non</em>’ dit-il"],
  ])("%j is indexed as %j", (body, indexed) => {
    expect(indexedPart(recordPage({ ...RECORD, title: "T", standfirst: undefined, bodyHtml: `<p>${body}</p>` }))).toBe(`<h1>T</h1><p>${indexed}</p>`);
  });

  it("gives Pagefind the word after an elision as a part of its own whatever markdown marks it, the article's text whole in the excerpt", async () => {
    const body = "Selon l’*Express*, d’**Ankara** à l’[OTAN](https://www.nato.int/), [l’](/2021/12/08/l/)Irak.";
    const { words, content } = await indexed({ ...RECORD, title: "T", standfirst: undefined, bodyHtml: renderMarkdown(body) });
    for (const word of ["express", "ankar", "otan", "irak"]) expect(words).toContain(word);
    const m = ELISION_MARK;
    expect(content).toBe(`T. Selon l${m}Express, d${m}Ankara à l${m}OTAN, l${m}Irak.`);
  });

  it("gives Pagefind the elided word as a part of its own, the article's word whole in its title and excerpt text", async () => {
    const { words, content, title } = await indexed({
      ...RECORD,
      title: "L’Irak",
      standfirst: undefined,
      bodyHtml: "<p>Selon l’ONU, « rien n’est décidé » aujourd’hui : ‘non’ dit-il.</p>",
    });
    for (const word of ["irak", "onu", "est", "aujourd", "hui"]) expect(words).toContain(word);
    // The elided articles are no words of their own, nor parts.
    for (const word of ["l", "n", "l’", "l'"]) expect(words).not.toContain(word);
    const m = ELISION_MARK;
    expect(title).toBe(`L${m}Irak`);
    expect(content).toBe(`L${m}Irak. Selon l${m}ONU, « rien n${m}est décidé » aujourd${m}hui : ‘non’ dit-il.`);
  });
});

describe("ligatures in the page Pagefind indexes", () => {
  const m = SPELLING_MARK;

  it.each([
    ["La mise en œuvre du cœur", `La mise en o${m}euvre du co${m}eur`],
    ["cæcum et ex æquo", `ca${m}ecum et ex a${m}equo`],
    // A capital before a small letter keeps its second letter small: « OE » then a small letter would be read as an acronym.
    ["Œuvre, ŒUVRE, Œ, Æther, ÆTHER", `O${m}euvre, O${m}EUVRE, O${m}E, A${m}ether, A${m}ETHER`],
    ["l’œuvre et <em>œ</em>uvre", `l''o${m}euvre et <em>o${m}e</em>uvre`],
    ["oeuvre et coeur", "oeuvre et coeur"],
  ])("%j is indexed as %j", (body, indexed) => {
    expect(indexedPart(recordPage({ ...RECORD, title: "T", standfirst: undefined, bodyHtml: `<p>${body}</p>` }))).toBe(`<h1>T</h1><p>${indexed}</p>`);
  });

  it("gives Pagefind the word spelled with the ligature's letters, stemmed and folded as ever, and the search page prints the ligature back", async () => {
    const { words, title, content } = await indexed({
      ...RECORD,
      title: "Les Œuvres de cœur",
      standfirst: "Mise en œuvre",
      bodyHtml: "<p>Le cœur de l’œuvre, ŒUVRE COMPLÈTE, et cæcum.</p>",
    });
    expect(words).toEqual(expect.arrayContaining(["oeuvr", "coeur", "loeuvr", "caecum", "complet"]));
    // No word holds a ligature, nor is a piece of one (« euvre » from « OEuvre » read as an acronym).
    expect(words.filter((word) => /[œæ]|^(?:euvr|o)$/.test(word))).toEqual([]);
    expect(asPrinted(title)).toBe("Les Œuvres de cœur");
    expect(asPrinted(content)).toBe("Les Œuvres de cœur. Mise en œuvre. Le cœur de l’œuvre, ŒUVRE COMPLÈTE, et cæcum.");
  });
});

describe("dashes that join two words in the page Pagefind indexes", () => {
  const m = SPELLING_MARK;

  it.each([
    ["Mustafa\u2011Kemal et Île\u2011de\u2011France", `Mustafa-${m}Kemal et Île-${m}de-${m}France`],
    ["COVID\u201119", `COVID-${m}19${NUMBER_END}`],
    // A hyphen (U+2010) with two marks, an en dash (U+2013) with three.
    ["Mustafa\u2010Kemal, Paris\u2013Dakar, 1914\u20131918", `Mustafa-${m}${m}Kemal, Paris-${m}${m}${m}Dakar, 1914${NUMBER_END}-${m}${m}${m}1918${NUMBER_END}`],
    // Alone, or beside no letter nor digit, it joins no words: as it is.
    ["a \u2011 b, x\u2011 et Mustafa-Kemal", "a \u2011 b, x\u2011 et Mustafa-Kemal"],
    ["Paris \u2013 Dakar, x\u2010 et \u2013 y", "Paris \u2013 Dakar, x\u2010 et \u2013 y"],
  ])("%j is indexed as %j", (body, indexed) => {
    expect(indexedPart(recordPage({ ...RECORD, title: "T", standfirst: undefined, bodyHtml: `<p>${body}</p>` }))).toBe(`<h1>T</h1><p>${indexed}</p>`);
  });

  it("gives Pagefind the words a no-break hyphen joins as parts, and the search page prints the no-break hyphen back", async () => {
    const { words, content } = await indexed({
      ...RECORD,
      title: "T",
      standfirst: undefined,
      bodyHtml: "<p>L’avenue Mustafa\u2011Kemal et la COVID\u201119.</p>",
    });
    expect(words).toEqual(expect.arrayContaining(["lavenu", "mustafakemal", "mustaf", "kemal", `covid19${NUMBER_END}`, "covid", `19${NUMBER_END}`]));
    expect(words.filter((word) => /\u2011|\u034f/.test(word))).toEqual([]);
    expect(asPrinted(content)).toBe("T. L’avenue Mustafa\u2011Kemal et la COVID\u201119.");
  });

  it("gives Pagefind the words a hyphen or an en dash joins as parts, and the search page prints each back", async () => {
    const text = "Le rallye Paris\u2013Dakar, la guerre de 1914\u20131918 et l’avenue Mustafa\u2010Kemal.";
    const { words, content } = await indexed({ ...RECORD, title: "T", standfirst: undefined, bodyHtml: `<p>${text}</p>` });
    expect(words).toEqual(expect.arrayContaining(["paris", "dakar", "parisdakar", `1914${NUMBER_END}`, `1918${NUMBER_END}`, "mustaf", "kemal"]));
    expect(words.filter((word) => /\u2010|\u2013|\u034f/.test(word))).toEqual([]);
    expect(asPrinted(content)).toBe(`T. ${text}`);
  });
});

describe("a bundle's digest", () => {
  it("is the same for the same records, and changes with any record, their order or Pagefind's version", () => {
    const other = { ...RECORD, url: "/2021/12/10/autre/" };
    const digest = bundleDigest([RECORD, other], "1.6.0");
    expect(bundleDigest([{ ...RECORD }, { ...other }], "1.6.0")).toBe(digest);
    expect(bundleDigest([RECORD, { ...other, bodyHtml: "<p>Corrigé.</p>" }], "1.6.0")).not.toBe(digest);
    expect(bundleDigest([other, RECORD], "1.6.0")).not.toBe(digest);
    expect(bundleDigest([RECORD, other], "1.7.0")).not.toBe(digest);
  });

  it("digests each input and a newline, however many are hashed in one call: a cache's bundles keep their digests", () => {
    const inputs = Array.from({ length: 2500 }, (_, i) => `/2021/12/${i}/\u0000f${i.toString(16)}`);
    const expected = createHash("sha256").update("depeche-search-14\n1.6.0\n");
    for (const input of inputs) expected.update(input).update("\n");
    expect(bundleDigest(inputs, "1.6.0")).toBe(expected.digest("hex"));
  });
});
