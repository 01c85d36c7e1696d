import type { PlannedBundle } from "./records.ts";

/**
 * The memory a build keeps its process tree within while it indexes (issue 17: 2 GB at 100,000
 * articles), in MB: a Pagefind service starts only when this process's resident memory (every
 * thread's heap is in it) and the estimated peaks of the services, those running and the new one,
 * fit in it. `DEPECHE_MEMORY_BUDGET_MB` overrides it.
 */
export const MEMORY_BUDGET_MB = Number(process.env.DEPECHE_MEMORY_BUDGET_MB) || 2_048;

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

// While a service waits for memory with none running (pages being written), it looks again this often.
const RECHECK_MS = 1_000;

/**
 * The bundles left to index, handed out largest first to indexers as memory allows: a bundle is
 * taken when the process's resident memory plus the services' estimated peaks, with it, stay
 * within the budget. Else the indexer waits for a service to finish, or for memory to fall (the
 * page writing done, its heap collected). Once nothing else may free memory (no service running,
 * `pagesWritten` settled), the largest bundle left is taken anyway: the index is always finished.
 */
export class BundleQueue {
  private readonly waiting: (() => void)[] = [];
  private readonly running = new Set<PlannedBundle>();
  private written: boolean;

  constructor(
    private readonly queue: PlannedBundle[],
    private readonly options: {
      budgetMb: number;
      writeBudget: number;
      stopped: () => boolean;
      /** Settles when the pages are written (a clean build indexing beside them); absent, they are. */
      pagesWritten?: Promise<void>;
      residentMb?: ResidentMb;
    },
  ) {
    // The largest first: the last bundle left to a lone indexer is then a small one.
    queue.sort((a, b) => b.articles - a.articles || a.key.localeCompare(b.key));
    this.written = options.pagesWritten === undefined;
    options.pagesWritten?.then(() => {
      this.written = true;
      this.wake();
    });
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
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        // Nothing running will wake it: memory may still fall as the pages are written.
        if (this.running.size === 0) setTimeout(() => this.wake(), RECHECK_MS);
      });
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

  // The largest bundle whose service fits beside those running; the largest anyway when nothing
  // else will free memory; else -1.
  private fitting(): number {
    const resident = (this.options.residentMb ?? processResidentMb)();
    const running = [...this.running].map((b) => b.articles);
    const at = this.queue.findIndex((b) => resident + servicesPeakMb([...running, b.articles], this.options.writeBudget) <= this.options.budgetMb);
    if (at >= 0) return at;
    return this.running.size === 0 && this.written ? 0 : -1;
  }
}
