import { DateTime, IANAZone } from "luxon";
import type { Day, Moment } from "../content/model.ts";

// A date, optionally a time (T or one space), optionally an offset. Anything else (week dates,
// ordinal dates, bare years) is refused rather than guessed at.
const CONTRACT_DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Whether luxon knows the IANA timezone name. */
export function isValidTimezone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * Reads a front-matter date as the contract defines it: with an offset it is that instant;
 * without one it is wall-clock time in the site's timezone; a bare date is 00:00 that day there.
 * The build machine's own timezone never matters.
 * @example parseContractDate("2021-12-09 23:30:00", "Europe/Paris")?.day // "2021-12-09"
 */
export function parseContractDate(text: string, zone: string): Moment | undefined {
  const match = CONTRACT_DATE.exec(text.trim());
  if (!match) return undefined;
  const [, date, time, offset] = match;
  const iso = time === undefined ? date! : `${date}T${time}${offset ?? ""}`;
  // With `zone`, luxon reads offset-less text in that zone and converts offset-bearing text to it.
  const parsed = DateTime.fromISO(iso, { zone });
  if (!parsed.isValid) return undefined;
  return momentOf(parsed, time !== undefined);
}

/** Turns a luxon DateTime already in the site's zone into a plain Moment. */
export function momentOf(inZone: DateTime, hasTime: boolean): Moment {
  return {
    iso: inZone.toISO({ suppressMilliseconds: true })!,
    epochMs: inZone.toMillis(),
    day: inZone.toISODate() as Day,
    hasTime,
  };
}

/** The Moment for an epoch time, seen from the site's timezone. */
export function momentAt(epochMs: number, zone: string): Moment {
  return momentOf(DateTime.fromMillis(epochMs, { zone }), true);
}

/** Splits a Day into its numeric parts. */
export function partsOfDay(day: Day): { year: number; month: number; day: number } {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return { year, month, day: date };
}
