import { DateTime, IANAZone, type Zone } from "luxon";

/** A calendar day in the site's timezone, as `YYYY-MM-DD`. */
export type Day = `${number}-${number}-${number}`;

/** An instant as the editor meant it, already placed in the site's timezone. */
export interface Moment {
  /**
   * The instant for machines (datetime attributes, feeds, sitemaps): RFC 3339 with the site's
   * offset, e.g. `2021-12-09T15:10:00+01:00`; in UTC when that offset has seconds, which no ISO
   * offset can write (local mean time: 1900-01-01 in Paris is `1899-12-31T23:50:39Z`).
   */
  iso: string;
  epochMs: number;
  /** The day in the site's timezone: never shifted by UTC or the build machine. */
  day: Day;
  /** The time on the site's clock, `HH:MM` (`00:00` for a bare date), for pages. */
  time: string;
  /** False for a bare date (`2021-12-09`): pages then show no time. */
  hasTime: boolean;
}

// A date, optionally a time (T or one space), optionally an offset (`Z`, `+01:00`, `+0100`, `+01`).
// Anything else (week dates, ordinal dates, bare years) is refused rather than guessed at.
const CONTRACT_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;
// The offsets clocks use (Baker Island to Kiribati's Line Islands): anything else (`+99:00`,
// `+01:99`) is a typo, which would quietly move the article days away.
const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;
/** The accepted UTC offsets, as messages state them. */
export const OFFSET_RANGE = "from -12:00 to +14:00, minutes 00 to 59";
const SECOND_MS = 1000;
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

/**
 * The offsets a zone's clocks show this year, as a date writes them: its winter one, and its summer
 * one when its clocks change (the larger of the two, in either hemisphere).
 * @example zoneOffsets("Europe/Paris") // { winter: "+01:00", summer: "+02:00" }
 * @example zoneOffsets("Asia/Tokyo") // { winter: "+09:00" }
 */
export function zoneOffsets(zone: string): { winter: string; summer?: string } {
  const january = DateTime.fromObject({ year: DateTime.now().setZone(zone).year, month: 1, day: 1 }, { zone });
  const july = january.set({ month: 7 });
  const [winter, summer] = january.offset <= july.offset ? [january, july] : [july, january];
  return winter.offset === summer.offset ? { winter: winter.toFormat("ZZ") } : { winter: winter.toFormat("ZZ"), summer: summer.toFormat("ZZ") };
}

/** Whether luxon knows the IANA timezone name. */
export function isValidTimezone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** Why text written as a date is still none: the messages that say it are the commands'. */
export type DateProblem =
  | { kind: "month"; month: number }
  | { kind: "day"; day: number; month: number; year: number }
  | { kind: "time"; time: string }
  | { kind: "offset"; offset: string }
  /** A time the site's clocks skipped (02:30 the night they go from 02:00 to 03:00); luxon would read it as `next` (`2026-03-29T03:30`). */
  | { kind: "skipped"; time: string; day: Day; next: string; summer: boolean };

/**
 * A time without offset that the site's clocks showed twice (02:30 the night they go back from
 * 03:00 to 02:00): the offset of the instant taken, the other's, and whether the change ended summer time.
 */
export interface RepeatedTime {
  time: string;
  day: Day;
  taken: string;
  other: string;
  takenFirst: boolean;
  summer: boolean;
}

/** A date as read: the Moment, or why the text is no date (undefined when it is not written as one at all). */
export type ContractDate = { ok: true; moment: Moment; repeated?: RepeatedTime } | { ok: false; problem?: DateProblem };

/** What an article's `date` or `updated` reads as: the contract's date, or a year out of `DATE_YEARS`. */
export type ArticleDate = ContractDate | { ok: false; yearOutOfRange: number };

/**
 * An article's date as validation takes it: a year out of `DATE_YEARS` first, then read as the
 * contract says (`readContractDate`). Validation reports why it is refused; the rules across
 * articles read a file with errors by the same rule (claims.ts).
 */
export function readArticleDate(text: string, zone: string): ArticleDate {
  const year = writtenYear(text);
  if (year !== undefined && !isYearInRange(year)) return { ok: false, yearOutOfRange: year };
  return readContractDate(text, zone);
}

/**
 * Reads a front-matter date as the contract defines it: with an offset it is that instant;
 * without one it is wall-clock time in the site's timezone; a bare date is 00:00 that day there.
 * The build machine's own timezone never matters.
 * @example parseContractDate("2021-12-09 23:30:00", "Europe/Paris")?.day // "2021-12-09"
 */
export function parseContractDate(text: string, zone: string): Moment | undefined {
  const read = readContractDate(text, zone);
  return read.ok ? read.moment : undefined;
}

/**
 * parseContractDate, saying why a date written in the right form is still no date.
 * @example readContractDate("2021-12-09T10:00:00+99:00", "Europe/Paris") // { ok: false, problem: { kind: "offset", offset: "+99:00" } }
 * @example readContractDate("2026-11-31", "Europe/Paris") // { ok: false, problem: { kind: "day", day: 31, month: 11, year: 2026 } }
 */
export function readContractDate(text: string, zone: string): ContractDate {
  const m = CONTRACT_DATE.exec(text.trim());
  if (!m) return { ok: false };
  const [, y, mo, d, hh, mm, ss, fraction, offset, sign, offH, offM] = m;
  const hasTime = hh !== undefined;
  const wall = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(hh ?? 0),
    Number(mm ?? 0),
    Number(ss ?? 0),
    Number((fraction ?? "0").padEnd(3, "0").slice(0, 3)),
  );
  if (!isExactWallTime(wall, y!, mo!, d!, hh, mm, ss)) return { ok: false, problem: wallTimeProblem(y!, mo!, d!, hh, mm, ss) };
  const given = offset === undefined ? undefined : offset === "Z" ? 0 : (sign === "-" ? -1 : 1) * (Number(offH) * 60 + Number(offM ?? 0));
  if (given !== undefined && (Number(offM ?? 0) > 59 || given < MIN_OFFSET_MINUTES || given > MAX_OFFSET_MINUTES)) {
    return { ok: false, problem: { kind: "offset", offset: offset! } };
  }
  // The common case, a day without a DST change, needs two offset look-ups per calendar day;
  // luxon does the rest (and the days the clocks change) in full.
  const steady = steadyOffset(zone, wall);
  if (steady !== undefined) {
    const epochMs = wall - (given ?? steady) * MINUTE_MS;
    const siteOffset = given === undefined ? steady : steadyOffset(zone, epochMs);
    if (siteOffset !== undefined) return { ok: true, moment: momentFromParts(epochMs, siteOffset * 60, hasTime) };
  }
  const iso = `${y}-${mo}-${d}${hasTime ? `T${hh}:${mm}${ss ? `:${ss}` : ""}${fraction ? `.${fraction}` : ""}${offset ?? ""}` : ""}`;
  // With `zone`, luxon reads offset-less text in that zone and converts offset-bearing text to it.
  let parsed = DateTime.fromISO(iso, { zone });
  if (!parsed.isValid) return { ok: false };
  // A bare date is the start of its day, whenever the clocks say it starts: only a written time can be wrong.
  if (given !== undefined || !hasTime) return { ok: true, moment: momentOf(parsed, hasTime) };
  const time = `${hh}:${mm}${ss ? `:${ss}` : ""}`;
  const day = `${y}-${mo}-${d}` as Day;
  const shown = (t: DateTime): boolean => t.day === Number(d) && t.hour === Number(hh) && t.minute === Number(mm) && t.second === Number(ss ?? 0);
  // Luxon guesses a wall time's offset from a nearby instant, and misses where the offset changed
  // by minutes and seconds (Paris, 11 March 1911, local mean time to UTC): each offset of the day is tried.
  if (!shown(parsed)) {
    const exact = instantShowing(parsed.zone, wall);
    if (exact !== undefined) parsed = DateTime.fromMillis(exact, { zone: parsed.zone });
  }
  // Luxon moves a skipped time on by the clocks' jump, silently: the editor must say which instant is meant.
  if (!shown(parsed)) {
    return {
      ok: false,
      problem: { kind: "skipped", time, day, next: parsed.toFormat(ss ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm"), summer: parsed.isInDST },
    };
  }
  const repeated = repeatedTime(parsed, wall, time, day);
  return { ok: true, moment: momentOf(parsed, hasTime), ...(repeated ? { repeated } : {}) };
}

// The instant the clocks of `zone` show as `wall` (a wall time read as UTC), the later of two;
// none when they skip it.
function instantShowing(zone: Zone, wall: number): number | undefined {
  const offsets = new Set([zone.offset(wall - DAY_MS), zone.offset(wall), zone.offset(wall + DAY_MS)]);
  const instants = [...offsets].map((o) => wall - o * MINUTE_MS).filter((ms) => zone.offset(ms) === (wall - ms) / MINUTE_MS);
  return instants.length > 0 ? Math.max(...instants) : undefined;
}

// The other instant the same wall time names, the day the clocks go back over it; none when an
// offset has seconds (local mean time), which no offset the editor writes could choose.
function repeatedTime(parsed: DateTime, wall: number, time: string, day: Day): RepeatedTime | undefined {
  const taken = parsed.offset;
  for (const probe of [parsed.toMillis() - DAY_MS, parsed.toMillis() + DAY_MS]) {
    const other = parsed.zone.offset(probe);
    if (other === taken || parsed.zone.offset(wall - other * MINUTE_MS) !== other) continue;
    if (!Number.isInteger(taken) || !Number.isInteger(other)) return undefined;
    // The larger offset names the earlier instant: the one before the clocks went back.
    const first = DateTime.fromMillis(wall - Math.max(taken, other) * MINUTE_MS, { zone: parsed.zone });
    return { time, day, taken: offsetText(taken), other: offsetText(other), takenFirst: taken > other, summer: first.isInDST };
  }
  return undefined;
}

// What of a wall time written in the right form does not exist: the month, the day (2026-11-31, a
// 29 February outside leap years) or the time (24:00, 10:61).
function wallTimeProblem(y: string, mo: string, d: string, hh?: string, mm?: string, ss?: string): DateProblem | undefined {
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  if (month < 1 || month > 12) return { kind: "month", month };
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return { kind: "day", day, month, year };
  if (Number(hh ?? 0) > 23 || Number(mm ?? 0) > 59 || Number(ss ?? 0) > 59) return { kind: "time", time: `${hh}:${mm}${ss ? `:${ss}` : ""}` };
  return undefined;
}

// Date.UTC rolls 2021-02-30 over to March: a date is valid only if it comes back as written.
function isExactWallTime(wall: number, y: string, mo: string, d: string, hh?: string, mm?: string, ss?: string): boolean {
  const back = new Date(wall);
  return (
    back.getUTCFullYear() === Number(y) &&
    back.getUTCMonth() + 1 === Number(mo) &&
    back.getUTCDate() === Number(d) &&
    back.getUTCHours() === Number(hh ?? 0) &&
    back.getUTCMinutes() === Number(mm ?? 0) &&
    back.getUTCSeconds() === Number(ss ?? 0)
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

// The zone's UTC offset in minutes at an instant, read from Intl's `GMT+01:00` zone name: faster
// than luxon's zone.offset, which formats every part of the date to get it. Offsets with
// seconds (local mean time, before 1911 in Paris) are left to luxon.
function offsetAt(zone: string, ms: number): number | undefined {
  let format = offsetFormats.get(zone);
  if (!format) offsetFormats.set(zone, (format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })));
  const m = LONG_OFFSET.exec(format.format(ms));
  if (!m) return undefined;
  return m[1] === undefined ? 0 : (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

// The ISO text is in the site's time with its offset, unless that offset has seconds (local mean
// time: +00:09:21 in Paris before 1911), which ISO 8601, RFC 3339 and HTML's datetime can't
// write: then it is the same instant in UTC, and pages still show the site's clock from `time`.
function momentFromParts(epochMs: number, offsetSeconds: number, hasTime: boolean): Moment {
  const local = new Date(epochMs + offsetSeconds * SECOND_MS).toISOString(); // "2021-12-09T23:30:00.000Z", in site time
  const time = local.slice(11, 16);
  if (offsetSeconds % 60 !== 0) return { iso: withoutZeroMillis(new Date(epochMs).toISOString()), epochMs, day: local.slice(0, 10) as Day, time, hasTime };
  return { iso: `${withoutZeroMillis(local).slice(0, -1)}${offsetText(offsetSeconds / 60)}`, epochMs, day: local.slice(0, 10) as Day, time, hasTime };
}

// A whole-minute UTC offset as ISO writes it: 60 → "+01:00".
function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function withoutZeroMillis(iso: string): string {
  return iso.replace(/\.000Z$/, "Z");
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** Turns a luxon DateTime already in the site's zone into a plain Moment. */
export function momentOf(inZone: DateTime, hasTime: boolean): Moment {
  const epochMs = inZone.toMillis();
  // The zone's offset at the instant itself: around a change to or from an offset with seconds,
  // the one luxon keeps from parsing can be the other side's. Luxon gives minutes, 9.35 for +00:09:21.
  return momentFromParts(epochMs, Math.round(inZone.zone.offset(epochMs) * 60), hasTime);
}

/** Splits a Day into its numeric parts. */
export function partsOfDay(day: Day): { year: number; month: number; day: number } {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return { year, month, day: date };
}
