/** A photo as pages, metadata and feeds show it: its derivatives' addresses and sizes, its texts typeset. */
import type { ArticleImage } from "../content/model.ts";
import { PICTURE_FORMATS, type Derivative, type PhotoSet } from "../images/derivatives.ts";
import { typesetText } from "../text/typography.ts";

/** One derivative as a page links it. */
export interface PhotoFile {
  /** Site-relative. */
  url: string;
  width: number;
  height: number;
}

export interface PhotoView {
  alt: string;
  credit: string;
  caption?: string;
  /** `<source>`s, best format first: MIME type and `srcset` (site-relative URLs, `w` descriptors). */
  sources: { type: string; files: PhotoFile[] }[];
  /** The `<img>`'s own file (JPEG, every browser reads it) and its size, which sets the box before it loads. */
  fallback: PhotoFile;
  /** The JPEG widths, for the `<img>`'s own `srcset`. */
  fallbackFiles: PhotoFile[];
  /** The crops Google asks for: 16×9, 4×3, 1×1. The first is the share card's. */
  ratios: PhotoFile[];
  /** A list's thumbnail: the narrowest file of each format, best first (JPEG last), enough for its few rem at twice the pixels. */
  thumbnail: { type: string; file: PhotoFile }[];
}

const MIME: Record<string, string> = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg" };

// The fallback is at most this wide: the column's width on a large screen, at twice its pixels.
const FALLBACK_WIDTH = 1200;

/** The view of an article's photo, from what its front matter says and the files made of it. */
export function photoView(image: ArticleImage, set: PhotoSet): PhotoView {
  const file = (d: Derivative): PhotoFile => ({ url: d.url, width: d.width, height: d.height });
  const jpegs = set.widths.jpeg.map(file);
  return {
    alt: typesetText(image.alt),
    credit: typesetText(image.credit),
    caption: image.caption === undefined ? undefined : typesetText(image.caption),
    sources: PICTURE_FORMATS.filter((f) => f !== "jpeg").map((f) => ({ type: MIME[f]!, files: set.widths[f].map(file) })),
    fallback: jpegs.filter((f) => f.width <= FALLBACK_WIDTH).at(-1) ?? jpegs[0]!,
    fallbackFiles: jpegs,
    ratios: set.ratios.map(file),
    thumbnail: PICTURE_FORMATS.map((f) => ({ type: MIME[f]!, file: file(set.widths[f][0]!) })),
  };
}
