import { lstatSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { CommandError } from "../files/file-errors.ts";
import { Diagnostics, FILE_START } from "../content/diagnostics.ts";
import { display, readArchiveIndex, type ArchiveIndex } from "../wire/archive-index.ts";
import { importWireFile, type ImportOptions, type ImportOutcome } from "../wire/import-wire.ts";
import { photoFileProblem, type PhotoOption } from "../wire/attach-photo.ts";
import { elapsed, printDiagnostics, writeLine } from "./report.ts";
import { messages } from "../i18n/messages.ts";
import { parseOptions, UsageError } from "./usage.ts";
import { articleNow, readArticleOptions, terminalStyle } from "./wire-options.ts";
import { buildDateFromEnvironment } from "../publish/build-date.ts";
import { readContentFile } from "../content/read-text.ts";
import { PHOTO_LIMIT } from "../images/photo-limits.ts";

/**
 * `depeche import FILE… [--date ISO] [--topics a,b] [--content DIR] [--image FILE --credit "…" --alt "…" [--caption "…"]]`:
 * wire copy to article files, one of them with its photo. Without --date, each is dated now
 * (SOURCE_DATE_EPOCH, else the clock) on the site's clock, to the minute, with a warning.
 * A folder stands for the .txt files in it. Exit 0 when every file was imported, 1 when any was refused.
 */
export async function runImport(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      date: { type: "string" },
      topics: { type: "string" },
      content: { type: "string", default: "content" },
      image: { type: "string" },
      credit: { type: "string" },
      alt: { type: "string" },
      caption: { type: "string" },
    },
    true,
  );
  const say = messages().cli;
  if (positionals.length === 0) throw new UsageError(say.importNeedsFiles());
  const image = await readPhotoOptions(values, positionals);
  const start = performance.now();
  const index = await openArchiveIndex(values.content);
  if (!index) return 1;
  const { date, topics, problems, note } = readArticleOptions(values, index);
  if (problems.length > 0) throw new UsageError(...(problems as [string, ...string[]]));
  if (note) writeLine(process.stderr, `depeche import: ${note}`);
  // Raw wire copy carries no date: without --date, now, as the other commands take it, and each file says so.
  const dated = date !== undefined ? { date } : { date: articleNow(buildDateFromEnvironment() ?? Date.now(), index.site.timezone), datedNow: true as const };
  const options: ImportOptions = { ...dated, ...(topics ? { topics } : {}), ...(image ? { image } : {}) };

  const style = terminalStyle();
  let imported = 0;
  let failed = 0;
  // Every warning printed is counted, a refused file's too.
  let warnings = 0;
  const { paths, folders } = expandFolders(positionals);
  printDiagnostics(folders.items, style);
  warnings += folders.items.filter((d) => d.severity === "warning").length;
  failed += folders.items.filter((d) => d.severity === "error").length;
  for (const [i, path] of paths.entries()) {
    const outcome = importOrStop(path, index, options, { imported, left: paths.length - i - 1 });
    const printed = outcome.ok ? outcome.warnings : outcome.diagnostics;
    warnings += printed.filter((d) => d.severity === "warning").length;
    printDiagnostics(printed, style);
    if (outcome.ok) {
      imported++;
      const topics = outcome.topics.map((t) => t.label).join(", ");
      writeLine(process.stdout, say.imported(outcome.path, topics, outcome.suggested));
      if (image?.metadataRemoved && outcome.article.image)
        writeLine(process.stdout, say.photoMetadataRemoved(display(join(index.root, outcome.article.image.src))));
    } else failed++;
  }

  const summary = `depeche import: ${say.importSummary(imported, failed, warnings, elapsed(start))}`;
  if (failed > 0) {
    writeLine(process.stderr, say.importRefused(summary));
    return 1;
  }
  process.stdout.write(`${summary}\n`);
  return 0;
}

// The archive's index, or nothing (errors printed) when its registries or folders are broken.
async function openArchiveIndex(contentDir: string): Promise<ArchiveIndex | undefined> {
  const read = await readArchiveIndex(contentDir);
  if (read.ok) return read.index;
  printDiagnostics(read.diagnostics, terminalStyle());
  writeLine(process.stderr, `depeche import: ${messages().cli.nothingWritten(messages().cli.contentNotReady(contentDir))}`);
  return undefined;
}

// A write that fails (disk full, read-only, a symbolic link) would fail for every file: the run
// stops there, saying how far it got.
function importOrStop(path: string, index: ArchiveIndex, options: ImportOptions, progress: { imported: number; left: number }): ImportOutcome {
  try {
    return importWireFile(path, index, options);
  } catch (error) {
    if (!(error instanceof CommandError) || (progress.imported === 0 && progress.left === 0)) throw error;
    throw new CommandError(messages().cli.importStopped(error.message, progress.imported, progress.left));
  }
}

// --image attaches one photo to one dispatch, with its credit and its description (both required
// on every photo); the file must be there and of a format `check` accepts. Its private metadata
// (GPS position, camera, author) is removed before it enters content/, which is often public.
async function readPhotoOptions(
  values: { image?: string; credit?: string; alt?: string; caption?: string },
  positionals: string[],
): Promise<PhotoOption | undefined> {
  if (values.image === undefined) {
    if (values.credit !== undefined || values.alt !== undefined || values.caption !== undefined) throw new UsageError(messages().cli.imageCreditWithoutImage());
    return undefined;
  }
  if (positionals.length > 1 || expandFolders(positionals).paths.length !== 1) throw new UsageError(messages().cli.imageOneArticle());
  if (!values.credit?.trim()) throw new UsageError(messages().cli.imageNeedsCredit());
  if (!values.alt?.trim()) throw new UsageError(messages().cli.imageNeedsAlt());
  const bytes = await readPhoto(values.image);
  // Loaded with --image only: sharp, which re-encodes an AVIF or a TIFF, costs an import without a photo its load.
  const { stripPhotoMetadata } = await import("../images/photo-metadata.ts");
  const stripped = await stripPhotoMetadata(bytes);
  return {
    file: values.image,
    bytes: stripped.bytes,
    metadataRemoved: stripped.removed,
    credit: values.credit.trim(),
    alt: values.alt.trim(),
    ...(values.caption?.trim() ? { caption: values.caption.trim() } : {}),
  };
}

// The photo, read as a content file is (never through a symbolic link, a regular file, its size
// checked before a byte is read) and checked as `check` checks the archive's photos, before anything
// is written: what `import` copies into content/ is never what the next `check` refuses.
async function readPhoto(file: string): Promise<Buffer> {
  const say = messages().cli;
  // A link's target is never opened, nor a FIFO's writer waited for; a file over the limit is not read.
  const read = readContentFile(file, PHOTO_LIMIT);
  if (!read.ok && read.link) throw new CommandError(say.imageSymlink(file));
  const problem = photoFileProblem(file);
  if (problem === "missing") throw new CommandError(say.imageNotAFile(file));
  if (problem === "format") throw new CommandError(say.imageFormat(file));
  // A photo over its limit is told at its path, with its size, the limit and how to export it smaller.
  if (!read.ok) throw new CommandError(say.imageUnreadable(file, read.message));
  const { photoRefusal } = await import("../images/inspect-photos.ts");
  const refusal = await photoRefusal(file, read.bytes);
  if (refusal !== undefined) throw new CommandError(say.imageRefused(refusal));
  return read.bytes;
}

// A folder of wire copy is imported as its .txt files (`.TXT` from Windows too), in name order.
// What else it holds is said, never passed over in silence; a folder without one is refused.
function expandFolders(paths: readonly string[]): { paths: string[]; folders: Diagnostics } {
  const folders = new Diagnostics();
  const files = paths.flatMap((path) => {
    let isFolder = false;
    try {
      // A symbolic link is not followed, to a folder no more than to a file: its files would be
      // read from wherever it points. "link/" names what the link points to: its slashes are cut.
      const stats = lstatSync(path.replace(/(?<=[^/])\/+$/, ""));
      if (stats.isSymbolicLink()) {
        if (!folderLink(path)) return [path];
        folders.error(display(path), FILE_START, messages().wire.folderSymlink());
        return [];
      }
      isFolder = stats.isDirectory();
    } catch {
      // A missing file is reported by the import itself, with the others.
    }
    if (!isFolder) return [path];
    const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const wire = entries.filter((e) => !e.isDirectory() && /\.txt$/i.test(e.name));
    const skipped = entries.filter((e) => !wire.includes(e) && !e.name.startsWith("."));
    if (wire.length === 0) folders.error(display(path), FILE_START, messages().wire.folderWithoutWire());
    else if (skipped.length > 0)
      folders.warning(display(path), FILE_START, messages().wire.folderSkips(skipped.map((e) => (e.isDirectory() ? `${e.name}/` : e.name))), "folderSkips");
    return wire.map((e) => join(path, e.name));
  });
  return { paths: files, folders };
}

/** Whether a symbolic link points to a folder (a link to a file is refused with the files, as a wire file's read). */
function folderLink(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
