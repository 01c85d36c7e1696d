/**
 * A line of YAML as the editor wrote it: its key, where its value starts, how far it is indented,
 * and the line to write instead. What the parser's errors (yaml-errors.ts, yaml-key-errors.ts,
 * yaml-flow-errors.ts) and the text YAML drops without an error (yaml-lost-text.ts) share, with the
 * fix both give most often: quote the value.
 */
import type { Position } from "./diagnostics.ts";
import { messages } from "../i18n/messages.ts";

export interface YamlProblem {
  at: Position;
  message: string;
  /**
   * The fix the message gives, when it is mechanical and certain (a text value put in quotes, a
   * tab replaced by the spaces the line takes): front matter mended with it is read again, so that
   * the syntax error hides none of the other fields' errors (yaml-mend.ts).
   */
  mend?: Mend;
}

/**
 * Text to write in place of the source's `from`–`to` (offsets in the YAML text): on one line,
 * `quoted` when it is the text there (its lines joined) in double quotes, as JSON writes it.
 */
export interface Mend {
  from: number;
  to: number;
  text: string;
  quoted: boolean;
}

/** The text from `from` to `to`, its lines joined, in double quotes: the value the messages tell to write. */
export function quotedMend(source: string, from: number, to: number): Mend {
  return { from, to, text: JSON.stringify(joinLines(source.slice(from, to))), quoted: true };
}

export type At = (offset: number) => Position;

/**
 * The keys whose values are free text, as paths (`"title"`, `"image.alt"`; list indices left out:
 * `"label"` for each topic of topics.yaml). A comment cuts such a value short, and a `[` or `{` that
 * starts it is punctuation, not a list.
 */
export type TextKeys = ReadonlySet<string>;

// Characters that make an unquoted value something other than text. Those that start or end a
// list or keys are meant as such in a list's value, and as text only in a text value.
const INDICATORS = new Set([">", "|", "*", "&", "!", "%", "@", "`"]);
const COLLECTION_START = /^(?:[[\]{}]|[-?](?:[ \t]|$))/;

/** A value that starts with a character YAML reads, where text was surely meant. */
export function startsWithIndicator(value: string, isText: boolean): boolean {
  return INDICATORS.has(value[0] ?? "") || (isText && COLLECTION_START.test(value));
}

/**
 * A value that starts at `offset` with a character YAML reads: `title: [Exclusif] la fin`, or an
 * entry of a list written on one line, `[Irak, @x]`.
 */
export function valueStartProblem(source: string, offset: number, at: At, isText = false): YamlProblem {
  const lineStart = lineStartOf(source, offset);
  const line = lineAt(source, lineStart);
  const value = valueOnLine(line);
  const whole = lineStart + value.start === offset;
  const written = whole ? line.slice(value.start).trimEnd() : /^[^,\]}]*/.exec(line.slice(offset - lineStart))![0].trimEnd();
  return {
    at: at(offset),
    message: messages().diagnostics.yamlValueStart(
      whole ? value.key : undefined,
      source[offset] ?? "",
      example(whole ? keyPart(line, value.start) : "", JSON.stringify(written)),
    ),
    // The whole of a text value, its quotes being the fix; a list's entry might be meant otherwise.
    ...(whole && isText && value.key !== undefined ? { mend: quotedMend(source, offset, offset + written.length) } : {}),
  };
}

/** What the parser read on the line of an error: the line, its key and where its value starts. */
export interface ErrorLine {
  offset: number;
  lineStart: number;
  line: string;
  key: string | undefined;
  valueStart: number;
}

export function errorLine(source: string, offset: number): ErrorLine {
  const lineStart = lineStartOf(source, offset);
  const line = lineAt(source, lineStart);
  const { key, start } = valueOnLine(line);
  return { offset, lineStart, line, key, valueStart: start };
}

/** `key: value`, `- value`, `- key: value`, or a value alone: its key, and where it starts. */
export function valueOnLine(line: string): { key: string | undefined; start: number } {
  const match = /^[ \t]*(?:-[ \t]+)?(?:([^\s:#'"][^:]*?)[ \t]*:(?:[ \t]+|$))?/.exec(line)!;
  return { key: match[1], start: match[0].length };
}

/** What comes before the value on its line, without the indentation: `title:`, `- `, `- label:`. */
export function keyPart(line: string, valueStart: number): string {
  return line.slice(0, valueStart).trim();
}

/** The key of a line is compared by its name: `alt:` is `image.alt`'s line. */
export function isTextKey(key: string | undefined, textKeys: TextKeys): boolean {
  return key !== undefined && [...textKeys].some((path) => path === key || path.endsWith(`.${key}`));
}

/** How the line reads with its value written again: `title: "…"`, `- "…"`. */
export function example(prefix: string, value: string): string {
  return prefix === "" ? value : `${prefix} ${value}`;
}

/** A value's lines as one: YAML joins the lines of an unquoted value with a space. */
export function joinLines(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, " ").trim();
}

export function lineStartOf(source: string, offset: number): number {
  return source.lastIndexOf("\n", offset - 1) + 1;
}

export function lineAt(source: string, from: number): string {
  const end = source.indexOf("\n", from);
  return source.slice(from, end === -1 ? source.length : end);
}

export function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].length;
}

/** Where the line before the one at `lineStart` starts that holds more than spaces or a comment; -1 if none. */
export function previousContentLine(source: string, lineStart: number): number {
  for (let start = lineStart; start > 0; ) {
    start = lineStartOf(source, start - 1);
    if (!/^[ \t]*(?:#|$)/.test(lineAt(source, start))) return start;
  }
  return -1;
}

export function firstLineOf(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
