import type { RenderedBody } from "./markdown.ts";

/**
 * A rendered body as a build holds it until its pages are written: the HTML as UTF-8 bytes.
 * French text is a two-byte string in V8 (one ’ or narrow no-break space is enough), and a string
 * that lives through a build is copied and marked by every collection; its bytes take half the
 * room, outside the heap (a heap snapshot of a 10,000-article build: 22.6 MB of such strings).
 */
export interface HeldBody {
  html: Buffer;
  /** Plain text of the first paragraph, typography applied. */
  firstParagraph: string;
}

/** The body as held: its HTML encoded once. */
export function holdBody(body: RenderedBody): HeldBody {
  return { html: Buffer.from(body.html), firstParagraph: body.firstParagraph };
}

/** A batch of rendered bodies as one message between threads: every HTML in one buffer. */
export interface PackedBodies {
  bytes: Uint8Array;
  /** Where each body's HTML ends in `bytes`. */
  ends: number[];
  firstParagraphs: string[];
}

/**
 * Packs rendered bodies for another thread. One buffer of their own: a message copies its bytes
 * with one copy, where strings are copied a character at a time, and a small `Buffer.from` would
 * be a slice of Node's shared pool, sent whole.
 */
export function packBodies(bodies: readonly RenderedBody[]): PackedBodies {
  const ends: number[] = [];
  let total = 0;
  for (const body of bodies) ends.push((total += Buffer.byteLength(body.html)));
  const bytes = Buffer.from(new ArrayBuffer(total));
  for (const [i, body] of bodies.entries()) bytes.write(body.html, i === 0 ? 0 : ends[i - 1]!);
  return { bytes, ends, firstParagraphs: bodies.map((body) => body.firstParagraph) };
}

/** The bodies of a packed batch, as held: each a view of the batch's one buffer. */
export function unpackBodies(packed: PackedBodies): HeldBody[] {
  const { buffer, byteOffset } = packed.bytes;
  return packed.ends.map((end, i) => {
    const start = i === 0 ? 0 : packed.ends[i - 1]!;
    return { html: Buffer.from(buffer, byteOffset + start, end - start), firstParagraph: packed.firstParagraphs[i]! };
  });
}
