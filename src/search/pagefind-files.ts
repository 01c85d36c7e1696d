import { gunzipSync } from "node:zlib";
import { decode } from "cborg";

/**
 * Reading what Pagefind wrote in a bundle folder: its page list (`pf_meta`) and its filter lists
 * (`pf_filter`), gzip of a signature then CBOR, decoded by cborg (a small CBOR library without
 * dependencies, strict about what it reads).
 */

const SIGNATURE = "pagefind_dcd";

/** Decompresses a Pagefind file and decodes its CBOR. */
export function readPagefindFile(bytes: Uint8Array): unknown {
  const raw = gunzipSync(bytes);
  if (raw.subarray(0, SIGNATURE.length).toString("latin1") !== SIGNATURE) throw new Error("not a Pagefind file");
  return decode(raw.subarray(SIGNATURE.length));
}
