/** Runs the real `depeche` command without root's rights, so file permissions stop it as they stop an editor. */
import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";
import { resolve } from "node:path";
import type { TestArchive } from "./archive.ts";
import type { Run } from "./cli.ts";

const root = resolve(import.meta.dirname, "../..");
const bin = resolve(root, "bin/depeche.js");
// Root reads and writes whatever the permissions say. Without its capabilities (setpriv empties
// the bounding set, so the command and its children get none), root is one more user the
// permissions apply to, and it still reaches the project where it lies: a clone inside a folder
// only root may enter (/root/x/clone, /root/x mode 0700) is out of "nobody"'s reach.
const SETPRIV = ["--bounding-set=-all", "--inh-caps=-all", "--ambient-caps=-all", "--"];
const NOBODY = 65534;

let dropsCapabilities: boolean | undefined;
/** Whether setpriv is there and may drop root's capabilities here (a container may forbid it). */
function canDropCapabilities(): boolean {
  dropsCapabilities ??= spawnSync("setpriv", [...SETPRIV, process.execPath, "-e", ""]).status === 0;
  return dropsCapabilities;
}

/**
 * Runs `depeche` from the project's folder (paths print as archive.display() says) as a user the
 * permissions apply to: the test's own user; as root, root without its capabilities, or "nobody"
 * when setpriv can't drop them (the project must then be within "nobody"'s reach).
 */
export function depecheUnprivileged(archive: TestArchive, args: string[]): Run {
  // The temporary folder is made for its owner only; "nobody" must be able to reach the archive.
  chmodSync(archive.root, 0o755);
  const asRoot = process.getuid?.() === 0;
  const setpriv = asRoot && canDropCapabilities();
  const [command, commandArgs] = setpriv ? ["setpriv", [...SETPRIV, process.execPath, bin, ...args]] : [process.execPath, [bin, ...args]];
  const r = spawnSync(command, commandArgs, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    ...(asRoot && !setpriv ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
