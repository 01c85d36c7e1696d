/** Errors and warnings are values until the CLI decides how to print them. */
import { relative, resolve, sep } from "node:path";
import { escapeControlCharacters } from "../text/control-characters.ts";
import { MAX_DIAGNOSTICS_PER_FILE } from "./limits.ts";
import { messages } from "../i18n/messages.ts";

export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  /** Path as `displayPath` prints it: relative to the working directory inside it, absolute outside. */
  file: string;
  /** 1-based; 1 for a problem with the file as a whole. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  /**
   * What kind of warning it is, the key of its message (`heldBack`): many of one kind are
   * printed as the first few and a count. On an error, set only where many of one error may be told
   * as one (`unknownSource`, see `name`).
   */
  kind?: string;
  /**
   * Of an `unknownTopic` or `unknownSource` error, the name as written: the errors of one name in
   * many articles (a source renamed without its old code in `aliases`) are told as one (`places`).
   */
  name?: string;
  /**
   * Of one error told for many places (see `groupUnknownNames`), every one of them: its message
   * names the first few and counts the others, `--json` gives them all.
   */
  places?: Place[];
}

/** A place in a file, as diagnostics print it. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

/** Where in a file a diagnostic points. */
export interface Position {
  line: number;
  column: number;
}

export const FILE_START: Position = { line: 1, column: 1 };

function moreProblems(n: number): string {
  return messages().diagnostics.moreProblems(n, MAX_DIAGNOSTICS_PER_FILE);
}

/**
 * A diagnostic-collecting sink, so checks report every problem instead of stopping at the first.
 * Past MAX_DIAGNOSTICS_PER_FILE in a file, the rest are counted on one line: a file with
 * thousands of bad keys or lines gets an answer of a hundred lines, not a million.
 */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  private readonly perFile = new Map<string, { count: number; more?: Diagnostic }>();
  private moreErrors = 0;

  /** An error; `about` names the registry name it is about, so that many of one are told as one (see `Diagnostic.name`). */
  error(file: string, at: Position, message: string, about?: { kind: string; name: string }): void {
    this.add({ severity: "error", file, line: at.line, column: at.column, message, ...about });
  }

  warning(file: string, at: Position, message: string, kind?: string): void {
    this.add({ severity: "warning", file, line: at.line, column: at.column, message, ...(kind !== undefined ? { kind } : {}) });
  }

  /** Whether this file's report is full, so that a check may skip the work of further messages. */
  isFull(file: string): boolean {
    return (this.perFile.get(file)?.count ?? 0) >= MAX_DIAGNOSTICS_PER_FILE;
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === "error").length + this.moreErrors;
  }

  private add(d: Diagnostic): void {
    const seen = this.perFile.get(d.file) ?? { count: 0 };
    this.perFile.set(d.file, seen);
    seen.count++;
    if (seen.count <= MAX_DIAGNOSTICS_PER_FILE) {
      this.items.push(d);
      return;
    }
    // The line that counts the rest stands where the first of them did, and is an error as soon as
    // one of them is; its message is made when read (printed, sent by a helper thread, turned to JSON).
    if (!seen.more) {
      const counted = seen;
      // It stands for problems of every kind: none of theirs, nor the name of one.
      const { kind: _kind, name: _name, ...where } = d;
      this.items.push(
        (seen.more = {
          ...where,
          severity: "warning",
          get message() {
            return moreProblems(counted.count - MAX_DIAGNOSTICS_PER_FILE);
          },
        }),
      );
    }
    if (d.severity === "error" && seen.more.severity === "error") this.moreErrors++;
    else if (d.severity === "error") seen.more.severity = "error";
  }

  get warningCount(): number {
    return this.items.filter((d) => d.severity === "warning").length;
  }
}

/** Orders diagnostics by file, line and column, so output is stable and reads top to bottom. */
export function sortDiagnostics(items: readonly Diagnostic[]): Diagnostic[] {
  return [...items].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/**
 * Formats a diagnostic the way compilers do, so editors can jump to it; on one line, with the
 * control characters of file names and quoted values escaped (see `printableDiagnostic`).
 * @example formatDiagnostic(d) // "content/articles/a.md:6:10: error: unknown topic \"Irack\" (did you mean \"Irak\"?)"
 */
export function formatDiagnostic(d: Diagnostic): string {
  const { file, message } = printableDiagnostic(d);
  return `${file}:${d.line}:${d.column}: ${d.severity}: ${message}`;
}

/**
 * A diagnostic's file and message as a terminal or a CI log may show them: messages quote what
 * editors wrote, and a line break or an escape sequence in it must not act there.
 */
export function printableDiagnostic(d: Diagnostic): { file: string; message: string } {
  return { file: escapeControlCharacters(d.file), message: escapeControlCharacters(d.message) };
}

/**
 * A path as diagnostics print it, so editors can open it: relative to the working directory when
 * inside it; outside, absolute (`../../../dev/shm/x` says less than `/dev/shm/x`).
 * @example displayPath("/dev/shm/x/site.yaml") // "/dev/shm/x/site.yaml" (working in /home/ed/depeche)
 */
export function displayPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside === ".." || inside.startsWith(`..${sep}`) ? resolve(path) : inside || ".";
}
