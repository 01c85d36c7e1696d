import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | undefined;

/**
 * A full garbage collection of this thread's heap, now. For the one moment a build knows it has
 * just made as much garbage as it keeps (the end of planning): V8 would collect it some seconds
 * later anyway, while the page writers and their first batches are already adding to the peak.
 * Node exposes `gc` only to a context made after `--expose-gc` is set.
 */
export function collectGarbage(): void {
  if (!collect) {
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as () => void;
  }
  collect();
}
