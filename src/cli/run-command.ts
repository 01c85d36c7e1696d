/** How every command ends: its exit code, or one line for an error the user can act on. */
import { CommandError } from "../files/file-errors.ts";
import { writeLine } from "./report.ts";
import { printCommandUsage, UsageError } from "./usage.ts";

/** A subcommand: its arguments in, its exit code out. */
export type Command = (argv: string[]) => Promise<number>;

/**
 * Runs a subcommand as `depeche <name>` does: a UsageError prints its lines and the usage (exit 2),
 * a CommandError its one line (exit 1 or 2); anything else is a bug and keeps its trace.
 */
export async function runCommand(name: string, command: Command, argv: string[]): Promise<number> {
  // Every command answers --help (or -h) with its usage, before any other option is read.
  if (argv.includes("--help") || argv.includes("-h")) {
    printCommandUsage(process.stdout, name);
    return 0;
  }
  try {
    return await command(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      for (const problem of error.problems) writeLine(process.stderr, `depeche ${name}: ${problem}`);
      printCommandUsage(process.stderr, name);
      return 2;
    }
    if (error instanceof CommandError) {
      writeLine(process.stderr, `depeche ${name}: error: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
