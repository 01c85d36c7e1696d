import type { PlannedBundle } from "./records.ts";

/**
 * The memory, in MB, a build keeps its process tree within while it indexes, when set
 * (`DEPECHE_MEMORY_BUDGET_MB`, say 2048 on a machine that has no more): a Pagefind service then
 * starts only when this process's resident memory (every thread's heap is in it) and the
 * estimated peaks of the services, those running and the new one, fit in it; else one service at
 * a time. Unset by default: at 100,000 articles this process alone holds 1.6–1.8 GB while the
 * index is made, so the budget would index one bundle at a time, for some 230 MB less at the peak
 * and indexing half again as long (docs/performance.md).
 */
export const MEMORY_BUDGET_MB = Number(process.env.DEPECHE_MEMORY_BUDGET_MB) || Number.POSITIVE_INFINITY;

// A service holds some 20 KB a record while pages are added, and 55 KB more while it writes its
// files (measured from 2,500 to 30,000 records); with its process's own start, some 30 MB.
const ADDING_KB = 20;
const WRITING_KB = 55;
const SERVICE_MB = 30;

/**
 * The estimated peak, in MB, of services indexing bundles of these many records at once, when at
 * most `writeBudget` records are written at a time (`WRITE_BUDGET`; a larger bundle writes alone).
 * @example servicesPeakMb([7_700, 7_700], 10_000) // 898: both adding, 10,000 records writing
 */
export function servicesPeakMb(records: readonly number[], writeBudget: number): number {
  if (records.length === 0) return 0;
  const all = records.reduce((a, b) => a + b, 0);
  const writing = Math.min(all, Math.max(writeBudget, ...records));
  return Math.round((all * ADDING_KB + writing * WRITING_KB) / 1024 + records.length * SERVICE_MB);
}

/** What the queue reads of the process: its resident memory in MB (a function, for the tests). */
export type ResidentMb = () => number;

const processResidentMb: ResidentMb = () => process.memoryUsage.rss() / 1_048_576;

/**
 * The bundles left to index, handed out largest first to indexers as memory allows: a bundle is
 * taken when the process's resident memory plus the services' estimated peaks, with it, stay
 * within the budget; else the indexer waits for a service to finish. With none running, the
 * largest bundle left is taken anyway, once the pages are written (`mustFit`): the index is always
 * finished, one bundle at a time at worst.
 */
export class BundleQueue {
  private readonly waiting: (() => void)[] = [];
  private readonly running = new Set<PlannedBundle>();

  constructor(
    private readonly queue: PlannedBundle[],
    private readonly options: {
      budgetMb: number;
      writeBudget: number;
      stopped: () => boolean;
      residentMb?: ResidentMb;
      /**
       * While true (a clean build's pages are still being written), a bundle is taken only when it
       * fits, even with no service running: the page writers hold this process at its largest, and
       * the largest bundles wait for them to finish (`wake` once it turns false).
       */
      mustFit?: () => boolean;
    },
  ) {
    // The largest first: the last bundle left to a lone indexer is then a small one.
    queue.sort((a, b) => b.articles - a.articles || a.key.localeCompare(b.key));
  }

  /** Bundles not handed out yet. */
  get left(): number {
    return this.queue.length;
  }

  /** The next bundle for an indexer, once memory allows; undefined when none is left or indexing stopped. */
  async take(): Promise<PlannedBundle | undefined> {
    for (;;) {
      if (this.options.stopped() || this.queue.length === 0) return undefined;
      const at = this.fitting();
      if (at >= 0) {
        const [bundle] = this.queue.splice(at, 1);
        this.running.add(bundle!);
        return bundle;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** A bundle handed out is indexed (or failed): its service's memory is back. */
  done(bundle: PlannedBundle): void {
    this.running.delete(bundle);
    this.wake();
  }

  /** Wakes the indexers waiting, to look again (indexing stopped, say). */
  wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  // The largest bundle whose service fits beside those running; the largest anyway when none is
  // running (unless it must fit); else -1.
  private fitting(): number {
    if (this.running.size === 0 && !(this.options.mustFit?.() && Number.isFinite(this.options.budgetMb))) return 0;
    const resident = (this.options.residentMb ?? processResidentMb)();
    const running = [...this.running].map((b) => b.articles);
    const at = this.queue.findIndex((b) => resident + servicesPeakMb([...running, b.articles], this.options.writeBudget) <= this.options.budgetMb);
    return at;
  }
}
