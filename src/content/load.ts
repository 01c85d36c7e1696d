import { lstatSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { Diagnostics, displayPath, FILE_START, sortDiagnostics, type Diagnostic, type Position } from "./diagnostics.ts";
import { parseFrontMatter } from "./frontmatter.ts";
import type { Article, Content } from "./model.ts";
import { describeIoError } from "../files/file-errors.ts";
import { decodeContentFile, readContentFile, symbolicLinkMessage } from "./read-text.ts";
import { ARTICLE_LIMIT } from "./limits.ts";
import { readRegistries } from "./registries.ts";
import { checkAcrossArticles } from "./validate.ts";
import { SitePaths, siteFiles } from "./site-files.ts";
import { validateFiles, ValidationWorker } from "./validate-files.ts";
import { checkPublishedUrls, readUrlManifestFile, URL_MANIFEST, type UrlManifest } from "./url-manifest.ts";

export interface LoadOptions {
  /** The content folder (default `content`). */
  contentDir: string;
  /** "Now" for the future-date warning; defaults to the clock. */
  nowMs?: number;
  /** Validate half the files in a worker thread, if the thread budget has one free; by default only for large archives. */
  helperThread?: boolean;
  /** Called as files are read, for progress on large archives. */
  onProgress?: (done: number, total: number) => void;
  /** Called with the number of article files found, before any is read. */
  onListed?: (fileCount: number) => void;
  /** Called with valid articles as they are read, before the rules across articles are checked. */
  onArticles?: (articles: Article[]) => void;
}

export interface LoadResult {
  /** Present when there is no error. */
  content?: Content;
  /** Every error and warning, sorted by file and line. */
  diagnostics: Diagnostic[];
  /** Articles read, valid or not. */
  fileCount: number;
}

// Below this many files a second thread costs more to start than it saves.
const FILES_PER_EXTRA_THREAD = 20_000;

/** Loads and validates a whole archive: registries, then every article, then the rules across articles. */
export async function loadContent(options: LoadOptions): Promise<LoadResult> {
  const root = resolve(options.contentDir);
  const diagnostics = new Diagnostics();
  const paths = listArticleFiles(join(root, "articles"), displayPath, diagnostics);
  const listed = diagnostics.errorCount === 0;
  options.onListed?.(paths.length);
  // Started first, so its start-up overlaps the reading of the registries and of our half.
  const useHelper = options.helperThread ?? paths.length >= FILES_PER_EXTRA_THREAD;
  const helper = useHelper ? ValidationWorker.start() : undefined;
  try {
    const registries = readRegistries(root, diagnostics);
    const articles: Article[] = [];
    if (registries) {
      const nowMs = options.nowMs ?? Date.now();
      let done = 0;
      const progress = (n: number): void => options.onProgress?.((done += n), paths.length);
      const half = helper ? Math.ceil(paths.length / 2) : paths.length;
      const results = await Promise.all([
        validateFiles(paths.slice(0, half), registries, nowMs, (n, valid) => {
          progress(n);
          options.onArticles?.(valid);
        }),
        ...(helper ? [helper.validate(paths.slice(half), registries, nowMs, progress).then((result) => (options.onArticles?.(result.articles), result))] : []),
      ]);
      for (const result of results) {
        articles.push(...result.articles);
        diagnostics.items.push(...result.diagnostics);
      }
      checkArchiveRules({ ...registries, articles }, diagnostics);
    }
    const urlManifest = readUrlManifest(join(root, URL_MANIFEST), diagnostics);
    // Without every article read, each URL of the others would be reported missing, hiding the cause.
    if (urlManifest && registries && listed) checkPublishedUrls(urlManifest, articles.filter((a) => !a.draft), displayPath(join(root, URL_MANIFEST)), diagnostics);
    articles.sort(byPublication);
    const valid = diagnostics.errorCount === 0 && registries;
    return { ...(valid ? { content: { ...registries, articles } } : {}), diagnostics: sortDiagnostics(diagnostics.items), fileCount: paths.length };
  } finally {
    await helper?.close();
  }
}

/** The rules across articles (URLs, short links, aliases), with each error pointing into its file. */
export function checkArchiveRules(content: Content, diagnostics: Diagnostics): void {
  const sitePaths = new SitePaths(siteFiles(content));
  checkAcrossArticles(content.articles, sitePaths, (article, key, index) => locateInFile(resolve(article.sourcePath), key, index), diagnostics);
}

function readUrlManifest(path: string, diagnostics: Diagnostics): UrlManifest | undefined {
  const read = readUrlManifestFile(path);
  if (!read.ok) diagnostics.error(displayPath(path), FILE_START, read.message);
  return read.ok ? read.file?.manifest : undefined;
}

/** Oldest first; same instant ordered by URL so every build lists them alike. */
export function byPublication(a: Article, b: Article): number {
  return a.published.epochMs - b.published.epochMs || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}


/**
 * Every `*.md` below the articles folder, sorted. Symbolic links are refused, never followed out;
 * a folder that can't be read is an error and any other file a warning, so no article is left out unseen.
 */
export function listArticleFiles(dir: string, display: (p: string) => string, diagnostics: Diagnostics, options: { mayBeMissing?: boolean } = {}): string[] {
  const found: string[] = [];
  const unreadable = (folder: string, error: unknown): void =>
    diagnostics.error(display(folder), FILE_START, `cannot read the folder (${describeIoError(error)}): the articles in it would be left out of the site; check its permissions`);
  const walk = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      unreadable(folder, error);
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        diagnostics.error(display(path), FILE_START, symbolicLinkMessage(entry.name.endsWith(".md") ? "article" : "folder"));
      } else if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".md")) found.push(path);
      else if (!isClutter(entry.name)) {
        diagnostics.warning(display(path), FILE_START, "not an article, so left out of the site: articles are .md files (lower case); rename it if it is one, or move it out of the articles folder");
      }
    }
  };
  let root;
  try {
    root = lstatSync(dir, { throwIfNoEntry: false });
  } catch (error) {
    unreadable(dir, error);
    return [];
  }
  if (!root) {
    if (!options.mayBeMissing) diagnostics.error(display(dir), FILE_START, "missing articles folder: create it and put one .md file per article in it");
  } else if (root.isSymbolicLink()) diagnostics.error(display(dir), FILE_START, symbolicLinkMessage("articles folder"));
  else if (!root.isDirectory()) diagnostics.error(display(dir), FILE_START, "the articles folder is a file: make it a folder, with one .md file per article in it");
  else walk(dir);
  return found.sort();
}

// What systems and editors leave beside files (hidden files such as .DS_Store or swap files,
// backups ending in ~, Emacs's #autosave#, Windows thumbnails): no one took them for articles.
function isClutter(name: string): boolean {
  return name.startsWith(".") || name.endsWith("~") || /^#.*#$/.test(name) || /^(?:thumbs\.db|desktop\.ini)$/i.test(name);
}

// Cross-article errors are rare: re-reading the file beats keeping 100,000 YAML documents in memory.
function locateInFile(path: string, key: string, index?: number): Position {
  try {
    const read = readContentFile(path, ARTICLE_LIMIT);
    const decoded = read.ok ? decodeContentFile(read.bytes) : read;
    if (!decoded.ok) return FILE_START;
    const parsed = parseFrontMatter(decoded.text);
    if (!parsed.ok) return FILE_START;
    return parsed.frontMatter.valuePosition(index === undefined ? [key] : [key, index]);
  } catch {
    return FILE_START;
  }
}
