import type { Diagnostics, Position } from "./diagnostics.ts";
import type { FrontMatter } from "./frontmatter.ts";
import type { Article, Moment, PhotoUse, SiteConfig, Source, Topic } from "./model.ts";
import type { NameIndex } from "./registries.ts";
import { ARTICLE_KEYS, ARTICLE_NESTED_KEYS, checkShape, frontMatterSchema, meantKey, type FrontMatterFields } from "./schema.ts";
import { describeControlCharacter, findControlCharacter } from "../text/control-characters.ts";
import { findControlEntities } from "../text/control-entities.ts";
import { DATE_YEARS, readArticleDate, zoneOffsets, type DateProblem } from "../text/dates.ts";
import { zoneName } from "../text/zone-names.ts";
import { slugify } from "../text/slug.ts";
import { momentName } from "../text/moment-names.ts";
import { findSiteLinks } from "../text/site-links.ts";
import { findRefusedLinks } from "../text/refused-links.ts";
import { findOutsideImages } from "../text/outside-images.ts";
import { titleHeadingLines } from "../text/markdown.ts";
import { shortLinkKey } from "../text/web-links.ts";
import type { PathClash, SitePaths } from "./site-files.ts";
import type { Claimant } from "./claims.ts";
import { fileOfUrl, pathOfUrl, SEARCH_INDEX_URL } from "../urls/site-urls.ts";
import { articleUrl } from "../urls/site-urls.ts";
import { messages } from "../i18n/messages.ts";
import { urlNamedBy } from "./url-manifest.ts";

/** What `depeche new` writes as the body; `check` warns about it in a draft, refuses it in an article. */
export const BODY_PLACEHOLDER = "Écrivez ici le texte de l’article.";

/**
 * How far ahead an article may be dated: a later date is an error, not an embargo. A wire embargo
 * lasts hours or days; a month covers a scheduled anniversary piece.
 */
export const FUTURE_HORIZON_DAYS = 31;
export const FUTURE_HORIZON_MS = FUTURE_HORIZON_DAYS * 86_400_000;

/** Cloudflare Pages reads at most this many static rules of `_redirects` and skips the rest. */
export const REDIRECT_RULES_LIMIT = 2_000;

/** Beyond this a feed reader or a search result cuts the standfirst. */
export const SUMMARY_WARN_LENGTH = 300;

export interface ArticleContext {
  site: SiteConfig;
  topics: NameIndex<Topic>;
  sources: NameIndex<Source>;
  /** The build's "now": articles dated after it are held back. */
  nowMs: number;
}

/** Validates one article's front matter and body; reports every problem, returns the Article when there is none. */
export function validateArticle(file: string, fm: FrontMatter, ctx: ArticleContext, diagnostics: Diagnostics): Article | undefined {
  const before = diagnostics.errorCount;
  // A `draft` written wrong (`draft: yes`) reads as no draft: the file is refused either way, and a
  // draft only turns some errors into warnings (an unwritten text, a date past the horizon), never
  // the reverse, so every error the editor may meet once it is mended is told now.
  const draft = fm.data.draft === true;
  const unfinished = draft ? warnUnfinished(file, fm, diagnostics) : [];
  const data = unfinished.length === 0 ? fm.data : Object.fromEntries(Object.entries(fm.data).filter(([key]) => !unfinished.includes(key)));
  const { value: fields, problems } = checkShape(schemaFor(unfinished), data, fm, ARTICLE_KEYS, ARTICLE_NESTED_KEYS);
  for (const p of problems) diagnostics.error(file, p.at, p.message);
  // Shape errors hide nothing else: each check below runs when the fields it reads are written
  // right, whatever another field holds, and never on a field already reported.
  const field = <K extends "title" | "date" | "updated" | "summary">(key: K): FrontMatterFields[K] | undefined =>
    fields ? fields[key] : (frontMatterSchema.shape[key].safeParse(data[key]).data as FrontMatterFields[K] | undefined);
  const date = field("date");
  const updatedText = field("updated");
  const published = date === undefined ? undefined : readDate(file, fm, "date", date, ctx.site.timezone, diagnostics);
  const updated = updatedText === undefined ? undefined : readDate(file, fm, "updated", updatedText, ctx.site.timezone, diagnostics);
  if (published && updated && updated.epochMs < published.epochMs) {
    diagnostics.error(file, fm.valuePosition(["updated"]), messages().diagnostics.updatedBeforeDate(updatedText!, date!));
  }
  // Unknown names are told whatever the list's shape: each name written is looked up.
  const topics = resolveNames(file, fm, "topics", fields ? (fields.topics ?? []) : fm.data.topics, ctx.topics, diagnostics);
  const sources = resolveNames(file, fm, "sources", fields ? (fields.sources ?? []) : fm.data.sources, ctx.sources, diagnostics);

  const title = field("title");
  const slug = fields ? (fields.slug ?? slugify(fields.title)) : data.slug === undefined && title !== undefined ? slugify(title) : undefined;
  if (slug === "") {
    diagnostics.error(file, fm.valuePosition(["title"]), messages().diagnostics.noSlugFromTitle());
  }
  checkBody(file, fm, draft, ctx.site, diagnostics);

  const summary = field("summary");
  if (summary && [...summary].length > SUMMARY_WARN_LENGTH) {
    diagnostics.warning(file, fm.valuePosition(["summary"]), messages().diagnostics.summaryTooLong([...summary].length, SUMMARY_WARN_LENGTH), "summaryTooLong");
  }
  if (published && !draft && published.epochMs > ctx.nowMs) {
    // A date past the horizon is far more likely a typo (2062 for 2026) than an embargo: left as a
    // warning, the article would silently stay off the site for years.
    if (published.epochMs - ctx.nowMs > FUTURE_HORIZON_MS)
      diagnostics.error(file, fm.valuePosition(["date"]), messages().diagnostics.tooFarAhead(FUTURE_HORIZON_DAYS, published.iso, momentName(published)));
    else diagnostics.warning(file, fm.valuePosition(["date"]), messages().diagnostics.heldBack(published.iso, momentName(published)), "heldBack");
  } else if (updated && !draft && updated.epochMs > ctx.nowMs) {
    diagnostics.warning(file, fm.valuePosition(["updated"]), messages().diagnostics.updatedAhead(updated.iso, momentName(updated)), "updatedAhead");
  }

  if (!fields || slug === undefined || diagnostics.errorCount > before || !published || !topics || !sources) return undefined;
  return {
    sourcePath: file,
    title: fields.title,
    published,
    ...(updated ? { updated } : {}),
    sources,
    topics,
    ...(fields.shortLink ? { shortLink: fields.shortLink } : {}),
    ...(fields.summary ? { summary: fields.summary } : {}),
    slug,
    url: articleUrl(published.day, slug),
    draft,
    aliases: fields.aliases ?? [],
    body: fm.body,
    bodyLine: fm.bodyLine,
    links: findSiteLinks(fm.body, fm.bodyLine, ctx.site.baseUrl),
    ...(fields.image
      ? {
          image: {
            src: fields.image.src,
            alt: fields.image.alt,
            credit: fields.image.credit,
            ...(fields.image.caption ? { caption: fields.image.caption } : {}),
            at: fm.valuePosition(["image", "src"]),
          },
        }
      : {}),
  };
}

/**
 * The photo of a file with errors, when its `image.src` is written right: its file is checked all
 * the same, so that its errors come in the same run as the others (an empty `alt`, a typo in a topic).
 */
export function readPhotoSrc(fm: FrontMatter): PhotoUse["image"] {
  const image = fm.data.image;
  if (image === null || typeof image !== "object" || Array.isArray(image)) return undefined;
  const src = (image as Record<string, unknown>).src;
  if (typeof src !== "string" || src.trim() === "") return undefined;
  return { src: src.trim(), at: fm.valuePosition(["image", "src"]) };
}

/**
 * In a draft, what the editor has yet to write (sources, topics, a summary, the body) may be
 * missing or empty: a warning until "draft" is removed. What is written wrong stays an error.
 */
const UNFINISHED_KEYS = ["sources", "topics", "summary"] as const;

// A draft's schema: the unfinished keys, once warned about and left out, may be absent; the others
// stay required, so that one written under another name (`topic:`) is told to be renamed.
const DRAFT_SCHEMAS = {
  "": frontMatterSchema,
  sources: frontMatterSchema.partial({ sources: true }),
  topics: frontMatterSchema.partial({ topics: true }),
  "sources,topics": frontMatterSchema.partial({ sources: true, topics: true }),
};

function schemaFor(unfinished: readonly string[]): (typeof DRAFT_SCHEMAS)[keyof typeof DRAFT_SCHEMAS] {
  const optional = unfinished.filter((key) => key === "sources" || key === "topics").join(",");
  return DRAFT_SCHEMAS[optional as keyof typeof DRAFT_SCHEMAS];
}

// An absent key an unknown one stands for (`topic:`, `sujets:`) is written, under the wrong name.
function isWrittenAsAnother(fm: FrontMatter, key: string): boolean {
  return Object.keys(fm.data).some((written) => !(ARTICLE_KEYS as readonly string[]).includes(written) && meantKey(written, [key]) === key);
}

// Warns about each unfinished key of a draft; returns them, for the schema to leave out.
function warnUnfinished(file: string, fm: FrontMatter, diagnostics: Diagnostics): string[] {
  const unfinished: string[] = [];
  for (const key of UNFINISHED_KEYS) {
    const value = fm.data[key];
    const blank = value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
    if (key === "summary" ? !blank : (value !== undefined && !blank) || (value === undefined && isWrittenAsAnother(fm, key))) continue;
    unfinished.push(key);
    // An absent key is told as it is once `draft` is removed (see checkShape): at the top of the file.
    if (value === undefined) diagnostics.warning(file, { line: 1, column: 1 }, messages().diagnostics.missingInDraft(key), `${key}Unfinished`);
    else diagnostics.warning(file, fm.valuePosition([key]), unfinishedMessage(key), `${key}Unfinished`);
  }
  return unfinished;
}

function unfinishedMessage(key: (typeof UNFINISHED_KEYS)[number]): string {
  switch (key) {
    case "sources":
      return messages().diagnostics.sourcesUnfinished();
    case "topics":
      return messages().diagnostics.topicsUnfinished();
    case "summary":
      return messages().diagnostics.summaryUnfinished();
  }
}

// A body is checked whatever the front matter holds: a draft from `depeche new` learns everything at once.
function checkBody(file: string, fm: FrontMatter, draft: boolean, site: SiteConfig, diagnostics: Diagnostics): void {
  const body = fm.body.trim();
  const report = (file: string, at: Position, message: string, kind: string): void =>
    draft ? diagnostics.warning(file, at, message, kind) : diagnostics.error(file, at, message);
  if (body === "") {
    report(file, { line: fm.bodyLine, column: 1 }, messages().diagnostics.noText(draft), "noText");
  } else if (body.includes(BODY_PLACEHOLDER)) {
    const line = fm.bodyLine + fm.body.slice(0, fm.body.indexOf(BODY_PLACEHOLDER)).split("\n").length - 1;
    report(file, { line, column: 1 }, messages().diagnostics.placeholder(BODY_PLACEHOLDER, draft), "placeholder");
  }
  for (const line of titleHeadingLines(fm.body)) {
    diagnostics.warning(file, { line: fm.bodyLine + line, column: 1 }, messages().diagnostics.bodyTitleHeading(), "bodyTitleHeading");
  }
  for (const link of findRefusedLinks(fm.body, fm.bodyLine)) diagnostics.error(file, link, messages().diagnostics.bodyLinkRefusedScheme(link.scheme));
  for (const image of findOutsideImages(fm.body, fm.bodyLine, site.baseUrl))
    diagnostics.error(file, image, messages().diagnostics.bodyImageOutside(image.host));
  // As in the front matter's text (see noControlCharacters): pages can't hold control characters.
  const control = findControlCharacter(fm.body);
  if (control !== -1) {
    const before = fm.body.slice(0, control);
    const at = { line: fm.bodyLine + before.split("\n").length - 1, column: control - before.lastIndexOf("\n") };
    diagnostics.error(file, at, messages().diagnostics.bodyControlCharacter(describeControlCharacter(fm.body[control]!)));
  }
  // Nor write them as entities, which markdown-it decodes (`&#x202E;`), each at its place: drafts too, as above.
  for (const entity of findControlEntities(fm.body, fm.bodyLine))
    diagnostics.error(file, entity, messages().diagnostics.bodyControlEntity(entity.written, describeControlCharacter(entity.character)));
}

function readDate(file: string, fm: FrontMatter, key: "date" | "updated", text: string, zone: string, diagnostics: Diagnostics): Moment | undefined {
  const read = readArticleDate(text, zone);
  if (!read.ok && "yearOutOfRange" in read) {
    diagnostics.error(
      file,
      fm.valuePosition([key]),
      messages().diagnostics.yearOutOfRange(key, String(read.yearOutOfRange).padStart(4, "0"), DATE_YEARS.first, DATE_YEARS.last),
    );
    return undefined;
  }
  if (read.ok) {
    const twice = read.repeated;
    if (twice) {
      const say = messages().diagnostics.repeatedTime(
        key,
        twice.time,
        twice.day,
        zoneName(zone),
        twice.summer,
        twice.takenFirst,
        text,
        twice.taken,
        twice.other,
      );
      diagnostics.warning(file, fm.valuePosition([key]), say, "repeatedTime");
    }
    return read.moment;
  }
  diagnostics.error(file, fm.valuePosition([key]), describeDateProblem(key, text, zone, read.problem));
  return undefined;
}

// Resolves names against a registry, one error per unknown name, each pointing at the name.
function resolveNames<T>(
  file: string,
  fm: FrontMatter,
  key: "topics" | "sources",
  value: unknown,
  index: NameIndex<T>,
  diagnostics: Diagnostics,
): T[] | undefined {
  const names = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  // The schema has made a list of one of a text written alone.
  const oneText = typeof fm.data[key] === "string";
  const found: T[] = [];
  let ok = true;
  names.forEach((name, i) => {
    if (typeof name !== "string" || name.trim() === "") return;
    const entry = index.find(name);
    if (entry === undefined) {
      ok = false;
      const at = oneText ? fm.valuePosition([key]) : fm.valuePosition([key, i]);
      const say = messages().diagnostics;
      // A suggestion compares the name with every entry: not for a message that won't be shown.
      const full = diagnostics.isFull(file);
      // `sources: AA, TRT FR` without brackets is one text: the editor meant a list.
      const meant = full || !oneText ? undefined : index.suggestList(name);
      if (meant) diagnostics.error(file, at, say.namesInOneText(key, name, meant));
      else {
        const kind = key === "topics" ? "unknownTopic" : "unknownSource";
        diagnostics.error(file, at, say[kind](name, full ? undefined : index.suggest(name)), { kind, name });
      }
    } else if (!found.includes(entry)) found.push(entry);
  });
  return ok ? found : undefined;
}

/**
 * Rules across articles: one article per URL, per short link (however spelled); an alias takes no
 * path the site writes, nor another alias's. Files with errors take part with their fields written
 * right (see Claimant), in path order with the articles; `sitePaths` holds their pages too.
 * `listed` tells the pages urls.txt lists: an article already online keeps what it has.
 */
export function checkAcrossArticles(
  articles: readonly Claimant[],
  sitePaths: SitePaths<Claimant>,
  listed: (page: string) => boolean,
  positionOf: (article: Claimant, key: string, index?: number) => { line: number; column: number },
  diagnostics: Diagnostics,
): void {
  // Each URL and short link is reported on the articles that don't keep it, naming the one that does.
  const isPublished = (article: Claimant): boolean => article.url !== undefined && listed(pathOfUrl(article.url));
  const urlHolder = holders(articles, (a) => a.url, isPublished);
  const shortLinkHolder = holders(articles, (a) => (a.shortLink ? shortLinkKey(a.shortLink) : undefined), isPublished);
  for (let i = 0; i < articles.length; i++) {
    const article = articles[i]!;
    if (article.url !== undefined) {
      const other = urlHolder(i)!;
      if (other !== article) diagnostics.error(article.sourcePath, positionOf(article, "title"), messages().diagnostics.sameUrl(article.url, other.sourcePath));
    }
    if (!article.shortLink) continue;
    const twin = shortLinkHolder(i);
    if (twin && twin !== article)
      diagnostics.error(
        article.sourcePath,
        positionOf(article, "shortLink"),
        messages().diagnostics.shortLinkTaken(article.shortLink, twin.sourcePath, twin.shortLink === article.shortLink ? undefined : twin.shortLink),
      );
  }
  let rules = 0;
  let total = 0;
  for (const a of articles) if (!a.draft) for (const alias of a.aliases) if (alias !== null) total++;
  for (const article of articles) {
    article.aliases.forEach((alias, i) => {
      if (alias === null) return;
      const clash = sitePaths.claim({ path: fileOfUrl(alias), article, alias });
      if (clash) diagnostics.error(article.sourcePath, positionOf(article, "aliases", i), describeAliasClash(alias, clash, article));
      // Drafts get no rule: only the published aliases count towards the host's limit.
      if (!article.draft && ++rules === REDIRECT_RULES_LIMIT + 1) {
        diagnostics.warning(
          article.sourcePath,
          positionOf(article, "aliases", i),
          messages().diagnostics.pastRedirectLimit(REDIRECT_RULES_LIMIT, total),
          "pastRedirectLimit",
        );
      }
    });
  }
}

/**
 * The article that keeps the key (URL, short link) of `articles[i]`, when it has one: of the
 * articles sharing a key, the one whose URL urls.txt lists (online already), then a published one
 * over a draft, then, of two online, the one whose file's path its URL names (the convention:
 * the other is a copy), then the earliest dated, the one readers may already have, then the one
 * whose path its URL names, then the first in order. The error then lands on the article to change, not on the page online. A file whose date
 * can't be read (a short link without a date, see Claimant) keeps nothing, and its key is taken only
 * by an article online: whichever keeps it once the file is mended, that one still will. Each key is
 * computed once: a short link's may take the URL parser.
 */
function holders(
  articles: readonly Claimant[],
  keyOf: (article: Claimant) => string | undefined,
  isPublished: (article: Claimant) => boolean,
): (i: number) => Claimant | undefined {
  const keys = articles.map(keyOf);
  const held = new Map<string, Claimant>();
  keys.forEach((key, i) => {
    const article = articles[i]!;
    if (key === undefined || article.published === undefined) return;
    const other = held.get(key);
    if (!other || keepsOver(article, other, isPublished)) held.set(key, article);
  });
  return (i) => {
    const key = keys[i];
    const holder = key === undefined ? undefined : held.get(key);
    return articles[i]!.published !== undefined || (holder && isPublished(holder)) ? holder : undefined;
  };
}

// Of two dated articles with a URL or short link.
function keepsOver(article: Claimant, other: Claimant, isPublished: (article: Claimant) => boolean): boolean {
  const online = isPublished(article);
  if (online !== isPublished(other)) return online;
  // A `draft` written wrong keeps only what it would as a draft too: the error lands on its file.
  const drafted = (a: Claimant): boolean => a.draft || a.draftWrong === true;
  if (drafted(article) !== drafted(other)) return !drafted(article);
  // Of two files both online by urls.txt (a copy that kept the title and the day), the published
  // one is the file its URL names (`articles/2021/12/09-un.md` for `/2021/12/09/un/`, where
  // `import` and `new` write it): a copy is named otherwise, whatever its time. Then the earliest
  // dated, then the file its URL names, then path order.
  const named = (a: Claimant): boolean => a.url !== undefined && urlNamedBy(a.sourcePath) === a.url;
  if (online && named(article) !== named(other)) return named(article);
  const earlier = article.published!.epochMs - other.published!.epochMs;
  if (earlier !== 0) return earlier < 0;
  return named(article) && !named(other);
}

function describeAliasClash(alias: string, clash: PathClash<Claimant>, article: Claimant): string {
  const say = messages().diagnostics;
  if (clash.kind === "folder") return clash.folder === SEARCH_INDEX_URL ? say.aliasInSearch(alias, clash.folder) : say.aliasInPhotos(alias, clash.folder);
  const other = clash.other;
  const shown = other.alias ?? other.path.replace(/\/index\.html$/, "/");
  const owner = other.article?.sourcePath ?? "";
  if (clash.kind === "inside") return say.aliasInside(alias, shown, other.alias ? say.aliasInsideAlias(owner) : say.aliasInsideSiteFile());
  if (clash.kind === "over") return say.aliasOver(alias, shown);
  // The same file, maybe written otherwise: /old/ and /old/index.html, /Old/ and /old/, /caf%C3%A9/
  // and /caf%c3%a9/; an escaped alias is never written as the site's page it decodes to.
  const same = other.alias !== undefined ? other.alias === alias : other.path === fileOfUrl(alias) && !alias.includes("%");
  const as = same ? undefined : shown;
  if (other.alias !== undefined) return other.article === article ? say.aliasTwice(alias, as) : say.aliasTaken(alias, owner, as);
  if (other.article) return other.article === article ? say.aliasIsOwnUrl(alias, as) : say.aliasIsUrlOf(alias, owner, as);
  return say.aliasIsSiteFile(alias, shown, as);
}

/** Why a date written as year-month-day is no date, as the guide says it: « le 31 novembre 2026 n’existe pas ». */
export function describeDateProblem(key: string, text: string, zone: string, problem: DateProblem | undefined): string {
  const say = messages().diagnostics;
  switch (problem?.kind) {
    case "month":
      return say.monthDoesNotExist(key, problem.month);
    case "day":
      return say.dayDoesNotExist(key, problem.day, problem.month, problem.year);
    case "time":
      return say.timeDoesNotExist(key, problem.time);
    case "offset":
      return say.offsetDoesNotExist(key, problem.offset, zoneName(zone), zoneOffsets(zone));
    case "skipped":
      return say.skippedTime(key, problem.time, problem.day, zoneName(zone), problem.summer, problem.next);
    default:
      return say.invalidDate(key, text, zoneName(zone));
  }
}
