import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import Eleventy from "@11ty/eleventy";
import type { SitePages } from "../render/pages.ts";
import { clearCurrentBuild, setCurrentBuild } from "./current-build.ts";
import type { BuildData } from "./site-data.ts";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Runs Eleventy in this thread over the given pages, writing into `outDir`. */
export async function writeWithEleventy(data: BuildData, outDir: string, onPage?: () => void): Promise<void> {
  setCurrentBuild(data, onPage);
  try {
    const eleventy = new Eleventy(join(projectRoot, "templates"), outDir, { quietMode: true, configPath: join(projectRoot, ".eleventy.ts") });
    // Dépêche prints its own summary; errors still reach us as exceptions.
    eleventy.disableLogger();
    await eleventy.write();
  } finally {
    clearCurrentBuild();
  }
}

/**
 * Splits every kind of page into `count` contiguous shards, so each Eleventy run writes its own files.
 * @example splitPages(pages, 2)[0].articles.length // half the articles, rounded up
 */
export function splitPages(pages: SitePages, count: number): SitePages[] {
  return Array.from({ length: count }, (_, shard) => {
    const part = {} as Record<string, unknown[]>;
    for (const [kind, list] of Object.entries(pages) as [string, unknown[]][]) {
      const size = Math.ceil(list.length / count);
      part[kind] = list.slice(shard * size, (shard + 1) * size);
    }
    return part as unknown as SitePages;
  });
}

// Below this many articles a worker's start-up costs more than it saves.
const ARTICLES_PER_WORKER = 2_000;

/** How many helper threads to write pages with: one per spare core, none for small archives. */
export function helperCount(articleCount: number): number {
  const wanted = process.env.DEPECHE_WRITERS ? Number(process.env.DEPECHE_WRITERS) - 1 : Math.floor(articleCount / ARTICLES_PER_WORKER);
  return Math.max(0, Math.min(availableParallelism() - 1, 3, wanted));
}

/**
 * Eleventy renders on one thread; pages are independent, so a share of them goes to Eleventy
 * runs in worker threads, as Hugo uses every core. Workers start before the content is read,
 * so their start-up overlaps the loading.
 */
export class PageWriters {
  private readonly helpers: Worker[];

  constructor(helpers: number) {
    this.helpers = Array.from({ length: helpers }, () => new Worker(new URL("./shard-worker.js", import.meta.url)));
  }

  /** Writes every page into `outDir`: one shard here, one in each helper. */
  async write(data: BuildData, outDir: string, onPage?: () => void): Promise<void> {
    const [own, ...others] = splitPages(data.pages, this.helpers.length + 1);
    const helping = others.map((pages, i) => this.runShard(this.helpers[i]!, { site: data.site, pages }, outDir, onPage));
    await Promise.all([writeWithEleventy({ site: data.site, pages: own! }, outDir, onPage), ...helping]);
  }

  /** Stops the helpers (after a write, or when the build stops early). */
  async close(): Promise<void> {
    await Promise.all(this.helpers.map((w) => w.terminate()));
  }

  private runShard(worker: Worker, data: BuildData, outDir: string, onPage?: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      worker.on("message", (message: { pages?: number; done?: true; error?: string }) => {
        for (let i = 0; i < (message.pages ?? 0); i++) onPage?.();
        if (message.error) reject(new Error(message.error));
        else if (message.done) resolve();
      });
      worker.on("error", reject);
      worker.on("exit", (code) => reject(new Error(`a page-writing worker stopped early (code ${code})`)));
      worker.postMessage({ data, outDir });
    });
  }
}
