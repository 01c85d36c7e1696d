/** Runs the real `depeche` command without root's rights, so file permissions stop it as they stop an editor. */
import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";
import { resolve } from "node:path";
import type { TestArchive } from "./archive.ts";
import type { Run } from "./cli.ts";

const root = resolve(import.meta.dirname, "../..");
const bin = resolve(root, "bin/depeche.js");
// Root reads and writes whatever the permissions say: as root, the command runs as "nobody".
const NOBODY = 65534;

/**
 * Runs `depeche` from the project's folder (paths print as archive.display() says) as a user the
 * permissions apply to: the test's own user, or "nobody" when the tests run as root.
 */
export function depecheUnprivileged(archive: TestArchive, args: string[]): Run {
  // The temporary folder is made for its owner only; "nobody" must be able to reach the archive.
  chmodSync(archive.root, 0o755);
  const asRoot = process.getuid?.() === 0;
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
