/**
 * A photo's private metadata (GPS position, camera and its serial number, author, comments), found
 * and removed before the photo enters content/, which is committed and often pushed to a public
 * repository. The derivatives the site serves never carry it (encode-photos.ts); the original does.
 * JPEG, PNG and WebP lose their metadata blocks and nothing else: their pixels' bytes are kept as
 * they are. AVIF and TIFF keep metadata inside structures too entangled to cut out safely: those
 * are encoded again, losslessly, when they hold some. What says how the pixels are stored and
 * shown (the orientation, the resolution, the ICC profile: `tiffHoldsMetadata`) is no metadata of
 * this kind: a photo that holds nothing else is given back as it is, and nothing is said removed.
 */
import { EXIF_HEADER, exifOrientation, orientationOnlyTiff, tiffHoldsMetadata } from "./exif.ts";
import { loadSharp } from "./inspect-photos.ts";

/** The photo's bytes without private metadata, and whether there was any to remove (else the bytes given). */
export interface StrippedPhoto {
  bytes: Buffer;
  removed: boolean;
}

// What a cut made: its bytes when it removed metadata, else the photo as it was (a block of the
// image's structure alone, an Exif of its orientation and resolution, is not worth a change).
function cutOrKept(original: Buffer, parts: Buffer[], removed: boolean): StrippedPhoto {
  return removed ? { bytes: Buffer.concat(parts), removed } : { bytes: original, removed };
}

const ICC_PROFILE = Buffer.from("ICC_PROFILE\0", "latin1");
const ADOBE = Buffer.from("Adobe", "latin1");
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;
const SOS = 0xda;
const EOI = 0xd9;

// Segments kept: APP0 (JFIF), APP2 holding the ICC profile, APP14 (Adobe: how the colours are coded).
// Every other APPn and COM goes: Exif and XMP (APP1), IPTC and Photoshop (APP13), MPF (APP2) whose
// second image is cut off with whatever follows EOI, makers' blocks.
function keepsJpegSegment(marker: number, payload: Buffer): boolean {
  if (marker === COM) return false;
  if (marker < APP0 || marker > 0xef) return true;
  if (marker === APP0) return true;
  if (marker === APP2) return payload.subarray(0, ICC_PROFILE.length).equals(ICC_PROFILE);
  if (marker === APP14) return payload.subarray(0, ADOBE.length).equals(ADOBE);
  return false;
}

/**
 * A JPEG without its metadata segments: its compressed pixels are copied byte for byte. An Exif
 * orientation other than 1 is kept alone, in an Exif block of its own. Undefined when the file is
 * not a JPEG this can walk through (then it is left to `check`).
 */
export function stripJpeg(jpeg: Buffer): StrippedPhoto | undefined {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return undefined;
  const parts: Buffer[] = [jpeg.subarray(0, 2)];
  let removed = false;
  let orientationPlaced = false;
  let at = 2;
  while (at < jpeg.length) {
    if (jpeg[at] !== 0xff) return undefined;
    // Fill bytes before a marker.
    let m = at;
    while (jpeg[m + 1] === 0xff) m++;
    const marker = jpeg[m + 1];
    if (marker === undefined) return undefined;
    if (marker === EOI) {
      // Whatever follows (a second MPF image, a maker's trailer) may hold metadata of its own.
      parts.push(Buffer.from([0xff, EOI]));
      return cutOrKept(jpeg, parts, removed || m + 2 < jpeg.length);
    }
    if (marker === 0x01 || isRestart(marker)) {
      parts.push(jpeg.subarray(at, m + 2));
      at = m + 2;
      continue;
    }
    if (m + 4 > jpeg.length) return undefined;
    const length = jpeg.readUInt16BE(m + 2);
    let end = m + 2 + length;
    if (length < 2 || end > jpeg.length) return undefined;
    const payload = jpeg.subarray(m + 4, end);
    if (keepsJpegSegment(marker, payload)) parts.push(jpeg.subarray(at, end));
    else {
      const exif = marker === APP1 && payload.subarray(0, 6).equals(EXIF_HEADER);
      removed ||= !exif || tiffHoldsMetadata(payload);
      if (exif && !orientationPlaced) {
        orientationPlaced = true;
        const orientation = exifOrientation(payload);
        if (orientation !== 1) parts.push(jpegSegment(APP1, Buffer.concat([EXIF_HEADER, orientationOnlyTiff(orientation)])));
      }
    }
    at = end;
    if (marker === SOS) {
      // The scan's compressed pixels, copied as they are: up to the first marker that is neither a stuffed 0xFF nor a restart.
      while (end < jpeg.length && !(jpeg[end] === 0xff && jpeg[end + 1] !== 0 && !isRestart(jpeg[end + 1]))) end++;
      parts.push(jpeg.subarray(at, end));
      at = end;
    }
  }
  return undefined;
}

function isRestart(marker: number | undefined): boolean {
  return marker !== undefined && marker >= 0xd0 && marker <= 0xd7;
}

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// Exif, every text (comments, author, XMP in iTXt) and the time it was last changed.
const PNG_PRIVATE_CHUNKS = new Set(["eXIf", "tEXt", "iTXt", "zTXt", "tIME"]);

/** A PNG without its Exif, text and time chunks, the others copied as they are; undefined when it is not a PNG this can read. */
export function stripPng(png: Buffer): StrippedPhoto | undefined {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  const parts: Buffer[] = [PNG_SIGNATURE];
  let removed = false;
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const end = at + 12 + length;
    if (end > png.length) return undefined;
    if (!PNG_PRIVATE_CHUNKS.has(type)) parts.push(png.subarray(at, end));
    else {
      const data = png.subarray(at + 8, end - 4);
      removed ||= type !== "eXIf" || tiffHoldsMetadata(data);
      const orientation = type === "eXIf" ? exifOrientation(data) : 1;
      if (orientation !== 1) parts.push(pngChunk("eXIf", orientationOnlyTiff(orientation)));
    }
    at = end;
    if (type === "IEND") return cutOrKept(png, parts, removed || at < png.length);
  }
  return undefined;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, "latin1");
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// VP8X's flags: an EXIF chunk and an XMP chunk follow.
const WEBP_EXIF_FLAG = 0x08;
const WEBP_XMP_FLAG = 0x04;

/** A WebP without its EXIF and XMP chunks (an orientation other than 1 kept alone); undefined when it is not a WebP this can read. */
export function stripWebp(webp: Buffer): StrippedPhoto | undefined {
  if (webp.length < 12 || webp.toString("latin1", 0, 4) !== "RIFF" || webp.toString("latin1", 8, 12) !== "WEBP") return undefined;
  const chunks: Buffer[] = [];
  let removed = false;
  let orientation = 1;
  let at = 12;
  while (at + 8 <= webp.length) {
    const type = webp.toString("latin1", at, at + 4);
    const size = webp.readUInt32LE(at + 4);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > webp.length) return undefined;
    if (type === "EXIF" || type === "XMP ") {
      const data = webp.subarray(at + 8, at + 8 + size);
      removed ||= type === "XMP " || tiffHoldsMetadata(data);
      if (type === "EXIF") orientation = exifOrientation(data);
    } else chunks.push(Buffer.from(webp.subarray(at, Math.min(end, webp.length))));
    at = end;
  }
  if (!removed) return { bytes: webp, removed };
  const vp8x = chunks.find((c) => c.toString("latin1", 0, 4) === "VP8X");
  // Without VP8X (a simple WebP) there is no EXIF chunk to read: it is left without one.
  if (vp8x) vp8x[8] = (vp8x[8]! & ~(WEBP_EXIF_FLAG | WEBP_XMP_FLAG)) | (orientation !== 1 ? WEBP_EXIF_FLAG : 0);
  if (vp8x && orientation !== 1) {
    // The container's specification (RFC 9649) holds the TIFF structure alone, without JPEG's "Exif\0\0".
    const tiff = orientationOnlyTiff(orientation);
    const head = Buffer.alloc(8);
    head.write("EXIF", 0, "latin1");
    head.writeUInt32LE(tiff.length, 4);
    chunks.push(head, tiff);
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(body.length + 4, 4);
  header.write("WEBP", 8, "latin1");
  return { bytes: Buffer.concat([header, body]), removed };
}

/**
 * The photo without private metadata. JPEG, PNG and WebP are cut losslessly; an AVIF or a TIFF
 * that holds metadata is encoded again losslessly (turned upright, its ICC profile kept), a TIFF's
 * metadata being tags of the image itself. A photo with none, or a file none of these can read
 * (left for `check` to judge), is given back as it is, with `removed` false.
 */
export async function stripPhotoMetadata(bytes: Buffer): Promise<StrippedPhoto> {
  const cut = stripJpeg(bytes) ?? stripPng(bytes) ?? stripWebp(bytes);
  if (cut) return cut;
  const sharp = await loadSharp();
  let format: string;
  let hasMetadata: boolean;
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    format = meta.format;
    // sharp gives no Exif of a TIFF: its tags are the file's own first IFD.
    const tags = format === "tiff" ? bytes : meta.exif;
    hasMetadata = (tags !== undefined && tiffHoldsMetadata(tags)) || meta.xmp !== undefined || meta.iptc !== undefined;
  } catch {
    return { bytes, removed: false };
  }
  if (!hasMetadata) return { bytes, removed: false };
  const image = sharp(bytes, { limitInputPixels: false }).autoOrient().keepIccProfile();
  if (format === "heif") return { bytes: await image.avif({ lossless: true }).toBuffer(), removed: true };
  if (format === "tiff") return { bytes: await image.tiff({ compression: "lzw" }).toBuffer(), removed: true };
  return { bytes, removed: false };
}
