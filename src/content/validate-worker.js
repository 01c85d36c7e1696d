// Worker threads don't inherit the main thread's TypeScript loader: register it, then validate.
import { register } from "tsx/esm/api";

register();
await import("./validate-worker-main.ts");
