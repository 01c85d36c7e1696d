import { spawnSync } from "node:child_process";

/** A module's path, relative to `base` (a test's `import.meta.url`), as a script's `import()` takes it. */
export function modulePath(path: string, base: string): string {
  return JSON.stringify(new URL(path, base).pathname);
}

/**
 * Runs a script (ESM, TypeScript through tsx) in a child killed after 30 s, and gives the last line
 * it wrote (the stage it had reached) and its stderr: a step gone quadratic fails its test instead
 * of hanging the suite, and no timing is asserted.
 */
export function runWithDeadline(script: string): { last: string | undefined; stderr: string } {
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 30_000 });
  return { last: run.stdout.trim().split("\n").at(-1), stderr: run.stderr };
}
