// Worker threads don't inherit the main thread's TypeScript loader: register it, then serve the build.
import { register } from "tsx/esm/api";

register();
await import("./helper-worker-main.ts");
