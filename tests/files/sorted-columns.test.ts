import { describe, expect, it } from "vitest";
import { prefixNumber, SortedColumns, sortedEntries, uint32At, uint32String } from "../../src/files/sorted-columns.ts";

describe("sorted columns", () => {
  const read = (map: Map<string, number[]>) => {
    const sorted = sortedEntries(map);
    let made = 0;
    const columns = new SortedColumns(
      sorted.map(([key]) => key),
      (i) => {
        made++;
        return [...sorted[i]![1]];
      },
    );
    return { columns, made: () => made };
  };

  it("finds each key, makes its value once and only when asked for", () => {
    const map = new Map([
      ["/b/", [1, 2]],
      ["/a/", [0]],
      ["/é/", []],
      ["/c/", [3]],
    ]);
    const { columns, made } = read(map);
    expect(made()).toBe(0);
    expect(columns.get("/a/")).toEqual([0]);
    expect(columns.get("/a/")).toBe(columns.get("/a/"));
    expect(made()).toBe(1);
    expect(columns.get("/é/")).toEqual([]);
    expect(columns.get("/d/")).toBeUndefined();
    expect([columns.has("/c/"), columns.has("/"), columns.size]).toEqual([true, false, 4]);
  });

  it("takes keys set since, and iterates in the order of the keys as a map written again", () => {
    const { columns } = read(
      new Map([
        ["/b/", [1]],
        ["/d/", [2]],
      ]),
    );
    columns.set("/d/", [2, 5]).set("/a/", [9]).set("/c/", [7]).set("/e/", [8]);
    expect(columns.size).toBe(5);
    expect(columns.get("/d/")).toEqual([2, 5]);
    expect([...columns]).toEqual([
      ["/a/", [9]],
      ["/b/", [1]],
      ["/c/", [7]],
      ["/d/", [2, 5]],
      ["/e/", [8]],
    ]);
    expect([...columns.keys()]).toEqual(["/a/", "/b/", "/c/", "/d/", "/e/"]);
    expect(new Map(columns).get("/b/")).toBe(columns.get("/b/"));
  });

  it("finds every key among many that share their first characters, wide ones, and prefixes of one another", () => {
    // Keys that share the prefix the search compares (and the characters past 126 that end it):
    // only comparing the keys themselves tells them apart.
    const alphabet = ["a", "b", "\u007f", "\u0080", "é", "\u{1F600}", "\u0000", "z"];
    let seed = 7;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return (seed >>> 16) % n;
    };
    const keys = new Set<string>(["", "a", "aaaaaaa", "aaaaaaaa", "aaaaaaab", "a\u0080", "a\u0080a", "a\u00ff"]);
    while (keys.size < 3_000) keys.add(Array.from({ length: random(10) }, () => alphabet[random(alphabet.length)]).join(""));
    const map = new Map([...keys].map((key, i) => [key, [i]]));
    const { columns } = read(map);
    for (const [key, value] of map) expect(columns.get(key), JSON.stringify(key)).toEqual(value);
    for (const missing of ["aaaaaa", "aaaaaaac", "a\u0080b", "\u0081", "zzzzzzzzzzz"]) {
      if (!keys.has(missing)) expect(columns.get(missing)).toBeUndefined();
    }
    // What the search relies on: the number never decreases along the keys' order.
    const sorted = sortedEntries(map).map(([key]) => prefixNumber(key));
    expect(sorted.every((n, i) => i === 0 || sorted[i - 1]! <= n)).toBe(true);
  });

  it("keeps unsigned 32-bit numbers in a Latin-1 string", () => {
    const numbers = [0, 1, 255, 256, 65_535, 2 ** 31, 2 ** 32 - 1];
    const text = uint32String(numbers);
    expect(text.length).toBe(numbers.length * 4);
    expect(numbers.map((_, i) => uint32At(text, i))).toEqual(numbers);
    expect(() => uint32At(text, numbers.length)).toThrow();
  });
});
