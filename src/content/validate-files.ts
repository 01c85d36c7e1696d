import { CONTENT_LIBRARIES } from "../threads/run-typescript.js";
import { Thread } from "../threads/thread.ts";
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

/** What the main thread asks of a validation thread. */
export interface ValidationRequest {
  paths: readonly string[];
  registries: Registries;
  nowMs: number;
}

/** What a validation thread answers. */
export type ValidationReply = { kind: "progress"; done: number } | { kind: "validated"; result: ValidatedFiles };

/**
 * Validates files in a worker thread, so a large archive is checked on two cores. Articles come
 * back as copies: their topics and sources are linked again to the caller's registry entries.
 */
export class ValidationWorker {
  private constructor(private readonly thread: Thread<ValidationRequest, ValidationReply>) {}

  /** Starts a validation thread, if the thread budget has one free. */
  static start(): ValidationWorker | undefined {
    const [thread] = Thread.start<ValidationRequest, ValidationReply>(1, new URL("./validate-thread.ts", import.meta.url), { libraries: CONTENT_LIBRARIES });
    return thread && new ValidationWorker(thread);
  }

  async validate(paths: readonly string[], registries: Registries, nowMs: number, onProgress?: (done: number) => void): Promise<ValidatedFiles> {
    const validated = new Promise<ValidatedFiles>((resolve) =>
      this.thread.listen((reply) => {
        if (reply.kind === "progress") onProgress?.(reply.done);
        else resolve(reply.result);
      }),
    );
    this.thread.send({ paths, registries, nowMs });
    const result = await this.thread.until(validated);
    const topics = new Map(registries.topics.map((t) => [t.slug, t]));
    const sources = new Map(registries.sources.map((s) => [s.slug, s]));
    for (const article of result.articles) {
      article.topics = article.topics.map((t) => topics.get(t.slug)!);
      article.sources = article.sources.map((s) => sources.get(s.slug)!);
    }
    return result;
  }

  async close(): Promise<void> {
    await this.thread.close();
  }
}
