import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { ItemWriter, readHead, skipItem } from "./cbor-items.ts";
import { packOf, pieceName } from "./index-packs.ts";
import { encodePagefind, pagefindFile, readPageList, renameMeta } from "./pagefind-files.ts";

/**
 * Smaller index chunks in a bundle Pagefind wrote. Pagefind cuts a bundle's words into chunks of
 * some 50–90 KB before compression (about 20 KB sent), and a search fetches, in every bundle, the
 * chunk where each of its words falls: at 100,000 articles, 14 bundles × 20 KB for one word, most
 * of it other words' pages. The bundle's words are cut again here into pieces of about
 * `PIECE_BYTES`, so that a word costs little more than its own pages.
 *
 * What a search finds stays the same. Pagefind picks, for each word typed, the one chunk whose
 * range (`from` ≤ word ≤ `to`) holds it, then matches the words of the loaded chunks that start
 * with the word's stem (or, failing any, the longest loaded word its stem starts with). A piece
 * ends where two words differ in their first two characters (where their pack changes: see
 * src/search/index-packs.ts), and the pieces' ranges leave no gap between them: a typed word and
 * its stem share their first two characters (French stemming only changes endings), so the piece
 * its range picks holds every word that starts with the stem. A prefix larger than `PIECE_BYTES`
 * in a bundle (« de », « co » at 100,000 articles) is cut within too, as Pagefind cut its chunks:
 * where two words differ in their first three characters (a stem of three characters or more still
 * finds all its words), or, past twice that size, anywhere, where a stem may find only the words
 * of its own piece, as it found only those of its own chunk before (and a one-letter search, those
 * of the piece where it falls).
 *
 * The pieces are cut from the bundle's whole list of words, whatever Pagefind's chunks were: the
 * same words give the same pieces, which lets a bundle be patched into the very pieces a clean
 * build writes (src/search/bundle-patch.ts). A piece's name tells its pack, so that every
 * bundle's pieces of a word are in one pack.
 */

/**
 * How many bytes of CBOR, before compression, a piece holds before it is cut within its prefix: a
 * large prefix keeps a few pieces a bundle, of which a word fetches one (see `PACK_SLACK`), and a
 * small one stays whole, in its pack. At 100,000 articles a word of the index costs a search a
 * median 102 KB and 252 KB at the 90th percentile, against 121 and 348 KB with Pagefind's own
 * chunks cut again, and 167 and 455 KB with 64 KB pieces (docs/performance.md).
 */
export const PIECE_BYTES = 16_384;

// Pagefind's files: gzip of this signature, then CBOR.
const SIGNATURE = new TextEncoder().encode("pagefind_dcd");

/** An entry of a page list's chunks (`pf_meta`): the first and last word it may hold, and its file's name. */
export type ChunkEntry = [from: string, to: string, hash: string];

/** Cuts the words of a bundle folder Pagefind wrote into pieces, and rewrites its page list to name them. */
export function splitIndexChunks(folder: string, pieceBytes = PIECE_BYTES): void {
  const { name, meta } = readPageList(folder);
  const chunks = meta[2] as ChunkEntry[];
  meta[2] = writePieces(folder, chunks, indexWords(folder, chunks), { pieceBytes });
  renameMeta(folder, name, pagefindFile(encodePagefind(meta)));
}

/** A word of a bundle's index: the word, its UTF-8 bytes (Pagefind's order), and the CBOR of its entry (the word and its pages). */
export interface Word {
  word: string;
  key: Uint8Array;
  bytes: Uint8Array;
}

/** Every word of a bundle folder's index, in order, from the chunks (or pieces) its page list names. */
export function indexWords(folder: string, chunks: readonly ChunkEntry[]): Word[] {
  return chunksWords(folder, chunks).flat();
}

/** The words of each chunk (or piece) a bundle folder's page list names, in its order. */
export function chunksWords(folder: string, chunks: readonly ChunkEntry[]): Word[][] {
  const indexDir = join(folder, "index");
  return chunks.map(([, , hash]) => chunkWords(gunzipSync(readFileSync(join(indexDir, `${hash}.pf_index`)))));
}

/**
 * Writes a bundle's words into its index folder as pieces, in place of the chunks (or pieces) its
 * page list named (`previous`), and returns the page list's new entries. The pieces are cut from
 * the bundle's whole list of words, whatever Pagefind's chunks were, so that the same words give
 * the same pieces however they were come by (indexed, or patched: src/search/bundle-patch.ts). A
 * piece is named by a digest of its bytes: one whose name the folder holds already is not written
 * again, and a file no piece names any more is removed (a link to the previous site's file, never
 * written into). With `aside`, the folder holds none of the previous pieces, and receives the new
 * ones alone (a patch written beside the bundle: `patchBundleFolder`).
 */
export function writePieces(
  folder: string,
  previous: readonly ChunkEntry[],
  words: readonly Word[],
  { pieceBytes = PIECE_BYTES, aside = false, wordsBefore }: { pieceBytes?: number; aside?: boolean; wordsBefore?: readonly Word[][] } = {},
): ChunkEntry[] {
  const indexDir = join(folder, "index");
  if (aside) mkdirSync(indexDir, { recursive: true });
  const first = previous[0]?.[2] ?? "";
  const language = first.includes("_") ? `${first.slice(0, first.indexOf("_"))}_` : "";
  const cut = cutWords(words, pieceBytes);
  const held = new Set(previous.map(([, , hash]) => hash));
  // With `wordsBefore` (the words of each of the pieces `previous` names, as read: a bundle
  // patched), a piece made of the very words of one of them, in order, is that piece: its name is
  // kept, its bytes not made again.
  const pieceRead = wordsBefore ? namesOfPiecesRead(previous, wordsBefore) : (): undefined => undefined;
  const pieces = cut.map((piece, i): { entry: ChunkEntry; raw?: Uint8Array } => {
    const same = pieceRead(piece);
    const raw = same === undefined ? pieceCbor(piece) : undefined;
    const name = same ?? pieceName(language, piece[0]!.word, createHash("sha256").update(raw!).digest("hex").slice(0, 12));
    const next = cut[i + 1]?.[0]?.word;
    // The first piece starts at the bundle's first word, the last ends at its last; between two
    // pieces, the range changes at the next piece's first two characters (see above).
    const start = i === 0 ? piece[0]!.word : rangeStart(cut[i - 1]!.at(-1)!.word, piece[0]!.word);
    return { entry: [start, next === undefined ? piece.at(-1)!.word : rangeEnd(piece.at(-1)!.word, next), name], raw };
  });
  const names = new Set(pieces.map(({ entry }) => entry[2]));
  if (!aside) for (const name of held) if (!names.has(name)) rmSync(join(indexDir, `${name}.pf_index`));
  for (const { entry, raw } of pieces) if (!held.has(entry[2])) writeFileSync(join(indexDir, `${entry[2]}.pf_index`), gzipSync(raw!));
  return pieces.map(({ entry }) => entry);
}

// The name of the piece of `previous` read as the very words of a piece (`wordsBefore`: each one's words as read), in order.
function namesOfPiecesRead(previous: readonly ChunkEntry[], wordsBefore: readonly Word[][]): (piece: readonly Word[]) => string | undefined {
  const pieceOf = new Map(wordsBefore.map((words, i) => [words[0], i]));
  return (piece) => {
    const i = pieceOf.get(piece[0]!);
    const before = i === undefined ? undefined : wordsBefore[i]!;
    return before?.length === piece.length && piece.every((word, k) => word === before[k]) ? previous[i!]![2] : undefined;
  };
}

// The CBOR of a piece: Pagefind's chunk of these words alone, each word's bytes as Pagefind wrote them.
function pieceCbor(piece: readonly Word[]): Uint8Array {
  const writer = new ItemWriter(piece.reduce((n, w) => n + w.bytes.length, 32)).raw(SIGNATURE).head(4, 1).head(4, piece.length);
  for (const word of piece) writer.raw(word.bytes);
  return writer.take();
}

/**
 * The words of an index chunk (after its signature: an array whose only item is the array of
 * word entries, each an array that starts with the word), read by walking the CBOR.
 */
function chunkWords(raw: Uint8Array): Word[] {
  if (DECODER.decode(raw.subarray(0, SIGNATURE.length)) !== "pagefind_dcd") throw new Error("not a Pagefind file");
  const outer = readHead(raw, SIGNATURE.length, 4);
  if (outer.value !== 1) throw new Error(`not a Pagefind index chunk of this version (${outer.value} items)`);
  const list = readHead(raw, outer.next, 4);
  let at = list.next;
  const words: Word[] = [];
  for (let w = 0; w < list.value; w++) {
    const entry = readHead(raw, at, 4);
    const word = readHead(raw, entry.next, 3);
    const end = skipItem(raw, at);
    const key = raw.subarray(word.next, word.next + word.value);
    words.push({ word: DECODER.decode(key), key, bytes: raw.subarray(at, end) });
    at = end;
  }
  return words;
}

const DECODER = new TextDecoder();

// A piece for each two-character prefix (each pack), cut within past `pieceBytes` (`withinAt`),
// wherever the range before the next word can end just below it.
function cutWords(words: readonly Word[], pieceBytes: number): Word[][] {
  const pieces: Word[][] = [];
  let piece: Word[] = [];
  let bytes = 0;
  for (const word of words) {
    const last = piece.at(-1);
    if (last && (packOf(last.word) !== packOf(word.word) || withinAt(last.word, word.word, bytes, pieceBytes)) && mayCut(last.word, word.word)) {
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

// Within a prefix, past `pieceBytes`: first where the two words differ in their first three
// characters (a stem of three or more finds all its words), then, past twice that, anywhere.
function withinAt(last: string, next: string, bytes: number, pieceBytes: number): boolean {
  return bytes >= 2 * pieceBytes || (bytes >= pieceBytes && commonPrefix(last, next) < 3);
}

// The range before `next` can end just below it (see `rangeEnd`): the character where the two
// words differ (by code point, as Pagefind compares UTF-8 bytes) can be lowered.
function mayCut(last: string, next: string): boolean {
  const c = [...next][commonPrefix(last, next)]?.codePointAt(0);
  return c !== undefined && c > 0 && c !== 0xe000;
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
