import { parentPort } from "node:worker_threads";
import type { BuildData } from "./site-data.ts";
import { writeWithEleventy } from "./write-pages.ts";

// One shard of pages per message; progress goes back in batches, one message a page would cost more than it tells.
parentPort!.on("message", async ({ data, outDir }: { data: BuildData; outDir: string }) => {
  let pending = 0;
  try {
    await writeWithEleventy(data, outDir, () => {
      if (++pending === 100) {
        parentPort!.postMessage({ pages: pending });
        pending = 0;
      }
    });
    parentPort!.postMessage({ pages: pending, done: true });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).stack ?? String(error) });
  }
});
