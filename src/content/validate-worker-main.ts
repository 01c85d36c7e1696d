import { parentPort } from "node:worker_threads";
import type { Registries } from "./registries.ts";
import { validateFiles } from "./validate-files.ts";

parentPort!.once("message", async ({ paths, registries, nowMs }: { paths: string[]; registries: Registries; nowMs: number }) => {
  const result = await validateFiles(paths, registries, nowMs, (done) => parentPort!.postMessage({ progress: done }));
  parentPort!.postMessage({ result });
});
