import { isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair, type Scalar, type YAMLMap } from "yaml";
import type { Position } from "./diagnostics.ts";
import { guideProblems } from "./yaml-errors.ts";
import { firstLineOf, type TextKeys, type YamlProblem } from "./yaml-lines.ts";
import { lostTextProblems } from "./yaml-lost-text.ts";
import { tagProblems } from "./yaml-tags.ts";
import { messages } from "../i18n/messages.ts";

export type { YamlProblem } from "./yaml-lines.ts";

/** YAML parsed to plain data, with the means to point errors at a key or a value. */
export interface LocatedYaml {
  data: unknown;
  /** Position of a key, e.g. `"topics"`, in the top-level map or the map at `parent`. */
  keyPosition(key: string, parent?: readonly (string | number)[]): Position;
  /**
   * Position of a value (`["topics", 2]`), or of its character `index` when given; falls back to
   * its key, then to the first line.
   */
  valuePosition(path: readonly (string | number)[], index?: number): Position;
}

export type LocatedYamlResult = { ok: true; yaml: LocatedYaml } | { ok: false; problems: YamlProblem[] };

// Aliases are refused above; the limit is a second guard against a billion laughs.
const MAX_ALIAS_COUNT = 20;

// Collections opened inside collections: a few levels in any archive file, while a file of `[[[…`,
// of `- - - …` or of ever deeper indentation exhausts the parsers' stack, and their memory, long
// before the size limits stop it. Counted on the raw text: brackets, the block indicators that
// open a line, and the indentations below which a line stands.
const MAX_NESTING = 32;
const MAY_NEST = /[[{][^\]}]*[[{]|[-?:][ \t]+[-?:](?:[ \t]|$)|^ {32}/m;

/** A problem when collections nest deeper than MAX_NESTING; checked before parsing. */
export function findDeepNesting(source: string, firstLine = 1): YamlProblem | undefined {
  if (!MAY_NEST.test(source)) return undefined;
  const indents: number[] = [];
  let brackets = 0;
  let indicators = 0;
  let lineStart = 0;
  let firstOnLine = true;
  let leading = true;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\n") {
      lineStart = i + 1;
      firstOnLine = leading = true;
      indicators = 0;
      continue;
    }
    if (c === " " || c === "\t") continue;
    if (firstOnLine && c !== "#") {
      while (indents.length > 0 && indents.at(-1)! >= i - lineStart) indents.pop();
      indents.push(i - lineStart);
    }
    firstOnLine = false;
    const next = source[i + 1];
    if (leading && (c === "-" || c === "?" || c === ":") && (next === undefined || next === " " || next === "\t" || next === "\n")) indicators++;
    else leading = false;
    if (c === "[" || c === "{") brackets++;
    else if ((c === "]" || c === "}") && brackets > 0) brackets--;
    if (indents.length + indicators + brackets > MAX_NESTING) {
      return {
        at: { line: firstLine + countLines(source.slice(0, i)), column: i - lineStart + 1 },
        message: messages().diagnostics.yamlTooDeep(MAX_NESTING),
      };
    }
  }
  return undefined;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * Parses YAML with the 1.2 core schema: no timestamps (dates stay the text the editor wrote),
 * no merge keys, no tags, unique keys. `firstLine` is the file line the text starts on; the values
 * of `textKeys` (`"title"`, `"image.alt"`) are free text, which a comment must not cut short.
 */
export function parseLocatedYaml(source: string, firstLine = 1, textKeys: TextKeys = NO_KEYS): LocatedYamlResult {
  const deep = findDeepNesting(source, firstLine);
  if (deep) return { ok: false, problems: [deep] };
  const lineCounter = new LineCounter();
  // Keys are checked unique below: the library compares each key with every one before it, which
  // is quadratic in the number of keys.
  // Its warnings (a list as a key, made into text) would go to Node's own output, in English: the
  // key is then reported as unknown, at its line.
  const document = parseDocument(source, { lineCounter, schema: "core", uniqueKeys: false, prettyErrors: false, strict: true, logLevel: "error" });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  const lost = lostTextProblems(document, source, at, textKeys);
  // A comment line that cut a value short leaves the lines under it for the parser to stumble on:
  // the cut is the one cause to tell.
  const caused = (problem: YamlProblem): boolean => lost.some((cut) => problem.at.line > cut.at.line && problem.at.line <= at(cut.end).line);
  // A tag the parser could not resolve on a value is told as a tag, with what the value needs;
  // every tag has a `!`, which most front matters lack: their nodes are not walked.
  const tags = source.includes("!") ? tagProblems(document, source, at, textKeys) : [];
  const tagged = new Set(tags.map((problem) => problem.at.line));
  const told = [...document.errors, ...document.warnings].filter((error) => error.code !== "TAG_RESOLVE_FAILED" || !tagged.has(at(error.pos[0]).line));
  const errors = guideProblems(source, told, at, textKeys).filter((problem) => !caused(problem));
  const problems: YamlProblem[] = [...errors, ...tags, ...lost];
  // Aliases let a few lines expand into gigabytes; no archive file needs them.
  visit(document, {
    Alias(_, node) {
      problems.push({ at: at(node.range?.[0] ?? 0), message: messages().diagnostics.yamlAlias(node.source) });
    },
    Map(_, map) {
      for (const key of duplicateKeys(map)) {
        const first = (pairsOf(map).get(keyOf(key as Scalar))?.key as Node | undefined)?.range?.[0] ?? 0;
        problems.push({ at: at(key.range?.[0] ?? 0), message: messages().diagnostics.yamlDuplicateKey(keyOf(key as Scalar), at(first).line) });
      }
    },
  });
  if (problems.length > 0) return { ok: false, problems: firstOnEachLine(problems) };
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { ok: false, problems: [{ at: { line: firstLine, column: 1 }, message: messages().diagnostics.yamlOther(firstLineOf((error as Error).message)) }] };
  }
  return {
    ok: true,
    yaml: {
      data,
      keyPosition: (key, parent = []) => positionOfKey(nodeAt(document, parent), key, at) ?? { line: firstLine, column: 1 },
      valuePosition: (path, index) => {
        const node = nodeAt(document, path);
        if (isScalar(node) && node.range && typeof node.value === "string") {
          const written = source.slice(node.range[0], node.range[1]);
          if (index !== undefined) return at(node.range[0] + offsetOfCharacter(written, node.type, node.value, index));
          // A `|` or `>` block's value starts on the line after its indicator.
          if (node.type === "BLOCK_FOLDED" || node.type === "BLOCK_LITERAL") return at(node.range[0] + blockStart(written));
        }
        return positionOfValue(document, path, at) ?? { line: firstLine, column: 1 };
      },
    },
  };
}

const NO_KEYS: TextKeys = new Set();

// One cause makes several problems on its line (`title: * la fin` is an empty alias, and an alias):
// the first says it.
function firstOnEachLine(problems: readonly YamlProblem[]): YamlProblem[] {
  const lines = new Set<number>();
  return problems.filter((problem) => !lines.has(problem.at.line) && lines.add(problem.at.line));
}

function positionOfKey(map: unknown, key: string, at: (offset: number) => Position): Position | undefined {
  if (!isMap(map)) return undefined;
  const range = (pairsOf(map).get(keyOf(key))?.key as Node | null | undefined)?.range;
  return range ? at(range[0]) : undefined;
}

// The keys written a second time in a map, found with the index of its pairs.
function duplicateKeys(map: YAMLMap): Node[] {
  const pairs = pairsOf(map);
  return map.items.filter((pair) => isScalar(pair.key) && pairs.get(keyOf(pair.key)) !== pair).map((pair) => pair.key as Node);
}

// Each map's pairs by key, indexed once: with a lookup per error (thousands of unknown keys), a
// scan of the map each time made reporting them quadratic.
const pairsByKey = new WeakMap<YAMLMap, Map<string, Pair>>();

// As the data has it: `1: a` and `"1": b` are the same key there, the second replacing the first.
function keyOf(key: Scalar | string | number): string {
  return String(isScalar(key) ? key.value : key);
}

function pairsOf(map: YAMLMap): Map<string, Pair> {
  let pairs = pairsByKey.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const pair of map.items) {
      // A list or a map as a key (`? [a, b]`) by the text the data has for it (« a,b »).
      const name = isScalar(pair.key) ? keyOf(pair.key) : isCollection(pair.key) ? String(pair.key.toJSON()) : undefined;
      if (name !== undefined && !pairs.has(name)) pairs.set(name, pair as Pair);
    }
    pairsByKey.set(map, pairs);
  }
  return pairs;
}

const YAML_SPACE = /[ \t\n]/;
const ESCAPE = /^\\(?:x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|[\s\S])/;

/**
 * Where, in a scalar's source, the value's character `index` was written. Quotes, escapes (`\e`,
 * `\x1b`), block headers, folding and indentation set the two apart, but YAML only adds or drops
 * spaces and line breaks: the n-th other character of the value is the n-th one written. An escape
 * is pointed at by its backslash; a tab or a line break, after the character before it.
 */
function offsetOfCharacter(source: string, type: Scalar["type"], value: string, index: number): number {
  if (index > 0 && YAML_SPACE.test(value[index] ?? "")) {
    // A tab or a line break may have been written as a space or a line break of the source, which
    // are not counted: it is pointed at past the character before it and the spaces written after.
    let previous = index - 1;
    while (previous > 0 && YAML_SPACE.test(value[previous]!)) previous--;
    if (!YAML_SPACE.test(value[previous]!)) {
      let i = offsetOfCharacter(source, type, value, previous);
      i += writtenCharacter(source, i, type).length;
      while (source[i] === " ") i++;
      // A space that is a line break written (a plain or folded value on several lines): at the next
      // line's text, past its indentation. A line break the value keeps is pointed at itself.
      if (value[index] === " " && (source[i] === "\n" || source[i] === "\r")) while (i < source.length && /[ \t\r\n]/.test(source[i]!)) i++;
      return i;
    }
  }
  let before = 0;
  for (let i = 0; i < index && i < value.length; i++) if (!YAML_SPACE.test(value[i]!)) before++;
  const quoted = type === "QUOTE_DOUBLE" || type === "QUOTE_SINGLE";
  const block = type === "BLOCK_FOLDED" || type === "BLOCK_LITERAL";
  for (let i = quoted ? 1 : block ? source.indexOf("\n") + 1 : 0; i < source.length; ) {
    const { length, units } = writtenCharacter(source, i, type);
    before -= units;
    if (before < 0) return i;
    i += length;
  }
  return 0;
}

// Where a block's text starts in its source: the first character written after its indicator's line
// (0, the indicator, when it holds none).
function blockStart(source: string): number {
  const found = /\n[ \t\r\n]*(?=\S)/.exec(source);
  return found ? found.index + found[0].length : 0;
}

// The character written at `i`: its length in the source, and the UTF-16 units other than spaces
// and line breaks that it makes in the value.
function writtenCharacter(source: string, i: number, type: Scalar["type"]): { length: number; units: number } {
  const c = source[i]!;
  if (type === "QUOTE_DOUBLE" && c === "\\") {
    const sequence = ESCAPE.exec(source.slice(i, i + 10))?.[0] ?? c;
    const decoded =
      sequence.length > 2
        ? String.fromCodePoint(parseInt(sequence.slice(2), 16))
        : sequence === "\\t" || sequence === "\\n" || sequence === "\\\n"
          ? " "
          : sequence.slice(1);
    return { length: sequence.length, units: YAML_SPACE.test(decoded) ? 0 : decoded.length };
  }
  if (type === "QUOTE_SINGLE" && c === "'" && source[i + 1] === "'") return { length: 2, units: 1 };
  return { length: 1, units: YAML_SPACE.test(c) ? 0 : 1 };
}

function nodeAt(document: Document, path: readonly (string | number)[]): unknown {
  let node: unknown = document.contents;
  for (const step of path) {
    if (isMap(node)) node = pairsOf(node).get(keyOf(step))?.value;
    else if (isSeq(node) && typeof step === "number") node = node.items[step];
    else return undefined;
  }
  return node;
}

// The value's own position when it exists; else its key's; else the nearest enclosing value's.
function positionOfValue(document: Document, path: readonly (string | number)[], at: (offset: number) => Position): Position | undefined {
  const range = (nodeAt(document, path) as Node | undefined)?.range;
  if (range) return at(range[0]);
  if (path.length === 0) return undefined;
  const last = path.at(-1);
  const parentPath = path.slice(0, -1);
  if (typeof last === "string") {
    const key = positionOfKey(nodeAt(document, parentPath), last, at);
    if (key) return key;
  }
  return positionOfValue(document, parentPath, at);
}
