import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { countDays } from "../archive/days.ts";
import { sortDiagnostics } from "../content/diagnostics.ts";
import { SyncAhead } from "../content/article-survey.ts";
import { ArchiveStore } from "../content/store.ts";
import { preparePhotos } from "../images/prepare-photos.ts";
import { DEFAULT_CACHE_DIR, readStoreSnapshot } from "../publish/build-cache.ts";
import { buildDateFromEnvironment } from "../publish/build-date.ts";
import { countDiagnostics, countLabel, elapsed, printDiagnostics, printJson, reportStyle, type Summary } from "./report.ts";
import { messages } from "../i18n/messages.ts";
import { parseOptions, UsageError } from "./usage.ts";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * `depeche check [--content DIR] [--cache DIR | --no-cache] [--json] [--annotate]`: validates
 * everything, writes nothing. Exit 0 valid, 1 invalid.
 */
export async function runCheck(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    content: { type: "string", default: "content" },
    json: { type: "boolean", default: false },
    annotate: { type: "boolean", default: false },
    // The build's cache, read and never written: its store's snapshot spares reading unchanged files.
    cache: { type: "string", default: DEFAULT_CACHE_DIR },
    "no-cache": { type: "boolean", default: false },
  });
  // A mistyped folder is the command's mistake, not four missing registries of an archive.
  if (!statSync(values.content, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(messages().cli.contentFolderMissing(values.content));
  const start = performance.now();
  // The date a build would take, so that check and build hold back the same articles.
  const options = { contentDir: values.content, nowMs: buildDateFromEnvironment() ?? Date.now() };
  // The last build's store, brought up to date by the sync as a build brings it (git's blob ids,
  // then stats, then bytes): the same diagnostics as a store loaded from nothing, which any cache
  // of other code, of another folder, or unreadable gives instead.
  // The files listed, their stats taken and git asked while the snapshot is read (SyncAhead).
  const ahead = values["no-cache"] || !existsSync(values.cache) ? undefined : new SyncAhead(values.content);
  const snapshot = values["no-cache"] ? undefined : readStoreSnapshot(values.cache, projectRoot, values.content);
  const restored = snapshot && ArchiveStore.fromSnapshot(snapshot, options, { adopt: true });
  if (!restored) await ahead?.cancel();
  const store = restored || new ArchiveStore(options);
  await store.sync(undefined, {}, restored ? ahead : undefined);
  const loaded = store.result();
  // Photos are checked (not encoded) even when files have errors, theirs too when their src can be read.
  const photoUses = loaded.content?.articles ?? store.photoUses();
  // Checked as a build checks them, with the build's memo of the photos, read and never written: a photo git or its stat vouches for is not read.
  const photos = await preparePhotos(values.content, photoUses, {
    cacheDir: values["no-cache"] ? undefined : values.cache,
    encode: false,
    everyUse: loaded.content !== undefined,
    inIndex: store.filesInIndex(),
  });
  const result = { ...loaded, diagnostics: sortDiagnostics([...loaded.diagnostics, ...photos.diagnostics]) };
  const content = photos.diagnostics.some((d) => d.severity === "error") ? undefined : result.content;
  const summary: Summary & { topics?: number; sources?: number; days?: number } = {
    ok: content !== undefined,
    files: result.fileCount,
    // Of an archive with errors, the files valid on their own: how far it is from publishable.
    articles: content?.articles.length ?? store.articleEntries().filter((entry) => entry.article).length,
    ...countDiagnostics(result.diagnostics),
    seconds: Number(((performance.now() - start) / 1000).toFixed(3)),
    ...(content ? { topics: content.topics.length, sources: content.sources.length, days: countDays(content.articles) } : {}),
  };
  if (values.json) {
    printJson(summary, result.diagnostics);
    return summary.ok ? 0 : 1;
  }
  printDiagnostics(result.diagnostics, reportStyle(process.stderr, values.annotate));
  if (!content) {
    process.stderr.write(`depeche check: ${messages().cli.checkInvalid(countLabel(result.diagnostics), result.fileCount, elapsed(start))}\n`);
    return 1;
  }
  process.stdout.write(
    `depeche check: ${messages().cli.checkValid(summary.articles, summary.topics!, summary.sources!, summary.days!, summary.warnings, elapsed(start))}\n`,
  );
  return 0;
}
