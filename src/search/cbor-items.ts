/**
 * Walking and writing CBOR items by hand, for Pagefind's index files: a bundle's word lists are
 * some 10 MB of CBOR, which cborg decodes and encodes back in seconds, where walking the few
 * items that matter and copying the others' bytes takes milliseconds. Only what Pagefind writes
 * is read: definite lengths, unsigned and negative integers, strings, arrays and maps.
 */

/** A CBOR item's head: its value (a length, or an unsigned integer) and where its content starts. */
interface Head {
  value: number;
  next: number;
}

/** The head of the item at `at`, which must be of the major type `major`. */
export function readHead(raw: Uint8Array, at: number, major: number): Head {
  const type = raw[at]! >> 5;
  if (type !== major) throw new Error(`not a Pagefind index (CBOR type ${type} at ${at})`);
  return { value: headValue(raw, at), next: at + headSize(raw, at) };
}

/** The value of the head at `at` (a length, or an unsigned integer), read without allocating. */
export function headValue(raw: Uint8Array, at: number): number {
  const info = raw[at]! & 31;
  if (info < 24) return info;
  const size = headSize(raw, at) - 1;
  let value = 0;
  for (let k = 1; k <= size; k++) value = value * 256 + raw[at + k]!;
  return value;
}

/** How many bytes the head at `at` takes. */
export function headSize(raw: Uint8Array, at: number): number {
  const info = raw[at]! & 31;
  if (info < 24) return 1;
  if (info < 28) return 1 + (1 << (info - 24));
  throw new Error(`not a Pagefind index (CBOR length ${info} at ${at})`);
}

/**
 * Where the item at `at` ends. Walked without recursion nor allocation, its heads read inline:
 * a bundle's words are millions of items (through `headValue` and `headSize`, 172 ms against 125
 * for the 45 MB of a 10,000-article index's pieces read five times).
 */
export function skipItem(raw: Uint8Array, at: number): number {
  let pending = 1;
  while (pending > 0) {
    pending--;
    const first = raw[at]!;
    const major = first >> 5;
    const info = first & 31;
    let value = info;
    at++;
    if (info >= 24) {
      const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
      if (size === 0) throw new Error(`not a Pagefind index (CBOR length ${info} at ${at - 1})`);
      value = 0;
      for (let k = 0; k < size; k++) value = value * 256 + raw[at + k]!;
      at += size;
    }
    if (major === 2 || major === 3) at += value;
    else if (major === 4) pending += value;
    else if (major === 5) pending += 2 * value;
    else if (major === 6) pending++;
  }
  return at;
}

/**
 * The value of the item at `at`, and where it ends, when it is made of what Pagefind's page lists
 * and filter lists hold (unsigned integers, text strings, arrays): as cborg decodes it, in a
 * fraction of its time (a year's page list is 7,700 pages). Undefined for any other item, or text
 * that is not UTF-8: the caller decodes it with cborg then.
 */
export function readValue(raw: Uint8Array, at: number): { value: unknown; next: number } | undefined {
  if (at >= raw.length) return undefined;
  const major = raw[at]! >> 5;
  const info = raw[at]! & 31;
  if ((major !== 0 && major !== 3 && major !== 4) || info > 26) return undefined;
  const value = headValue(raw, at);
  let next = at + headSize(raw, at);
  if (major === 0) return { value, next };
  if (major === 3) {
    if (next + value > raw.length) return undefined;
    const text = textOf(raw, next, next + value);
    return text === undefined ? undefined : { value: text, next: next + value };
  }
  const items: unknown[] = new Array(value);
  for (let i = 0; i < value; i++) {
    const item = readValue(raw, next);
    if (!item) return undefined;
    items[i] = item.value;
    next = item.next;
  }
  return { value: items, next };
}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// Text from UTF-8 bytes: ASCII (ids, digests, most words) without a decoder; undefined when not UTF-8.
function textOf(raw: Uint8Array, from: number, to: number): string | undefined {
  if (to - from <= 32) {
    let ascii = true;
    for (let k = from; k < to && ascii; k++) ascii = raw[k]! < 0x80;
    if (ascii) return String.fromCharCode(...raw.subarray(from, to));
  }
  try {
    return UTF8.decode(raw.subarray(from, to));
  } catch {
    return undefined;
  }
}

/**
 * The CBOR of a value made of unsigned integers below 2³², strings and arrays, as cborg encodes
 * it (the shortest heads; strings as UTF-8 text); undefined for any other value: the caller
 * encodes it with cborg then.
 */
export function encodeValue(value: unknown): Uint8Array | undefined {
  const writer = new ItemWriter();
  const write = (v: unknown): boolean => {
    if (typeof v === "number") {
      if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) return false;
      writer.head(0, v);
    } else if (typeof v === "string") writer.text(ENCODER.encode(v));
    else if (Array.isArray(v)) {
      writer.head(4, v.length);
      for (const item of v) if (!write(item)) return false;
    } else return false;
    return true;
  };
  return write(value) ? writer.take() : undefined;
}

const ENCODER = new TextEncoder();

/** Bytes written one item after the other into a buffer that grows, without an array for each head. */
export class ItemWriter {
  private bytes: Uint8Array;
  private length = 0;

  /** `capacity`: the bytes to expect, if known. */
  constructor(capacity = 4096) {
    this.bytes = new Uint8Array(capacity);
  }

  /** The shortest head of major type `major` for `n`, as Pagefind's encoder (minicbor) writes it. */
  head(major: number, n: number): this {
    this.room(5);
    const type = major << 5;
    const b = this.bytes;
    let at = this.length;
    if (n < 24) b[at++] = type + n;
    else if (n < 0x100) {
      b[at++] = type + 24;
      b[at++] = n;
    } else if (n < 0x10000) {
      b[at++] = type + 25;
      b[at++] = n >> 8;
      b[at++] = n & 0xff;
    } else {
      b[at++] = type + 26;
      b[at++] = n >>> 24;
      b[at++] = (n >> 16) & 0xff;
      b[at++] = (n >> 8) & 0xff;
      b[at++] = n & 0xff;
    }
    this.length = at;
    return this;
  }

  /** Bytes as they are (items already encoded). */
  raw(bytes: Uint8Array): this {
    this.room(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** Bytes of `source` from `from` to `to`, as they are: a few bytes are copied one by one, without a view made of them. */
  range(source: Uint8Array, from: number, to: number): this {
    const n = to - from;
    this.room(n);
    if (n > 32) this.bytes.set(source.subarray(from, to), this.length);
    else for (let k = 0; k < n; k++) this.bytes[this.length + k] = source[from + k]!;
    this.length += n;
    return this;
  }

  /** A text string item of these UTF-8 bytes. */
  text(utf8: Uint8Array): this {
    return this.head(3, utf8.length).raw(utf8);
  }

  /** What was written, copied out; the writer starts again empty. */
  take(): Uint8Array {
    const out = this.bytes.slice(0, this.length);
    this.length = 0;
    return out;
  }

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }
}
