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

// Eleventy renders every page of a run before it writes any, holding them all in memory; runs of
// a few thousand pages keep that bounded at any archive size, for ~50 ms of set-up each.
const PAGES_PER_RUN = Number(process.env.DEPECHE_PAGES_PER_RUN) || 3_000;

/**
 * Cuts the planned pages into batches of at most `size` pages, each kind's pages kept in order.
 * @example batchPages(pages, 3000).length // ⌈pages / 3000⌉
 */
export function batchPages(pages: SitePages, size: number): SitePages[] {
  const empty = (): Record<string, unknown[]> => Object.fromEntries(Object.keys(pages).map((kind) => [kind, []]));
  const batches = [empty()];
  let filled = 0;
  for (const [kind, list] of Object.entries(pages) as [string, unknown[]][]) {
    for (let start = 0; start < list.length; ) {
      if (filled === size) {
        batches.push(empty());
        filled = 0;
      }
      const taken = list.slice(start, start + size - filled);
      batches.at(-1)![kind]!.push(...taken);
      filled += taken.length;
      start += taken.length;
    }
  }
  return batches as unknown as SitePages[];
}

// Below this many articles a worker's start-up costs more than it saves.
const ARTICLES_PER_WORKER = 2_000;

/** How many helper threads to write pages with: one per spare core, none for small archives. */
export function helperCount(articleCount: number): number {
  const wanted = process.env.DEPECHE_WRITERS ? Number(process.env.DEPECHE_WRITERS) - 1 : Math.floor(articleCount / ARTICLES_PER_WORKER);
  return Math.max(0, Math.min(availableParallelism() - 1, 3, wanted));
}

/**
 * Eleventy renders on one thread; pages are independent, so batches of them also go to Eleventy
 * runs in worker threads, as Hugo uses every core. Each thread takes the next batch when it is
 * done with one, so a slower thread never holds the others up. Workers start before the content
 * is read, so their start-up overlaps the loading.
 */
export class PageWriters {
  private readonly helpers: Helper[];

  constructor(helpers: number) {
    this.helpers = Array.from({ length: helpers }, () => new Helper());
  }

  /** Writes every page into `outDir`, a batch at a time, here and in each helper. */
  async write(data: BuildData, outDir: string, onPage?: () => void): Promise<void> {
    const batches = batchPages(data.pages, PAGES_PER_RUN);
    const next = (): BuildData | undefined => {
      const pages = batches.shift();
      return pages && { site: data.site, pages };
    };
    const here = async (): Promise<void> => {
      for (let batch = next(); batch; batch = next()) await writeWithEleventy(batch, outDir, onPage);
    };
    await Promise.all([here(), ...this.helpers.map((helper) => helper.writeAll(next, outDir, onPage))]);
  }

  /** Stops the helpers (after a write, or when the build stops early). */
  async close(): Promise<void> {
    await Promise.all(this.helpers.map((helper) => helper.close()));
  }
}

type HelperMessage = { pages?: number; done?: true; error?: string };

/** A worker thread running Eleventy over the batches it is sent. */
class Helper {
  private readonly worker = new Worker(new URL("./shard-worker.js", import.meta.url));

  /**
   * Writes batches until `next` runs out. One batch waits in the worker's queue behind the one it
   * writes: this thread, busy in its own Eleventy run, may answer late.
   */
  writeAll(next: () => BuildData | undefined, outDir: string, onPage?: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      let inFlight = 0;
      const send = (): void => {
        const batch = next();
        if (!batch) return;
        inFlight++;
        this.worker.postMessage({ data: batch, outDir });
      };
      this.worker.on("message", (message: HelperMessage) => {
        for (let i = 0; i < (message.pages ?? 0); i++) onPage?.();
        if (message.error) return reject(new Error(message.error));
        if (!message.done) return;
        inFlight--;
        send();
        if (inFlight === 0) resolve();
      });
      this.worker.on("error", reject);
      this.worker.on("exit", (code) => reject(new Error(`a page-writing worker stopped early (code ${code})`)));
      send();
      send();
      if (inFlight === 0) resolve();
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
