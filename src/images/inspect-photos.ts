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
import type { PhotoUse } from "../content/model.ts";
import { digestOf } from "../content/validate-files.ts";
import { MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, MIN_PHOTO_WIDTH, PHOTO_FORMATS } from "./photo-limits.ts";
import { messages } from "../i18n/messages.ts";
import { exifHasGpsPosition } from "./exif.ts";

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
  /** How many photo files were read (the others were known from the memo). */
  read: number;
}

type Finding = { ok: true; source: PhotoSource; warnings: string[] } | { ok: false; error: string };

/**
 * What a valid photo's file gave, by its path under the content folder (`/` between folders): the
 * git blob id of its bytes (`blob`), which git's index vouches for in any clone, and its stat
 * (size, modification and change times, inode, device: see `FileStat`), which vouches for it in
 * the work tree it was read in.
 */
export type PhotoMemo = Map<string, PhotoMemoEntry>;

export interface PhotoMemoEntry {
  blob: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
  digest: string;
  width: number;
  height: number;
  /** Whether its metadata gives the GPS position it was taken at. */
  gps?: true;
}

export interface InspectOptions {
  /** The build's memo (kept in its cache), updated in place. */
  memo?: PhotoMemo;
  /** The files git's index holds unchanged, by absolute path, with their blob ids (`unchangedInIndex`). */
  inIndex?: ReadonlyMap<string, string>;
}

// Header reads run on libuv's threads: a few at once keep them busy while this thread hashes.
const AT_ONCE = 8;

/**
 * Checks the photos of these articles (or files with errors); a photo several share is read once. With a memo
 * (the build's, kept in its cache), a valid photo whose file is unchanged is not read again: its
 * digest and size come from the memo, which is updated in place. Unchanged means git's index
 * holds it unchanged with the memo's blob id (a fresh clone: new inodes and times, the same ids),
 * else the same stat as when it was read.
 */
export async function inspectPhotos(contentDir: string, articles: readonly PhotoUse[], options: InspectOptions = {}): Promise<PhotoInspection> {
  const root = resolve(contentDir);
  const users = new Map<string, PhotoUse[]>();
  for (const article of articles) {
    if (!article.image) continue;
    const list = users.get(article.image.src) ?? [];
    list.push(article);
    users.set(article.image.src, list);
  }
  const srcs = [...users.keys()];
  const findings = new Map<string, Finding>();
  const counts = { read: 0 };
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < srcs.length) {
      const src = srcs[next++]!;
      findings.set(src, await inspectPhoto(root, src, options, counts));
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, srcs.length) }, work));

  const diagnostics = new Diagnostics();
  const photos = new Map<string, PhotoSource>();
  for (const [src, finding] of findings) {
    for (const article of users.get(src)!) {
      if (!finding.ok) diagnostics.error(article.sourcePath, article.image!.at, finding.error);
      else for (const warning of finding.warnings) diagnostics.warning(article.sourcePath, article.image!.at, warning);
    }
    if (finding.ok) photos.set(src, finding.source);
  }
  return { photos, diagnostics: sortDiagnostics(diagnostics.items), read: counts.read };
}

/** A photo file's key in the memo: its path under the content folder, the same in every clone. */
export function memoKey(root: string, file: string): string {
  const inside = relative(root, file);
  return sep === "/" ? inside : inside.split(sep).join("/");
}

async function inspectPhoto(root: string, src: string, { memo, inIndex }: InspectOptions, counts: { read: number }): Promise<Finding> {
  const file = resolve(root, src);
  const inside = relative(root, file);
  if (isAbsolute(src) || inside === "" || inside.startsWith("..") || isAbsolute(inside))
    return { ok: false, error: messages().diagnostics.photoOutsideContent(src) };
  const key = memoKey(root, file);
  const known = memo?.get(key);
  // The blob id git vouches for is the memo's: the bytes read then, with no stat or read of ours.
  // Nor are the path's folders looked at: git vouches only for a regular file, and reports one
  // reached through a symbolic link (the file's or a folder's) as modified.
  if (known && inIndex?.get(file) === known.blob) {
    if (known.size > MAX_PHOTO_BYTES) return { ok: false, error: messages().diagnostics.photoTooLarge(src, known.size, MAX_PHOTO_BYTES) };
    return found({ src, file, digest: known.digest, width: known.width, height: known.height }, known.gps === true);
  }
  const problem = checkPath(root, inside, src);
  if (problem) return { ok: false, error: problem };
  let bytes: Buffer;
  let stat: { size: number; mtimeMs: number; ctimeMs: number; ino: number; dev: number };
  try {
    const { size, mtimeMs, ctimeMs, ino, dev } = lstatSync(file);
    stat = { size, mtimeMs, ctimeMs, ino, dev };
    if (size > MAX_PHOTO_BYTES) return { ok: false, error: messages().diagnostics.photoTooLarge(src, size, MAX_PHOTO_BYTES) };
    if (known && known.size === size && known.mtimeMs === mtimeMs && known.ctimeMs === ctimeMs && known.ino === ino && known.dev === dev)
      return found({ src, file, digest: known.digest, width: known.width, height: known.height }, known.gps === true);
    counts.read++;
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
  const format = photoFormat(meta);
  if (!(PHOTO_FORMATS as readonly string[]).includes(format)) return { ok: false, error: messages().diagnostics.photoUnsupported(src, format, PHOTO_FORMATS) };
  if (meta.width * meta.height > MAX_PHOTO_PIXELS)
    return { ok: false, error: messages().diagnostics.photoTooManyPixels(src, meta.width, meta.height, MAX_PHOTO_PIXELS) };
  const { width, height } = meta.autoOrient;
  const digest = createHash("sha256").update(bytes).digest("hex");
  // sharp gives no Exif of a TIFF: its tags, GPS's among them, are the file's own first IFD.
  const gps = exifHasGpsPosition(meta.format === "tiff" ? bytes : (meta.exif ?? Buffer.alloc(0))) || xmpHasGpsPosition(meta.xmp);
  // The blob id as git would give these bytes, computed from them: whatever git's filters would make of the file, it is theirs.
  memo?.set(key, { blob: digestOf(bytes), ...stat, digest, width, height, ...(gps ? { gps } : {}) });
  return found({ src, file, digest, width, height }, gps);
}

/** A photo's format as PHOTO_FORMATS names it: sharp reads an AVIF as HEIF compressed with AV1. */
export function photoFormat(meta: Pick<Metadata, "format" | "compression">): string {
  return meta.format === "heif" && meta.compression === "av1" ? "avif" : meta.format;
}

// A position given in XMP alone, as Lightroom and Photoshop write it (an attribute or an element).
const XMP_GPS = /exif:GPS(?:Latitude|Longitude)\s*(?:=\s*["'][^"']|>\s*[^<\s])/;

/** Whether a photo's XMP packet gives a GPS position. */
export function xmpHasGpsPosition(xmp: Buffer | undefined): boolean {
  return xmp !== undefined && XMP_GPS.test(xmp.toString("utf8"));
}

// The derivatives never carry the position (encode-photos.ts): a warning, the archive still builds.
function found(source: PhotoSource, gps: boolean): Finding {
  const warnings: string[] = [];
  if (source.width < MIN_PHOTO_WIDTH) warnings.push(messages().diagnostics.photoNarrow(source.src, source.width, MIN_PHOTO_WIDTH));
  if (gps) warnings.push(messages().diagnostics.photoHasGps(source.src));
  return { ok: true, source, warnings };
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
