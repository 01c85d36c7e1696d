/**
 * content/ belongs to the editors: no test reads it, so that importing, rewording or removing a
 * dispatch there never fails one. (A run that writes there fails in tests/content-guard.ts.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { expect, it } from "vitest";

const TESTS = resolve(import.meta.dirname, "..");
const CONTENT = join(dirname(TESTS), "content");
// A quoted path that climbs out of a module's folder, as ../../content/topics.yaml does: modules
// find the repository's files so, with resolve(import.meta.dirname, …) or new URL(…, import.meta.url).
const CLIMBING_PATH = /["'`]((?:\.\.\/)+[^"'`$]*)/g;

/** The paths a module names that lead, from its own folder, into content/. */
function contentPaths(file: string): string[] {
  const text = readFileSync(join(TESTS, file), "utf8");
  return [...text.matchAll(CLIMBING_PATH)]
    .map((m) => resolve(dirname(join(TESTS, file)), m[1]!))
    .filter((path) => path === CONTENT || path.startsWith(CONTENT + sep));
}

it("no test or helper names the repository's content folder, the guard of the run aside", () => {
  const modules = readdirSync(TESTS, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"));
  const offending = modules.filter((file) => file !== "content-guard.ts").flatMap((file) => contentPaths(file).map((path) => `${file}: ${path}`));
  expect(offending).toEqual([]);
  // The pattern sees the one module that must name content/, and `cd archive/tools && --content ../content` is not it.
  expect(contentPaths("content-guard.ts")).toEqual([CONTENT]);
  expect(contentPaths("cli/install-hook.test.ts")).toEqual([]);
});
