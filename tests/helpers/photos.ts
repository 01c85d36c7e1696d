/** Photos made by the tests with sharp: small, varied, never committed. */
import sharp from "sharp";

export interface PhotoSpec {
  width?: number;
  height?: number;
  format?: "jpeg" | "png" | "webp" | "avif" | "tiff" | "gif";
  /** EXIF to embed (JPEG): an orientation, a GPS position, a camera. */
  exif?: Record<string, Record<string, string>>;
  /** EXIF orientation 1–8. */
  orientation?: number;
  /** An ICC profile sharp knows by name (e.g. "p3"): the colours to convert to sRGB. */
  icc?: string;
  /** A hue, so that photos differ in their bytes. */
  hue?: number;
}

/** A photo of a gradient and a disc, as the bytes of a file. */
export async function makePhoto(spec: PhotoSpec = {}): Promise<Buffer> {
  const width = spec.width ?? 1600;
  const height = spec.height ?? 900;
  const hue = spec.hue ?? 200;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,40%)"/><stop offset="1" stop-color="hsl(${(hue + 120) % 360},70%,60%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 3}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="hsl(${(hue + 240) % 360},80%,50%)"/></svg>`;
  let image = sharp(Buffer.from(svg));
  if (spec.exif || spec.orientation || spec.icc) {
    image = image.withMetadata({
      ...(spec.orientation ? { orientation: spec.orientation } : {}),
      ...(spec.icc ? { icc: spec.icc } : {}),
    });
    if (spec.exif) image = image.withExifMerge(spec.exif);
  }
  const format = spec.format ?? "jpeg";
  return image.toFormat(format, format === "avif" ? { effort: 0 } : {}).toBuffer();
}

/** A JPEG cut short: its header reads, its pixels do not. */
export async function makeTruncatedJpeg(): Promise<Buffer> {
  const whole = await makePhoto({ width: 1400, height: 800 });
  return whole.subarray(0, Math.floor(whole.length / 3));
}

/**
 * A TIFF with more tags in its first IFD, as cameras and Photoshop write them (libvips writes none
 * of these): text tags by number (271 Make, 315 Artist, 305 Software…) and, with `gps`, a GPS block
 * that gives a latitude; with `secondPage`, an IFD after it (the former first: a second page, or
 * a thumbnail). The first IFD is written again at the end of the file, the pixels untouched.
 */
export function tiffWithTags(tiff: Buffer, text: Record<number, string>, options: { gps?: boolean; secondPage?: boolean } = {}): Buffer {
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (at: number): number => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number): number => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const first = u32(4);
  const count = u16(first);
  const next = u32(first + 2 + count * 12);
  const entries = new Map<number, Buffer>();
  for (let i = 0; i < count; i++) entries.set(u16(first + 2 + i * 12), tiff.subarray(first + 2 + i * 12, first + 14 + i * 12));
  const tail: Buffer[] = [];
  let end = tiff.length + (tiff.length % 2);
  const put = (bytes: Buffer): number => {
    const at = end;
    tail.push(bytes, Buffer.alloc(bytes.length % 2));
    end += bytes.length + (bytes.length % 2);
    return at;
  };
  const entry = (tag: number, type: number, n: number, value: Buffer): Buffer => {
    const e = Buffer.alloc(12);
    const w16 = (v: number, at: number): number => (little ? e.writeUInt16LE(v, at) : e.writeUInt16BE(v, at));
    const w32 = (v: number, at: number): number => (little ? e.writeUInt32LE(v, at) : e.writeUInt32BE(v, at));
    w16(tag, 0);
    w16(type, 2);
    w32(n, 4);
    if (value.length <= 4) value.copy(e, 8);
    else w32(put(value), 8);
    return e;
  };
  const u32s = (values: number[]): Buffer => {
    const b = Buffer.alloc(values.length * 4);
    for (const [i, v] of values.entries()) {
      if (little) b.writeUInt32LE(v, i * 4);
      else b.writeUInt32BE(v, i * 4);
    }
    return b;
  };
  const ifd = (list: Buffer[], nextIfd: number): Buffer => {
    const sorted = list.sort((a, b) => (little ? a.readUInt16LE(0) - b.readUInt16LE(0) : a.readUInt16BE(0) - b.readUInt16BE(0)));
    const head = Buffer.alloc(2);
    if (little) head.writeUInt16LE(sorted.length);
    else head.writeUInt16BE(sorted.length);
    return Buffer.concat([head, ...sorted, u32s([nextIfd])]);
  };
  for (const [tag, value] of Object.entries(text)) {
    const ascii = Buffer.from(`${value}\0`, "latin1");
    entries.set(Number(tag), entry(Number(tag), 2, ascii.length, ascii));
  }
  if (options.gps) {
    const gps = ifd([entry(1, 2, 2, Buffer.from("N\0", "latin1")), entry(2, 5, 3, u32s([33, 1, 18, 1, 0, 1]))], 0);
    entries.set(0x8825, entry(0x8825, 4, 1, u32s([put(gps)])));
  }
  const at = put(ifd([...entries.values()], options.secondPage ? first : next));
  const out = Buffer.concat([tiff, Buffer.alloc(tiff.length % 2), ...tail]);
  if (little) out.writeUInt32LE(at, 4);
  else out.writeUInt32BE(at, 4);
  return out;
}
