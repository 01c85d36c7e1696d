/**
 * Maps that the build cache reads back without making them (`src/publish/build-cache.ts`): the
 * keys sorted in one column, the values packed in one or two long strings, each value made when
 * first asked for and found by binary search. At 100,000 articles the cache holds the standfirsts
 * of 100,000 articles, of which an edit reads a few dozen: made whole, they were a Map of 100,000
 * keys to fill, all of it for the garbage collector to copy.
 */

/** A map of string keys as the cache keeps it: its keys sorted, its values read from the packed columns on demand. */
export class SortedColumns<V> implements ReadonlyMap<string, V> {
  // The values asked for so far, by the index of their key: the same value every time it is asked for.
  private readonly made = new Map<number, V>();
  // Keys set since it was read (a journal's records): they take precedence over the columns.
  private readonly changed = new Map<string, V>();
  private added = 0;
  // Each key's `prefixNumber`, in the keys' order, made at the first search: the binary search
  // compares numbers, and strings only between keys of the same number. Comparing V8's strings
  // with `<` cost 3–4 µs a lookup over 100,000 digests, and a push at 100,000 articles looks up
  // some 80,000 standfirsts (its list pages' items).
  private prefixes?: Float64Array;

  constructor(
    private readonly keyColumn: readonly string[],
    private readonly valueAt: (index: number) => V,
  ) {}

  get size(): number {
    return this.keyColumn.length + this.added;
  }

  get(key: string): V | undefined {
    if (this.changed.has(key)) return this.changed.get(key);
    const index = this.indexOf(key);
    return index < 0 ? undefined : this.at(index);
  }

  has(key: string): boolean {
    return this.changed.has(key) || this.indexOf(key) >= 0;
  }

  set(key: string, value: V): this {
    if (!this.changed.has(key) && this.indexOf(key) < 0) this.added++;
    this.changed.set(key, value);
    return this;
  }

  /** In the order of the keys, those set since among them: as the map would be written again. */
  *entries(): MapIterator<[string, V]> {
    const fresh = [...this.changed.keys()].filter((key) => this.indexOf(key) < 0).sort();
    let next = 0;
    for (let i = 0; i < this.keyColumn.length; i++) {
      const key = this.keyColumn[i]!;
      for (; next < fresh.length && fresh[next]! < key; next++) yield [fresh[next]!, this.changed.get(fresh[next]!)!];
      yield [key, this.changed.has(key) ? this.changed.get(key)! : this.at(i)];
    }
    for (; next < fresh.length; next++) yield [fresh[next]!, this.changed.get(fresh[next]!)!];
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }

  private at(index: number): V {
    let value = this.made.get(index);
    if (value === undefined) this.made.set(index, (value = this.valueAt(index)));
    return value;
  }

  private indexOf(key: string): number {
    const prefixes = (this.prefixes ??= Float64Array.from(this.keyColumn, prefixNumber));
    const prefix = prefixNumber(key);
    // Keys in the order of their number, then of themselves: the order of the keys.
    let low = 0;
    let high = prefixes.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = prefixes[middle]!;
      if (at === prefix) {
        const other = this.keyColumn[middle]!;
        if (other === key) return middle;
        if (other < key) low = middle + 1;
        else high = middle - 1;
      } else if (at < prefix) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}

// Characters of a prefix, 7 bits each: 49 bits, exact in a double.
const PREFIX_CHARS = 7;

/**
 * A number that never decreases as strings go up in the order `<` gives (UTF-16 code units): the
 * first `PREFIX_CHARS` code units, 7 bits each, up to the first one past 126, which counts as 127
 * and ends it; a missing one counts as 0. Two keys of one number are told apart by comparing
 * them; a digest's first seven characters tell it from the others.
 * @example prefixNumber("a") < prefixNumber("ab") // true
 */
export function prefixNumber(key: string): number {
  let number = 0;
  let ended = false;
  for (let i = 0; i < PREFIX_CHARS; i++) {
    const code = ended ? 0 : Math.min(key.charCodeAt(i) || 0, 127);
    if (code === 127) ended = true;
    number = number * 128 + code;
  }
  return number;
}

/** A map's entries sorted by key (UTF-16 code units, as `<` compares them): the key column `SortedColumns` searches. */
export function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
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
