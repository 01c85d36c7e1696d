/** The photos' part of a build: check every file, then encode what the cache lacks. */
import { existsSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { Diagnostics, sortDiagnostics, type Diagnostic } from "../content/diagnostics.ts";
import { unchangedInIndex } from "../content/git-files.ts";
import type { PhotoUse } from "../content/model.ts";
import { planDerivatives, type PhotoSet } from "./derivatives.ts";
import { encodePhotos, readPhotoMemo, savePhotoMemo } from "./encode-photos.ts";
import { inspectPhotos } from "./inspect-photos.ts";
import { commonFolder, listPhotoFiles, photoFolders } from "./photo-folders.ts";
import { messages } from "../i18n/messages.ts";

export interface PreparedPhotos {
  /** Errors and warnings about photo files, at the articles that show them. */
  diagnostics: Diagnostic[];
  /** Every photo's derivatives, by `src`, all in the cache; empty when there is an error. */
  sets: Map<string, PhotoSet>;
  encoded: number;
  cached: number;
  /** Photo files read (the others known from the memo: git's blob id or their stat). */
  read: number;
}

/**
 * Checks the photos of the articles (and of files with errors, as far as they can be read:
 * `ArchiveStore.photoUses`), and the other photo files of the photo folders (`photoFolders`), then,
 * when every one is valid (and `encode` is asked), makes sure each one's derivatives are in the
 * cache. A photo that fails to encode (damaged past its header) is an error at its articles, like
 * any other. The photo memo is read from the cache, and written back only by a build that encodes.
 */
export async function preparePhotos(
  contentDir: string,
  articles: readonly PhotoUse[],
  options: {
    /** The build's cache, whose photo memo spares reading unchanged files; undefined for none (`check --no-cache`). */
    cacheDir: string | undefined;
    encode: boolean;
    /** Whether the articles are every file that may show a photo (no file with errors): the photos none shows are then told. */
    everyUse: boolean;
    onProgress?: (done: number, total: number) => void;
    /** What git's index holds unchanged, when the store's sync asked it (`ArchiveStore.filesInIndex`); null when git could not tell. */
    inIndex?: ReadonlyMap<string, string> | null;
    /**
     * Only these articles' photos (a preview's save): the photo folders' other files are not looked
     * at, and the memo keeps what it knows of every other photo.
     */
    only?: boolean;
  },
): Promise<PreparedPhotos> {
  const files = options.only ? [] : listPhotoFiles(photoFolders(contentDir, articles));
  const some = files.length > 0 || articles.some((a) => a.image);
  const memo = options.cacheDir !== undefined && some ? readPhotoMemo(options.cacheDir) : undefined;
  const before = options.encode && memo && JSON.stringify([...memo]);
  const inIndex = memo && memo.size > 0 ? await photosInIndex(contentDir, articles, options.inIndex, files) : undefined;
  const inspection = await inspectPhotos(contentDir, articles, {
    ...(memo ? { memo } : {}),
    ...(inIndex ? { inIndex } : {}),
    files,
    everyUse: options.everyUse,
  });
  if (memo && options.cacheDir !== undefined && options.encode) {
    // Only the files still looked at are remembered: the memo never outgrows the archive.
    if (!options.only) for (const key of memo.keys()) if (!inspection.looked.has(key)) memo.delete(key);
    if (JSON.stringify([...memo]) !== before) savePhotoMemo(options.cacheDir, memo);
  }
  const none = { sets: new Map<string, PhotoSet>(), encoded: 0, cached: 0, read: inspection.read };
  if (!options.encode || options.cacheDir === undefined || inspection.diagnostics.some((d) => d.severity === "error"))
    return { diagnostics: inspection.diagnostics, ...none };
  const sets = [...inspection.photos.values()].map(planDerivatives);
  const result = await encodePhotos(sets, options.cacheDir, options.onProgress);
  if (result.failed.size === 0) {
    const prepared = new Map(sets.map((s) => [s.source.src, s]));
    return { diagnostics: inspection.diagnostics, sets: prepared, encoded: result.encoded, cached: result.cached, read: inspection.read };
  }
  const diagnostics = new Diagnostics();
  for (const article of articles) {
    const reason = article.image && result.failed.get(article.image.src);
    if (reason) diagnostics.error(article.sourcePath, article.image!.at, messages().diagnostics.photoUndecodable(article.image!.src, reason));
  }
  return { diagnostics: sortDiagnostics([...inspection.diagnostics, ...diagnostics.items]), ...none, encoded: result.encoded, cached: result.cached };
}

/**
 * The photo files git's index holds unchanged, with their blob ids: the store's answer when its
 * sync asked git (`ArchiveStore.filesInIndex`), else git asked here once, from the folder that
 * holds every photo, shown or not (by convention `images/`, not the articles). Undefined when git can't tell.
 */
export async function photosInIndex(
  contentDir: string,
  articles: readonly PhotoUse[],
  known: ReadonlyMap<string, string> | null | undefined,
  files: readonly string[] = [],
): Promise<ReadonlyMap<string, string> | undefined> {
  if (known !== undefined) return known ?? undefined;
  const root = resolve(contentDir);
  const folders = [...articles.flatMap((a) => (a.image ? [dirname(resolve(root, a.image.src))] : [])), ...files.map(dirname)];
  let folder = folders.length > 0 ? folders.reduce(commonFolder) : undefined;
  // A photo outside the content folder is an error of its own: git is not asked outside it.
  if (folder === undefined || (folder !== root && !folder.startsWith(root + sep))) folder = root;
  // The folder may not exist (every photo missing): nothing to vouch for then.
  return existsSync(folder) ? await unchangedInIndex(folder) : undefined;
}
