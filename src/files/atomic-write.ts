/** Writes into the editors' folders that never leave a file half written nor follow a link out. */
import { closeSync, existsSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { CommandError, describeIoError } from "./file-errors.ts";
import { messages } from "../i18n/messages.ts";

/**
 * Replaces (or creates) a file through a temporary file in the same folder and a rename: readers
 * see the old text or the new one, never a cut one; on a failed write the old file is unchanged.
 * A symbolic link at the path is refused, never written through.
 * @param shown the path as messages print it
 */
export function replaceFileAtomically(path: string, text: string | Uint8Array, shown: string = path): void {
  refuseSymbolicLink(path, shown);
  const temp = writeTemporary(path, text, shown, true);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new CommandError(messages().cli.writeFailed(shown, describeIoError(error), true));
  }
}

/**
 * Creates a file that must not exist yet, whole or not at all: the text goes to a temporary file,
 * which is then linked to its name (a link never replaces an existing file, even one made meanwhile).
 * Throws a CommandError whose message says whether the file already existed.
 */
export function createFileAtomically(path: string, text: string | Uint8Array, shown: string = path): void {
  try {
    makeFolders(dirname(path));
  } catch (error) {
    throw new CommandError(messages().cli.folderFailed(shown, describeIoError(error)));
  }
  const temp = writeTemporary(path, text, shown, false);
  try {
    linkSync(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandError(code === "EEXIST" ? messages().cli.neverOverwritten(shown) : messages().cli.writeFailed(shown, describeIoError(error), false));
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Refuses a path that is a symbolic link: a write through it would land outside the folder. */
export function refuseSymbolicLink(path: string, shown: string = path): void {
  let isLink = false;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch {
    return; // absent: nothing to follow
  }
  if (isLink) throw new CommandError(messages().cli.writeThroughLink(shown, true));
}

/**
 * Refuses a symbolic link anywhere on the way from a folder down to a path in it (the path
 * included): a linked folder would take the write outside. Components not made yet are fine.
 * @param show how messages print a path
 */
export function refuseSymbolicLinksBelow(root: string, path: string, show: (path: string) => string = (p) => p): void {
  const below = relative(root, path);
  if (below === "" || below.startsWith("..") || isAbsolute(below)) throw new CommandError(messages().cli.outsideWritable(show(path), show(root)));
  let current = root;
  for (const part of below.split(sep)) {
    current = join(current, part);
    const stats = lstatSync(current, { throwIfNoEntry: false });
    if (!stats) return;
    if (stats.isSymbolicLink()) {
      throw new CommandError(messages().cli.writeThroughLink(show(current), current === path));
    }
  }
}

/**
 * Makes a folder and those it is in, returning those it made, outermost first. mkdirSync's
 * recursive mode reports ENOENT whatever stopped it (a read-only disk, a denied permission): each
 * missing folder is made on its own, so the error names the one that could not be made and says
 * what went wrong. A folder made meanwhile by another run is that run's.
 */
export function makeFolders(folder: string): string[] {
  const missing: string[] = [];
  for (let path = folder; !existsSync(path) && dirname(path) !== path; path = dirname(path)) missing.unshift(path);
  const made: string[] = [];
  for (const path of missing) {
    try {
      mkdirSync(path);
      made.push(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return made;
}

function writeTemporary(path: string, text: string | Uint8Array, shown: string, hadFile: boolean): string {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", 0o644);
    const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    // The rename must not reach the disk before the bytes do, or a crash leaves an empty file.
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    return temp;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw new CommandError(messages().cli.writeFailed(shown, describeIoError(error), hadFile));
  }
}
