/**
 * Vitest's global setup: content/ belongs to the editors, so a test run that wrote there fails,
 * whatever did the writing (a path, a command's default folder, a child process).
 */
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const CONTENT = resolve(import.meta.dirname, "../content");

/** Every entry below a folder with its size and modification time: any write, even of the same bytes, and any file made or removed changes it. */
function snapshot(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const path of [".", ...readdirSync(dir, { recursive: true, encoding: "utf8" })]) {
    const stat = statSync(join(dir, path), { bigint: true });
    entries.set(path, `${stat.size} ${stat.mtimeNs}`);
  }
  return entries;
}

export function setup(): () => void {
  const before = snapshot(CONTENT);
  return () => {
    const after = snapshot(CONTENT);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path));
    if (changed.length === 0) return;
    console.error(
      `\nThe tests changed content/, which belongs to the editors: ${changed.join(", ")}\n` +
        "A test writes its own archive (tests/helpers/archive.ts). Edited content/ yourself during the run? Run the tests again.\n",
    );
    // Vitest only logs an error thrown from here: the exit code is what fails npm test and CI.
    process.exitCode = 1;
  };
}
