/** Where an article's file belongs by the folder convention `articles/YYYY/MM/DD-slug.md`. */
import type { Day } from "./model.ts";

// Editors' messages, in French, kept together to move into the message catalogue.
const MESSAGES = {
  misplaced: (day: Day, expected: string): string =>
    `le fichier est rangé à une autre date que la sienne (${day}, jour de Paris) : sa place est ${expected} ; déplacez-le (l’adresse de l’article suit sa date, pas son dossier)`,
};

/**
 * The path, relative to the articles folder, where a file dated `day` belongs when its path follows
 * the convention as far as it goes (year folder, month folder, `DD-` name) and says another date;
 * undefined when it is in its place or named otherwise (folders are the editors' choice).
 * @example expectedPlace("2021/11/28-irak.md", "2021-12-09") // "2021/12/09-irak.md"
 */
export function expectedPlace(relativePath: string, day: Day): string | undefined {
  const [year, month, date] = day.split("-") as [string, string, string];
  const full = /^(\d{4})\/(\d{2})\/(\d{2})-([^/]+)$/.exec(relativePath);
  if (full) return full[1] === year && full[2] === month && full[3] === date ? undefined : `${year}/${month}/${date}-${full[4]}`;
  const inMonth = /^(\d{4})\/(\d{2})\/(.+)$/.exec(relativePath);
  if (inMonth) return inMonth[1] === year && inMonth[2] === month ? undefined : `${year}/${month}/${inMonth[3]}`;
  const inYear = /^(\d{4})\/(.+)$/.exec(relativePath);
  if (inYear) return inYear[1] === year ? undefined : `${year}/${inYear[2]}`;
  return undefined;
}

/** The warning for a file out of its place: `expected` is the path to show. */
export function misplacedMessage(day: Day, expected: string): string {
  return MESSAGES.misplaced(day, expected);
}
