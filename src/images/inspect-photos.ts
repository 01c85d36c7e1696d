/**
 * Checks every article's photo file before anything is built: where it is, what it is, how big;
 * and every photo file of the photo folders, shown or not, for the GPS position the repository
 * gives away with it. Reading the header is enough for that; a photo damaged past its header is
 * caught when it is encoded (encode-photos.ts), with the same kind of error.
 */
import { createHash } from "node:crypto";
import { lstatSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Metadata } from "sharp";
import { Diagnostics, displayPath, FILE_START, sortDiagnostics, type Diagnostic } from "../content/diagnostics.ts";
import type { PhotoUse } from "../content/model.ts";
import { digestOf } from "../content/validate-files.ts";
import { MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, MAX_PHOTO_TALLNESS, MIN_PHOTO_WIDTH, PHOTO_FORMATS } from "./photo-limits.ts";
import { messages } from "../i18n/messages.ts";
import { exifHasGpsPosition } from "./exif.ts";
import { commonFolder } from "./photo-folders.ts";

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
  /** Errors and warnings, at each article that shows the photo, or at the photo's file. */
  diagnostics: Diagnostic[];
  /** How many photo files were read (the others were known from the memo). */
  read: number;
  /** The memo's keys of every file looked at, shown or not: what a memo keeps. */
  looked: Set<string>;
}

type Finding = { ok: true; source: PhotoSource; warnings: string[] } | { ok: false; error: string };

/**
 * What a photo file gave, by its path under the content folder (`/` between folders): the git
 * blob id of its bytes (`blob`), which git's index vouches for in any clone, and its stat (size,
 * modification and change times, inode, device: see `FileStat`), which vouches for it in the work
 * tree it was read in. Every file read is remembered, a damaged one or one of a format Dépêche
 * does not publish too, shown by an article or not: what it is is judged from these facts.
 */
export type PhotoMemo = Map<string, PhotoMemoEntry>;

export interface PhotoMemoEntry {
  /** Empty when its bytes were not read whole (a file over MAX_PHOTO_BYTES, known by its header). */
  blob: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
  /** SHA-256 of its bytes, hex; empty when they were not read whole. */
  digest: string;
  /** As shown, upright; 0 when it is no image. */
  width: number;
  height: number;
  /** As PHOTO_FORMATS names it (`photoFormat`); empty when sharp reads no image in it. */
  format: string;
  /** Whether its metadata gives the GPS position it was taken at. */
  gps?: true;
}

export interface InspectOptions {
  /** The build's memo (kept in its cache), updated in place. */
  memo?: PhotoMemo;
  /** The files git's index holds unchanged, by absolute path, with their blob ids (`unchangedInIndex`). */
  inIndex?: ReadonlyMap<string, string>;
  /** Photo files of the photo folders (absolute: `listPhotoFiles`), looked at too when no article shows them. */
  files?: readonly string[];
  /**
   * Whether the articles are every file that may show a photo (no file with errors, whose photo
   * might not be known): the files no article shows are then told, in one warning.
   */
  everyUse?: boolean;
}

// Header reads run on libuv's threads: a few at once keep them busy while this thread hashes.
const AT_ONCE = 8;

/**
 * Checks the photos of these articles (or files with errors); a photo several share is read once;
 * and the photo files no article shows (`files`), for what the repository gives away with them.
 * A GPS position is told at the photo's file, shown or not, once; the other problems at each
 * article that shows it. With a memo (the build's, kept in its cache), a file that is unchanged is
 * not read again: what it gave comes from the memo, which is updated in place. Unchanged means
 * git's index holds it unchanged with the memo's blob id (a fresh clone: new inodes and times,
 * the same ids), else the same stat as when it was read.
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
  const shown = new Set(srcs.map((src) => resolve(root, src)));
  const unshown = (options.files ?? []).filter((file) => !shown.has(file));
  const findings = new Map<string, Finding>();
  const gps = new Set<string>();
  const looked = new Set<string>();
  const counts = { read: 0 };
  const jobs = [...srcs.map((src) => ({ src })), ...unshown.map((file) => ({ file }))];
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      if ("src" in job) findings.set(job.src, await inspectPhoto(root, job.src, options, counts, gps, looked));
      // What it is matters only for its position: a file no article shows is no article's error.
      else await factsOf(root, job.file, options, counts, gps, looked);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, jobs.length) }, work));

  const diagnostics = new Diagnostics();
  const photos = new Map<string, PhotoSource>();
  for (const [src, finding] of findings) {
    for (const article of users.get(src)!) {
      if (!finding.ok) diagnostics.error(article.sourcePath, article.image!.at, finding.error);
      else for (const warning of finding.warnings) diagnostics.warning(article.sourcePath, article.image!.at, warning);
    }
    if (finding.ok) photos.set(src, finding.source);
  }
  // The repository publishes the original with its position, whether an article shows it or not.
  for (const file of gps) diagnostics.warning(displayPath(file), FILE_START, messages().diagnostics.photoHasGps(memoKey(root, file)), "photoHasGps");
  if (options.everyUse && unshown.length > 0) {
    const folder = unshown.map(dirname).reduce(commonFolder);
    diagnostics.warning(displayPath(folder), FILE_START, messages().diagnostics.photoUnused(unshown.map((file) => memoKey(root, file))), "photoUnused");
  }
  return { photos, diagnostics: sortDiagnostics(diagnostics.items), read: counts.read, looked };
}

/** A photo file's key in the memo: its path under the content folder, the same in every clone. */
export function memoKey(root: string, file: string): string {
  const inside = relative(root, file);
  return sep === "/" ? inside : inside.split(sep).join("/");
}

async function inspectPhoto(
  root: string,
  src: string,
  options: InspectOptions,
  counts: { read: number },
  gps: Set<string>,
  looked: Set<string>,
): Promise<Finding> {
  const file = resolve(root, src);
  const inside = relative(root, file);
  if (isAbsolute(src) || inside === "" || inside.startsWith("..") || isAbsolute(inside))
    return { ok: false, error: messages().diagnostics.photoOutsideContent(src) };
  // The blob id git vouches for is the memo's: the bytes read then, with no stat or read of ours.
  // Nor are the path's folders looked at: git vouches only for a regular file, and reports one
  // reached through a symbolic link (the file's or a folder's) as modified.
  if (!vouchedByGit(root, file, options)) {
    const problem = checkPath(root, inside, src);
    if (problem) return { ok: false, error: problem };
  }
  const facts = await factsOf(root, file, options, counts, gps, looked);
  if ("unreadable" in facts) return { ok: false, error: messages().diagnostics.photoUnreadable(src, facts.unreadable) };
  return judge(src, file, facts);
}

// What a file's facts make of it as an article's photo: an error, or the photo and its warnings.
function judge(src: string, file: string, facts: PhotoMemoEntry): Finding {
  const error = refusalOf(src, facts);
  if (error !== undefined) return { ok: false, error };
  const { width, height, digest } = facts;
  // The derivatives never carry the position (encode-photos.ts): told at the file, the archive still builds.
  const say = messages().diagnostics;
  const warnings = [
    ...(width < MIN_PHOTO_WIDTH ? [say.photoNarrow(src, width, MIN_PHOTO_WIDTH)] : []),
    ...(height > MAX_PHOTO_TALLNESS * width ? [say.photoTall(src, width, height)] : []),
  ];
  return { ok: true, source: { src, file, digest, width, height }, warnings };
}

// Why a file of these facts can't be an article's photo, or undefined.
function refusalOf(src: string, { size, format, width, height }: Pick<PhotoMemoEntry, "size" | "format" | "width" | "height">): string | undefined {
  const say = messages().diagnostics;
  if (size > MAX_PHOTO_BYTES) return say.photoTooLarge(src, size, MAX_PHOTO_BYTES);
  if (format === "") return say.photoCorrupt(src);
  if (!(PHOTO_FORMATS as readonly string[]).includes(format)) return say.photoUnsupported(src, format, PHOTO_FORMATS);
  if (width * height > MAX_PHOTO_PIXELS) return say.photoTooManyPixels(src, width, height, MAX_PHOTO_PIXELS);
  return undefined;
}

// The memo's facts of a file git's index holds unchanged with the blob id they were read from.
function vouchedByGit(root: string, file: string, { memo, inIndex }: InspectOptions): PhotoMemoEntry | undefined {
  const known = memo?.get(memoKey(root, file));
  return known && known.blob !== "" && inIndex?.get(file) === known.blob ? known : undefined;
}

function noteFacts(root: string, file: string, facts: PhotoMemoEntry, gps: Set<string>, looked: Set<string>): void {
  looked.add(memoKey(root, file));
  if (facts.gps) gps.add(file);
}

/**
 * What a photo file is (a regular file: its path was checked): from the memo when git's index or
 * its stat vouches for it, else read, and remembered. A file over MAX_PHOTO_BYTES is known by its
 * header only (sharp reads it from the file): an article's is refused, but its position is still
 * told (a TIFF's given in its tags, rather than in XMP, is then not seen). When it can't be read,
 * the error's code.
 */
async function factsOf(
  root: string,
  file: string,
  options: InspectOptions,
  counts: { read: number },
  gps: Set<string>,
  looked: Set<string>,
): Promise<PhotoMemoEntry | { unreadable: string }> {
  const { memo } = options;
  const key = memoKey(root, file);
  const vouched = vouchedByGit(root, file, options);
  if (vouched) {
    noteFacts(root, file, vouched, gps, looked);
    return vouched;
  }
  const known = memo?.get(key);
  let facts: PhotoMemoEntry;
  try {
    const { size, mtimeMs, ctimeMs, ino, dev } = lstatSync(file);
    const stat = { size, mtimeMs, ctimeMs, ino, dev };
    if (known && known.size === size && known.mtimeMs === mtimeMs && known.ctimeMs === ctimeMs && known.ino === ino && known.dev === dev) facts = known;
    else {
      counts.read++;
      const bytes = size > MAX_PHOTO_BYTES ? undefined : readFileSync(file);
      facts = { ...stat, ...(await readPhoto(bytes ?? file)) };
    }
  } catch (error) {
    return { unreadable: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  memo?.set(key, facts);
  noteFacts(root, file, facts, gps, looked);
  return facts;
}

// What sharp and the Exif say of a photo's bytes (or of its file's header, given its path).
async function readPhoto(input: Buffer | string): Promise<Omit<PhotoMemoEntry, "size" | "mtimeMs" | "ctimeMs" | "ino" | "dev">> {
  const bytes = typeof input === "string" ? undefined : input;
  // The blob id as git would give these bytes, computed from them: whatever git's filters would make of the file, it is theirs.
  const read = bytes ? { blob: digestOf(bytes), digest: createHash("sha256").update(bytes).digest("hex") } : { blob: "", digest: "" };
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return { ...read, width: 0, height: 0, format: "" };
  }
  const { width, height } = meta.autoOrient;
  // sharp gives no Exif of a TIFF: its tags, GPS's among them, are the file's own first IFD.
  const exif = meta.format === "tiff" ? bytes : meta.exif;
  const gps = (exif !== undefined && exifHasGpsPosition(exif)) || xmpHasGpsPosition(meta.xmp);
  return { ...read, width, height, format: photoFormat(meta), ...(gps ? { gps } : {}) };
}

/**
 * Why these bytes can't be an article's photo, read the one way `check` reads the archive's
 * (`readPhoto`, `refusalOf`: a format Dépêche publishes, not too large, not more pixels than
 * allowed), or undefined: `import --image` asks before it writes anything. `src` names the photo.
 */
export async function photoRefusal(src: string, bytes: Buffer): Promise<string | undefined> {
  return refusalOf(src, { size: bytes.length, ...(await readPhoto(bytes)) });
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
