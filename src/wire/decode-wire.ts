/** Decoding of wire copy: agency feeds are UTF-8, or Windows-1252 when an older system sent them. */
import type { Position } from "../content/diagnostics.ts";
import { messages } from "../i18n/messages.ts";
import { findUtf16, firstInvalidUtf8, normalizeText, positionIn } from "../content/read-text.ts";

export type DecodedWire =
  | {
      ok: true;
      text: string;
      encoding: "utf-8" | "utf-16" | "windows-1252";
      /** Read as Windows-1252: where the first byte that is no UTF-8 was, the place to check first. */
      firstNonUtf8?: Position;
    }
  | { ok: false; at: Position; message: string };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Node 20's TextDecoder("windows-1252")
// decodes those bytes as Latin-1 control characters, so the table is spelled out here.
// The five bytes Windows-1252 leaves undefined keep their Latin-1 meaning, as WHATWG says.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Decodes Windows-1252 bytes.
 * @example decodeWindows1252(Uint8Array.of(0x93, 0x45, 0x74, 0xe9, 0x94)) // "“Eté”"
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b));
    text += String.fromCharCode(...chunk);
  }
  return text;
}

/**
 * Decodes a wire file: UTF-8 (BOM or not), UTF-16 (BOM or not), else Windows-1252; line endings
 * to LF and text to NFC. Binary files (a NUL byte) are refused.
 */
export function decodeWireFile(bytes: Uint8Array): DecodedWire {
  let decoded: DecodedWire;
  const utf16 = findUtf16(bytes);
  if (utf16) decoded = { ok: true, text: new TextDecoder(utf16.encoding).decode(bytes), encoding: "utf-16" };
  else {
    try {
      decoded = { ok: true, text: strictUtf8.decode(bytes), encoding: "utf-8" };
    } catch {
      // One byte is one character in Windows-1252: the byte's index is the character's.
      const text = decodeWindows1252(bytes);
      decoded = { ok: true, text, encoding: "windows-1252", firstNonUtf8: positionAt(text, firstInvalidUtf8(bytes)) };
    }
  }
  const nul = decoded.text.indexOf("\0");
  if (nul !== -1) return { ok: false, at: positionAt(decoded.text, nul), message: messages().wire.nulByte() };
  return { ...decoded, text: normalizeText(decoded.text.replace(/^\uFEFF/, "")) };
}

// Where a character of the decoded text is, with its line endings as the parser will read them.
function positionAt(text: string, index: number): Position {
  const before = normalizeText(text.slice(0, index).replace(/^\uFEFF/, ""));
  return positionIn(before, before.length);
}
