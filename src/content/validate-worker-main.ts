import { parentPort } from "node:worker_threads";
import { validateFiles, type Registries } from "./validate-files.ts";

parentPort!.once("message", async ({ paths, registries, nowMs }: { paths: string[]; registries: Registries; nowMs: number }) => {
  const result = await validateFiles(paths, registries, nowMs, (done) => parentPort!.postMessage({ progress: done }));
  parentPort!.postMessage({ result });
});
