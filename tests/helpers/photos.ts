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
