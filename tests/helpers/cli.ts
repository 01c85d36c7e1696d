/** Runs a `depeche` command in-process, as bin/depeche.js would (usage and one-line errors alike), capturing its output. */
import { vi } from "vitest";
import { runCommand } from "../../src/cli/run-command.ts";

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export async function runInProcess(name: string, command: (argv: string[]) => Promise<number>, argv: string[]): Promise<Run> {
  const run: Run = { status: null, stdout: "", stderr: "" };
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    run.stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    run.stderr += String(chunk);
    return true;
  });
  try {
    run.status = await runCommand(name, command, argv);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return run;
}
