/** What an article file holds that no other may take: its URL, short link and aliases. */
import type { Article, Day, Moment } from "./model.ts";
import type { NameIndex } from "./registries.ts";
import { aliasSchema, frontMatterSchema } from "./schema.ts";
import { parseContractDate, readArticleDate } from "../text/dates.ts";
import { slugify } from "../text/slug.ts";
import { ARTICLE_URL, articleUrl } from "../urls/site-urls.ts";

export interface Claims {
  url?: string;
  /** Its slug, else its title's, when its URL can't be read (its date can't). */
  slug?: string;
  shortLink?: string;
  aliases: string[];
}

/**
 * Whether an article URL may be, once its file is mended, that of a file with errors whose URL
 * can't be read (its date can't): its slug is one such a file may have (`ArticleEntry.slugs`: its
 * name's, its `slug`'s, else its title's), on any day, the file's being unknown. Links to it and
 * published URLs (urls.txt) are left alone: the file's own error comes first.
 */
export function mayBeUrlOfFileWithErrors(url: string, slugsWithErrors: ReadonlySet<string> | undefined): boolean {
  if (!slugsWithErrors?.size) return false;
  const slug = ARTICLE_URL.exec(url)?.[2];
  return slug !== undefined && slugsWithErrors.has(slug);
}

/** A valid article's claims. */
export function claimsOf(article: Article): Claims {
  return { url: article.url, ...(article.shortLink ? { shortLink: article.shortLink } : {}), aliases: article.aliases };
}

/**
 * The claims of front matter with errors, as far as it can be read, by the same URL rules as
 * validation (slug, else the title's; the day in the site's timezone): a draft made by
 * `depeche new` holds its URL before its text is written.
 */
export function readClaims(data: Record<string, unknown>, timezone: string): Claims {
  const text = (key: string): string | undefined => (typeof data[key] === "string" ? (data[key] as string).trim() : undefined);
  const shortLink = text("shortLink");
  const title = text("title");
  const date = text("date");
  const moment = date === undefined ? undefined : parseContractDate(date, timezone);
  const slug = text("slug") ?? (title === undefined ? undefined : slugify(title));
  const listed = typeof data.aliases === "string" ? [data.aliases] : Array.isArray(data.aliases) ? data.aliases : [];
  const aliases = listed
    .filter((a): a is string => typeof a === "string")
    .map((a) => a.trim())
    .map((p) => (p.endsWith("/") || p.endsWith(".html") ? p : `${p}/`));
  const where = moment && slug ? { url: articleUrl(moment.day, slug) } : slug ? { slug } : {};
  return { ...where, ...(shortLink ? { shortLink } : {}), aliases };
}

/**
 * What the rules across articles (one article per URL and per short link, aliases on free paths)
 * read of an article file: a valid article, or the fields of a file with errors that are written
 * right (`readValidClaims`). A clash with those is told in the same run as the file's own errors,
 * and as it will be told once they are mended.
 */
export interface Claimant {
  sourcePath: string;
  url?: string;
  shortLink?: string;
  /** An alias written wrong is a hole (null), so that each keeps its index in the file, where errors point. */
  aliases: readonly (string | null)[];
  draft: boolean;
  /**
   * Of a file with errors, its `draft` is written wrong (`draft: yes`): it counts as no draft (its
   * links, its aliases' redirects), as its own checks read it, but keeps a URL or short link from
   * another file only where it would as a draft too (see `checkAcrossArticles`), whatever it meant.
   */
  draftWrong?: true;
  /**
   * With `draft`, which of several articles keeps a URL or short link: known whenever the URL is
   * (a short link without it is taken only by an article online, see `checkAcrossArticles`). Its
   * day brings the day, month and year pages that will list the file once it is mended.
   */
  published?: { epochMs: number; day: Day };
  /**
   * Of a file with errors, the slugs of its topics and of its sources, when each name is known: the
   * list pages that will count it once it is mended (an article's own are its `topics` and `sources`).
   */
  topicSlugs?: readonly string[];
  sourceSlugs?: readonly string[];
}

/** What claims are read against: the site's timezone, and the names of its topics and sources. */
interface RegistriesRead {
  site: { timezone: string };
  topics: NameIndex<{ slug: string }>;
  sources: NameIndex<{ slug: string }>;
}

/** What the rules across articles read of a file with errors (see Claimant), its path apart. */
export type ValidClaims = Omit<Claimant, "sourcePath">;

/**
 * The claims of front matter with errors that are written right, by validation's rules: its URL
 * when its date and its slug (else its title) are valid, its short link when valid, its valid
 * aliases, its date (the pages that list its day), its topics and sources when each is known (the
 * pages that list them). Undefined when none is. A `draft` written wrong reads as no draft, marked
 * (see `Claimant.draftWrong`): a clash is an error whatever it says. Half-read fields (readClaims) are never compared with other files:
 * an error would land on the wrong one, or vanish once the file is mended.
 */
export function readValidClaims(data: Record<string, unknown>, ctx: RegistriesRead): ValidClaims | undefined {
  const fields = frontMatterSchema.shape;
  const draft = fields.draft.safeParse(data.draft);
  const moment = validDate(data.date, ctx.site.timezone);
  const slug = data.slug === undefined ? slugOfTitle(data.title) : fields.slug.safeParse(data.slug).data;
  const url = moment && slug ? articleUrl(moment.day, slug) : undefined;
  const shortLink = fields.shortLink.safeParse(data.shortLink).data;
  const listed = typeof data.aliases === "string" ? [data.aliases] : Array.isArray(data.aliases) ? (data.aliases as unknown[]) : [];
  const aliases = listed.map((alias) => aliasSchema.safeParse(alias).data ?? null);
  const topicSlugs = knownSlugs(data.topics, ctx.topics);
  const sourceSlugs = knownSlugs(data.sources, ctx.sources);
  // The URL needs the date.
  if (!moment && !shortLink && !aliases.some((alias) => alias !== null) && !topicSlugs && !sourceSlugs) return undefined;
  return {
    ...(url ? { url } : {}),
    ...(shortLink ? { shortLink } : {}),
    aliases,
    draft: draft.data ?? false,
    ...(draft.success ? {} : { draftWrong: true as const }),
    ...(moment ? { published: { epochMs: moment.epochMs, day: moment.day } } : {}),
    ...(topicSlugs ? { topicSlugs } : {}),
    ...(sourceSlugs ? { sourceSlugs } : {}),
  };
}

// The slugs of a list of names (`topics`, `sources`, or one name written alone), when every name is
// one of the registry's; none when one is not, or when none is written: a list half read counts nowhere.
function knownSlugs(value: unknown, index: NameIndex<{ slug: string }>): string[] | undefined {
  const names = typeof value === "string" ? [value] : Array.isArray(value) ? (value as unknown[]) : [];
  const slugs = new Set<string>();
  for (const name of names) {
    const entry = typeof name === "string" ? index.find(name) : undefined;
    if (!entry) return undefined;
    slugs.add(entry.slug);
  }
  return slugs.size > 0 ? [...slugs] : undefined;
}

// The date as validation reads it (readArticleDate), or nothing when it reports an error.
function validDate(date: unknown, timezone: string): Moment | undefined {
  if (typeof date !== "string") return undefined;
  const read = readArticleDate(date.trim(), timezone);
  return read.ok ? read.moment : undefined;
}

function slugOfTitle(title: unknown): string | undefined {
  const valid = frontMatterSchema.shape.title.safeParse(title);
  return (valid.success && slugify(valid.data)) || undefined;
}
