/**
 * An incremental build's staging folder: the previous site hard-linked (or copied, across
 * devices) file by file, then changed by replacing files, never by writing into one. A hard link
 * is the live site's own inode: writing into it would change the site readers see before the
 * swap. Removing or renaming over a link leaves the live file as it was.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Links every file of `site` into `staging` (made here, or empty), folders made anew. GNU cp
 * (`cp -al`) makes the 250,000 links and folders of a 100,000-article site without a JavaScript
 * call per file; where it is missing or fails (another system, another device), the JavaScript walk
 * starts again from an empty folder.
 */
export function linkSiteInto(site: string, staging: string): void {
  mkdirSync(staging, { recursive: true });
  if (process.platform === "linux") {
    const cp = spawnSync("cp", ["-al", "--", `${site}/.`, `${staging}/`], { stdio: "ignore" });
    if (cp.status === 0) return;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
  }
  linkSiteWalking(site, staging);
}

function linkSiteWalking(site: string, staging: string): void {
  let link = (from: string, to: string): void => {
    try {
      linkSync(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Another device, or a file system without hard links: a copy is as safe, only slower.
      if (code !== "EXDEV" && code !== "EPERM" && code !== "ENOTSUP") throw error;
      link = copyFileSync;
      copyFileSync(from, to);
    }
  };
  const walk = (from: string, to: string): void => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const source = join(from, entry.name);
      const target = join(to, entry.name);
      if (entry.isDirectory()) {
        mkdirSync(target);
        walk(source, target);
      } else if (entry.isFile()) link(source, target);
    }
  };
  walk(site, staging);
}

/** Removes files of the staging folder (their links only), and the folders they leave empty. */
export function removeStagedFiles(staging: string, files: Iterable<string>): void {
  const folders = new Set<string>();
  for (const file of files) {
    const path = join(staging, file);
    rmSync(path, { force: true });
    folders.add(dirname(path));
  }
  // Deepest first, so that a folder emptied by its emptied subfolder goes too.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) removeEmptyFolders(folder, staging);
}

function removeEmptyFolders(folder: string, staging: string): void {
  for (let dir = folder; dir.length > staging.length && dir.startsWith(staging); dir = dirname(dir)) {
    try {
      if (readdirSync(dir).length > 0) return;
      rmdirSync(dir);
    } catch {
      return;
    }
  }
}

/**
 * Puts `bytes` at `file` of the staging folder unless it holds them already: written beside, then
 * renamed over the link. Says whether the file was replaced.
 */
export function replaceStagedFile(staging: string, file: string, bytes: string | Uint8Array): boolean {
  const path = join(staging, file);
  const wanted = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  let current: Buffer | undefined;
  try {
    current = readFileSync(path);
  } catch {
    current = undefined;
  }
  if (current?.equals(wanted)) return false;
  mkdirSync(dirname(path), { recursive: true });
  const fresh = `${path}.depeche-new`;
  writeFileSync(fresh, wanted);
  renameSync(fresh, path);
  return true;
}
