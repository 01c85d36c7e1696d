/** Which folders a build may replace whole: only its own. */
import { lstatSync, readdirSync, realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { CommandError, describeIoError, isIoError } from "./file-errors.ts";

/**
 * The file every site Dépêche builds carries: a folder holding it is one the next build may
 * replace. Published with the site (a few bytes, the same in every build), since it must stay
 * in the folder to mark it.
 */
export const SITE_MARKER = ".depeche-site";
export const SITE_MARKER_TEXT = "This folder is a site built by Dépêche: the next `depeche build` into it replaces it whole.\n";

/** The folders no output may be, hold, or (for the content) lie in. */
export interface ProtectedFolders {
  /** The content folder, as given. */
  contentDir: string;
  /** The working directory, against which the paths given are resolved. */
  cwd: string;
  /** Dépêche's own folder. */
  projectRoot: string;
}

/**
 * Refuses, with a one-line CommandError (exit 2), an output folder that a build must not replace:
 * the working directory or a folder holding it, Dépêche's own folder or one holding it, the content
 * folder or anything inside or above it, a file, a symbolic link, or a folder that is neither empty
 * nor a site Dépêche built. A folder that does not exist yet is fine.
 * @param out the folder as given on the command line
 * @param option how messages name it ("--out")
 */
export function assertReplaceableOutput(out: string, folders: ProtectedFolders, option = "--out"): void {
  function refuse(why: string): never {
    throw new CommandError(`${option} ${out.trim() === "" ? JSON.stringify(out) : out} ${why}; nothing was touched`, 2);
  }
  if (out.trim() === "") refuse("names no folder (an unset variable?): give the folder to build the site into, such as _site");
  const path = resolve(folders.cwd, out);
  const real = realLocation(path);
  const cwd = realLocation(folders.cwd);
  if (holds(real, cwd))
    refuse(`${real === cwd ? "is" : "holds"} the working directory, which a build never replaces: give the site a folder of its own, such as _site`);
  const project = realLocation(folders.projectRoot);
  if (holds(real, project))
    refuse(`${real === project ? "is" : "holds"} Dépêche's own folder, which a build never replaces: give the site a folder of its own, such as _site`);
  const content = realLocation(resolve(folders.cwd, folders.contentDir));
  if (holds(real, content) || holds(content, real)) {
    refuse(
      `${real === content ? "is" : holds(real, content) ? "holds" : "lies inside"} the content folder, where a build never writes a site: give a folder outside the content, such as _site`,
    );
  }

  let entries: string[];
  try {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) refuse("is a symbolic link, which a build never replaces: give the folder it points to");
    if (!stats.isDirectory()) refuse("is a file, not a folder: give a folder for the site");
    entries = readdirSync(path);
  } catch (error) {
    if (error instanceof CommandError) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    refuse(`cannot be read (${describeIoError(error)}): give a folder that can`);
  }
  if (entries.length > 0 && !isMarked(path)) {
    refuse(
      `is not empty and has no ${SITE_MARKER} file, so it is not a site Dépêche built and a build never replaces it: give an empty or new folder, or delete this one by hand if it is a site built before Dépêche marked its sites`,
    );
  }
}

/**
 * The one-line error for a build that could not write its site: a full or read-only disk, a
 * folder it may not write in. Any other error (a bug) is returned as it is, with its trace.
 * @param hadSite whether a previous site was there (and so is still there, unchanged)
 */
export function siteWriteError(error: unknown, out: string, hadSite: boolean): unknown {
  const cause = ioCause(error);
  if (!cause) return error;
  return new CommandError(
    `cannot write the site into ${out.replace(/[\\/]+$/, "")}/: ${describeIoError(cause)}; ${hadSite ? "the previous site is unchanged" : "nothing was written"}`,
  );
}

/** The file system's error behind an error, if any: Eleventy wraps it in `originalError`, Node in `cause`. */
export function ioCause(error: unknown): NodeJS.ErrnoException | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth++) {
    if (isIoError(current)) return current;
    current = (current as { originalError?: unknown }).originalError ?? current.cause;
  }
  return undefined;
}

function isMarked(dir: string): boolean {
  try {
    return lstatSync(join(dir, SITE_MARKER)).isFile();
  } catch {
    return false;
  }
}

// Where a path really is, through any symbolic link on the way: its nearest existing ancestor's
// real path, then the rest as written.
function realLocation(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realLocation(parent), basename(path));
  }
}

function holds(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!isAbsolute(rel) && rel.split(sep)[0] !== "..");
}
