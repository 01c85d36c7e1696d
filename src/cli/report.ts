import { formatDiagnostic, printableDiagnostic, type Diagnostic } from "../content/diagnostics.ts";
import { escapeControlCharacters } from "../text/control-characters.ts";

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

/** Prints diagnostics to standard error, one a line, the way compilers do; annotations go to standard output. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], style: ReportStyle = { colour: false, annotations: false }): void {
  for (const d of diagnostics) process.stderr.write(`${formatForTerminal(d, style.colour)}\n`);
  if (style.annotations) for (const d of diagnostics) process.stdout.write(`${githubAnnotation(d)}\n`);
}

/** "1 error, 2 warnings" */
export function countLabel(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

export function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

/** Seconds with two decimals, from a performance.now() start. */
export function elapsed(startMs: number): string {
  return `${((performance.now() - startMs) / 1000).toFixed(2)} s`;
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
