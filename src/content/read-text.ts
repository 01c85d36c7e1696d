/**
 * Reading of content files: never through a symbolic link, a size limit before a byte is read,
 * then strict UTF-8, BOM and CRLF tolerated, text normalised to NFC. A file in another encoding is
 * refused with the command that converts it; a UTF-8 file with a few stray bytes, at the first of them.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from "node:fs";
import { describeIoError } from "../files/file-errors.ts";
import { messages } from "../i18n/messages.ts";
import { FILE_START, type Position } from "./diagnostics.ts";
import { tooLarge, type SizeLimit } from "./limits.ts";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export type DecodedText = { ok: true; text: string } | { ok: false; at: Position; message: string };

/** What a content file holds, for the check of the markers an unresolved git merge leaves. */
export type ConflictCheck = "urls" | "yaml" | "article";

/**
 * Decodes a content file: UTF-8 with or without a BOM, LF or CRLF, normalised to NFC so a
 * title typed with decomposed accents reads (and slugs) the same. Invalid UTF-8 is refused,
 * never turned into mojibake.
 */
export function decodeContentFile(bytes: Uint8Array, conflicts?: ConflictCheck): DecodedText {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return savedAsUtf16(bytes) ?? notUtf8(bytes);
  }
  const nul = text.indexOf("\0");
  if (nul !== -1) return savedAsUtf16(bytes) ?? { ok: false, at: positionIn(text, nul), message: messages().diagnostics.nulByte() };
  const normalized = normalizeText(text);
  const marker = conflicts ? firstConflictMarker(normalized, conflicts) : undefined;
  if (marker !== undefined) {
    const say = messages().diagnostics;
    return { ok: false, at: { line: marker + 1, column: 1 }, message: conflicts === "urls" ? say.mergeConflictUrls() : say.mergeConflict() };
  }
  return { ok: true, text: normalized };
}

const MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |$)/;

/**
 * The index of the first line that git left from a merge it could not make (`<<<<<<< HEAD`,
 * `=======`, `>>>>>>> abc123`, `||||||| base`), or undefined. Each such line read as content
 * would bring errors that name it as an address or a key: the file gets one error, at it. In an
 * article's body, `=======` underlines a heading: a marker only beside the other two.
 * @example firstConflictMarker("/a/\n<<<<<<< HEAD\n/b/\n=======\n/c/\n>>>>>>> 1a2b3c\n", "urls") // 1
 */
export function firstConflictMarker(text: string, kind: ConflictCheck): number | undefined {
  if (!text.includes("<<<<<<<") && !text.includes("=======") && !text.includes(">>>>>>>") && !text.includes("|||||||")) return undefined;
  const lines = text.split("\n");
  const bodyFrom = kind === "article" ? bodyStart(lines) : lines.length;
  const quoted = quotedLines(lines, bodyFrom);
  const merged = lines.some((l) => l.startsWith("<<<<<<< ") || l === "<<<<<<<") && lines.some((l) => l.startsWith(">>>>>>> ") || l === ">>>>>>>");
  const first = lines.findIndex((line, i) => {
    const found = MARKER.exec(line);
    return found !== null && !quoted.has(i) && (i < bodyFrom || found[1] !== "=======" || merged);
  });
  return first === -1 ? undefined : first;
}

// The lines of a body's fenced code blocks (``` or ~~~), fences included: an article may quote a
// merge conflict there, shown as it is.
function quotedLines(lines: readonly string[], bodyFrom: number): Set<number> {
  const quoted = new Set<number>();
  let fence: string | undefined;
  for (let i = bodyFrom; i < lines.length; i++) {
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(lines[i]!)?.[1];
    if (fence === undefined && opening !== undefined) fence = opening;
    else if (fence !== undefined && opening !== undefined && opening[0] === fence[0] && opening.length >= fence.length && lines[i]!.trim() === opening) {
      quoted.add(i);
      fence = undefined;
      continue;
    }
    if (fence !== undefined) quoted.add(i);
  }
  return quoted;
}

// The first line after the front matter's closing `---` (all of them when it has none).
function bodyStart(lines: readonly string[]): number {
  if (lines[0]?.replace(/^\uFEFF/, "").trimEnd() !== "---") return 0;
  const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === "---");
  return end === -1 ? lines.length : end + 1;
}

// UTF-16 (Windows Notepad's "Unicode") is refused like any encoding but UTF-8, which git diffs and
// merges as text, but told apart: read as Windows-1252 or as binary, the fix given would corrupt it.
// iconv's "UTF-16" reads the byte order from the BOM; without one, iconv implementations disagree
// on the order, so it is named.
function savedAsUtf16(bytes: Uint8Array): DecodedText | undefined {
  const utf16 = findUtf16(bytes);
  if (!utf16) return undefined;
  return { ok: false, at: FILE_START, message: messages().diagnostics.utf16(utf16.bom ? "UTF-16" : utf16.encoding.toUpperCase()) };
}

const CONTROL = /[\0-\x08\x0e-\x1f]/;

/**
 * The byte order of UTF-16 text: from its BOM or, without one, from the NUL every other byte that
 * Latin text has in UTF-16 (at least half of the first 1,000 characters below U+0100, no control
 * character). Undefined for anything else: UTF-8, Windows-1252 and binary data have no such pattern.
 * @example findUtf16(Uint8Array.of(0x2d, 0, 0x2d, 0, 0x0a, 0)) // { encoding: "utf-16le", bom: false }
 */
export function findUtf16(bytes: Uint8Array): { encoding: "utf-16le" | "utf-16be"; bom: boolean } | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", bom: true };
  for (const encoding of ["utf-16le", "utf-16be"] as const) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      continue;
    }
    const sample = Math.min(text.length, 1000);
    let latin = 0;
    for (let i = 0; i < sample; i++) if (text.charCodeAt(i) < 0x100) latin++;
    if (sample > 0 && latin * 2 >= sample && !CONTROL.test(text)) return { encoding, bom: false };
  }
  return undefined;
}

const windows1252 = new TextDecoder("windows-1252");

// A file saved as Windows-1252 (an older editor, a copy of agency copy): the error points at its
// first byte that is no UTF-8, and names the character Windows-1252 reads there. A UTF-8 file (one
// valid multi-byte character is enough) with a few such bytes, pasted from elsewhere, is told
// apart: converting it whole would garble its other accents, the fix is to retype those characters.
function notUtf8(bytes: Uint8Array): DecodedText {
  const survey = surveyUtf8(bytes);
  const bad = survey.firstInvalid;
  const before = new TextDecoder("utf-8").decode(bytes.subarray(0, bad));
  const byte = `0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, "0")}`;
  const read = windows1252.decode(bytes.subarray(bad, bad + 1));
  const say = messages().diagnostics;
  return {
    ok: false,
    at: positionIn(before, before.length),
    message: survey.multiByte > 0 ? say.strayBytesInUtf8(byte, read, survey.invalid) : say.notUtf8(byte, read),
  };
}

/**
 * What a file holds of UTF-8: the index of its first byte that belongs to no valid sequence (the
 * length when there is none), how many such bytes, and how many valid multi-byte characters.
 * @example surveyUtf8(Buffer.from("é\xe9", "latin1")) // { firstInvalid: 2, invalid: 1, multiByte: 1 } for C3 A9 E9
 */
export function surveyUtf8(bytes: Uint8Array): { firstInvalid: number; invalid: number; multiByte: number } {
  let firstInvalid = bytes.length;
  let invalid = 0;
  let multiByte = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      if (invalid++ === 0) firstInvalid = i;
      i++;
    } else {
      multiByte++;
      i += length;
    }
  }
  return { firstInvalid, invalid, multiByte };
}

/** The index of the first byte that does not belong to a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

// The length of the valid multi-byte UTF-8 sequence starting at `i`, or 0.
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const tail = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (tail === -1) return 0;
  for (let k = 1; k <= tail; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return 0;
  // Overlong forms, surrogates and code points past U+10FFFF
  const c = bytes[i + 1]!;
  if ((b === 0xe0 && c < 0xa0) || (b === 0xed && c >= 0xa0) || (b === 0xf0 && c < 0x90) || (b === 0xf4 && c >= 0x90)) return 0;
  return tail + 1;
}

/** Line and column (1-based) of a character of the text. */
export function positionIn(text: string, index: number): Position {
  if (index <= 0) return FILE_START;
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf("\n") + 1;
  let line = 1;
  for (let i = before.indexOf("\n"); i !== -1; i = before.indexOf("\n", i + 1)) line++;
  return { line, column: index - lineStart + 1 };
}

/** Line endings to LF and NFC, as every later step expects. */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, "\n").normalize("NFC");
}

/**
 * A file read: its bytes, and its `fstat` taken after it was opened and before a byte was read. A
 * refusal says whether the file is absent, a symbolic link (`link`) or over its limit (`size`, its size).
 */
export type ContentFile = { ok: true; bytes: Buffer; stats: Stats } | { ok: false; missing: boolean; message: string; link?: true; size?: number };

// A FIFO opens without waiting for a writer, and is then refused as no regular file (Windows has no O_NONBLOCK).
const NOT_WAITING = constants.O_NONBLOCK ?? 0;

/** The refusal of a symbolic link in the content folder, for a file or a folder. */
export function symbolicLinkMessage(what: "file" | "article" | "folder" | "articlesFolder"): string {
  return messages().diagnostics.symbolicLink(what);
}

/**
 * Reads a file of the content folder. A symbolic link is refused: it could lead anywhere, and a
 * build that later writes the file would write through it. A file over its limit is refused
 * before a byte is read, from its size; so is anything but a regular file (a FIFO, a device), which
 * could make the read wait forever or never end. Never throws; `missing` tells an absent file apart.
 */
export function readContentFile(path: string, limit: SizeLimit): ContentFile {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | NOT_WAITING);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, missing: true, message: messages().cli.ioReason("ENOENT") };
    if (code === "ELOOP" && lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink())
      return { ok: false, missing: false, message: symbolicLinkMessage("file"), link: true };
    return { ok: false, missing: false, message: cannotRead(error) };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, missing: false, message: messages().diagnostics.fileIsFolder() };
    if (!stats.isFile()) return { ok: false, missing: false, message: messages().diagnostics.fileNotRegular() };
    if (stats.size > limit.bytes) return { ok: false, missing: false, message: tooLarge(limit, stats.size), size: stats.size };
    const bytes = Buffer.allocUnsafe(stats.size);
    let length = 0;
    for (let n = 1; length < stats.size && n > 0; length += n) n = readSync(fd, bytes, length, stats.size - length, length);
    return { ok: true, bytes: bytes.subarray(0, length), stats };
  } catch (error) {
    return { ok: false, missing: false, message: cannotRead(error) };
  } finally {
    closeSync(fd);
  }
}

function cannotRead(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return messages().diagnostics.fileUnreadable(describeIoError(error), code === "EACCES" || code === "EPERM");
}
