import slugifyLibrary from "@sindresorhus/slugify";

// The contract's rule, as the corpus generator applies it: accents removed (NFD, then combining
// marks dropped, so `ä` → `a`, where the library's German transliteration gives `ae`), ligatures
// spelled out (`œ` → `oe`, `æ` → `ae`), `’` and `'` as word breaks, anything but letters and digits
// a word break. Only what is left (letters with no decomposition, such as `ø`, `ł`, `ı`, `ß`, or
// other scripts) goes to the library for transliteration. `&` reads "et": the library's English
// defaults (`&` → "and", `♥` → "love") have no place in a French archive.
const COMBINING_MARKS = /\p{M}/gu;
const LIGATURES = /[œŒæÆ]/g;
const SPELLED_LIGATURES: Record<string, string> = { œ: "oe", Œ: "oe", æ: "ae", Æ: "ae" };
const AMPERSAND = /&/g;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const PLAIN_SLUG = /^[a-z0-9 ]*$/;
const SPACES = / +/g;

/**
 * Makes the URL segment for a title, topic or source code: lower case, accents removed,
 * ligatures spelled out, apostrophes as word breaks. Same result for NFC and NFD input.
 * @example slugify("L’Irak et le cœur de l'État") // "l-irak-et-le-coeur-de-l-etat"
 */
export function slugify(text: string): string {
  const words = text
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(LIGATURES, (c) => SPELLED_LIGATURES[c]!)
    .replace(AMPERSAND, " et ")
    .replace(NOT_LETTER_OR_DIGIT, " ")
    .toLowerCase()
    .trim();
  // French text ends here as [a-z0-9 ]; the library is only needed for other letters.
  return PLAIN_SLUG.test(words) ? words.replace(SPACES, "-") : slugifyLibrary(words, { decamelize: false, customReplacements: [] });
}

/** A slug as the contract allows it in front matter: `[a-z0-9-]+`, no leading, trailing or double dash. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
