/**
 * YAML as editors get it wrong, told as the guide tells it: what happened and how to fix it, at the
 * place the fix goes. The parser's errors are one half; the other is text YAML drops without an
 * error, which only the parsed document shows.
 */
import { isMap, isScalar, isSeq, type Document, type Scalar, type YAMLError } from "yaml";
import type { Position } from "./diagnostics.ts";
import { messages } from "../i18n/messages.ts";

export interface YamlProblem {
  at: Position;
  message: string;
}

type At = (offset: number) => Position;

/**
 * The keys whose values are free text, as paths (`"title"`, `"image.alt"`; list indices left out:
 * `"label"` for each topic of topics.yaml). A comment cuts such a value short, and a `[` or `{` that
 * starts it is punctuation, not a list.
 */
export type TextKeys = ReadonlySet<string>;

// Characters that make an unquoted value something other than text. Those that start a list or
// keys are meant as such in a list's value, and as text only in a text value.
const INDICATORS = new Set([">", "|", "*", "&", "!", "%", "@", "`"]);
const COLLECTION_START = /^(?:[[{]|[-?](?:[ \t]|$))/;

// A value that starts with a character YAML reads, where text was surely meant.
function startsWithIndicator(value: string, isText: boolean): boolean {
  return INDICATORS.has(value[0] ?? "") || (isText && COLLECTION_START.test(value));
}

/**
 * The parser's errors: what editors get wrong (a colon in an unquoted title, a tab, a quote left
 * open, a list written wrong, a value starting with a character YAML reads) and how to fix it. An
 * error the guide does not know keeps the parser's words, with a hint.
 */
export function guideProblems(source: string, errors: readonly YAMLError[], at: At, textKeys: TextKeys): YamlProblem[] {
  return errors.map((error) => guideProblem(source, error, at, textKeys));
}

function guideProblem(source: string, error: YAMLError, at: At, textKeys: TextKeys): YamlProblem {
  const say = messages().diagnostics;
  const offset = error.pos[0];
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  const line = lineAt(source, lineStart);
  const value = valueOnLine(line);
  const key = value.key;
  const message = firstLineOf(error.message);
  // `title: [Exclusif] la fin`, `title: > la fin`, `title: * la fin`: whatever the parser says of
  // it, the fix is the quotes. A list that starts a list's value is a list, though.
  if (startsWithIndicator(line.slice(value.start), isTextKey(key, textKeys))) return valueStartProblem(source, lineStart + value.start, at);
  switch (error.code) {
    case "TAB_AS_INDENT":
      return { at: at(offset), message: say.yamlTab() };
    case "DUPLICATE_KEY":
      return { at: at(offset), message: say.yamlDuplicateKey(key ?? "", at(offset).line) };
    case "BAD_SCALAR_START":
    case "TAG_RESOLVE_FAILED":
      return valueStartProblem(source, offset, at);
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      // `title: L’Irak: la fin`: a second ": " on the key's line.
      if (key !== undefined && /:\s/.test(line.slice(line.indexOf(":") + 1))) return { at: at(lineStart + line.indexOf(":") + 2), message: say.yamlColon(key) };
      if (/^\s*-/.test(source.slice(offset, lineStart + line.length)) || /^\s+-/.test(line)) return { at: at(offset), message: say.yamlListDash() };
      return { at: at(offset), message: say.yamlIndent() };
    case "MISSING_CHAR": {
      const quote = /Missing closing (["'])quote/.exec(message)?.[1];
      if (quote !== undefined) {
        // Pointed at the quote that opened the value, where the fix goes, not at the end of the text.
        const opened = Math.max(source.lastIndexOf(`: ${quote}`, offset), source.lastIndexOf(`- ${quote}`, offset));
        return { at: at(opened === -1 ? offset : opened + 2), message: say.yamlUnclosedQuote(quote) };
      }
      if (/^\s*-\S/.test(line)) return { at: at(lineStart + line.indexOf("-")), message: say.yamlListDash() };
      return { at: at(offset), message: say.yamlOther(message) };
    }
    case "BAD_INDENT":
      if (/Flow sequence/.test(message))
        return { at: at(source.lastIndexOf("[", offset) === -1 ? offset : source.lastIndexOf("[", offset)), message: say.yamlUnclosedList() };
      return { at: at(offset), message: say.yamlIndent() };
    case "UNEXPECTED_TOKEN":
      if (/block-seq-ind on same line with key/.test(message)) return { at: at(offset), message: say.yamlListOnKeyLine(key ?? "topics") };
      if (/Unexpected scalar at node end/.test(message) && /["']/.test(line)) return textAfterQuote(source, offset, lineStart, at);
      return { at: at(offset), message: say.yamlOther(message) };
    default:
      return { at: at(offset), message: say.yamlOther(message) };
  }
}

// The quote that closed the value came too early. When the line ends on the quote that opened it,
// that quote was meant to close it, and the one before was part of the text: say what holds both.
function textAfterQuote(source: string, offset: number, lineStart: number, at: At): YamlProblem {
  const say = messages().diagnostics;
  const line = lineAt(source, lineStart).trimEnd();
  const { start } = valueOnLine(line);
  const quote = line[start];
  if ((quote !== "'" && quote !== '"') || line.length < start + 2 || !line.endsWith(quote)) return { at: at(offset), message: say.yamlTextAfterQuote() };
  const text = line.slice(start + 1, -1);
  const closing = at(source.lastIndexOf(quote, offset - 1));
  const prefix = line.slice(0, start).trim();
  if (quote === "'") return { at: closing, message: say.yamlApostropheInQuotes(example(prefix, JSON.stringify(text))) };
  return {
    at: closing,
    message: say.yamlQuoteInQuotes(example(prefix, JSON.stringify(text.replace(/"([^"]*)"/g, "« $1 »"))), example(prefix, `'${text.replaceAll("'", "''")}'`)),
  };
}

/**
 * Text that YAML drops without a word: what a comment cuts off a text value (`title: Irak #1 des
 * ventes` is « Irak »), and a tag or an anchor that starts a value (`title: ! important`).
 * Comments elsewhere stay: after a date, a list or `true`, or on a line of their own.
 */
export function lostTextProblems(document: Document, source: string, at: At, textKeys: TextKeys): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const visit = (node: unknown, path: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const keyPath = path === "" ? String(pair.key.value) : `${path}.${String(pair.key.value)}`;
        const cut = textKeys.has(keyPath) && isScalar(pair.value) ? commentCut(source, keyPath, pair.value, at) : undefined;
        if (cut) problems.push(cut);
        visit(pair.value, keyPath);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item, path);
    } else if (isScalar(node) && (node.tag !== undefined || node.anchor !== undefined) && node.range) {
      problems.push(valueStartProblem(source, propertyStart(source, node.range[0]), at));
    }
  };
  visit(document.contents, "");
  return problems;
}

// A plain value followed by a comment on its line; `title: #Irak` is a null followed by one.
function commentCut(source: string, key: string, value: Scalar, at: At): YamlProblem | undefined {
  if (value.type !== "PLAIN" || !value.range || value.tag !== undefined) return undefined;
  const [start, end] = value.range;
  const rest = lineAt(source, end);
  const hash = rest.indexOf("#");
  if (hash === -1) return undefined;
  const lineStart = source.lastIndexOf("\n", start - 1) + 1;
  const written = source
    .slice(start, end + rest.length)
    .replace(/[ \t]*\n[ \t]*/g, " ")
    .trimEnd();
  return {
    at: at(end + hash),
    message: messages().diagnostics.yamlCommentCutsText(
      key,
      String(value.value ?? ""),
      rest.slice(hash).trimEnd(),
      example(source.slice(lineStart, start).trim(), JSON.stringify(written)),
    ),
  };
}

// A value that starts at `offset` with a character YAML reads: `title: [Exclusif] la fin`, or an
// entry of a list written on one line, `[Irak, @x]`.
function valueStartProblem(source: string, offset: number, at: At): YamlProblem {
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  const line = lineAt(source, lineStart);
  const value = valueOnLine(line);
  const whole = lineStart + value.start === offset;
  const written = whole ? line.slice(value.start).trimEnd() : /^[^,\]}]*/.exec(line.slice(offset - lineStart))![0].trimEnd();
  return {
    at: at(offset),
    message: messages().diagnostics.yamlValueStart(
      whole ? value.key : undefined,
      source[offset] ?? "",
      example(whole ? line.slice(0, value.start).trim() : "", JSON.stringify(written)),
    ),
  };
}

// Where the tag or anchor of the value at `start` begins: the value's start on its line, as a rule
// (`title: ! important`), else the nearest one before it (`topics: [!x Irak]`).
function propertyStart(source: string, start: number): number {
  const lineStart = source.lastIndexOf("\n", start - 1) + 1;
  const onLine = lineStart + valueOnLine(lineAt(source, lineStart)).start;
  if (onLine <= start && "!&".includes(source[onLine] ?? "")) return onLine;
  let p = Math.max(source.lastIndexOf("!", start), source.lastIndexOf("&", start));
  while (p > 0 && !/[\s[{,]/.test(source[p - 1]!)) p--;
  return Math.max(p, 0);
}

// `key: value`, `- value`, `- key: value`, or a value alone: its key, and where it starts.
function valueOnLine(line: string): { key: string | undefined; start: number } {
  const match = /^[ \t]*(?:-[ \t]+)?(?:([^\s:#'"][^:]*?)[ \t]*:(?:[ \t]+|$))?/.exec(line)!;
  return { key: match[1], start: match[0].length };
}

// The key of a line is compared by its name: `alt:` is `image.alt`'s line.
function isTextKey(key: string | undefined, textKeys: TextKeys): boolean {
  return key !== undefined && [...textKeys].some((path) => path === key || path.endsWith(`.${key}`));
}

// How the line reads with its value written again: `title: "…"`, `- "…"`.
function example(prefix: string, value: string): string {
  return prefix === "" ? value : `${prefix} ${value}`;
}

function lineAt(source: string, from: number): string {
  const end = source.indexOf("\n", from);
  return source.slice(from, end === -1 ? source.length : end);
}

export function firstLineOf(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
