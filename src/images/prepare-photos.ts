/** The photos' part of a build: check every file, then encode what the cache lacks. */
import { existsSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { Diagnostics, sortDiagnostics, type Diagnostic } from "../content/diagnostics.ts";
import { unchangedInIndex } from "../content/git-files.ts";
import type { PhotoUse } from "../content/model.ts";
import { planDerivatives, type PhotoSet } from "./derivatives.ts";
import { encodePhotos, readPhotoMemo, savePhotoMemo } from "./encode-photos.ts";
import { inspectPhotos, memoKey } from "./inspect-photos.ts";
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
 * `ArchiveStore.photoUses`), then, when every one is valid (and `encode` is asked), makes
 * sure each one's derivatives are in the cache. A photo that fails to encode (damaged past its
 * header) is an error at its articles, like any other.
 */
export async function preparePhotos(
  contentDir: string,
  articles: readonly PhotoUse[],
  options: {
    cacheDir: string;
    encode: boolean;
    onProgress?: (done: number, total: number) => void;
    /** What git's index holds unchanged, when the store's sync asked it (`ArchiveStore.filesInIndex`); null when git could not tell. */
    inIndex?: ReadonlyMap<string, string> | null;
  },
): Promise<PreparedPhotos> {
  const memo = options.encode && articles.some((a) => a.image) ? readPhotoMemo(options.cacheDir) : undefined;
  const before = memo && JSON.stringify([...memo]);
  const inIndex = memo && memo.size > 0 ? await photosInIndex(contentDir, articles, options.inIndex) : undefined;
  const inspection = await inspectPhotos(contentDir, articles, { ...(memo ? { memo } : {}), ...(inIndex ? { inIndex } : {}) });
  if (memo) {
    // Only the photos still shown are remembered: the memo never outgrows the archive.
    const root = resolve(contentDir);
    const shown = new Set([...inspection.photos.values()].map((p) => memoKey(root, p.file)));
    for (const key of memo.keys()) if (!shown.has(key)) memo.delete(key);
    if (JSON.stringify([...memo]) !== before) savePhotoMemo(options.cacheDir, memo);
  }
  const none = { sets: new Map<string, PhotoSet>(), encoded: 0, cached: 0, read: inspection.read };
  if (!options.encode || inspection.diagnostics.some((d) => d.severity === "error")) return { diagnostics: inspection.diagnostics, ...none };
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
 * holds every photo (by convention `images/`, not the articles). Undefined when git can't tell.
 */
export async function photosInIndex(
  contentDir: string,
  articles: readonly PhotoUse[],
  known: ReadonlyMap<string, string> | null | undefined,
): Promise<ReadonlyMap<string, string> | undefined> {
  if (known !== undefined) return known ?? undefined;
  const root = resolve(contentDir);
  let folder: string | undefined;
  for (const article of articles) {
    if (!article.image) continue;
    const dir = dirname(resolve(root, article.image.src));
    folder = folder === undefined ? dir : commonFolder(folder, dir);
  }
  // A photo outside the content folder is an error of its own: git is not asked outside it.
  if (folder === undefined || (folder !== root && !folder.startsWith(root + sep))) folder = root;
  // The folder may not exist (every photo missing): nothing to vouch for then.
  return existsSync(folder) ? await unchangedInIndex(folder) : undefined;
}

function commonFolder(a: string, b: string): string {
  while (a !== b && !b.startsWith(a + sep)) {
    const up = dirname(a);
    if (up === a) return a;
    a = up;
  }
  return a;
}
