/**
 * Git repositories made by tests: an archive committed, cloned elsewhere as CI checks it out.
 * Git must be installed (`requireGit`): these tests fail without it, never skip.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { requireGit } from "./prerequisites.ts";

// The tests' own identity, and none of a hook's variables that would point git at another repository.
const ENV: NodeJS.ProcessEnv = (() => {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "test@example.com", GIT_COMMITTER_NAME: "Test" };
  env.GIT_COMMITTER_EMAIL = "test@example.com";
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]) delete env[name];
  return env;
})();

/** Runs git in `cwd`; throws with its output when it fails. Returns its standard output. */
export function git(cwd: string, ...args: string[]): string {
  requireGit();
  const run = spawnSync("git", ["-c", "init.defaultBranch=main", "-c", "core.autocrlf=false", ...args], { cwd, env: ENV, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`git ${args.join(" ")} failed in ${cwd}: ${run.stderr}${run.stdout}`);
  return run.stdout;
}

/** Makes `dir` a repository with everything in it committed. */
export function commitAll(dir: string, message = "archive"): void {
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", message);
}

/**
 * Gives every file below `dir` a modification time an hour ago, as a checkout a while before the
 * build leaves them (older than the store's racy window), then has git's index take the new stats
 * (as `git status` would): git still vouches for every file, the stats no longer do.
 */
export function ageCheckout(dir: string): void {
  const past = new Date(Date.now() - 3_600_000);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && !join(entry.parentPath, entry.name).includes(`${join(dir, ".git")}`)) utimesSync(join(entry.parentPath, entry.name), past, past);
  git(dir, "update-index", "-q", "--refresh");
}
