import { displayPath } from "../content/diagnostics.ts";
import { CommandError, describeIoError } from "../files/file-errors.ts";
import { PREVIEW_FOLDER } from "../files/output-folder.ts";
import { commandLine } from "../files/run-lock.ts";
import { DEFAULT_CACHE_DIR } from "../publish/build-cache.ts";
import { buildDateFromOption } from "../publish/build-date.ts";
import { startDevServer } from "../serve/dev-server.ts";
import type { Update } from "../serve/dev-session.ts";
import { parseOptions, UsageError } from "./usage.ts";
import { countLabel, printDiagnostics, reportStyle, writeLine } from "./report.ts";
import { messages } from "../i18n/messages.ts";

/** `depeche serve`: preview with live reload, drafts included, in a folder apart from _site. */
export async function runServe(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    content: { type: "string", default: "content" },
    out: { type: "string", default: PREVIEW_FOLDER },
    cache: { type: "string", default: DEFAULT_CACHE_DIR },
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "localhost" },
    now: { type: "string" },
  });
  const port = Number(values.port);
  const say = messages().cli;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(say.badPort(values.port));
  const report = (update: Update): void => {
    printDiagnostics(update.diagnostics, reportStyle(process.stderr, false));
    const line = describeUpdate(update);
    if (line !== undefined) process.stderr.write(`depeche serve: ${line}\n`);
  };
  const nowMs = values.now !== undefined ? buildDateFromOption(values.now) : undefined;
  const server = await startDevServer({
    contentDir: values.content,
    outDir: values.out,
    cacheDir: values.cache,
    port,
    host: values.host,
    drafts: true,
    ...(nowMs !== undefined ? { nowMs } : {}),
    onUpdate: report,
    command: commandLine(["depeche", "serve", ...argv]),
    onLockTakenOver: (line) => writeLine(process.stderr, `depeche serve: ${line}`),
    onError: (error) => writeLine(process.stderr, `depeche serve: ${say.serveFailed(describeFailure(error))}`),
    onSearchIndexed: (ms, whole) =>
      writeLine(process.stderr, `depeche serve: ${(whole ? say.serveSearchReady : say.serveSearchIndexed)(messages().seconds(ms / 1000))}`),
    onSearchFailed: (error, unmade) =>
      writeLine(process.stderr, `depeche serve: ${(unmade ? say.serveSearchUnmade : say.serveSearchFailed)(describeFailure(error))}`),
    onUnwatched: (folder, error) => {
      // Linux's limit on watches is told as ENOSPC, which is no full disk.
      const reason = (error as NodeJS.ErrnoException).code === "ENOSPC" ? say.watchLimit() : describeIoError(error);
      writeLine(process.stderr, `depeche serve: ${say.serveUnwatched(displayPath(folder), reason)}`);
    },
  });
  writeLine(process.stderr, `depeche serve: ${say.serveListening(server.url, values.content)}`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  if (server.indexing) {
    // An index takes a minute at 100,000 articles: not waited for. It is made in a folder beside
    // the preview's and swapped in whole at its end, so the preview never holds half of one; the
    // next run removes the folder left. The command exits once it returns (src/cli/main.ts), and
    // the locks go at the exit.
    writeLine(process.stderr, `depeche serve: ${say.serveStopsBeforeIndex()}`);
    return 0;
  }
  await server.close();
  return 0;
}

/**
 * What the preview says of an update, its time in seconds as every command gives it; nothing when nothing changed.
 * @example describeUpdate({ outcome: "rebuilt", urls: [], diagnostics: [], ms: 5182 }) // "aperçu reconstruit (5,18 s)"
 */
export function describeUpdate(update: Update): string | undefined {
  const say = messages().cli;
  const time = messages().seconds(update.ms / 1000);
  if (update.outcome === "invalid") return (update.unbuilt ? say.serveNotBuilt : say.serveInvalid)(countLabel(update.diagnostics), time);
  if (update.outcome === "rebuilt") return say.serveRebuilt(time);
  if (update.outcome === "updated") return say.serveUpdated(update.urls.length, time);
  if (update.outcome === "fixed") return say.serveFixed(time);
  return undefined;
}

// A full disk is one line the editor can act on; only a bug needs its trace.
function describeFailure(error: unknown): string {
  return error instanceof CommandError ? error.message : ((error as Error).stack ?? String(error));
}
