/** One wire file to one article file: decode, parse, choose topics, validate, then write. */
import { existsSync, readFileSync } from "node:fs";
import { Diagnostics, FILE_START, type Diagnostic, type Position } from "../content/diagnostics.ts";
import { parseFrontMatter } from "../content/frontmatter.ts";
import type { Article, Topic } from "../content/model.ts";
import { validateArticle } from "../content/validate.ts";
import { shortLinkKey, spelledAs } from "../text/web-links.ts";
import { addWritten, articlePath, display, type ArchiveIndex } from "./archive-index.ts";
import { decodeWireFile } from "./decode-wire.ts";
import { parseWire } from "./parse-wire.ts";
import { suggestTopics } from "./suggest-topics.ts";
import { fitSlug, MAX_SLUG_LENGTH } from "../text/slug.ts";
import { formatArticle, toMarkdownParagraph, writeNewArticle, type ArticleFile } from "./write-article.ts";
import { copyPhoto, photoTarget, type PhotoOption } from "./attach-photo.ts";
import { photoMessages } from "../images/photo-messages.ts";
import { readContractDate } from "../text/dates.ts";

export interface ImportOptions {
  /** The contract date given with --date, already checked; without it every file is refused. */
  date?: string;
  /** Topics given with --topics; suggested from the text when absent. */
  topics?: Topic[];
  /** A photo to attach (`--image`, checked by the command), copied under content/images/. */
  image?: PhotoOption;
}

export type ImportOutcome =
  | {
      ok: true;
      /** The article file written, as printed. */
      path: string;
      article: Article;
      topics: Topic[];
      /** Whether the topics were suggested rather than given. */
      suggested: boolean;
      warnings: Diagnostic[];
    }
  | { ok: false; diagnostics: Diagnostic[] };

// Two dispatches with the same headline on the same day get `-2`, `-3`… up to this.
const MAX_SLUG_SUFFIX = 99;

/**
 * Imports one wire file into the archive, or refuses it with the reasons and writes nothing.
 * The article is validated exactly as `depeche check` will before it is written, and never
 * replaces a file, a URL or a short link already in use (the index is updated as files are written).
 * A failed write (disk full, a symbolic link on the way) throws a CommandError: it would fail the
 * next files too.
 */
export function importWireFile(path: string, index: ArchiveIndex, options: ImportOptions): ImportOutcome {
  const file = display(path);
  const report = new Diagnostics();
  const fail = (at: Position, message: string): ImportOutcome => {
    report.error(file, at, message);
    return { ok: false, diagnostics: report.items };
  };

  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return fail(FILE_START, `can't read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): check the path`);
  }
  const decoded = decodeWireFile(bytes);
  if (!decoded.ok) return fail(FILE_START, decoded.message);
  if (decoded.encoding === "windows-1252") {
    report.warning(file, FILE_START, "not valid UTF-8: read as Windows-1252, as older agency feeds send it; check the accents and quotes of the article");
  }
  const parsed = parseWire(decoded.text, (line) => index.context.sources.find(line)?.code);
  if (!parsed.ok) return fail({ line: parsed.line, column: 1 }, parsed.message);
  const wire = parsed.wire;
  const titleAt: Position = { line: wire.titleLine, column: 1 };
  if (wire.leftovers.length > 0) {
    report.warning(
      file,
      FILE_START,
      `kept at the end of the body, not recognised as a source or share line: ${wire.leftovers.map((l) => JSON.stringify(l)).join(", ")}`,
    );
  }
  if (wire.sources.length === 0) {
    const codes = index.sources.map((s) => s.code).join(", ");
    return fail(
      FILE_START,
      `no source line at the end of the copy: the agency's code (${codes}) must be on a line of its own after the text; for another agency, add it to sources.yaml`,
    );
  }
  if (options.date === undefined) {
    return fail(
      FILE_START,
      "no publication date: pass --date with the day the agency published it, e.g. --date 2021-12-09 or --date 2021-12-09T15:10:00; a wrong date puts the article on the wrong day for good",
    );
  }

  const topics = options.topics ?? suggestTopics(wire.title, wire.paragraphs, index.topics);
  if (topics.length === 0) return fail(titleAt, "no topic of topics.yaml is named in the title or the text: pass --topics, e.g. --topics Irak,Défense");
  const fields: ArticleFile = {
    title: wire.title,
    date: options.date,
    sources: wire.sources,
    ...(wire.shortLink ? { shortLink: wire.shortLink } : {}),
    topics: topics.map((t) => t.label),
    body: wire.paragraphs.map(toMarkdownParagraph).join("\n\n"),
  };
  const photo = options.image;
  let photoSrc: string | undefined;
  if (photo) {
    // The photo goes under the article's day in the site's timezone, as its URL does.
    const read = readContractDate(options.date, index.context.site.timezone);
    photoSrc = read.ok ? photoTarget(index.root, read.moment.day, photo.file) : undefined;
    if (!photoSrc) return fail(FILE_START, photoMessages.import.noFreeName(photo.file));
    fields.image = { src: photoSrc, alt: photo.alt, credit: photo.credit, ...(photo.caption ? { caption: photo.caption } : {}) };
  }

  let checked = checkArticle(file, titleAt, fields, index, report);
  if (!checked) return { ok: false, diagnostics: report.items };
  const taken = collision(checked.article, index);
  if (taken) {
    const twin =
      taken.shortLink !== undefined && checked.article.shortLink !== undefined && shortLinkKey(taken.shortLink) !== shortLinkKey(checked.article.shortLink);
    if (!twin) return fail(titleAt, taken.message);
    // Another dispatch under the same headline that day (its share link differs): a slug of its own.
    const firstUrl = checked.article.url;
    checked = withFreeSlug(file, titleAt, fields, checked.article, index, report);
    if (!checked) return fail(titleAt, `${taken.message}; no free slug up to -${MAX_SLUG_SUFFIX}`);
    report.warning(
      file,
      titleAt,
      `${firstUrl} is already ${taken.file}, another dispatch with the same title that day: this one gets slug ${checked.article.slug}`,
    );
  }

  const target = articlePath(index.root, checked.article.published.day, checked.article.slug);
  const shown = display(target);
  if (existsSync(target)) return fail(titleAt, `${shown} already exists and is never overwritten: delete or rename it first if this copy should replace it`);
  // The photo first: an article never points at a photo that is not there.
  if (photo && photoSrc) copyPhoto(index.root, photo.file, photoSrc);
  writeNewArticle(index.root, target, checked.text);
  addWritten(index, checked.article, shown);
  return { ok: true, path: shown, article: checked.article, topics, suggested: options.topics === undefined, warnings: report.items };
}

interface Checked {
  text: string;
  article: Article;
}

// Runs the file about to be written through the validator `depeche check` uses. Its line numbers
// are those of the article, not of the wire copy, so problems point at the wire's title line.
function checkArticle(file: string, titleAt: Position, fields: ArticleFile, index: ArchiveIndex, report: Diagnostics): Checked | undefined {
  const text = formatArticle(fields);
  const parsed = parseFrontMatter(text);
  const scratch = new Diagnostics();
  const article = parsed.ok ? validateArticle(file, parsed.frontMatter, index.context, scratch) : undefined;
  if (!parsed.ok) for (const p of parsed.problems) report.error(file, titleAt, `the article would not be valid: ${p.message}`);
  for (const d of scratch.items) {
    if (d.severity === "error") report.error(file, titleAt, `the article would not be valid: ${d.message}`);
    else report.warning(file, titleAt, d.message);
  }
  return article ? { text, article } : undefined;
}

function collision(article: Article, index: ArchiveIndex): { message: string; file: string; shortLink?: string } | undefined {
  if (article.shortLink) {
    const owner = index.shortLinks.get(shortLinkKey(article.shortLink));
    if (owner)
      return {
        ...owner,
        message: `short link ${article.shortLink} is already used by ${owner.file}${spelledAs(owner.shortLink, article.shortLink)}: this dispatch is already in the archive`,
      };
  }
  const existing = index.urls.get(article.url);
  if (existing) {
    return {
      ...existing,
      message: `same URL ${article.url} as ${existing.file}: this dispatch is probably already in the archive; if it is another one, change its title line`,
    };
  }
  const aliasOf = index.aliases.get(article.url);
  if (aliasOf) return { file: aliasOf, message: `${article.url} is an old URL (alias) of ${aliasOf}: this dispatch is probably already in the archive` };
  const retired = index.retired.get(article.url);
  if (retired)
    return {
      file: retired,
      message: `${article.url} was published before (${retired}) and no article holds it now: a new article there would take its old readers; change the title line`,
    };
  return undefined;
}

function withFreeSlug(file: string, titleAt: Position, fields: ArticleFile, first: Article, index: ArchiveIndex, report: Diagnostics): Checked | undefined {
  for (let n = 2; n <= MAX_SLUG_SUFFIX; n++) {
    const slug = `${fitSlug(first.slug, MAX_SLUG_LENGTH - `-${n}`.length)}-${n}`;
    const url = first.url.replace(/[^/]+\/$/, `${slug}/`);
    if (index.urls.has(url) || index.aliases.has(url) || index.retired.has(url) || existsSync(articlePath(index.root, first.published.day, slug))) continue;
    return checkArticle(file, titleAt, { ...fields, slug }, index, report);
  }
  return undefined;
}
