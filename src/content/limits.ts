/**
 * How much a content file may hold. No archive comes near these; past them a file is refused,
 * before it is read where its size tells, so that one hostile or damaged file costs a fraction of
 * a second and a few megabytes, not minutes and gigabytes.
 */

import { messages } from "../i18n/messages.ts";

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

/** A wire dispatch given to `import`: a few kilobytes of text; past this it is not a dispatch. */
export const MAX_WIRE_BYTES = 1 * MB;

/** Past this many errors and warnings in one file, the rest are counted on one line instead. */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

/** How much a file may hold, and which message its editor reads past that. */
export interface SizeLimit {
  bytes: number;
  kind: "article" | "frontMatter" | "registry" | "urlManifest" | "wire" | "photo";
}

/**
 * The error for a file or a part of one past its limit.
 * @example tooLarge({ bytes: MAX_FRONT_MATTER_BYTES, kind: "frontMatter" }, 81920) // "l’en-tête fait 80 Ko ; la limite est de 64 Ko : …"
 */
export function tooLarge(limit: SizeLimit, bytes: number): string {
  const say = messages();
  return say.diagnostics.tooLarge(limit.kind, say.sizeInBytes(bytes), say.sizeInBytes(limit.bytes));
}

export const ARTICLE_LIMIT: SizeLimit = { bytes: MAX_ARTICLE_BYTES, kind: "article" };
export const FRONT_MATTER_LIMIT: SizeLimit = { bytes: MAX_FRONT_MATTER_BYTES, kind: "frontMatter" };
export const REGISTRY_LIMIT: SizeLimit = { bytes: MAX_REGISTRY_BYTES, kind: "registry" };
export const URL_MANIFEST_LIMIT: SizeLimit = { bytes: MAX_URL_MANIFEST_BYTES, kind: "urlManifest" };
export const WIRE_LIMIT: SizeLimit = { bytes: MAX_WIRE_BYTES, kind: "wire" };
