import { parseArgs, type ParseArgsConfig } from "node:util";
import { messages, type Messages } from "../i18n/messages.ts";

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {}

type CommandName = keyof Messages["usage"]["commands"];

const isCommand = (name: string): name is CommandName => Object.hasOwn(messages().usage.commands, name);

// Summaries start below the longest synopsis that fits, so every command reads the same way.
const SUMMARY_COLUMN = 55;

/** The usage of every command: one synopsis and what it does, then the environment. */
export function usageText(): string {
  const usage = messages().usage;
  const commands = Object.values(usage.commands).map(({ synopsis, summary }) =>
    synopsis.length < SUMMARY_COLUMN - 2 ? `  ${synopsis.padEnd(SUMMARY_COLUMN - 2)}${summary}` : `  ${synopsis}\n${" ".repeat(SUMMARY_COLUMN)}${summary}`,
  );
  return `${usage.intro}\n${commands.join("\n")}\n\n${usage.environmentTitle}\n${usage.environment.map((line) => `  ${line}`).join("\n")}\n${usage.more}`;
}

/** One command's usage: its synopsis, what it does, each option. */
export function commandUsageText(name: string): string {
  if (!isCommand(name)) return usageText();
  const usage = messages().usage;
  const { synopsis, summary, options } = usage.commands[name];
  const lines = [...options, usage.help].map((line) => `  ${line}`);
  return `${usage.commandUsage(synopsis.replace(/ {2,}/, " "))}\n\n${summary}\n\n${usage.optionsTitle}\n${lines.join("\n")}\n`;
}

export function printUsage(stream: NodeJS.WritableStream): void {
  stream.write(usageText());
}

export function printCommandUsage(stream: NodeJS.WritableStream, name: string): void {
  stream.write(commandUsageText(name));
}

/** Parses options strictly: an unknown flag or a missing value is a usage error, not a guess. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }));
  }
}

// Node's parser speaks English: its three mistakes are said in the user's language.
function describeParseError(error: Error & { code?: string }): string {
  const say = messages().cli;
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return say.unknownOption(quoted);
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /does not take an argument/.test(error.message) ? say.noValueTaken(quoted) : say.missingValue(quoted.split(" ")[0]!);
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return say.unexpectedArgument(quoted);
    default:
      return error.message.split("\n")[0]!;
  }
}
