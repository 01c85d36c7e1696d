import { readFile } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { Diagnostics, displayPath, FILE_START, type Diagnostic } from "./diagnostics.ts";
import { parseFrontMatter } from "./frontmatter.ts";
import type { Article } from "./model.ts";
import { decodeContentFile } from "./read-text.ts";
import { indexSources, indexTopics, type Registries } from "./registries.ts";
import { validateArticle, type ArticleContext } from "./validate.ts";

export interface ValidatedFiles {
  articles: Article[];
  diagnostics: Diagnostic[];
}

// Reading in bounded batches keeps file handles and memory flat at 100,000 files.
const READ_BATCH = 256;

/** Reads and validates article files, reporting every problem. */
export async function validateFiles(paths: readonly string[], registries: Registries, nowMs: number, onProgress?: (done: number) => void): Promise<ValidatedFiles> {
  const diagnostics = new Diagnostics();
  const ctx: ArticleContext = { site: registries.site, topics: indexTopics(registries.topics), sources: indexSources(registries.sources), nowMs };
  const articles: Article[] = [];
  const readBatch = (start: number): Promise<Buffer[]> => Promise.all(paths.slice(start, start + READ_BATCH).map((path) => readFile(path)));
  // The next batch is read while this one is validated: the disk and the CPU work together.
  let next = readBatch(0);
  for (let start = 0; start < paths.length; start += READ_BATCH) {
    const read = await next;
    if (start + READ_BATCH < paths.length) next = readBatch(start + READ_BATCH);
    read.forEach((bytes, i) => {
      const article = validateArticleFile(displayPath(paths[start + i]!), bytes, ctx, diagnostics);
      if (article) articles.push(article);
    });
    onProgress?.(read.length);
  }
  return { articles, diagnostics: diagnostics.items };
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
