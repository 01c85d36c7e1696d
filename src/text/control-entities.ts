/** Control characters a body writes as entities (`&#x202E;`) or escapes that markdown-it decodes into its page. */
import type { MarkdownIt, Token } from "markdown-it";
import { findControlCharacter } from "./control-characters.ts";
import { createMarkdown } from "./markdown.ts";

/** An entity or escape of a body the page would turn into a control character, at its line and column in the file. */
export interface ControlEntity {
  /** As written: `&#x202E;`, `&rlm;`, `%E2%80%AE`. */
  written: string;
  /** The character it writes. */
  character: string;
  line: number;
  column: number;
}

// What CommonMark decodes as an entity (markdown-it's own patterns), and what the text of an
// autolink decodes (`<https://x.example/%E2%80%AE>` shows U+202E): a character's UTF-8 escapes.
const ENTITY = /&(?:#x[\da-f]{1,6}|#\d{1,7}|[a-z][a-z\d]{1,31});/gi;
const ESCAPE = /%[0-7][\da-f]|%[cd][\da-f]%[89ab][\da-f]|%e[\da-f](?:%[89ab][\da-f]){2}|%f[0-7](?:%[89ab][\da-f]){3}/gi;

// Each one found stands in the parse for a character of a private use plane, its own: one the
// page holds was decoded there (an entity's, percent-escaped in a destination as markdown-it writes it).
const ENTITY_MARKS = 0xf0000;
const ESCAPE_MARKS = 0x100000;
const MAX_MARKS = 0xfffd;

let parser: MarkdownIt | undefined;

/**
 * The entities (`&#x202E;`, `&#8238;`, `&rlm;`, `&ZeroWidthSpace;`) and, in an autolink's text,
 * the escapes (`%E2%80%AE`) of a body that markdown-it decodes into a character the pages may not
 * hold (see `findControlCharacter`): in text, headings, a link's text and title, an image's
 * description, a destination. One in code (a code span or block), shown as written, is none. The
 * body starts at line `firstLine` of its file.
 * @example findControlEntities("Un &#x202E;titre", 8) // [{ written: "&#x202E;", character: "\u202e", line: 8, column: 4 }]
 */
export function findControlEntities(body: string, firstLine: number): ControlEntity[] {
  if (!body.includes("&") && !body.includes("%")) return [];
  parser ??= createMarkdown();
  const md = parser;
  const found: { written: string; character: string; at: number; mark: string; percent: boolean }[] = [];
  const candidates = (pattern: RegExp, decode: (written: string) => string, percent: boolean): void => {
    for (const match of body.matchAll(pattern)) {
      const decoded = decode(match[0]);
      const index = decoded === match[0] ? -1 : findControlCharacter(decoded);
      if (index === -1 || found.length >= MAX_MARKS) continue;
      const mark = String.fromCodePoint((percent ? ESCAPE_MARKS : ENTITY_MARKS) + found.length);
      found.push({ written: match[0], character: String.fromCodePoint(decoded.codePointAt(index)!), at: match.index, mark, percent });
    }
  };
  if (body.includes("&")) candidates(ENTITY, (written) => md.utils.unescapeAll(written), false);
  if (body.includes("%")) candidates(ESCAPE, decodeEscape, true);
  if (found.length === 0) return [];
  // The body with each candidate written as its mark, in the same syntax: what the parse decodes of it shows.
  found.sort((a, b) => a.at - b.at);
  let marked = "";
  let from = 0;
  for (const { written, at, mark, percent } of found) {
    marked += body.slice(from, at) + (percent ? encodeURIComponent(mark) : `&#x${mark.codePointAt(0)!.toString(16)};`);
    from = at + written.length;
  }
  const env: { references?: Record<string, { href: string; title: string }> } = {};
  const decoded = decodedText(md, md.parse(marked + body.slice(from), env), env);
  return found
    .filter(({ mark, percent }) => decoded.includes(mark) || (!percent && decoded.includes(encodeURIComponent(mark))))
    .map(({ written, character, at }) => {
      const before = body.slice(0, at);
      return { written, character, line: firstLine + before.split("\n").length - 1, column: at - before.lastIndexOf("\n") };
    });
}

// Everything of a parse that the page may show: the tokens' text, attributes and info strings,
// the reference definitions'. A code span's or block's text holds a mark as written, never decoded;
// a fence's info string is decoded as it is rendered (its first word names the code's language).
function decodedText(md: MarkdownIt, tokens: readonly Token[], env: { references?: Record<string, { href: string; title: string }> }): string {
  const parts: string[] = [];
  const stack = [...tokens];
  while (stack.length > 0) {
    const token = stack.pop()!;
    // One by one: a paragraph of a hundred thousand lines has as many children, more than a call's arguments may be.
    for (const child of token.children ?? []) stack.push(child);
    parts.push(token.content, token.type === "fence" ? md.utils.unescapeAll(token.info) : token.info);
    for (const [, value] of token.attrs ?? []) parts.push(value);
  }
  for (const { href, title } of Object.values(env.references ?? {})) parts.push(href, title);
  return parts.join("\n");
}

function decodeEscape(written: string): string {
  try {
    return decodeURIComponent(written);
  } catch {
    return written;
  }
}
