/**
 * JSON-like values (objects, arrays, strings, numbers, booleans, null) packed into a few flat
 * columns, for state too large to read back quickly as JSON: 100,000 articles are a quarter of a
 * gigabyte of JSON, seconds to parse, and V8's own serializer is slower still on that many small
 * objects. Here each object is a shape (its keys, in order, kept once) and its values; every
 * string goes into one of a few long strings, every number into a Float64Array. Reading back
 * walks the columns once: strings are slices of the long ones, objects get their keys in the
 * order they were written (what `JSON.stringify` of them gives is unchanged). A short string met
 * again (a day, a time, a topic's slug) is written once and read back as the same string: at
 * 100,000 articles that is 590,000 strings of 1.9 million that the reader does not make.
 */
import { fstatSync, readSync } from "node:fs";

/** What `pack` accepts: what JSON does, `undefined` properties dropped as JSON drops them. */
export type Packable = null | boolean | number | string | readonly Packable[] | { readonly [key: string]: Packable | undefined };

const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const NUMBER = 3;
// Strings of characters up to U+00FF (one byte each, as V8 keeps them), and the others (two).
const NARROW = 4;
const WIDE = 5;
const ARRAY = 6;
// A short string written before: the next op is its index among the short strings, in the order
// they were first written.
const REPEAT = 7;
// Tags from here on are objects: the tag less this is the index of their shape.
const OBJECT = 8;

// Strings up to this long are written once (`REPEAT` after). Past it they are mostly unique
// (digests, URLs, paths, titles: a table of them would cost more than it spares).
const SHORT_CHARS = 20;

// The long strings are cut at this many characters, far below V8's longest string.
const CHUNK_CHARS = 1 << 24;
const MAGIC = "depeche-packed 2\n";
const WIDE_CHAR = /[^\u0000-\u00ff]/;

interface Layout {
  shapes: string[][];
  ops: number;
  numbers: number;
  strings: number;
  /** Bytes of each long string, the narrow ones (Latin-1) then the wide ones (UTF-16). */
  narrow: number[];
  wide: number[];
}

/** A value packed: its pieces of bytes, to be written one after the other, and how many bytes they make. */
export type Packed = Iterable<Piece> & { readonly byteLength: number };

/** Packs a value into pieces of bytes, to be written one after the other (`unpack` reads them back). */
export function pack(value: Packable): Packed {
  const ops: number[] = [];
  const numbers: number[] = [];
  const lengths: number[] = [];
  const narrow: string[] = [];
  const wide: string[] = [];
  const shapes: string[][] = [];
  const shapeIds = new Map<string, number>();
  const shorts = new Map<string, number>();
  const visit = (v: Packable | undefined): void => {
    if (v === null || v === undefined) ops.push(NULL);
    else if (typeof v === "string") {
      if (v.length <= SHORT_CHARS) {
        const seen = shorts.get(v);
        if (seen !== undefined) {
          ops.push(REPEAT, seen);
          return;
        }
        shorts.set(v, shorts.size);
      }
      const isWide = WIDE_CHAR.test(v);
      ops.push(isWide ? WIDE : NARROW);
      (isWide ? wide : narrow).push(v);
      lengths.push(v.length);
    } else if (typeof v === "number") {
      ops.push(NUMBER);
      numbers.push(v);
    } else if (typeof v === "boolean") ops.push(v ? TRUE : FALSE);
    else if (Array.isArray(v)) {
      ops.push(ARRAY, v.length);
      for (const item of v as readonly Packable[]) visit(item);
    } else {
      const object = v as { readonly [key: string]: Packable | undefined };
      const keys = Object.keys(object).filter((key) => object[key] !== undefined);
      const name = keys.join("\u0000");
      let id = shapeIds.get(name);
      if (id === undefined) {
        id = shapes.length;
        shapes.push(keys);
        shapeIds.set(name, id);
      }
      ops.push(OBJECT + id);
      for (const key of keys) visit(object[key]);
    }
  };
  visit(value);
  const narrowChunks = chunks(narrow);
  const wideChunks = chunks(wide);
  const layout: Layout = {
    shapes,
    ops: ops.length,
    numbers: numbers.length,
    strings: lengths.length,
    narrow: narrowChunks.map(([from, to]) => chars(narrow, from, to)),
    wide: wideChunks.map(([from, to]) => 2 * chars(wide, from, to)),
  };
  const meta = Buffer.from(JSON.stringify(layout));
  const head = Buffer.alloc(align(MAGIC.length + 4 + meta.length));
  head.write(MAGIC, 0, "latin1");
  head.writeUInt32LE(meta.length, MAGIC.length);
  meta.copy(head, MAGIC.length + 4);
  // Each column starts at a multiple of 8 bytes, so that it is read back in place.
  const numberBytes = new Uint8Array(Float64Array.from(numbers).buffer);
  const opBytes = padded(new Uint8Array(Uint32Array.from(ops).buffer));
  const lengthBytes = padded(new Uint8Array(Uint32Array.from(lengths).buffer));
  // The long strings are made one at a time, as they are written: never all of them at once.
  function* pieces(): Generator<Piece> {
    yield* [head, numberBytes, opBytes, lengthBytes];
    for (const [from, to] of narrowChunks) yield { text: narrow.slice(from, to).join(""), encoding: "latin1" };
    for (const [from, to] of wideChunks) yield { text: wide.slice(from, to).join(""), encoding: "utf16le" };
  }
  const stringBytes = [...layout.narrow, ...layout.wide].reduce((n, bytes) => n + bytes, 0);
  return Object.assign(pieces(), { byteLength: head.length + numberBytes.length + opBytes.length + lengthBytes.length + stringBytes });
}

/** Bytes, or a long string to be written in its encoding (`writeSync(fd, text, null, encoding)`: no Buffer made for it). */
export type Piece = Uint8Array | { text: string; encoding: "latin1" | "utf16le" };

/** A piece as bytes (for tests, and small values). */
export function pieceBytes(piece: Piece): Uint8Array {
  return piece instanceof Uint8Array ? piece : Buffer.from(piece.text, piece.encoding);
}

/**
 * Reads back what `pack` wrote, from `bytes` at `start`; throws on bytes it did not write
 * (truncated, corrupt, another format).
 */
export function unpack(bytes: Uint8Array, start = 0): Packable {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return unpackFrom(
    (at, length) => {
      if (at + length > buffer.length) throw new Error("packed values cut short");
      const part = buffer.subarray(at, at + length);
      // A column is read in place when it is aligned in memory, else copied.
      return part.byteOffset % 8 === 0 ? part : Buffer.from(part);
    },
    start,
    buffer.length,
  );
}

/**
 * Memory that `unpackFile` reads a file's bytes through, kept from one read to the next: the build
 * cache's sums and two values, read through one piece sized for the larger (`reserve`), allocate
 * 26 MB at 100,000 articles, where a piece for each column and each value allocated 89 MB.
 */
export class ReadMemory {
  private buffer?: Buffer;

  /** Makes the memory at least `length` bytes, at once: what later reads take then fits. */
  reserve(length: number): void {
    if ((this.buffer?.length ?? -1) < length) this.buffer = Buffer.allocUnsafeSlow(length);
  }

  /** `length` bytes of the memory, from its start (a multiple of 8): what the last `take` gave may be overwritten. */
  take(length: number): Buffer {
    this.reserve(length);
    return this.buffer!.subarray(0, length);
  }
}

/**
 * Reads back what `pack` wrote into a file, from byte `start` to byte `end` (by default the end of
 * the file), one long string at a time then the columns, through `memory`: the file's bytes are
 * never all in memory beside the values made from them.
 */
export function unpackFile(fd: number, start: number, end = fstatSync(fd).size, memory = new ReadMemory()): Packable {
  return unpackFrom((at, length, reuse) => readAt(fd, at, length, end, reuse ? memory : undefined), start, end);
}

/**
 * The memory an `unpackFile` of the value packed at `start` reads through: its longest string, or
 * its columns; never more than its bytes (a damaged head does not size the memory, and the read,
 * bounded the same way, then fails).
 */
export function unpackMemoryNeeded(fd: number, start: number, end = fstatSync(fd).size): number {
  const { layout, columnsAt, stringsAt } = readLayout((at, length) => readAt(fd, at, length, end), start);
  return Math.min(end - start, Math.max(stringsAt - columnsAt, ...layout.narrow, ...layout.wide));
}

// Bytes of the file, into `memory` when given, else into memory of their own; at offset 0 either way
// (columns are read in place). Memory of their own counts as V8's external memory, whose growth
// V8 answers with full collections in the middle of a restore: only the head is read so.
function readAt(fd: number, at: number, length: number, end: number, memory?: ReadMemory): Buffer {
  if (at + length > end) throw new Error("packed values cut short");
  const part = memory ? memory.take(length) : Buffer.allocUnsafeSlow(length);
  if (readSync(fd, part, 0, length, at) !== length) throw new Error("packed values cut short");
  return part;
}

// What a packed value's head says: its layout, where its columns start and where its strings do.
function readLayout(bytesAt: (at: number, length: number) => Buffer, start: number): { layout: Layout; columnsAt: number; stringsAt: number } {
  const fixed = bytesAt(start, MAGIC.length + 4);
  if (fixed.toString("latin1", 0, MAGIC.length) !== MAGIC) throw new Error("not packed values");
  const metaLength = fixed.readUInt32LE(MAGIC.length);
  const layout = JSON.parse(bytesAt(start + MAGIC.length + 4, metaLength).toString("utf8")) as Layout;
  const columnsAt = start + align(MAGIC.length + 4 + metaLength);
  return { layout, columnsAt, stringsAt: columnsAt + align(layout.numbers * 8) + align(layout.ops * 4) + align(layout.strings * 4) };
}

// `bytesAt(at, length, reuse)`: that many bytes from that offset, a multiple of 8 from the start of
// their memory; with `reuse`, in memory the next such call may take back (the columns, read last,
// are used until the value is made).
function unpackFrom(bytesAt: (at: number, length: number, reuse?: boolean) => Buffer, start: number, end: number): Packable {
  const { layout, columnsAt, stringsAt } = readLayout(bytesAt, start);
  // The strings first, then the columns through the same memory: the two are never held at once.
  let at = stringsAt;
  const decode = (sizes: number[], encoding: "latin1" | "utf16le"): string[] =>
    sizes.map((size) => {
      const text = bytesAt(at, size, true).toString(encoding);
      at += size;
      return text;
    });
  const pools = [new Pool(decode(layout.narrow, "latin1")), new Pool(decode(layout.wide, "utf16le"))] as const;
  if (at !== end) throw new Error("packed values: bytes left over");
  const { buffer, byteOffset } = bytesAt(columnsAt, stringsAt - columnsAt, true);
  const opsAt = byteOffset + align(layout.numbers * 8);
  const numbers = new Float64Array(buffer, byteOffset, layout.numbers);
  const ops = new Uint32Array(buffer, opsAt, layout.ops);
  const lengths = new Uint32Array(buffer, opsAt + align(layout.ops * 4), layout.strings);
  const makers = layout.shapes.map(shapeMaker);
  let op = 0;
  let number = 0;
  let string = 0;
  // The short strings read so far, in order: what `REPEAT` names.
  const shorts: string[] = [];
  const read = (): Packable => {
    const tag = ops[op++];
    switch (tag) {
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case NUMBER:
        return numbers[number++]!;
      case NARROW:
      case WIDE: {
        const length = lengths[string++]!;
        const text = pools[tag - NARROW]!.next(length);
        if (length <= SHORT_CHARS) shorts.push(text);
        return text;
      }
      case REPEAT: {
        const text = shorts[ops[op++]!];
        if (text === undefined) throw new Error("packed values: unknown string");
        return text;
      }
      case ARRAY: {
        const length = ops[op++]!;
        const array: Packable[] = new Array(length);
        for (let i = 0; i < length; i++) array[i] = read();
        return array;
      }
      case undefined:
        throw new Error("packed values cut short");
      default: {
        const make = makers[tag - OBJECT];
        if (!make) throw new Error("packed values: unknown shape");
        return make(read);
      }
    }
  };
  const value = read();
  if (op !== ops.length || number !== numbers.length || string !== lengths.length) throw new Error("packed values: columns of different lengths");
  return value;
}

/**
 * What makes an object of a shape from its values, read in the order of its keys: a literal of
 * its keys, so that V8 makes each object with its final layout at once, its properties inside it.
 * Added one by one, each key took a transition and the properties past the fourth an array beside
 * the object, grown on the way: at 100,000 articles the state's read made 10–15 MB more, and its
 * collections copied them (60–80 ms more). The keys are written as JSON strings, never as code;
 * a shape with `__proto__` (which a literal would take for the prototype) is made key by key, as
 * JSON.parse makes it: an own property.
 */
function shapeMaker(keys: readonly string[]): (read: () => Packable) => Packable {
  if (keys.includes("__proto__")) {
    return (read) => {
      const object: Record<string, Packable> = {};
      for (const key of keys) Object.defineProperty(object, key, { value: read(), enumerable: true, writable: true, configurable: true });
      return object;
    };
  }
  return new Function("read", `return { ${keys.map((key) => `${JSON.stringify(key)}: read()`).join(", ")} };`) as (read: () => Packable) => Packable;
}

// Strings laid end to end in long strings: each string a slice of one (no copy).
class Pool {
  private chunk = 0;
  private offset = 0;

  constructor(private readonly chunks: string[]) {}

  next(length: number): string {
    // A long string ends where a string does: one that does not fit in what is left starts the next.
    while (this.chunk < this.chunks.length && this.offset + length > this.chunks[this.chunk]!.length) {
      this.chunk++;
      this.offset = 0;
    }
    const text = this.chunks[this.chunk];
    if (text === undefined) throw new Error("packed strings cut short");
    const s = this.offset === 0 && length === text.length ? text : text.slice(this.offset, this.offset + length);
    this.offset += length;
    return s;
  }
}

// Where the long strings are cut: [from, to) index ranges of the strings.
function chunks(strings: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (let start = 0; start < strings.length; ) {
    let end = start;
    for (let count = 0; end < strings.length && (end === start || count + strings[end]!.length <= CHUNK_CHARS); end++) count += strings[end]!.length;
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}

function chars(strings: readonly string[], from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) count += strings[i]!.length;
  return count;
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}

function padded(bytes: Uint8Array): Uint8Array {
  if (bytes.length % 8 === 0) return bytes;
  const out = new Uint8Array(align(bytes.length));
  out.set(bytes);
  return out;
}
