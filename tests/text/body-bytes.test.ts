import { describe, expect, it } from "vitest";
import { holdBody, packBodies, unpackBodies } from "../../src/text/body-bytes.ts";
import { renderBody } from "../../src/text/markdown.ts";

const sources = ["Un *premier* paragraphe : l’OTAN.", "", "« Cité » ? Oui !\n\n- 3 000 €\n- 漢字 et 🇫🇷", "x"];

describe("rendered bodies as bytes", () => {
  it("hold a body's HTML as its UTF-8, read back as the same string", () => {
    const body = renderBody(sources[2]!);
    const held = holdBody(body);
    expect(held.html.toString()).toBe(body.html);
    expect(held.html.length).toBe(Buffer.byteLength(body.html));
    expect(held.firstParagraph).toBe(body.firstParagraph);
  });

  it("pack a batch into one buffer of its own, and unpack every body as rendered, in order", () => {
    const bodies = sources.map(renderBody);
    const packed = packBodies(bodies);
    // Its own buffer, not a slice of Node's pool: a message sends the buffer whole.
    expect(packed.bytes.buffer.byteLength).toBe(bodies.reduce((n, b) => n + Buffer.byteLength(b.html), 0));
    // As a message carries it (a structured clone: a plain Uint8Array on the other side).
    const unpacked = unpackBodies(structuredClone(packed));
    expect(unpacked.map((b) => b.html.toString())).toEqual(bodies.map((b) => b.html));
    expect(unpacked.map((b) => b.firstParagraph)).toEqual(bodies.map((b) => b.firstParagraph));
    expect(unpacked[1]!.html.length).toBe(0);
  });

  it("pack an empty batch", () => {
    expect(unpackBodies(structuredClone(packBodies([])))).toEqual([]);
  });
});
