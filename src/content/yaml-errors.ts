/**
 * The parser's errors told as the guide tells them: what is wrong, at the line and column where the
 * fix goes, and the line to write instead. Each error goes to the module of its kind: keys, colons
 * and indentation to yaml-key-errors.ts, lists and keys between brackets to yaml-flow-errors.ts;
 * quotes, tabs and backslashes are told here. An error no editor writes by hand (a directive, two
 * tags on a value) keeps the parser's words, with a hint.
 */
import type { YAMLError } from "yaml";
import { messages } from "../i18n/messages.ts";
import { flowProblem } from "./yaml-flow-errors.ts";
import { implicitKeyProblem, notAKeyProblem, notAlignedProblem } from "./yaml-key-errors.ts";
import {
  errorLine,
  example,
  firstLineOf,
  indentOf,
  isTextKey,
  keyPart,
  lineAt,
  previousContentLine,
  startsWithIndicator,
  valueStartProblem,
  type At,
  type ErrorLine,
  type TextKeys,
  type YamlProblem,
  valueOnLine,
} from "./yaml-lines.ts";

export function guideProblems(source: string, errors: readonly YAMLError[], at: At, textKeys: TextKeys): YamlProblem[] {
  // Once the parser has lost its place (a stray `]`, a first key indented), every token after it is
  // "unexpected in YAML stream", and a key written right can be one "not followed by a value"; one
  // mistake also often makes several errors on its line. The first says what to fix.
  const lines = new Set<number>();
  const causes = errors.filter((error, i) => {
    if (i > 0 && (/ in YAML stream/.test(error.message) || consequence(source, error))) return false;
    const line = at(error.pos[0]).line;
    return !lines.has(line) && lines.add(line);
  });
  return causes.map((error) => guideProblem(source, error, at, textKeys));
}

// `date: 2021-12-09` read as a key without a value: the line is right, the error is of a line above.
function consequence(source: string, error: YAMLError): boolean {
  return (
    /^Implicit map keys need to be followed/.test(error.message) && /^[ \t]*(?:-[ \t]+)?[^\s:#'"][^:]*:(?:[ \t]|$)/.test(errorLine(source, error.pos[0]).line)
  );
}

function guideProblem(source: string, error: YAMLError, at: At, textKeys: TextKeys): YamlProblem {
  const say = messages().diagnostics;
  const here = errorLine(source, error.pos[0]);
  const { offset, lineStart, line, key, valueStart } = here;
  const message = firstLineOf(error.message);
  // `* Irak`: a list entry written as in Markdown.
  if (/^[ \t]*\*[ \t]/.test(line) && !/:(?:[ \t]|$)/.test(line)) return { at: at(lineStart + indentOf(line)), message: say.yamlListDash() };
  // `title: [Exclusif] la fin`, `title: > la fin`, `title: * la fin`: whatever the parser says of
  // it, the fix is the quotes. A list that starts a list's value is a list, though.
  const isText = isTextKey(key, textKeys);
  if (startsWithIndicator(line.slice(valueStart), isText)) return valueStartProblem(source, lineStart + valueStart, at, isText);
  const flow = flowProblem(source, error, at);
  if (flow) return flow;
  switch (error.code) {
    case "TAB_AS_INDENT": {
      const spaces = indentMeant(source, lineStart, line);
      const indent = indentOf(line);
      // The line's indentation, tabs and all, becomes the spaces told.
      const mend = offset - lineStart <= indent ? { mend: { from: lineStart, to: lineStart + indent, text: " ".repeat(spaces), quoted: false } } : {};
      return { at: at(offset), message: say.yamlTab(spaces), ...mend };
    }
    case "DUPLICATE_KEY":
      return { at: at(offset), message: say.yamlDuplicateKey(key ?? "", at(offset).line) };
    case "BAD_SCALAR_START":
    case "TAG_RESOLVE_FAILED":
      return valueStartProblem(source, offset, at);
    case "BAD_DQ_ESCAPE":
      return { at: at(offset), message: say.yamlBackslash(example(keyPart(line, valueStart), escapeBackslashes(line.slice(valueStart).trim()))) };
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
    case "KEY_OVER_1024_CHARS":
      return implicitKeyProblem(source, here, at, textKeys);
    case "MISSING_CHAR":
      return missingCharProblem(source, here, message, at, textKeys) ?? { at: at(offset), message: say.yamlOther(message) };
    case "BAD_INDENT":
      if (/^\s*-/.test(line) || /sequence items/.test(message)) return { at: at(offset), message: say.yamlListDash() };
      if (/mapping items/.test(message)) return notAlignedProblem(source, here, at);
      return { at: at(offset), message: say.yamlIndent() };
    case "UNEXPECTED_TOKEN":
      if (/block-seq-ind on same line with key/.test(message)) return { at: at(offset), message: say.yamlListOnKeyLine(key ?? "topics") };
      if (/ at node end$/.test(message)) {
        if (/["'][ \t]*$/.test(line.slice(0, offset - lineStart))) return textAfterQuote(source, here, message, at, textKeys);
        if (offset === lineStart + indentOf(line)) return notAlignedProblem(source, here, at);
      }
      return { at: at(offset), message: say.yamlOther(message) };
    case "MULTIPLE_DOCS": {
      const end = source.lastIndexOf("\n...", offset);
      return { at: at(end === -1 ? offset : end + 1), message: say.yamlDocumentEnd() };
    }
    default:
      return { at: at(offset), message: say.yamlOther(message) };
  }
}

const ENTRY = /^[ \t]*-(?:[ \t]|$)/;
// After a key, what leaves its value to the lines below: nothing, a comment, a block's `|` or `>`.
const VALUE_BELOW = /^(?:[|>][-+\d]*)?[ \t]*(?:#.*)?$/;
// Enough lines looked up to find the key or the entry above; a file of such lines stays linear.
const LINES_LOOKED_UP = 64;

/**
 * How many spaces a line indented with a tab is meant to start with, from the lines above: the
 * first line of a key's value (`topics:` then `\t- Irak`) two more than that key; a list entry as
 * many as the entry above; a key as many as the key above it, entries left aside, so that
 * `\tsources: [AA]` after keys of the top level, or after a list of one, takes none: advised two
 * spaces, the editor would meet another error on the same line.
 */
function indentMeant(source: string, lineStart: number, line: string, depth = 0): number {
  const isKey = valueOnLine(line).key !== undefined;
  const isEntry = ENTRY.test(line);
  let start = lineStart;
  for (let n = 0; n < LINES_LOOKED_UP; n++) {
    start = previousContentLine(source, start);
    if (start === -1) break;
    const above = lineAt(source, start);
    const written = valueOnLine(above);
    const entryAbove = isEntry && ENTRY.test(above);
    // Only the line the answer is read from is followed back (`indentTaken`): following each line
    // passed over as well made the lookup exponential in a block of tab-indented text.
    if (written.key === undefined && !entryAbove) continue;
    const indent = indentTaken(source, start, above, depth);
    // Where the key of the line above starts: `- label:` in a list of maps is `label`'s column.
    const keyColumn = indent + /^(?:-[ \t]+)?/.exec(above.slice(indentOf(above)))![0].length;
    if (n === 0 && written.key !== undefined && VALUE_BELOW.test(above.slice(written.start))) return keyColumn + 2;
    if (entryAbove) return indent;
    return isKey ? keyColumn : keyColumn + 2;
  }
  return isKey || isEntry ? 0 : 2;
}

// The indentation of a line above, or, when it holds a tab too, the one it is told to take: the
// lines of a block indented with tabs are each told the same spaces, not one space for the tab.
function indentTaken(source: string, lineStart: number, line: string, depth: number): number {
  const indent = indentOf(line);
  return depth < TABBED_LINES_FOLLOWED && line.slice(0, indent).includes("\t") ? indentMeant(source, lineStart, line, depth + 1) : indent;
}
// How many tab-indented lines above one is followed back through.
const TABBED_LINES_FOLLOWED = 8;

// What the parser stopped at: a missing character (a quote, a space before a comment, a colon).
function missingCharProblem(source: string, here: ErrorLine, message: string, at: At, textKeys: TextKeys): YamlProblem | undefined {
  const say = messages().diagnostics;
  const { offset, line, lineStart } = here;
  const quote = /Missing closing (["'])quote/.exec(message)?.[1];
  if (quote !== undefined) {
    // Pointed at the quote that opened the value, where the fix goes, not at the end of the text.
    const opened = Math.max(source.lastIndexOf(`: ${quote}`, offset), source.lastIndexOf(`- ${quote}`, offset));
    return { at: at(opened === -1 ? offset : opened + 2), message: say.yamlUnclosedQuote(quote) };
  }
  if (/^\s*-\S/.test(line)) return { at: at(lineStart + line.indexOf("-")), message: say.yamlListDash() };
  if (/^Comments must be separated/.test(message)) {
    // `title: "Irak"#1 des ventes` is text after the quote; `topics: [Irak]#à revoir`, a comment.
    const quoted = /["'][ \t]*$/.test(line.slice(0, offset - lineStart));
    if (quoted && isTextKey(here.key, textKeys)) return textAfterQuote(source, here, message, at, textKeys);
    const column = offset - lineStart;
    return { at: at(offset), message: say.yamlCommentNoSpace(`${line.slice(0, column)} ${line.slice(column)}`.trim()) };
  }
  if (/^Implicit map keys need to be followed by map values/.test(message)) return notAKeyProblem(source, here, message, at);
  if (/^Sequence item without - indicator/.test(message)) return notAlignedProblem(source, here, at);
  return undefined;
}

// The quote that closed the value came too early: text follows it on the line. When the line ends
// on the quote that opened it, that quote was meant to close it, and the one before was part of
// the text: say what holds both.
function textAfterQuote(source: string, here: ErrorLine, message: string, at: At, textKeys: TextKeys): YamlProblem {
  const say = messages().diagnostics;
  const line = here.line.trimEnd();
  const start = here.valueStart;
  const quote = line[start];
  const closingOffset = source.lastIndexOf(quote ?? "", here.offset - 1);
  if ((quote !== "'" && quote !== '"') || closingOffset < here.lineStart + start + 1) return { at: at(here.offset), message: say.yamlOther(message) };
  const prefix = keyPart(line, start);
  const written = line.slice(start);
  const closing = closingOffset - here.lineStart;
  const rest = line.slice(closing + 1);
  if (!isTextKey(here.key, textKeys)) {
    // `sources: "AA", "TRT FR"`: a list without its brackets.
    if (/^[ \t]*,/.test(rest)) return { at: at(here.offset), message: say.yamlListWithoutBrackets(example(prefix, `[${written}]`)) };
    return { at: at(closingOffset), message: say.yamlTextAfterQuote(example(prefix, `${line.slice(start, closing)}${rest}${quote}`)) };
  }
  const text = written.length > 1 && written.endsWith(quote) && (quote === "'" || quotesPair(written.slice(1, -1))) ? written.slice(1, -1) : written;
  if (quote === "'") return { at: at(closingOffset), message: say.yamlApostropheInQuotes(example(prefix, JSON.stringify(text))) };
  return {
    at: at(closingOffset),
    message: say.yamlQuoteInQuotes(example(prefix, JSON.stringify(text.replace(/"([^"]*)"/g, "« $1 »"))), example(prefix, `'${text.replaceAll("'", "''")}'`)),
  };
}

// `Le "choc" annoncé`: quotes that open after a space and close before one, as a citation's do.
// In `a" "b`, the quote after « a » closes: the outer quotes of `"a" "b"` were not the value's.
function quotesPair(text: string): boolean {
  const quotes = [...text.matchAll(/"/g)].map((match) => match.index);
  return quotes.every((i, n) => (n % 2 === 0 ? i === 0 || /[\s([«]/.test(text[i - 1]!) : i === text.length - 1 || /[\s).,;:!?»\]]/.test(text[i + 1]!)));
}

// A value in double quotes with each backslash that starts no escape doubled: `"50\%"` → `"50\\%"`.
function escapeBackslashes(value: string): string {
  return value.replace(/\\(x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|[0abt\tnvfre "/\\N_LP]|$)?/g, (written, valid: string | undefined) =>
    valid === undefined ? "\\\\" : written,
  );
}
