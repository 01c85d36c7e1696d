/** A photo given to `import --image`: copied into content/images/YYYY/MM/ under the article's date, never over another file. */
import { existsSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { displayPath } from "../content/diagnostics.ts";
import { PHOTO_EXTENSIONS } from "../images/photo-limits.ts";
import type { Day } from "../content/model.ts";
import { createFileAtomically, refuseSymbolicLinksBelow } from "../files/atomic-write.ts";
import { slugify } from "../text/slug.ts";

/** What `--image`, `--credit`, `--alt` and `--caption` say about the photo. */
export interface PhotoOption {
  /** The photo file, as given. */
  file: string;
  credit: string;
  alt: string;
  caption?: string;
  /** What is written under content/: the file without its private metadata (`stripPhotoMetadata`). */
  bytes: Buffer;
  /** Whether there was metadata to remove. */
  metadataRemoved: boolean;
}

// A second photo of the same name that month gets `-2`, `-3`… up to this.
const MAX_NAME_SUFFIX = 99;

/**
 * The path under content/ the photo will take: `images/YYYY/MM/<name>`, its name made URL-safe,
 * `-2`, `-3`… when the name is taken. Undefined when every suffix is.
 * @example photoTarget("content", "2021-12-09", "/tmp/Photo Irak.JPG") // "images/2021/12/photo-irak.jpg"
 */
export function photoTarget(contentDir: string, day: Day, file: string): string | undefined {
  const [year, month] = day.split("-");
  const extension = extname(file).toLowerCase().replace(".jpeg", ".jpg");
  const stem = slugify(basename(file, extname(file))) || "photo";
  for (let n = 1; n <= MAX_NAME_SUFFIX; n++) {
    const src = `images/${year}/${month}/${n === 1 ? stem : `${stem}-${n}`}${extension}`;
    if (!existsSync(join(contentDir, src))) return src;
  }
  return undefined;
}

/** Whether the file is there, a file, and of an extension `check` accepts; the reason otherwise. */
export function photoFileProblem(file: string): "missing" | "format" | undefined {
  try {
    if (!statSync(file).isFile()) return "missing";
  } catch {
    return "missing";
  }
  return PHOTO_EXTENSIONS.includes(extname(file).toLowerCase()) ? undefined : "format";
}

/** Writes the photo at its place under content/: whole or not at all, never over a file, never through a link. */
export function copyPhoto(contentDir: string, bytes: Buffer, src: string): void {
  const target = join(contentDir, src);
  refuseSymbolicLinksBelow(contentDir, target, displayPath);
  createFileAtomically(target, bytes, displayPath(target));
}
