import type { Day, Moment } from "./dates.ts";

// Every date a reader sees goes through here: French words in lower case (`capitalize` for the
// start of a heading), `1er` for the first of the month, times as `15 h 10`, no relative forms
// (the archive is static). A Day is already the site's calendar day and a Moment's time is on
// the site's clock, so nothing here reads the build machine's timezone. Names are spelled
// here rather than taken from Intl: the output does not depend on the ICU data Node was built with.

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"] as const;
// In Date's order: 0 is Sunday.
const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"] as const;
const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_TIME = /^(\d{2}):(\d{2})$/;
const NBSP = "\u00a0";

/**
 * The month's name, lower case.
 * @example monthName(12) // "décembre"
 */
export function monthName(month: number): string {
  const name = MONTHS[month - 1];
  if (name === undefined) throw new RangeError(`not a month: ${month}`);
  return name;
}

/**
 * The day of the month as French writes it: `1er` for the first.
 * @example formatDayOfMonth(1) // "1er"
 */
export function formatDayOfMonth(day: number): string {
  return day === 1 ? "1er" : String(day);
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
  /** 0 is Sunday. */
  weekday: number;
}

// A Day read as a calendar date. UTC is only a fixed frame here: the Day is already the site's.
// Plain arithmetic: lists format thousands of days, and a date library's call costs more than
// the formatting itself.
function calendarDate(text: Day): CalendarDate {
  const m = DAY_TEXT.exec(text);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // 2021-02-30 rolls over to March: a day is valid only if it comes back as written.
  if (!m || month < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RangeError(`not a calendar day: ${text}`);
  }
  return { year, month, day, weekday: date.getUTCDay() };
}

/**
 * The day of the week, lower case.
 * @example formatWeekday("2021-12-09") // "jeudi"
 */
export function formatWeekday(day: Day): string {
  return WEEKDAYS[calendarDate(day).weekday]!;
}

// A site has a few thousand distinct days and shows each many times (pages, lists, feeds).
const formattedDays = new Map<Day, string>();

/**
 * The full date of a day, lower case.
 * @example formatDay("2021-12-01") // "mercredi 1er\u00a0décembre 2021" (the day and its month on one line)
 */
export function formatDay(day: Day): string {
  let text = formattedDays.get(day);
  if (text === undefined) {
    const d = calendarDate(day);
    text = `${WEEKDAYS[d.weekday]} ${formatDayOfMonth(d.day)}${NBSP}${monthName(d.month)} ${d.year}`;
    formattedDays.set(day, text);
  }
  return text;
}

/**
 * The date without the weekday, for lists and search results.
 * @example formatDayMedium("2021-12-09") // "9\u00a0décembre 2021"
 */
export function formatDayMedium(day: Day): string {
  const d = calendarDate(day);
  return `${formatDayOfMonth(d.day)}${NBSP}${monthName(d.month)} ${d.year}`;
}

/**
 * Day and month only, for breadcrumbs within a year.
 * @example formatDayShort("2021-12-01") // "1er\u00a0décembre"
 */
export function formatDayShort(day: Day): string {
  const d = calendarDate(day);
  return `${formatDayOfMonth(d.day)}${NBSP}${monthName(d.month)}`;
}

/**
 * A month of a year, lower case.
 * @example formatMonth(2021, 12) // "décembre 2021"
 */
export function formatMonth(year: number, month: number): string {
  return `${monthName(month)} ${year}`;
}

/**
 * The time of a Moment on the site's clock, with no-break spaces around the `h`.
 * @example formatTime(parseContractDate("2021-12-09T15:10:00+01:00", "Europe/Paris")!) // "15\u00a0h\u00a010"
 */
export function formatTime(moment: Moment): string {
  // The time is already on the site's clock: reading its digits cannot be shifted by any TZ.
  const m = CLOCK_TIME.exec(moment.time);
  if (!m) throw new RangeError(`not a time of day: ${moment.time}`);
  return `${Number(m[1])}${NBSP}h${NBSP}${m[2]}`;
}

/**
 * The day, and the time when the editor gave one.
 * @example formatMoment(parseContractDate("2021-12-09T15:10:00+01:00", "Europe/Paris")!) // "jeudi 9\u00a0décembre 2021 à 15\u00a0h\u00a010"
 */
export function formatMoment(moment: Moment): string {
  return moment.hasTime ? `${formatDay(moment.day)} à ${formatTime(moment)}` : formatDay(moment.day);
}

/**
 * Capitalises the first letter, for a date that starts a heading or a sentence.
 * @example capitalize("jeudi 9 décembre 2021") // "Jeudi 9 décembre 2021"
 */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
