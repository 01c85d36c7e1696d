/**
 * French typography for text shown to readers: titles and summaries (`typesetText`, `typesetHtml`)
 * and article bodies (`frenchTypography`, a markdown-it core rule over `text` tokens only).
 *
 * Written here rather than taken from a library. typograf 7.8 (locale "fr"), the maintained
 * candidate, was tried on our cases: it adds no narrow no-break space before `?` or `!`, removes
 * the space before `;`, puts U+00A0 (not U+202F) inside « », groups no digits, and is slow, since
 * it processes whole HTML strings; it also cannot see markdown-it's token boundaries.
 * richtypo-rules-fr works on HTML strings too and spaces `:` with a narrow space. The rules below
 * follow the Imprimerie nationale usage (Lexique des règles typographiques):
 *
 * - U+202F before `!` `?` (a run such as `?!` counts once) and inside « », and before `;` when a
 *   space or the end follows (`a;b`, `text/html;base64`, an address written without its scheme,
 *   stay); U+00A0 before `:` likewise (`10:30`, `2:1` stay); an ordinary or no-break space already
 *   there is normalised, none is added after `(` or `[`.
 * - `'` after a letter (l’, aujourd’hui) or closing a quotation → `’`; `'` opening one (at the
 *   start, or after a space or an opening mark, before a letter) → `‘`: quotes typed single stay
 *   single. `...` → `…`; straight double quotes → « » with U+202F, “ ” for a quotation inside
 *   a quotation, and ‘ ’ for a quotation inside that one (and deeper).
 * - Numbers: existing group separators (space, U+00A0, thin) → U+202F; numbers of 5 to 9 digits are
 *   grouped (`25000` → `25 000`); 4-digit numbers only before `%`, a currency or a unit, since
 *   alone they are usually years (`2021`, and `3000 soldats` stays as typed); 10 digits or more are
 *   phone numbers or identifiers and stay; nothing after a decimal comma or dot, after a letter,
 *   `#`, `°` or `+`, or with a leading zero. U+00A0 between a number and `%`, a currency or a unit;
 *   times as `15 h 10`.
 * - Ordinals normalised to `1er`, `1re`, `2e`, `XIXe` (from `2ème`, `1ère`, `XIXème`…); HTML output
 *   raises the suffix: `1<sup>er</sup>`.
 * - Never touched: URLs, e-mail addresses, HTML tags, comments and character references (`&amp;`,
 *   `&#39;`) in the text, template tags (`{% … %}`, `{{ … }}`), code spans and blocks, link
 *   targets, autolinks, image descriptions. Identity values
 *   (slugs, short links) must not be passed here.
 */
import type { MarkdownIt, StateCore, Token } from "markdown-it";

const NNBSP = "\u202f";
const NBSP = "\u00a0";

// Stands for "a visible character touches this piece from outside" (a neighbouring token or URL):
// a private-use character that no rule matches as a letter, digit, space or punctuation.
const GLUED = "\ue000";

// URLs and e-mail addresses inside text (trailing punctuation left outside, as linkify does), and
// HTML tags and character references an editor typed, which pages show as text: their attributes
// stay as written, and `&amp;` gets no space before its `;`. A reference name has at most 32 characters.
// A scheme has at most 32 characters, and an e-mail address starts where its run of letters does:
// tried from each letter of a long run, both rescanned the run to its end every time.
const PROTECTED =
  /<\/?[a-z][^<>]*>|<[!?][^<>]*>|&(?:[a-z][a-z\d]{1,31}|#\d{1,7}|#x[\da-f]{1,6});|\b(?:[a-z][a-z0-9+.-]{0,31}:\/\/|www\.|mailto:)[^\s<>"«»]*[^\s<>"«».,;:!?)\]'’…]|(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;

// Patterns start with the character they are about: a leading lookbehind on a Unicode class
// (`(?<=\p{L})`) makes V8 test it at every position, which is slow on article bodies. The
// character before a match is checked in the replacer instead.
// A pattern that opens with a run (`\d+`, `[ \t]*`) starts with a lookbehind for that run's own
// characters, cheap for a small class: without it, where the rest fails, the pattern is tried again
// from each character of the run, each time to its end: quadratic in the run's length. No
// match is lost: from inside a run, the pattern ends where it does from the run's start.
const APOSTROPHE = /'/g;
const ELLIPSIS = /\.{3,}/g;
const DOUBLE_QUOTE = /["«»“”]/g;
// A straight double quote after one of these opens (`l’"affaire"`); before one of these, it closes.
const OPENS_QUOTE = /[\s([{«“‘’'"\u2014\u2013]/;
const CLOSES_QUOTE = /[\s.,;:!?)\]}…»”"]/;
const OPENS_SINGLE_QUOTE = /[\s([{«“"\u2014\u2013]/;
const AFTER_OPENING = /«\s*(?=\S)/g;
const BEFORE_CLOSING = /(?<![ \t\n\u00a0\u2009\u202f])[ \t\n\u00a0\u2009\u202f]*»/g;
// `?` `!` (a run such as `?!` counting once), and `;` and `:` when a space or the end follows them:
// `10:30`, `2:1`, `fr:wiki`, `example.org/a;b` are not French punctuation.
const PUNCTUATION = /(?<![ \t\u00a0\u2009\u202f])[ \t\u00a0\u2009\u202f]*([!?]+|[;:](?=\s|$))/g;
const SPACED_RUN = /([!?])[ \t\u00a0\u2009\u202f]+(?=[!?])/g;
const NO_SPACE_AFTER = /[\s([{]/;
const SPACE = /\s/;
const ENDS_WITH_SPACE = /\s$/;
const SPACED_MARKS = /[!?]\s+[!?]/;

const DIGIT = /\d/;
const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const GROUPED = /(?<![\d.,])(\d{1,3})((?:[ \u00a0\u2009\u202f]\d{3})+)(?!\d)/g;
const GROUP_SEPARATOR = /[ \u00a0\u2009]/g;
// Currencies and units: a number before them takes a no-break space, and a 4-digit number
// before them is a quantity, not a year.
const UNIT = String.raw`%|‰|€|\$|£|¥|euros?|dollars?|EUR|USD|GBP|km(?:/h|²)?|m²|m³|mm|cm|kg|mg|ha|ml|cl|hl|[kMGT]W|[kMGT]Wh|Mt|Mds?|°C|dB|[kMG]?Hz|[KMGT]o|m|g|t|l|L`;
const UNIT_AHEAD = new RegExp(String.raw`[ \u00a0\u202f]?(?:${UNIT})(?![\p{L}\d’'])`, "uy");
const DIGITS = /[1-9]\d{3,}/g;
// Before a number: a letter, `#`, `°`, `+`, `/` or a decimal mark make it an identifier or a fraction.
const NOT_BEFORE_NUMBER = /[\d.,/#°+_\p{L}\u00a0\u202f]/u;
const NOT_AFTER_NUMBER = /^(?:[\d\p{L}_]|[.:]\d)/u;
const THOUSANDS = /\B(?=(?:\d{3})+$)/g;
// A number and what follows it: a unit (glued units only when spelled with two letters or more, so
// `5G` and `1990s` stay), or the `h` of a time (`15h10` → `15 h 10`).
const NUMBER_AND_UNIT = new RegExp(
  String.raw`(?<!\d)(\d+)(?:[ \t\u00a0\u2009\u202f]|(?=[%‰€$£¥°h]|[a-zA-Z]{2}))(${UNIT}|h(?:[ \u00a0\u202f]?[0-5]\d)?)(?![\p{L}\d’'])`,
  "gu",
);
const SPELLED_ORDINAL = /(?<![\dIVXLCDM])([\dIVXLCDM]+)(?:i?[eè]me|è)(s?)(?![\p{L}\d])/gu;
const SPELLED_FIRST = /1(?:ère|ere)(s?)(?![\p{L}\d])/gu;
const ORDINAL = /(?<![\dIVXLCDM])([\dIVXLCDM]+)(ers?|res?|es?)(?![\p{L}\d’'])/gu;
const ORDINAL_HINT = /\dr?e|[IVX]e/;
const NUMBER = /^\d+$/;
// Well formed, and ending in I, V or X (XIXe, Ve, Ier): a lone L, C, D or M before "e" is a word.
const ROMAN = /^(?=[IVXLCDM]*[IVX]$)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
const HTML_SPECIAL = /[&<>"']/g;
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

// Which characters a text holds, found once, so that each rule runs only where it can apply.
const HAS_APOSTROPHE = 1;
const HAS_DOT = 2;
const HAS_QUOTE = 4;
const HAS_GUILLEMET = 8;
const HAS_PUNCTUATION = 16;
const HAS_DIGIT = 32;
const HAS_E_GRAVE = 64;
const MAY_BE_PROTECTED = 128;
const HAS_COLON = 256;
const HAS_WWW = 512;

/**
 * Applies French typography to plain text (titles, summaries): Unicode spaces in, no HTML out.
 * @example typesetText(`Pourquoi maintenant? Il a dit "oui"`) // "Pourquoi maintenant\u202f? Il a dit «\u202foui\u202f»"
 */
export function typesetText(text: string): string {
  return typesetPiece(text, "", "");
}

/**
 * Like `typesetText`, but returns escaped HTML with ordinal suffixes raised.
 * @example typesetHtml("Le XIXe siècle & le 1er mai") // "Le XIX<sup>e</sup> siècle &amp; le 1<sup>er</sup> mai"
 */
export function typesetHtml(text: string): string {
  return htmlOfTypeset(typesetText(text));
}

/**
 * `typesetHtml` of a text already typeset (`typesetText`'s result): a list's item shows its title
 * both ways, typeset once (a push of 10 articles at 100,000 makes the items of some 4,000 list pages).
 */
export function htmlOfTypeset(typeset: string): string {
  const ranges = protectedRanges(typeset);
  if (!ranges) return raiseOrdinals(escapeHtml(typeset));
  let out = "";
  let last = 0;
  for (let k = 0; k < ranges.length; k += 2) {
    out += raiseOrdinals(escapeHtml(typeset.slice(last, ranges[k]))) + escapeHtml(typeset.slice(ranges[k], ranges[k + 1]));
    last = ranges[k + 1]!;
  }
  return out + raiseOrdinals(escapeHtml(typeset.slice(last)));
}

function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (c) => HTML_ESCAPES[c]!);
}

function raiseOrdinals(html: string): string {
  if (!ORDINAL_HINT.test(html)) return html;
  return html.replace(ORDINAL, (match: string, number: string, suffix: string, offset: number, all: string) =>
    isOrdinal(number, suffix, all, offset) ? `${number}<sup>${suffix}</sup>` : match,
  );
}

/**
 * markdown-it plugin: French typography on `text` tokens, with the characters of neighbouring
 * tokens as context (`**mot**?` gets its space); ordinal suffixes become `<sup>`.
 * @example markdownIt().use(frenchTypography).render("Vraiment?") // "<p>Vraiment\u202f?</p>\n"
 */
export function frenchTypography(md: MarkdownIt): void {
  // Pushed last, after text_join: entities and escapes are already plain text in `text` tokens.
  md.core.ruler.push("french_typography", (state: StateCore): void => {
    // Most bodies hold no comment nor template tag: one search of the whole text spares each of
    // their paragraphs the search of its own.
    const literals = MAY_OPEN_LITERAL.test(state.src);
    for (const block of state.tokens) {
      if (block.type === "inline" && block.children) block.children = typesetInline(literals ? splitLiterals(block.children, state) : block.children, state);
    }
  });
}

// What pages show exactly as typed: an HTML comment (raw HTML is off, so it is text) and template
// tags (`{% include "x" %}`, `{{ x }}`, `{# x #}`, `<%= x %>`), shown and never run. Either may span lines.
const MAY_OPEN_LITERAL = /<!--|\{[{%#]|<%/;
const LITERAL_OPENING = /<!--|\{[{%#]|<%/g;
// Each opening and what closes it.
const LITERAL_CLOSINGS: Record<string, string> = { "<!--": "-->", "{{": "}}", "{%": "%}", "{#": "#}", "<%": "%>" };

/**
 * Where the comments and template tags of `text` start and end: each opening, left to right,
 * closed by the first closing after it; an opening never closed is text. As
 * `/<!--[\s\S]*?-->|\{\{[\s\S]*?\}\}|…/g` finds them, but in one pass: that regex read to the
 * text's end from each opening never closed, quadratic in a paragraph of them (100,000 `<!-- `
 * took 38 s to render). Each closing's search starts past the last one found of its kind, or is
 * not made again once none is left.
 */
function literalRanges(text: string): (readonly [number, number])[] {
  const ranges: (readonly [number, number])[] = [];
  // The place of each kind's closing found last (-1: none after its search's start).
  const found = new Map<string, number>();
  LITERAL_OPENING.lastIndex = 0;
  for (let m = LITERAL_OPENING.exec(text); m; m = LITERAL_OPENING.exec(text)) {
    const closing = LITERAL_CLOSINGS[m[0]]!;
    const from = m.index + m[0].length;
    let at = found.get(closing);
    if (at === undefined || (at !== -1 && at < from)) {
      at = text.indexOf(closing, from);
      found.set(closing, at);
    }
    if (at === -1) LITERAL_OPENING.lastIndex = m.index + 1;
    else {
      ranges.push([m.index, at + closing.length]);
      LITERAL_OPENING.lastIndex = at + closing.length;
    }
  }
  return ranges;
}

/**
 * The text tokens of a paragraph split where a comment or a template tag starts and ends, its
 * pieces marked `literal` (typography leaves them). Found on the paragraph's text joined, lines and
 * emphasis between, so that one spanning lines is found whole and an opening never closed is text.
 */
function splitLiterals(children: Token[], state: StateCore): Token[] {
  // Most paragraphs have none: tested before any array is made for them.
  if (!children.some((token) => token.type === "text" && MAY_OPEN_LITERAL.test(token.content))) return children;
  const joined = children
    .filter((token) => token.type === "text")
    .map((token) => token.content)
    .join("\n");
  const ranges = literalRanges(joined);
  if (ranges.length === 0) return children;
  const result: Token[] = [];
  let offset = 0;
  for (const token of children) {
    if (token.type !== "text") {
      result.push(token);
      continue;
    }
    const start = offset;
    const end = start + token.content.length;
    offset = end + 1;
    let last = start;
    for (const [from, to] of ranges) {
      if (to <= last || from >= end) continue;
      if (from > last) result.push(textToken(state, joined.slice(last, from)));
      const piece = textToken(state, joined.slice(Math.max(from, last), Math.min(to, end)));
      piece.meta = { literal: true };
      result.push(piece);
      last = Math.min(to, end);
    }
    if (last === start) result.push(token);
    else if (last < end) result.push(textToken(state, joined.slice(last, end)));
  }
  return result;
}

function typesetInline(children: Token[], state: StateCore): Token[] {
  let result: Token[] | undefined;
  let previousText: Token | undefined;
  let previousChar = "";
  let inAutolink = false;
  for (let i = 0; i < children.length; i++) {
    const token = children[i]!;
    switch (token.type) {
      case "text":
        if (inAutolink || token.content === "") break;
        if (token.meta?.literal) {
          previousChar = token.content.slice(-1);
          previousText = undefined;
          break;
        }
        if (previousText && startsWithSpacedPunctuation(token.content, nextCharAfter(children, i)) && ENDS_WITH_SPACE.test(previousText.content)) {
          // "**mot** *?*": the space that must not break ends the previous token.
          // trimEnd, not /\s+$/: that one is tried from every space of a long run inside the text.
          previousText.content = previousText.content.trimEnd() + (token.content[0] === ":" ? NBSP : NNBSP);
          previousChar = previousText.content.slice(-1);
        }
        token.content = typesetPiece(token.content, previousChar, nextCharAfter(children, i));
        previousChar = token.content.slice(-1);
        previousText = token;
        if (ORDINAL_HINT.test(token.content)) {
          const parts = splitOrdinals(token.content, state);
          if (parts) {
            result ??= children.slice(0, i);
            result.push(...parts);
            previousText = parts[parts.length - 1];
            continue;
          }
        }
        break;
      case "code_inline":
        previousChar = token.content.slice(-1);
        previousText = undefined;
        break;
      case "softbreak":
      case "hardbreak":
      case "image":
        previousChar = "";
        previousText = undefined;
        break;
      case "link_open":
        // Autolinks (`<https://…>`) and linkified URLs show their target as text: leave it.
        inAutolink = token.markup === "autolink" || token.markup === "linkify";
        break;
      case "link_close":
        if (inAutolink) previousChar = GLUED;
        inAutolink = false;
        break;
    }
    result?.push(token);
  }
  return result ?? children;
}

// The first character shown after token i, across markup (emphasis, links); "" at a line break or the end.
function nextCharAfter(children: Token[], i: number): string {
  for (let j = i + 1; j < children.length; j++) {
    const t = children[j]!;
    if ((t.type === "text" || t.type === "code_inline") && t.content !== "") return t.content[0]!;
    if (t.type === "softbreak" || t.type === "hardbreak") return "";
    if (t.type === "image") return GLUED;
  }
  return "";
}

function startsWithSpacedPunctuation(content: string, next: string): boolean {
  const c = content[0];
  if (c === "?" || c === "!" || c === ";" || c === "»") return true;
  if (c !== ":") return false;
  const after = content.length > 1 ? content[1]! : next;
  return after === "" || SPACE.test(after);
}

// Splits a text token at ordinals into text and html_inline `<sup>` tokens; undefined when none.
function splitOrdinals(content: string, state: StateCore): Token[] | undefined {
  let parts: Token[] | undefined;
  let last = 0;
  const ranges = protectedRanges(content);
  for (const m of content.matchAll(ORDINAL)) {
    const number = m[1]!;
    const suffix = m[2]!;
    if (!isOrdinal(number, suffix, content, m.index) || (ranges && isInRanges(ranges, m.index))) continue;
    const at = m.index + number.length;
    parts ??= [];
    parts.push(textToken(state, content.slice(last, at)), htmlToken(state, "<sup>"), textToken(state, suffix), htmlToken(state, "</sup>"));
    last = at + suffix.length;
  }
  if (!parts) return undefined;
  if (last < content.length) parts.push(textToken(state, content.slice(last)));
  return parts;
}

function textToken(state: StateCore, content: string): Token {
  const token = new state.Token("text", "", 0);
  token.content = content;
  return token;
}

function htmlToken(state: StateCore, content: string): Token {
  const token = new state.Token("html_inline", "", 0);
  token.content = content;
  return token;
}

// `1er`, `1re`, `2e`, `XIXe`, `Ier`: the number stands alone, premier takes er/re and no other does,
// and a Roman numeral is well formed.
function isOrdinal(number: string, suffix: string, text: string, offset: number): boolean {
  if (offset > 0 && LETTER_OR_DIGIT.test(text[offset - 1]!)) return false;
  const first = number === "1" || number === "I";
  if (first !== (suffix[0] === "r" || suffix[1] === "r")) return false;
  return NUMBER.test(number) || ROMAN.test(number);
}

function isSpaceOrOpening(c: string | undefined): boolean {
  return c === undefined || NO_SPACE_AFTER.test(c);
}

// Native substring searches beat one JavaScript loop over the characters here, even at a search
// per character: each runs in V8's own native code, over the whole string at once.
function scan(text: string): number {
  return (
    (text.includes("'") ? HAS_APOSTROPHE : 0) |
    (text.includes(".") ? HAS_DOT : 0) |
    (text.includes('"') ? HAS_QUOTE : 0) |
    (text.includes("«") || text.includes("»") ? HAS_GUILLEMET : 0) |
    (text.includes("?") || text.includes("!") || text.includes(";") ? HAS_PUNCTUATION : 0) |
    (text.includes(":") ? HAS_PUNCTUATION | HAS_COLON : 0) |
    (DIGIT.test(text) ? HAS_DIGIT : 0) |
    (text.includes("è") ? HAS_E_GRAVE : 0) |
    (text.includes("@") || text.includes("<") || text.includes("&") ? MAY_BE_PROTECTED : 0) |
    (text.includes("www.") ? HAS_WWW : 0)
  );
}

function mayContainProtected(text: string, flags: number): boolean {
  return (flags & MAY_BE_PROTECTED) !== 0 || ((flags & HAS_COLON) !== 0 && (text.includes("://") || text.includes("mailto:"))) || (flags & HAS_WWW) !== 0;
}

// Start and end offsets of the URLs, e-mail addresses and tags in text, flat; undefined when none.
function protectedRanges(text: string, flags = scan(text)): number[] | undefined {
  if (!mayContainProtected(text, flags)) return undefined;
  let ranges: number[] | undefined;
  for (const m of text.matchAll(PROTECTED)) (ranges ??= []).push(m.index, m.index + m[0].length);
  return ranges;
}

function isInRanges(ranges: number[], index: number): boolean {
  for (let k = 0; k < ranges.length; k += 2) if (index >= ranges[k]! && index < ranges[k + 1]!) return true;
  return false;
}

// Typesets text that may contain URLs, e-mail addresses or tags, which stay as they are.
function typesetPiece(text: string, before: string, after: string): string {
  const flags = scan(text);
  const ranges = protectedRanges(text, flags);
  if (!ranges) return typesetRun(text, before, after, flags);
  let out = "";
  let last = 0;
  let previous = before;
  for (let k = 0; k < ranges.length; k += 2) {
    const start = ranges[k]!;
    const end = ranges[k + 1]!;
    if (start > last) out += typesetRun(text.slice(last, start), previous, text[start]!, -1);
    out += text.slice(start, end);
    previous = text[end - 1]!;
    last = end;
  }
  return last < text.length ? out + typesetRun(text.slice(last), previous, after, -1) : out;
}

// Typesets one run of plain text. `before` and `after` are the characters shown next to it
// ("" when none): they decide spaces at its edges, and are never changed.
function typesetRun(text: string, before: string, after: string, flags: number): string {
  const glueBefore = before !== "" && before !== "«" && !NO_SPACE_AFTER.test(before);
  const glueAfter = after !== "" && !SPACE.test(after);
  // The neighbour stands in as GLUED (or « itself), so that the rules see it; it is cut off after.
  const head = glueBefore ? GLUED : before === "«" ? "«" : "";
  let s = head === "" && !glueAfter ? text : head + text + (glueAfter ? GLUED : "");
  if (flags < 0) flags = scan(text);

  if ((flags & HAS_APOSTROPHE) !== 0) s = convertSingleQuotes(s);
  if ((flags & HAS_DOT) !== 0 && s.includes("...")) s = s.replace(ELLIPSIS, (dots: string) => (dots.length === 3 ? "…" : dots));
  if ((flags & HAS_QUOTE) !== 0) s = convertQuotes(s);
  if ((flags & (HAS_GUILLEMET | HAS_QUOTE)) !== 0 || head === "«") {
    s = s.replace(AFTER_OPENING, `«${NNBSP}`).replace(BEFORE_CLOSING, (match: string, offset: number) => (offset === 0 ? match : `${NNBSP}»`));
  }
  if ((flags & HAS_PUNCTUATION) !== 0) {
    s = s.replace(PUNCTUATION, (match: string, mark: string, offset: number, all: string) =>
      spaceBefore(match, mark, mark === ":" ? NBSP : NNBSP, all, offset),
    );
    if (s.includes("?!") || s.includes("!?") || SPACED_MARKS.test(s)) s = s.replace(SPACED_RUN, "$1");
  }
  if ((flags & HAS_DIGIT) !== 0) s = typesetNumbers(s);
  if ((flags & HAS_E_GRAVE) !== 0 || ((flags & HAS_DIGIT) !== 0 && s.includes("eme"))) {
    s = s.replace(SPELLED_ORDINAL, (match: string, n: string, plural: string, offset: number, all: string) =>
      isOrdinal(n, "e", all, offset) ? `${n}e${plural}` : match,
    );
  }
  if ((flags & HAS_DIGIT) !== 0 && (s.includes("1ère") || s.includes("1ere"))) {
    s = s.replace(SPELLED_FIRST, (match: string, plural: string, offset: number, all: string) =>
      offset > 0 && LETTER_OR_DIGIT.test(all[offset - 1]!) ? match : `1re${plural}`,
    );
  }

  if (head !== "") s = s.slice(1);
  if (glueAfter) s = s.slice(0, -1);
  return s;
}

// The space before `mark`: added or normalised after a word, none after an opening bracket or at
// the start, where a space typed before the mark is still made no-break.
// Nor in `<!` or `<?` typed as such: the opening of an HTML comment or declaration an editor
// quotes (`<!--` never closed is text), which pages show as written.
function spaceBefore(match: string, mark: string, space: string, all: string, offset: number): string {
  if (offset === 0) return match === mark ? match : space + mark;
  if (match === mark && all[offset - 1] === "<") return match;
  return isSpaceOrOpening(all[offset - 1]) ? match : space + mark;
}

// Each level of quotation's marks, outermost first: « », then “ ” inside, then ‘ ’ inside that and
// deeper, as French publishing nests them (and as single quotes typed are set: `'non'` → ‘non’).
const QUOTE_LEVELS: readonly (readonly [open: string, close: string])[] = [
  ["«", "»"],
  ["“", "”"],
  ["‘", "’"],
];

// Straight double quotes become « », “ ” inside a quotation and ‘ ’ inside that one. A quote's
// neighbours say which way it turns when only one side does: a space or opening mark before it
// opens (`dit "non`, `l’"affaire`), a space or closing mark after it closes (`non",`). Where both
// or neither do (`" non "`, `a"b`), it closes the open quotation, or opens one when none is. A
// closing quote with none open closes one opened in an earlier token (`"a *b*"`); a quotation open
// in an earlier token is not seen, so a quote inside it gets « » again, also French usage. Typed
// « » and “ ” count as levels (a typed ‘ ’ does not: its ’ is also the apostrophe). A fourth level,
// more likely a quote left unclosed, takes ‘ ’ too: no straight quote is left, which typesetting
// the text again would turn.
function convertQuotes(s: string): string {
  const closers: string[] = [];
  return s.replace(DOUBLE_QUOTE, (quote: string, offset: number) => {
    if (quote !== '"') {
      if (quote === "«" || quote === "“") closers.push(quote === "«" ? "»" : "”");
      else closers.pop();
      return quote;
    }
    const previous = offset === 0 ? "" : s[offset - 1]!;
    const next = s[offset + 1] ?? "";
    const opens = previous === "" || OPENS_QUOTE.test(previous);
    const closes = next === "" || CLOSES_QUOTE.test(next);
    if (opens === closes ? closers.length > 0 : closes) return closers.pop() ?? "»";
    const [open, close] = QUOTE_LEVELS[Math.min(closers.length, QUOTE_LEVELS.length - 1)]!;
    closers.push(close);
    return open;
  });
}

// Straight single quotes. After a letter: an apostrophe or a closing quote, both `’`. At the start
// or after a space or an opening mark, before a letter: an opening quote `‘`. Before a letter
// (`*l*'Irak`), after a neighbouring token, or after a mark that ends a quotation (`'Non!'`): `’`.
// Left as typed otherwise (`5'`, a quote alone between spaces, `'90`).
function convertSingleQuotes(s: string): string {
  let open = false;
  return s.replace(APOSTROPHE, (quote: string, offset: number) => {
    const previous = offset === 0 ? "" : s[offset - 1]!;
    const next = s[offset + 1] ?? "";
    // GLUED after the quote: a token's text follows, as a letter would.
    const beforeWord = LETTER.test(next) || next === GLUED;
    if (LETTER.test(previous)) {
      if (!beforeWord) open = false;
      return "’";
    }
    if ((previous === "" || OPENS_SINGLE_QUOTE.test(previous)) && beforeWord) {
      open = true;
      return "‘";
    }
    if (beforeWord || previous === GLUED || (open && !SPACE.test(previous))) {
      open = false;
      return "’";
    }
    return quote;
  });
}

function typesetNumbers(s: string): string {
  s = s.replace(GROUPED, (_match: string, head: string, groups: string) => head + groups.replace(GROUP_SEPARATOR, NNBSP));
  s = s.replace(DIGITS, (n: string, offset: number, all: string) => (shouldGroup(n, all, offset) ? n.replace(THOUSANDS, NNBSP) : n));
  s = s.replace(NUMBER_AND_UNIT, (match: string, digits: string, unit: string, offset: number, all: string) => {
    if (unit[0] !== "h" || unit === "ha" || unit === "hl") return `${digits}${NBSP}${unit}`;
    // A time: hours of one or two digits standing alone.
    if (digits.length > 2 || (offset > 0 && LETTER_OR_DIGIT.test(all[offset - 1]!))) return match;
    return unit.length > 1 ? `${digits}${NBSP}h${NBSP}${unit.slice(-2)}` : `${digits}${NBSP}h`;
  });
  return s;
}

// 5 to 9 digits are grouped; 4 only before a unit or currency (alone, they are years); 10 or more
// are phone numbers or identifiers. A number that follows a letter, `#`, `°`, `+`, a decimal mark
// or a letter and a hyphen (`ISO-12345`) is an identifier or a fraction, and stays.
function shouldGroup(n: string, all: string, offset: number): boolean {
  if (n.length > 9) return false;
  const before = all[offset - 1];
  if (before !== undefined && (NOT_BEFORE_NUMBER.test(before) || (before === "-" && LETTER.test(all[offset - 2] ?? "")))) return false;
  const end = offset + n.length;
  UNIT_AHEAD.lastIndex = end;
  if (UNIT_AHEAD.test(all)) return true;
  return n.length > 4 && !NOT_AFTER_NUMBER.test(all.slice(end, end + 2));
}
