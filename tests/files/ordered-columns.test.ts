import { describe, expect, it } from "vitest";
import { OrderedColumns, uint32Array, uint32String } from "../../src/files/ordered-columns.ts";

const read = (map: ReadonlyMap<string, string>): OrderedColumns => OrderedColumns.read(OrderedColumns.save(map));

describe("ordered columns", () => {
  it("reads back a map in its own order, and finds each key", () => {
    const map = new Map([
      ["/b/", "2"],
      ["/a/", "1"],
      ["/é/", "3"],
      ["/a/b/", "4"],
      ["/", ""],
    ]);
    const columns = read(map);
    expect([...columns]).toEqual([...map]);
    expect([...columns.keys()]).toEqual([...map.keys()]);
    expect([...columns.values()]).toEqual([...map.values()]);
    expect(columns.size).toBe(5);
    for (const [key, value] of map) expect([columns.get(key), columns.has(key)]).toEqual([value, true]);
    expect([columns.get("/a"), columns.has("/c/"), columns.get("/a/b")]).toEqual([undefined, false, undefined]);
    expect(read(new Map()).size).toBe(0);
    expect(read(new Map()).get("/")).toBeUndefined();
  });

  it("finds every key among many that share their first characters, wide ones, and prefixes of one another", () => {
    const alphabet = ["a", "b", "/", "\u007f", "é", "\u{1F600}", "\u0000", "z"];
    let seed = 11;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const map = new Map<string, string>();
    while (map.size < 3000) {
      let key = "/2014/";
      for (let i = random(6); i >= 0; i--) key += alphabet[random(alphabet.length)];
      map.set(key, String(map.size));
    }
    const columns = read(map);
    for (const [key, value] of map) expect(columns.get(key)).toBe(value);
    // Keys just beside each one, held or not: a search that skips what the keys around share must still tell them.
    for (const key of map.keys()) for (const near of [`${key}\u0000`, `${key}a`, key.slice(0, -1)]) expect(columns.get(near)).toBe(map.get(near));
    for (const key of ["/2014", "/2014/", "/2015/a", "/2014/a\u0001"]) expect(columns.get(key)).toBe(map.get(key));
    expect([...columns]).toEqual([...map]);
  });

  it("makes another map with entries set: a key held keeps its place, a new one goes after, the first unchanged", () => {
    const first = read(
      new Map([
        ["/a/", "1"],
        ["/b/", "2"],
      ]),
    );
    const second = first.with([
      ["/c/", "3"],
      ["/a/", "9"],
      ["/0/", "0"],
    ]);
    const third = second.with([
      ["/c/", "4"],
      ["/d/", "5"],
    ]);
    expect([...first]).toEqual([
      ["/a/", "1"],
      ["/b/", "2"],
    ]);
    expect([...second]).toEqual([
      ["/a/", "9"],
      ["/b/", "2"],
      ["/c/", "3"],
      ["/0/", "0"],
    ]);
    expect([...third]).toEqual([
      ["/a/", "9"],
      ["/b/", "2"],
      ["/c/", "4"],
      ["/0/", "0"],
      ["/d/", "5"],
    ]);
    expect([third.size, third.get("/c/"), third.has("/0/"), first.has("/0/")]).toEqual([5, "4", true, false]);
  });

  it("says what a map made by `with` changed since the one it was made from, and nothing of another", () => {
    const read = OrderedColumns.read(
      OrderedColumns.save(
        new Map([
          ["/a/", "1"],
          ["/b/", "2"],
          ["/c/", "3"],
        ]),
      ),
    );
    const base = read.with([["/n/", "7"]]);
    const next = base.with([
      ["/b/", "2"], // the same digest: not a change
      ["/c/", "8"],
      ["/n/", "6"],
      ["/o/", "5"],
      ["/c/", "9"], // set twice: its last value
    ]);
    expect(next.changesSince(base)).toEqual({
      changed: [
        ["/c/", "/n/"],
        ["9", "6"],
      ],
      added: [["/o/"], ["5"]],
      removed: [],
    });
    expect(base.changesSince(read)).toEqual({ changed: [[], []], added: [["/n/"], ["7"]], removed: [] });
    // Made from another map, from a copy of base, or from its sibling: the caller compares them whole.
    expect(next.changesSince(read)).toBeUndefined();
    expect(next.changesSince(new Map(base))).toBeUndefined();
    expect(read.with([["/a/", "9"]]).changesSince(read.with([]))).toBeUndefined();
    expect(read.changesSince(read)).toBeUndefined();
  });

  it("removes keys as a Map deletes them, and says so: through random sequences of removals and entries set, each map the Map, its changes the way to it", () => {
    let seed = 5;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const key = (): string => `/${random(40)}/`;
    for (let run = 0; run < 40; run++) {
      const start = new Map(Array.from({ length: random(30) }, () => [key(), String(random(9))] as [string, string]));
      let columns = OrderedColumns.read(OrderedColumns.save(start));
      const model = new Map(start);
      for (let step = 0; step < 8; step++) {
        const removed = [...new Set(Array.from({ length: random(4) }, key))];
        const entries = Array.from({ length: random(5) }, () => [key(), String(random(9))] as [string, string]);
        const next = columns.with(entries, removed);
        // What a Map does: the keys removed go, then each entry is set (a new key, or one removed, goes last).
        const before = new Map(model);
        for (const k of removed) model.delete(k);
        for (const [k, v] of entries) model.set(k, v);
        expect([...next]).toEqual([...model]);
        expect(next.size).toBe(model.size);
        for (let k = 0; k < 40; k++) expect([next.get(`/${k}/`), next.has(`/${k}/`)]).toEqual([model.get(`/${k}/`), model.has(`/${k}/`)]);
        // Its changes, applied to the map before (the removed first, then the changed and the added), make it.
        const changes = next.changesSince(columns)!;
        const replayed = new Map(before);
        for (const k of changes.removed) {
          expect(replayed.delete(k)).toBe(true);
        }
        for (const [k, v] of changes.changed[0].map((k, i) => [k, changes.changed[1][i]!] as const)) {
          expect(replayed.has(k)).toBe(true);
          replayed.set(k, v);
        }
        for (const [k, v] of changes.added[0].map((k, i) => [k, changes.added[1][i]!] as const)) {
          expect(replayed.has(k)).toBe(false);
          replayed.set(k, v);
        }
        expect([...replayed]).toEqual([...model]);
        columns = next;
      }
      // Saved and read back, in its order.
      expect([...OrderedColumns.read(OrderedColumns.save(columns))]).toEqual([...model]);
    }
  });

  it("refuses columns that do not make a map", () => {
    const saved = OrderedColumns.save(
      new Map([
        ["/a/", "1"],
        ["/b/", "2"],
        ["/c/", "3"],
      ]),
    );
    expect(() => OrderedColumns.read({ ...saved, keys: saved.keys.slice(1) })).toThrow(/keys cut short/);
    expect(() => OrderedColumns.read({ ...saved, values: `${saved.values}x` })).toThrow(/values cut short/);
    // Ends that go back would cut a value from its neighbour's characters: refused.
    expect(() => OrderedColumns.read({ ...saved, valueEnds: uint32String([2, 1, 3]) })).toThrow(/values: ends out of order/);
    expect(() => OrderedColumns.read({ ...saved, keyEnds: uint32String([6, 3, 9]) })).toThrow(/keys: ends out of order/);
    expect(() => OrderedColumns.read({ ...saved, sorted: saved.sorted.slice(4) })).toThrow(/different lengths/);
    expect(() => OrderedColumns.read({ ...saved, sorted: uint32String([0, 0, 2]) })).toThrow(/given twice/);
    expect(() => OrderedColumns.read({ ...saved, sorted: uint32String([2, 1, 2]) })).toThrow(/given twice/);
    expect(() => OrderedColumns.read({ ...saved, sorted: uint32String([0, 1, 3]) })).toThrow(/out of range/);
    // The keys' order is the one `save` wrote, which the cache's checksum vouches for (build-cache.ts).
    expect([...OrderedColumns.read(saved).keys()]).toEqual(["/a/", "/b/", "/c/"]);
    expect(uint32Array(saved.sorted)).toEqual(new Uint32Array([0, 1, 2]));
  });

  it("keeps unsigned 32-bit numbers in a Latin-1 string", () => {
    const numbers = [0, 1, 255, 256, 65_535, 2 ** 31, 2 ** 32 - 1];
    const text = uint32String(numbers);
    expect(text.length).toBe(numbers.length * 4);
    expect([...uint32Array(text)]).toEqual(numbers);
    expect(() => uint32Array(text.slice(1))).toThrow(/cut short/);
  });
});
