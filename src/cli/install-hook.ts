import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { parseOptions } from "./usage.ts";

const MARKER = "# depeche pre-commit hook";

/** The hook: checks the archive when a commit touches the content folder. */
export function preCommitHook(contentDir: string): string {
  return `#!/bin/sh
${MARKER}: installed by \`npm run hooks:install\`; remove this file to stop it.
# Checks the archive before a commit that touches ${contentDir}/; \`git commit --no-verify\` skips it.
if git diff --cached --quiet -- ${JSON.stringify(contentDir)}; then
  exit 0
fi
exec node bin/depeche.js check --content ${JSON.stringify(contentDir)}
`;
}

/** `depeche install-hook [--content DIR]`: installs the opt-in git pre-commit hook; never replaces another one. */
export async function runInstallHook(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, { content: { type: "string", default: "content" } });
  let hooksDir: string;
  try {
    hooksDir = execFileSync("git", ["rev-parse", "--git-path", "hooks"], { encoding: "utf8" }).trim();
  } catch {
    process.stderr.write("depeche install-hook: not inside a git repository\n");
    return 1;
  }
  const hook = join(hooksDir, "pre-commit");
  if (existsSync(hook) && !readFileSync(hook, "utf8").includes(MARKER)) {
    process.stderr.write(`depeche install-hook: ${hook} exists and is not Dépêche's: add "node bin/depeche.js check" to it by hand\n`);
    return 1;
  }
  mkdirSync(hooksDir, { recursive: true });
  writeFileSync(hook, preCommitHook(values.content));
  chmodSync(hook, 0o755);
  process.stdout.write(`depeche install-hook: ${hook} now checks ${values.content}/ before each commit\n`);
  return 0;
}
