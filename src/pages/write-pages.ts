import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Article } from "../content/model.ts";
import type { ArticleRenderer } from "../plan/article-view.ts";
import type { SitePages } from "../plan/pages.ts";
import { renderBody } from "../text/markdown.ts";
import { holdBody, unpackBodies, type HeldBody, type PackedBodies } from "../text/body-bytes.ts";
import { eleventyConfigPath } from "../threads/run-typescript.js";
import { Thread } from "../threads/thread.ts";
import type { BuildData } from "../plan/site-data.ts";
import { configureRun } from "./eleventy-engine.ts";
import type { WritePages } from "./page-templates.ts";
import { writePagesDirectly } from "./write-directly.ts";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Writes pages with Eleventy, in this thread: one run over the given pages, which reach it through
 * this run's own configuration. A clean build writes its pages with it (`buildWriter`).
 */
export const writeWithEleventy: WritePages = async (data, outDir, onPage) => {
  // Eleventy keeps each run's compiled templates in a cache of its module, for the life of the
  // process: they reach the build's counter through this holder, emptied once the run is done, and
  // never hold the build that counts (its plan and archive, which a large build lets go of before
  // its search index is made, and which the dev server would otherwise keep for every build).
  const counter = { onPage };
  try {
    await (await eleventyRun(data, outDir, () => counter.onPage?.())).write();
  } finally {
    counter.onPage = undefined;
  }
};

/** An Eleventy run over the given pages, configured as builds run it, not yet started. */
export async function eleventyRun(data: BuildData, outDir: string, onPage?: () => void): Promise<EleventyInstance> {
  const { default: Eleventy } = await loadEleventy();
  // Every path is the tool's own: Eleventy would otherwise read the working directory's
  // package.json to decide how to load the configuration (and fail on a broken one).
  const eleventy = new Eleventy(join(projectRoot, "templates"), outDir, {
    quietMode: true,
    configPath: eleventyConfigPath(join(projectRoot, ".eleventy.ts")),
    loader: "esm",
    config: configureRun(onPage ? { data, onPage } : { data }),
  });
  // Dépêche prints its own summary; errors still reach us as exceptions.
  eleventy.disableLogger();
  return eleventy;
}

/** One Eleventy run (`eleventyRun`). */
type EleventyInstance = InstanceType<typeof import("@11ty/eleventy").default>;

let eleventyModule: Promise<typeof import("@11ty/eleventy")> | undefined;

/**
 * Eleventy's module, imported once per thread, on first use (a build that stops on invalid
 * content never loads it) or ahead of it (`PageWriters.prepare`): through tsx, `depeche build`
 * has it loaded before tsx starts (bin/depeche.js).
 */
function loadEleventy(): Promise<typeof import("@11ty/eleventy")> {
  eleventyModule ??= import("@11ty/eleventy");
  return eleventyModule;
}

/**
 * The writer of a clean build's pages, on every thread: Eleventy, the project's site generator,
 * unless `DEPECHE_WRITER=direct` (to compare the two). Both render through PAGE_TEMPLATES and
 * write the same bytes; Eleventy's run adds its own work per page (pagination, paths, data
 * cloned) and its start-up: about 0.9 s of CPU at 1,000 articles (docs/performance.md).
 */
export function buildWriter(): WritePages {
  return process.env.DEPECHE_WRITER === "direct" ? writePagesDirectly : writeWithEleventy;
}

// Eleventy renders every page of a run before it writes any, holding them all in memory, and
// what it holds outlives the young generation's collections, which copy it. Runs of 500 pages
// keep both small: against runs of 3,000, 45–65 MB less at 10,000 articles and 150–240 MB less
// at 100,000 without search, for some 9 ms of set-up a run (docs/performance.md). The threads
// also finish close together: the last one is at most one run behind.
const PAGES_PER_RUN = Number(process.env.DEPECHE_PAGES_PER_RUN) || 500;

/** Hands out the planned pages `size` at a time, each kind's pages kept in order. */
export class PageBatches {
  private readonly kinds: [string, unknown[]][];
  private kind = 0;
  private start = 0;
  private remaining: number;
  private handedOut = false;

  constructor(
    pages: SitePages,
    private readonly size: number,
  ) {
    this.kinds = Object.entries(pages) as [string, unknown[]][];
    this.remaining = this.kinds.reduce((n, [, list]) => n + list.length, 0);
  }

  /** The next batch, with every kind (empty where it has none); undefined once all are out. */
  next(): SitePages | undefined {
    if (this.handedOut && this.remaining === 0) return undefined;
    this.handedOut = true; // an empty site still gets its one (empty) batch
    const batch: Record<string, unknown[]> = Object.fromEntries(this.kinds.map(([kind]) => [kind, []]));
    let filled = 0;
    while (filled < this.size && this.kind < this.kinds.length) {
      const [kind, list] = this.kinds[this.kind]!;
      const taken = list.slice(this.start, this.start + this.size - filled);
      batch[kind]!.push(...taken);
      filled += taken.length;
      this.start += taken.length;
      if (this.start === list.length) [this.kind, this.start] = [this.kind + 1, 0];
    }
    this.remaining -= filled;
    return batch as unknown as SitePages;
  }
}

// From this many articles, helper threads write pages too, one per so many: below it, copying the
// pages' planned data to a thread costs about what the thread saves.
const ARTICLES_PER_WORKER = 2_000;
// From this many, one helper renders the bodies while this thread reads and validates the files
// (markdown is a third of a small build's work): its start-up is paid on the other core.
const ARTICLES_FOR_BODY_HELPER = 500;

/**
 * The helper threads to ask the thread budget for, and whether they write pages or only render
 * bodies: at most three, none for small archives. `DEPECHE_WRITERS=N` asks for N writing threads
 * in all, this one included.
 */
export function helperPlan(articleCount: number): { helpers: number; write: boolean } {
  if (process.env.DEPECHE_WRITERS) return { helpers: Math.max(0, Math.min(3, Number(process.env.DEPECHE_WRITERS) - 1)), write: true };
  if (articleCount >= ARTICLES_PER_WORKER) return { helpers: Math.min(3, Math.floor(articleCount / ARTICLES_PER_WORKER)), write: true };
  return { helpers: articleCount >= ARTICLES_FOR_BODY_HELPER ? 1 : 0, write: false };
}

/** What the main thread asks of a helper thread. */
export type HelperRequest = { kind: "render"; id: number; sources: string[]; claim: Int32Array } | { kind: "write"; data: BuildData; outDir: string };

/** What a helper thread answers. */
export type HelperReply =
  /** `bodies` is absent for a batch the main thread took back before the helper started it. */
  { kind: "rendered"; id: number; bodies?: PackedBodies } | { kind: "progress"; pages: number } | { kind: "written"; pages: number };

// Bodies go to the helpers in batches of this many: small enough for the main thread to take its
// share back at the end (bodiesRendered), large enough that messages cost little.
const BODIES_PER_BATCH = 100;

// A batch of bodies is rendered by whichever thread claims it first: the helper when it starts
// it, or the main thread when it needs the bodies (a shared flag, set once with compareExchange).
const UNCLAIMED = 0;
const BY_HELPER = 1;
const BY_MAIN = 2;

function newClaim(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

/** In a helper: whether it may render the batch (false when the main thread took it back). */
export function claimForHelper(claim: Int32Array): boolean {
  return Atomics.compareExchange(claim, 0, UNCLAIMED, BY_HELPER) === UNCLAIMED;
}

/** In the main thread: whether it took the batch back, before any helper started it. */
function takeBack(claim: Int32Array): boolean {
  return Atomics.compareExchange(claim, 0, UNCLAIMED, BY_MAIN) === UNCLAIMED;
}

/**
 * Eleventy renders on one thread, as does markdown-it; Hugo uses every core. Helper threads start
 * before the content is read and take work off the main thread: article bodies to render while
 * it reads and validates the files, then batches of pages to write, each thread taking the next
 * batch when it is done with one, so a slower thread never holds the others up.
 */
export class PageWriters {
  private helpers: Helper[] = [];
  private rendering: Promise<void>[] = [];
  private batches: { claim: Int32Array; articles: Article[]; renderer: ArticleRenderer }[] = [];
  private helpersWrite = false;

  /**
   * Starts the helper threads an archive of this many articles is worth (`helperPlan`), as the
   * thread budget allows; without any, this thread does all the work.
   */
  start(articleCount: number): void {
    const plan = helperPlan(articleCount);
    this.helpersWrite = plan.write;
    this.helpers = Thread.start<HelperRequest, HelperReply>(plan.helpers, HELPER_MODULE, { libraries: HELPER_LIBRARIES, heapMb: HELPER_HEAP_MB }).map(
      (thread) => new Helper(thread),
    );
  }

  /**
   * Has these articles' bodies rendered by a helper into `renderer`; here later, without one, or
   * when this thread takes the batch back (`bodiesRendered`) before the helper started it.
   */
  renderBodies(articles: Article[], renderer: ArticleRenderer): void {
    if (this.helpers.length === 0) return;
    const todo = articles.filter((a) => renderer.needsBody(a));
    for (let start = 0; start < todo.length; start += BODIES_PER_BATCH) {
      const batch = todo.slice(start, start + BODIES_PER_BATCH);
      const helper = this.helpers[this.rendering.length % this.helpers.length]!;
      const claim = newClaim();
      const job = helper
        .render(
          batch.map((a) => a.body),
          claim,
        )
        .then((bodies) => {
          // A batch this thread took back comes back without bodies: they are rendered here.
          if (bodies) for (const [i, a] of batch.entries()) renderer.adoptBody(a, bodies[i]!);
        });
      job.catch(() => {}); // awaited by bodiesRendered; a build stopped by invalid content drops it
      this.rendering.push(job);
      this.batches.push({ claim, articles: batch, renderer });
    }
  }

  /**
   * Loads the page writer's code while this thread would otherwise wait for the helper's bodies:
   * otherwise, compiling Eleventy's modules comes after planning, on the build's path.
   */
  prepare(): void {
    if (buildWriter() === writeWithEleventy) loadEleventy().catch(() => {}); // a failure shows at the write
  }

  /**
   * Waits for the bodies sent to render. Of the batches no helper has started yet, this thread
   * takes back its share (the last ones) and renders them first: the helpers work through the
   * rest meanwhile, instead of this thread waiting for every batch queued behind them.
   */
  async bodiesRendered(): Promise<void> {
    const waiting = this.batches.filter((batch) => Atomics.load(batch.claim, 0) === UNCLAIMED);
    const share = waiting.reduce((n, batch) => n + batch.articles.length, 0) / (this.helpers.length + 1);
    let taken = 0;
    for (const batch of waiting.reverse()) {
      if (taken >= share) break;
      if (!takeBack(batch.claim)) continue;
      for (const a of batch.articles) batch.renderer.adoptBody(a, holdBody(renderBody(a.body)));
      taken += batch.articles.length;
    }
    await Promise.all(this.rendering);
    this.rendering = [];
    this.batches = [];
  }

  /**
   * Writes every page into `outDir`, a batch at a time, here and in each helper. `alsoHere` is
   * other work for this thread, done first, while the helpers already write their batches.
   */
  async write(data: BuildData, outDir: string, onPage?: () => void, alsoHere?: () => void): Promise<void> {
    // A helper that only rendered bodies goes back to the budget now.
    if (!this.helpersWrite) {
      await this.close();
      this.helpers = [];
    }
    const batches = new PageBatches(data.pages, PAGES_PER_RUN);
    const next = (): BuildData | undefined => {
      const pages = batches.next();
      return pages && { site: data.site, pages };
    };
    const helping = this.helpers.map((helper) => helper.writeAll(next, outDir, onPage));
    const here = async (): Promise<void> => {
      alsoHere?.();
      const writePages = buildWriter();
      for (let batch = next(); batch; batch = next()) await writePages(batch, outDir, onPage);
    };
    await Promise.all([here(), ...helping]);
    // Their threads go back to the budget, for the search indexers; the helpers go too, with the
    // batches their last answers would have asked for (the plan's pages).
    await this.close();
    this.helpers = [];
  }

  /** Stops the helpers (after a write, or when the build stops early). */
  async close(): Promise<void> {
    await Promise.all(this.helpers.map((helper) => helper.close()));
  }
}

// A helper holds one batch of pages at a time: its heap is kept well below what V8 would let it
// grow to, garbage included.
const HELPER_HEAP_MB = Number(process.env.DEPECHE_HELPER_HEAP_MB) || 384;

const HELPER_MODULE = new URL("./helper-thread.ts", import.meta.url);
/** The libraries a helper thread uses. */
export const HELPER_LIBRARIES: readonly string[] = ["@11ty/eleventy", "markdown-it"];

/** A worker thread serving HelperRequests. */
class Helper {
  private readonly rendered = new Map<number, (bodies: PackedBodies | undefined) => void>();
  private nextId = 0;
  private onWrite?: (reply: HelperReply) => void;

  constructor(private readonly thread: Thread<HelperRequest, HelperReply>) {
    thread.listen((reply) => {
      if (reply.kind === "rendered") this.rendered.get(reply.id)?.(reply.bodies);
      else this.onWrite?.(reply);
    });
  }

  render(sources: string[], claim: Int32Array): Promise<HeldBody[] | undefined> {
    const id = this.nextId++;
    const done = new Promise<HeldBody[] | undefined>((resolve) => this.rendered.set(id, (packed) => resolve(packed && unpackBodies(packed))));
    this.send({ kind: "render", id, sources, claim });
    return this.thread.until(done).finally(() => this.rendered.delete(id));
  }

  /**
   * Writes batches until `next` runs out. One batch waits in the worker's queue behind the one it
   * writes: this thread, busy in its own Eleventy run, may answer late.
   */
  writeAll(next: () => BuildData | undefined, outDir: string, onPage?: () => void): Promise<void> {
    const done = new Promise<void>((resolve) => {
      let inFlight = 0;
      const send = (): void => {
        const data = next();
        if (!data) return;
        inFlight++;
        this.send({ kind: "write", data, outDir });
      };
      this.onWrite = (reply) => {
        if (reply.kind !== "progress" && reply.kind !== "written") return;
        for (let i = 0; i < reply.pages; i++) onPage?.();
        if (reply.kind === "progress") return;
        inFlight--;
        send();
        if (inFlight === 0) resolve();
      };
      send();
      send();
      if (inFlight === 0) resolve();
    });
    return this.thread.until(done);
  }

  async close(): Promise<void> {
    await this.thread.close();
  }

  private send(request: HelperRequest): void {
    this.thread.send(request);
  }
}
