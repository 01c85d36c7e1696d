import { describe, expect, it } from "vitest";
import { SortedColumns, sortedEntries, uint32At, uint32String } from "../../src/files/sorted-columns.ts";

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

  it("keeps unsigned 32-bit numbers in a Latin-1 string", () => {
    const numbers = [0, 1, 255, 256, 65_535, 2 ** 31, 2 ** 32 - 1];
    const text = uint32String(numbers);
    expect(text.length).toBe(numbers.length * 4);
    expect(numbers.map((_, i) => uint32At(text, i))).toEqual(numbers);
    expect(() => uint32At(text, numbers.length)).toThrow();
  });
});
