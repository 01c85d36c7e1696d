// Plain JavaScript: this is what starts tsx, in the main thread (bin/depeche.js) and in each worker
// thread (thread-entry.js).
import { register } from "tsx/esm/api";

/** The libraries that reading and validating content uses. */
export const CONTENT_LIBRARIES = ["@sindresorhus/slugify", "fastest-levenshtein", "gray-matter", "js-yaml", "luxon", "yaml", "zod"];

/** The libraries that writing pages, feeds, sitemaps and the search index uses. */
export const WRITING_LIBRARIES = ["@11ty/eleventy", "fast-xml-parser", "markdown-it", "pagefind"];

/** The library that checks photos and makes their derivatives. */
export const PHOTO_LIBRARIES = ["sharp"];

const BUILDING_LIBRARIES = [...CONTENT_LIBRARIES, ...PHOTO_LIBRARIES, ...WRITING_LIBRARIES];

/**
 * The libraries each command uses (tests/cli/libraries.test.ts checks them against the imports).
 * A Map, not an object: a mistyped command such as "constructor" must reach main.ts's usage error.
 */
export const COMMAND_LIBRARIES = new Map([
  ["check", [...CONTENT_LIBRARIES, ...PHOTO_LIBRARIES]],
  ["build", BUILDING_LIBRARIES],
  ["serve", [...BUILDING_LIBRARIES, "@11ty/eleventy-dev-server"]],
  ["import", CONTENT_LIBRARIES],
  ["new", CONTENT_LIBRARIES],
]);

/**
 * Runs a TypeScript module through tsx. Once registered, tsx's loader sees every import, each one
 * a round trip to a thread of its own: Eleventy's hundreds of modules then load much more slowly,
 * and that thread keeps the other core busy. Libraries are plain JavaScript, so the given ones
 * are loaded natively first; the TypeScript that imports them then finds them loaded.
 * @param {URL} entry
 * @param {string[]} libraries
 */
export async function runTypeScript(entry, libraries) {
  // On Node 20, Eleventy registers a loader hook of its own, to reload what `--watch` sees change;
  // Dépêche never runs Eleventy's watch, and that hook also sends every later import to a thread.
  process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "true";
  for (const library of libraries) await import(library);
  register();
  await import(entry.href);
}
