/**
 * The parser's errors about keys, told with the line to write: a ": " in a value, a key without its
 * colon or without the space after it, a key on its parent's line, and lines out of line with the
 * keys they belong with (a first key indented, a photo's key one space off, the text of a `>` not
 * indented).
 */
import { messages } from "../i18n/messages.ts";
import {
  example,
  indentOf,
  isTextKey,
  joinLines,
  keyPart,
  lineAt,
  previousContentLine,
  quotedMend,
  type At,
  type ErrorLine,
  type TextKeys,
  type YamlProblem,
} from "./yaml-lines.ts";

// A ": " where the parser wanted none: in a value (`title: L’Irak: la fin`), or on an indented line
// that continues the value above (`title: Un` then `  date: …`); else a key without its space.
export function implicitKeyProblem(source: string, here: ErrorLine, at: At, textKeys: TextKeys): YamlProblem {
  const say = messages().diagnostics;
  const { line, key, lineStart, valueStart } = here;
  const after = line.slice(valueStart);
  if (key !== undefined && /:[ \t]/.test(after)) {
    const inner = /^([A-Za-z][\w-]*):[ \t]/.exec(after)?.[1];
    // `image: src: a.jpg`: a key written on its parent's line.
    if (inner !== undefined && !isTextKey(key, textKeys)) return { at: at(lineStart + valueStart), message: say.yamlKeyOnKeyLine(key, inner) };
    // A text value in quotes reads as the editor wrote it; a comment on its line, or a quote that
    // starts it, leaves in doubt what the text is.
    const mend =
      isTextKey(key, textKeys) && !/^["']|[ \t]#/.test(after)
        ? { mend: quotedMend(source, lineStart + valueStart, lineStart + valueStart + after.trimEnd().length) }
        : {};
    return { at: at(lineStart + valueStart), message: say.yamlColon(key, example(keyPart(line, valueStart), JSON.stringify(after.trim()))), ...mend };
  }
  const noSpace = noSpaceAfterColon(line);
  if (noSpace) return { at: at(lineStart + noSpace.colon + 1), message: say.yamlSpaceAfterColon(noSpace.fixed) };
  if (/^\s*-/.test(source.slice(here.offset, lineStart + line.length)) || /^\s+-/.test(line)) return { at: at(here.offset), message: say.yamlListDash() };
  if (key === undefined && line.trim().includes(" ")) return { at: at(lineStart + indentOf(line)), message: say.yamlNotAKey(withColon(line)) };
  const continued = continuationWithColon(source, here);
  if (continued !== undefined && key !== undefined) {
    const culprit = continued + indentOf(lineAt(source, continued));
    if (isTextKey(key, textKeys)) {
      const text = joinLines(source.slice(lineStart + valueStart, continued + lineAt(source, continued).length));
      return { at: at(culprit), message: say.yamlIndentedText(key, example(keyPart(line, valueStart), JSON.stringify(text))) };
    }
    return alignOn(line, culprit, at);
  }
  return { at: at(here.offset), message: say.yamlIndent() };
}

// The line under the key's that holds a ": ", when the lines between are all indented under the
// key: YAML reads them as the value, which a ": " cannot hold. Its start; undefined if none.
function continuationWithColon(source: string, here: ErrorLine): number | undefined {
  const keyColumn = /^[ \t]*(?:-[ \t]+)?/.exec(here.line)![0].length;
  for (let start = here.lineStart + here.line.length + 1; start < source.length; ) {
    const line = lineAt(source, start);
    if (line.trim() !== "" && !/^[ \t]*#/.test(line)) {
      if (indentOf(line) <= keyColumn) return undefined;
      if (/:(?:[ \t]|$)/.test(line)) return start;
    }
    start += line.length + 1;
  }
  return undefined;
}

// A line that is neither a key nor indented under one: the text of a `>` left unindented, a list
// entry without its dash, a key without its colon or without the space after it.
export function notAKeyProblem(source: string, here: ErrorLine, message: string, at: At): YamlProblem {
  const say = messages().diagnostics;
  const { line, lineStart } = here;
  const start = lineStart + indentOf(line);
  const previous = previousContentLine(source, lineStart);
  const above = previous === -1 ? "" : lineAt(source, previous);
  const block = blockAbove(source, here);
  if (block !== undefined) return { at: at(start), message: say.yamlBlockNotIndented(block) };
  if (/^[ \t]*-[ \t]/.test(above) && !line.includes(":")) return { at: at(start), message: say.yamlListDash() };
  const noSpace = noSpaceAfterColon(line);
  if (noSpace) return { at: at(lineStart + noSpace.colon + 1), message: say.yamlSpaceAfterColon(noSpace.fixed) };
  // A line with a ": " of its own is some other construction (`{a: b}` alone), not a key missing one.
  if (/:[ \t]/.test(line)) return { at: at(here.offset), message: say.yamlOther(message) };
  return { at: at(start), message: say.yamlNotAKey(withColon(line)) };
}

// The `>` or `|` of the key above whose text this line, less indented than that text, leaves.
function blockAbove(source: string, here: ErrorLine): string | undefined {
  const indent = indentOf(here.line);
  for (let start = previousContentLine(source, here.lineStart); start !== -1; start = previousContentLine(source, start)) {
    const line = lineAt(source, start);
    const header = /:[ \t]*([>|])[-+0-9]*[ \t]*(?:#.*)?$/.exec(line)?.[1];
    if (header !== undefined) return header;
    if (indentOf(line) <= indent) return undefined;
  }
  return undefined;
}

// `title:Irak`, `shortLink:https://…`: a key whose colon has no space after it.
function noSpaceAfterColon(line: string): { colon: number; fixed: string } | undefined {
  const match = /^([ \t]*(?:-[ \t]+)?[A-Za-z][\w-]*):(?=[^\s:])/.exec(line);
  return match ? { colon: match[1]!.length, fixed: `${match[1]!.trim()}: ${line.slice(match[0].length)}`.trimEnd() } : undefined;
}

// `date 2021-12-09` as the key it was meant to be: `date: 2021-12-09`.
function withColon(line: string): string {
  const [, dash = "", name = "", rest = ""] = /^[ \t]*(-[ \t]+)?(\S+)[ \t]*(.*)$/.exec(line.trimEnd()) ?? [];
  return `${dash.trim() === "" ? "" : "- "}${name}: ${rest === "" ? "…" : rest}`;
}

// A key at another column than the keys it belongs with. A first key indented leaves the keys
// after it out of line: the first is the one to move.
export function notAlignedProblem(source: string, here: ErrorLine, at: At): YamlProblem {
  const say = messages().diagnostics;
  const first = /^\n*(?:[ \t]*(?:#.*)?\n)*/.exec(source)![0].length;
  const firstLine = lineAt(source, first);
  if (indentOf(firstLine) > 0 && indentOf(here.line) < indentOf(firstLine)) return { at: at(first), message: say.yamlIndent() };
  const previous = previousContentLine(source, here.lineStart);
  if (previous === -1) return { at: at(here.offset), message: say.yamlIndent() };
  const block = blockAbove(source, here);
  if (block !== undefined) return { at: at(here.lineStart + indentOf(here.line)), message: say.yamlBlockNotIndented(block) };
  if (/^[ \t]*-[ \t]/.test(lineAt(source, previous)) && !/:[ \t]/.test(here.line))
    return { at: at(here.lineStart + indentOf(here.line)), message: say.yamlListDash() };
  return alignOn(lineAt(source, previous), here.lineStart + indentOf(here.line), at);
}

// The line at `culprit` told to line up on the key of `keyLine`.
function alignOn(keyLine: string, culprit: number, at: At): YamlProblem {
  const say = messages().diagnostics;
  const key = /^([ \t]*(?:-[ \t]+)?)([^\s:#'"][^:]*?)[ \t]*:(?:[ \t]|$)/.exec(keyLine);
  if (!key || key[1]!.length === 0) return { at: at(culprit), message: say.yamlIndent() };
  return { at: at(culprit), message: say.yamlAlign(key[2]!, key[1]!.length + 1) };
}
