import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { ROWS_FILE } from "./bundle-rows.ts";
import { replaceFile } from "./pagefind-files.ts";

/**
 * Packs of index pieces: one file per two-character word prefix, holding every bundle's pieces of
 * that prefix. A search fetches, in every bundle, the index piece where each of its words falls
 * (src/search/index-chunks.ts): at 100,000 articles, 14 requests for one word. The pieces of a
 * word are all in one pack, so the search page asks for the pack once and answers each of
 * Pagefind's piece requests from it (public/recherche-paquets.js): one request a word, whatever
 * the number of bundles.
 *
 * A piece's pack is told by its name (`fr_74.75-…` for « tu »), so the page needs no map of the
 * pieces, and a piece is cut wherever its words' pack changes. The packs follow a fixed rule (a
 * pack per two first characters), not the words of the archive: a bundle that is not indexed
 * again keeps its pieces and their names, and only the packs are written anew. The pieces stay
 * as files too: a piece a pack lacks (a pack an earlier build wrote, kept by a cache) is fetched
 * on its own, and what Pagefind finds never depends on the packs. A prefix whose pack would hold
 * much more than a word needs is not packed (`PACK_SLACK`).
 */

/** The folder of the packs, in the index folder beside the bundles. */
export const PACKS_FOLDER = "paquets";

/** The extension of a pack. */
const PACK_EXTENSION = ".pf_pack";

/** The list of the prefixes packed, in the packs' folder (JSON), which the reader reads first. */
export const PACKED_LIST = "paquets.json";

/**
 * The list of the bundles' folders, in the packs' folder (JSON): the reader, in Pagefind's worker,
 * fetches their entries and page lists as the worker starts, before Pagefind asks.
 */
export const BUNDLE_LIST = "lots.json";

/**
 * How much larger than the most a word can need (in every bundle, the largest piece of its prefix)
 * a pack may be. A prefix larger in a bundle than one of Pagefind's chunks (« de », where
 * « défense », « décembre », « député » and « de » itself fall, 1.9 MB at 100,000 articles) has
 * several pieces there (`PIECE_BYTES`), of which a word needs one: packed, a word would cost
 * all of them. Such a prefix is left unpacked, its pieces fetched one by one as before.
 */
export const PACK_SLACK = 1.5;

/** The runtime's module, which the search page imports: Pagefind's, with the words' guard after it. */
export const PAGEFIND_MODULE_FILE = "pagefind.js";

/** The name Pagefind's runtime gives its worker, and the one its original takes beside ours. */
export const WORKER_FILE = "pagefind-worker.js";
export const PAGEFIND_WORKER_FILE = "pagefind-worker-pagefind.js";

/** The search page's script that serves pieces from packs, at the site's root (public/). */
export const PACKS_SCRIPT = "recherche-paquets.js";

// A piece's name: Pagefind's language prefix, its pack, then a digest of its bytes.
const PIECE_NAME = /^(?:[a-z]+_)?([0-9a-f]+(?:\.[0-9a-f]+)?)-[0-9a-f]+$/;

/** A word's pack: its first two characters, as hexadecimal code points (`74.75` for « tu »). */
export function packOf(word: string): string {
  return [...word]
    .slice(0, 2)
    .map((c) => c.codePointAt(0)!.toString(16))
    .join(".");
}

/** The name of a piece whose first word is `first`, from its language prefix and the digest of its bytes. */
export function pieceName(language: string, first: string, digest: string): string {
  return `${language}${packOf(first)}-${digest}`;
}

/**
 * Writes the packs of an index folder (`<site>/pagefind/`) from its bundles' pieces, the list
 * of the prefixes packed (`PACKED_LIST`; see `PACK_SLACK`) and that of the bundles (`BUNDLE_LIST`), anew: the
 * folder is removed first, so that no file a previous site shares (a hard link) is written into.
 * Each pack: the length of its table (4 bytes, big-endian), the table (JSON: each piece's
 * `<bundle>/<name>` and length, in order), then the pieces' files one after the other. Bundles
 * and pieces in the order of their names: the same bundles give the same packs.
 *
 * A pack whose pieces are those it held stays as it is, only its table read: an edit patches one
 * bundle's pieces of the words its article holds, not every prefix's. A pack written anew takes
 * the pieces it held from its old file, not from theirs: a piece's name tells its bytes (their
 * digest), and a push re-indexes one bundle of fifteen (the pieces of prefixes left unpacked are
 * never read, only measured).
 * Every other file is removed and written anew, never written into (in an incremental build's
 * staging folder it is a link to the previous site's).
 */
export function writeSearchPacks(indexDir: string): void {
  const packsDir = join(indexDir, PACKS_FOLDER);
  const held = packsHeld(packsDir);
  const packs = new Map<string, { key: string; path: string; size: number }[]>();
  const bundles = bundleFolders(indexDir);
  for (const bundle of bundles) {
    const pieces = join(indexDir, bundle, "index");
    for (const file of readdirSync(pieces).sort()) {
      const name = file.replace(/\.pf_index$/, "");
      const pack = PIECE_NAME.exec(name)?.[1];
      if (pack === undefined) continue;
      const path = join(pieces, file);
      const list = packs.get(pack) ?? [];
      list.push({ key: `${bundle}/${name}`, path, size: statSync(path).size });
      packs.set(pack, list);
    }
  }
  mkdirSync(packsDir, { recursive: true });
  const packed: string[] = [];
  const written = new Set<string>([BUNDLE_LIST, PACKED_LIST]);
  for (const [pack, pieces] of [...packs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const largest = new Map<string, number>();
    for (const { key, size } of pieces) largest.set(key.split("/")[0]!, Math.max(largest.get(key.split("/")[0]!) ?? 0, size));
    const most = [...largest.values()].reduce((n, b) => n + b, 0);
    if (pieces.reduce((n, p) => n + p.size, 0) > PACK_SLACK * most) continue;
    packed.push(pack);
    const file = `${pack}${PACK_EXTENSION}`;
    written.add(file);
    const table = Buffer.from(JSON.stringify(pieces.map((p) => [p.key, p.size])));
    const before = held.get(file);
    if (before?.table.equals(table)) continue;
    const known = before && heldPieces(join(packsDir, file), before);
    const bytes = pieces.map(({ key, path, size }) => {
      const piece = known?.get(key);
      return piece?.length === size ? piece : readFileSync(path);
    });
    const head = Buffer.alloc(4);
    head.writeUInt32BE(table.length);
    replaceFile(join(packsDir, file), Buffer.concat([head, table, ...bytes]));
  }
  for (const file of readdirSync(packsDir)) if (!written.has(file)) rmSync(join(packsDir, file), { recursive: true, force: true });
  replaceFile(join(packsDir, BUNDLE_LIST), JSON.stringify(bundles));
  replaceFile(join(packsDir, PACKED_LIST), JSON.stringify(packed));
}

// A pack as the folder holds it: its table (the JSON bytes, and each piece's key and length, in order).
interface HeldPack {
  table: Buffer;
  pieces: [key: string, length: number][];
}

// The packs of a folder, by file name: their tables alone are read, a pack's pieces only when it is
// written anew (`heldPieces`). None from a pack whose table does not account for its size exactly
// (a pack is only ever read whole, so a damaged one is ignored, and written anew).
function packsHeld(packsDir: string): Map<string, HeldPack> {
  const packs = new Map<string, HeldPack>();
  if (!existsSync(packsDir)) return packs;
  const head = Buffer.alloc(4);
  for (const file of readdirSync(packsDir).filter((name) => name.endsWith(PACK_EXTENSION))) {
    let fd: number | undefined;
    try {
      fd = openSync(join(packsDir, file), "r");
      if (readSync(fd, head, 0, 4, 0) !== 4) continue;
      const table = Buffer.alloc(head.readUInt32BE(0));
      if (readSync(fd, table, 0, table.length, 4) !== table.length) continue;
      const pieces = JSON.parse(table.toString()) as HeldPack["pieces"];
      if (4 + table.length + pieces.reduce((n, [, length]) => n + length, 0) === fstatSync(fd).size) packs.set(file, { table, pieces });
    } catch {
      // Not a pack this code wrote: its pieces are read from their files.
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return packs;
}

// The pieces a pack held, by `<bundle>/<name>`: they follow its length and its table.
function heldPieces(path: string, pack: HeldPack): Map<string, Buffer> {
  const bytes = readFileSync(path);
  let at = 4 + pack.table.length;
  return new Map(pack.pieces.map(([key, length]) => [key, bytes.subarray(at, (at += length))]));
}

// The bundles' folders: those holding a bundle's rows beside Pagefind's files.
function bundleFolders(indexDir: string): string[] {
  return readdirSync(indexDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(indexDir, entry.name, ROWS_FILE)) && existsSync(join(indexDir, entry.name, "index")))
    .map((entry) => entry.name)
    .sort();
}

/** The pack reader, the same for the search page and for Pagefind's worker (which gets it written in). */
export const PACKS_READER = readFileSync(new URL(`../../public/${PACKS_SCRIPT}`, import.meta.url), "utf8");

/** What starts a search's first fragments in the worker itself (public/), written into it after the pack reader. */
export const FIRST_FRAGMENTS_SCRIPT = "recherche-extraits.js";
export const FIRST_FRAGMENTS = readFileSync(new URL(`../../public/${FIRST_FRAGMENTS_SCRIPT}`, import.meta.url), "utf8");

/**
 * What makes a word no article holds find nothing, wrapping Pagefind's WebAssembly bindings (public/):
 * in the worker after Pagefind's, and after the runtime's module, where Pagefind runs on the page's
 * thread (its fallback when the browser has no worker or its worker fails to start).
 */
export const WORDS_SCRIPT = "recherche-mots.js";
export const WORDS_GUARD = readFileSync(new URL(`../../public/${WORDS_SCRIPT}`, import.meta.url), "utf8");

/**
 * What public/recherche-mots.js needs of a Pagefind script, its worker or the runtime's module: its
 * WebAssembly bindings as `wasm_bindgen`, declared in the script's top scope (the worker's global
 * scope, the module's scope; not within a function, where a script after it could not reach them),
 * whose functions every Pagefind instance calls through, with the arguments it reads.
 */
const PAGEFIND_NEEDS = [
  /^const pagefind_version="[^"]+";let wasm_bindgen=\(function\(exports\)\{/,
  /function search\(ptr,query,original_query,filter,sort,exact,exact_diacritics\)\{/,
  /function load_index_chunk\(ptr,chunk_bytes\)\{/,
  /exports\.search=search;/,
  /exports\.load_index_chunk=load_index_chunk;/,
  /exports\.init_pagefind=init_pagefind;/,
  /exports\.enter_playground_mode=enter_playground_mode;/,
  /this\.backend=wasm_bindgen;/,
  /this\.raw_ptr=this\.backend\[method\]\(ptr,chunk\);/,
  /search_keywords/,
];

/**
 * Throws unless a Pagefind script (`file`: its worker, or the runtime's module) has what
 * public/recherche-mots.js wraps: a Pagefind upgrade that changes it must not leave searches
 * backtracking unseen.
 */
export function checkPagefindScript(text: string, file: string): void {
  const missing = PAGEFIND_NEEDS.filter((need) => !need.test(text));
  if (missing.length > 0) {
    throw new Error(
      `Pagefind's ${file} no longer has what public/${WORDS_SCRIPT} wraps (${missing.join(", ")}): a word no article holds would find its first letters' results. Read how this Pagefind's ${file} calls its WebAssembly, and mend public/${WORDS_SCRIPT} and this check.`,
    );
  }
}

/**
 * Puts our worker in place of Pagefind's, in the runtime's folder: the pack reader and what starts
 * a search's first fragments, written in (the worker needs them before Pagefind's first request,
 * and no request more), then Pagefind's worker, renamed and otherwise untouched, run by
 * `importScripts` (a classic worker), then what wraps its WebAssembly bindings (which exist only
 * once it has run). The runtime's module gets the same guard after it, which reaches the module's
 * own bindings: Pagefind's searches on the page's thread are guarded by the same code.
 */
export function wrapPagefindRuntime(runtimeDir: string): void {
  const worker = join(runtimeDir, WORKER_FILE);
  const module = join(runtimeDir, PAGEFIND_MODULE_FILE);
  const moduleText = readFileSync(module, "utf8");
  checkPagefindScript(readFileSync(worker, "utf8"), WORKER_FILE);
  checkPagefindScript(moduleText, PAGEFIND_MODULE_FILE);
  renameSync(worker, join(runtimeDir, PAGEFIND_WORKER_FILE));
  writeFileSync(
    worker,
    `// Dépêche: Pagefind's worker, its index pieces read from packs (/${PACKS_SCRIPT}), its first results' fragments fetched at once (/${FIRST_FRAGMENTS_SCRIPT}), a word no article holds finding nothing (/${WORDS_SCRIPT}).\n${PACKS_READER}${FIRST_FRAGMENTS}importScripts(${JSON.stringify(PAGEFIND_WORKER_FILE)});\n${WORDS_GUARD}`,
  );
  // A new file, as the worker is: none a previous site shares is written into.
  replaceFile(module, `${moduleText}\n// Dépêche: a word no article holds finding nothing on the page's thread too (/${WORDS_SCRIPT}).\n${WORDS_GUARD}`);
}
