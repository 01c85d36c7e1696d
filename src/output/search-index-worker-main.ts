import { parentPort } from "node:worker_threads";
import { indexYear } from "./search-index.ts";

// One year per message; this thread's own Pagefind service indexes it.
parentPort!.on("message", async ({ siteDir, year }: { siteDir: string; year: number }) => {
  try {
    parentPort!.postMessage({ year, pages: await indexYear(siteDir, year) });
  } catch (error) {
    parentPort!.postMessage({ year, error: (error as Error).stack ?? String(error) });
  }
});
