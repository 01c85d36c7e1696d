import { readFile } from "node:fs/promises";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { Diagnostics, FILE_START, sortDiagnostics, type Diagnostic, type Position } from "./diagnostics.ts";
import { parseFrontMatter } from "./frontmatter.ts";
import type { Article, Content } from "./model.ts";
import { decodeContentFile } from "./read-text.ts";
import { indexSources, indexTopics, readSiteConfig, readSources, readTopics } from "./registries.ts";
import { checkAcrossArticles, validateArticle, type ArticleContext } from "./validate.ts";
import { parseLocatedYaml, type LocatedYaml } from "./yaml.ts";

export interface LoadOptions {
  /** The content folder (default `content`). */
  contentDir: string;
  /** "Now" for the future-date warning; defaults to the clock. */
  nowMs?: number;
  /** Called as files are read, for progress on large archives. */
  onProgress?: (done: number, total: number) => void;
}

export interface LoadResult {
  /** Present when there is no error. */
  content?: Content;
  /** Every error and warning, sorted by file and line. */
  diagnostics: Diagnostic[];
  /** Articles read, valid or not. */
  fileCount: number;
}

// Reading in bounded batches keeps file handles and memory flat at 100,000 files.
const READ_BATCH = 256;

/** Loads and validates a whole archive: registries, then every article, then the rules across articles. */
export async function loadContent(options: LoadOptions): Promise<LoadResult> {
  const root = resolve(options.contentDir);
  const diagnostics = new Diagnostics();
  const display = (path: string): string => relative(process.cwd(), path) || ".";

  const site = await readRegistry(join(root, "site.yaml"), display, diagnostics, (y, f) => readSiteConfig(y, f, diagnostics));
  const topics = await readRegistry(join(root, "topics.yaml"), display, diagnostics, (y, f) => readTopics(y, f, diagnostics));
  const sources = await readRegistry(join(root, "sources.yaml"), display, diagnostics, (y, f) => readSources(y, f, diagnostics));

  const paths = listArticleFiles(join(root, "articles"), display, diagnostics);
  const articles: Article[] = [];
  if (site && topics && sources) {
    const ctx: ArticleContext = { site, topics: indexTopics(topics), sources: indexSources(sources), nowMs: options.nowMs ?? Date.now() };
    const readBatch = (start: number): Promise<Buffer[]> => Promise.all(paths.slice(start, start + READ_BATCH).map((path) => readFile(path)));
    // The next batch is read while this one is validated: the disk and the CPU work together.
    let next = readBatch(0);
    for (let start = 0; start < paths.length; start += READ_BATCH) {
      const read = await next;
      if (start + READ_BATCH < paths.length) next = readBatch(start + READ_BATCH);
      read.forEach((bytes, i) => {
        const article = validateArticleFile(display(paths[start + i]!), bytes, ctx, diagnostics);
        if (article) articles.push(article);
      });
      options.onProgress?.(Math.min(start + READ_BATCH, paths.length), paths.length);
    }
    checkAcrossArticles(articles, (article, key, index) => locateInFile(resolve(article.sourcePath), key, index), diagnostics);
  }

  articles.sort(byPublication);
  const sorted = sortDiagnostics(diagnostics.items);
  const valid = diagnostics.errorCount === 0 && site && topics && sources;
  return { ...(valid ? { content: { site, topics, sources, articles } } : {}), diagnostics: sorted, fileCount: paths.length };
}

/** Oldest first; same instant ordered by URL so every build lists them alike. */
export function byPublication(a: Article, b: Article): number {
  return a.published.epochMs - b.published.epochMs || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

/** Validates one article file from its bytes. */
export function validateArticleFile(file: string, bytes: Uint8Array, ctx: ArticleContext, diagnostics: Diagnostics): Article | undefined {
  const decoded = decodeContentFile(bytes);
  if (!decoded.ok) {
    diagnostics.error(file, FILE_START, decoded.message);
    return undefined;
  }
  const parsed = parseFrontMatter(decoded.text);
  if (!parsed.ok) {
    for (const p of parsed.problems) diagnostics.error(file, p.at, p.message);
    return undefined;
  }
  return validateArticle(file, parsed.frontMatter, ctx, diagnostics);
}

async function readRegistry<T>(path: string, display: (p: string) => string, diagnostics: Diagnostics, read: (yaml: LocatedYaml, file: string) => T | undefined): Promise<T | undefined> {
  const file = display(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    diagnostics.error(file, FILE_START, `missing ${file.split("/").pop()}: every archive needs site.yaml, topics.yaml and sources.yaml in its content folder`);
    return undefined;
  }
  const decoded = decodeContentFile(bytes);
  if (!decoded.ok) {
    diagnostics.error(file, FILE_START, decoded.message);
    return undefined;
  }
  const parsed = parseLocatedYaml(decoded.text.replace(/^\uFEFF/, ""));
  if (!parsed.ok) {
    for (const p of parsed.problems) diagnostics.error(file, p.at, p.message);
    return undefined;
  }
  return read(parsed.yaml, file);
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
    const decoded = decodeContentFile(readFileSync(path));
    if (!decoded.ok) return FILE_START;
    const parsed = parseFrontMatter(decoded.text);
    if (!parsed.ok) return FILE_START;
    return parsed.frontMatter.valuePosition(index === undefined ? [key] : [key, index]);
  } catch {
    return FILE_START;
  }
}
