import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { encode } from "cborg";
import { packOf, pieceName } from "./index-packs.ts";
import { readPagefindFile } from "./pagefind-files.ts";

/**
 * Smaller index chunks in a bundle Pagefind wrote. Pagefind cuts a bundle's words into chunks of
 * some 50–90 KB before compression (about 20 KB sent), and a search fetches, in every bundle, the
 * chunk where each of its words falls: at 100,000 articles, 14 bundles × 20 KB for one word, most
 * of it other words' pages. Each chunk is cut again here into pieces of about `PIECE_BYTES`, so
 * that a word costs little more than its own pages.
 *
 * What a search finds stays the same. Pagefind picks, for each word typed, the one chunk whose
 * range (`from` ≤ word ≤ `to`) holds it, then matches the words of the loaded chunks that start
 * with the word's stem (or, failing any, the longest loaded word its stem starts with). A piece
 * ends only where two words differ in their first two characters, and the pieces' ranges leave no
 * gap between them: a typed word and its stem share their first two characters (French stemming
 * only changes endings), so the piece its range picks holds every word that starts with the stem,
 * and every word of two characters or more its stem starts with. Only a one-letter search, or a
 * one-letter word taken as the longest prefix, may find less: a one-letter search finds only the
 * words of the piece where it falls, as it already found only those of Pagefind's chunk where it
 * falls (a large archive has many chunks of words that start with « t »).
 *
 * A piece also ends wherever its words' pack changes (their first two characters: see
 * src/search/index-packs.ts), and its name tells its pack, so that every bundle's pieces of a word
 * are in one pack. Every chunk is written again under such a name, even one left whole.
 */

/** How many bytes of a chunk's CBOR, before compression, a piece holds at least (but the last of a chunk or of a pack). */
export const PIECE_BYTES = 4096;

// Pagefind's files: gzip of this signature, then CBOR.
const SIGNATURE = new TextEncoder().encode("pagefind_dcd");

/** A chunk of Pagefind's page list (`pf_meta`): its first and last word and its file's name. */
type ChunkEntry = [from: string, to: string, hash: string];

/** Cuts each index chunk of a bundle folder Pagefind wrote into pieces, and rewrites its page list to name them. */
export function splitIndexChunks(folder: string, pieceBytes = PIECE_BYTES): void {
  const metaName = readdirSync(folder).find((name) => name.endsWith(".pf_meta"));
  if (!metaName) throw new Error(`no Pagefind page list in ${folder}`);
  const meta = readPagefindFile(readFileSync(join(folder, metaName))) as unknown[];
  const chunks = meta[2] as ChunkEntry[];
  const indexDir = join(folder, "index");
  const pieces: ChunkEntry[] = [];
  for (const [from, to, hash] of chunks) {
    const chunkFile = join(indexDir, `${hash}.pf_index`);
    const { words, after } = chunkWords(gunzipSync(readFileSync(chunkFile)));
    const cut = cutWords(words, pieceBytes);
    const language = hash.includes("_") ? `${hash.slice(0, hash.indexOf("_"))}_` : "";
    cut.forEach((piece, i) => {
      // The chunk's CBOR with only this piece's words, each word's bytes as Pagefind wrote them.
      const bytes = pagefindFile(concat([arrayHead(after.items + 1), arrayHead(piece.length), ...piece.map((w) => w.bytes), after.bytes]));
      const name = pieceName(language, piece[0]!.word, createHash("sha256").update(bytes).digest("hex").slice(0, 12));
      writeFileSync(join(indexDir, `${name}.pf_index`), bytes);
      const next = cut[i + 1]?.[0]?.word;
      // The first piece starts where the chunk did, the last ends where it did; between two
      // pieces, the range changes at the next piece's first two characters (see above).
      const start = i === 0 ? from : rangeStart(cut[i - 1]!.at(-1)!.word, piece[0]!.word);
      pieces.push([start, next === undefined ? to : rangeEnd(piece.at(-1)!.word, next), name]);
    });
    // A chunk cut before (a piece) may come out whole, under its own name: it stays.
    if (!pieces.some(([, , name]) => name === hash)) rmSync(chunkFile);
  }
  meta[2] = pieces;
  renameMeta(folder, metaName, pagefindFile(encode(meta)));
}

/**
 * Writes the new page list under a name of its own, and names it in the bundle's
 * `pagefind-entry.json` (which Pagefind fetches fresh each time): a browser or a cache that kept
 * the list of an earlier build never looks for pieces this one no longer has.
 */
function renameMeta(folder: string, oldName: string, bytes: Uint8Array): void {
  const entryFile = join(folder, "pagefind-entry.json");
  const entry = JSON.parse(readFileSync(entryFile, "utf8")) as { languages: Record<string, { hash: string }> };
  const language = Object.values(entry.languages).find((l) => oldName === `pagefind.${l.hash}.pf_meta`);
  if (!language) throw new Error(`${oldName} is not named in ${entryFile}`);
  const prefix = language.hash.includes("_") ? language.hash.slice(0, language.hash.indexOf("_") + 1) : "";
  language.hash = `${prefix}${createHash("sha256").update(bytes).digest("hex").slice(0, 10)}`;
  rmSync(join(folder, oldName));
  writeFileSync(join(folder, `pagefind.${language.hash}.pf_meta`), bytes);
  writeFileSync(entryFile, JSON.stringify(entry));
}

/** A word of an index chunk, and the CBOR of its entry (the word and its pages). */
interface Word {
  word: string;
  bytes: Uint8Array;
}

/**
 * The words of an index chunk (after its signature: an array whose first item is the array of
 * word entries, each an array that starts with the word), and the bytes of the chunk's other
 * items. Read by walking the CBOR rather than decoding it: a bundle's chunks are some 10 MB of
 * CBOR, which cborg decodes and encodes back in seconds.
 */
function chunkWords(raw: Uint8Array): { words: Word[]; after: { items: number; bytes: Uint8Array } } {
  if (DECODER.decode(raw.subarray(0, SIGNATURE.length)) !== "pagefind_dcd") throw new Error("not a Pagefind file");
  const outer = readHead(raw, SIGNATURE.length, 4);
  const list = readHead(raw, outer.next, 4);
  let at = list.next;
  const words: Word[] = [];
  for (let w = 0; w < list.value; w++) {
    const entry = readHead(raw, at, 4);
    const word = readHead(raw, entry.next, 3);
    const end = skipItem(raw, at);
    words.push({ word: DECODER.decode(raw.subarray(word.next, word.next + word.value)), bytes: raw.subarray(at, end) });
    at = end;
  }
  return { words, after: { items: outer.value - 1, bytes: raw.subarray(at) } };
}

const DECODER = new TextDecoder();

// A CBOR item's head at `at` (of the major type `major`, when given): its type, its value and where its content starts.
function readHead(raw: Uint8Array, at: number, major?: number): { major: number; value: number; next: number } {
  const head = raw[at]!;
  const type = head >> 5;
  if (major !== undefined && type !== major) throw new Error(`not a Pagefind index chunk (CBOR type ${type} at ${at})`);
  const info = head & 31;
  if (info < 24) return { major: type, value: info, next: at + 1 };
  const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
  if (size === 0) throw new Error(`not a Pagefind index chunk (CBOR length ${info} at ${at})`);
  let value = 0;
  for (let k = 1; k <= size; k++) value = value * 256 + raw[at + k]!;
  return { major: type, value, next: at + 1 + size };
}

// Where the CBOR item at `at` ends.
function skipItem(raw: Uint8Array, at: number): number {
  const { major, value, next } = readHead(raw, at);
  if (major === 2 || major === 3) return next + value;
  if (major === 4 || major === 5) {
    let end = next;
    for (let k = 0; k < value * (major === 5 ? 2 : 1); k++) end = skipItem(raw, end);
    return end;
  }
  if (major === 6) return skipItem(raw, next);
  return next;
}

// Pieces of at least `pieceBytes` or ending where the pack changes, each ending where the next
// word's first two characters differ from its last word's.
function cutWords(words: Word[], pieceBytes: number): Word[][] {
  const pieces: Word[][] = [];
  let piece: Word[] = [];
  let bytes = 0;
  for (const word of words) {
    const last = piece.at(-1);
    if (last && (bytes >= pieceBytes || packOf(last.word) !== packOf(word.word)) && mayCut(last.word, word.word)) {
      pieces.push(piece);
      piece = [];
      bytes = 0;
    }
    piece.push(word);
    bytes += word.bytes.length;
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}

// The head of a CBOR array of `n` items (major type 4).
function arrayHead(n: number): Uint8Array {
  if (n < 24) return Uint8Array.of(0x80 + n);
  if (n < 0x100) return Uint8Array.of(0x98, n);
  if (n < 0x10000) return Uint8Array.of(0x99, n >> 8, n & 0xff);
  return Uint8Array.of(0x9a, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// Two words differ in their first two characters (by code point, as Pagefind compares UTF-8
// bytes), and the range before the second can end just below it (see `rangeEnd`).
function mayCut(last: string, next: string): boolean {
  const common = commonPrefix(last, next);
  const c = next.codePointAt(common);
  return common <= 1 && c !== undefined && c > 0 && c !== 0xe000;
}

function commonPrefix(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/** The start of a piece's range: its first word's characters up to the first that differs from the previous piece's last word. */
function rangeStart(previousLast: string, first: string): string {
  return [...first].slice(0, commonPrefix(previousLast, first) + 1).join("");
}

/**
 * The end of a piece's range, just below where the next one starts: that start with its last
 * character lowered by one, then the highest code point, so that every word between the two
 * pieces falls in this one.
 */
function rangeEnd(last: string, next: string): string {
  const start = [...rangeStart(last, next)];
  const lowered = String.fromCodePoint(start.at(-1)!.codePointAt(0)! - 1);
  return `${start.slice(0, -1).join("")}${lowered}${"\u{10ffff}".repeat(4)}`;
}

// Gzip of the signature then the CBOR, as Pagefind writes its files.
function pagefindFile(body: Uint8Array): Uint8Array {
  const raw = new Uint8Array(SIGNATURE.length + body.length);
  raw.set(SIGNATURE);
  raw.set(body, SIGNATURE.length);
  return gzipSync(raw);
}
