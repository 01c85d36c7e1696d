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
  const t0 = performance.now();
  setCurrentBuild(data, onPage);
  try {
    const eleventy = new Eleventy(join(projectRoot, "templates"), outDir, { quietMode: true, configPath: join(projectRoot, ".eleventy.ts") });
    // Dépêche prints its own summary; errors still reach us as exceptions.
    (eleventy as unknown as { disableLogger(): void }).disableLogger();
    await eleventy.write();
    if (process.env.DEPECHE_DEBUG_TIMING) console.error(`eleventy shard ${Object.values(data.pages).reduce((n, l: unknown[]) => n + l.length, 0)} pages: ${(performance.now() - t0).toFixed(0)} ms`);
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

/** How many Eleventy runs to spread the pages over: one per core, at most four, fewer for small sites. */
export function shardCount(pageCount: number): number {
  if (process.env.DEPECHE_SHARDS) return Number(process.env.DEPECHE_SHARDS);
  return Math.max(1, Math.min(availableParallelism(), 4, Math.floor(pageCount / 2000)));
}

/**
 * Writes the pages with one Eleventy run per core: Eleventy renders on one thread, and list and
 * article pages are independent, so shards in worker threads use the cores Hugo would.
 */
export async function writePages(data: BuildData, outDir: string, onPage?: () => void): Promise<void> {
  const shards = splitPages(data.pages, shardCount(Object.values(data.pages).reduce((n, l: unknown[]) => n + l.length, 0)));
  const [own, ...others] = shards;
  const workers = others.map((pages) => runShardWorker({ site: data.site, pages }, outDir, onPage));
  await Promise.all([writeWithEleventy({ site: data.site, pages: own! }, outDir, onPage), ...workers]);
}

function runShardWorker(data: BuildData, outDir: string, onPage?: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./shard-worker.js", import.meta.url), { workerData: { data, outDir } });
    worker.on("message", (message: { pages?: number }) => {
      for (let i = 0; i < (message.pages ?? 0); i++) onPage?.();
    });
    worker.on("error", reject);
    worker.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`a page-writing worker stopped with code ${code}`))));
  });
}
