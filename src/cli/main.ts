#!/usr/bin/env node
/** `depeche`: one command, one module per subcommand. */
import { writeLine } from "./report.ts";
import { runCommand, type Command } from "./run-command.ts";
import { nearestName, printUsage } from "./usage.ts";
import { messages } from "../i18n/messages.ts";

const commands: Record<string, () => Promise<Command>> = {
  check: async () => (await import("./check.ts")).runCheck,
  build: async () => (await import("./build.ts")).runBuild,
  serve: async () => (await import("./serve.ts")).runServe,
  "install-hook": async () => (await import("./install-hook.ts")).runInstallHook,
  import: async () => (await import("./import.ts")).runImport,
  new: async () => (await import("./new.ts")).runNew,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    printUsage(process.stdout);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    writeLine(process.stderr, `depeche: ${messages().cli.unknownCommand(name, nearestName(name, Object.keys(commands)))}`);
    printUsage(process.stderr);
    return 2;
  }
  return runCommand(name, await load(), rest);
}

const code = await main(process.argv.slice(2));
// The command is done: what its output said is written (stdout and stderr are synchronous for
// files, and for pipes on Linux; elsewhere, each is flushed first). Leaving now skips tearing the
// heap down page by page, which an exit that waits for an empty event loop does: some 0.08 s at the
// end of a 1,000-article build (docs/performance.md, session 65).
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write("", done))));
process.exit(code);
