/** Runs a `depeche` command in-process, as bin/depeche.js would (a UsageError is exit 2), capturing its output. */
import { vi } from "vitest";
import { UsageError } from "../../src/cli/usage.ts";

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export async function runInProcess(name: string, command: (argv: string[]) => Promise<number>, argv: string[]): Promise<Run> {
  const run: Run = { status: null, stdout: "", stderr: "" };
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((run.stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((run.stderr += String(chunk)), true));
  try {
    run.status = await command(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    run.status = 2;
    run.stderr += `depeche ${name}: ${error.message}\n`;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return run;
}
