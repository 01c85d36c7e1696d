import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { decode, encode } from "cborg";
import { encodeValue, readValue } from "./cbor-items.ts";

/**
 * Reading what Pagefind wrote in a bundle folder: its page list (`pf_meta`) and its filter lists
 * (`pf_filter`), gzip of a signature then CBOR; and writing its page list again. Their unsigned
 * integers, text and arrays are read and written by hand, as cborg reads and writes them
 * (`src/search/cbor-items.ts`); anything else by cborg (a small CBOR library without dependencies,
 * strict about what it reads).
 */

const SIGNATURE = "pagefind_dcd";

/** Decompresses a Pagefind file and decodes its CBOR. */
export function readPagefindFile(bytes: Uint8Array): unknown {
  const raw = gunzipSync(bytes);
  if (raw.subarray(0, SIGNATURE.length).toString("latin1") !== SIGNATURE) throw new Error("not a Pagefind file");
  const body = raw.subarray(SIGNATURE.length);
  // Page lists and filter lists by hand (a year's page list took cborg 35–60 ms); anything else by cborg.
  const read = readValue(body, 0);
  return read && read.next === body.length ? read.value : decode(body);
}

/** The CBOR of a page list or filter list (`readPagefindFile`'s value), as cborg encodes it. */
export function encodePagefind(value: unknown): Uint8Array {
  return encodeValue(value) ?? encode(value);
}

/** A bundle folder's page list (`pf_meta`): its file's name, and its items decoded. */
export function readPageList(folder: string): { name: string; meta: unknown[] } {
  const name = readdirSync(folder).find((file) => file.endsWith(".pf_meta"));
  if (!name) throw new Error(`no Pagefind page list in ${folder}`);
  return { name, meta: readPagefindFile(readFileSync(join(folder, name))) as unknown[] };
}

/** Gzip of the signature then the CBOR, as Pagefind writes its files. */
export function pagefindFile(body: Uint8Array): Uint8Array {
  const raw = new Uint8Array(SIGNATURE.length + body.length);
  raw.set(new TextEncoder().encode(SIGNATURE));
  raw.set(body, SIGNATURE.length);
  return gzipSync(raw);
}

/**
 * Writes a file anew: one there is removed first, never written into (in an incremental build's
 * staging folder, or the preview's copy, it is a link to the previous site's file).
 */
export function replaceFile(path: string, bytes: Uint8Array | string): void {
  rmSync(path, { force: true });
  writeFileSync(path, bytes);
}

/**
 * Writes a bundle's new page list under a name of its own, and names it in the bundle's
 * `pagefind-entry.json` (which Pagefind fetches fresh each time): a browser or a cache that kept
 * the list of an earlier build never looks for pieces or pages this one no longer has. With
 * `pages`, the entry gives that count of pages too (a bundle patched to hold more or fewer).
 * With `from`, the entry is read there and the old list left (a patch written beside the bundle:
 * `patchBundleFolder`). Returns the list's new name.
 */
export function renameMeta(folder: string, oldName: string, bytes: Uint8Array, pages?: number, from = folder): string {
  const entryFile = join(from, "pagefind-entry.json");
  const entry = JSON.parse(readFileSync(entryFile, "utf8")) as { languages: Record<string, { hash: string; page_count: number }> };
  const language = Object.values(entry.languages).find((l) => oldName === `pagefind.${l.hash}.pf_meta`);
  if (!language) throw new Error(`${oldName} is not named in ${entryFile}`);
  const prefix = language.hash.includes("_") ? language.hash.slice(0, language.hash.indexOf("_") + 1) : "";
  language.hash = `${prefix}${createHash("sha256").update(bytes).digest("hex").slice(0, 10)}`;
  if (pages !== undefined) language.page_count = pages;
  const name = `pagefind.${language.hash}.pf_meta`;
  if (from === folder) rmSync(join(folder, oldName));
  writeFileSync(join(folder, name), bytes);
  replaceFile(join(folder, "pagefind-entry.json"), JSON.stringify(entry));
  return name;
}
