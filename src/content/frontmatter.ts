import matter from "gray-matter";
import { CORE_SCHEMA, load } from "js-yaml";
import { FILE_START, type Position } from "./diagnostics.ts";
import { FRONT_MATTER_LIMIT, MAX_FRONT_MATTER_BYTES, tooLarge } from "./limits.ts";
import { messages } from "../i18n/messages.ts";
import { ARTICLE_TEXT_KEYS } from "./schema.ts";
import { findDeepNesting, parseLocatedYaml, type LocatedYaml, type YamlProblem } from "./yaml.ts";
import { mendYaml } from "./yaml-mend.ts";

/** Front matter read from a file, with the means to point errors at a key or a value. */
export interface FrontMatter extends LocatedYaml {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

/**
 * The front matter, or its problems. When each YAML error has a certain fix (a text value put in
 * quotes, a tab replaced by spaces), `mended` is the front matter read with those fixes, at the
 * positions of the file as written: its fields are checked in the same run, the file staying refused.
 */
export type FrontMatterResult = { ok: true; frontMatter: FrontMatter } | { ok: false; problems: YamlProblem[]; mended?: FrontMatter };

const OPENING = /^---([^\n]*)\n/;
const CLOSING = /^---[ \t]*$/m;

// gray-matter picks an engine by the word after the opening `---`, and its `javascript` engine
// evaluates code. Every engine but ours refuses, and the opening line is checked before it runs.
const refuse = (): never => {
  throw new Error("front matter must be YAML");
};
const engines = {
  // Keep the raw text: our YAML reader knows line numbers and leaves dates alone.
  yaml: (source: string): object => ({ source }),
  javascript: refuse,
  js: refuse,
  json: refuse,
  coffee: refuse,
  coffeescript: refuse,
  cson: refuse,
  toml: refuse,
};

/**
 * Splits a markdown file into YAML front matter and body. Only YAML is accepted: `---js` and
 * every other engine is refused without running anything. Dates stay the strings the editor
 * wrote (YAML 1.2 core schema), so the contract, not the YAML library, decides what they mean.
 */
export function parseFrontMatter(text: string): FrontMatterResult {
  const opening = OPENING.exec(text);
  if (!opening) {
    return problem(FILE_START, messages().diagnostics.noFrontMatter());
  }
  const language = opening[1]!.trim();
  if (language !== "" && language.toLowerCase() !== "yaml") {
    return problem(FILE_START, messages().diagnostics.frontMatterNotYaml(language, `---${opening[1]}`));
  }
  const afterOpening = text.slice(opening[0].length);
  const closing = CLOSING.exec(afterOpening);
  if (!closing) return problem(FILE_START, messages().diagnostics.frontMatterNotClosed());
  // Characters before bytes: a long block is refused without measuring its UTF-8.
  const frontMatterBytes = closing.index > MAX_FRONT_MATTER_BYTES ? closing.index : Buffer.byteLength(afterOpening.slice(0, closing.index));
  if (frontMatterBytes > MAX_FRONT_MATTER_BYTES) {
    return problem(FILE_START, tooLarge(FRONT_MATTER_LIMIT, frontMatterBytes));
  }

  // gray-matter ends the front matter at the first line that starts with "---": a line such as
  // "----" before the closing one would silently drop every key after it.
  const stray = /^---/m.exec(afterOpening.slice(0, closing.index));
  if (stray) {
    return problem({ line: countLines(afterOpening.slice(0, stray.index)) + 2, column: 1 }, messages().diagnostics.strayDashes());
  }

  // gray-matter is handed the front matter only: it copies whatever it gets into a Buffer and
  // hashes it as a cache key, a cost that grew with the body.
  const frontMatterEnd = opening[0].length + closing.index + closing[0].length;
  const split = matter(text.slice(0, frontMatterEnd), { language: "yaml", engines });
  // gray-matter keeps the newline that ends the opening line; an empty block gives {}.
  const source = ((split.data as { source?: string }).source ?? "").replace(/^\n/, "");
  const read = readYaml(source);
  const bodyLine = countLines(afterOpening.slice(0, closing.index)) + 3;
  if (!read.ok) {
    // Files that read never come here: the mending costs only a file with a YAML error.
    const mended = mendYaml(source, read.problems, 2, ARTICLE_TEXT_KEYS);
    const data = mended?.yaml.data;
    if (!mended || !isMap(data)) return read;
    return { ok: false, problems: mended.problems, mended: new ReadFrontMatter(data, text.slice(frontMatterEnd + 1), bodyLine, mended.yaml) };
  }
  const data = read.data ?? {};
  if (!isMap(data)) {
    return problem({ line: 2, column: 1 }, messages().diagnostics.frontMatterNotMap());
  }
  return { ok: true, frontMatter: new ReadFrontMatter(data, text.slice(frontMatterEnd + 1), bodyLine, source) };
}

function isMap(data: unknown): data is Record<string, unknown> {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}

// A class, not closures made per file: tsx names every closure it creates, a cost paid per file.
// Its positions are located from its source when a message first needs one, or given (front
// matter read with its YAML errors mended, yaml-mend.ts: the positions of the file as written).
class ReadFrontMatter implements FrontMatter {
  private located?: LocatedYaml;
  private readonly source: string;

  constructor(
    readonly data: Record<string, unknown>,
    readonly body: string,
    readonly bodyLine: number,
    source: string | LocatedYaml,
  ) {
    if (typeof source === "string") this.source = source;
    else {
      this.source = "";
      this.located = source;
    }
  }

  keyPosition(key: string, parent?: readonly (string | number)[]): Position {
    return this.locate().keyPosition(key, parent);
  }

  valuePosition(path: readonly (string | number)[], index?: number): Position {
    return this.locate().valuePosition(path, index);
  }

  // Positions come from the position-aware reader, run only when a message needs one.
  private locate(): LocatedYaml {
    return (this.located ??= (parseLocatedYaml(this.source, 2) as { ok: true; yaml: LocatedYaml }).yaml);
  }
}

// Anchors, aliases, tags and merge keys have no place in an article's front matter; they can
// only start a value (after "key:", "-", "?", "[" or ","), so text inside quotes rarely looks like one.
const UNUSUAL_YAML = /(?:^|[:\-?[{,])[ \t]*[&*!]|<</m;

// Text js-yaml would take otherwise than the editor meant, without a word: a `#` on the line of a
// text value (`title: Irak #1`, `title: "Irak"#1`) or a comment on an indented line (where a
// value goes on), either of which may cut a value short; a text value written as a list or keys
// (`title: [Exclusif]`).
const TEXT_KEY_NAMES = [...new Set([...ARTICLE_TEXT_KEYS].map((path) => path.split(".").at(-1)))];
const TEXT_COMMENT = new RegExp(`^[ \\t]*["']?(?:${TEXT_KEY_NAMES.join("|")})["']?[ \\t]*:(?:.*#|[ \\t]*[[{])|^[ \\t]+(?:.*[ \\t])?#`, "m");

// A `#` right after a closing quote or bracket (`topics: [Irak]#à revoir`): a comment to js-yaml,
// an error to YAML, as in site.yaml; told the same in every file.
const GLUED_COMMENT = /[\]}"']#/;

// js-yaml (core schema: no timestamps, no merge keys) reads the common case much faster than the
// position-aware reader; that one runs only when there is something to point at.
function readYaml(source: string): { ok: true; data: unknown } | { ok: false; problems: YamlProblem[] } {
  const deep = findDeepNesting(source, 2);
  if (deep) return { ok: false, problems: [deep] };
  if (!UNUSUAL_YAML.test(source) && !TEXT_COMMENT.test(source) && !GLUED_COMMENT.test(source)) {
    try {
      return { ok: true, data: load(source, { schema: CORE_SCHEMA }) };
    } catch {
      // fall through: the position-aware reader says where and what
    }
  }
  const parsed = parseLocatedYaml(source, 2, ARTICLE_TEXT_KEYS);
  if (!parsed.ok) return parsed;
  return { ok: true, data: parsed.yaml.data };
}

function problem(at: Position, message: string): FrontMatterResult {
  return { ok: false, problems: [{ at, message }] };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
