// Plain JavaScript, the one entry of every worker thread: a thread doesn't inherit the main
// thread's TypeScript loader, so it runs the module it was started for from the main thread's
// bundles, or starts tsx here.
import { workerData } from "node:worker_threads";
import { runTypeScript } from "./run-typescript.js";

await runTypeScript(new URL(workerData.module), workerData.libraries, workerData.compiled);
