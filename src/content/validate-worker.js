// Worker threads don't inherit the main thread's TypeScript loader: start it, then validate.
import { CONTENT_LIBRARIES, runTypeScript } from "../run-typescript.js";

await runTypeScript(new URL("./validate-worker-main.ts", import.meta.url), CONTENT_LIBRARIES);
