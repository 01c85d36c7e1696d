import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { Diagnostics, displayPath, FILE_START, sortDiagnostics, type Diagnostic, type Position } from "./diagnostics.ts";
import { parseFrontMatter } from "./frontmatter.ts";
import type { Article, Content } from "./model.ts";
import { MAX_ARTICLE_BYTES, MAX_URL_MANIFEST_BYTES } from "./limits.ts";
import { decodeContentFile, readContentBytes } from "./read-text.ts";
import { readRegistries } from "./registries.ts";
import { checkAcrossArticles } from "./validate.ts";
import { validateFiles, ValidationWorker } from "./validate-files.ts";
import { checkPublishedUrls, parseUrlManifest, URL_MANIFEST, type UrlManifest } from "./url-manifest.ts";

export interface LoadOptions {
  /** The content folder (default `content`). */
  contentDir: string;
  /** "Now" for the future-date warning; defaults to the clock. */
  nowMs?: number;
  /** Validate half the files in a worker thread; by default only for large archives. */
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
  /** `urls.txt`, when the archive has one. */
  urlManifest?: UrlManifest;
}

// Below this many files a second thread costs more to start than it saves.
const FILES_PER_EXTRA_THREAD = 20_000;

/** Loads and validates a whole archive: registries, then every article, then the rules across articles. */
export async function loadContent(options: LoadOptions): Promise<LoadResult> {
  const root = resolve(options.contentDir);
  const diagnostics = new Diagnostics();
  const paths = listArticleFiles(join(root, "articles"), displayPath, diagnostics);
  options.onListed?.(paths.length);
  // Started first, so its start-up overlaps the reading of the registries and of our half.
  const useHelper = options.helperThread ?? (paths.length >= FILES_PER_EXTRA_THREAD && availableParallelism() > 1);
  const helper = useHelper ? new ValidationWorker() : undefined;
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
      checkArchiveRules(articles, diagnostics);
    }
    const urlManifest = readUrlManifest(join(root, URL_MANIFEST), diagnostics);
    if (urlManifest) checkPublishedUrls(urlManifest, articles.filter((a) => !a.draft), displayPath(join(root, URL_MANIFEST)), diagnostics);
    articles.sort(byPublication);
    const valid = diagnostics.errorCount === 0 && registries;
    return { ...(valid ? { content: { ...registries, articles } } : {}), diagnostics: sortDiagnostics(diagnostics.items), fileCount: paths.length, ...(urlManifest ? { urlManifest } : {}) };
  } finally {
    await helper?.close();
  }
}

/** The rules across articles (URLs, short links, aliases), with each error pointing into its file. */
export function checkArchiveRules(articles: readonly Article[], diagnostics: Diagnostics): void {
  checkAcrossArticles(articles, (article, key, index) => locateInFile(resolve(article.sourcePath), key, index), diagnostics);
}

function readUrlManifest(path: string, diagnostics: Diagnostics): UrlManifest | undefined {
  let read;
  try {
    read = readContentBytes(path, MAX_URL_MANIFEST_BYTES, "is it the right file? Each published page adds a line of about 70 bytes");
  } catch {
    return undefined; // nothing published yet
  }
  if (!read.ok) {
    diagnostics.error(displayPath(path), FILE_START, read.message);
    return undefined;
  }
  const decoded = decodeContentFile(read.bytes);
  if (!decoded.ok) {
    diagnostics.error(displayPath(path), FILE_START, decoded.message);
    return undefined;
  }
  return parseUrlManifest(decoded.text);
}

/** Oldest first; same instant ordered by URL so every build lists them alike. */
export function byPublication(a: Article, b: Article): number {
  return a.published.epochMs - b.published.epochMs || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}


/** Every `*.md` below the articles folder, sorted; symbolic links are refused, never followed out. */
export function listArticleFiles(dir: string, display: (p: string) => string, diagnostics: Diagnostics): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      if (folder === dir) diagnostics.error(display(dir), FILE_START, "missing articles folder: create it and put one .md file per article in it");
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        diagnostics.error(display(path), FILE_START, "symbolic links are not followed: put the article itself in the content folder");
      } else if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".md")) found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}

// Cross-article errors are rare: re-reading the file beats keeping 100,000 YAML documents in memory.
function locateInFile(path: string, key: string, index?: number): Position {
  try {
    const read = readContentBytes(path, MAX_ARTICLE_BYTES, "");
    const decoded = read.ok ? decodeContentFile(read.bytes) : read;
    if (!decoded.ok) return FILE_START;
    const parsed = parseFrontMatter(decoded.text);
    if (!parsed.ok) return FILE_START;
    return parsed.frontMatter.valuePosition(index === undefined ? [key] : [key, index]);
  } catch {
    return FILE_START;
  }
}
