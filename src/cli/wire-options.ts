/** What `import` and `new` share: the --date and --topics options, read against the registries, and how they print. */
import type { Topic } from "../content/model.ts";
import { DATE_YEARS, isYearInRange, readContractDate, writtenYear } from "../text/dates.ts";
import { readArchiveIndex, type ArchiveIndex } from "../wire/archive-index.ts";
import { printDiagnostics, reportStyle, writeLine, type ReportStyle } from "./report.ts";
import { UsageError } from "./usage.ts";
import { messages } from "../i18n/messages.ts";
import { describeDateProblem } from "../content/validate.ts";

/** Checks a --date value against the contract's formats; a bad one is a usage error. */
export function readDateOption(text: string, index: ArchiveIndex): string {
  const date = text.trim();
  const year = writtenYear(date);
  if (year !== undefined && !isYearInRange(year)) throw new UsageError(messages().cli.dateOptionYear(text, year, DATE_YEARS.first, DATE_YEARS.last));
  const read = readContractDate(date, index.site.timezone);
  if (!read.ok) {
    throw new UsageError(
      read.problem ? describeDateProblem("--date", text, index.site.timezone, read.problem) : messages().cli.dateOptionInvalid(text, index.site.timezone),
    );
  }
  return date;
}

/** Resolves a comma-separated --topics value against topics.yaml; an unknown name is a usage error. */
export function readTopicsOption(text: string, index: ArchiveIndex): Topic[] {
  const names = text
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "");
  if (names.length === 0) throw new UsageError(messages().cli.topicsOptionEmpty());
  const topics: Topic[] = [];
  for (const name of names) {
    const topic = index.context.topics.find(name);
    if (!topic) throw new UsageError(messages().cli.topicsOptionUnknown(name, index.context.topics.suggest(name)));
    if (!topics.includes(topic)) topics.push(topic);
  }
  return topics;
}

/** Colour on a terminal, as check prints; no annotations: importing is an editor's task, not CI's. */
export function terminalStyle(): ReportStyle {
  return { colour: reportStyle(process.stderr, false).colour, annotations: false };
}

/** The archive's index for `import` and `new`, or nothing (errors printed) when its registries or folders are broken. */
export async function openArchiveIndex(command: string, contentDir: string): Promise<ArchiveIndex | undefined> {
  const read = await readArchiveIndex(contentDir);
  if (read.ok) return read.index;
  printDiagnostics(read.diagnostics, terminalStyle());
  writeLine(process.stderr, `depeche ${command}: ${messages().cli.contentNotReady(contentDir)}`);
  return undefined;
}
