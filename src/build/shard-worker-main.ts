import { parentPort } from "node:worker_threads";
import type { BuildData } from "./site-data.ts";
import { writeWithEleventy } from "./write-pages.ts";

// Batches are written one after the other, in the order they came. Progress goes back every 100
// pages: one message a page would cost more than it tells.
let queue = Promise.resolve();
parentPort!.on("message", ({ data, outDir }: { data: BuildData; outDir: string }) => {
  queue = queue.then(async () => {
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
});
