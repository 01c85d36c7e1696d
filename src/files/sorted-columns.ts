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
    const keys = this.keyColumn;
    let low = 0;
    let high = keys.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = keys[middle]!;
      if (at === key) return middle;
      if (at < key) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
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
