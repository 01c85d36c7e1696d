/**
 * Encodes each photo's derivatives once, into a cache keyed by the digest of the photo's bytes:
 * an unchanged photo is never encoded again, by any build that shares the cache (CI keeps it
 * between runs). A photo's folder appears whole or not at all, so a killed build leaves no half.
 */
import { existsSync, linkSync, copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { hash } from "node:crypto";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import type { OutputInfo, Sharp } from "sharp";
import type { Derivative, PhotoFormat, PhotoSet } from "./derivatives.ts";
import { loadSharp, type PhotoMemo } from "./inspect-photos.ts";
import { ENCODING_VERSION, MAX_PHOTO_PIXELS } from "./photo-limits.ts";
import { isRunning } from "../files/process-running.ts";
import type { PhotoUse } from "../content/model.ts";

/** The photos' part of the build cache (`--cache`, `.depeche/cache` by default). */
export function photoCacheDir(cacheDir: string): string {
  return join(cacheDir, "images", `v${ENCODING_VERSION}`);
}

const MEMO_FILE = "sources.json";
// The memo's format: 2 keys each file by its path under the content folder and keeps its git
// blob id; 3 keeps each file's change time too; 4 says whether it holds a GPS position; 5 keeps
// every photo file looked at, shown by an article or not, damaged or of another format too, with
// its format; 6 is a first line, `{"format":6,"sum":…}`, whose sum is the sha1 of the photos'
// JSON on the second: a value changed in place (a width, a blob id, a GPS flag) fails it, and
// the memo is not trusted. A memo of another format (1 was a bare list, by absolute path) is
// ignored, never misread.
const MEMO_FORMAT = 6;

/**
 * The memo of the photo files read by earlier builds (see `inspectPhotos`); empty when there is
 * none, it can't be read, is of another format, or its photos fail their sum (damaged in place):
 * the photos are then read again, as the rest of the build cache does, when in doubt.
 */
export function readPhotoMemo(cacheDir: string): PhotoMemo {
  try {
    const bytes = readFileSync(join(photoCacheDir(cacheDir), MEMO_FILE));
    const line = bytes.indexOf(10);
    if (line === -1) return new Map();
    const head = JSON.parse(bytes.toString("utf8", 0, line)) as { format?: unknown; sum?: unknown };
    const body = bytes.subarray(line + 1);
    if (head.format !== MEMO_FORMAT || head.sum !== hash("sha1", body, "base64")) return new Map();
    const photos = JSON.parse(body.toString("utf8")) as unknown;
    return Array.isArray(photos) ? new Map(photos) : new Map();
  } catch {
    return new Map();
  }
}

/** Saves the memo, whole or not at all, with its sum: a lost or damaged memo only means the photos are read again. */
export function savePhotoMemo(cacheDir: string, memo: PhotoMemo): void {
  const root = photoCacheDir(cacheDir);
  mkdirSync(root, { recursive: true });
  const temporary = join(root, `.${MEMO_FILE}.${process.pid}`);
  const photos = JSON.stringify([...memo]);
  writeFileSync(temporary, `${JSON.stringify({ format: MEMO_FORMAT, sum: hash("sha1", photos, "base64") })}\n${photos}`);
  renameSync(temporary, join(root, MEMO_FILE));
}

export interface EncodeResult {
  encoded: number;
  cached: number;
  /** Photos that could not be encoded, by `src`, with libvips's reason. */
  failed: Map<string, string>;
}

// Quality for a news photo on screen, efforts for the two cores a CI runner has (measured on a
// 1600 × 900 photo at its four widths): AVIF's effort 1 takes half the time of 2 and a quarter of
// the default 4, for files 17 % larger than 2's; WebP's effort 2 a quarter of the default 4's time
// for the same size; mozjpeg would take ten times as long for a fallback few browsers fetch.
const OPTIONS: Record<PhotoFormat, (s: Sharp) => Sharp> = {
  avif: (s) => s.avif({ quality: 55, effort: 1 }),
  webp: (s) => s.webp({ quality: 75, effort: 2 }),
  jpeg: (s) => s.jpeg({ quality: 80 }),
};

/** Encodes the photos the cache lacks, a few at once; `onProgress` after each photo, cached or not. */
export async function encodePhotos(sets: readonly PhotoSet[], cacheDir: string, onProgress?: (done: number, total: number) => void): Promise<EncodeResult> {
  const root = photoCacheDir(cacheDir);
  const result: EncodeResult = { encoded: 0, cached: 0, failed: new Map() };
  const todo: PhotoSet[] = [];
  for (const set of sets) {
    if (existsSync(join(root, set.source.digest))) result.cached++;
    else todo.push(set);
  }
  let done = result.cached;
  if (done > 0) onProgress?.(done, sets.length);
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < todo.length) {
      const set = todo[next++]!;
      try {
        await encodePhoto(set, root);
        result.encoded++;
      } catch (error) {
        result.failed.set(set.source.src, (error as Error).message.split("\n")[0]!);
      }
      onProgress?.(++done, sets.length);
    }
  };
  // libvips runs each encoding on one thread here: one photo per core.
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), todo.length) }, work));
  return result;
}

async function encodePhoto(set: PhotoSet, root: string): Promise<void> {
  const { source } = set;
  // Decoded once, upright, in sRGB, without an alpha channel (JPEG has none); metadata (EXIF with
  // its GPS position, XMP, IPTC) stays behind, since sharp writes none unless asked.
  const sharp = await loadSharp();
  const { data, info } = await sharp(source.file, { failOn: "error", limitInputPixels: MAX_PHOTO_PIXELS })
    .autoOrient()
    .toColourspace("srgb")
    .flatten({ background: "#ffffff" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const temporary = join(root, `.${source.digest}.${process.pid}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(temporary, { recursive: true });
  try {
    for (const d of set.all) await encodeDerivative(sharp, data, info, d, join(temporary, d.name));
    try {
      renameSync(temporary, join(root, source.digest));
    } catch (error) {
      // Another build encoded it meanwhile: its folder is as good as ours.
      if (!existsSync(join(root, source.digest))) throw error;
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

// A photo's folder in the cache: the SHA-256 of its bytes (inspect-photos.ts).
const PHOTO_FOLDER = /^[0-9a-f]{64}$/;
// A folder being written (`.<digest>.<pid>-<random>`) or removed (`.<digest>.<pid>-gone`), and the memo's temporary file: by their process.
const WORK_FILE = /^\.(?:[0-9a-f]{64}|sources\.json)\.(\d+)(?:-[0-9a-z]+)?$/;

/**
 * How long a photo no build has shown stays in the cache: the preview and a build share it (the
 * preview shows drafts' photos, a build does not), as do builds with and without `--drafts`, and a
 * photo taken out and put back within the week is not encoded again.
 */
export const PHOTO_KEEP_MS = 7 * 24 * 3600 * 1000;

/**
 * Removes from the cache the photos no build has shown for `PHOTO_KEEP_MS`, so that a cache kept
 * between runs (CI's) holds what the archive shows, not every photo it ever showed: called once
 * a successful build's site is swapped in, when it needs the cache no more. The photos it shows
 * (`used`: their digests) are marked as shown now (their folder's time). A photo's folder is
 * renamed out of the way before it is removed, so a kill at any moment leaves each folder whole or
 * gone (the next build encodes it again if it comes back); what a killed build left (a
 * half-written folder, a half-removed one) goes too, never what a running process is writing.
 * Returns how many photos were removed.
 */
export function prunePhotoCache(cacheDir: string, used: ReadonlySet<string>, nowMs = Date.now()): number {
  const root = photoCacheDir(cacheDir);
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return 0; // no photos cached yet
  }
  let removed = 0;
  for (const name of names) {
    if (PHOTO_FOLDER.test(name)) {
      const folder = join(root, name);
      try {
        if (used.has(name)) {
          utimesSync(folder, nowMs / 1000, nowMs / 1000);
          continue;
        }
        if (nowMs - statSync(folder).mtimeMs < PHOTO_KEEP_MS) continue;
      } catch {
        continue; // removed meanwhile by another build
      }
      const gone = join(root, `.${name}.${process.pid}-gone`);
      try {
        renameSync(folder, gone);
      } catch {
        continue; // removed meanwhile by another build
      }
      rmSync(gone, { recursive: true, force: true });
      removed++;
      continue;
    }
    // A running build's work, this process's too (its threads may share the cache), is left to it.
    const work = WORK_FILE.exec(name);
    if (work && !isRunning(Number(work[1]))) rmSync(join(root, name), { recursive: true, force: true });
  }
  return removed;
}

function encodeDerivative(sharp: typeof import("sharp").default, data: Buffer, info: OutputInfo, d: Derivative, path: string): Promise<OutputInfo> {
  const image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).resize(
    d.width,
    d.height,
    d.ratio ? { fit: "cover", position: "centre" } : { fit: "fill" },
  );
  return OPTIONS[d.format](image).toFile(path);
}

/**
 * The photos the pages show, by `src`: those of the articles `shows` keeps (a build publishes a
 * draft's photo, or an embargoed article's, only with its article).
 */
export function shownPhotoSets<A extends PhotoUse>(
  articles: readonly A[],
  sets: ReadonlyMap<string, PhotoSet>,
  shows: (article: A) => boolean,
): Map<string, PhotoSet> {
  const shown = new Map<string, PhotoSet>();
  if (sets.size === 0) return shown;
  for (const article of articles) {
    const set = article.image && sets.get(article.image.src);
    if (set && shows(article)) shown.set(article.image!.src, set);
  }
  return shown;
}

/**
 * Puts the photos' derivatives into a site folder from the cache: hard links where the cache is
 * on the same disk (nothing copied), copies elsewhere.
 */
export function placePhotos(sets: readonly PhotoSet[], cacheDir: string, siteDir: string): number {
  const root = photoCacheDir(cacheDir);
  let files = 0;
  let link = true;
  for (const set of sets) {
    const folder = join(root, set.source.digest);
    mkdirSync(join(siteDir, dirname(set.all[0]!.url)), { recursive: true });
    for (const d of set.all) {
      const from = join(folder, d.name);
      const to = join(siteDir, d.url);
      if (link) {
        try {
          linkSync(from, to);
          files++;
          continue;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "EEXIST") continue; // a photo two sources share
          if (code !== "EXDEV" && code !== "EPERM" && code !== "EMLINK" && code !== "ENOTSUP") throw error;
          link = false;
        }
      }
      copyFileSync(from, to);
      files++;
    }
  }
  return files;
}
