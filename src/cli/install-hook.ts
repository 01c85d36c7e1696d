import { messages } from "../i18n/messages.ts";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { CommandError } from "../files/file-errors.ts";
import { writeLine } from "./report.ts";
import { parseOptions } from "./usage.ts";

const MARKER = "# depeche pre-commit hook";

/** This checkout's command, which the hook runs whatever the archive's repository holds. */
const DEPECHE_BIN = fileURLToPath(new URL("../../bin/depeche.js", import.meta.url));

/**
 * A value as one sh word, whatever it holds: inside single quotes nothing is special, and a
 * quote is closed, escaped and reopened.
 * @example shellQuote("l'archive") // "'l'\\''archive'"
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * A hook's script (`pre-commit`, or `pre-merge-commit` for a merge git commits itself): checks
 * the archive as staged when a commit touches the content folder, so an
 * unstaged draft never blocks a commit and a staged mistake never slips past unstaged fixes.
 * Git runs hooks at the top of the work tree, which the two paths are relative to (or
 * absolute); they are quoted once, into variables, and the pathspec is literal, so no folder
 * name is run or read as a pattern. The staged files are exported to a temporary folder, where
 * check runs so that it names files as they are named in the repository. A refusal says how to skip
 * the hook once, in the language it was installed in.
 */
export function hookScript(contentDir: string, depecheBin: string, hook: GitHook): string {
  const skip = hook === "pre-commit" ? "git commit --no-verify" : "git merge --no-verify";
  return `#!/bin/sh
${MARKER}: installed by \`npm run hooks:install\`; remove this file to stop it.
# Checks the content folder as staged (not the working tree) before a ${hook === "pre-commit" ? "commit" : "merge's commit"} that touches it;
# \`${skip}\` skips it once.
content=${shellQuote(contentDir)}
depeche=${shellQuote(depecheBin)}
if git --literal-pathspecs diff --cached --quiet -- "$content"; then
  exit 0
fi
case $depeche in /*) ;; *) depeche="$PWD/$depeche" ;; esac
staged=$(mktemp -d "\${TMPDIR:-/tmp}/depeche-staged.XXXXXX") || exit 1
trap 'rm -rf "$staged"' EXIT
trap 'exit 1' HUP INT TERM
git --literal-pathspecs ls-files -z -- "$content" | git checkout-index -z --stdin "--prefix=$staged/" || exit 1
cd "$staged" || exit 1
node "$depeche" check "--content=$content" && exit 0
status=$?
printf '%s\n' ${shellQuote(`depeche ${hook}: ${hook === "pre-commit" ? messages().cli.hookRefused() : messages().cli.mergeHookRefused()}`)} >&2
exit $status
`;
}

/**
 * The hooks installed: git runs `pre-merge-commit`, not `pre-commit`, for a merge it commits
 * itself, and two branches each valid alone can merge into an invalid archive (one short link
 * twice). A merge that stops on conflicts is committed with `git commit`, through `pre-commit`.
 */
const GIT_HOOKS = ["pre-commit", "pre-merge-commit"] as const;
type GitHook = (typeof GIT_HOOKS)[number];

/** `depeche install-hook [--content DIR]`: installs the opt-in git hooks; never replaces another one. */
export async function runInstallHook(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, { content: { type: "string", default: "content" } });
  let hooksDir: string;
  let top: string;
  try {
    const [hooks, cdup] = execFileSync("git", ["rev-parse", "--git-path", "hooks", "--show-cdup"], { encoding: "utf8" }).split("\n");
    hooksDir = hooks!;
    top = resolve(cdup!);
  } catch {
    writeLine(process.stderr, `depeche install-hook: ${messages().cli.hookNoRepository()}`);
    return 1;
  }
  const contentDir = relative(top, resolve(values.content));
  if (!isInside(contentDir)) {
    throw new CommandError(messages().cli.hookOutside(values.content, top), 2);
  }
  const depecheBin = relative(top, DEPECHE_BIN);
  const hooks = GIT_HOOKS.map((name) => ({ name, path: join(hooksDir, name) }));
  // Neither is written while the other is someone else's.
  const other = hooks.find((h) => existsSync(h.path) && !readFileSync(h.path, "utf8").includes(MARKER));
  if (other) {
    writeLine(process.stderr, `depeche install-hook: ${messages().cli.hookNotOurs(other.path)}`);
    return 1;
  }
  mkdirSync(hooksDir, { recursive: true });
  for (const hook of hooks) {
    writeFileSync(hook.path, hookScript(contentDir || ".", isInside(depecheBin) ? depecheBin : DEPECHE_BIN, hook.name));
    chmodSync(hook.path, 0o755);
  }
  writeLine(process.stdout, `depeche install-hook: ${messages().cli.hookInstalled(hooks[0]!.path, hooks[1]!.path, values.content)}`);
  return 0;
}

// A path relative to the top of the work tree that stays below it.
function isInside(path: string): boolean {
  return !isAbsolute(path) && path !== ".." && !path.startsWith(`..${sep}`);
}
