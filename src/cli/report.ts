import { formatDiagnostic, printableDiagnostic, type Diagnostic } from "../content/diagnostics.ts";
import { escapeControlCharacters } from "../text/control-characters.ts";
import { messages } from "../i18n/messages.ts";

/** How diagnostics are printed: colour for a person at a terminal, workflow commands for GitHub Actions. */
export interface ReportStyle {
  colour: boolean;
  annotations: boolean;
}

/**
 * Colour only on a terminal, never with NO_COLOR (https://no-color.org) or a dumb terminal;
 * annotations when asked, or when running in GitHub Actions.
 */
export function reportStyle(stream: { isTTY?: boolean }, annotate: boolean, env: NodeJS.ProcessEnv = process.env): ReportStyle {
  const noColour = (env.NO_COLOR ?? "") !== "" || env.TERM === "dumb";
  return { colour: Boolean(stream.isTTY) && !noColour, annotations: annotate || env.GITHUB_ACTIONS === "true" };
}

const paint = (code: string, text: string): string => `\x1b[${code}m${text}\x1b[0m`;

/** One diagnostic as a terminal line, with colour if asked. */
export function formatForTerminal(d: Diagnostic, colour: boolean): string {
  if (!colour) return formatDiagnostic(d);
  const label = d.severity === "error" ? paint("1;31", "error:") : paint("1;33", "warning:");
  const { file, message } = printableDiagnostic(d);
  return `${paint("1", `${file}:${d.line}:${d.column}:`)} ${label} ${message}`;
}

// Workflow command values and properties escape %, CR and LF; properties also : and ,.
const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/**
 * A GitHub Actions annotation, shown on the offending file and line of a pull request.
 * @example githubAnnotation(d) // "::error file=content/a.md,line=6,col=10::unknown topic …"
 */
export function githubAnnotation(d: Diagnostic): string {
  const { file, message } = printableDiagnostic(d);
  return `::${d.severity} file=${escapeProperty(file)},line=${d.line},col=${d.column}::${escapeData(message)}`;
}

/**
 * Writes one line of a command's own output. Its values (paths, options, names) come from the
 * command line and from editors' files: their control characters are escaped, never sent raw.
 */
export function writeLine(stream: { write(text: string): unknown }, line: string): void {
  stream.write(`${escapeControlCharacters(line)}\n`);
}

/** How many warnings of one kind are printed before the rest of them are counted on one line. */
export const WARNINGS_SHOWN_PER_KIND = 10;

/**
 * The lines a terminal shows: every error, and of each kind of warning the first
 * WARNINGS_SHOWN_PER_KIND, then one line that counts the others (619 articles dated in the future
 * make 11 lines, not 619). `--json` prints them all.
 */
export function groupWarnings(diagnostics: readonly Diagnostic[]): (Diagnostic | { more: number })[] {
  const total = new Map<string, number>();
  const kindOf = (d: Diagnostic): string => d.kind ?? d.message;
  for (const d of diagnostics) if (d.severity === "warning") total.set(kindOf(d), (total.get(kindOf(d)) ?? 0) + 1);
  const shown = new Map<string, number>();
  const lines: (Diagnostic | { more: number })[] = [];
  for (const d of diagnostics) {
    if (d.severity === "error") {
      lines.push(d);
      continue;
    }
    const kind = kindOf(d);
    const n = (shown.get(kind) ?? 0) + 1;
    shown.set(kind, n);
    if (n <= WARNINGS_SHOWN_PER_KIND) lines.push(d);
    if (n === WARNINGS_SHOWN_PER_KIND && total.get(kind)! > n) lines.push({ more: total.get(kind)! - n });
  }
  return lines;
}

/** Prints diagnostics to standard error, one a line, the way compilers do; annotations go to standard output. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], style: ReportStyle = { colour: false, annotations: false }): void {
  const lines = groupWarnings(diagnostics);
  for (const line of lines) process.stderr.write(`${"more" in line ? messages().moreOfKind(line.more) : formatForTerminal(line, style.colour)}\n`);
  if (style.annotations) for (const line of lines) if (!("more" in line)) process.stdout.write(`${githubAnnotation(line)}\n`);
}

/** « 1 erreur, 2 avertissements » */
export function countLabel(diagnostics: readonly Diagnostic[]): string {
  const { errors, warnings } = countDiagnostics(diagnostics);
  return messages().cli.errorsAndWarnings(errors, warnings);
}

/** Seconds with two decimals, from a performance.now() start, as the language writes them. */
export function elapsed(startMs: number): string {
  return messages().seconds((performance.now() - startMs) / 1000);
}

/** The counts both `check` and `build` report, in text and in JSON. */
export interface Summary {
  ok: boolean;
  files: number;
  articles: number;
  errors: number;
  warnings: number;
  seconds: number;
}

/** A summary's error and warning counts from diagnostics. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return { errors, warnings: diagnostics.length - errors };
}

/** Writes the JSON report: the summary, then every diagnostic. */
export function printJson(summary: object, diagnostics: readonly Diagnostic[]): void {
  process.stdout.write(`${JSON.stringify({ ...summary, diagnostics }, null, 2)}\n`);
}
