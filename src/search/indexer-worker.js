// Worker threads don't inherit the main thread's TypeScript loader: start it, then index.
import { runTypeScript } from "../run-typescript.js";

await runTypeScript(new URL("./indexer-worker-main.ts", import.meta.url), ["pagefind"]);
