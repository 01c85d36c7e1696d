#!/usr/bin/env node
/** `depeche`: one command, one module per subcommand. */
import { CommandError } from "../files/file-errors.ts";
import { writeLine } from "./report.ts";
import { UsageError, printUsage } from "./usage.ts";

type Command = (argv: string[]) => Promise<number>;

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
    writeLine(process.stderr, `depeche: unknown command "${name}"`);
    printUsage(process.stderr);
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      writeLine(process.stderr, `depeche ${name}: ${error.message}`);
      printUsage(process.stderr);
      return 2;
    }
    if (error instanceof CommandError) {
      writeLine(process.stderr, `depeche ${name}: error: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
