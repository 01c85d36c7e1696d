/**
 * An incremental build's staging folder: the previous site hard-linked (or copied, across
 * devices) file by file, then changed by replacing files, never by writing into one. A hard link
 * is the live site's own inode: writing into it would change the site readers see before the
 * swap. Removing or renaming over a link leaves the live file as it was.
 *
 * Linking a whole site costs a call per file and folder (250,000 at 100,000 articles, seconds of
 * kernel time): so the site an incremental build replaces is kept beside the output as the spare
 * (`.<out>.spare`), and the next build takes it as its staging folder, brought up to date with
 * only the paths the last build changed (`catchUpStaging`, src/files/site-links.ts).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { SyncAhead } from "../content/article-survey.ts";
import { SITE_MARKER } from "../files/output-folder.ts";
import { removeEmptyFolders } from "../files/site-links.ts";
import type { PhotoSet } from "../images/derivatives.ts";
import { photoFolderUrl } from "../urls/site-urls.ts";
import { siteStamp, type SpareSite } from "./build-cache.ts";

/** A site being linked into `folder` by a child process while the build goes on. */
export interface BackgroundLink {
  folder: string;
  /** Waits for the link: true once `folder` holds the whole site; false when it failed (the folder is then gone). */
  take(): Promise<boolean>;
  /** Stops a link not taken and removes its folder (a link taken is the caller's). */
  cancel(): Promise<void>;
}

/**
 * Links every file of `site` into `folder` (made here, beside `site`) with GNU cp in a child
 * process, on the core the build's own thread leaves idle. Elsewhere than Linux, or when the folder
 * cannot be made, nothing starts and `take` says false. A link stopped is set aside as a trash
 * folder, removed in the background: the build that stopped it (the archive invalid, or every page
 * to make again) does not wait for a whole site's links to go.
 */
export function linkInBackground(site: string, folder: string): BackgroundLink {
  let taken = false;
  let cp: ReturnType<typeof spawn> | undefined;
  let linked: Promise<boolean> = Promise.resolve(false);
  if (process.platform === "linux") {
    try {
      mkdirSync(folder);
    } catch {
      return { folder, take: async () => false, cancel: async () => {} };
    }
    try {
      const child = spawn("cp", ["-al", "--", `${site}/.`, `${folder}/`], { stdio: "ignore" });
      cp = child;
      linked = new Promise<boolean>((resolve) => {
        child.on("error", () => resolve(false));
        child.on("close", (code) => resolve(code === 0));
      }).then((whole) => {
        cp = undefined;
        if (!whole) setAside(site, folder);
        return whole;
      });
    } catch {
      setAside(site, folder);
    }
  }
  return {
    folder,
    take: () => {
      taken = true;
      return linked;
    },
    cancel: async () => {
      if (taken) return;
      taken = true;
      cp?.kill("SIGKILL");
      if (await linked) setAside(site, folder);
      linked = Promise.resolve(false);
    },
  };
}

/**
 * A new folder beside `out`, hidden, named for what it holds (`.site.building-…`: a staging folder;
 * `old`: a site replaced; `trash`: files set aside; `records`: the search records of a build that
 * indexes after its pages) and for this process: a build killed leaves it,
 * and the next build tells it as a leftover by its process id (`removeLeftovers`).
 */
export function siblingFolder(out: string, kind: "building" | "old" | "trash" | "records"): string {
  return join(dirname(out), `.${basename(out)}.${kind}-${process.pid}-${(Date.now() * 1000 + Math.floor(Math.random() * 1000)).toString(36)}`);
}

/**
 * Removes `folder`, a sibling of `site`, without waiting: renamed at once to a leftover's name
 * (`kind`), which a detached `rm` removes. A whole site's links take seconds to remove at 100,000
 * articles; a build killed meanwhile leaves a leftover, which the next one removes.
 */
export function setAside(site: string, folder: string, kind: "old" | "trash" = "trash"): void {
  const aside = siblingFolder(site, kind);
  try {
    renameSync(folder, aside);
  } catch {
    return;
  }
  removeInBackground(aside);
}

// Deleting a whole site's files is slow on some disks: a detached process removes them while the
// build goes on, and any leftover is removed by the next build.
export function removeInBackground(dir: string): void {
  const here = (): void => {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Left for the next build, which removes it as a leftover.
    }
  };
  if (process.platform === "win32") {
    here();
    return;
  }
  const rm = spawn("rm", ["-rf", "--", dir], { detached: true, stdio: "ignore" });
  rm.on("error", here);
  rm.unref();
}

/**
 * Makes a hard-linked copy of `site` its spare (a large clean build's last step): the next
 * incremental build then stages there instead of linking the whole site itself (250,000 links and
 * folders, 7.5 s of system time at 100,000 articles). Linked in the background while the build
 * writes its cache, in `building` (a name the next build removes as a leftover if this one is
 * killed), and renamed to the spare only once whole. A spare already there stays (another
 * build's): the copy goes. Resolves with whether the spare is in place; elsewhere than Linux, no
 * spare (false).
 */
export async function linkSpare(site: string, building: string): Promise<boolean> {
  if (!(await linkInBackground(site, building).take())) return false;
  try {
    renameSync(building, spareFolder(site));
    return true;
  } catch {
    setAside(site, building);
    return false;
  }
}

/** Where the site an incremental build replaced is kept, hidden beside the output folder. */
export function spareFolder(out: string): string {
  return join(dirname(out), `.${basename(out)}.spare`);
}

/**
 * Takes the spare as the staging folder, by renaming it: a build killed from here on leaves a
 * staging folder, which the next build removes as a leftover, never a half-updated spare. Says
 * whether it could (the spare may be gone, or taken by another build at the same moment).
 */
export function takeSpare(out: string, staging: string): boolean {
  try {
    renameSync(spareFolder(out), staging);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes files of a site folder (from a staging folder, their links only), and the folders they
 * leave empty; with `rewritten`, files written again next, whose folders stay (each folder removed
 * would be made again at once: some 4,000 of them for ten articles added at 100,000, 20 s of rmdir
 * and readdir on a busy disk).
 */
export function removeSiteFiles(siteDir: string, files: Iterable<string>, rewritten = false): void {
  const folders = new Set<string>();
  for (const file of files) {
    const path = join(siteDir, file);
    rmSync(path, { force: true });
    folders.add(dirname(path));
  }
  if (rewritten) return;
  // Deepest first, so that a folder emptied by its emptied subfolder goes too.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) removeEmptyFolders(folder, siteDir);
}

/**
 * Removes from a site folder the files of the photos its pages no longer show, given the digests
 * they had: in each digest's folder, the files no photo shown now has (two files of the same bytes
 * share a folder, and of the same name their files). Returns those folders, site-relative
 * (`images/<digest>`), as a spare's changes name them.
 */
export function removeUnshownPhotos(siteDir: string, digests: Iterable<string>, shown: Iterable<PhotoSet>): string[] {
  const folders = new Set([...digests].map(photoFolderUrl));
  const kept = new Set<string>();
  for (const set of shown) if (folders.has(photoFolderUrl(set.source.digest))) for (const d of set.all) kept.add(d.url);
  const gone: string[] = [];
  for (const folder of folders) {
    let names: string[] = [];
    try {
      names = readdirSync(join(siteDir, folder));
    } catch {
      // A folder the site lacks: nothing of it to remove.
    }
    for (const name of names) if (!kept.has(folder + name)) gone.push(folder + name);
  }
  removeSiteFiles(siteDir, gone);
  return [...folders].map((folder) => folder.slice(1, -1));
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

/** What an incremental build's staging folder is made of, started before the archive is read. */
export interface StagingAhead {
  /** The whole site, linked in a child process, when there is no spare to take. */
  early: BackgroundLink | undefined;
  /** The spare, when there is one, being brought up to date. */
  catchingUp: SpareAhead | undefined;
}

/** The spare the cache vouches for, brought up to date on the survey's thread while the archive is read. */
export interface SpareAhead {
  /** The paths the spare lacked (`usableSpare`). */
  lacking: string[];
  /** Whether the thread brought it up to date: until this settles, the spare is the thread's. */
  caughtUp: Promise<boolean>;
  /** Where the thread moves what it replaces. */
  trash: string;
}

/**
 * Has the survey's thread bring the spare up to date with the site, in place, while this thread
 * reads the archive (4,100 paths after ten articles added at 100,000 articles: some 0.2 s of this
 * thread's time otherwise). Its marker stays the spare's own, and so its stamp: a build that stops
 * leaves a spare the cache still vouches for, which the next one brings up to date again (the same
 * paths, done again, give the same folder); the build renews the marker when it takes the spare.
 */
export function catchUpAhead(out: string, lacking: string[], ahead: SyncAhead | undefined): SpareAhead {
  const trash = siblingFolder(out, "trash");
  const changed = lacking.filter((path) => path !== SITE_MARKER);
  return { lacking, caughtUp: ahead?.catchUp({ folder: spareFolder(out), site: out, changed, trash }) ?? Promise.resolve(false), trash };
}

/**
 * The paths the spare lacks, when it is the site the cache says it is (its stamp) and every path
 * is one of the site's: else undefined, and the whole site is linked. When in doubt, link all.
 */
export function usableSpare(out: string, spare: SpareSite | undefined): string[] | undefined {
  if (!spare || siteStamp(spareFolder(out)) !== spare.stamp) return undefined;
  const inside = spare.changed.every((path) => {
    const parts = path.split("/").filter((part) => part !== "");
    return parts.length > 0 && !parts.includes("..") && !parts.includes(".");
  });
  return inside ? [...spare.changed] : undefined;
}

/**
 * Discards a spare no cache vouches for, which is stale (a clean build, --no-cache, another build in
 * between): set aside under a leftover's name first, so that a build killed meanwhile leaves no
 * stale spare.
 */
export function discardSpare(out: string): void {
  const spare = spareFolder(out);
  if (existsSync(spare)) setAside(out, spare, "old");
}
