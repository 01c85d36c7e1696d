/**
 * A map of strings in an order of its own, as the build cache reads it back without making it
 * (`src/publish/build-cache.ts`): the site's pages with their digests, in the order the build
 * planned them, and the articles' standfirsts by their files' digests. The keys end to end in one
 * long string, the values in another, and the keys' indexes in the order of the keys, for a binary
 * search that compares characters in place. At 100,000 articles the cache holds 124,000 pages and
 * 100,000 standfirsts, of which an edit reads a few dozen: read whole, the pages were 248,000
 * strings and a Map to fill, a Map to copy for the next state and a walk of both to find what
 * changed, all of it for the garbage collector to copy.
 */

/** The columns as the cache packs them: each a string, so that the packer writes five values, not 248,000. */
export interface SavedColumns {
  keys: string;
  values: string;
  /** Where each key and each value ends (`uint32String`), in the map's order. */
  keyEnds: string;
  valueEnds: string;
  /** The indexes of the keys in the order of the keys (UTF-16 code units, as `<` compares them). */
  sorted: string;
}

/**
 * What changed from one map to the next: the keys whose value changed, the keys added after the
 * others (in order), each with its value, and the keys removed.
 */
export interface MapChanges {
  changed: [string[], string[]];
  added: [string[], string[]];
  removed: string[];
}

// The columns as a map reads them: the long strings, and the numbers as arrays.
interface Columns {
  keys: string;
  values: string;
  keyEnds: Uint32Array;
  valueEnds: Uint32Array;
  sorted: Uint32Array;
}

/** A map of strings in its own order, read from its columns; changed only by making another (`with`). */
export class OrderedColumns implements ReadonlyMap<string, string> {
  private constructor(
    private readonly columns: Columns,
    // Values set since the columns were written, by key, for keys the columns hold.
    private readonly changed: ReadonlyMap<string, string>,
    // Entries set since for keys the columns lack (or removed from them, then set again): after
    // the others, in the order they were set.
    private readonly added: ReadonlyMap<string, string>,
    // Keys of the columns removed since.
    private readonly gone: ReadonlySet<string>,
    // The map this one was made from by `with`, the entries `with` set and the keys it removed (`changesSince`).
    private readonly made?: { from: OrderedColumns; set: ReadonlyMap<string, string>; removed: readonly string[] },
  ) {}

  /** The columns of a map (written by the cache), in its order. */
  static save(map: ReadonlyMap<string, string>): SavedColumns {
    const keys: string[] = [];
    const values: string[] = [];
    for (const [key, value] of map) {
      keys.push(key);
      values.push(value);
    }
    const sorted = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
    return {
      keys: keys.join(""),
      values: values.join(""),
      keyEnds: uint32String(ends(keys)),
      valueEnds: uint32String(ends(values)),
      sorted: uint32String(sorted),
    };
  }

  /**
   * The map the columns hold; throws when they do not make one (cut short, ends that go back, an
   * index out of range or given twice). The keys' order is `save`'s, which sorts them, and the
   * cache's checksum vouches that what is read is what `save` wrote (`src/publish/build-cache.ts`):
   * comparing every key with the next again took 30–50 ms of each incremental build at 100,000
   * articles.
   */
  static read(saved: SavedColumns): OrderedColumns {
    const columns: Columns = {
      keys: saved.keys,
      values: saved.values,
      keyEnds: uint32Array(saved.keyEnds),
      valueEnds: uint32Array(saved.valueEnds),
      sorted: uint32Array(saved.sorted),
    };
    const count = columns.keyEnds.length;
    if (columns.valueEnds.length !== count || columns.sorted.length !== count) throw new Error("columns of different lengths");
    checkEnds(columns.keyEnds, saved.keys.length, "keys");
    checkEnds(columns.valueEnds, saved.values.length, "values");
    const seen = new Uint8Array(count);
    for (const index of columns.sorted) {
      if (index >= count) throw new Error("keys: index out of range");
      if (seen[index] === 1) throw new Error("keys: index given twice");
      seen[index] = 1;
    }
    return new OrderedColumns(columns, new Map(), new Map(), new Set());
  }

  get size(): number {
    return this.columns.keyEnds.length - this.gone.size + this.added.size;
  }

  get(key: string): string | undefined {
    const value = this.changed.get(key) ?? this.added.get(key);
    if (value !== undefined || this.gone.has(key)) return value;
    const index = this.indexOf(key);
    return index < 0 ? undefined : this.valueAt(index);
  }

  has(key: string): boolean {
    return this.added.has(key) || (!this.gone.has(key) && this.indexOf(key) >= 0);
  }

  /**
   * This map without the keys `removed`, then with these entries set: a key it holds keeps its
   * place, a new one (or one removed, set again) goes after the others, in the order given. The
   * columns are shared, not copied.
   */
  with(entries: Iterable<readonly [string, string]>, removed: readonly string[] = []): OrderedColumns {
    const set = new Map(entries);
    const changed = new Map(this.changed);
    const added = new Map(this.added);
    let gone = this.gone;
    if (removed.length > 0) {
      const more = new Set(gone);
      for (const key of removed) {
        if (added.delete(key) || more.has(key) || this.indexOf(key) < 0) continue;
        more.add(key);
        changed.delete(key);
      }
      gone = more;
    }
    for (const [key, value] of set) {
      if (added.has(key) || gone.has(key) || this.indexOf(key) < 0) added.set(key, value);
      else changed.set(key, value);
    }
    return new OrderedColumns(this.columns, changed, added, gone, { from: this, set, removed });
  }

  /**
   * What this map changed since `base`, when it was made from it by `with`: the keys base holds
   * whose value changed, with their values, the keys added after base's, in order, and the keys
   * base held that went. A key removed and set again is removed, then added. Undefined for a map
   * made otherwise (the caller compares the two whole).
   */
  changesSince(base: ReadonlyMap<string, string>): MapChanges | undefined {
    if (this.made?.from !== base) return undefined;
    const removed = this.made.removed.filter((key) => base.has(key));
    const changes: MapChanges = { changed: [[], []], added: [[], []], removed };
    const again = new Set(removed);
    for (const [key, value] of this.made.set) {
      const before = again.has(key) ? undefined : base.get(key);
      if (before === value) continue;
      const [keys, values] = before === undefined ? changes.added : changes.changed;
      keys.push(key);
      values.push(value);
    }
    return changes;
  }

  *entries(): MapIterator<[string, string]> {
    const { keys, keyEnds } = this.columns;
    const { gone } = this;
    for (let i = 0, start = 0; i < keyEnds.length; i++) {
      const key = keys.slice(start, keyEnds[i]);
      start = keyEnds[i]!;
      if (gone.size === 0 || !gone.has(key)) yield [key, this.changed.get(key) ?? this.valueAt(i)];
    }
    yield* this.added;
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }

  private valueAt(index: number): string {
    const { values, valueEnds } = this.columns;
    return values.slice(startOf(valueEnds, index), valueEnds[index]);
  }

  // The key's index in the map's order, or -1: a binary search of the keys' indexes in key order.
  private indexOf(key: string): number {
    const { sorted, keys, keyEnds } = this.columns;
    let low = 0;
    let high = sorted.length - 1;
    // The characters `key` shares with the last key found below it and the last found above it:
    // every key between the two shares the fewer of them, so the comparison starts past those
    // (sorted URLs share long beginnings, `/2021/03/09/le-…`: docs/performance.md).
    let belowShared = 0;
    let aboveShared = 0;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const index = sorted[middle]!;
      const start = startOf(keyEnds, index);
      const length = keyEnds[index]! - start;
      const same = sharedFrom(keys, start, length, key, 0, key.length, Math.min(belowShared, aboveShared));
      const order = orderAfter(keys, start, length, key, 0, key.length, same);
      if (order === 0) return index;
      if (order < 0) {
        low = middle + 1;
        belowShared = same;
      } else {
        high = middle - 1;
        aboveShared = same;
      }
    }
    return -1;
  }
}

// Where the `index`th of strings laid end to end starts.
function startOf(ends: Uint32Array, index: number): number {
  return index === 0 ? 0 : ends[index - 1]!;
}

// How many characters two strings' ranges share from their starts, the first `from` known shared.
function sharedFrom(a: string, aStart: number, aLength: number, b: string, bStart: number, bLength: number, from: number): number {
  const common = Math.min(aLength, bLength);
  let same = from;
  while (same < common && a.charCodeAt(aStart + same) === b.charCodeAt(bStart + same)) same++;
  return same;
}

// Two ranges' order as `<` gives it (UTF-16 code units), their first `same` characters shared.
function orderAfter(a: string, aStart: number, aLength: number, b: string, bStart: number, bLength: number, same: number): number {
  return same < Math.min(aLength, bLength) ? a.charCodeAt(aStart + same) - b.charCodeAt(bStart + same) : aLength - bLength;
}

// A column of where strings laid end to end stop: never going back, the last at `length`.
function checkEnds(column: Uint32Array, length: number, what: string): void {
  let end = 0;
  for (const next of column) {
    if (next < end) throw new Error(`${what}: ends out of order`);
    end = next;
  }
  if (end !== length) throw new Error(`${what} cut short`);
}

// Where each string ends when they are laid end to end.
function ends(strings: readonly string[]): number[] {
  let end = 0;
  return strings.map((s) => (end += s.length));
}

/** Unsigned 32-bit numbers as a Latin-1 string, four characters each (little-endian): one string to pack, not a value each. */
export function uint32String(numbers: ArrayLike<number>): string {
  const bytes = Buffer.allocUnsafe(numbers.length * 4);
  for (let i = 0; i < numbers.length; i++) bytes.writeUInt32LE(numbers[i]!, i * 4);
  return bytes.toString("latin1");
}

/** The numbers of a `uint32String`, for lookups that read them directly. */
export function uint32Array(text: string): Uint32Array {
  if (text.length % 4 !== 0) throw new Error("packed numbers cut short");
  const bytes = Buffer.from(text, "latin1");
  const numbers = new Uint32Array(text.length / 4);
  for (let i = 0; i < numbers.length; i++) numbers[i] = bytes.readUInt32LE(i * 4);
  return numbers;
}
