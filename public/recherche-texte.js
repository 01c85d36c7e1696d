// The search page's text both ways, by the rules src/search/records.ts writes the index with: a
// reader's query as the words the index holds (`indexedWords`), and the index's text as the article
// prints it (`asPrinted`). Plain functions of strings, apart from the page so that they are tested
// as such (tests/search/page-text.test.ts).

/**
 * The words of a query as the index holds them. Pagefind indexes « l’Irak » as « lirak » and, as
 * its part, « irak » (src/search/records.ts): the query is split at the apostrophe, so that
 * « d’Irak » finds « l’Irak » as « Irak » does. The elided articles and pronouns are then left out
 * (« l’ », « d’ », « qu’ »…): they are on nearly every page, and a search would fetch their index
 * pieces for no difference in what it finds. Before a short word on nearly every page, the
 * elision is kept, as the whole word the index holds (« c’est » as « cest »).
 * « aujourd’hui » or « presqu’île » keep both their parts. A query wholly in quotation marks
 * (straight ones, or any pair readers type: `withStraightQuotes`) is Pagefind's exact phrase, whose words are matched whole, each after the other, where a part has the place of
 * its word: its words are not split, and Pagefind, which leaves the apostrophe out, looks for
 * « lirak » and « aujourdhui », the words « l’Irak » and « aujourd’hui » are indexed as.
 * The index holds a number grouped by thousands as one word, its digits (« 4 920 » as « 4920 »): a
 * query's number is joined so too, whatever space the reader typed between its groups, or none,
 * and so is one grouped by points (« 1.500 », as some wire copy and German or Spanish readers write
 * it: three digits after a point are a group, never decimals, in French). A number then ends in
 * the letter the index ends it with, a decimal comma or point (« 3,5 », « 3.5 » typed on a phone)
 * a letter too, and a word's digits (« G20 », « A400M ») start with that letter, and end with it
 * unless a letter follows (src/search/records.ts, `markNumbers`, by the same rules): Pagefind
 * matches every word as the start of a word, and « 4920ǂ » starts no other number's word, so that
 * « 4920 » finds « 4 920 » and not « 492 000 », « 2023 » not « 20 230 », « 3 » not « 3,5 »,
 * « G20 » not « G200 », while a word still finds the words it starts (« irak » finds « irakien »).
 * A ligature is searched as its letters (« cœur » as « coeur »), as the index holds it, and a
 * word joined by hyphens as its parts (« huis-clos » as « huis clos »), outside an exact phrase.
 */
export function indexedWords(query) {
  const joined = withStraightQuotes(query)
    .replace(LIGATURE, (ligature) => SPELLED_LIGATURES[ligature])
    .replace(GROUPED_NUMBER, (number) => number.replace(/\D/g, ""));
  const numbered = joined.replace(NUMBER, (number, wordDigits, letterAfter, decimal) => {
    if (wordDigits !== undefined) return NUMBER_END + number + (letterAfter === undefined ? NUMBER_END : "");
    if (decimal === undefined) return number + NUMBER_END;
    return `${number.slice(0, -decimal.length)}${DECIMAL_MARK}${decimal.slice(1)}${NUMBER_END}`;
  });
  if (EXACT.test(numbered)) return numbered;
  const words = numbered
    .replace(SHORT_AFTER_ELISION, "$1$2")
    .replace(/([’'])(?=\p{L})/gu, "$1 ")
    .replace(COMPOUND_HYPHEN, " ")
    .split(/\s+/);
  const kept = words.filter((word) => !ELIDED.test(word) && !LEFT_OUT.test(word));
  return (kept.length > 0 ? kept : words).join(" ");
}
// The index holds a ligature's letters, « cœur » as « coeur » (src/search/records.ts,
// `spellLigatures`): a reader types « coeur », and « cœur » is searched so too.
const LIGATURE = /[œŒæÆ]/g;
const SPELLED_LIGATURES = { œ: "oe", Œ: "OE", æ: "ae", Æ: "AE" };
// The index holds a compound's parts as words (« huis-clos » as « huis » and « clos », and so with
// a no-break hyphen: src/search/records.ts), while Pagefind takes a query's word whole, its hyphen
// left out (« huisclos »): a query's compound is searched as its parts, so that it finds the words
// written with a space too (« huis clos »), as « huis clos » finds « huis-clos ». Any hyphen or dash
// a reader types within a word; not beside a part of one letter (« e-mail », « a-t-il »), which
// would be searched as every word it starts.
const COMPOUND_HYPHEN = /(?<=\p{L}{2})[-\u2010\u2011\u2013](?=\p{L}{2})/gu;
const ELIDED = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)[’']$/iu;
// An elided word before a short word that is on nearly every page (« c’est », « jusqu’à »,
// « qu’il », « d’un »): searched as the one word the index also holds it as (« cest »,
// « jusquà »), for its parts would find every article saying « est » or « à ».
const SHORT_AFTER_ELISION = /(?<!\p{L})((?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu))[’']((?:à|a|y|en|est|es|ai|as|il|ils|on|un|une|au|aux|ont)(?!\p{L}))/giu;
// A word of marks alone, which Pagefind leaves out of a query (a guillemet without its pair): left
// out here too, so that it does not stop the other words' pieces being fetched while typed.
const LEFT_OUT = /^[\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}]+$/u;
// What Pagefind takes for an exact phrase.
const EXACT = /^\s*".+"\s*$/;

/**
 * A query wholly between quotation marks, of any pair readers type, as Pagefind's exact phrase:
 * between straight ones, which alone Pagefind takes for one (it leaves any other mark out, and
 * would search the words apart). French readers type guillemets, with the no-break spaces of
 * French typography inside (U+00A0 or U+202F), plain ones or none; phones turn a straight mark
 * into curly ones, “…” or „…“. The phrase's spaces are plain ones, as the reader's other words'.
 * A mark without its pair is left as typed: Pagefind leaves it out of the words.
 * @example withStraightQuotes("«\u202fgouvernement turc\u202f»") // "\"gouvernement turc\""
 */
export function withStraightQuotes(query) {
  const phrase = QUOTED.exec(query);
  if (!phrase) return query;
  return `"${(phrase[1] ?? phrase[2]).replace(/\s+/g, " ")}"`;
}
/**
 * A query as the page's messages quote it, between guillemets of their own: a phrase the reader
 * put wholly within quotation marks of any pair, without them, so that it is not quoted twice. A
 * mark without its pair is the reader's, kept.
 * @example unquoted("« conseil municipal »") // "conseil municipal"
 */
export function unquoted(query) {
  const phrase = QUOTED.exec(query);
  return phrase ? (phrase[1] ?? phrase[2]) : query;
}
// « … », or an opening “, „ or " and a closing ”, “ or ", around a phrase that has a character
// other than a space (\s holds U+00A0 and U+202F).
const QUOTED = /^\s*(?:«\s*(\S(?:.*\S)?)\s*»|[“„"]\s*(\S(?:.*\S)?)\s*[”“"])\s*$/u;
// As the typography groups numbers (src/text/typography.ts): « 4 920 », « 25 000 000 »; not
// « 2021 500 »; or with points, as src/search/records.ts reads them: « 1.500 », not « 0.500 » nor
// « 1.500,5 ».
const GROUPED_NUMBER = /(?<![\p{L}\d.,])(?:\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)|[1-9]\d{0,2}(?:\.\d{3})+(?!\d|[.,]\d))/gu;
// A run of digits, as src/search/records.ts marks them: a word's digits after a letter, and
// whether a letter follows them; or a number no letter touches, with a decimal part after a comma
// or a point unless it is part of a dotted run (« 12.03.2021 »).
const NUMBER = /(?<!\p{N})\d(?:(?<=\p{L}\d)(\d*)(?!\p{N})(?=(\p{L})?)|(?<!\p{L}\d)\d*((?<!\d[.,]\d*)[.,]\d+(?![.,]\d))?(?![\p{L}\p{N}]))/gu;
// The letters that end a number and stand for its decimal comma in the index (src/search/records.ts).
export const NUMBER_END = "\u01c2";
const DECIMAL_MARK = "\u01c0";

// The index gives Pagefind an elided article's apostrophe as two straight ones, joins a number's
// digit groups with an invisible character, ends a number with a letter (and sets a word's digits
// apart with it) and writes its decimal comma as another, or puts it after its decimal point,
// writes a mark before a space that stands for a no-break one, a tilde of the article's own as
// `~^`, a ligature as its two letters joined by a combining mark, U+034F, and a no-break hyphen,
// a hyphen or an en dash between two words as an ASCII hyphen followed by one, two or three of
// that mark (src/search/records.ts); its excerpts give every space as a plain one. Shown as the
// article prints them: the letters gone or a comma again, the no-break spaces of French typography
// (src/text/typography.ts) put back, so that no line starts with « : » nor breaks « 45 euros »,
// the article's tildes as tildes, and its ligatures and dashes as they are. The text may be an excerpt's markup, where a word marked ends its <mark> before the
// space.
// A tilde that `^` follows is the article's; any other is a mark, or two, before a space.
const NO_BREAK_OR_TILDE = /~\^|(~~?)(<\/mark>)?( |$)/g;
export const asPrinted = (text) =>
  text
    .replace(NO_BREAK_OR_TILDE, (_, marks, close = "", space) => (marks === undefined ? "~" : close + (space && (marks.length > 1 ? "\u202f" : "\u00a0"))))
    .replace(/(?<=\d)\u01c2|\u01c2(?=\d)/g, "")
    .replace(/(?<=\d\.)\u01c0(?=\d)/g, "")
    .replace(/(?<=\d)\u01c0(?=\d)/g, ",")
    .replace(/(?<=\p{L})''(?=\p{L})/gu, "’")
    .replace(/(?<=\d)\u2060(?=\d)/g, "\u202f")
    .replace(/(?<=\d)\u2063(?=\d)/g, ".")
    .replace(/([oOaA])\u034f[eE]/g, (_, first) => PRINTED_LIGATURES[first])
    .replace(/-(\u034f{1,3})/g, (_, marks) => JOINING_DASHES[marks.length - 1]);
// A no-break hyphen, a hyphen or an en dash between two words, by the count of the marks after the
// ASCII hyphen the index gives it as (src/search/records.ts, `JOINING_DASHES`).
const JOINING_DASHES = "\u2011\u2010\u2013";
// A ligature's first letter, before the mark that joins it to its second in the index.
const PRINTED_LIGATURES = { o: "œ", O: "Œ", a: "æ", A: "Æ" };

/**
 * A name as a reader may type it: without case, accents, ligatures, or the difference between spaces,
 * apostrophes and hyphens, so that « economie » names « Économie » and « agence  anadolu »
 * « Agence Anadolu ». Compared whole: a query names a topic or a source, it does not start one.
 * @example nameKey("  Économie ") // "economie"
 */
export function nameKey(text) {
  return (
    text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      // No keyboard of French readers has « œ »: « oeuvres » names « Œuvres ».
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae")
      .replace(/[«»“”„"]/g, " ")
      .replace(/[’']/g, "'")
      .replace(/[\s\p{Pd}]+/gu, " ")
      .trim()
  );
}

/**
 * A message of the page (`ui.searchClient`) with its values: a number written as the site's pages
 * write it, its thousands apart by narrow no-break spaces (U+202F), whatever the browser's own
 * grouping. A placeholder without its value is left for the caller (a link in its place).
 * @example format("{n}\u00a0résultats", { n: 1010 }) // "1\u202f010\u00a0résultats"
 */
export function format(template, values) {
  return template.replace(/\{(\w)\}/g, (m, k) =>
    !(k in values) ? m : typeof values[k] === "number" ? values[k].toLocaleString("fr-FR").replace(/[\s\u00a0\u2009\u202f]/g, "\u202f") : values[k],
  );
}

/** How many words an excerpt shows: Pagefind's `excerptLength` as the page sets it. */
export const EXCERPT_WORDS = 30;
// As Pagefind splits the text its excerpts are cut from.
const WORD_SEPARATORS = /[^\S\uFEFF]+/g;
const escaped = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A result's excerpt from its standfirst and body, never its title. The indexed text starts with
 * the title (the page's heading, which weighs a title's match above a body's: src/search/records.ts),
 * so Pagefind's own excerpt repeated the title shown above it. Cut here as Pagefind cuts it (the
 * window of `length` words where its matches weigh most, each match in <mark>), from the words
 * after the title; a result matched in its title alone, or listed without words, shows the start of
 * its text. `data` is Pagefind's (`content`, `meta.title`, `locations`, `weighted_locations`);
 * `text` is what the excerpt was cut from, for the page to say where it was cut.
 * @example bodyExcerpt({ content: "Titre. Le corps.", meta: { title: "Titre" }, locations: [2] }) // { markup: "Le <mark>corps.</mark>", text: "Le corps." }
 */
export function bodyExcerpt(data, length = EXCERPT_WORDS) {
  const words = (data.content ?? "")
    .replace(/\u200b/g, "")
    .split(WORD_SEPARATORS)
    .filter(Boolean);
  const title = (data.meta?.title ?? "").split(WORD_SEPARATORS).filter(Boolean);
  // Pagefind ends the heading with a full stop of its own (« … de défense. »).
  const skip = title.length > 0 && title.every((word, i) => words[i]?.startsWith(word)) ? title.length : 0;
  const body = words.slice(skip);
  const locations = (data.locations ?? []).filter((l) => l >= skip).map((l) => l - skip);
  const weighted = (data.weighted_locations ?? []).filter((w) => w.location >= skip).map((w) => ({ ...w, location: w.location - skip }));
  const start = Math.max(0, Math.min(excerptStart(weighted, length), body.length - length));
  const marked = body.map(escaped);
  for (const l of locations) if (l < marked.length) marked[l] = `<mark>${marked[l]}</mark>`;
  return { markup: marked.slice(start, start + length).join(" "), text: body.join(" ") };
}

// Pagefind's own choice of window (its `calculate_excerpt_region`): the start of the `length` words
// whose matches weigh most, the middle one of a run of equal windows.
function excerptStart(weighted, length) {
  if (weighted.length === 0) return 0;
  const words = [];
  for (const word of weighted) words[word.location] = (words[word.location] ?? 0) + (word.balanced_score ?? 1);
  if (words.length <= length) return 0;
  let densest = 0;
  for (let i = 0; i < length; i++) densest += words[i] ?? 0;
  let sum = densest;
  let densestAt = [0];
  for (let i = 0; i < words.length; i++) {
    sum += (words[i + length] ?? 0) - (words[i] ?? 0);
    if (sum > densest) {
      densest = sum;
      densestAt = [i];
    } else if (sum === densest && densestAt.at(-1) === i - 1) densestAt.push(i);
  }
  return densestAt[Math.floor(densestAt.length / 2)];
}
