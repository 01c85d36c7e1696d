/**
 * How much a content file may hold. No archive comes near these; past them a file is refused,
 * before it is read where its size tells, so that one hostile or damaged file costs a fraction of
 * a second and a few megabytes, not minutes and gigabytes.
 */

const KB = 1024;
const MB = 1024 * KB;

/** An article file: text and front matter together; far above any real article, so that a long one is never refused. */
export const MAX_ARTICLE_BYTES = 16 * MB;

/** An article's front matter, between its two `---` lines (usually under 1 KB). */
export const MAX_FRONT_MATTER_BYTES = 64 * KB;

/** site.yaml, topics.yaml and sources.yaml, each (a topic takes about 100 bytes). */
export const MAX_REGISTRY_BYTES = 256 * KB;

/** urls.txt, which grows by a line of about 40 bytes for each page published. */
export const MAX_URL_MANIFEST_BYTES = 16 * MB;

/** Past this many errors and warnings in one file, the rest are counted on one line instead. */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

/**
 * A size as people read it.
 * @example formatSize(80 * 1024) // "80 KB"
 */
export function formatSize(bytes: number): string {
  if (bytes < KB) return `${bytes} bytes`;
  if (bytes < MB) return `${Math.ceil(bytes / KB)} KB`;
  return `${(Math.ceil((bytes / MB) * 10) / 10).toLocaleString("en-US")} MB`;
}

/**
 * The error for a file or a part of one past its limit.
 * @example tooLarge("the front matter", 81920, MAX_FRONT_MATTER_BYTES, "move long text into the body")
 * // "the front matter is 80 KB; the limit is 64 KB: move long text into the body"
 */
export function tooLarge(what: string, bytes: number, limit: number, fix: string): string {
  return `${what} is ${formatSize(bytes)}; the limit is ${formatSize(limit)}: ${fix}`;
}

/** How much a file may hold, and what to tell its editor past that. */
export interface SizeLimit {
  bytes: number;
  fix: string;
}

export const ARTICLE_LIMIT: SizeLimit = {
  bytes: MAX_ARTICLE_BYTES,
  fix: "an article is text: split it, or take out what is not (pasted data, images as text)",
};
export const REGISTRY_LIMIT: SizeLimit = { bytes: MAX_REGISTRY_BYTES, fix: "is it the right file? A topic or a source takes about 100 bytes" };
export const URL_MANIFEST_LIMIT: SizeLimit = { bytes: MAX_URL_MANIFEST_BYTES, fix: "is it the right file? Each published page adds a line of about 70 bytes" };
