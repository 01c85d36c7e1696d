/** What `import` and `new` share: the --date and --topics options, read against the registries, and how they print. */
import { DateTime } from "luxon";
import type { Topic } from "../content/model.ts";
import { DATE_YEARS, isYearInRange, readContractDate, writtenYear } from "../text/dates.ts";
import { zoneName } from "../text/zone-names.ts";
import type { ArchiveRegistries } from "../wire/archive-index.ts";
import { reportStyle, type ReportStyle } from "./report.ts";
import { messages } from "../i18n/messages.ts";
import { describeDateProblem } from "../content/validate.ts";

/** --date and --topics as read, each absent when not given or refused; `problems` tells every mistake, each a usage error. */
export interface ArticleOptions {
  /** A time the clocks show twice comes with the offset of the one taken, so the file says which. */
  date?: string;
  /** What was made of --date, to tell: the offset added to a time the clocks show twice. */
  note?: string;
  topics?: Topic[];
  problems: string[];
}

/** Reads --date (the contract's formats) and --topics (entries of topics.yaml) against the registries, every mistake told. */
export function readArticleOptions(values: { date?: string | undefined; topics?: string | undefined }, registries: ArchiveRegistries): ArticleOptions {
  const read: ArticleOptions = { problems: [] };
  if (values.date !== undefined) {
    const problem = dateProblem(values.date, registries);
    if (problem) read.problems.push(problem);
    else Object.assign(read, withOffsetIfRepeated(values.date.trim(), registries.site.timezone));
  }
  if (values.topics !== undefined) {
    const topics = readTopics(values.topics, registries);
    if (Array.isArray(topics)) read.topics = topics;
    else read.problems.push(...topics.problems);
  }
  return read;
}

function dateProblem(text: string, registries: ArchiveRegistries): string | undefined {
  const date = text.trim();
  const year = writtenYear(date);
  if (year !== undefined && !isYearInRange(year)) return messages().cli.dateOptionYear(text, year, DATE_YEARS.first, DATE_YEARS.last);
  const read = readContractDate(date, registries.site.timezone);
  if (read.ok) return undefined;
  return read.problem
    ? describeDateProblem("--date", text, registries.site.timezone, read.problem)
    : messages().cli.dateOptionInvalid(text, zoneName(registries.site.timezone));
}

// Written as given, a time the clocks show twice would get check's warning in every article
// written with it: the offset of the instant taken is added, and said once.
function withOffsetIfRepeated(date: string, zone: string): { date: string; note?: string } {
  const read = readContractDate(date, zone);
  const twice = read.ok ? read.repeated : undefined;
  if (!twice) return { date };
  const note = messages().cli.dateOptionRepeated(date, twice.time, twice.day, zoneName(zone), twice.summer, twice.takenFirst, twice.taken, twice.other);
  return { date: `${date}${twice.taken}`, note };
}

/**
 * An instant as a contract date on the site's clock, to the minute (`2026-12-04T23:52`), for an
 * article dated now; with its offset only when the clocks show that time twice, so that it reads
 * back as the instant it is, not the other one.
 * @example articleNow(Date.parse("2026-12-04T22:52:30Z"), "Europe/Paris") // "2026-12-04T23:52"
 */
export function articleNow(epochMs: number, zone: string): string {
  const local = DateTime.fromMillis(epochMs, { zone });
  const text = local.toFormat("yyyy-MM-dd'T'HH:mm");
  const read = readContractDate(text, zone);
  return read.ok && read.repeated ? `${text}${local.toFormat("ZZ")}` : text;
}

// Every unknown name is told, not only the first.
function readTopics(text: string, registries: ArchiveRegistries): Topic[] | { problems: string[] } {
  const names = text
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "");
  if (names.length === 0) return { problems: [messages().cli.topicsOptionEmpty()] };
  const topics: Topic[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const topic = registries.context.topics.find(name);
    if (!topic) problems.push(messages().cli.topicsOptionUnknown(name, registries.context.topics.suggest(name)));
    else if (!topics.includes(topic)) topics.push(topic);
  }
  return problems.length > 0 ? { problems } : topics;
}

/** Colour on a terminal, as check prints; no annotations: importing is an editor's task, not CI's. */
export function terminalStyle(): ReportStyle {
  return { colour: reportStyle(process.stderr, false).colour, annotations: false };
}
