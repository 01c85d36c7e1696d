import { parentPort, Worker } from "node:worker_threads";
import { ioCause } from "../files/output-folder.ts";
import { threadBudget, type ThreadBudget } from "./budget.ts";
import { compiledForThreads } from "./run-typescript.js";

/** A request the thread could not serve: its trace, and the file system's error code if any. */
export interface Failure {
  kind: "failed";
  error: string;
  code?: string;
}

export interface ThreadOptions {
  /** Libraries the module imports, loaded before tsx starts (see runTypeScript). */
  libraries: readonly string[];
  /** A cap on the thread's heap. */
  heapMb?: number;
  /** The budget to take the threads from; the process's own by default. */
  budget?: ThreadBudget;
}

const entry = new URL("./thread-entry.js", import.meta.url);

/**
 * A worker thread running a TypeScript module that serves `Request`s with `serveRequests`,
 * answering `Reply`s. It holds one thread of its budget until closed.
 */
export class Thread<Request, Reply> {
  private readonly worker: Worker;
  private onReply: (reply: Reply) => void = () => {};
  private closed = false;
  /** Rejects with the thread's first failure; the later ones (its exit) change nothing. */
  readonly failed: Promise<never>;

  private constructor(
    module: URL,
    options: ThreadOptions,
    private readonly budget: ThreadBudget,
  ) {
    const resourceLimits = options.heapMb ? { maxOldGenerationSizeMb: options.heapMb } : undefined;
    this.worker = new Worker(entry, {
      workerData: { module: module.href, libraries: options.libraries, compiled: compiledForThreads() },
      resourceLimits,
    });
    this.failed = new Promise<never>((_, reject) => {
      this.worker.on("message", (reply: Reply | Failure) => {
        // The errno code crosses the thread too: a full disk is told as such, not as a trace.
        if (isFailure(reply)) reject(Object.assign(new Error(reply.error), reply.code ? { code: reply.code } : {}));
        else this.onReply(reply);
      });
      this.worker.on("error", reject);
      this.worker.on("exit", (code) => reject(new Error(`a worker thread stopped early (code ${code})`)));
    });
    this.failed.catch(() => {}); // seen by whoever waits on this thread
  }

  /** Starts up to `wanted` threads running `module`, as many as the budget has free. */
  static start<Request, Reply>(wanted: number, module: URL, options: ThreadOptions): Thread<Request, Reply>[] {
    const budget = options.budget ?? threadBudget;
    return Array.from({ length: budget.take(wanted) }, () => new Thread<Request, Reply>(module, options, budget));
  }

  /** Sends every reply to `handler` from now on. */
  listen(handler: (reply: Reply) => void): void {
    this.onReply = handler;
  }

  send(request: Request): void {
    this.worker.postMessage(request);
  }

  /** Waits for `reply`, or rejects with the thread's failure. */
  until<T>(reply: Promise<T>): Promise<T> {
    return Promise.race([reply, this.failed]);
  }

  /** Stops the thread and gives it back to the budget; again, does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.budget.give(1);
    await this.worker.terminate();
  }
}

function isFailure(message: unknown): message is Failure {
  return (message as Failure | undefined)?.kind === "failed";
}

/**
 * In a worker thread: serves each request with `serve`, one after the other in the order they
 * came. A request that throws answers a Failure, and the thread serves the next.
 */
export function serveRequests<Request, Reply>(serve: (request: Request, reply: (message: Reply) => void) => Promise<void> | void): void {
  const port = parentPort!;
  const reply = (message: Reply | Failure): void => port.postMessage(message);
  let queue = Promise.resolve();
  port.on("message", (request: Request) => {
    queue = queue
      .then(() => serve(request, reply))
      .catch((error: Error) => reply({ kind: "failed", error: error.stack ?? String(error), code: ioCause(error)?.code }));
  });
}
