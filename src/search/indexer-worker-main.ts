import { parentPort } from "node:worker_threads";
import { indexBundle } from "./indexer.ts";

// One bundle per message; this thread's own Pagefind service indexes it.
parentPort!.on("message", async ({ siteDir, bundle }: { siteDir: string; bundle: { url: string; glob: string } }) => {
  try {
    parentPort!.postMessage({ pages: await indexBundle(siteDir, bundle) });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).stack ?? String(error) });
  }
});
