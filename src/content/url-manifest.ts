import { distance } from "fastest-levenshtein";
import { isSlug, slugify } from "../text/slug.ts";
import { closest } from "../text/suggest.ts";
import { foldForMatch } from "../text/fold.ts";
import type { Diagnostics, Position } from "./diagnostics.ts";
import type { Article, Source, Topic } from "./model.ts";
import { URL_MANIFEST_LIMIT } from "./limits.ts";
import { messages } from "../i18n/messages.ts";
import { decodeContentFile, readContentFile } from "./read-text.ts";
import { momentName } from "../text/moment-names.ts";
import { pathOfUrl, sourceUrl, SOURCES_URL, topicUrl, TOPICS_URL } from "../urls/site-urls.ts";
import { mayBeUrlOfFileWithErrors } from "./claims.ts";

/** The file, in the content folder, that remembers every URL the site has published. */
export const URL_MANIFEST = "urls.txt";

/**
 * What `urls.txt` holds: the URLs published so far, and those an editor removed on purpose
 * (a line starting with `!`), each at its line, as written (a `!` alone with an empty URL). A removal is itself a published URL:
 * editors mark one by putting `!` at the start of its line, so no other line need list it.
 */
export interface UrlManifest {
  published: UrlLine[];
  removals: UrlLine[];
  /** The pages of `removals` (`pageOfUrl`). */
  removed: Set<string>;
}

export interface UrlLine {
  url: string;
  line: number;
}

/**
 * What a URL is compared by against urls.txt: the page it leads to, its escapes decoded as servers
 * decode them (`pathOfUrl`), so that `/2021/12/09/caf%C3%A9/`, `/2021/12/09/caf%c3%a9/` and
 * `/2021/12/09/café/` are one URL. A URL with a malformed escape stays as written.
 */
export const pageOfUrl = pathOfUrl;

// French whatever DEPECHE_LANG says, as the template `new` writes: the file belongs to the archive,
// which is French and shared in git, not to a terminal. Only the deploy on main writes it, and an
// English log there (DEPECHE_LANG=en is for developers) must not put English in every editor's copy.
const HEADER = `# Les adresses publiées par Dépêche, une par ligne : le déploiement de main les ajoute
# (\`depeche build --record-urls\`) ; vous pouvez y écrire des commentaires. Une adresse
# publiée ne doit pas disparaître : donnez-la en « aliases » à l’article qui la remplace,
# ou, pour la retirer exprès, mettez un « ! » au début de sa ligne, suivi si vous voulez
# du motif après l’adresse :
# ! /2021/12/09/titre/ retiré le …
`;

/** Reads `urls.txt`: one URL a line, `#` comments, `! URL note` for a deliberate removal. */
export function parseUrlManifest(text: string): UrlManifest {
  const published: UrlLine[] = [];
  const removals: UrlLine[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    if (line.startsWith("!")) {
      // A `!` alone is kept, its URL empty: checkPublishedUrls warns of it.
      removals.push({ url: firstWord(line.slice(1).trim()), line: i + 1 });
    } else {
      published.push({ url: firstWord(line), line: i + 1 });
    }
  });
  return urlManifestOf(published, removals);
}

// A line's URL, before the note that may follow it (a line is trimmed: it starts with no space).
function firstWord(line: string): string {
  const end = line.search(/\s/);
  return end < 0 ? line : line.slice(0, end);
}

/** The manifest of these lines, as `parseUrlManifest` reads them (or a snapshot kept them). */
export function urlManifestOf(published: UrlLine[], removals: UrlLine[]): UrlManifest {
  return { published, removals, removed: new Set(removals.flatMap((r) => (r.url === "" ? [] : [pageOfUrl(r.url)]))) };
}

/**
 * How urls.txt's lines changed: the lines of the file before that are not in the file now, by their
 * number (a line is the same when it holds the same URL at the same number), and the lines now
 * that were not before. What a cache's journal records of an edit of urls.txt: a build's lines
 * appended, or an editor's line turned into a removal (`! URL`), a few lines of 100,000.
 */
export interface UrlLinesChange {
  gone: number[];
  published: UrlLine[];
  removals: UrlLine[];
}

/** The change from `before` (none: no file) to `after` (`withUrlLinesChange` gives `after` back). */
export function urlLinesChange(
  before: Pick<UrlManifest, "published" | "removals"> | undefined,
  after: Pick<UrlManifest, "published" | "removals">,
): UrlLinesChange {
  const change: UrlLinesChange = { gone: [], published: [], removals: [] };
  const differ = (was: readonly UrlLine[], now: readonly UrlLine[], fresh: UrlLine[]): void => {
    // Both in the order of their lines, as parseUrlManifest reads them.
    let i = 0;
    let j = 0;
    while (i < was.length || j < now.length) {
      const a = was[i];
      const b = now[j];
      if (a && b && a.line === b.line) {
        if (a.url !== b.url) {
          change.gone.push(a.line);
          fresh.push(b);
        }
        i++;
        j++;
      } else if (a && (!b || a.line < b.line)) {
        change.gone.push(a.line);
        i++;
      } else {
        fresh.push(b!);
        j++;
      }
    }
  };
  differ(before?.published ?? [], after.published, change.published);
  differ(before?.removals ?? [], after.removals, change.removals);
  return change;
}

/** The lines of a manifest (`published` or `removals`) with a change applied (`urlLinesChange`). */
export function withUrlLinesChange(lines: readonly UrlLine[], gone: ReadonlySet<number>, fresh: readonly UrlLine[]): UrlLine[] {
  const kept = lines.filter((line) => !gone.has(line.line));
  if (fresh.length === 0) return kept;
  const merged: UrlLine[] = [];
  let j = 0;
  for (const line of kept) {
    while (j < fresh.length && fresh[j]!.line < line.line) merged.push(fresh[j++]!);
    merged.push(line);
  }
  while (j < fresh.length) merged.push(fresh[j++]!);
  return merged;
}

/**
 * Whether urls.txt lists a page as published. The set of its pages is made at the first question,
 * which only URLs clashing between articles ask: at 780,000 lines it would cost half a second.
 */
export function listedPages(manifest: UrlManifest | undefined): (page: string) => boolean {
  let pages: ReadonlySet<string> | undefined;
  return (page) => (pages ??= new Set(manifest?.published.map(({ url }) => pageOfUrl(url)))).has(page);
}

/** `urls.txt` as found in a content folder: its bytes as written, and what they say. */
export interface UrlManifestFile {
  bytes: Buffer;
  manifest: UrlManifest;
}

/** Reads `urls.txt`: `file` is absent when nothing was published yet, `message` says why it can't be read. */
export function readUrlManifestFile(path: string): { ok: true; file?: UrlManifestFile } | { ok: false; message: string; at?: Position } {
  const read = readContentFile(path, URL_MANIFEST_LIMIT);
  if (!read.ok) return read.missing ? { ok: true } : read;
  const decoded = decodeContentFile(read.bytes, "urls");
  if (!decoded.ok) return decoded;
  return { ok: true, file: { bytes: read.bytes, manifest: parseUrlManifest(decoded.text) } };
}

/** Where a front-matter key of an article sits in its file. */
export type LocateKey = (article: Article, key: "title" | "date" | "slug" | "draft") => Position;

/** The articles a check of urls.txt looks at. */
export interface ManifestCheck {
  /** Every valid article, drafts included. */
  articles: readonly Article[];
  /**
   * The URLs and aliases that files with errors hold, as far as they can be read, and those their
   * paths name (the convention): left to those errors, not said gone.
   */
  heldByFilesWithErrors: ReadonlySet<string>;
  /**
   * The slugs files with errors may have when their URLs can't be read (`ArticleEntry.slugs`): a
   * published URL that no article holds, with one of them, on any day, is left to those errors, as
   * a link to it is (`mayBeUrlOfFileWithErrors`).
   */
  slugsWithErrors?: ReadonlySet<string>;
  /** The build's "now": an article dated after it is held back, off the site until then. */
  nowMs: number;
}

/**
 * A URL once published must still lead somewhere: to an article online, or as an alias to one,
 * unless the manifest marks it removed. Reports each one that would silently disappear: at the
 * `draft` line of an article made a draft, at the `date` of one dated in the future (held back
 * until then), at the article that moved it when its file's path still names it
 * (`articles/2021/12/09-un.md` for `/2021/12/09/un/`, the convention), else at the URL's line of
 * urls.txt (a removed article, or a file named otherwise: urls.txt holds only URLs, and guessing
 * from titles would blame the wrong article, such as another day's « Météo du jour »), unless a
 * file with errors whose URL can't be read may hold it (`slugsWithErrors`, as links). A removal
 * (`! URL`, on the published line itself or apart) that an article online still has, or that is
 * no path of the site, is a warning at its line. URLs are compared by their pages (`pageOfUrl`),
 * and said as urls.txt writes them. Returns the articles told to take as an alias a URL their
 * file's path names, with that URL.
 */
export function checkPublishedUrls(
  manifest: UrlManifest,
  check: ManifestCheck,
  file: string,
  diagnostics: Diagnostics,
  locate: LocateKey,
): ReadonlyMap<Article, string> {
  const say = messages().diagnostics;
  const holders = new Map<string, Article>();
  for (const article of check.articles) {
    holders.set(pageOfUrl(article.url), article);
    for (const alias of article.aliases) holders.set(pageOfUrl(alias), article);
  }
  const at = (line: number): string => `${file}:${line}`;
  const online = (article: Article | undefined): boolean => article !== undefined && !article.draft && article.published.epochMs <= check.nowMs;
  const heldByErrors = new Set([...check.heldByFilesWithErrors].map(pageOfUrl));
  let movedFrom: Map<string, Article> | undefined;
  let strays: StrayRemoval[] | undefined;
  const typos = new Map<UrlLine, UrlLine>();
  // The articles told to take a URL their file's path names as an alias: moving the file first would lose the link.
  const moved = new Map<Article, string>();
  for (const { url, line } of manifest.published) {
    // Not an address of the site: no alias could hold it (aliases are site paths), no page has it.
    if (!url.startsWith("/")) {
      diagnostics.error(file, { line, column: 1 }, say.publishedLineNotPath(url, pathMeant(url)));
      continue;
    }
    const page = pageOfUrl(url);
    const holder = holders.get(page);
    // A topic's or a source's page is checkPublishedLists's.
    if (manifest.removed.has(page) || heldByErrors.has(page) || (holder === undefined && LIST_PAGE.test(page))) continue;
    if (online(holder)) {
      // Held by a file its URL does not name, while the file it names has moved away: a copy of
      // the published article (same title, same day) took its place, and the published one was
      // renamed, as a clash of URLs told one of them to be (see checkAcrossArticles). Only a
      // path that does not end as the URL names costs a look.
      if (!holder!.sourcePath.endsWith(conventionalName(page)) && pageOfUrl(holder!.url) === page) {
        movedFrom ??= articlesByPathUrl(check.articles);
        const article = movedFrom.get(page);
        if (article && article !== holder && !article.aliases.some((alias) => pageOfUrl(alias) === page)) {
          const key = movedKey(page, article);
          diagnostics.error(article.sourcePath, locate(article, key), say.publishedUrlTaken(url, key, article.url, holder!.sourcePath, at(line)));
        }
      }
      continue;
    }
    if (holder?.draft) {
      diagnostics.error(holder.sourcePath, locate(holder, "draft"), say.publishedUrlDrafted(url, at(line)));
      continue;
    }
    if (holder) {
      diagnostics.error(holder.sourcePath, locate(holder, "date"), say.publishedUrlHeldBack(url, momentName(holder.published), at(line)));
      continue;
    }
    movedFrom ??= articlesByPathUrl(check.articles);
    const article = movedFrom.get(page);
    if (article) {
      const key = movedKey(page, article);
      // Moved by its title (a headline corrected): the slug it had keeps the URL, with no redirect.
      const kept = page.split("/").at(-2)!;
      const slug = key === "title" && isSlug(kept) ? kept : undefined;
      diagnostics.error(article.sourcePath, locate(article, key), say.publishedUrlMoved(url, key, article.url, at(line), slug));
      moved.set(article, url);
    } else if (!mayBeUrlOfFileWithErrors(page, check.slugsWithErrors)) {
      strays ??= strayRemovals(manifest, (page) => online(holders.get(page)));
      const typo = mistypedRemoval(page, strays);
      if (typo && !typos.has(typo)) typos.set(typo, { url, line });
      diagnostics.error(file, { line, column: 1 }, say.publishedUrlGone(url, typo?.url, typo?.line));
    }
  }
  if (manifest.removals.length === 0) return moved;
  // Each published page, as urls.txt writes it and at its line. A removal needs none: editors put
  // `!` on the published line itself, and without the file's history a typo there can't be told
  // from a URL published long ago. A typo on a line of its own leaves the published line reported
  // gone: when the removal is a few letters from it, each names the other.
  const listed = new Map(manifest.published.map((published) => [pageOfUrl(published.url), published]));
  for (const removal of manifest.removals) {
    const { url, line } = removal;
    const page = pageOfUrl(url);
    const holder = holders.get(page);
    const where = { line, column: 1 };
    const meant = typos.get(removal);
    if (url === "") diagnostics.warning(file, where, say.removedUrlEmpty(), "removedUrlEmpty");
    else if (!url.startsWith("/")) diagnostics.warning(file, where, say.removedUrlNotPath(url, meantUrl(url, listed)), "removedUrlNotPath");
    else if (online(holder)) diagnostics.warning(file, where, say.removedUrlOnline(url, holder!.sourcePath, listed.get(page)?.line), "removedUrlOnline");
    else if (meant) diagnostics.warning(file, where, say.removedUrlTypo(url, meant.url, meant.line), "removedUrlTypo");
  }
  return moved;
}

// A topic's or a source's page, `/sujets/irak/` or `/sources/aa/`: not its pages 2, 3…, which follow the articles.
const LIST_PAGE = new RegExp(`^(${TOPICS_URL}|${SOURCES_URL})([^/]+)/$`);

/** A topic or a source, and where topics.yaml or sources.yaml gives it (its index in the list). */
export type RegistryEntry = { kind: "topic"; index: number } | { kind: "source"; index: number };

/** The topics and sources a check of urls.txt looks at: those of a file that does not read are left to its errors. */
export interface ListCheck {
  topics?: readonly Topic[];
  sources?: readonly Source[];
  /** Where an entry's slug (a topic) or code (a source) is written: its file, as errors print it, and its position. */
  locate: (entry: RegistryEntry) => { file: string; at: Position };
}

/**
 * A topic's or a source's page once published (`/sujets/irak/`) must still be there: the slug of a
 * topic, or the code of a source, or one of their `aliases` (old slugs, old codes, whose pages
 * redirect). Reports each one gone, unless the manifest marks it removed: at the entry that
 * replaced it, when one does (an entry whose page urls.txt does not list yet, since each deploy
 * records every page: the one whose label or name makes the old slug, else the one whose slug is
 * nearest, else the only one), else at the URL's line of urls.txt.
 */
export function checkPublishedLists(manifest: UrlManifest, lists: ListCheck, file: string, diagnostics: Diagnostics): void {
  const say = messages().diagnostics;
  // Every page urls.txt lists, made only when a page is gone: most checks find none.
  let listed: Set<string> | undefined;
  for (const { url, line } of manifest.published) {
    const page = pageOfUrl(url);
    const list = LIST_PAGE.exec(page);
    if (!list || manifest.removed.has(page)) continue;
    const slug = list[2]!;
    const topics = list[1] === TOPICS_URL;
    const entries: readonly (Topic | Source)[] | undefined = topics ? lists.topics : lists.sources;
    if (!entries || entries.some((entry) => entry.slug === slug || entry.aliases?.includes(slug))) continue;
    const urlOf = topics ? topicUrl : sourceUrl;
    listed ??= new Set([...manifest.published.map((published) => pageOfUrl(published.url)), ...manifest.removed]);
    const seen = listed;
    const index = replacement(
      slug,
      entries.map((entry) => ({ slug: entry.slug, named: slugify("label" in entry ? entry.label : entry.name), fresh: !seen.has(urlOf(entry)) })),
    );
    const gone = topics ? say.publishedTopicGone : say.publishedSourceGone;
    if (index === undefined) diagnostics.error(file, { line, column: 1 }, gone(url, slug, undefined));
    else {
      const where = lists.locate({ kind: topics ? "topic" : "source", index });
      // The entry's former slugs stay: the fix adds this one to them.
      diagnostics.error(where.file, where.at, gone(url, slug, `${file}:${line}`, entries[index]!.aliases));
    }
  }
  // A page removed on purpose that a topic or a source gives again, by its slug or an old one.
  for (const { url, line } of manifest.removals) {
    const list = LIST_PAGE.exec(pageOfUrl(url));
    if (!list) continue;
    const kind = list[1] === TOPICS_URL ? "topic" : "source";
    const entries: readonly (Topic | Source)[] | undefined = kind === "topic" ? lists.topics : lists.sources;
    const index = entries?.findIndex((entry) => entry.slug === list[2] || entry.aliases?.includes(list[2]!)) ?? -1;
    if (index === -1) continue;
    const where = lists.locate({ kind, index });
    diagnostics.warning(file, { line, column: 1 }, say.removedListOnline(url, kind, `${where.file}:${where.at.line}`), "removedListOnline");
  }
}

// The index of the entry that replaced the one of an old slug, among those not published yet (`fresh`).
function replacement(old: string, entries: readonly { slug: string; named: string; fresh: boolean }[]): number | undefined {
  const fresh = entries.flatMap((entry, index) => (entry.fresh ? [{ ...entry, index }] : []));
  const named = fresh.find((entry) => entry.named === old);
  if (named) return named.index;
  const near = closest(old, fresh, (entry) => entry.slug, Math.max(1, Math.floor(old.length / 3)));
  return near?.index ?? (fresh.length === 1 ? fresh[0]!.index : undefined);
}

// A removal on a line of its own that removes nothing, with its page folded as a typo is compared.
interface StrayRemoval {
  removal: UrlLine;
  folded: string;
}

// The removals whose page no published line and no article online has.
function strayRemovals(manifest: UrlManifest, isOnline: (page: string) => boolean): StrayRemoval[] {
  if (manifest.removals.length === 0) return [];
  const published = new Set(manifest.published.map(({ url }) => pageOfUrl(url)));
  return manifest.removals
    .filter(({ url }) => url.startsWith("/") && !published.has(pageOfUrl(url)) && !isOnline(pageOfUrl(url)))
    .map((removal) => ({ removal, folded: foldUrl(pageOfUrl(removal.url)) }));
}

// The removal that may be a typo of a published page: the same page but for case, accents or the
// trailing slash, or on the same day with a slug up to two letters off (one under 10 letters, none
// under 4, where one letter makes another word).
function mistypedRemoval(page: string, strays: readonly StrayRemoval[]): UrlLine | undefined {
  if (strays.length === 0) return undefined;
  const folded = foldUrl(page);
  const slug = folded.slice(DAY_PATH.length, -1);
  const tolerance = !ARTICLE_PATH.test(folded) || slug.length < 4 ? 0 : slug.length < 10 ? 1 : 2;
  return closest(folded, strays, (stray) => stray.folded, tolerance, urlTypoEdits)?.removal;
}

// Edits between two folded URLs: none when equal, the slugs' when both are articles of one day, else too many.
function urlTypoEdits(a: string, b: string): number {
  if (a === b) return 0;
  if (!ARTICLE_PATH.test(a) || !ARTICLE_PATH.test(b) || dayOfUrl(a) !== dayOfUrl(b)) return Number.POSITIVE_INFINITY;
  return distance(a.slice(DAY_PATH.length), b.slice(DAY_PATH.length));
}

// A page as a typo may differ from it: lower case, without accents, with its trailing slash.
function foldUrl(page: string): string {
  const folded = foldForMatch(page);
  return folded.endsWith("/") ? folded : `${folded}/`;
}

// The site path a line of urls.txt that is none meant: an address written whole's
// (`https://archives.example.org/2021/12/09/x/`), or one written without its first slash
// (`2021/12/09/x/`); undefined for any other text.
function pathMeant(written: string): string | undefined {
  if (/^https?:\/\//i.test(written) && URL.canParse(written)) return new URL(written).pathname;
  return /^(?:\d{4}|sujets|sources)\//.test(written) ? `/${written}` : undefined;
}

// The path a removal written whole meant (`https://site/2021/12/09/x/` for `/2021/12/09/x/`), as a published line writes it if one does.
function meantUrl(url: string, listed: ReadonlyMap<string, UrlLine>): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const path = new URL(url).pathname;
  return path.startsWith("/") ? (listed.get(pageOfUrl(path))?.url ?? path) : undefined;
}

const DAY_PATH = "/YYYY/MM/DD/";
const ARTICLE_PATH = /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/;

// `/2021/12/09/un/` → `/2021/12/09/`.
function dayOfUrl(url: string): string {
  return url.slice(0, DAY_PATH.length);
}

// The key of an article that moved it off `page`, its URL once.
function movedKey(page: string, article: Article): "date" | "title" | "slug" {
  return dayOfUrl(page) !== dayOfUrl(article.url) ? "date" : article.slug === slugify(article.title) ? "title" : "slug";
}

// The end of a file's name by the convention for an article's page: `/2021/12/09/un/` → `09-un.md`.
function conventionalName(page: string): string {
  return ARTICLE_PATH.test(page) ? `${page.slice(9, 11)}-${page.slice(12, -1)}.md` : "";
}

// Articles whose file is named by the convention (YYYY/MM/DD-slug.md) for a URL they no longer have.
function articlesByPathUrl(articles: readonly Article[]): Map<string, Article> {
  const byUrl = new Map<string, Article>();
  for (const article of articles) {
    const url = urlNamedBy(article.sourcePath);
    if (url !== undefined && url !== article.url) byUrl.set(url, article);
  }
  return byUrl;
}

/** The URL an article file's path names by the convention (`…/2021/12/09-un.md` → `/2021/12/09/un/`), if it follows it. */
export function urlNamedBy(path: string): string | undefined {
  const named = /(?:^|[/\\])(\d{4})[/\\](\d{2})[/\\](\d{2})-([a-z0-9-]+)\.md$/.exec(path);
  return named ? `/${named[1]}/${named[2]}/${named[3]}/${named[4]}/` : undefined;
}

/**
 * The URLs of the published articles and their aliases, and of the topics' and sources' pages and
 * their aliases' (`/sujets/irak/`, not their pages 2, 3…), that the manifest lists neither as
 * published nor as removed, sorted.
 */
export function unlistedUrls(
  manifest: UrlManifest | undefined,
  published: readonly Article[],
  registries: { topics: readonly Topic[]; sources: readonly Source[] } = { topics: [], sources: [] },
): string[] {
  const listed = new Set(manifest?.removed);
  for (const { url } of manifest?.published ?? []) listed.add(pageOfUrl(url));
  const urls: string[] = [];
  // A page a line already lists, however spelled, is not listed again; a new one as the article writes it.
  const add = (url: string): void => {
    const page = pageOfUrl(url);
    if (listed.has(page)) return;
    listed.add(page);
    urls.push(url);
  };
  for (const article of published) {
    add(article.url);
    for (const alias of article.aliases) add(alias);
  }
  for (const entry of [...registries.topics, ...registries.sources]) {
    const urlOf = "label" in entry ? topicUrl : sourceUrl;
    add(urlOf(entry));
    for (const slug of entry.aliases ?? []) add(urlOf({ slug }));
  }
  return urls.sort();
}

/**
 * `urls.txt` with URLs added: the previous bytes untouched (people's comments, notes, blank lines,
 * order, line endings), the new URLs at the end, one a line; a new file starts with a header.
 */
export function appendUrls(previous: Buffer | undefined, urls: readonly string[]): Buffer {
  if (previous === undefined) return Buffer.from(`${HEADER}${urls.map((url) => `${url}\n`).join("")}`);
  const eol = previous.includes("\r\n") ? "\r\n" : "\n";
  const lastLineOpen = previous.length > 0 && previous.at(-1) !== 0x0a;
  return Buffer.concat([previous, Buffer.from(`${lastLineOpen ? eol : ""}${urls.map((url) => `${url}${eol}`).join("")}`)]);
}
