/**
 * A site's files hard-linked into another folder (or copied, across devices), file by file: the
 * staging folder of an incremental build, made of the live site or of the site before it (the
 * spare). A hard link is the live site's own inode: the folder is then changed by replacing files,
 * never by writing into one (src/publish/stage-from-site.ts). Plain file-system work, done by the
 * build's thread or by the thread that reads ahead (`SyncAhead`).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from "node:fs";
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
  linkTree(site, staging, fileLinker());
}

// Links a file, or copies it once links fail: another device, or a file system without hard
// links, where a copy is as safe, only slower.
function fileLinker(): (from: string, to: string) => void {
  let copy = false;
  return (from, to) => {
    if (!copy) {
      try {
        linkSync(from, to);
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "EXDEV" && code !== "EPERM" && code !== "ENOTSUP" && code !== "EMLINK") throw error;
        copy = true;
      }
    }
    copyFileSync(from, to);
  };
}

// The files below `from` linked into `to` (an existing folder), folders made anew.
function linkTree(from: string, to: string, link: (from: string, to: string) => void): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      mkdirSync(target);
      linkTree(source, target, link);
    } else if (entry.isFile()) link(source, target);
  }
}

/**
 * Brings a folder holding the site before `site` (the spare, or a staging folder made of it) up to
 * date with `site`: each path the build of `site` changed (file or folder, site-relative) is moved
 * out of the folder into `trash` (made here when needed, on the same device), then linked again
 * from `site` where it still exists; the folders its removal empties go too, as they went from
 * `site`. Done again, or after a run stopped halfway, it gives the same folder: each path is taken
 * out and linked again whatever state it was left in. Nothing
 * is written into a file: a linked file is replaced. The caller removes `trash` in the background:
 * the spare's files are the last links of the site before the last, and unlinking them frees their
 * blocks (0.7 ms a file on a virtual disk: 3 s for the 4,100 pages that ten articles added change
 * at 100,000 articles, 1.2 s more for the search bundle indexed again), where moving one is a
 * rename within the same file system (0.04 ms).
 */
export function catchUpStaging(site: string, staging: string, changed: readonly string[], trash: string): void {
  const link = fileLinker();
  const emptied = new Set<string>();
  if (changed.length > 0) mkdirSync(trash, { recursive: true });
  for (const [i, path] of changed.entries()) {
    const from = join(site, path);
    const to = join(staging, path);
    try {
      renameSync(to, join(trash, String(i)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    // Most paths are a page's file in a folder both sites have: linked at once, without asking
    // what it is nor making its folder (two calls of the four, at 4,100 paths for ten articles
    // added at 100,000). A folder, a path gone, a folder to make or a link refused go the long way.
    if (tryLink(from, to)) continue;
    const stat = lstatSync(from, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      mkdirSync(to, { recursive: true });
      linkTree(from, to, link);
    } else if (stat?.isFile()) {
      mkdirSync(dirname(to), { recursive: true });
      link(from, to);
    } else emptied.add(dirname(to));
  }
  for (const folder of [...emptied].sort((a, b) => b.length - a.length)) removeEmptyFolders(folder, staging);
}

// Links a file of the site into the staging folder; false on any failure, which the caller then tells apart.
function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch {
    return false;
  }
}

/** Removes `folder` when empty, and the folders up to `siteDir` that it leaves empty. */
export function removeEmptyFolders(folder: string, siteDir: string): void {
  for (let dir = folder; dir.length > siteDir.length && dir.startsWith(siteDir); dir = dirname(dir)) {
    try {
      if (readdirSync(dir).length > 0) return;
      rmdirSync(dir);
    } catch {
      return;
    }
  }
}
