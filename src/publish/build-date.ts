import { CommandError } from "../files/file-errors.ts";
import { messages } from "../i18n/messages.ts";
import { DATE_YEARS, isYearInRange, parseContractDate } from "../text/dates.ts";

/**
 * The build's date from `--now`: a date as front matter writes it, with an offset or `Z`; without
 * one it is read as UTC, so that the same command gives the same site on any machine. Undefined
 * when unreadable, or when its offset is none a clock uses.
 * @example parseBuildDate("2021-12-10T12:00:00+01:00") // 1639134000000
 */
export function parseBuildDate(text: string): number | undefined {
  return parseContractDate(text, "UTC")?.epochMs;
}

/** The build's date from `--now`; a CommandError (exit 2) when it is unreadable or outside DATE_YEARS. */
export function buildDateFromOption(text: string): number {
  const ms = parseBuildDate(text);
  if (ms === undefined) throw new CommandError(messages().cli.nowNotADate(text), 2);
  return inBuildYears(ms, `--now ${text}`);
}

/**
 * The build's date from SOURCE_DATE_EPOCH (seconds, https://reproducible-builds.org/specs/source-date-epoch/),
 * undefined when unset; as the spec asks, a value that is set but unusable stops the build (a
 * CommandError, exit 2) rather than fall back to the clock.
 */
export function buildDateFromEnvironment(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env.SOURCE_DATE_EPOCH?.trim();
  if (!value) return undefined;
  if (!/^\d+$/.test(value)) throw new CommandError(messages().cli.sourceDateEpochNotNumber(value), 2);
  return inBuildYears(Number(value) * 1000, `SOURCE_DATE_EPOCH=${value}`);
}

function inBuildYears(ms: number, what: string): number {
  const year = new Date(ms).getUTCFullYear(); // NaN past JavaScript's last date
  if (!isYearInRange(year)) throw new CommandError(messages().cli.buildDateOutOfYears(what, DATE_YEARS.first, DATE_YEARS.last), 2);
  return ms;
}
