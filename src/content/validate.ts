import type { Diagnostics } from "./diagnostics.ts";
import type { FrontMatter } from "./frontmatter.ts";
import type { Article, Moment, SiteConfig, Source, Topic } from "./model.ts";
import type { NameIndex } from "./registries.ts";
import { ARTICLE_KEYS, checkShape, frontMatterSchema } from "./schema.ts";
import { describeControlCharacter, findControlCharacter } from "../text/control-characters.ts";
import { DATE_YEARS, isYearInRange, readContractDate, writtenYear } from "../text/dates.ts";
import { slugify } from "../text/slug.ts";
import { formatMoment } from "../text/french-dates.ts";
import { findSiteLinks } from "../text/site-links.ts";
import { shortLinkKey, spelledAs } from "../text/web-links.ts";
import type { PathClash, SitePaths } from "./site-files.ts";
import { fileOfUrl, SEARCH_INDEX_URL } from "../urls/site-urls.ts";
import { articleUrl } from "../urls/site-urls.ts";

/** What `depeche new` writes as the body; `check` warns about it in a draft, refuses it in an article. */
export const BODY_PLACEHOLDER = "Écrivez ici le texte de l’article.";

/**
 * How far ahead an article may be dated: a later date is an error, not an embargo. A wire embargo
 * lasts hours or days; a month covers a scheduled anniversary piece.
 */
export const FUTURE_HORIZON_DAYS = 31;
const DAY_MS = 86_400_000;

/** Editor-facing messages of this module, in French, kept together for the message catalogue. */
const messages = {
  heldBack: (date: Moment): string =>
    `daté dans le futur (${date.iso}) : l’article est retenu (pages, flux, plans du site, recherche) jusqu’au ${formatMoment(date)}, et paraît à la première publication qui suit ; pour le publier maintenant, donnez-lui une date passée`,
  pastRedirectLimit: (total: number): string =>
    `cet alias dépasse les ${REDIRECT_RULES_LIMIT.toLocaleString("fr-FR")} redirections que Cloudflare Pages lit dans _redirects (le site en a ${total.toLocaleString("fr-FR")}) : au-delà, Cloudflare ignore les règles, et ces anciennes adresses ne sont servies que par leur page de redirection (meta refresh), sans code 301 ; Netlify n’a pas cette limite`,
  updatedAhead: (date: Moment): string =>
    `mis à jour dans le futur (${date.iso}, ${formatMoment(date)}) : les flux et le plan du site annonceraient une modification à venir ; donnez l’heure de la dernière modification faite`,
  tooFarAhead: (date: Moment): string =>
    `daté à plus de ${FUTURE_HORIZON_DAYS} jours dans le futur (${date.iso}, ${formatMoment(date)}) : sans doute une faute de frappe ; corrigez la date (un embargo se date au plus ${FUTURE_HORIZON_DAYS} jours à l’avance)`,
};

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
  const draft = fm.data.draft === true;
  const unfinished = draft ? warnUnfinished(file, fm, diagnostics) : [];
  const data = unfinished.length === 0 ? fm.data : Object.fromEntries(Object.entries(fm.data).filter(([key]) => !unfinished.includes(key)));
  const { value: fields, problems } = checkShape(unfinished.length === 0 ? frontMatterSchema : draftSchema, data, fm, ARTICLE_KEYS);
  for (const p of problems) diagnostics.error(file, p.at, p.message);
  if (!fields) {
    // Shape errors don't hide the rest: unknown topics and sources, and the body, are reported too.
    resolveNames(file, fm, "topics", fm.data.topics, ctx.topics, diagnostics);
    resolveNames(file, fm, "sources", fm.data.sources, ctx.sources, diagnostics);
    checkBody(file, fm, draft, diagnostics);
    return undefined;
  }

  const published = readDate(file, fm, "date", fields.date, ctx.site.timezone, diagnostics);
  const updated = fields.updated === undefined ? undefined : readDate(file, fm, "updated", fields.updated, ctx.site.timezone, diagnostics);
  if (published && updated && updated.epochMs < published.epochMs) {
    diagnostics.error(
      file,
      fm.valuePosition(["updated"]),
      `"updated" (${fields.updated}) is before "date" (${fields.date}): an article can't be updated before it is published`,
    );
  }
  const topics = resolveNames(file, fm, "topics", fields.topics ?? [], ctx.topics, diagnostics);
  const sources = resolveNames(file, fm, "sources", fields.sources ?? [], ctx.sources, diagnostics);

  const slug = fields.slug ?? slugify(fields.title);
  if (slug === "") {
    diagnostics.error(file, fm.valuePosition(["title"]), 'the title has no letters or digits to make a URL from: add a "slug" such as slug: depeche-du-jour');
  }
  checkBody(file, fm, draft, diagnostics);

  if (fields.summary && [...fields.summary].length > SUMMARY_WARN_LENGTH) {
    diagnostics.warning(
      file,
      fm.valuePosition(["summary"]),
      `"summary" is ${[...fields.summary].length} characters long; feed readers and search results show about ${SUMMARY_WARN_LENGTH}`,
    );
  }
  if (published && !draft && published.epochMs > ctx.nowMs) {
    // A date past the horizon is far more likely a typo (2062 for 2026) than an embargo: left as a
    // warning, the article would silently stay off the site for years.
    if (published.epochMs - ctx.nowMs > FUTURE_HORIZON_DAYS * DAY_MS) diagnostics.error(file, fm.valuePosition(["date"]), messages.tooFarAhead(published));
    else diagnostics.warning(file, fm.valuePosition(["date"]), messages.heldBack(published));
  } else if (updated && !draft && updated.epochMs > ctx.nowMs) {
    diagnostics.warning(file, fm.valuePosition(["updated"]), messages.updatedAhead(updated));
  }

  if (diagnostics.errorCount > before || !published || !topics || !sources) return undefined;
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
    links: findSiteLinks(fm.body, fm.bodyLine),
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
 * In a draft, what the editor has yet to write (sources, topics, a summary, the body) may be
 * missing or empty: a warning until "draft" is removed. What is written wrong stays an error.
 */
const UNFINISHED_KEYS = ["sources", "topics", "summary"] as const;

// A draft's schema: the unfinished keys, once warned about and left out, may be absent.
const draftSchema = frontMatterSchema.partial({ sources: true, topics: true });

// Warns about each unfinished key of a draft; returns them, for the schema to leave out.
function warnUnfinished(file: string, fm: FrontMatter, diagnostics: Diagnostics): string[] {
  const unfinished: string[] = [];
  for (const key of UNFINISHED_KEYS) {
    const value = fm.data[key];
    const blank = value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
    if (key === "summary" ? !blank : value !== undefined && !blank) continue;
    unfinished.push(key);
    const at = key in fm.data ? fm.valuePosition([key]) : { line: 1, column: 1 };
    diagnostics.warning(file, at, `${unfinishedMessage(key)} (a warning in a draft, an error once "draft" is removed)`);
  }
  return unfinished;
}

function unfinishedMessage(key: (typeof UNFINISHED_KEYS)[number]): string {
  switch (key) {
    case "sources":
      return '"sources" is empty: list the codes of sources.yaml, e.g. sources: [AA, TRT FR]';
    case "topics":
      return '"topics" is empty: list entries of topics.yaml, e.g. topics: [Irak, Défense]';
    case "summary":
      return '"summary" is empty: write the standfirst or remove the key';
  }
}

// A body is checked whatever the front matter holds: a draft from `depeche new` learns everything at once.
function checkBody(file: string, fm: FrontMatter, draft: boolean, diagnostics: Diagnostics): void {
  const body = fm.body.trim();
  const report = draft ? diagnostics.warning.bind(diagnostics) : diagnostics.error.bind(diagnostics);
  const inDraft = draft ? ' (a warning in a draft, an error once "draft" is removed)' : "";
  if (body === "") {
    report(file, { line: fm.bodyLine, column: 1 }, `the article has no text: write the body below the closing ---${inDraft}`);
  } else if (body.includes(BODY_PLACEHOLDER)) {
    const line = fm.bodyLine + fm.body.slice(0, fm.body.indexOf(BODY_PLACEHOLDER)).split("\n").length - 1;
    report(file, { line, column: 1 }, `the body still holds the placeholder "${BODY_PLACEHOLDER}": replace it with the article's text${inDraft}`);
  }
  // As in the front matter's text (see noControlCharacters): pages can't hold control characters.
  const control = findControlCharacter(fm.body);
  if (control !== -1) {
    const before = fm.body.slice(0, control);
    const at = { line: fm.bodyLine + before.split("\n").length - 1, column: control - before.lastIndexOf("\n") };
    diagnostics.error(
      file,
      at,
      `the text holds the control character ${describeControlCharacter(fm.body[control]!)} here: delete it (retype the text around it if it is invisible)`,
    );
  }
}

function readDate(file: string, fm: FrontMatter, key: "date" | "updated", text: string, zone: string, diagnostics: Diagnostics): Moment | undefined {
  const year = writtenYear(text);
  if (year !== undefined && !isYearInRange(year)) {
    diagnostics.error(
      file,
      fm.valuePosition([key]),
      `"${key}" is in the year ${String(year).padStart(4, "0")}: Dépêche accepts the years ${DATE_YEARS.first} to ${DATE_YEARS.last}; check the year`,
    );
    return undefined;
  }
  const read = readContractDate(text, zone);
  if (read.ok) return read.moment;
  const fix = read.problem ?? `write 2021-12-09, 2021-12-09T15:10:00 (${zone} time) or 2021-12-09T15:10:00+01:00`;
  diagnostics.error(file, fm.valuePosition([key]), `"${key}" is not a valid date: "${text}"; ${fix}`);
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
  const registry = key === "topics" ? "topics.yaml" : "sources.yaml";
  const found: T[] = [];
  let ok = true;
  names.forEach((name, i) => {
    if (typeof name !== "string" || name.trim() === "") return;
    const entry = index.find(name);
    if (entry === undefined) {
      ok = false;
      const what = key === "topics" ? "topic" : "source";
      const at = typeof value === "string" ? fm.valuePosition([key]) : fm.valuePosition([key, i]);
      // A suggestion compares the name with every entry: not for a message that won't be shown.
      const suggestion = diagnostics.isFull(file) ? "" : index.suggest(name);
      diagnostics.error(file, at, `unknown ${what} "${name}"${suggestion}: use an entry of ${registry}, or add one there`);
    } else if (!found.includes(entry)) found.push(entry);
  });
  return ok ? found : undefined;
}

/** Rules across articles: one article per URL, per short link (however spelled); an alias takes no path the site writes, nor another alias's. */
export function checkAcrossArticles(
  articles: readonly Article[],
  sitePaths: SitePaths,
  positionOf: (article: Article, key: string, index?: number) => { line: number; column: number },
  diagnostics: Diagnostics,
): void {
  const byUrl = new Map<string, Article>();
  const byShortLink = new Map<string, Article>();
  for (const article of articles) {
    const other = byUrl.get(article.url);
    if (other) {
      diagnostics.error(
        article.sourcePath,
        positionOf(article, "title"),
        `same URL ${article.url} as ${other.sourcePath}: change the title or add a distinct "slug"`,
      );
    } else byUrl.set(article.url, article);
    if (article.shortLink) {
      const key = shortLinkKey(article.shortLink);
      const twin = byShortLink.get(key);
      if (twin)
        diagnostics.error(
          article.sourcePath,
          positionOf(article, "shortLink"),
          `short link ${article.shortLink} is already used by ${twin.sourcePath}${spelledAs(twin.shortLink!, article.shortLink)}: each article has its own share link`,
        );
      else byShortLink.set(key, article);
    }
  }
  let rules = 0;
  const total = articles.reduce((n, a) => n + (a.draft ? 0 : a.aliases.length), 0);
  for (const article of articles) {
    article.aliases.forEach((alias, i) => {
      const clash = sitePaths.claim({ path: fileOfUrl(alias), article, alias });
      if (clash) diagnostics.error(article.sourcePath, positionOf(article, "aliases", i), describeAliasClash(alias, clash, article));
      // Drafts get no rule: only the published aliases count towards the host's limit.
      if (!article.draft && ++rules === REDIRECT_RULES_LIMIT + 1) {
        diagnostics.warning(article.sourcePath, positionOf(article, "aliases", i), messages.pastRedirectLimit(total));
      }
    });
  }
}

function describeAliasClash(alias: string, clash: PathClash, article: Article): string {
  if (clash.kind === "search") return `alias ${alias} lies in ${SEARCH_INDEX_URL}, the folder of the search index: remove it`;
  const other = clash.other;
  const shown = other.alias ?? other.path.replace(/\/index\.html$/, "/");
  const owner = other.article === article ? "this article" : other.article?.sourcePath;
  if (clash.kind === "inside")
    return `alias ${alias} would be written inside ${shown}, ${other.alias ? `an alias of ${owner}` : "a file the site writes itself"}: remove it`;
  if (clash.kind === "over") return `alias ${alias} would be written where ${shown} needs a folder: remove it`;
  // The same file, maybe written otherwise: /old/ and /old/index.html, or /Old/ and /old/.
  const same = other.alias !== undefined ? other.alias === alias : other.path === fileOfUrl(alias);
  const as = same ? "" : ` (as ${shown}: disks and servers don't tell them apart)`;
  if (other.alias !== undefined)
    return other.article === article
      ? `alias ${alias} is listed twice${as}: remove one`
      : `alias ${alias} is already an alias of ${owner}${as}: an old URL can redirect to one article only`;
  if (other.article)
    return `alias ${alias} is ${other.article === article ? "this article's own URL" : `the URL of ${owner}`}${as}: a redirect there would hide a page; remove it`;
  return `alias ${alias} is the address of ${shown}, which the site writes itself${as}: a redirect there would hide it; remove it`;
}
