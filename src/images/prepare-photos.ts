/** The photos' part of a build: check every file, then encode what the cache lacks. */
import { Diagnostics, sortDiagnostics, type Diagnostic } from "../content/diagnostics.ts";
import type { Article } from "../content/model.ts";
import { planDerivatives, type PhotoSet } from "./derivatives.ts";
import { encodePhotos, readPhotoMemo, savePhotoMemo } from "./encode-photos.ts";
import { inspectPhotos } from "./inspect-photos.ts";
import { photoMessages } from "./photo-messages.ts";

export interface PreparedPhotos {
  /** Errors and warnings about photo files, at the articles that show them. */
  diagnostics: Diagnostic[];
  /** Every photo's derivatives, by `src`, all in the cache; empty when there is an error. */
  sets: Map<string, PhotoSet>;
  encoded: number;
  cached: number;
}

/**
 * Checks the photos of the articles, then, when every one is valid (and `encode` is asked), makes
 * sure each one's derivatives are in the cache. A photo that fails to encode (damaged past its
 * header) is an error at its articles, like any other.
 */
export async function preparePhotos(
  contentDir: string,
  articles: readonly Article[],
  options: { cacheDir: string; encode: boolean; onProgress?: (done: number, total: number) => void },
): Promise<PreparedPhotos> {
  const memo = options.encode && articles.some((a) => a.image) ? readPhotoMemo(options.cacheDir) : undefined;
  const before = memo && JSON.stringify([...memo]);
  const inspection = await inspectPhotos(contentDir, articles, memo);
  if (memo) {
    // Only the photos still shown are remembered: the memo never outgrows the archive.
    const shown = new Set([...inspection.photos.values()].map((p) => p.file));
    for (const file of memo.keys()) if (!shown.has(file)) memo.delete(file);
    if (JSON.stringify([...memo]) !== before) savePhotoMemo(options.cacheDir, memo);
  }
  const none = { sets: new Map<string, PhotoSet>(), encoded: 0, cached: 0 };
  if (!options.encode || inspection.diagnostics.some((d) => d.severity === "error")) return { diagnostics: inspection.diagnostics, ...none };
  const sets = [...inspection.photos.values()].map(planDerivatives);
  const result = await encodePhotos(sets, options.cacheDir, options.onProgress);
  if (result.failed.size === 0) {
    return { diagnostics: inspection.diagnostics, sets: new Map(sets.map((s) => [s.source.src, s])), encoded: result.encoded, cached: result.cached };
  }
  const diagnostics = new Diagnostics();
  for (const article of articles) {
    const reason = article.image && result.failed.get(article.image.src);
    if (reason) diagnostics.error(article.sourcePath, article.image!.at, photoMessages.undecodable(article.image!.src, reason));
  }
  return { diagnostics: sortDiagnostics([...inspection.diagnostics, ...diagnostics.items]), ...none, encoded: result.encoded, cached: result.cached };
}
