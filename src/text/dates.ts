import { DateTime, IANAZone } from "luxon";
import type { Day, Moment } from "../content/model.ts";

// A date, optionally a time (T or one space), optionally an offset. Anything else (week dates,
// ordinal dates, bare years) is refused rather than guessed at.
const CONTRACT_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|([+-])(\d{2}):?(\d{2})?)?)?$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// No UTC offset exceeds 14 hours: a day's worth of instants and wall-clock times lies within this.
const OFFSET_SPAN_MS = 14 * 3_600_000;

/**
 * The years a date of the archive may fall in, as written (before any offset or timezone is
 * applied), and the years the build's own date may fall in. Beyond them pages, feeds and
 * sitemaps can't print a date (year 10000 has five digits, and JavaScript dates end in 275760).
 */
export const DATE_YEARS = { first: 1900, last: 2100 } as const;

/** Whether a year lies within DATE_YEARS. */
export function isYearInRange(year: number): boolean {
  return year >= DATE_YEARS.first && year <= DATE_YEARS.last;
}

/**
 * The year a contract date names, as written, or undefined when the text is no contract date.
 * @example writtenYear("2021-12-09T15:10:00+01:00") // 2021
 */
export function writtenYear(text: string): number | undefined {
  const m = CONTRACT_DATE.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

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
  const m = CONTRACT_DATE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, hh, mm, ss, fraction, offset, sign, offH, offM] = m;
  const hasTime = hh !== undefined;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0), Number((fraction ?? "0").padEnd(3, "0").slice(0, 3)));
  if (!isExactWallTime(wall, y!, mo!, d!, hh, mm, ss)) return undefined;
  const given = offset === undefined ? undefined : offset === "Z" ? 0 : (sign === "-" ? -1 : 1) * (Number(offH) * 60 + Number(offM ?? 0));

  // The common case, a day without a DST change, needs two offset look-ups per calendar day;
  // luxon does the rest (and the days the clocks change) in full.
  const steady = steadyOffset(zone, wall);
  if (steady !== undefined) {
    const epochMs = wall - (given ?? steady) * MINUTE_MS;
    const siteOffset = given === undefined ? steady : steadyOffset(zone, epochMs);
    if (siteOffset !== undefined) return momentFromParts(epochMs, siteOffset, hasTime);
  }
  const iso = `${y}-${mo}-${d}` + (hasTime ? `T${hh}:${mm}${ss ? `:${ss}` : ""}${fraction ? `.${fraction}` : ""}${offset ?? ""}` : "");
  // With `zone`, luxon reads offset-less text in that zone and converts offset-bearing text to it.
  const parsed = DateTime.fromISO(iso, { zone });
  return parsed.isValid ? momentOf(parsed, hasTime) : undefined;
}

// Date.UTC rolls 2021-02-30 over to March: a date is valid only if it comes back as written.
function isExactWallTime(wall: number, y: string, mo: string, d: string, hh?: string, mm?: string, ss?: string): boolean {
  const back = new Date(wall);
  return (
    back.getUTCFullYear() === Number(y) && back.getUTCMonth() + 1 === Number(mo) && back.getUTCDate() === Number(d) &&
    back.getUTCHours() === Number(hh ?? 0) && back.getUTCMinutes() === Number(mm ?? 0) && back.getUTCSeconds() === Number(ss ?? 0)
  );
}

const steadyOffsets = new Map<string, Map<number, number | null>>();

// The zone's offset (minutes) for any instant or wall time near `ms`, when it holds all that day.
function steadyOffset(zone: string, ms: number): number | undefined {
  let byDay = steadyOffsets.get(zone);
  if (!byDay) steadyOffsets.set(zone, (byDay = new Map()));
  const day = Math.floor(ms / DAY_MS);
  let offset = byDay.get(day);
  if (offset === undefined) {
    const before = offsetAt(zone, day * DAY_MS - OFFSET_SPAN_MS);
    const after = offsetAt(zone, (day + 1) * DAY_MS + OFFSET_SPAN_MS);
    offset = before !== undefined && before === after ? before : null;
    byDay.set(day, offset);
  }
  return offset ?? undefined;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const LONG_OFFSET = /GMT(?:([+-])(\d{2}):(\d{2}))?$/;

// The zone's UTC offset in minutes at an instant, read from Intl's `GMT+01:00` zone name: five
// times faster than luxon's zone.offset, which formats every part of the date. Offsets with
// seconds (local mean time, before 1911 in Paris) are left to luxon.
function offsetAt(zone: string, ms: number): number | undefined {
  let format = offsetFormats.get(zone);
  if (!format) offsetFormats.set(zone, (format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })));
  const m = LONG_OFFSET.exec(format.format(ms));
  if (!m) return undefined;
  return m[1] === undefined ? 0 : (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function momentFromParts(epochMs: number, offsetMinutes: number, hasTime: boolean): Moment {
  const local = new Date(epochMs + offsetMinutes * MINUTE_MS).toISOString(); // "2021-12-09T23:30:00.000Z", in site time
  const abs = Math.abs(offsetMinutes);
  const offset = `${offsetMinutes < 0 ? "-" : "+"}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  const millis = local.slice(19, 23) === ".000" ? "" : local.slice(19, 23);
  return { iso: `${local.slice(0, 19)}${millis}${offset}`, epochMs, day: local.slice(0, 10) as Day, hasTime };
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** Turns a luxon DateTime already in the site's zone into a plain Moment. */
export function momentOf(inZone: DateTime, hasTime: boolean): Moment {
  return {
    iso: inZone.toISO({ suppressMilliseconds: true })!.replace(/Z$/, "+00:00"),
    epochMs: inZone.toMillis(),
    day: inZone.toISODate() as Day,
    hasTime,
  };
}

/** Splits a Day into its numeric parts. */
export function partsOfDay(day: Day): { year: number; month: number; day: number } {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return { year, month, day: date };
}
