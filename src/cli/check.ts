import { countDays } from "../archive/days.ts";
import { sortDiagnostics } from "../content/diagnostics.ts";
import { ArchiveStore } from "../content/store.ts";
import { inspectPhotos } from "../images/inspect-photos.ts";
import { buildDateFromEnvironment } from "../publish/build-date.ts";
import { countDiagnostics, countLabel, elapsed, plural, printDiagnostics, printJson, reportStyle, type Summary } from "./report.ts";
import { parseOptions } from "./usage.ts";

/** `depeche check [--content DIR] [--json] [--annotate]`: validates everything, writes nothing. Exit 0 valid, 1 invalid. */
export async function runCheck(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    content: { type: "string", default: "content" },
    json: { type: "boolean", default: false },
    annotate: { type: "boolean", default: false },
  });
  const start = performance.now();
  // The date a build would take, so that check and build hold back the same articles.
  const store = new ArchiveStore({ contentDir: values.content, nowMs: buildDateFromEnvironment() ?? Date.now() });
  await store.sync();
  const loaded = store.result();
  // Photos are checked (not encoded) for every valid article, even when other files have errors.
  const articles = loaded.content?.articles ?? store.articleEntries().flatMap((e) => (e.article ? [e.article] : []));
  const photos = await inspectPhotos(values.content, articles);
  const result = { ...loaded, diagnostics: sortDiagnostics([...loaded.diagnostics, ...photos.diagnostics]) };
  const content = photos.diagnostics.some((d) => d.severity === "error") ? undefined : result.content;
  const summary: Summary & { topics?: number; sources?: number; days?: number } = {
    ok: content !== undefined,
    files: result.fileCount,
    articles: content?.articles.length ?? 0,
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
    process.stderr.write(
      `depeche check: ${countLabel(result.diagnostics)} in ${plural(result.fileCount, "article file")}; nothing was written (${elapsed(start)})\n`,
    );
    return 1;
  }
  process.stdout.write(
    `depeche check: ${plural(summary.articles, "article")}, ${plural(summary.topics!, "topic")}, ${plural(summary.sources!, "source")}, ${plural(summary.days!, "day")} are valid; ${plural(summary.warnings, "warning")} (${elapsed(start)})\n`,
  );
  return 0;
}
