/** Where an article's file belongs by the folder convention `articles/YYYY/MM/DD-slug.md`. */
import type { Day } from "./model.ts";
import { messages } from "../i18n/messages.ts";
import { zoneName } from "../text/zone-names.ts";

/**
 * The path, relative to the articles folder, where a file dated `day` belongs when its path follows
 * the convention as far as it goes (year folder, month folder, `DD-` name) and says another date;
 * undefined when it is in its place or named otherwise (folders are the editors' choice).
 * @example expectedPlace("2021/11/28-irak.md", "2021-12-09") // "2021/12/09-irak.md"
 */
export function expectedPlace(relativePath: string, day: Day): string | undefined {
  // One pass: the year folder, then maybe the month folder, then maybe a `DD-` name.
  const parts = /^(\d{4})\/(?:(\d{2})\/(?:(\d{2})-(?=[^/]+$))?)?/.exec(relativePath);
  if (!parts) return undefined;
  const [matched, year, month, date] = parts;
  const rest = relativePath.slice(matched.length);
  if (year === day.slice(0, 4) && (month === undefined || month === day.slice(5, 7)) && (date === undefined || date === day.slice(8, 10))) return undefined;
  const place =
    date !== undefined
      ? `${day.slice(0, 4)}/${day.slice(5, 7)}/${day.slice(8, 10)}-`
      : month !== undefined
        ? `${day.slice(0, 4)}/${day.slice(5, 7)}/`
        : `${day.slice(0, 4)}/`;
  return place + rest;
}

/**
 * The warning for a file out of its place: `expected` is the path to show, `day` taken in the
 * site's `zone`; `published`, the published URL its path names that it must take as an alias first.
 */
export function misplacedMessage(day: Day, expected: string, zone: string, published?: string): string {
  return messages().diagnostics.misplacedFile(day, expected, zoneName(zone), published);
}
