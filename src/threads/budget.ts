import { availableParallelism } from "node:os";

/**
 * Worker threads to share among everyone who starts one: the main thread takes one core, each
 * worker another, so that validation, page helpers and indexers running together never ask for
 * more cores than there are.
 */
export class ThreadBudget {
  private taken = 0;

  constructor(readonly size: number) {}

  /** Reserves up to `wanted` threads (fewer when others hold them); returns how many. */
  take(wanted: number): number {
    const granted = Math.max(0, Math.min(Math.floor(wanted), this.size - this.taken));
    this.taken += granted;
    return granted;
  }

  /** Gives back threads reserved with `take`. */
  give(count: number): void {
    this.taken -= count;
  }

  /** Threads that `take` could still grant. */
  get free(): number {
    return this.size - this.taken;
  }
}

/** The process's one budget: a thread per core beside the main thread. */
export const threadBudget = new ThreadBudget(availableParallelism() - 1);
