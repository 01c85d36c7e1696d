import { buildSite, DEFAULT_CACHE_DIR } from "../publish/build-site.ts";
import { buildDateFromEnvironment, buildDateFromOption } from "../publish/build-date.ts";
import { CommandError } from "../files/file-errors.ts";
import { displayPath } from "../content/diagnostics.ts";
import { SITE_FOLDER } from "../files/output-folder.ts";
import { commandLine } from "../files/run-lock.ts";
import { isSiteAddress } from "../text/web-links.ts";
import { parseOptions, UsageError } from "./usage.ts";
import { countDiagnostics, countLabel, elapsed, printDiagnostics, printJson, reportStyle, writeLine, type Summary } from "./report.ts";
import { messages } from "../i18n/messages.ts";

/** `depeche build`: validates, then builds the site; exit 1 on invalid content with nothing written. */
export async function runBuild(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    content: { type: "string", default: "content" },
    out: { type: "string", default: SITE_FOLDER },
    drafts: { type: "boolean", default: false },
    "record-urls": { type: "boolean", default: false },
    "base-url": { type: "string" },
    json: { type: "boolean", default: false },
    annotate: { type: "boolean", default: false },
    // For quick previews and like-for-like timings against generators without search.
    "no-search": { type: "boolean", default: false },
    now: { type: "string" },
    // The state the next build starts from; --no-cache builds from scratch and keeps none.
    cache: { type: "string", default: DEFAULT_CACHE_DIR },
    "no-cache": { type: "boolean", default: false },
  });
  // Drafts are never published: recording their URLs would guard addresses no reader ever had.
  const say = messages().cli;
  const time = (ms: number): string => messages().seconds(ms / 1000);
  if (values["record-urls"] && values.drafts) throw new UsageError(say.recordUrlsWithDrafts());
  const nowMs = values.now !== undefined ? buildDateFromOption(values.now) : buildDateFromEnvironment();
  const baseUrl = values["base-url"];
  // It goes into every page's canonical link, og:url and JSON-LD: the same rule as site.yaml's baseUrl.
  if (baseUrl !== undefined && !isSiteAddress(baseUrl)) throw new CommandError(say.badBaseUrl(baseUrl), 2);
  const start = performance.now();
  const log = (line: string): void => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };
  // A live progress line only where a person watches: never in CI logs or pipes.
  const live = process.stderr.isTTY && !process.env.CI && !values.json;
  const result = await buildSite({
    contentDir: values.content,
    outDir: values.out,
    drafts: values.drafts,
    recordUrls: values["record-urls"],
    search: !values["no-search"],
    ...(values["no-cache"] ? {} : { cacheDir: values.cache }),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(nowMs !== undefined ? { nowMs } : {}),
    // Another build (CI, another terminal) into the same site or cache is refused, named.
    lock: { command: commandLine(["depeche", "build", ...argv]), onTakenOver: (line) => writeLine(process.stderr, `depeche build: ${line}`) },
    onPhase: (phase) => {
      if (phase.name === "loaded") log(`depeche build: ${say.buildRead(phase.files, time(phase.ms))}`);
      if (phase.name === "photos") {
        if (live) process.stderr.write("\r\x1b[K");
        log(`depeche build: ${say.buildPhotosEncoded(phase.encoded, phase.cached, time(phase.ms))}`);
      }
      if (phase.name === "planned")
        log(
          `depeche build: ${phase.of === undefined ? say.buildPlanned(phase.pages, time(phase.ms)) : say.buildPlannedSome(phase.pages, phase.of, time(phase.ms))}`,
        );
      if (phase.name === "written") {
        if (live) process.stderr.write("\r\x1b[K");
        log(`depeche build: ${say.buildWrote(phase.pages, time(phase.ms))}`);
      }
      if (phase.name === "published") log(`depeche build: ${say.buildPublished(phase.files, time(phase.ms))}`);
      if (phase.name === "incremental") log(`depeche build: ${say.buildIncremental(phase.changed, phase.removed, phase.outputs, time(phase.ms))}`);
      if (phase.name === "indexed") log(`depeche build: ${say.buildIndexed(phase.articles, phase.bundles, time(phase.ms))}`);
      // Said even with --quiet or --json: the next build will not be incremental.
      if (phase.name === "cache-unsaved")
        writeLine(process.stderr, `depeche build: warning: ${say.buildCacheUnsaved(displayPath(values.cache), phase.reason)}`);
    },
    // Encoding is slow the first time (about a second a photo): progress is shown wherever it runs,
    // live on a terminal, every tenth elsewhere.
    onPhoto: (done, total) => {
      if (live) process.stderr.write(`\r\x1b[Kdepeche build: ${say.buildPhotosReady(done, total)}`);
      else if (total >= 50 && done % Math.ceil(total / 10) === 0 && done < total) log(`depeche build: ${say.buildPhotosReady(done, total)}`);
    },
    onPage: (written, total) => {
      if (live && (written % 500 === 0 || written === total)) process.stderr.write(`\r\x1b[Kdepeche build: ${say.buildProgress(written, total)}`);
    },
  });
  if (values.json) {
    const summary: Summary & { pages: Record<string, number> } = {
      ok: result.ok,
      files: result.files,
      articles: result.articles ?? 0,
      ...countDiagnostics(result.diagnostics),
      seconds: Number((result.ms / 1000).toFixed(3)),
      pages: result.pages ?? {},
    };
    printJson(summary, result.diagnostics);
    return result.ok ? 0 : 1;
  }
  printDiagnostics(result.diagnostics, reportStyle(process.stderr, values.annotate));
  if (!result.ok) {
    writeLine(process.stderr, `depeche build: ${say.buildInvalid(countLabel(result.diagnostics), values.out, elapsed(start))}`);
    return 1;
  }
  // The article pages are the line's first count: the list gives the other pages.
  const kinds = Object.entries(result.pages!)
    .filter(([kind]) => kind !== "articles")
    .map(([kind, n]) => say.pageKind(kind, n))
    .join(", ");
  writeLine(process.stdout, `depeche build: ${say.buildDone(result.articles!, values.out, kinds, result.diagnostics.length, elapsed(start))}`);
  return 0;
}
