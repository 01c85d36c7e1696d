/**
 * The system programs the browser and HTML checks need. When one is missing the checks fail with
 * what to install: they never pass by being skipped.
 */
import { spawnSync } from "node:child_process";

/** Throws, saying what to install, unless a Java runtime of version 11 or later answers `java -version`. */
export function requireJava(): string {
  const run = spawnSync("java", ["-version"], { encoding: "utf8" });
  const version = /version "(\d+)/.exec(`${run.stderr}${run.stdout}`)?.[1];
  if (run.error || run.status !== 0 || !version) {
    throw new Error(
      "Java is missing: the Nu HTML Checker (vnu-jar) needs a Java runtime, 11 or later. Install it with: sudo apt-get update && sudo apt-get install -y default-jre-headless",
    );
  }
  if (Number(version) < 11)
    throw new Error(`Java ${version} is too old for the Nu HTML Checker: install Java 11 or later (sudo apt-get install -y default-jre-headless)`);
  return "java";
}

/**
 * A suite's set-up, run once and awaited by every test: when it fails (a program missing, a build
 * broken) each test fails with its message, where a failing `beforeAll` would only skip them.
 * @example const ready = onceForAll(async () => launchChromium()); beforeAll(() => ready().catch(() => {}));
 */
export function onceForAll<T>(setUp: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => (started ??= setUp());
}

/** Throws, saying what to install, unless `git --version` answers (the checkout tests need git; CI has it). */
export function requireGit(): void {
  const run = spawnSync("git", ["--version"], { encoding: "utf8" });
  if (run.error || run.status !== 0) throw new Error("git is missing: the tests of fresh checkouts need it. Install it with: sudo apt-get install -y git");
}
