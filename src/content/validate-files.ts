import { Worker } from "node:worker_threads";
import { Diagnostics, displayPath, FILE_START, type Diagnostic } from "./diagnostics.ts";
import { parseFrontMatter } from "./frontmatter.ts";
import type { Article } from "./model.ts";
import { ARTICLE_LIMIT, tooLarge } from "./limits.ts";
import { decodeContentFile, readContentFile } from "./read-text.ts";
import { indexSources, indexTopics, type Registries } from "./registries.ts";
import { validateArticle, type ArticleContext } from "./validate.ts";

export interface ValidatedFiles {
  articles: Article[];
  diagnostics: Diagnostic[];
}

// Files are read one at a time, synchronously: from the page cache that is faster than batches
// of asynchronous reads, whose thread-pool round trips cost more than the reading itself.
// Every so many files the event loop gets a turn, for a helper thread's progress messages.
const FILES_PER_TURN = 500;

/** Reads and validates article files, reporting every problem. */
export async function validateFiles(paths: readonly string[], registries: Registries, nowMs: number, onProgress?: (done: number, valid: Article[]) => void): Promise<ValidatedFiles> {
  const diagnostics = new Diagnostics();
  const ctx: ArticleContext = { site: registries.site, topics: indexTopics(registries.topics), sources: indexSources(registries.sources), nowMs };
  const articles: Article[] = [];
  for (let start = 0; start < paths.length; start += FILES_PER_TURN) {
    const end = Math.min(start + FILES_PER_TURN, paths.length);
    const first = articles.length;
    for (let i = start; i < end; i++) {
      const file = displayPath(paths[i]!);
      const read = readContentFile(paths[i]!, ARTICLE_LIMIT);
      if (!read.ok) {
        diagnostics.error(file, FILE_START, read.message);
        continue;
      }
      const article = validateArticleFile(file, read.bytes, ctx, diagnostics);
      if (article) articles.push(article);
    }
    onProgress?.(end - start, articles.slice(first));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { articles, diagnostics: diagnostics.items };
}

/** Validates one article file from its bytes (read whole by the dev server; see validateFiles for the size read first). */
export function validateArticleFile(file: string, bytes: Uint8Array, ctx: ArticleContext, diagnostics: Diagnostics): Article | undefined {
  if (bytes.length > ARTICLE_LIMIT.bytes) {
    diagnostics.error(file, FILE_START, tooLarge("the file", bytes.length, ARTICLE_LIMIT.bytes, ARTICLE_LIMIT.fix));
    return undefined;
  }
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

/**
 * Validates files in a worker thread, so a large archive is checked on two cores. Articles come
 * back as copies: their topics and sources are linked again to the caller's registry entries.
 */
export class ValidationWorker {
  private readonly worker = new Worker(new URL("./validate-worker.js", import.meta.url));

  async validate(paths: readonly string[], registries: Registries, nowMs: number, onProgress?: (done: number) => void): Promise<ValidatedFiles> {
    const result = await new Promise<ValidatedFiles>((resolve, reject) => {
      this.worker.on("message", (message: { progress?: number; result?: ValidatedFiles }) => {
        if (message.progress) onProgress?.(message.progress);
        if (message.result) resolve(message.result);
      });
      this.worker.on("error", reject);
      this.worker.on("exit", (code) => reject(new Error(`the validation worker stopped early (code ${code})`)));
      this.worker.postMessage({ paths, registries, nowMs });
    });
    const topics = new Map(registries.topics.map((t) => [t.slug, t]));
    const sources = new Map(registries.sources.map((s) => [s.slug, s]));
    for (const article of result.articles) {
      article.topics = article.topics.map((t) => topics.get(t.slug)!);
      article.sources = article.sources.map((s) => sources.get(s.slug)!);
    }
    return result;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
