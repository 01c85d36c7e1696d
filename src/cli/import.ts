import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../content/diagnostics.ts";
import { CommandError } from "../files/file-errors.ts";
import type { ArchiveIndex } from "../wire/archive-index.ts";
import { importWireFile, type ImportOptions, type ImportOutcome } from "../wire/import-wire.ts";
import { photoFileProblem, type PhotoOption } from "../wire/attach-photo.ts";
import { photoMessages } from "../images/photo-messages.ts";
import { elapsed, plural, printDiagnostics, writeLine } from "./report.ts";
import { parseOptions, UsageError } from "./usage.ts";
import { openArchiveIndex, readDateOption, readTopicsOption, terminalStyle } from "./wire-options.ts";

/**
 * `depeche import FILE… [--date ISO] [--topics a,b] [--content DIR] [--image FILE --credit "…" --alt "…" [--caption "…"]]`:
 * wire copy to article files, one of them with its photo.
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
  if (positionals.length === 0) throw new UsageError("name the wire files to import, e.g. depeche import depeche.txt --date 2021-12-09");
  const image = readPhotoOptions(values, positionals);
  const start = performance.now();
  const index = await openArchiveIndex("import", values.content);
  if (!index) return 1;
  const options = {
    ...(values.date !== undefined ? { date: readDateOption(values.date, index) } : {}),
    ...(values.topics !== undefined ? { topics: readTopicsOption(values.topics, index) } : {}),
    ...(image ? { image } : {}),
  };

  const style = terminalStyle();
  let imported = 0;
  let failed = 0;
  const warnings: Diagnostic[] = [];
  const paths = expandFolders(positionals);
  for (const [i, path] of paths.entries()) {
    const outcome = importOrStop(path, index, options, { imported, left: paths.length - i - 1 });
    if (outcome.ok) {
      imported++;
      warnings.push(...outcome.warnings);
      printDiagnostics(outcome.warnings, style);
      const topics = outcome.topics.map((t) => t.label).join(", ");
      writeLine(process.stdout, `${outcome.path} (topics${outcome.suggested ? " suggested" : ""}: ${topics})`);
    } else {
      failed++;
      printDiagnostics(outcome.diagnostics, style);
    }
  }

  const summary = `depeche import: ${plural(imported, "article")} written, ${plural(failed, "file")} refused, ${plural(warnings.length, "warning")} (${elapsed(start)})`;
  if (failed > 0) {
    writeLine(process.stderr, `${summary}; nothing was written for the refused files`);
    return 1;
  }
  process.stdout.write(`${summary}\n`);
  return 0;
}

// A write that fails (disk full, read-only, a symbolic link) would fail for every file: the run
// stops there, saying how far it got.
function importOrStop(path: string, index: ArchiveIndex, options: ImportOptions, progress: { imported: number; left: number }): ImportOutcome {
  try {
    return importWireFile(path, index, options);
  } catch (error) {
    if (!(error instanceof CommandError) || (progress.imported === 0 && progress.left === 0)) throw error;
    throw new CommandError(`${error.message} (${plural(progress.imported, "article")} imported before it, ${plural(progress.left, "file")} left)`);
  }
}

// --image attaches one photo to one dispatch, with its credit and its description (both required
// on every photo); the file must be there and of a format `check` accepts.
function readPhotoOptions(values: { image?: string; credit?: string; alt?: string; caption?: string }, positionals: string[]): PhotoOption | undefined {
  if (values.image === undefined) {
    if (values.credit !== undefined || values.alt !== undefined || values.caption !== undefined) throw new UsageError(photoMessages.import.creditWithoutImage);
    return undefined;
  }
  if (positionals.length > 1 || expandFolders(positionals).length !== 1) throw new UsageError(photoMessages.import.oneArticle);
  if (!values.credit?.trim()) throw new UsageError(photoMessages.import.needsCredit);
  if (!values.alt?.trim()) throw new UsageError(photoMessages.import.needsAlt);
  const problem = photoFileProblem(values.image);
  if (problem) throw new CommandError(problem === "missing" ? photoMessages.import.notAFile(values.image) : photoMessages.import.format(values.image));
  return {
    file: values.image,
    credit: values.credit.trim(),
    alt: values.alt.trim(),
    ...(values.caption?.trim() ? { caption: values.caption.trim() } : {}),
  };
}

// A folder of wire copy is imported as its .txt files, in name order.
function expandFolders(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      // A missing file is reported by the import itself, with the others.
    }
    if (!isFolder) return [path];
    return readdirSync(path)
      .filter((name) => name.endsWith(".txt"))
      .sort()
      .map((name) => join(path, name));
  });
}
