// Plain JavaScript: this is what starts Dépêche's TypeScript, in the main thread (bin/depeche.js)
// and in each worker thread (thread-entry.js): compiled ahead (compiled.js), else through tsx.
import { fileURLToPath, pathToFileURL } from "node:url";
import { activeCompiled, adoptCompiled, compiledModule, useCompiled } from "./compiled.js";

/** The libraries that reading and validating content uses. */
export const CONTENT_LIBRARIES = ["@sindresorhus/slugify", "fastest-levenshtein", "gray-matter", "js-yaml", "luxon", "markdown-it", "yaml", "zod"];

/**
 * The libraries that writing pages, feeds and sitemaps uses. Pagefind is not one: a build imports
 * the search indexer only when it indexes, and its threads load Pagefind themselves.
 */
export const WRITING_LIBRARIES = ["@11ty/eleventy", "fast-xml-parser"];

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
 * Runs a TypeScript module: its bundle, compiled ahead from the sources as they are (compiled.js),
 * else the module itself through tsx. The main thread chooses; its threads run from the same
 * bundles (`compiled`, their folder, passed on by thread.ts).
 * @param {URL} entry
 * @param {readonly string[]} libraries
 * @param {string} [compiled]
 */
export async function runTypeScript(entry, libraries, compiled) {
  // On Node 20, Eleventy registers a loader hook of its own, to reload what `--watch` sees change;
  // Dépêche never runs Eleventy's watch, and that hook also sends every later import to a thread.
  process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "true";
  if (compiled === undefined) await useCompiled();
  else adoptCompiled(compiled);
  const bundle = compiledModule(entry);
  if (bundle) {
    await import(bundle.href);
    return;
  }
  await runThroughTsx(entry, libraries);
}

/** The folder of bundles worker threads should run from, or "" for tsx (thread.ts passes it on). */
export function compiledForThreads() {
  return activeCompiled() ?? "";
}

/**
 * Runs a TypeScript module through tsx. Once registered, tsx's loader sees every import, each one
 * a round trip to a thread of its own: Eleventy's hundreds of modules then load much more slowly,
 * and that thread keeps the other core busy. Libraries are plain JavaScript, so the given ones
 * are loaded natively first; the TypeScript that imports them then finds them loaded.
 * @param {URL} entry
 * @param {readonly string[]} libraries
 */
async function runThroughTsx(entry, libraries) {
  for (const library of libraries) await import(library);
  const { register } = await import("tsx/esm/api");
  register();
  await import(entry.href);
}

/** Where Eleventy finds Dépêche's configuration: its bundle, or the source through tsx. */
export function eleventyConfigPath(source) {
  const bundle = compiledModule(pathToFileURL(source));
  return bundle ? fileURLToPath(bundle) : source;
}
