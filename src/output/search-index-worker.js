// Worker threads don't inherit the main thread's TypeScript loader: register it, then index.
import { register } from "tsx/esm/api";

register();
await import("./search-index-worker-main.ts");
