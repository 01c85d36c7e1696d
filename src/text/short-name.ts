/** The most a phone's home screen shows of an app's name under its icon without cutting it. */
export const SHORT_NAME_LENGTH = 12;

// A title's name and its tagline: « Dépêches — archives de l’actualité », « Le Fil : l’actualité ».
const TAGLINE = /\s+[—–|·-]\s+|\s*:\s+/;

// Words a name does not end on: « Archives de » is half a name.
const DANGLING = new Set(["à", "au", "aux", "d’", "de", "des", "du", "en", "et", "l’", "la", "le", "les", "ou", "par", "pour", "sur", "un", "une"]);

const lengthOf = (text: string): number => [...text].length;

/**
 * The site's name for a home screen (a manifest's `short_name`): the title's part before its
 * tagline when that fits, else its first whole words that fit, never ending on « de » or « la »;
 * a first word too long alone is cut, with an ellipsis.
 * @example shortSiteName("Dépêches — archives de l’actualité") // "Dépêches"
 * @example shortSiteName("Archives de test") // "Archives"
 */
export function shortSiteName(title: string, max = SHORT_NAME_LENGTH): string {
  const name = title.trim().split(TAGLINE)[0] || title.trim();
  if (lengthOf(name) <= max) return name;
  const words: string[] = [];
  for (const word of name.split(/\s+/)) {
    if (lengthOf([...words, word].join(" ")) > max) break;
    words.push(word);
  }
  while (words.length > 1 && DANGLING.has(words.at(-1)!.toLowerCase())) words.pop();
  const kept = words.join(" ").replace(/[\s,;:.–—-]+$/, "");
  return kept === "" ? `${[...name].slice(0, max - 1).join("")}…` : kept;
}
