/**
 * Text that YAML drops without an error, which only the parsed document shows: what a comment
 * cuts off a text value, on its lines (`title: Irak #1 des ventes` is « Irak ») or on the line
 * under them; an anchor that starts a value (`title: &Irak la fin`; tags are yaml-tags.ts's); a text value read as
 * a list or as keys (`title: [Exclusif]`). Comments elsewhere stay: after a date, a list or
 * `true`, or on a line of their own.
 */
import { isMap, isScalar, isSeq, type Document, type Pair, type Scalar } from "yaml";
import { messages } from "../i18n/messages.ts";
import {
  example,
  indentOf,
  joinLines,
  lineAt,
  lineStartOf,
  quotedMend,
  valueOnLine,
  valueStartProblem,
  type At,
  type TextKeys,
  type YamlProblem,
} from "./yaml-lines.ts";

/** A problem, and the offset where the text it tells of ends: the parser's errors before it are its consequences. */
export interface LostText extends YamlProblem {
  end: number;
}

export function lostTextProblems(document: Document, source: string, at: At, textKeys: TextKeys): LostText[] {
  const problems: LostText[] = [];
  const visit = (node: unknown, path: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const keyPath = path === "" ? String(pair.key.value) : `${path}.${String(pair.key.value)}`;
        const lost = textKeys.has(keyPath) ? lostTextOf(source, keyPath, pair as Pair<Scalar, unknown>, at) : undefined;
        if (lost) problems.push(lost);
        visit(pair.value, keyPath);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item, path);
    } else if (isScalar(node) && node.anchor !== undefined && node.tag === undefined && node.range) {
      const start = propertyStart(source, node.range[0]);
      problems.push({ ...valueStartProblem(source, start, at, textKeys.has(path)), end: start });
    }
  };
  visit(document.contents, "");
  return problems;
}

// `title: [Exclusif]` is a list of one; `summary: {x}`, keys: text meant, where the fix is quotes.
function lostTextOf(source: string, key: string, pair: Pair<Scalar, unknown>, at: At): LostText | undefined {
  const value = pair.value;
  if (isScalar(value)) return commentCut(source, key, pair.key, value, at);
  if ((isSeq(value) || isMap(value)) && value.flow && value.range) return { ...valueStartProblem(source, value.range[0], at, true), end: value.range[0] };
  return undefined;
}

/**
 * A plain value cut short by a comment. On its line, `title: Irak #1 des ventes`; on its key's
 * line, before it (`summary: #Bagdad` over the text); or on the line under it: an editor who writes
 *
 *     title: La sélection nationale
 *       #MeToo la Syrie hausse le ton
 *
 * reads the second line as the rest of the title, where YAML reads a comment. The rule: a line
 * that starts with `#` right under a text value (no blank line between), indented further than
 * the value's key, is where the value's next line would go, so it is text the value loses. A
 * comment line at the key's indentation or less, after a blank line, or under a value that is not
 * free text (`draft: true`, a list, a quoted title) is a comment of its own, and stays one.
 */
function commentCut(source: string, key: string, keyNode: Scalar, value: Scalar, at: At): LostText | undefined {
  if (value.type !== "PLAIN" || !value.range || !keyNode.range || value.tag !== undefined) return undefined;
  const [start, end] = value.range;
  const keyLineStart = lineStartOf(source, keyNode.range[0]);
  const keyLine = lineAt(source, keyLineStart);
  const before = start > keyLineStart + keyLine.length ? keyLine.indexOf("#", keyNode.range[1] - keyLineStart) : -1;
  const rest = lineAt(source, end);
  const onLine = rest.indexOf("#");
  // `title: #Irak` is a null whose line holds a comment: only a value with text continues below.
  const below = value.value === null ? [] : commentLinesBelow(source, end + rest.length + 1, keyNode.range[0] - keyLineStart);
  if (before === -1 && onLine === -1 && below.length === 0) return undefined;
  const lastEnd = below.length === 0 ? end + rest.length : below.at(-1)!.start + below.at(-1)!.line.length;
  // A `#` after a space on the value's lines, or, failing that, the comment line under them.
  const spaced = before !== -1 ? keyLineStart + before : onLine !== -1 ? end + onLine : undefined;
  const hash = spaced ?? below[0]!.start + indentOf(below[0]!.line);
  const lost = [before === -1 ? "" : keyLine.slice(before), onLine === -1 ? "" : rest.slice(onLine), ...below.map((b) => b.line)]
    .map(joinLines)
    .filter((text) => text !== "")
    .join(" ");
  const from = Math.min(hash, start);
  const written = example(source.slice(keyLineStart, from).trim(), JSON.stringify(joinLines(source.slice(from, lastEnd))));
  const kept = String(value.value ?? "");
  const say = messages().diagnostics;
  return {
    at: at(hash),
    message: spaced === undefined ? say.yamlCommentLineCutsText(key, kept, lost, written) : say.yamlCommentCutsText(key, kept, lost, written),
    end: lastEnd,
    mend: quotedMend(source, from, lastEnd),
  };
}

// The lines from `from` that would continue a value whose key is at `keyColumn`, when the first
// of them is a comment: each indented further than the key, up to a blank line.
function commentLinesBelow(source: string, from: number, keyColumn: number): { start: number; line: string }[] {
  const lines: { start: number; line: string }[] = [];
  for (let start = from; start < source.length; ) {
    const line = lineAt(source, start);
    if (line.trim() === "" || indentOf(line) <= keyColumn) break;
    if (lines.length === 0 && line.trimStart()[0] !== "#") break;
    lines.push({ start, line });
    start += line.length + 1;
  }
  return lines;
}

/**
 * Where the tag or anchor of the value at `start` begins: the value's start on its line, as a rule
 * (`title: ! important`), else the nearest one before it (`topics: [!x Irak]`, a tag on its own line above a block).
 */
export function propertyStart(source: string, start: number): number {
  const lineStart = lineStartOf(source, start);
  const onLine = lineStart + valueOnLine(lineAt(source, lineStart)).start;
  if (onLine <= start && "!&".includes(source[onLine] ?? "")) return onLine;
  let p = Math.max(source.lastIndexOf("!", start), source.lastIndexOf("&", start));
  while (p > 0 && !/[\s[{,]/.test(source[p - 1]!)) p--;
  return Math.max(p, 0);
}
