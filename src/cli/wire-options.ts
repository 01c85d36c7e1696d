/** What `import` and `new` share: the --date and --topics options, read against the registries, and how they print. */
import type { Topic } from "../content/model.ts";
import { DATE_YEARS, isYearInRange, readContractDate, writtenYear } from "../text/dates.ts";
import { readArchiveIndex, type ArchiveIndex } from "../wire/archive-index.ts";
import { printDiagnostics, reportStyle, writeLine, type ReportStyle } from "./report.ts";
import { UsageError } from "./usage.ts";

/** Checks a --date value against the contract's formats; a bad one is a usage error. */
export function readDateOption(text: string, index: ArchiveIndex): string {
  const date = text.trim();
  const year = writtenYear(date);
  if (year !== undefined && !isYearInRange(year))
    throw new UsageError(`--date "${text}" is in the year ${year}: Dépêche accepts the years ${DATE_YEARS.first} to ${DATE_YEARS.last}`);
  const read = readContractDate(date, index.site.timezone);
  if (!read.ok) {
    throw new UsageError(
      `--date "${text}" is not a date: ${read.problem ?? `write 2021-12-09, 2021-12-09T15:10:00 (${index.site.timezone} time) or 2021-12-09T15:10:00+01:00`}`,
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
  if (names.length === 0) throw new UsageError("--topics is empty: list entries of topics.yaml, e.g. --topics Irak,Défense");
  const topics: Topic[] = [];
  for (const name of names) {
    const topic = index.context.topics.find(name);
    if (!topic) throw new UsageError(`unknown topic "${name}" in --topics${index.context.topics.suggest(name)}: use entries of topics.yaml, or add one there`);
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
  writeLine(process.stderr, `depeche ${command}: the content folder ${contentDir} can't take articles until these errors are fixed; nothing was written`);
  return undefined;
}
