/** Which files are made of a photo, at which sizes and addresses: pure, so pages know them before any is encoded. */
import { slugify } from "../text/slug.ts";
import { photoUrl } from "../urls/site-urls.ts";
import type { PhotoSource } from "./inspect-photos.ts";
import { PHOTO_RATIOS, PHOTO_WIDTHS, RATIO_WIDTH } from "./photo-limits.ts";

export type PhotoFormat = "avif" | "webp" | "jpeg";

/** The picture's formats, best first: the browser takes the first it reads; JPEG is the fallback every reader has. */
export const PICTURE_FORMATS: readonly PhotoFormat[] = ["avif", "webp", "jpeg"];

const EXTENSIONS: Record<PhotoFormat, string> = { avif: "avif", webp: "webp", jpeg: "jpg" };

/**
 * The most pixels a format's file holds on a side: libheif's for AVIF, WebP's own, JPEG's. A
 * photo taller than that at a width (an infographic, a long capture) is published narrower in it.
 */
export const MAX_SIDE: Record<PhotoFormat, number> = { avif: 16_384, webp: 16_383, jpeg: 65_535 };

/** One file made of a photo. */
export interface Derivative {
  /** Its name in the photo's cache folder, e.g. `800.avif`. */
  name: string;
  /** Site-relative URL. */
  url: string;
  format: PhotoFormat;
  width: number;
  height: number;
  /** Cropped from the middle to this ratio, or the whole photo resized. */
  ratio?: string;
}

/** Every file made of one photo. */
export interface PhotoSet {
  source: PhotoSource;
  /** The whole photo at each width, per format, narrowest first. */
  widths: Record<PhotoFormat, Derivative[]>;
  /** The crops, in PHOTO_RATIOS's order (16×9, 4×3, 1×1). */
  ratios: Derivative[];
  /** All of them: what is encoded, cached and published. */
  all: Derivative[];
}

/**
 * The widths a photo is published at: the standard ones below its own width, then its own width
 * capped at the largest (never enlarged: that would only blur it).
 * @example photoWidths(1000) // [480, 800, 1000]
 */
export function photoWidths(width: number): number[] {
  const largest = Math.min(width, PHOTO_WIDTHS[PHOTO_WIDTHS.length - 1]!);
  return [...PHOTO_WIDTHS.filter((w) => w < largest), largest];
}

/**
 * The widths a photo is published at in a format: `photoWidths`, each narrowed as far as its height
 * needs to fit the format (`MAX_SIDE`), the same width once.
 * @example formatWidths(1200, 16_500, "avif") // [480, 800, 1191]
 */
export function formatWidths(width: number, height: number, format: PhotoFormat): number[] {
  const widest = Math.max(1, Math.floor((MAX_SIDE[format] * width) / height));
  return [...new Set(photoWidths(width).map((w) => Math.min(w, widest)))];
}

/** The derivatives of a photo, named from its file name and its digest. */
export function planDerivatives(source: PhotoSource): PhotoSet {
  const stem = source.src
    .split("/")
    .pop()!
    .replace(/\.[^.]*$/, "");
  const name = slugify(stem).slice(0, 60).replace(/-+$/, "") || "photo";
  const widths = {} as Record<PhotoFormat, Derivative[]>;
  for (const format of PICTURE_FORMATS) {
    widths[format] = formatWidths(source.width, source.height, format).map((width) => ({
      name: `${width}.${EXTENSIONS[format]}`,
      url: photoUrl(source.digest, name, String(width), EXTENSIONS[format]),
      format,
      width,
      height: Math.max(1, Math.round((width * source.height) / source.width)),
    }));
  }
  const ratios = PHOTO_RATIOS.map((ratio) => {
    const size = cropSize(source, ratio.width / ratio.height);
    return { name: `${ratio.name}.jpg`, url: photoUrl(source.digest, name, ratio.name, "jpg"), format: "jpeg" as const, ...size, ratio: ratio.name };
  });
  return { source, widths, ratios, all: [...PICTURE_FORMATS.flatMap((f) => widths[f]), ...ratios] };
}

// The largest crop of this ratio the photo holds, at most RATIO_WIDTH wide.
function cropSize(source: PhotoSource, ratio: number): { width: number; height: number } {
  const width = Math.min(RATIO_WIDTH, source.width, Math.floor(source.height * ratio));
  return { width, height: Math.max(1, Math.round(width / ratio)) };
}
