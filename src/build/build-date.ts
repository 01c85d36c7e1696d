import { parseContractDate } from "../text/dates.ts";

/**
 * The build's date from `--now`: a date as front matter writes it, with an offset or `Z`; without
 * one it is read as UTC, so that the same command gives the same site on any machine. Undefined
 * when unreadable, or when its offset is none a clock uses.
 * @example parseBuildDate("2021-12-10T12:00:00+01:00") // 1639134000000
 */
export function parseBuildDate(text: string): number | undefined {
  return parseContractDate(text, "UTC")?.epochMs;
}

/** The build's date from SOURCE_DATE_EPOCH (seconds, https://reproducible-builds.org/specs/source-date-epoch/), if set and valid. */
export function buildDateFromEnvironment(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env.SOURCE_DATE_EPOCH?.trim();
  return value && /^\d+$/.test(value) ? Number(value) * 1000 : undefined;
}
