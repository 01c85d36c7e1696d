/**
 * Reading of content files: never through a symbolic link, a size limit before a byte is read,
 * then strict UTF-8, BOM and CRLF tolerated, text normalised to NFC.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from "node:fs";
import { describeIoError } from "../files/file-errors.ts";
import { tooLarge, type SizeLimit } from "./limits.ts";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export type DecodedText = { ok: true; text: string } | { ok: false; message: string };

/**
 * Decodes a content file: UTF-8 with or without a BOM, LF or CRLF, normalised to NFC so a
 * title typed with decomposed accents reads (and slugs) the same. Invalid UTF-8 is refused,
 * never turned into mojibake.
 */
export function decodeContentFile(bytes: Uint8Array): DecodedText {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, message: "file is not valid UTF-8: save it as UTF-8 in your editor" };
  }
  const nul = text.indexOf("\0");
  if (nul !== -1) return { ok: false, message: "file contains a NUL byte: it is binary or damaged; re-save it as plain UTF-8 text" };
  return { ok: true, text: normalizeText(text) };
}

/** Line endings to LF and NFC, as every later step expects. */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, "\n").normalize("NFC");
}

export type ContentFile = { ok: true; bytes: Buffer } | { ok: false; missing: boolean; message: string };

/** The refusal of a symbolic link in the content folder, for a file or a folder. */
export function symbolicLinkMessage(what: string): string {
  return `symbolic links are not followed: put the ${what} itself in the content folder`;
}

/**
 * Reads a file of the content folder. A symbolic link is refused: it could lead anywhere, and a
 * build that later writes the file would write through it. A file over its limit is refused
 * before a byte is read, from its size. Never throws; `missing` tells an absent file apart.
 */
export function readContentFile(path: string, limit: SizeLimit): ContentFile {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, missing: true, message: "no such file" };
    if (code === "ELOOP" && lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink())
      return { ok: false, missing: false, message: symbolicLinkMessage("file") };
    return { ok: false, missing: false, message: cannotRead(error) };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, missing: false, message: "cannot read the file: it is a folder" };
    if (stats.size > limit.bytes) return { ok: false, missing: false, message: tooLarge("the file", stats.size, limit.bytes, limit.fix) };
    const bytes = Buffer.allocUnsafe(stats.size);
    let length = 0;
    for (let n = 1; length < stats.size && n > 0; length += n) n = readSync(fd, bytes, length, stats.size - length, length);
    return { ok: true, bytes: bytes.subarray(0, length) };
  } catch (error) {
    return { ok: false, missing: false, message: cannotRead(error) };
  } finally {
    closeSync(fd);
  }
}

function cannotRead(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return `cannot read the file (${describeIoError(error)})${code === "EACCES" || code === "EPERM" ? ": check its permissions" : ""}`;
}
