/** What new articles must not collide with: the registries, and every URL and short link in use. */
import { join, resolve } from "node:path";
import { claimsOf, type Claims } from "../content/claims.ts";
import { displayPath, sortDiagnostics, type Diagnostic } from "../content/diagnostics.ts";
import type { Article, Day, SiteConfig, Source, Topic } from "../content/model.ts";
import { indexSources, indexTopics } from "../content/registries.ts";
import { ArchiveStore } from "../content/store.ts";
import type { ArticleContext } from "../content/validate.ts";
import { pageOfUrl, URL_MANIFEST, type UrlManifest } from "../content/url-manifest.ts";
import { shortLinkKey } from "../text/web-links.ts";

/** An article already in the archive (or written by this run), as far as collisions go. */
export interface ExistingArticle {
  /** Path as printed, relative to the working directory. */
  file: string;
  shortLink?: string;
}

/** What a new article is checked against: the content folder's valid registries. */
export interface ArchiveRegistries {
  /** The content folder, absolute. */
  root: string;
  site: SiteConfig;
  topics: Topic[];
  sources: Source[];
  /** For validating what is about to be written exactly as `depeche check` will. */
  context: ArticleContext;
}

export interface ArchiveIndex extends ArchiveRegistries {
  /** Article URL → the article that has it. */
  urls: Map<string, ExistingArticle>;
  /** Alias URL → the file that declares it. */
  aliases: Map<string, string>;
  /** Short link, as `shortLinkKey` reads it → the file that uses it, and how it spells the link. */
  shortLinks: Map<string, Required<ExistingArticle>>;
  /**
   * Pages urls.txt lists as published (or removed) that no article holds now (`pageOfUrl`) → where
   * it says so (a removed page, at its `!` line).
   */
  retired: Map<string, string>;
  /**
   * Of those, the pages published and not removed (no `!`): `check` asks for an article there. The
   * dispatch whose URL one is (the same day, the same title as slugged) restores the article
   * published there: urls.txt holds only URLs, nothing else of what was published is known.
   */
  restorable: Set<string>;
}

/** The index, or why there is none: every error found, and the registries when they are valid. */
export type ArchiveIndexResult = { ok: true; index: ArchiveIndex } | { ok: false; diagnostics: Diagnostic[]; registries?: ArchiveRegistries };

/**
 * The archive store's registries (they must be valid) and the URLs, aliases and short links of
 * every article and of urls.txt (each must be readable, none a symbolic link). Registries' errors
 * and unreadable files are told together, in one run. An article with
 * errors still counts as far as it can be read: a draft made by `depeche new` holds its URL
 * before its text is written.
 */
export async function readArchiveIndex(contentDir: string): Promise<ArchiveIndexResult> {
  // A missing articles folder is fine here: the first import creates it. Any other problem with
  // it (a link, a folder that can't be read) would hide URLs in use, so it stops the command.
  const store = new ArchiveStore({ contentDir, articlesMayBeMissing: true });
  await store.sync();
  const valid = store.validRegistries;
  const errors = sortDiagnostics(store.readErrors());
  if (!valid) return { ok: false, diagnostics: [...store.registryDiagnostics, ...errors] };
  const { site, topics, sources } = valid;
  const registries: ArchiveRegistries = {
    root: resolve(contentDir),
    site,
    topics,
    sources,
    context: { site, topics: indexTopics(topics), sources: indexSources(sources), nowMs: Date.now() },
  };
  if (errors.length > 0) return { ok: false, diagnostics: errors, registries };
  const index: ArchiveIndex = { ...registries, urls: new Map(), aliases: new Map(), shortLinks: new Map(), retired: new Map(), restorable: new Set() };
  for (const entry of store.articleEntries()) {
    const claims = entry.article ? claimsOf(entry.article) : entry.claims;
    if (claims) addExisting(index, display(entry.path), claims);
  }
  const manifest = store.publishedUrls;
  if (manifest) addRetired(index, display(join(index.root, URL_MANIFEST)), manifest);
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
// article holds any more (deleted, or removed on purpose) stay unused, but for the dispatch whose
// URL a deleted one is (see `restorable`). A removal's page is told at its `!` line.
function addRetired(index: ArchiveIndex, file: string, manifest: UrlManifest): void {
  for (const { url, line } of [...manifest.removals, ...manifest.published]) {
    const page = pageOfUrl(url);
    if (index.urls.has(page) || index.retired.has(page)) continue;
    index.retired.set(page, `${file}:${line}`);
    if (!manifest.removed.has(page)) index.restorable.add(page);
  }
}

function addExisting(index: ArchiveIndex, file: string, { url, shortLink, aliases }: Claims): void {
  if (shortLink && !index.shortLinks.has(shortLinkKey(shortLink))) index.shortLinks.set(shortLinkKey(shortLink), { file, shortLink });
  if (url && !index.urls.has(url)) index.urls.set(url, { file, ...(shortLink ? { shortLink } : {}) });
  for (const alias of aliases) if (!index.aliases.has(alias)) index.aliases.set(alias, file);
}
