import slugifyLibrary from "@sindresorhus/slugify";
import { messages } from "../i18n/messages.ts";

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
 * The longest slug, and the longest segment of any path the site writes (an alias's included), in
 * characters (slugs are ASCII: bytes too). File names stop at 255 bytes, and the importer and
 * `depeche new` name files `DD-<slug>.md`, beside a temporary name 30 characters longer while
 * writing. Set above what a French title of 200 characters gives (`œ` → `oe`, `&` → `et`), so
 * that only titles in other scripts (`щ` → `sch`) are ever cut, and no published URL changes.
 */
export const MAX_SLUG_LENGTH = 220;

// Windows can't create a file or folder of these names, whatever the extension (`nul.html` too),
// so a site holding one can't be built or previewed there. The messages list them in words.
const WINDOWS_DEVICE_NAME = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$)/i;

/** Whether Windows reserves a file name for a device (`con`, `NUL.html`, `com1`). */
export function isWindowsDeviceName(segment: string): boolean {
  return WINDOWS_DEVICE_NAME.test(segment);
}

/**
 * Makes the URL segment for a title, topic or source code: lower case, accents removed,
 * ligatures spelled out, apostrophes as word breaks. Same result for NFC and NFD input.
 * Past MAX_SLUG_LENGTH it is cut after a whole word; a name Windows reserves gets `-1`.
 * @example slugify("L’Irak et le cœur de l'État") // "l-irak-et-le-coeur-de-l-etat"
 * @example slugify("Nul") // "nul-1"
 */
export function slugify(text: string): string {
  const slug = fitSlug(segmentOf(text));
  return isWindowsDeviceName(slug) ? `${slug}-1` : slug;
}

/**
 * A slug cut after its last whole word within `max` characters (within, hard, when its first word is longer).
 * @example fitSlug("la-fin-de-la-mission", 12) // "la-fin-de-la"
 */
export function fitSlug(slug: string, max = MAX_SLUG_LENGTH): string {
  if (slug.length <= max) return slug;
  const wordEnd = slug.lastIndexOf("-", max);
  return wordEnd > 0 ? slug.slice(0, wordEnd) : slug.slice(0, max);
}

function segmentOf(text: string): string {
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

/** Whether a `slug` written so would be taken: the pattern, the length, and no Windows device name. */
export function isSlug(text: string): boolean {
  return SLUG_PATTERN.test(text) && text.length <= MAX_SLUG_LENGTH && !isWindowsDeviceName(text);
}

/** The longest alias: the redirect page's whole path must fit the 1,024 bytes macOS allows, with the site's own folder in front. */
export const MAX_ALIAS_LENGTH = 400;

// A path of this site: unreserved characters, and %XX escapes for the rest.
const ALIAS_SEGMENT = "(?:[a-z0-9._~-]|%[0-9a-f]{2})+";
const ALIAS_PATH = new RegExp(`^/(?:${ALIAS_SEGMENT}/)*(?:${ALIAS_SEGMENT}/?)?$`, "i");
// A `%` not followed by two hexadecimal digits, shown with what follows it (`%zz`, `%E`).
const MALFORMED_ESCAPE = /%(?![0-9a-f]{2})[^/]{0,2}/i;
const ESCAPES = /(?:%[0-9a-f]{2})+/gi;
// The escapes of what no file name holds on every disk: a control, `"`, `*`, `/`, `:`, `<`, `>`,
// `?`, `\`, `|`. The other characters of a path are unreserved ones, written as they are.
const NOT_IN_A_NAME = /%(?:[01][0-9a-f]|2[2af]|3[acef]|5c|7[cf])/i;

/**
 * Why an alias (an old URL of an article) is refused, or undefined when its redirect page can be
 * written on every disk, at the path its escapes decode to (where static servers look): not a path
 * of this site, a malformed escape, escapes that are no UTF-8 or that give a character no file
 * name holds, `.` or `..` segments, a hidden name (`.git`), a name too long, a segment ending in a dot or a space (Windows
 * drops them), a name Windows keeps for a device.
 * @example aliasPathProblem("/2021/nul/") // "« nul » dans un alias est un nom que Windows réserve aux périphériques …"
 */
export function aliasPathProblem(path: string): string | undefined {
  const say = messages().diagnostics;
  const malformed = MALFORMED_ESCAPE.exec(path);
  if (malformed) return say.aliasMalformedEscape(malformed[0]);
  if (!ALIAS_PATH.test(path)) return say.aliasNotPath();
  for (const [escapes] of path.matchAll(ESCAPES)) {
    if (decodes(escapes)) continue;
    // Most likely the address of an old site in Latin-1, where `é` is `%E9`.
    const latin1 = String.fromCharCode(
      ...escapes
        .split("%")
        .slice(1)
        .map((hex) => Number.parseInt(hex, 16)),
    );
    return say.aliasNotUtf8(escapes, latin1, encodeURIComponent(latin1));
  }
  const unwritable = NOT_IN_A_NAME.exec(path);
  if (unwritable) return say.aliasEscapeNotInName(unwritable[0]);
  const segments = path.split("/");
  const names = segments.map((segment) => decodeURIComponent(segment));
  if (names.some((name) => name === "." || name === "..")) return say.aliasDots();
  // A hidden name (`.git`, `.well-known`, `.env`): hosts refuse to serve it, `.well-known` belongs
  // to the host, and a `.git` folder in the output makes the next build refuse it as a repository.
  const hidden = segments.find((_, i) => names[i]!.startsWith("."));
  if (hidden !== undefined) return say.aliasHiddenName(hidden);
  if (path.length > MAX_ALIAS_LENGTH) return say.aliasTooLong(MAX_ALIAS_LENGTH, path.length);
  for (const [i, segment] of segments.entries()) {
    const name = names[i]!;
    if (segment.length > MAX_SLUG_LENGTH) return say.aliasSegmentTooLong(MAX_SLUG_LENGTH, segment.slice(0, 20), segment.length);
    if (name.endsWith(".") || name.endsWith(" ")) return say.aliasSegmentDot(segment);
    if (isWindowsDeviceName(name)) return say.aliasSegmentDeviceName(segment);
  }
  return undefined;
}

function decodes(escapes: string): boolean {
  try {
    decodeURIComponent(escapes);
    return true;
  } catch {
    return false;
  }
}
