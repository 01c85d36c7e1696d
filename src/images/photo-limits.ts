/** What a photo may be, and the derivatives made of it. */
import type { SizeLimit } from "../content/limits.ts";

/** A photo file larger than this is refused: a wire photo is a few megabytes. */
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

/** The limit `import --image` reads a photo with (`readContentFile`), told in the words `check` uses. */
export const PHOTO_LIMIT: SizeLimit = { bytes: MAX_PHOTO_BYTES, kind: "photo" };

/** More pixels than this is refused: decoding it would take about 200 MB of memory. */
export const MAX_PHOTO_PIXELS = 50_000_000;

/** Below this width, social networks and Google show no large preview. */
export const MIN_PHOTO_WIDTH = 1200;

/** The formats sharp reads that cameras and agencies deliver (libvips' names). */
export const PHOTO_FORMATS = ["jpeg", "png", "webp", "avif", "tiff"] as const;

/** The extensions of those formats' files: what `import --image` takes, what `check` looks for in the photo folders. */
export const PHOTO_EXTENSIONS = [".jpg", ".jpeg", ".png", ".webp", ".avif", ".tif", ".tiff"];

/**
 * A photo taller than this many times its width is warned of: the page shows an article's photo on
 * 60 % of the screen's height at most (public/style.css), where it would be a narrow strip.
 */
export const MAX_PHOTO_TALLNESS = 3;

/** The widths of the article picture's derivatives; a photo is never enlarged. */
export const PHOTO_WIDTHS = [480, 800, 1200, 1600] as const;

/** The ratios Google asks a NewsArticle's image in, cropped from the middle, as JPEG. */
export const PHOTO_RATIOS = [
  { name: "16x9", width: 16, height: 9 },
  { name: "4x3", width: 4, height: 3 },
  { name: "1x1", width: 1, height: 1 },
] as const;

/** The width of the ratio crops: the large preview's. */
export const RATIO_WIDTH = 1200;

/** Bumped whenever the derivatives change (widths, formats, quality): cached encodings are then made again. */
export const ENCODING_VERSION = 1;
