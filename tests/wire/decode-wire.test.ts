import { describe, expect, it } from "vitest";
import { decodeWindows1252, decodeWireFile } from "../../src/wire/decode-wire.ts";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("decodeWireFile", () => {
  const cases: { name: string; bytes: Uint8Array; text: string; encoding: string; firstNonUtf8?: { line: number; column: number } }[] = [
    { name: "UTF-8", bytes: utf8("L’Irak\n"), text: "L’Irak\n", encoding: "utf-8" },
    { name: "UTF-8 with a BOM and CRLF", bytes: utf8("\uFEFFTitre\r\nTexte\r\n"), text: "Titre\nTexte\n", encoding: "utf-8" },
    { name: "decomposed accents to NFC", bytes: utf8("E\u0301tats"), text: "États", encoding: "utf-8" },
    {
      name: "Windows-1252 quotes, accents and euro",
      bytes: Uint8Array.of(0x4c, 0x92, 0xc9, 0x74, 0x61, 0x74, 0x20, 0x93, 0x80, 0x94, 0x20, 0x9c, 0x85),
      text: "L’État “€” œ…",
      encoding: "windows-1252",
      firstNonUtf8: { line: 1, column: 2 },
    },
    { name: "UTF-16 with a BOM", bytes: Uint8Array.of(0xff, 0xfe, 0xc9, 0x00, 0x74, 0x00), text: "Ét", encoding: "utf-16" },
    { name: "UTF-16 without a BOM", bytes: Uint8Array.of(0xc9, 0x00, 0x74, 0x00, 0x0d, 0x00, 0x0a, 0x00), text: "Ét\n", encoding: "utf-16" },
    { name: "UTF-16 big-endian without a BOM", bytes: Uint8Array.of(0x00, 0xc9, 0x00, 0x74, 0x20, 0x19), text: "Ét’", encoding: "utf-16" },
  ];
  for (const c of cases) {
    it(c.name, () =>
      expect(decodeWireFile(c.bytes)).toEqual({ ok: true, text: c.text, encoding: c.encoding, ...(c.firstNonUtf8 ? { firstNonUtf8: c.firstNonUtf8 } : {}) }),
    );
  }

  it("refuses a binary file, at its first NUL byte", () => {
    const r = decodeWireFile(Uint8Array.of(0x41, 0x00, 0x42));
    expect(r).toEqual({ ok: false, at: { line: 1, column: 2 }, message: expect.stringMatching(/octet NUL/) });
  });

  it.each([
    { name: "a NUL byte", bytes: utf8("Titre\r\n\r\nTex\0te"), at: { line: 3, column: 4 } },
    { name: "a NUL byte after old Mac line endings", bytes: utf8("Titre\r\rTex\0te"), at: { line: 3, column: 4 } },
    { name: "a Windows-1252 byte", bytes: Uint8Array.of(...utf8("Titre\n\nLe budget co"), 0xfb, ...utf8("te")), at: { line: 3, column: 13 } },
  ])("tells where $name is, by the lines the parser reads", ({ bytes, at }) => {
    const r = decodeWireFile(bytes);
    expect(r.ok ? r.firstNonUtf8 : r.at).toEqual(at);
  });
});

describe("decodeWindows1252", () => {
  it("maps every byte, the five undefined ones as their Latin-1 code points", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = decodeWindows1252(all);
    expect(text.length).toBe(256);
    expect([0x81, 0x8d, 0x8f, 0x90, 0x9d].map((b) => text.charCodeAt(b))).toEqual([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
    expect(text[0x80]).toBe("€");
    expect(text[0xe9]).toBe("é");
  });
});
