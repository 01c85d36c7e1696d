/**
 * The parser's errors in a list or keys written on one line, `[Irak, Défense]`, `{src: …, alt: …}`,
 * told in French with the line to write: a bracket left open or closed twice, text after the `]`,
 * a comma missing or doubled.
 */
import type { YAMLError } from "yaml";
import { messages } from "../i18n/messages.ts";
import { example, keyPart, lineAt, lineStartOf, valueOnLine, type At, type YamlProblem } from "./yaml-lines.ts";

const CLOSER: Record<string, string> = { "[": "]", "{": "}" };
const OPENER: Record<string, string> = { "]": "[", "}": "{" };

/** The error told, when it is one of a list or keys between brackets; undefined otherwise. */
export function flowProblem(source: string, error: YAMLError, at: At): YamlProblem | undefined {
  const say = messages().diagnostics;
  const offset = error.pos[0];
  const lineStart = lineStartOf(source, offset);
  const line = lineAt(source, lineStart);
  const column = offset - lineStart;
  const message = error.message;
  if (error.code === "BAD_INDENT" && /^Flow (sequence|map) in block collection/.test(message))
    return unclosed(source, offset, message.startsWith("Flow map") ? "{" : "[", at);
  if (error.code === "BLOCK_IN_FLOW") {
    // `{src: a.jpg alt: x}`: the next key was read as part of the value before it.
    const space = /[ \t]+(?=[^\s:,[\]{}]+:[ \t])/.exec(line.slice(column));
    return space ? { at: at(offset + space.index), message: say.yamlMissingComma(withComma(line, column + space.index)) } : undefined;
  }
  if (error.code === "MISSING_CHAR" && /^Missing , (or : )?between/.test(message)) {
    // Pointed where the comma goes: after the entry before.
    const before = line.slice(0, column).trimEnd().length;
    return { at: at(lineStart + before), message: say.yamlMissingComma(withComma(line, before)) };
  }
  if (error.code !== "UNEXPECTED_TOKEN") return undefined;
  if (/^Unexpected , in flow/.test(message)) {
    return { at: at(offset), message: say.yamlEmptyEntry(written(line.slice(0, column) + line.slice(column + 1).trimStart())) };
  }
  const stray = /^Unexpected flow-(?:seq|map)-end token in YAML stream: "(.)"/.exec(message)?.[1];
  if (stray !== undefined) {
    const rest = line.slice(0, column) + line.slice(column + 1);
    return { at: at(offset), message: say.yamlStrayBracket(stray, OPENER[stray]!, rest.trim() === "" ? undefined : written(rest)) };
  }
  // `topics: [Irak] Défense`, `sources: [AA] [TRT FR]`: text after the list, meant in it.
  if (/ at node end$/.test(message) && /\][ \t,]*$/.test(line.slice(0, column))) {
    const text = offset + /^[ \t,]*/.exec(line.slice(column))![0].length;
    return { at: at(text), message: say.yamlTextAfterList(oneList(line)) };
  }
  return undefined;
}

// `topics: [Irak, Défense`: pointed at the bracket that opens, on the line the bracket must close.
function unclosed(source: string, offset: number, opener: string, at: At): YamlProblem {
  const open = source.lastIndexOf(opener, offset);
  const from = open === -1 ? offset : open;
  const lineStart = lineStartOf(source, from);
  const line = lineAt(source, lineStart);
  const other = opener === "[" ? "}" : "]";
  const value = line
    .replace(/[ \t]+#.*$/, "")
    .trimEnd()
    .replace(new RegExp(`[,\\${other}\\s]+$`), "");
  const say = messages().diagnostics;
  const fixed = written(value + CLOSER[opener]!);
  return { at: at(from), message: opener === "[" ? say.yamlUnclosedList(fixed) : say.yamlUnclosedMap(fixed) };
}

// Every entry written after the key in one list: `[Irak] Défense` and `[AA] [TRT FR]` hold two.
function oneList(line: string): string {
  const value = valueOnLine(line);
  const entries = line
    .slice(value.start)
    .split(/[[\],]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  return example(keyPart(line, value.start), `[${entries.join(", ")}]`);
}

function withComma(line: string, at: number): string {
  return written(`${line.slice(0, at).trimEnd()}, ${line.slice(at).trimStart()}`);
}

// A line as written, without its indentation, to show as the line to write.
function written(line: string): string {
  return line.trim();
}
