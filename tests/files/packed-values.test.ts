import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pack, pieceBytes, ReadMemory, unpack, unpackFile, unpackMemoryNeeded, type Packable } from "../../src/files/packed-values.ts";

const bytesOf = (value: Packable): Buffer => Buffer.concat([...pack(value)].map(pieceBytes));

describe("packed values", () => {
  it("read back as JSON would, keys in their order, strings of every width", () => {
    const value = {
      z: 1,
      a: [null, true, false, -0.5, 1796090567955.0317, "", "é « »", "L’Arabie\u{1F600}", "\ud800"],
      nested: { b: { c: [[], {}, { d: "x" }] }, skipped: undefined },
      many: Array.from({ length: 300 }, (_, i) => ({ path: `articles/${i}.md`, n: i, wide: i % 2 === 0 ? "’" : "'" })),
    };
    const back = unpack(bytesOf(value));
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
    expect(Object.keys((back as { nested: object }).nested)).toEqual(["b"]);
  });

  it("reads back objects whatever their keys say, `__proto__` as an own key", () => {
    const keys = ['a"b', "back\\slash", "line\nbreak", "\u2028", "}; throw new Error(); ({", "constructor", "10", "2", "", "é’"];
    const value = [Object.fromEntries(keys.map((key, i) => [key, i])), JSON.parse('{"__proto__": {"x": 1}, "y": 2}'), { ...JSON.parse('{"__proto__": null}') }];
    const back = unpack(bytesOf(value)) as Record<string, unknown>[];
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
    expect(Object.keys(back[0]!)).toEqual(Object.keys(value[0]!));
    expect(Object.getPrototypeOf(back[1])).toBe(Object.prototype);
    expect(Object.hasOwn(back[1]!, "__proto__")).toBe(true);
  });

  it("keeps strings whole across the long strings they are laid in", () => {
    const big = "x".repeat((1 << 24) - 3);
    const value = [big, "abcdef", "’".repeat(10), big.slice(1)];
    expect(unpack(bytesOf(value))).toEqual(value);
  });

  it("reads back from a file, after bytes of its own", () => {
    const dir = mkdtempSync(join(tmpdir(), "packed-"));
    try {
      const value = { a: ["é", "’", 3], b: { c: null } };
      const file = join(dir, "state");
      writeFileSync(file, Buffer.concat([Buffer.from("header\n"), ...[...pack(value)].map(pieceBytes)]));
      const fd = openSync(file, "r");
      try {
        expect(unpackFile(fd, 7)).toEqual(value);
        expect(() => unpackFile(fd, 6)).toThrow();
      } finally {
        closeSync(fd);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes a short string met again once, and reads it back as the same string", () => {
    const value = Array.from({ length: 200 }, (_, i) => ({ day: `2014-01-${String(1 + (i % 3)).padStart(2, "0")}`, topics: ["france", "économie"], n: i }));
    const bytes = bytesOf(value);
    const back = unpack(bytes) as typeof value;
    expect(back).toEqual(value);
    // One string made for every repeat: the same one.
    expect(new Set(back.flatMap((v) => [v.day, ...v.topics])).size).toBe(5);
    // Written once each: the long strings hold nothing more.
    expect(bytes.includes(Buffer.from("francefrance"))).toBe(false);
    // A longer one is written each time.
    const long = "x".repeat(21);
    expect(bytesOf([long, long]).includes(Buffer.from(long + long))).toBe(true);
  });

  it("tells how many bytes a value packs into, and reads values packed one after the other back by their bounds", () => {
    const dir = mkdtempSync(join(tmpdir(), "packed-"));
    try {
      const first = { a: ["é", "’", 3, "x".repeat(40)], b: { c: null } };
      const second = ["un", "deux", { trois: 3 }];
      const packed = [pack(first), pack(second)];
      const bytes = packed.map((p) => Buffer.concat([...p].map(pieceBytes)));
      expect(packed.map((p) => p.byteLength)).toEqual(bytes.map((b) => b.length));
      const file = join(dir, "state");
      writeFileSync(file, Buffer.concat([Buffer.from("header\n"), ...bytes]));
      const fd = openSync(file, "r");
      try {
        const end = 7 + bytes[0]!.length;
        expect(unpackFile(fd, 7, end)).toEqual(first);
        expect(unpackFile(fd, end)).toEqual(second);
        // A bound past the first value's end, or short of it, is not that value.
        expect(() => unpackFile(fd, 7)).toThrow();
        expect(() => unpackFile(fd, 7, end - 1)).toThrow();
      } finally {
        closeSync(fd);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads two values through one memory of the size the larger needs, neither made of that memory", () => {
    const dir = mkdtempSync(join(tmpdir(), "packed-"));
    try {
      // The first has more columns than strings (numbers), the second a long wide string.
      const first = Array.from({ length: 5000 }, (_, i) => ({ n: i + 0.5, ok: i % 2 === 0, day: `2014-01-0${1 + (i % 9)}` }));
      const second = { text: "’".repeat(300_000), words: ["un", "deux"] };
      const bytes = [first, second].map(bytesOf);
      const file = join(dir, "state");
      writeFileSync(file, Buffer.concat(bytes));
      const fd = openSync(file, "r");
      try {
        const end = bytes[0]!.length;
        const needs = [unpackMemoryNeeded(fd, 0, end), unpackMemoryNeeded(fd, end)];
        // The first's columns: 5,000 numbers, and ops; the second's string: two bytes a character.
        expect(needs[0]).toBeGreaterThan(5000 * 8);
        expect(needs[1]).toBe(600_000);
        const memory = new ReadMemory();
        memory.reserve(Math.max(...needs));
        const taken = memory.take(1);
        const values = [unpackFile(fd, 0, end, memory), unpackFile(fd, end, undefined, memory)];
        expect(values).toEqual([first, second]);
        // Still the memory reserved: nothing read needed more.
        expect(memory.take(1).buffer).toBe(taken.buffer);
        // The values are their own: the memory overwritten leaves them as they were.
        memory.take(Math.max(...needs)).fill(0x41);
        expect(values).toEqual([first, second]);
      } finally {
        closeSync(fd);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads long strings of every width back from a file, one after the other", () => {
    const dir = mkdtempSync(join(tmpdir(), "packed-"));
    try {
      const value = ["a".repeat((1 << 24) - 1), "’".repeat(5000), "b".repeat(1 << 24), "c", "’".repeat(3)];
      const file = join(dir, "state");
      writeFileSync(file, Buffer.concat([...pack(value)].map(pieceBytes)));
      const fd = openSync(file, "r");
      try {
        expect(unpackFile(fd, 0)).toEqual(value);
      } finally {
        closeSync(fd);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses bytes cut short, changed, or not its own", () => {
    const bytes = bytesOf({ list: Array.from({ length: 100 }, (_, i) => `item ${i}`) });
    expect(() => unpack(bytes.subarray(0, bytes.length - 5))).toThrow();
    expect(() => unpack(bytes.subarray(0, 40))).toThrow();
    expect(() => unpack(Buffer.from('{"format":3}\n'))).toThrow();
    expect(() => unpack(Buffer.concat([bytes, Buffer.from("more")]))).toThrow();
  });
});
