/** One wire file to one article file: decode, parse, choose topics, validate, then write. */
import { existsSync } from "node:fs";
import { readContentFile } from "../content/read-text.ts";
import { WIRE_LIMIT } from "../content/limits.ts";
import { Diagnostics, FILE_START, type Diagnostic, type Position } from "../content/diagnostics.ts";
import { parseFrontMatter } from "../content/frontmatter.ts";
import type { Article, Topic } from "../content/model.ts";
import { validateArticle } from "../content/validate.ts";
import { MAX_TITLE_LENGTH } from "../content/schema.ts";
import { shortLinkKey } from "../text/web-links.ts";
import { messages } from "../i18n/messages.ts";
import { addWritten, articlePath, display, type ArchiveIndex } from "./archive-index.ts";
import { decodeWireFile } from "./decode-wire.ts";
import { parseWire, type WireCopy, type WireLine } from "./parse-wire.ts";
import { suggestTopics } from "./suggest-topics.ts";
import { fitSlug, MAX_SLUG_LENGTH } from "../text/slug.ts";
import { formatArticle, toMarkdownParagraph, writeNewArticle, yamlString, type ArticleFile } from "./write-article.ts";
import { copyPhoto, photoTarget, type PhotoOption } from "./attach-photo.ts";
import { readContractDate } from "../text/dates.ts";
import { momentName } from "../text/moment-names.ts";
import { zoneName } from "../text/zone-names.ts";

export interface ImportOptions {
  /** The contract date: --date as given, already checked, else the command's now (see `datedNow`). */
  date: string;
  /** Set when no --date was given and `date` is now: each file written says so, with a warning. */
  datedNow?: true;
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
 * replaces a file, a URL or a short link already in use (the index is updated as files are written),
 * nor takes a URL once published that no article holds, unless it restores the article published
 * there: it is that URL's dispatch (its day, its title as slugged), and no `!` removed it on purpose.
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

  // Read as a content file is: no symbolic link, nothing but a regular file, its size checked before a byte is read.
  const read = readContentFile(path, WIRE_LIMIT);
  if (!read.ok) return fail(FILE_START, read.missing ? messages().wire.cannotRead(read.message) : read.link ? messages().wire.wireSymlink() : read.message);
  const decoded = decodeWireFile(read.bytes);
  if (!decoded.ok) return fail(decoded.at, decoded.message);
  if (decoded.firstNonUtf8) report.warning(file, decoded.firstNonUtf8, messages().wire.readAsWindows1252(), "readAsWindows1252");
  const parsed = parseWire(decoded.text, (line) => index.context.sources.find(line)?.code);
  if (!parsed.ok) return fail({ line: parsed.line, column: 1 }, parsed.message);
  const wire = parsed.wire;
  const titleAt: Position = { line: wire.titleLine, column: wire.titleColumn };
  const [leftover] = wire.leftovers;
  if (leftover) {
    report.warning(file, lineStart(leftover), messages().wire.leftovers(wire.leftovers.map((l) => l.text)), "leftovers");
  }
  const codes = index.sources.map((s) => s.code);
  const [unknown] = wire.unknownSources;
  if (wire.sources.length === 0 && !unknown) return fail(lineStart(wire.paragraphLines.at(-1)!), messages().wire.noSource(codes.join(", ")));
  const together = codesTogether(wire.unknownSources, index);
  if (together) return fail(lineStart(together.line), messages().wire.oneCodePerLine(together.line.text, together.codes));
  if (unknown) {
    // Written, the article would credit the other agencies only, and end on the agency's name.
    const names = wire.unknownSources.map((l) => l.text);
    const suggestion = names.length === 1 ? index.context.sources.suggest(unknown.text) : undefined;
    const say = wire.sources.length === 0 ? messages().wire.unknownAgency : messages().wire.unknownAgencyAboveSources;
    return fail(lineStart(unknown), say(names, suggestion, codes));
  }

  const topics = options.topics ?? suggestTopics(wire.title, wire.paragraphs, index.topics);
  if (topics.length === 0) return fail(titleAt, messages().wire.noTopic());
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
    if (!photoSrc) return fail(FILE_START, messages().cli.imageNoFreeName(photo.file));
    fields.image = { src: photoSrc, alt: photo.alt, credit: photo.credit, ...(photo.caption ? { caption: photo.caption } : {}) };
  }

  let checked = checkArticle(file, wire, fields, index, report);
  if (!checked) return { ok: false, diagnostics: report.items };
  const taken = collision(checked.article, index);
  if (taken) {
    if (taken.ofShortLink && wire.shareLine) return fail(lineStart(wire.shareLine), taken.message);
    const twin =
      taken.shortLink !== undefined && checked.article.shortLink !== undefined && shortLinkKey(taken.shortLink) !== shortLinkKey(checked.article.shortLink);
    if (!twin) return fail(titleAt, taken.message);
    // Another dispatch under the same headline that day (its share link differs): a slug of its own.
    const firstUrl = checked.article.url;
    checked = withFreeSlug(file, wire, fields, checked.article, index, report);
    if (!checked) return fail(titleAt, messages().wire.noFreeSlug(taken.message, MAX_SLUG_SUFFIX));
    report.warning(file, titleAt, messages().wire.sameTitleThatDay(firstUrl, taken.file, checked.article.slug), "sameTitleThatDay");
  }

  // A published URL no article holds: this dispatch, of that day and title, puts the article back.
  const restored = index.restorable.has(checked.article.url) ? index.retired.get(checked.article.url) : undefined;
  if (restored) report.warning(file, titleAt, messages().wire.restoresPublishedUrl(checked.article.url, restored), "restoresPublishedUrl");

  const target = articlePath(index.root, checked.article.published.day, checked.article.slug);
  const shown = display(target);
  if (existsSync(target)) return fail(titleAt, messages().wire.fileExists(shown));
  // Raw copy carries no date: the file written says which one it took, and how to give another.
  if (options.datedNow) {
    const when = momentName(checked.article.published);
    report.warning(file, titleAt, messages().wire.datedNow(when, zoneName(index.context.site.timezone), shown), "datedNow");
  }
  // The photo first: an article never points at a photo that is not there.
  if (photo && photoSrc) copyPhoto(index.root, photo.bytes, photoSrc);
  writeNewArticle(index.root, target, checked.text);
  addWritten(index, checked.article, shown);
  return { ok: true, path: shown, article: checked.article, topics, suggested: options.topics === undefined, warnings: report.items };
}

interface Checked {
  text: string;
  article: Article;
}

// Runs the file about to be written through the validator `depeche check` uses.
function checkArticle(file: string, wire: WireCopy, fields: ArticleFile, index: ArchiveIndex, report: Diagnostics): Checked | undefined {
  const text = formatArticle(fields);
  const parsed = parseFrontMatter(text);
  const scratch = new Diagnostics();
  const article = parsed.ok ? validateArticle(file, parsed.frontMatter, index.context, scratch) : undefined;
  const titleAt = { line: wire.titleLine, column: wire.titleColumn };
  if (!parsed.ok) for (const p of parsed.problems) report.error(file, titleAt, messages().wire.wouldNotBeValid(p.message));
  for (const d of scratch.items) {
    const at = parsed.ok ? positionInWire(d, text, parsed.frontMatter.bodyLine, wire) : titleAt;
    if (d.severity === "error") report.error(file, at, inWireTerms(d.message));
    else report.warning(file, at, d.message, d.kind);
  }
  return article ? { text, article } : undefined;
}

// `check`'s advice for the title (add a slug, move the rest to summary) is for an article file;
// import has no option for either: the editor changes the wire copy and imports it again.
function inWireTerms(message: string): string {
  const say = messages();
  if (message === say.diagnostics.noSlugFromTitle()) return say.wire.titleNoSlug();
  if (message === say.diagnostics.titleTooLong(MAX_TITLE_LENGTH)) return say.wire.titleTooLong(MAX_TITLE_LENGTH);
  return say.wire.wouldNotBeValid(message);
}

// A problem of the article file, taken back to the wire line its text came from: the title, a
// paragraph or the share line. What the options gave (date, topics, photo) points at the title.
function positionInWire(d: Position, text: string, bodyLine: number, wire: WireCopy): Position {
  const titleAt = { line: wire.titleLine, column: wire.titleColumn };
  // Each paragraph is one line of the body, a blank line between two.
  const paragraph = d.line >= bodyLine && (d.line - bodyLine) % 2 === 0 ? wire.paragraphLines[(d.line - bodyLine) / 2] : undefined;
  if (paragraph) return { line: paragraph.line, column: paragraph.column + unescapedLength(toMarkdownParagraph(paragraph.text), d.column - 1) };
  const key = /^(\w+):/.exec(text.split("\n", d.line)[d.line - 1] ?? "")?.[1];
  if (key === "shortLink" && wire.shareLine) return lineStart(wire.shareLine);
  // The title is a YAML string in quotes after `title: `.
  if (key === "title") return { line: titleAt.line, column: titleAt.column + unescapedLength(yamlString(wire.title).slice(1), Math.max(0, d.column - 9)) };
  return titleAt;
}

// How many characters of a text come before `offset` in its escaped form, where each backslash
// sequence (`\*`, `\"`, `\u0007`) stands for one character of the text.
function unescapedLength(escaped: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset; n++) i += escaped[i] !== "\\" ? 1 : escaped[i + 1] === "u" ? 6 : 2;
  return n;
}

function collision(article: Article, index: ArchiveIndex): { message: string; file: string; shortLink?: string; ofShortLink?: true } | undefined {
  if (article.shortLink) {
    const owner = index.shortLinks.get(shortLinkKey(article.shortLink));
    if (owner)
      return {
        ...owner,
        message: messages().wire.shortLinkTaken(article.shortLink, owner.file, owner.shortLink === article.shortLink ? undefined : owner.shortLink),
        ofShortLink: true,
      };
  }
  const existing = index.urls.get(article.url);
  if (existing) {
    return {
      ...existing,
      message: messages().wire.sameUrl(article.url, existing.file),
    };
  }
  const aliasOf = index.aliases.get(article.url);
  if (aliasOf) return { file: aliasOf, message: messages().wire.oldUrl(article.url, aliasOf) };
  const retired = index.restorable.has(article.url) ? undefined : index.retired.get(article.url);
  if (retired)
    return {
      file: retired,
      message: messages().wire.retiredUrl(article.url, retired),
    };
  return undefined;
}

function withFreeSlug(file: string, wire: WireCopy, fields: ArticleFile, first: Article, index: ArchiveIndex, report: Diagnostics): Checked | undefined {
  for (let n = 2; n <= MAX_SLUG_SUFFIX; n++) {
    const slug = `${fitSlug(first.slug, MAX_SLUG_LENGTH - `-${n}`.length)}-${n}`;
    const url = first.url.replace(/[^/]+\/$/, `${slug}/`);
    const retired = index.retired.has(url) && !index.restorable.has(url);
    if (index.urls.has(url) || index.aliases.has(url) || retired || existsSync(articlePath(index.root, first.published.day, slug))) continue;
    return checkArticle(file, wire, { ...fields, slug }, index, report);
  }
  return undefined;
}

// Known codes run together on one line (« AA / TRT FR », « AA, TRT FR »): the first such line and its codes.
function codesTogether(lines: readonly WireLine[], index: ArchiveIndex): { line: WireLine; codes: string[] } | undefined {
  for (const line of lines) {
    const codes = line.text.split(/\s*[/,;&+|]\s*|\s+et\s+/u).map((part) => index.context.sources.find(part)?.code);
    if (codes.length > 1 && codes.every((code) => code !== undefined)) return { line, codes: codes as string[] };
  }
  return undefined;
}

function lineStart(line: WireLine): Position {
  return { line: line.line, column: line.column };
}
