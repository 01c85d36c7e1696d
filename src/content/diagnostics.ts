/** Errors and warnings are values until the CLI decides how to print them. */
import { relative } from "node:path";
import { escapeControlCharacters } from "../text/control-characters.ts";

export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  /** Path relative to the working directory. */
  file: string;
  /** 1-based; 1 for a problem with the file as a whole. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

/** Where in a file a diagnostic points. */
export interface Position {
  line: number;
  column: number;
}

export const FILE_START: Position = { line: 1, column: 1 };

/** A diagnostic-collecting sink, so checks report every problem instead of stopping at the first. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(file: string, at: Position, message: string): void {
    this.items.push({ severity: "error", file, line: at.line, column: at.column, message });
  }

  warning(file: string, at: Position, message: string): void {
    this.items.push({ severity: "warning", file, line: at.line, column: at.column, message });
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === "error").length;
  }

  get warningCount(): number {
    return this.items.length - this.errorCount;
  }
}

/** Orders diagnostics by file, line and column, so output is stable and reads top to bottom. */
export function sortDiagnostics(items: readonly Diagnostic[]): Diagnostic[] {
  return [...items].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column ||
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

/** A path as diagnostics print it: relative to the working directory, so editors can open it. */
export function displayPath(path: string): string {
  return relative(process.cwd(), path) || ".";
}
