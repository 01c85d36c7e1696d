import { formatDiagnostic, type Diagnostic } from "../content/diagnostics.ts";

/** Prints diagnostics to standard error, one a line, the way compilers do. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const d of diagnostics) stream.write(`${formatDiagnostic(d)}\n`);
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
