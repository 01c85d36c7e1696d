import { createHash } from "node:crypto";
import { lstatSync, type Stats } from "node:fs";
import { basename } from "node:path";
import { CONTENT_LIBRARIES } from "../threads/run-typescript.js";
import { Thread } from "../threads/thread.ts";
import { Diagnostics, displayPath, FILE_START, type Diagnostic } from "./diagnostics.ts";
import { parseFrontMatter, type FrontMatter } from "./frontmatter.ts";
import type { Article, PhotoUse } from "./model.ts";
import { readClaims, readValidClaims, type Claims, type ValidClaims } from "./claims.ts";
import { ARTICLE_LIMIT, tooLarge } from "./limits.ts";
import { decodeContentFile, readContentFile } from "./read-text.ts";
import { indexSources, indexTopics, type NameIndex, type RegistriesRead } from "./registries.ts";
import { readPhotoSrc, validateArticle, type ArticleContext } from "./validate.ts";
import { destinationKindOf, findSiteLinks, type SiteLink } from "../text/site-links.ts";
import { SLUG_PATTERN } from "../text/slug.ts";

/** One article file as read: what the archive store keeps of it. */
export interface ArticleEntry {
  /** Absolute path of the file. */
  path: string;
  /**
   * The git blob id of the file's bytes (hex, `digestOf`): the same in every clone, so that git's
   * index can vouch for a file unchanged (`src/content/git-files.ts`); absent when they could not be read.
   */
  digest?: string;
  /** The file's size, modification time and inode when read, if old enough to be trusted (see `trustedStat`). */
  stat?: FileStat;
  /** Its errors and warnings (the rules across articles apart). */
  diagnostics: Diagnostic[];
  /** Present when the file is valid. */
  article?: Article;
  /** For a file with errors: the URL, short link and aliases it holds as far as they can be read. */
  claims?: Claims;
  /** For a file with errors: of those, what is written right, which the rules across articles read (see `readValidClaims`). */
  validClaims?: ValidClaims;
  /** For a file with errors: its photo, when its `src` is written right (see `readPhotoSrc`). */
  photo?: PhotoUse["image"];
  /** For a file with errors whose body can be read: its links to the site's pages, checked with the articles'. */
  links?: readonly SiteLink[];
  /**
   * For a file with errors: the slugs of the topics and sources it names that the registries know,
   * of a list with an unknown name too; an entry that no file names may be a renamed one (see
   * `groupUnknownNames`).
   */
  names?: { topics: string[]; sources: string[] };
  /**
   * For a file with errors whose URL can't be read: the slugs it may have, its name's
   * (`10-la-suite.md`) and its `slug`'s (else its title's) as far as they can be read. A link to an
   * article URL with one of them, on any day (its date is unknown), is checked once it is mended.
   */
  slugs?: string[];
}

export interface ValidatedFiles {
  entries: ArticleEntry[];
}

// Files are read one at a time, synchronously: from the page cache that is faster than batches
// of asynchronous reads, whose thread-pool round trips cost more than the reading itself.
// Every so many files the event loop gets a turn, for a helper thread's progress messages, and
// the articles validated so far go on (`onProgress`): a build's body helper starts on them sooner.
const FILES_PER_TURN = 100;

/** Reads and validates article files, reporting every problem. */
export async function validateFiles(
  paths: readonly string[],
  registries: RegistriesRead,
  nowMs: number,
  onProgress?: (done: number, valid: Article[]) => void,
): Promise<ValidatedFiles> {
  const ctx: ArticleContext = { site: registries.site, topics: indexTopics(registries.topics), sources: indexSources(registries.sources), nowMs };
  const entries: ArticleEntry[] = [];
  for (let start = 0; start < paths.length; start += FILES_PER_TURN) {
    const end = Math.min(start + FILES_PER_TURN, paths.length);
    const valid: Article[] = [];
    for (let i = start; i < end; i++) {
      const entry = readArticleEntry(paths[i]!, ctx);
      if (entry.article) valid.push(entry.article);
      entries.push(entry);
    }
    onProgress?.(end - start, valid);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { entries };
}

/**
 * A file's digest: the id git gives a blob of its bytes (SHA-1 of `blob <length>\0` and the bytes,
 * in hex). Computed here from the bytes read, it is theirs whatever git's filters or line-ending
 * conversions would make of them: where those apply, git's id differs and the file is read.
 */
export function digestOf(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/**
 * What says a file is unchanged without reading it, as git's index says it: the size, the times of
 * the last change to its bytes (`mtimeMs`, which `touch -r` or `cp -p` set back) and to its inode
 * (`ctimeMs`, which every write moves on and nothing sets back), and the inode.
 */
export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

// A file changed twice within the clock's resolution keeps its time (the "racy git" problem): a
// stat taken this close to the file's last change is not kept, and the next sync reads the file.
// The change time is not asked to be as old: a file whose modification time was set back (`touch
// -r`) is then kept, and a second change would have to come within the same step of the change
// time, which is the kernel's own clock, not one a tool sets.
const RACY_MS = 2_000;

/** A file's stat as kept, when it is a file's, last changed long enough ago to be trusted; else undefined. */
export function trustedStat(stat: Stats, nowMs: number): FileStat | undefined {
  if (!stat.isFile() || stat.mtimeMs > nowMs - RACY_MS) return undefined;
  return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
}

/** Whether a file's stat is the one kept. */
export function sameStat(kept: FileStat, path: string): boolean {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  return stat !== undefined && stat.size === kept.size && stat.mtimeMs === kept.mtimeMs && stat.ctimeMs === kept.ctimeMs && stat.ino === kept.ino;
}

/** Reads and validates one article file (absolute path): its entry in the archive store. */
export function readArticleEntry(path: string, ctx: ArticleContext): ArticleEntry {
  const file = displayPath(path);
  const diagnostics = new Diagnostics();
  const read = readContentFile(path, ARTICLE_LIMIT);
  if (!read.ok) {
    diagnostics.error(file, FILE_START, read.message);
    return { path, diagnostics: diagnostics.items, ...slugsOf(path, []) };
  }
  // The open file's stat, the same as the path's (a symbolic link is not opened), taken before the
  // read: a change made while reading changes it, and the file is read again next time.
  const stat = trustedStat(read.stats, Date.now());
  const digest = digestOf(read.bytes);
  const kept = { path, digest, ...(stat ? { stat } : {}) };
  const { article, frontMatter, text } = validateBytes(file, read.bytes, ctx, diagnostics);
  if (article) return { ...kept, diagnostics: diagnostics.items, article };
  if (!frontMatter) return { ...kept, diagnostics: diagnostics.items, ...slugsOf(path, [writtenSlug(text)]) };
  const claims = readClaims(frontMatter.data, ctx.site.timezone);
  const validClaims = readValidClaims(frontMatter.data, ctx);
  const names = { topics: knownSlugs(frontMatter.data.topics, ctx.topics), sources: knownSlugs(frontMatter.data.sources, ctx.sources) };
  const photo = readPhotoSrc(frontMatter);
  // Files with errors are few: each keeps only what CommonMark reads as a link or an image, its body is not kept.
  const kindOf = destinationKindOf(frontMatter.body);
  const links = findSiteLinks(frontMatter.body, frontMatter.bodyLine, ctx.site.baseUrl).flatMap((link): SiteLink[] => {
    const kind = kindOf(link.url);
    return kind === undefined ? [] : [kind === "image" ? { ...link, image: true } : link];
  });
  return {
    ...kept,
    diagnostics: diagnostics.items,
    claims,
    ...(validClaims ? { validClaims } : {}),
    ...(names.topics.length > 0 || names.sources.length > 0 ? { names } : {}),
    ...(photo ? { photo } : {}),
    ...(links.length > 0 ? { links } : {}),
    ...(claims.url ? {} : slugsOf(path, [claims.slug])),
  };
}

// The slugs of the names of a list (or of one name written alone) that a registry knows.
function knownSlugs(value: unknown, index: NameIndex<{ slug: string }>): string[] {
  const names = typeof value === "string" ? [value] : Array.isArray(value) ? (value as unknown[]) : [];
  return names.flatMap((name) => {
    const entry = typeof name === "string" ? index.find(name) : undefined;
    return entry ? [entry.slug] : [];
  });
}

// The slugs a file whose URL can't be read may have: its name's, `DD-` cut off, and those written.
function slugsOf(path: string, written: readonly (string | undefined)[]): { slugs?: string[] } {
  const name = basename(path, ".md").replace(/^\d{2}-/, "");
  const slugs = [...new Set([name, ...written])].filter((slug): slug is string => slug !== undefined && SLUG_PATTERN.test(slug));
  return slugs.length > 0 ? { slugs } : {};
}

// The `slug:` line of front matter YAML can't read, if any: the text up to its closing `---`.
function writtenSlug(text: string | undefined): string | undefined {
  const end = text?.search(/\n---[ \t]*\r?(\n|$)/) ?? -1;
  return /^slug:[ \t]*(["']?)([a-z0-9-]+)\1[ \t]*\r?$/m.exec(end === -1 ? (text ?? "") : text!.slice(0, end))?.[2];
}

/** Validates one article file from its bytes. */
export function validateArticleFile(file: string, bytes: Uint8Array, ctx: ArticleContext, diagnostics: Diagnostics): Article | undefined {
  return validateBytes(file, bytes, ctx, diagnostics).article;
}

function validateBytes(
  file: string,
  bytes: Uint8Array,
  ctx: ArticleContext,
  diagnostics: Diagnostics,
): { article?: Article; frontMatter?: FrontMatter; text?: string } {
  if (bytes.length > ARTICLE_LIMIT.bytes) {
    diagnostics.error(file, FILE_START, tooLarge(ARTICLE_LIMIT, bytes.length));
    return {};
  }
  const decoded = decodeContentFile(bytes, "article");
  if (!decoded.ok) {
    diagnostics.error(file, decoded.at, decoded.message);
    return {};
  }
  const parsed = parseFrontMatter(decoded.text);
  if (!parsed.ok) {
    for (const p of parsed.problems) diagnostics.error(file, p.at, p.message);
    // YAML errors whose fixes are certain hide no other error: the fields are checked as read with
    // them, and the file takes part in the rules across articles as any file with errors does
    // (its URL, short link, photo, links). It stays refused, whatever its fields hold.
    if (!parsed.mended) return { text: decoded.text };
    validateArticle(file, parsed.mended, ctx, diagnostics);
    return { frontMatter: parsed.mended };
  }
  const article = validateArticle(file, parsed.frontMatter, ctx, diagnostics);
  return article ? { article } : { frontMatter: parsed.frontMatter };
}

/** What the main thread asks of a validation thread. */
export interface ValidationRequest {
  paths: readonly string[];
  registries: RegistriesRead;
  nowMs: number;
}

/** What a validation thread answers. */
export type ValidationReply = { kind: "progress"; done: number } | { kind: "validated"; result: ValidatedFiles };

/**
 * Validates files in a worker thread, so a large archive is checked on two cores. Articles come
 * back as copies: their topics and sources are linked again to the caller's registry entries.
 */
export class ValidationWorker {
  private constructor(private readonly thread: Thread<ValidationRequest, ValidationReply>) {}

  /** Starts a validation thread, if the thread budget has one free. */
  static start(): ValidationWorker | undefined {
    const [thread] = Thread.start<ValidationRequest, ValidationReply>(1, new URL("./validate-thread.ts", import.meta.url), { libraries: CONTENT_LIBRARIES });
    return thread && new ValidationWorker(thread);
  }

  async validate(paths: readonly string[], registries: RegistriesRead, nowMs: number, onProgress?: (done: number) => void): Promise<ValidatedFiles> {
    const validated = new Promise<ValidatedFiles>((resolve) =>
      this.thread.listen((reply) => {
        if (reply.kind === "progress") onProgress?.(reply.done);
        else resolve(reply.result);
      }),
    );
    this.thread.send({ paths, registries, nowMs });
    const result = await this.thread.until(validated);
    // A registry that can't be read has no entries to link to: its stand-ins stay copies.
    const topics = new Map(registries.topics?.map((t) => [t.slug, t]));
    const sources = new Map(registries.sources?.map((s) => [s.slug, s]));
    for (const { article } of result.entries) {
      if (!article) continue;
      article.topics = article.topics.map((t) => topics.get(t.slug) ?? t);
      article.sources = article.sources.map((s) => sources.get(s.slug) ?? s);
    }
    return result;
  }

  async close(): Promise<void> {
    await this.thread.close();
  }
}
