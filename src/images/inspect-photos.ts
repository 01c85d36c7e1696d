/**
 * Checks every article's photo file before anything is built: where it is, what it is, how big.
 * Reading the header is enough for that; a photo damaged past its header is caught when it is
 * encoded (encode-photos.ts), with the same kind of error.
 */
import { createHash } from "node:crypto";
import { lstatSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Metadata } from "sharp";
import { Diagnostics, sortDiagnostics, type Diagnostic } from "../content/diagnostics.ts";
import type { Article } from "../content/model.ts";
import { MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, MIN_PHOTO_WIDTH, PHOTO_FORMATS } from "./photo-limits.ts";
import { messages } from "../i18n/messages.ts";

/** A photo file, checked: what the derivatives are made from. */
export interface PhotoSource {
  /** As the front matter writes it, under the content folder. */
  src: string;
  /** Absolute path of the file. */
  file: string;
  /** SHA-256 of the file's bytes, hex: the cache's key and the derivatives' folder. */
  digest: string;
  /** As shown, once turned upright by its EXIF orientation. */
  width: number;
  height: number;
}

export interface PhotoInspection {
  /** The photos without error, by `src`. */
  photos: Map<string, PhotoSource>;
  /** Errors and warnings, at each article that shows the photo. */
  diagnostics: Diagnostic[];
}

type Finding = { ok: true; source: PhotoSource; warning?: string } | { ok: false; error: string };

/** What a valid photo's file gave, by its path, with its size, modification time and inode: read again when one of them changes. */
export type PhotoMemo = Map<string, { size: number; mtimeMs: number; ino: number; digest: string; width: number; height: number }>;

// Header reads run on libuv's threads: a few at once keep them busy while this thread hashes.
const AT_ONCE = 8;

/**
 * Checks the photos of these articles; a photo several articles share is read once. With a memo
 * (the build's, kept in its cache), a valid photo whose file is unchanged is not read again: its
 * digest and size come from the memo, which is updated in place.
 */
export async function inspectPhotos(contentDir: string, articles: readonly Article[], memo?: PhotoMemo): Promise<PhotoInspection> {
  const root = resolve(contentDir);
  const users = new Map<string, Article[]>();
  for (const article of articles) {
    if (!article.image) continue;
    const list = users.get(article.image.src) ?? [];
    list.push(article);
    users.set(article.image.src, list);
  }
  const srcs = [...users.keys()];
  const findings = new Map<string, Finding>();
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < srcs.length) {
      const src = srcs[next++]!;
      findings.set(src, await inspectPhoto(root, src, memo));
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, srcs.length) }, work));

  const diagnostics = new Diagnostics();
  const photos = new Map<string, PhotoSource>();
  for (const [src, finding] of findings) {
    for (const article of users.get(src)!) {
      if (!finding.ok) diagnostics.error(article.sourcePath, article.image!.at, finding.error);
      else if (finding.warning) diagnostics.warning(article.sourcePath, article.image!.at, finding.warning);
    }
    if (finding.ok) photos.set(src, finding.source);
  }
  return { photos, diagnostics: sortDiagnostics(diagnostics.items) };
}

async function inspectPhoto(root: string, src: string, memo: PhotoMemo | undefined): Promise<Finding> {
  const file = resolve(root, src);
  const inside = relative(root, file);
  if (isAbsolute(src) || inside === "" || inside.startsWith("..") || isAbsolute(inside))
    return { ok: false, error: messages().diagnostics.photoOutsideContent(src) };
  const problem = checkPath(root, inside, src);
  if (problem) return { ok: false, error: problem };
  let bytes: Buffer;
  let stat: { size: number; mtimeMs: number; ino: number };
  try {
    const { size, mtimeMs, ino } = lstatSync(file);
    stat = { size, mtimeMs, ino };
    if (size > MAX_PHOTO_BYTES) return { ok: false, error: messages().diagnostics.photoTooLarge(src, size, MAX_PHOTO_BYTES) };
    const known = memo?.get(file);
    if (known && known.size === size && known.mtimeMs === mtimeMs && known.ino === ino)
      return found({ src, file, digest: known.digest, width: known.width, height: known.height });
    bytes = readFileSync(file);
  } catch (error) {
    return { ok: false, error: messages().diagnostics.photoUnreadable(src, (error as NodeJS.ErrnoException).code ?? String(error)) };
  }
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, error: messages().diagnostics.photoCorrupt(src) };
  }
  if (!(PHOTO_FORMATS as readonly string[]).includes(meta.format))
    return { ok: false, error: messages().diagnostics.photoUnsupported(src, meta.format, PHOTO_FORMATS) };
  if (meta.width * meta.height > MAX_PHOTO_PIXELS)
    return { ok: false, error: messages().diagnostics.photoTooManyPixels(src, meta.width, meta.height, MAX_PHOTO_PIXELS) };
  const { width, height } = meta.autoOrient;
  const digest = createHash("sha256").update(bytes).digest("hex");
  memo?.set(file, { ...stat, digest, width, height });
  return found({ src, file, digest, width, height });
}

function found(source: PhotoSource): Finding {
  return source.width < MIN_PHOTO_WIDTH
    ? { ok: true, source, warning: messages().diagnostics.photoNarrow(source.src, source.width, MIN_PHOTO_WIDTH) }
    : { ok: true, source };
}

// Every folder on the way and the file itself: none may be a symbolic link (content is not
// followed out of its folder), and the file must be a file.
function checkPath(root: string, inside: string, src: string): string | undefined {
  const parts = inside.split(sep);
  let path = root;
  for (let i = 0; i < parts.length; i++) {
    path = join(path, parts[i]!);
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") return messages().diagnostics.photoUnreadable(src, code ?? String(error));
      const rest = src.replace(/^\.?\/?content\//, "");
      return messages().diagnostics.photoMissing(src, rest !== src ? rest : undefined);
    }
    if (stat.isSymbolicLink()) return messages().diagnostics.photoSymlink(src);
    if (i === parts.length - 1 && !stat.isFile()) return messages().diagnostics.photoNotAFile(src);
  }
  return undefined;
}

/**
 * sharp, loaded on the first photo: libvips costs a build without photos about 0.15 s of CPU and
 * 30 MB to load (docs/performance.md), and most archives have few photos or none.
 */
export async function loadSharp(): Promise<typeof import("sharp").default> {
  return (await import("sharp")).default;
}
