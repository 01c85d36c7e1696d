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

process.exitCode = await main(process.argv.slice(2));
