import { buildSite, DEFAULT_CACHE_DIR } from "../publish/build-site.ts";
import { photoMessages } from "../images/photo-messages.ts";
import { buildDateFromEnvironment, buildDateFromOption } from "../publish/build-date.ts";
import { CommandError } from "../files/file-errors.ts";
import { isSiteAddress, siteAddressRule } from "../text/web-links.ts";
import { parseOptions, UsageError } from "./usage.ts";
import { countDiagnostics, countLabel, elapsed, plural, printDiagnostics, printJson, reportStyle, writeLine, type Summary } from "./report.ts";

const KIND_LABELS: Record<string, string> = {
  articles: "article",
  home: "home",
  indexes: "index",
  lists: "topic/source",
  years: "year",
  months: "month",
  days: "day",
  notFound: "404",
  search: "search",
};

// This command's messages added in French (issue 21 moves every message into one catalogue).
// French counts take the singular at 0 and 1.
const CACHE_MESSAGES = {
  incremental: (changed: number, removed: number, outputs: number, ms: number): string =>
    `depeche build : construction incrémentale, ${count(changed, "page réécrite", "pages réécrites")}, ${count(removed, "page supprimée", "pages supprimées")}, ${count(outputs, "flux ou plan du site remplacé", "flux ou plans du site remplacés")} ; le reste est repris du site précédent (${(ms / 1000).toLocaleString("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s)`,
};

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString("fr-FR")} ${n <= 1 ? one : many}`;
}

/** `depeche build`: validates, then builds the site; exit 1 on invalid content with nothing written. */
export async function runBuild(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    content: { type: "string", default: "content" },
    out: { type: "string", default: "_site" },
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
  if (values["record-urls"] && values.drafts) throw new UsageError("--record-urls and --drafts go apart: drafts are never published");
  const nowMs = values.now !== undefined ? buildDateFromOption(values.now) : buildDateFromEnvironment();
  const baseUrl = values["base-url"];
  // It goes into every page's canonical link, og:url and JSON-LD: the same rule as site.yaml's baseUrl.
  if (baseUrl !== undefined && !isSiteAddress(baseUrl)) throw new CommandError(`--base-url "${baseUrl}" must be ${siteAddressRule()}`, 2);
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
    onPhase: (phase) => {
      if (phase.name === "loaded") log(`depeche build: read ${plural(phase.files, "article file")} (${(phase.ms / 1000).toFixed(2)} s)`);
      if (phase.name === "photos") {
        if (live) process.stderr.write("\r\x1b[K");
        log(`depeche build: ${photoMessages.encoded(phase.encoded, phase.cached, (phase.ms / 1000).toFixed(2))}`);
      }
      if (phase.name === "planned") log(`depeche build: planned ${plural(phase.pages, "page")} (${(phase.ms / 1000).toFixed(2)} s)`);
      if (phase.name === "written") {
        if (live) process.stderr.write("\r\x1b[K");
        log(`depeche build: wrote ${plural(phase.pages, "page")} (${(phase.ms / 1000).toFixed(2)} s)`);
      }
      if (phase.name === "published") log(`depeche build: wrote ${plural(phase.files, "feed, sitemap and robots file")} (${(phase.ms / 1000).toFixed(2)} s)`);
      if (phase.name === "incremental") log(CACHE_MESSAGES.incremental(phase.changed, phase.removed, phase.outputs, phase.ms));
      if (phase.name === "indexed")
        log(`depeche build: indexed ${plural(phase.pages, "article")} for search in ${plural(phase.bundles, "bundle")} (${(phase.ms / 1000).toFixed(2)} s)`);
    },
    // Encoding is slow the first time (about a second a photo): progress is shown wherever it runs,
    // live on a terminal, every tenth elsewhere.
    onPhoto: (done, total) => {
      if (live) process.stderr.write(`\r\x1b[Kdepeche build: ${photoMessages.encoding(done, total)}`);
      else if (total >= 50 && done % Math.ceil(total / 10) === 0 && done < total) log(`depeche build: ${photoMessages.encoding(done, total)}`);
    },
    onPage: (written, total) => {
      if (live && (written % 500 === 0 || written === total)) process.stderr.write(`\r\x1b[Kdepeche build: ${written}/${total} pages`);
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
    writeLine(process.stderr, `depeche build: ${countLabel(result.diagnostics)}; nothing was written, ${values.out} is unchanged (${elapsed(start)})`);
    return 1;
  }
  const kinds = Object.entries(result.pages!)
    .map(([kind, n]) => `${n} ${KIND_LABELS[kind] ?? kind}`)
    .join(", ");
  writeLine(
    process.stdout,
    `depeche build: ${plural(result.articles!, "article")} → ${values.out}/ (${kinds}); ${plural(result.diagnostics.length, "warning")} (${elapsed(start)})`,
  );
  return 0;
}
