// Worker threads don't inherit the main thread's TypeScript loader: register it, then run the shard.
import { register } from "tsx/esm/api";

register();
await import("./shard-worker-main.ts");
