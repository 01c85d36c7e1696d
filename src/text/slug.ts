import slugifyLibrary from "@sindresorhus/slugify";

// `’` and `'` break words (`l’Irak` → `l-irak`); the library's English defaults (`&` → "and",
// `♥` → "love") have no place in a French archive.
const replacements: [string, string][] = [
  ["’", " "],
  ["'", " "],
  ["&", " et "],
  ["♥", " "],
  ["🦄", " "],
];

/**
 * Makes the URL segment for a title, topic or source code: lower case, accents removed,
 * ligatures spelled out, apostrophes as word breaks. Same result for NFC and NFD input.
 * @example slugify("L’Irak et le cœur de l'État") // "l-irak-et-le-coeur-de-l-etat"
 */
export function slugify(text: string): string {
  return slugifyLibrary(text.normalize("NFC"), { decamelize: false, customReplacements: replacements });
}

/** A slug as the contract allows it in front matter: `[a-z0-9-]+`, no leading, trailing or double dash. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
