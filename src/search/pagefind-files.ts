import { gunzipSync } from "node:zlib";

/**
 * Reading what Pagefind wrote in a bundle folder: its page list (`pf_meta`) and its filter lists
 * (`pf_filter`), gzip of a signature then CBOR. Only the subset of CBOR Pagefind writes is read
 * (unsigned integers, strings, arrays, maps): a few lines, where a CBOR library would be a
 * dependency of the build for two file types.
 */

const SIGNATURE = "pagefind_dcd";

/** Decompresses a Pagefind file and decodes its CBOR. */
export function readPagefindFile(bytes: Uint8Array): unknown {
  const raw = gunzipSync(bytes);
  if (raw.subarray(0, SIGNATURE.length).toString("latin1") !== SIGNATURE) throw new Error("not a Pagefind file");
  return decodeCbor(raw, SIGNATURE.length);
}

/** CBOR's unsigned integers, byte and text strings, arrays and maps (RFC 8949, definite lengths only). */
export function decodeCbor(bytes: Uint8Array, start = 0): unknown {
  const text = new TextDecoder();
  let at = start;
  const length = (info: number): number => {
    if (info < 24) return info;
    const size = 1 << (info - 24);
    let n = 0;
    for (let i = 0; i < size; i++) n = n * 256 + bytes[at++]!;
    return n;
  };
  const item = (): unknown => {
    const head = bytes[at++]!;
    const major = head >> 5;
    const n = length(head & 31);
    switch (major) {
      case 0:
        return n;
      case 2:
      case 3: {
        const slice = bytes.subarray(at, (at += n));
        return major === 3 ? text.decode(slice) : slice;
      }
      case 4:
        return Array.from({ length: n }, item);
      case 5: {
        const map: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) map[String(item())] = item();
        return map;
      }
      default:
        throw new Error(`CBOR major type ${major} is not read here`);
    }
  };
  return item();
}
