/** Writes into the editors' folders that never leave a file half written nor follow a link out. */
import { closeSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CommandError, describeIoError } from "./file-errors.ts";

/**
 * Replaces (or creates) a file through a temporary file in the same folder and a rename: readers
 * see the old text or the new one, never a cut one; on a failed write the old file is unchanged.
 * A symbolic link at the path is refused, never written through.
 * @param shown the path as messages print it
 */
export function replaceFileAtomically(path: string, text: string | Uint8Array, shown: string = path): void {
  refuseSymbolicLink(path, shown);
  const temp = writeTemporary(path, text, shown, "the previous file is unchanged");
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new CommandError(`cannot write ${shown}: ${describeIoError(error)}; the previous file is unchanged`);
  }
}

/**
 * Creates a file that must not exist yet, whole or not at all: the text goes to a temporary file,
 * which is then linked to its name (a link never replaces an existing file, even one made meanwhile).
 * Throws a CommandError whose message says whether the file already existed.
 */
export function createFileAtomically(path: string, text: string | Uint8Array, shown: string = path): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new CommandError(`cannot create the folder of ${shown}: ${describeIoError(error)}; nothing was written`);
  }
  const temp = writeTemporary(path, text, shown, "nothing was written");
  try {
    linkSync(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandError(code === "EEXIST" ? `${shown} already exists and is never overwritten` : `cannot write ${shown}: ${describeIoError(error)}; nothing was written`);
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
  if (isLink) throw new CommandError(`${shown} is a symbolic link, which Dépêche never writes through: replace it with the file itself`);
}

function writeTemporary(path: string, text: string | Uint8Array, shown: string, unchanged: string): string {
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
    throw new CommandError(`cannot write ${shown}: ${describeIoError(error)}; ${unchanged}`);
  }
}
