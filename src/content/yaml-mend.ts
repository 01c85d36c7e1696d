/**
 * Front matter read again with its syntax errors mended, so that one does not hide the other
 * fields' errors until the next run. Only fixes that are mechanical and certain are made (a text
 * value put in quotes, a tab replaced by the spaces the line takes: `mend` on the problem), in
 * memory, each on the lines it was told at; when the mended text reads, its fields are checked as
 * usual, at the positions of the file as written. Any error without such a fix, or on a line
 * already mended, leaves the syntax errors alone to tell, as before.
 */
import type { Position } from "./diagnostics.ts";
import type { Mend, TextKeys, YamlProblem } from "./yaml-lines.ts";
import { parseLocatedYaml, type LocatedYaml } from "./yaml.ts";

/** Front matter mended: its data, and every syntax error met on the way, each with its fix. */
export interface MendedYaml {
  yaml: LocatedYaml;
  problems: YamlProblem[];
}

// An error mended may uncover another the parser did not reach: a few rounds, then the file is left
// to its first errors.
const MAX_ROUNDS = 4;

/**
 * The YAML `source` (starting on file line `firstLine`) read with the fixes of `problems` and of
 * the errors they uncover; undefined when an error has no certain fix, falls on a line already
 * mended, or the text still does not read.
 */
export function mendYaml(source: string, problems: readonly YamlProblem[], firstLine: number, textKeys: TextKeys): MendedYaml | undefined {
  if (!problems.every((problem) => problem.mend)) return undefined;
  const lines = lineStarts(source);
  const mends: Mend[] = [];
  const mendedLines = new Set<number>();
  const told: YamlProblem[] = [];
  let found = problems;
  let mended = source;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Every line is where it was: a line not mended yet reads the same in the text mended so far.
    const mendedStarts = round === 0 ? lines : lineStarts(mended);
    for (const problem of found) {
      const mend = problem.mend!;
      const first = lineOf(mendedStarts, mend.from);
      const last = lineOf(mendedStarts, mend.to);
      const spanned = [first, last, problem.at.line - firstLine];
      for (let line = first; line <= last; line++) spanned.push(line);
      if (spanned.some((line) => mendedLines.has(line))) return undefined;
      for (const line of spanned) mendedLines.add(line);
      const from = lines[first]! + mend.from - mendedStarts[first]!;
      mends.push({ ...mend, from, to: lines[last]! + mend.to - mendedStarts[last]! });
      told.push(problem);
    }
    mended = applyMends(source, mends);
    const parsed = parseLocatedYaml(mended, firstLine, textKeys);
    if (parsed.ok) return { yaml: new MendedPositions(parsed.yaml, source, lines, mends, firstLine), problems: told };
    if (!parsed.problems.every((problem) => problem.mend)) return undefined;
    found = parsed.problems;
  }
  return undefined;
}

// Each fix in place of its text, on its first line: the lines it took stay, empty, so that every
// line after keeps its number.
function applyMends(source: string, mends: readonly Mend[]): string {
  const sorted = [...mends].sort((a, b) => a.from - b.from);
  let text = "";
  let at = 0;
  for (const mend of sorted) {
    text += source.slice(at, mend.from) + mend.text + "\n".repeat(countLines(source.slice(mend.from, mend.to)));
    at = mend.to;
  }
  return text + source.slice(at);
}

// Positions in the mended text told as positions in the text written: the same on a line not
// mended; on a mended one, the character of the value the fix's character stands for.
class MendedPositions implements LocatedYaml {
  readonly data: unknown;
  private readonly onLine = new Map<number, { mend: Mend; origins: number[] }>();

  constructor(
    private readonly yaml: LocatedYaml,
    source: string,
    private readonly lines: readonly number[],
    mends: readonly Mend[],
    private readonly firstLine: number,
  ) {
    this.data = yaml.data;
    for (const mend of mends) this.onLine.set(lineOf(lines, mend.from), { mend, origins: originsOf(source, mend) });
  }

  keyPosition(key: string, parent?: readonly (string | number)[]): Position {
    return this.written(this.yaml.keyPosition(key, parent));
  }

  valuePosition(path: readonly (string | number)[], index?: number): Position {
    return this.written(this.yaml.valuePosition(path, index));
  }

  private written(position: Position): Position {
    const line = position.line - this.firstLine;
    const mended = this.onLine.get(line);
    if (!mended) return position;
    const { mend, origins } = mended;
    // The line is the same up to the fix; past it, the rest of the fix's last line.
    const k = this.lines[line]! + position.column - 1 - mend.from;
    if (k < 0) return position;
    const offset = k < mend.text.length ? origins[k]! : mend.to + k - mend.text.length;
    const written = lineOf(this.lines, offset);
    return { line: written + this.firstLine, column: offset - this.lines[written]! + 1 };
  }
}

/**
 * For each character of a fix, the offset in the source of the one it stands for. Quotes stand for
 * the value's first character and for its end; an escape (`\"`), for the character escaped; the
 * space that joins two lines, for the end of the first. Spaces (a tab's fix) stand for the start
 * of the line's indentation.
 */
function originsOf(source: string, mend: Mend): number[] {
  if (!mend.quoted) return Array.from(mend.text, (_, k) => Math.min(mend.from + k, mend.to));
  // The characters of the value, its lines joined by one space, as joinLines makes them.
  const kept: { text: string; at: number }[] = [];
  const joint = /[ \t]*\n[ \t]*/y;
  for (let i = mend.from; i < mend.to; ) {
    joint.lastIndex = i;
    const join = joint.exec(source);
    if (join && join.index + join[0].length <= mend.to) {
      kept.push({ text: " ", at: i });
      i += join[0].length;
      continue;
    }
    const character = String.fromCodePoint(source.codePointAt(i)!);
    kept.push({ text: character, at: i });
    i += character.length;
  }
  while (kept.length > 0 && /^\s$/u.test(kept[0]!.text)) kept.shift();
  while (kept.length > 0 && /^\s$/u.test(kept.at(-1)!.text)) kept.pop();
  const origins = [kept[0]?.at ?? mend.from];
  for (const { text, at } of kept) for (let n = JSON.stringify(text).length - 2; n > 0; n--) origins.push(at);
  origins.push(mend.to);
  // Should the value read otherwise than the fix (whitespace trimmed differently), the characters
  // stay near: each at the value's start.
  return origins.length === mend.text.length ? origins : Array.from(mend.text, () => mend.from);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

// The 0-based line of an offset, by the lines' starts.
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
