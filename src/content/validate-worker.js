// Worker threads don't inherit the main thread's TypeScript loader: start it, then validate.
import { runTypeScript } from "../run-typescript.js";

await runTypeScript(new URL("./validate-worker-main.ts", import.meta.url), ["gray-matter", "js-yaml", "yaml", "zod", "luxon", "markdown-it", "@sindresorhus/slugify"]);
