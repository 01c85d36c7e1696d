/** What an article file holds that no other may take: its URL, short link and aliases. */
import type { Article } from "./model.ts";
import { parseContractDate } from "../text/dates.ts";
import { slugify } from "../text/slug.ts";
import { articleUrl } from "../urls/site-urls.ts";

export interface Claims {
  url?: string;
  shortLink?: string;
  aliases: string[];
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
  return { ...(moment && slug ? { url: articleUrl(moment.day, slug) } : {}), ...(shortLink ? { shortLink } : {}), aliases };
}
