/**
 * A map of strings in an order of its own (the site's pages in the order the build planned them,
 * with their digests), as the build cache reads it back without making it
 * (`src/publish/build-cache.ts`): the keys end to end in one long string, the values in another,
 * and the keys' ranks in the order of the keys, for a binary search that compares characters in
 * place. At 100,000 articles the cache holds 124,000 pages, of which an edit plans a dozen: read
 * whole, they were 248,000 strings and a Map to fill, a Map to copy for the next state, and a walk
 * of both to find what changed, all of it for the garbage collector to copy.
 */

/** The columns as the cache packs them: each a string, so that the packer writes four values, not 248,000. */
export interface SavedColumns {
  keys: string;
  values: string;
  /** Where each key and each value ends (`uint32String`), in the map's order. */
  keyEnds: string;
  valueEnds: string;
  /** The indexes of the keys in the order of the keys (UTF-16 code units, as `<` compares them). */
  sorted: string;
}

/** What changed from one map to the next: the keys whose value changed, and the keys added after the others (in order), each with its value. */
export interface MapChanges {
  changed: [string[], string[]];
  added: [string[], string[]];
}

/** A map of strings in its own order, read from its columns; changed only by making another (`with`). */
export class OrderedColumns implements ReadonlyMap<string, string> {
  private constructor(
    private readonly saved: SavedColumns,
    private readonly count: number,
    // Values set since the columns were written, by key, for keys the columns hold.
    private readonly changed: ReadonlyMap<string, string>,
    // Entries set since for keys the columns lack: after the others, in the order they were set.
    private readonly added: ReadonlyMap<string, string>,
    // The map this one was made from by `with`, and the entries `with` set (`changesSince`).
    private readonly made?: { from: OrderedColumns; set: ReadonlyMap<string, string> },
  ) {}

  /** The columns of a map (written by the cache), in its order. */
  static columns(map: ReadonlyMap<string, string>): SavedColumns {
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
   * The map the columns hold; throws when they do not make one (cut short, ends that go back, keys
   * out of order): a damaged file is refused here, never misread later.
   */
  static read(saved: SavedColumns): OrderedColumns {
    const count = saved.keyEnds.length / 4;
    if (!Number.isInteger(count) || saved.valueEnds.length !== count * 4 || saved.sorted.length !== count * 4) throw new Error("columns of different lengths");
    checkEnds(saved.keyEnds, saved.keys.length, "keys");
    checkEnds(saved.valueEnds, saved.values.length, "values");
    const map = new OrderedColumns(saved, count, new Map(), new Map());
    for (let i = 1; i < count; i++) if (map.compareKeys(uint32At(saved.sorted, i - 1), uint32At(saved.sorted, i)) >= 0) throw new Error("keys out of order");
    return map;
  }

  get size(): number {
    return this.count + this.added.size;
  }

  get(key: string): string | undefined {
    const value = this.changed.get(key) ?? this.added.get(key);
    if (value !== undefined) return value;
    const index = this.indexOf(key);
    return index < 0 ? undefined : this.valueAt(index);
  }

  has(key: string): boolean {
    return this.added.has(key) || this.indexOf(key) >= 0;
  }

  /**
   * This map with these entries set: a key it holds keeps its place, a new one goes after the
   * others, in the order given. The columns are shared, not copied.
   */
  with(entries: Iterable<readonly [string, string]>): OrderedColumns {
    const set = new Map(entries);
    const changed = new Map(this.changed);
    const added = new Map(this.added);
    for (const [key, value] of set) {
      if (added.has(key) || this.indexOf(key) < 0) added.set(key, value);
      else changed.set(key, value);
    }
    return new OrderedColumns(this.saved, this.count, changed, added, { from: this, set });
  }

  /**
   * What this map changed since `base`, when it was made from it by `with`: the keys base holds
   * whose value changed, with their values, and the keys added after base's, in order. Undefined
   * for a map made otherwise (the caller compares the two whole).
   */
  changesSince(base: ReadonlyMap<string, string>): MapChanges | undefined {
    if (this.made?.from !== base) return undefined;
    const changes: MapChanges = { changed: [[], []], added: [[], []] };
    for (const [key, value] of this.made.set) {
      const before = base.get(key);
      if (before === value) continue;
      const [keys, values] = before === undefined ? changes.added : changes.changed;
      keys.push(key);
      values.push(value);
    }
    return changes;
  }

  *entries(): MapIterator<[string, string]> {
    const { keyEnds } = this.saved;
    for (let i = 0, start = 0; i < this.count; i++) {
      const end = uint32At(keyEnds, i);
      const key = this.saved.keys.slice(start, end);
      start = end;
      yield [key, this.changed.get(key) ?? this.valueAt(i)];
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
    return this.saved.values.slice(index === 0 ? 0 : uint32At(this.saved.valueEnds, index - 1), uint32At(this.saved.valueEnds, index));
  }

  // The key's index in the map's order, or -1: a binary search of the sorted ranks.
  private indexOf(key: string): number {
    const { sorted } = this.saved;
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const index = uint32At(sorted, middle);
      const order = this.compareKey(index, key);
      if (order === 0) return index;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  // The key at `index` against `key`, without slicing it out.
  private compareKey(index: number, key: string): number {
    const [start, end] = this.keyRange(index);
    return compareRanges(this.saved.keys, start, end, key, 0, key.length);
  }

  private compareKeys(a: number, b: number): number {
    const [aStart, aEnd] = this.keyRange(a);
    const [bStart, bEnd] = this.keyRange(b);
    return compareRanges(this.saved.keys, aStart, aEnd, this.saved.keys, bStart, bEnd);
  }

  private keyRange(index: number): [number, number] {
    return [index === 0 ? 0 : uint32At(this.saved.keyEnds, index - 1), uint32At(this.saved.keyEnds, index)];
  }
}

// Two strings' ranges in the order `<` gives (UTF-16 code units), character by character.
function compareRanges(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): number {
  const common = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < common; i++) {
    const difference = a.charCodeAt(aStart + i) - b.charCodeAt(bStart + i);
    if (difference !== 0) return difference;
  }
  return aEnd - aStart - (bEnd - bStart);
}

// A column of where strings laid end to end stop (`uint32String`): never going back, the last at `length`.
function checkEnds(column: string, length: number, what: string): void {
  let end = 0;
  for (let i = 0; i < column.length / 4; i++) {
    const next = uint32At(column, i);
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

/** The `index`th number of a `uint32String`. */
export function uint32At(text: string, index: number): number {
  const at = index * 4;
  if (at + 4 > text.length) throw new Error("packed numbers cut short");
  return (text.charCodeAt(at) | (text.charCodeAt(at + 1) << 8) | (text.charCodeAt(at + 2) << 16) | (text.charCodeAt(at + 3) << 24)) >>> 0;
}
