import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import type { Position } from "./diagnostics.ts";

/** YAML parsed to plain data, with the means to point errors at a key or a value. */
export interface LocatedYaml {
  data: unknown;
  /** Position of a key, e.g. `"topics"`, in the top-level map or the map at `parent`. */
  keyPosition(key: string, parent?: readonly (string | number)[]): Position;
  /** Position of a value (`["topics", 2]`); falls back to its key, then to the first line. */
  valuePosition(path: readonly (string | number)[]): Position;
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
      valuePosition: (path) => positionOfValue(document, path, at) ?? { line: firstLine, column: 1 },
    },
  };
}

function firstLineOf(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

function positionOfKey(map: unknown, key: string, at: (offset: number) => Position): Position | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    const k = pair.key as Node | null;
    if (isScalar(k) && String(k.value) === key && k.range) return at(k.range[0]);
  }
  return undefined;
}

function nodeAt(document: Document, path: readonly (string | number)[]): unknown {
  let node: unknown = document.contents;
  for (const step of path) {
    if (isMap(node)) node = node.get(step, true);
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


