import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { typesetHtml } from "../text/typography.ts";
import { SEARCH_FILTERS } from "./markers.ts";

/**
 * What the index holds of one article, taken from the planned page data (never read back from
 * the written HTML): the words readers search (title, standfirst, body) and, apart from them,
 * what results show, filter and sort by.
 */
export interface SearchRecord {
  /** Site-relative URL of the article page. */
  url: string;
  /** Plain text; escaped here. */
  title: string;
  /** The editor's standfirst (`summary`), plain text: absent when the lists take it from the body, whose words are indexed already. */
  standfirst?: string;
  /** The rendered body (already safe HTML). */
  bodyHtml: string;
  /** The instant, UTC ISO: text order is time order (a bundle's records come newest first). */
  dateIso: string;
  year: string;
  sources: string[];
  topics: string[];
}

/** One part of the index: a key (its folder below `/pagefind/`), its records, and their digest. */
export interface IndexBundle {
  key: string;
  /** Every record of the bundle; with `patch`, the edited ones only. */
  records: SearchRecord[];
  /** `bundleDigest` of what the records are made from: equal digests, byte-identical bundle folders. */
  digest: string;
  /** What its page ids start with (`pagePrefix`, of its `pagesDigest`). */
  prefix: string;
  /** The bundle folder holds the previous bundle, to be patched (`BundleChange`): `records` are the pages `pages`. */
  patch?: BundleChange;
}

/**
 * How a bundle changed since its folder was written, by Pagefind's page numbers (each page's place
 * among the bundle's records, newest first): its pages `gone` (the previous numbers) are no more
 * or were edited, and its pages `pages` (the new numbers) are new or edited, both ascending; the
 * other pages are the same, in the same order. `total`: how many pages the bundle has now.
 */
export interface BundleChange {
  gone: number[];
  pages: number[];
  total: number;
}

/**
 * A bundle as planned: its digest is known when asked, its records are made only when it is
 * indexed, so that a bundle reused from the previous site never renders its articles' bodies (an
 * incremental build renders only the pages that changed).
 */
export interface PlannedBundle {
  key: string;
  /** How many records: the largest bundles are indexed first. */
  articles: number;
  digest: string;
  /** What its page ids start with (`pagePrefix`, of its `pagesDigest`). */
  prefix: string;
  /**
   * The previous build planned this very bundle, and none of its records changed since
   * (`RecordSources.changedOnly`): the index it staged holds it as it is, whatever its digest,
   * which is then never made (at 100,000 articles, the digests of a body edit's untouched bundles
   * were 0.2 s of its build).
   */
  unchanged?: boolean;
  records(): SearchRecord[];
  /**
   * When some of the bundle's records were edited, added or removed since the previous build
   * (src/search/bundle-patch.ts): the digest the bundle had then, how it changed (`BundleChange`),
   * and a function that makes the records of its pages `pages`. A bundle folder of that digest is
   * patched rather than indexed again.
   */
  patch?: { previous: string; gone: number[]; pages: number[]; records(): SearchRecord[] };
  /**
   * Once its records are handed to the indexer: lets go of what they were made from that the build
   * no longer needs (the articles' rendered bodies, once the pages are written). Optional.
   */
  release?(): void;
}

// Raised when what a bundle holds for the same inputs changes (the page Pagefind reads below, the rows
// written beside its files: src/search/bundle-rows.ts).
const RECORD_FORMAT = "depeche-search-14";

/**
 * The page Pagefind indexes for a record: the title as the page's only heading (Pagefind weighs a
 * heading's words above the body's), then the standfirst and the body. Sources, topics and year are
 * filters, on elements with no text outside the indexed part: never matched words (Pagefind indexes
 * metadata's words, so there is no metadata but the title: the search page reads the day from the
 * URL and the sources from the filters). No sort key: the search page orders by date from the
 * bundle's rows (src/search/bundle-rows.ts).
 * @example recordPage({ title: "L’Irak…", bodyHtml: "<p>…</p>", … }) // "<html lang=\"fr\"><body><main data-pagefind-body><h1>L''Irak…</h1>…"
 */
export function recordPage(record: SearchRecord): string {
  const attr = (name: string, value: string): string => ` data-pagefind-${name}="${escapeAttribute(value)}"`;
  const filters = [
    ...record.topics.map((t) => attr("filter", `${SEARCH_FILTERS.topic}:${t}`)),
    ...record.sources.map((s) => attr("filter", `${SEARCH_FILTERS.source}:${s}`)),
    attr("filter", `${SEARCH_FILTERS.year}:${record.year}`),
  ];
  const tags = filters.map((a) => `<span${a}></span>`).join("");
  const standfirst = record.standfirst ? `<p>${typesetHtml(record.standfirst)}</p>` : "";
  const words = `<h1>${typesetHtml(record.title)}</h1>${standfirst}${record.bodyHtml}`;
  return `<html lang="fr"><body><main data-pagefind-body>${markNoBreakSpaces(markNumbers(markElisions(spellJoiningDashes(spellLigatures(words)))))}</main><div>${tags}</div></body></html>`;
}

/** What follows a character the index writes for one the article prints otherwise: a ligature's first letter (`œ` as `o͏e`), a no-break hyphen's ASCII one (`‑` as `-͏`). U+034F, combining grapheme joiner, which Pagefind leaves out of a word as an accent; the search page prints the article's character again. */
export const SPELLING_MARK = "\u034f";

// A French reader types « oeuvre » and « coeur » (no keyboard has an œ key), and Pagefind's folding
// of accents (NFD, then no combining mark) leaves « œ » and « æ » as they are: « oeuvre » would not
// find « œuvre », nor « œuvre » « oeuvre ». So the index holds the ligature's letters, as the
// site's slugs spell it (src/text/slug.ts), and the search page folds a query's ligatures the same
// way (public/recherche-texte.js, `indexedWords`). The two letters are joined by a combining mark,
// `SPELLING_MARK`, so that the search page can print the ligature back: Pagefind leaves that mark
// out of the word (« cœur » is the word « coeur », stemmed as ever), and out of its part once
// folded, as an accent (no word more to find, a variant « co͏eur » kept beside « coeur »). A
// capital « Œ » is « O͏e » before a small letter (« Œuvre »), « O͏E » otherwise (« ŒUVRE »):
// Pagefind reads « OE » then a small letter as an acronym and would index « euvre » as a part.
function spellLigatures(html: string): string {
  return html.replace(LIGATURE, (ligature: string, next: string) => {
    const [first, second] = SPELLED_LIGATURES[ligature]!;
    const allCapitals = ligature !== ligature.toLowerCase() && !SMALL_LETTER.test(next);
    return `${first}${SPELLING_MARK}${allCapitals ? second!.toUpperCase() : second}`;
  });
}

// Each ligature's letters, the second small (a capital's too when a small letter follows it).
const SPELLED_LIGATURES: Record<string, string> = { œ: "oe", Œ: "Oe", æ: "ae", Æ: "Ae" };
// The lookahead reads the character after the ligature without taking it (« Œœ » is two).
const LIGATURE = /[œŒæÆ](?=(.?))/gsu;
const SMALL_LETTER = /\p{Ll}/u;

// A no-break hyphen (U+2011) joins a compound's words where a line must not break them apart
// (« Mustafa‑Kemal »); a Unicode hyphen (U+2010) or an en dash (U+2013) between two words, with no
// space, joins them too (« Paris–Dakar », « 1914–1918 »). Pagefind parts a word at ASCII
// punctuation only, and would index « mustafakemal » or « parisdakar » alone: « Kemal » or
// « Dakar » would not find it, as they find « Mustafa-Kemal ». So each is given to Pagefind as an
// ASCII hyphen then one, two or three `SPELLING_MARK`s, which Pagefind leaves out of the part after
// it as accents (« kemal »), and by which the search page prints the article's character again.
function spellJoiningDashes(html: string): string {
  return html.replace(JOINING_DASH, (dash: string) => `-${SPELLING_MARK.repeat(JOINING_DASHES.indexOf(dash) + 1)}`);
}

/** The dashes that join two words, in the order of their marks' count (public/recherche-texte.js prints them back). */
export const JOINING_DASHES = "\u2011\u2010\u2013";
// Only between a word's letters or digits: alone, « -͏ » would be a word whose part, the mark
// alone, Pagefind would fold into an empty word.
const JOINING_DASH = /[\u2011\u2010\u2013](?<=[\p{L}\p{N}].)(?=[\p{L}\p{N}])/gu;

/** What stands for an elided article's apostrophe in what Pagefind reads; the search page prints it as `’` again. */
export const ELISION_MARK = "''";

// Pagefind splits words on whitespace, and it collapses whitespace in the text its excerpts are cut
// from. Within a word it also indexes the parts between ASCII punctuation, each of two letters or
// more: « l'Irak » is indexed as « lirak » and « irak », and kept whole in the excerpts' text. The
// typographic apostrophe is no ASCII punctuation, so « l’Irak » would be « lirak » alone and
// « Irak » would not find it: an apostrophe between letters is given to Pagefind as two straight
// ones, which the typography never leaves between letters (it makes a straight one after a letter
// `’`, outside code). The search page splits a query at the apostrophe and leaves the elided word
// out (public/recherche-texte.js, `indexedWords`), and prints the mark as `’` (`asPrinted`). Pagefind
// reads a word through the inline elements a body's markdown makes (emphasis, links, code spans,
// an ordinal's raised letters): « l’<em>Express</em> », « <a …>l’</a>Express » and
// « l’<code>npm</code> » are one word to it, whose apostrophe is marked too. An image or a line
// break ends a word.
function markElisions(html: string): string {
  return html.replace(ELISION, ELISION_MARK);
}

const INLINE_TAG = String.raw`<\/?(?:a|code|em|strong|sup)(?:\s[^<>]*)?>`;
// The apostrophe first, then what is behind it (itself included): the lookbehind is tried only at
// apostrophes, not at every character of the body (a tenth of the time).
const ELISION = new RegExp(String.raw`’(?<=\p{L}(?:${INLINE_TAG})*’)(?=(?:${INLINE_TAG})*\p{L})`, "gu");

/** What joins a number's digit groups in what Pagefind reads; the search page shows it as the narrow no-break space it stands for. */
export const DIGIT_JOINER = "\u2060";

/** What stands for the point between a number's digit groups (`1.500`) in what Pagefind reads: U+2063, invisible separator; the search page prints it as `.`. */
export const GROUP_POINT = "\u2063";

/** What ends a number in what Pagefind reads, and sets a word's digits apart from its letters: ǂ (U+01C2), a letter no French text holds; the search page leaves it out. */
export const NUMBER_END = "\u01c2";

/** What stands for a number's decimal comma in what Pagefind reads, or follows its decimal point: ǀ (U+01C0), a letter; the search page prints it as `,`, or leaves it out after a point. */
export const DECIMAL_MARK = "\u01c0";

/** What is written before the space that stands for a no-break space in what Pagefind reads: once for U+00A0, twice for U+202F; the search page prints the space again. */
export const NO_BREAK_MARK = "~";

/** What stands for a tilde of the article's own in what Pagefind reads: a tilde then `^`, which never follows `NO_BREAK_MARK`; the search page prints it as `~`. */
export const TILDE = "~^";

// A number grouped by thousands: as the typography writes every one (`25 000`, `4 920` typed by an
// editor: src/text/typography.ts), with U+202F between its groups; or with points, as some wire
// copy does (`1.500`, `25.000.000`: one to three digits, not 0 first, then groups of three). No
// letter before it: `A4 920` is a word, then a number.
const GROUPED_NUMBER = /(?<![\p{L}\d.,])(?:\d{1,3}(?:\u202f\d{3})+(?!\d)|[1-9]\d{0,2}(?:\.\d{3})+(?!\d|[.,]\d))/gu;

// A run of digits that no digit touches before it, even through the inline markup Pagefind reads a
// word through (`1<sup>er</sup>`, `A<em>320</em>` are words), no part of a tag (`href="/2021/…"`)
// nor of a character reference (`&#39;`). Either a word's digits, after a letter (`G20`, `A400M`,
// `A<em>320</em>`), captured first, with whether a letter follows them (`A400M`), captured
// second; or a number that no letter touches (`2021`, `4 920` once joined), with a decimal part
// after a comma or a point (`3,5`, `3.5`) that is no part of a dotted run (`12.03.2021`, `1.6.0`:
// each part a number of its own), captured third. The lookbehinds follow the first digit, so that
// they are tried only where a run of digits starts. The search page reads a query's numbers by the
// same rules (public/recherche-texte.js, `indexedWords`).
const NUMBER = new RegExp(
  String.raw`(?<![\d\u2060\u2063]|&#)\d(?<!\p{N}(?:${INLINE_TAG})*\d)(?:` +
    String.raw`(?<=\p{L}(?:${INLINE_TAG})*\d)(\d*)(?![\p{N}\u2060\u2063])(?=((?:${INLINE_TAG})*\p{L})?)` +
    String.raw`|(?<!\p{L}(?:${INLINE_TAG})*\d)[\d\u2060\u2063]*((?<!\d[.,]\d*)[.,]\d+(?![.,]\d))?(?![\d\u2060\u2063]|(?:${INLINE_TAG})*[\p{L}\p{N}]))`,
  "gu",
);

// Pagefind splits words on spaces, U+202F among them: « 4 920 » would be « 4 » and « 920 », and
// neither « 4920 » nor « 4 920 » would find it alone. A word joiner between the groups is no space
// to Pagefind, which indexes the word's digits, « 4920 » (and, as a compound's part, the word with
// its joiner, which no search asks for), and keeps the joiner in the text its excerpts are cut
// from. A number grouped by points is given so too, with another invisible character,
// `GROUP_POINT`: Pagefind would index the groups after a point as parts, « 1.500 » found by « 500 ».
//
// Pagefind also matches every word of a search as the start of a word: « 4920 » would find
// « 492 000 », « 2023 » « 20 230 », and « G20 » « G200 ». A reader typing a number means that
// number, so each number ends in a letter of its own, `NUMBER_END`: « 4920ǂ » starts no other
// number's word. A decimal comma is a letter too, `DECIMAL_MARK`: « 3,5 » is the one word
// « 3ǀ5ǂ », which neither « 3 » nor « 35 » starts (Pagefind would index « 3,5 » as « 35 »). A
// decimal point is kept before that letter, « 3.ǀ5ǂ »: Pagefind leaves the point out of the word,
// « 3ǀ5ǂ » as for « 3,5 », and indexes the part after it, « ǀ5ǂ », which no search asks for. A
// word's digits after a letter start with the letter too, and end with it unless a letter follows:
// « Gǂ20ǂ », « Aǂ400M ». Pagefind cuts a word that holds a character outside ASCII where a cased
// letter meets a digit, and indexes the pieces as its parts: « G20ǂ » would be found by « 20 », the
// digits of « A400M » by « 400 » (Pagefind answers a word that no word of a bundle starts with by
// the longest word it starts with, « 400 » for « 400ǂ »). The letter, which has no case, holds
// the word whole: « 320 » does not find « A320 », and « A320 » finds « l’A320 », whose part
// « Aǂ320ǂ » is. The French stemmer leaves both letters alone. The search page writes a query's
// numbers so too (public/recherche-texte.js, `indexedWords`), and shows them as the article prints them
// (`asPrinted`).
function markNumbers(html: string): string {
  const joined = html.replace(GROUPED_NUMBER, (number) => number.replaceAll("\u202f", DIGIT_JOINER).replaceAll(".", GROUP_POINT));
  const inTag = insideTag(joined);
  return joined.replace(NUMBER, (number: string, wordDigits: string | undefined, letterAfter: string | undefined, decimal: string | undefined, at: number) => {
    if (inTag(at)) return number;
    if (wordDigits !== undefined) return NUMBER_END + number + (letterAfter === undefined ? NUMBER_END : "");
    if (decimal === undefined) return number + NUMBER_END;
    const mark = decimal[0] === "," ? DECIMAL_MARK : `.${DECIMAL_MARK}`;
    return `${number.slice(0, -decimal.length)}${mark}${decimal.slice(1)}${NUMBER_END}`;
  });
}

/**
 * Whether a place of `html` is inside a tag (its nearest `<` or `>` before it is a `<`), for places
 * asked in ascending order: one pass over the text in all. A lookbehind `(?<!<[^<>]*\d)` in
 * `NUMBER` read back to the paragraph's start at every number, quadratic in a long paragraph
 * (a 10,000-row table written as one took half a minute to index). A number the regex finds
 * inside a tag ends there (digits, their joiners, a decimal part: no `>`), and each of its
 * places would have been refused as well: returning it as it is writes the same bytes.
 */
function insideTag(html: string): (at: number) => boolean {
  let scanned = 0;
  let inside = false;
  return (at) => {
    for (; scanned < at; scanned++) {
      const code = html.charCodeAt(scanned);
      if (code === 60) inside = true;
      else if (code === 62) inside = false;
    }
    return inside;
  };
}

// Pagefind gives every space of the text its excerpts are cut from as a plain one: « 45 euros »,
// « Pourquoi ? » would lose the no-break space that keeps them on one line. The word before it is
// given a mark, `NO_BREAK_MARK`, once for U+00A0 and twice for U+202F, then a space: ASCII
// punctuation, which Pagefind leaves out of the word and of its parts (« 45ǂ~ » is indexed as
// « 45ǂ » alone, where a soft hyphen would add the word with it), and which a word of French text
// does not end with. The search page prints the space again (public/recherche-texte.js, `asPrinted`).
// A no-break space after a space or a tag stays as it is: no word to mark.
//
// An article may hold a tilde of its own (« ~/dossier », « environ ~ 40 »), and one where a mark
// goes would be read as one: « Salut~ toi » shown as « Salut » and a no-break space, « ~ : » and
// « « ~ » » with a doubled mark. So each is written `TILDE`, a tilde then `^`, which no mark is
// followed by: a `~` of what Pagefind reads is the article's when a `^` follows it, a mark
// otherwise. `^` is ASCII punctuation too, which Pagefind leaves out of a word: no word changes.
function markNoBreakSpaces(html: string): string {
  return html.replaceAll("~", TILDE).replace(NO_BREAK_SPACE, (space) => `${NO_BREAK_MARK.repeat(space === "\u00a0" ? 1 : 2)} `);
}

// The lookbehind follows the space, so that it is tried only at no-break spaces.
const NO_BREAK_SPACE = /[\u00a0\u202f](?<![\s>][\u00a0\u202f])/g;

// Pagefind reads `name:value` up to the first colon; a value keeps its own colons. Values are
// editors' text: escaped like any attribute.
function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The digest of what a bundle's records are made from (each record's inputs, in their order),
 * with the Pagefind version that indexes them: a bundle folder whose digest has not changed is
 * reused as it is.
 */
export function bundleDigest(inputs: readonly unknown[], pagefindVersion: string): string {
  const hash = createHash("sha256").update(`${RECORD_FORMAT}\n${pagefindVersion}\n`);
  // Each input and a newline, a thousand inputs to a call: 100,000 inputs hashed in some 8 ms
  // instead of 18–65 ms in two calls each.
  for (let start = 0; start < inputs.length; start += DIGEST_RUN) {
    const run = inputs.slice(start, start + DIGEST_RUN).map((input) => (typeof input === "string" ? input : JSON.stringify(input)));
    hash.update(`${run.join("\n")}\n`);
  }
  return hash.digest("hex");
}

// Inputs hashed in one call.
const DIGEST_RUN = 1000;

/**
 * The prefix of a bundle's page ids: its key, and the start of the digest of its pages' order
 * (`pagesDigest`), so that a page id (and its fragment's file name) names another article
 * whenever the bundle's pages are other ones or in another order: a fragment a browser or a cache
 * kept from an earlier build is never shown for another article.
 * @example pagePrefix("2021", "3fa29c0e…") // "2021-3fa29c"
 */
export function pagePrefix(key: string, digest: string): string {
  return `${key}-${digest.slice(0, 6)}`;
}

/**
 * The digest a bundle's page ids are named by (`pagePrefix`): of the URLs of its records in their
 * order, and of what every digest holds besides (the record format, Pagefind's version; the
 * registries' digest among `inputs`). An edit of an article's text keeps it: the bundle's other
 * pages keep their ids and their fragments' files, and a patch writes the edited pages' alone (at
 * 100,000 articles a body edit renamed its year's 7,700 fragments, and the next build linked them
 * all again). An article added, removed or moved changes it, and every id of the bundle: an id
 * never names another article than it did, in whatever a browser or a cache kept.
 */
export function pagesDigest(urls: readonly string[], inputs: readonly string[] = []): string {
  return bundleDigest([...inputs, ...urls], PAGEFIND_VERSION);
}

/** The Pagefind version installed: part of every digest, since another version writes other files. */
export const PAGEFIND_VERSION: string = JSON.parse(readFileSync(new URL("../package.json", import.meta.resolve("pagefind")), "utf8")).version;
