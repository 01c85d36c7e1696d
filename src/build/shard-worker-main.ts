import { parentPort, workerData } from "node:worker_threads";
import type { BuildData } from "./site-data.ts";
import { writeWithEleventy } from "./write-pages.ts";

const { data, outDir } = workerData as { data: BuildData; outDir: string };
// Progress in batches: one message per page would cost more than it tells.
let pending = 0;
await writeWithEleventy(data, outDir, () => {
  if (++pending === 100) {
    parentPort?.postMessage({ pages: pending });
    pending = 0;
  }
});
parentPort?.postMessage({ pages: pending });
