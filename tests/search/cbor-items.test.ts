import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { decode, encode } from "cborg";
import * as pagefind from "pagefind";
import { afterAll, describe, expect, it } from "vitest";
import { encodeValue, readValue } from "../../src/search/cbor-items.ts";
import { encodePagefind, readPagefindFile } from "../../src/search/pagefind-files.ts";
import { recordPage } from "../../src/search/records.ts";

// Page lists and filter lists decoded and encoded by hand must be what cborg, which the index
// used before, reads and writes: a patched bundle is compared byte for byte with a clean one.

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const VALUES: unknown[] = [
  0,
  23,
  24,
  255,
  256,
  65_535,
  65_536,
  0xffffffff,
  "",
  "2014-505bb8_2s",
  "élection",
  "L’Irak, « enfin » : 10\u202f000",
  `10${"\u{10ffff}".repeat(4)}`,
  "un mot assez long pour passer les trente-deux octets de texte",
  [],
  [
    ["2014-505bb8_0", 175, ""],
    ["2014-505bb8_1", 0, ""],
  ],
  ["1.6.0", [["a", 1, ""]], [["10000", "10\u{10ffff}", "fr_31.30-f751ff1f7c50"]], [], [], ["title"]],
  Array.from({ length: 300 }, (_, i) => [String(i), i * 1000]),
];

describe("a page list's CBOR read and written by hand", () => {
  it("encodes as cborg encodes, and reads back what cborg reads", () => {
    for (const value of VALUES) {
      const bytes = encode(value);
      expect(encodeValue(value), JSON.stringify(value)).toEqual(bytes);
      expect(readValue(bytes, 0)).toEqual({ value: decode(bytes), next: bytes.length });
    }
  });

  it("leaves to cborg what it does not handle: negative or large numbers, other items, text that is not UTF-8", () => {
    for (const value of [-1, 1.5, 2 ** 32, true, null, { a: 1 }, [1, [2, -3]]]) {
      expect(encodeValue(value), JSON.stringify(value)).toBeUndefined();
      expect(readValue(encode(value), 0), JSON.stringify(value)).toBeUndefined();
    }
    expect(readValue(Uint8Array.from([0x62, 0xc3, 0x28]), 0)).toBeUndefined();
    // Cut short: the array announces more items than there are.
    expect(readValue(Uint8Array.from([0x83, 0x01, 0x02]), 0)).toBeUndefined();
  });

  it("reads and writes a page list and a filter list that Pagefind wrote as cborg does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "depeche-cbor-test-"));
    folders.push(dir);
    const { index } = await pagefind.createIndex({ forceLanguage: "fr" });
    for (let n = 0; n < 12; n++) {
      const record = {
        url: `/2021/03/0${(n % 9) + 1}/depeche-${n}/`,
        title: `Dépêche ${n} : l’économie`,
        bodyHtml: `<p>Élections et réfugiés, numéro ${n}.</p>`,
        dateIso: "2021-03-01T00:00:00.000Z",
        year: "2021",
        sources: ["Agence Anadolu"],
        topics: [n % 2 === 0 ? "Irak" : "Économie", "Turquie"],
      };
      expect((await index!.addHTMLFile({ url: record.url, content: recordPage(record) })).errors).toEqual([]);
    }
    expect((await index!.writeFiles({ outputPath: dir })).errors).toEqual([]);
    await pagefind.close();
    const files = [...readdirSync(dir).filter((f) => f.endsWith(".pf_meta")), ...readdirSync(join(dir, "filter")).map((f) => join("filter", f))];
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const body = gunzipSync(readFileSync(join(dir, file))).subarray("pagefind_dcd".length);
      const value = readPagefindFile(readFileSync(join(dir, file)));
      expect(value, file).toEqual(decode(body));
      expect(encodePagefind(value), file).toEqual(encode(decode(body)));
    }
  }, 60_000);
});
