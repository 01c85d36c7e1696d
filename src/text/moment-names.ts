import type { MomentName } from "../i18n/messages.ts";
import type { Moment } from "./dates.ts";
import { formatMoment } from "./french-dates.ts";
import { partsOfDay } from "./dates.ts";

// English names, spelled here as the French ones are in french-dates.ts: the output does not
// depend on the ICU data Node was built with. In Date's order: 0 is Sunday.
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;
const WEEKDAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/**
 * A Moment as English messages write it, in the style of their other dates ("December 5, 2026"):
 * the weekday, then the time on the site's clock (24-hour) when the editor gave one. The Moment's
 * day and time are already the site's: no timezone of the machine is read.
 * @example formatMomentEn(parseContractDate("2026-12-05T02:16", "Europe/Paris")!) // "Saturday, December 5, 2026 at 02:16"
 */
export function formatMomentEn(moment: Moment): string {
  const { year, month, day } = partsOfDay(moment.day);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const text = `${WEEKDAYS_EN[date.getUTCDay()]}, ${MONTHS_EN[month - 1]} ${day}, ${year}`;
  return moment.hasTime ? `${text} at ${moment.time}` : text;
}

/**
 * How messages name a moment, in each language, as zoneName() names a timezone: the catalogues
 * (src/i18n) can't format dates themselves, and each takes its own language's.
 * @example momentName(parseContractDate("2026-12-05T02:16", "Europe/Paris")!) // { fr: "samedi 5 décembre 2026 à 2 h 16", en: "Saturday, December 5, 2026 at 02:16" }
 */
export function momentName(moment: Moment): MomentName {
  return { fr: formatMoment(moment), en: formatMomentEn(moment) };
}
