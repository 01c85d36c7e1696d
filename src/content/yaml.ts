import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair, type Scalar, type YAMLMap } from "yaml";
import type { Position } from "./diagnostics.ts";

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

export interface YamlProblem {
  at: Position;
  message: string;
}

export type LocatedYamlResult = { ok: true; yaml: LocatedYaml } | { ok: false; problems: YamlProblem[] };

// Aliases are refused above; the limit is a second guard against a billion laughs.
const MAX_ALIAS_COUNT = 20;

/**
 * Parses YAML with the 1.2 core schema: no timestamps (dates stay the text the editor wrote),
 * no merge keys, no custom tags, unique keys. `firstLine` is the file line the text starts on.
 */
export function parseLocatedYaml(source: string, firstLine = 1): LocatedYamlResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, schema: "core", uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  const problems = [...document.errors, ...document.warnings].map((e) => ({ at: at(e.pos[0]), message: `invalid YAML: ${firstLineOf(e.message)}` }));
  // Aliases let a few lines expand into gigabytes; no archive file needs them.
  visit(document, {
    Alias(_, node) {
      problems.push({ at: at(node.range?.[0] ?? 0), message: `YAML aliases (*${node.source}) are not allowed: write the value out in full` });
    },
  });
  if (problems.length > 0) return { ok: false, problems };
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { ok: false, problems: [{ at: { line: firstLine, column: 1 }, message: `invalid YAML: ${firstLineOf((error as Error).message)}` }] };
  }
  return {
    ok: true,
    yaml: {
      data,
      keyPosition: (key, parent = []) => positionOfKey(nodeAt(document, parent), key, at) ?? { line: firstLine, column: 1 },
      valuePosition: (path, index) => {
        const node = index === undefined ? undefined : nodeAt(document, path);
        if (isScalar(node) && node.range && typeof node.value === "string") return at(node.range[0] + offsetOfCharacter(source.slice(node.range[0], node.range[1]), node.type, node.value, index!));
        return positionOfValue(document, path, at) ?? { line: firstLine, column: 1 };
      },
    },
  };
}

function firstLineOf(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

function positionOfKey(map: unknown, key: string, at: (offset: number) => Position): Position | undefined {
  if (!isMap(map)) return undefined;
  const range = (pairsOf(map).get(key)?.key as Node | null | undefined)?.range;
  return range ? at(range[0]) : undefined;
}

// Each map's pairs by key, indexed once: with a lookup per error (thousands of unknown keys), a
// scan of the map each time made reporting them quadratic.
const pairsByKey = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairsOf(map: YAMLMap): Map<string, Pair> {
  let pairs = pairsByKey.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== undefined && !pairs.has(key)) pairs.set(key, pair as Pair);
    }
    pairsByKey.set(map, pairs);
  }
  return pairs;
}

const YAML_SPACE = /[ \t\n]/;
const ESCAPE = /^\\(?:x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|[^])/;

/**
 * Where, in a scalar's source, the value's character `index` was written. Quotes, escapes (`\e`,
 * `\x1b`), block headers, folding and indentation set the two apart, but YAML only adds or drops
 * spaces and line breaks: the n-th other character of the value is the n-th one written. An escape
 * is pointed at by its backslash.
 */
function offsetOfCharacter(source: string, type: Scalar["type"], value: string, index: number): number {
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

// The character written at `i`: its length in the source, and the UTF-16 units other than spaces
// and line breaks that it makes in the value.
function writtenCharacter(source: string, i: number, type: Scalar["type"]): { length: number; units: number } {
  const c = source[i]!;
  if (type === "QUOTE_DOUBLE" && c === "\\") {
    const escape = ESCAPE.exec(source.slice(i, i + 10))?.[0] ?? c;
    const decoded = escape.length > 2 ? String.fromCodePoint(parseInt(escape.slice(2), 16)) : escape === "\\t" || escape === "\\n" || escape === "\\\n" ? " " : escape.slice(1);
    return { length: escape.length, units: YAML_SPACE.test(decoded) ? 0 : decoded.length };
  }
  if (type === "QUOTE_SINGLE" && c === "'" && source[i + 1] === "'") return { length: 2, units: 1 };
  return { length: 1, units: YAML_SPACE.test(c) ? 0 : 1 };
}

function nodeAt(document: Document, path: readonly (string | number)[]): unknown {
  let node: unknown = document.contents;
  for (const step of path) {
    if (isMap(node)) node = pairsOf(node).get(String(step))?.value;
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


