import { DateTime } from "luxon";
import type { Day, Moment } from "../content/model.ts";

// Every date a reader sees goes through here: French words, the site's timezone, no relative forms.

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"] as const;

/** `décembre` for 12. */
export function monthName(month: number): string {
  return MONTHS[month - 1]!;
}

function dayOfMonth(n: number): string {
  return n === 1 ? "1er" : String(n);
}

function inZone(day: Day): DateTime {
  return DateTime.fromISO(day, { zone: "UTC" }).setLocale("fr");
}

// A site has a few thousand distinct days and shows each many times (pages, lists, feeds).
const formattedDays = new Map<Day, string>();

/**
 * @example formatDay("2021-12-09") // "jeudi 9 décembre 2021"
 */
export function formatDay(day: Day): string {
  let text = formattedDays.get(day);
  if (text === undefined) {
    const d = inZone(day);
    text = `${d.toFormat("cccc")} ${dayOfMonth(d.day)} ${monthName(d.month)} ${d.year}`;
    formattedDays.set(day, text);
  }
  return text;
}

/** @example formatDayShort("2021-12-01") // "1er décembre" */
export function formatDayShort(day: Day): string {
  const d = inZone(day);
  return `${dayOfMonth(d.day)} ${monthName(d.month)}`;
}

/** @example formatMonth(2021, 12) // "décembre 2021" */
export function formatMonth(year: number, month: number): string {
  return `${monthName(month)} ${year}`;
}

/** @example formatTime(moment) // "15 h 10" */
export function formatTime(moment: Moment): string {
  const [hours, minutes] = moment.iso.slice(11, 16).split(":");
  return `${Number(hours)}\u00a0h\u00a0${minutes}`;
}

/**
 * The day, and the time when the editor gave one.
 * @example formatMoment(m) // "jeudi 9 décembre 2021 à 15 h 10"
 */
export function formatMoment(moment: Moment): string {
  return moment.hasTime ? `${formatDay(moment.day)} à ${formatTime(moment)}` : formatDay(moment.day);
}

/** Capitalises the first letter, for a date that starts a heading. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
