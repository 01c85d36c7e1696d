/**
 * What git knows of a folder's files: which are unchanged since they were last checked out or
 * staged, and their blob ids. A fresh clone (every CI run) gives every file a new modification
 * time and inode, so the store's stats no longer vouch for any file; git's index does, and a blob
 * id is the same in every clone. The store compares it to the blob id of the bytes it read
 * (`digestOf`): equal ids are the same bytes, with no read and no stat of ours.
 */
import { spawn } from "node:child_process";
import { sep } from "node:path";

/**
 * The files below `dir` (absolute) that git's index holds unchanged in the working tree, by
 * absolute path, with their blob ids (hex); undefined when git can't tell (no git, not a work
 * tree, an error). Left out, to be read as before: files modified, deleted, untracked, unmerged,
 * marked assume-unchanged or skip-worktree (git no longer looks at them), and those whose stat
 * changed since the index was written, even with the same bytes (`git diff-files` does not refresh
 * the index). Git itself reads again the files changed in the same second as its index (racy git).
 */
export async function unchangedInIndex(dir: string): Promise<Map<string, string> | undefined> {
  // Two calls at once: the index's entries, and those whose file differs from them.
  const [indexed, modified] = await Promise.all([
    git(dir, ["ls-files", "--stage", "-v", "-z", "--", "."]),
    git(dir, ["diff-files", "--name-only", "--relative", "-z", "--", "."]),
  ]);
  if (indexed === undefined || modified === undefined) return undefined;
  const changed = new Set(modified.split("\0"));
  const prefix = `${dir}${sep}`;
  const unchanged = new Map<string, string>();
  // Each entry: `H 100644 <40 hex> 0\t<path>` (`H`: tracked, no flag; a lowercase tag: assume-unchanged).
  for (let at = 0; at < indexed.length; ) {
    const end = indexed.indexOf("\0", at);
    const stop = end === -1 ? indexed.length : end;
    const tab = indexed.indexOf("\t", at);
    if (tab !== -1 && tab < stop && indexed.startsWith("H 100", at) && indexed.startsWith(" 0", tab - 2)) {
      const path = indexed.slice(tab + 1, stop);
      const id = indexed.slice(tab - 42, tab - 2);
      if (!changed.has(path) && id.length === 40) unchanged.set(prefix + (sep === "/" ? path : path.split("/").join(sep)), id);
    }
    at = stop + 1;
  }
  return unchanged;
}

// Variables that would point git at another repository or index than the folder's own (a git
// hook sets some): the folder's repository is found from the folder.
const REPOSITORY_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY", "GIT_PREFIX", "GIT_NAMESPACE"];

// A git command's output in `cwd`, or undefined when it fails or can't start (git missing).
function git(cwd: string, args: readonly string[]): Promise<string | undefined> {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" };
  for (const name of REPOSITORY_VARIABLES) delete env[name];
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn("git", args, { cwd, env, stdio: ["ignore", "pipe", "ignore"] });
    } catch {
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    child.stdout!.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", () => resolve(undefined));
    child.on("close", (code) => resolve(code === 0 ? Buffer.concat(chunks).toString("utf8") : undefined));
  });
}
