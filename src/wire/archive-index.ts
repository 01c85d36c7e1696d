/** What new articles must not collide with: the registries, and every URL and short link in use. */
import { join, resolve } from "node:path";
import { Diagnostics, displayPath, FILE_START, type Diagnostic } from "../content/diagnostics.ts";
import { parseFrontMatter } from "../content/frontmatter.ts";
import { listArticleFiles } from "../content/load.ts";
import type { Article, Day, SiteConfig, Source, Topic } from "../content/model.ts";
import { ARTICLE_LIMIT } from "../content/limits.ts";
import { decodeContentFile, readContentFile } from "../content/read-text.ts";
import { indexSources, indexTopics, readRegistries } from "../content/registries.ts";
import type { ArticleContext } from "../content/validate.ts";
import { readUrlManifestFile, URL_MANIFEST, type UrlManifest } from "../content/url-manifest.ts";
import { parseContractDate } from "../text/dates.ts";
import { slugify } from "../text/slug.ts";
import { shortLinkKey } from "../text/web-links.ts";
import { articleUrl } from "../urls/site-urls.ts";

/** An article already in the archive (or written by this run), as far as collisions go. */
export interface ExistingArticle {
  /** Path as printed, relative to the working directory. */
  file: string;
  shortLink?: string;
}

export interface ArchiveIndex {
  /** The content folder, absolute. */
  root: string;
  site: SiteConfig;
  topics: Topic[];
  sources: Source[];
  /** For validating what is about to be written exactly as `depeche check` will. */
  context: ArticleContext;
  /** Article URL → the article that has it. */
  urls: Map<string, ExistingArticle>;
  /** Alias URL → the file that declares it. */
  aliases: Map<string, string>;
  /** Short link, as `shortLinkKey` reads it → the file that uses it, and how it spells the link. */
  shortLinks: Map<string, Required<ExistingArticle>>;
  /** URLs urls.txt lists as published (or removed) that no article holds now → where it says so. */
  retired: Map<string, string>;
}

export type ArchiveIndexResult = { ok: true; index: ArchiveIndex } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Reads the registries (they must be valid) and the URLs, aliases and short links of every
 * article and of urls.txt (each must be readable, none a symbolic link). An article with errors
 * still counts as far as it can be read: a draft made by `depeche new` holds its URL before its
 * text is written.
 */
export function readArchiveIndex(contentDir: string): ArchiveIndexResult {
  const root = resolve(contentDir);
  const diagnostics = new Diagnostics();
  const registries = readRegistries(root, diagnostics);
  if (!registries) return { ok: false, diagnostics: diagnostics.items };
  const { site, topics, sources } = registries;

  const index: ArchiveIndex = {
    root,
    site,
    topics,
    sources,
    context: { site, topics: indexTopics(topics), sources: indexSources(sources), nowMs: Date.now() },
    urls: new Map(),
    aliases: new Map(),
    shortLinks: new Map(),
    retired: new Map(),
  };
  // A missing articles folder is fine here: the first import creates it. Any other problem with
  // it (a link, a folder that can't be read) would hide URLs in use, so it stops the command.
  for (const path of listArticleFiles(join(root, "articles"), display, diagnostics, { mayBeMissing: true })) {
    const found = readContentFile(path, ARTICLE_LIMIT);
    if (found.ok) addExisting(index, display(path), found.bytes);
    else diagnostics.error(display(path), FILE_START, found.message);
  }
  const manifestPath = join(root, URL_MANIFEST);
  const manifest = readUrlManifestFile(manifestPath);
  if (!manifest.ok) diagnostics.error(display(manifestPath), FILE_START, manifest.message);
  else if (manifest.file) addRetired(index, display(manifestPath), manifest.file.manifest);
  if (diagnostics.errorCount > 0) return { ok: false, diagnostics: diagnostics.items.filter((d) => d.severity === "error") };
  return { ok: true, index };
}

/** Records an article written by this run, so the next file can't take its URL or short link. */
export function addWritten(index: ArchiveIndex, article: Article, file: string): void {
  index.urls.set(article.url, { file, ...(article.shortLink ? { shortLink: article.shortLink } : {}) });
  if (article.shortLink) index.shortLinks.set(shortLinkKey(article.shortLink), { file, shortLink: article.shortLink });
}


/**
 * Where the convention puts an article file: `articles/YYYY/MM/DD-slug.md` in the content folder.
 * @example articlePath("/site/content", "2021-12-09", "l-irak") // "/site/content/articles/2021/12/09-l-irak.md"
 */
export function articlePath(root: string, day: Day, slug: string): string {
  const [year, month, date] = day.split("-") as [string, string, string];
  return join(root, "articles", year, month, `${date}-${slug}.md`);
}

/** A path as errors print it, relative to the working directory. */
export const display = displayPath;


// A URL readers once had must not lead to another article: the ones urls.txt remembers and no
// article holds any more (deleted, or removed on purpose) stay unused.
function addRetired(index: ArchiveIndex, file: string, manifest: UrlManifest): void {
  for (const { url, line } of manifest.published) if (!index.urls.has(url)) index.retired.set(url, `${file}:${line}`);
  for (const url of manifest.removed) if (!index.urls.has(url) && !index.retired.has(url)) index.retired.set(url, file);
}

// The same URL rules as validation (slug, else the title's; the day in the site's timezone),
// applied to whatever of the front matter is readable.
function addExisting(index: ArchiveIndex, file: string, bytes: Uint8Array): void {
  const decoded = decodeContentFile(bytes);
  if (!decoded.ok) return;
  const parsed = parseFrontMatter(decoded.text);
  if (!parsed.ok) return;
  const data = parsed.frontMatter.data;
  const text = (key: string): string | undefined => (typeof data[key] === "string" ? (data[key] as string).trim() : undefined);
  const shortLink = text("shortLink");
  if (shortLink && !index.shortLinks.has(shortLinkKey(shortLink))) index.shortLinks.set(shortLinkKey(shortLink), { file, shortLink });
  const title = text("title");
  const date = text("date");
  const moment = date === undefined ? undefined : parseContractDate(date, index.site.timezone);
  const slug = text("slug") ?? (title === undefined ? undefined : slugify(title));
  if (moment && slug) {
    const url = articleUrl(moment.day, slug);
    if (!index.urls.has(url)) index.urls.set(url, { file, ...(shortLink ? { shortLink } : {}) });
  }
  const aliases = typeof data.aliases === "string" ? [data.aliases] : Array.isArray(data.aliases) ? data.aliases : [];
  for (const alias of aliases) {
    if (typeof alias !== "string") continue;
    const path = alias.trim();
    const url = path.endsWith("/") || path.endsWith(".html") ? path : `${path}/`;
    if (!index.aliases.has(url)) index.aliases.set(url, file);
  }
}
