import { loadContent } from "../content/load.ts";
import { countDays } from "../archive/days.ts";
import { parseOptions } from "./usage.ts";
import { countLabel, elapsed, plural, printDiagnostics } from "./report.ts";

/** `depeche check [--content DIR]`: validates everything, writes nothing. Exit 0 valid, 1 invalid. */
export async function runCheck(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, { content: { type: "string", default: "content" }, json: { type: "boolean", default: false } });
  const start = performance.now();
  const result = await loadContent({ contentDir: values.content });
  const seconds = (performance.now() - start) / 1000;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ok: result.content !== undefined, files: result.fileCount, seconds, diagnostics: result.diagnostics, ...(result.content ? summaryOf(result.content) : {}) }, null, 2)}\n`);
    return result.content ? 0 : 1;
  }
  printDiagnostics(result.diagnostics);
  if (!result.content) {
    process.stderr.write(`depeche check: ${countLabel(result.diagnostics)} in ${plural(result.fileCount, "article file")}; nothing was written (${elapsed(start)})\n`);
    return 1;
  }
  const s = summaryOf(result.content);
  process.stdout.write(`depeche check: ${plural(s.articles, "article")}, ${plural(s.topics, "topic")}, ${plural(s.sources, "source")}, ${plural(s.days, "day")} are valid; ${plural(s.warnings, "warning")} (${elapsed(start)})\n`);
  return 0;

  function summaryOf(content: NonNullable<typeof result.content>) {
    return {
      articles: content.articles.length,
      topics: content.topics.length,
      sources: content.sources.length,
      days: countDays(content.articles),
      warnings: result.diagnostics.length,
    };
  }
}
