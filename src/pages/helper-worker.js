// Worker threads don't inherit the main thread's TypeScript loader: start it, then serve the build.
import { runTypeScript, WRITING_LIBRARIES } from "../run-typescript.js";

await runTypeScript(new URL("./helper-worker-main.ts", import.meta.url), ["markdown-it", ...WRITING_LIBRARIES]);
