/** Reading of content files: a size limit first, then strict UTF-8, BOM and CRLF tolerated, text normalised to NFC. */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { tooLarge } from "./limits.ts";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export type DecodedText = { ok: true; text: string } | { ok: false; message: string };

export type ReadBytes = { ok: true; bytes: Buffer } | { ok: false; message: string };

/**
 * Reads a content file unless it is larger than `limit` bytes, which its size tells before a
 * byte is read; `fix` says what to do then. Errors of the file system (missing, unreadable) are thrown.
 */
export function readContentBytes(path: string, limit: number, fix: string): ReadBytes {
  const fd = openSync(path, "r");
  try {
    const { size } = fstatSync(fd);
    if (size > limit) return { ok: false, message: tooLarge("the file", size, limit, fix) };
    const bytes = Buffer.allocUnsafe(size);
    let length = 0;
    for (let n = 1; length < size && n > 0; length += n) n = readSync(fd, bytes, length, size - length, length);
    return { ok: true, bytes: bytes.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}

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
