import { parseArgs, type ParseArgsConfig } from "node:util";
import { messages, type Messages } from "../i18n/messages.ts";
import { closest } from "../text/suggest.ts";

/** Mistakes in how the command was called, every one of them: exit code 2. */
export class UsageError extends Error {
  readonly problems: readonly string[];
  constructor(...problems: [string, ...string[]]) {
    super(problems.join("\n"));
    this.problems = problems;
  }
}

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
  // Each option is its name, two spaces or more, then what it does: the descriptions start in one
  // column, past the longest name, however the messages pad them.
  const rows = [...options, usage.help].map((line) => /^(.*?) {2,}(.*)$/s.exec(line)!.slice(1) as [string, string]);
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  const lines = rows.map(([name, text]) => `  ${name.padEnd(width)}${text}`);
  return `${usage.commandUsage(synopsis.replace(/ {2,}/, " "))}\n\n${summary}\n\n${usage.optionsTitle}\n${lines.join("\n")}\n`;
}

export function printUsage(stream: NodeJS.WritableStream): void {
  stream.write(usageText());
}

export function printCommandUsage(stream: NodeJS.WritableStream, name: string): void {
  stream.write(commandUsageText(name));
}

type Options = NonNullable<ParseArgsConfig["options"]>;
type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: boolean; strict: true }>>;
type OptionToken = Extract<NonNullable<ReturnType<typeof parseArgs>["tokens"]>[number], { kind: "option" }>;

/**
 * Reads options as strictly as `parseOptions`, but tells every mistake (an unknown flag, a missing
 * value, a stray argument) instead of stopping at the first; a refused option is left out of `values`.
 */
export function readOptions<T extends Options>(
  argv: string[],
  options: T,
  allowPositionals = false,
): { values: Partial<Parsed<T>["values"]>; positionals: string[]; problems: string[] } {
  const { values, positionals, tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  const problems: string[] = [];
  for (const token of tokens) {
    const problem =
      token.kind === "option"
        ? optionProblem(token, options)
        : token.kind === "positional" && !allowPositionals
          ? messages().cli.unexpectedArgument(token.value)
          : undefined;
    if (problem === undefined) continue;
    problems.push(problem);
    if (token.kind === "option") delete values[token.name];
  }
  return { values: values as Partial<Parsed<T>["values"]>, positionals: allowPositionals ? positionals : [], problems };
}

/** Parses options strictly: an unknown flag or a missing value is a usage error, not a guess; every one of them is told. */
export function parseOptions<T extends Options>(argv: string[], options: T, allowPositionals = false): Parsed<T> {
  const { values, positionals, problems } = readOptions(argv, options, allowPositionals);
  if (problems.length > 0) throw new UsageError(...(problems as [string, ...string[]]));
  return { values, positionals } as Parsed<T>;
}

// The checks Node's parser makes in strict mode, said in the user's language rather than its English.
function optionProblem(token: OptionToken, options: Options): string | undefined {
  const say = messages().cli;
  const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
  if (!option) return say.unknownOption(token.rawName, suggestOption(token, options));
  if (option.type === "boolean") return token.value === undefined ? undefined : say.noValueTaken(token.rawName);
  // A value that looks like an option is one forgotten (--date --topics Irak), unless written --date=-….
  const forgotten = token.value === undefined || (!token.inlineValue && token.value.length > 1 && token.value.startsWith("-"));
  return forgotten ? say.missingValue(token.rawName) : undefined;
}

/**
 * The command or option name nearest a mistyped one, or nothing when none is near enough to help.
 * A swap of two letters is two edits, so a name of four letters or more gets two (`buidl`, `--contnet`).
 * @example nearestName("buidl", ["check", "build"]) // "build"
 */
export function nearestName(typed: string, names: readonly string[]): string | undefined {
  const tolerance = typed.length < 4 ? 1 : Math.max(2, Math.floor(typed.length / 3));
  return closest(typed.toLowerCase(), names, (name) => name, tolerance);
}

// Only a long option is worth a guess: a mistyped `-x` is one letter, near every other.
function suggestOption(token: OptionToken, options: Options): string | undefined {
  if (!token.rawName.startsWith("--")) return undefined;
  const near = nearestName(token.name, [...Object.keys(options), "help"]);
  return near === undefined ? undefined : `--${near}`;
}
