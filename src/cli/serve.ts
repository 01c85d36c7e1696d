import { CommandError } from "../files/file-errors.ts";
import { buildDateFromOption } from "../publish/build-date.ts";
import { startDevServer } from "../serve/dev-server.ts";
import type { Update } from "../serve/dev-session.ts";
import { parseOptions, UsageError } from "./usage.ts";
import { countLabel, printDiagnostics, reportStyle, writeLine } from "./report.ts";

/** `depeche serve`: preview with live reload, drafts included, in a folder apart from _site. */
export async function runServe(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    content: { type: "string", default: "content" },
    out: { type: "string", default: ".depeche/preview" },
    port: { type: "string", default: "8080" },
    now: { type: "string" },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  const report = (update: Update): void => {
    const time = `${Math.round(update.ms)} ms`;
    printDiagnostics(update.diagnostics, reportStyle(process.stderr, false));
    if (update.outcome === "invalid")
      process.stderr.write(`depeche serve: ${countLabel(update.diagnostics)}; the preview keeps the last good version (${time})\n`);
    else if (update.outcome === "rebuilt") process.stderr.write(`depeche serve: built the preview (${time})\n`);
    else if (update.outcome === "updated")
      process.stderr.write(`depeche serve: updated ${update.urls.length} page${update.urls.length === 1 ? "" : "s"} (${time})\n`);
    else if (update.outcome === "fixed") process.stderr.write(`depeche serve: plus aucune erreur, les pages sont celles d’avant (${time})\n`);
  };
  const nowMs = values.now !== undefined ? buildDateFromOption(values.now) : undefined;
  const server = await startDevServer({
    contentDir: values.content,
    outDir: values.out,
    port,
    drafts: true,
    ...(nowMs !== undefined ? { nowMs } : {}),
    onUpdate: report,
    onError: (error) => writeLine(process.stderr, `depeche serve: update failed: ${describeFailure(error)}`),
  });
  writeLine(process.stderr, `depeche serve: ${server.url} (drafts included); watching ${values.content}/, Ctrl-C to stop`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.close();
  return 0;
}

// A full disk is one line the editor can act on; only a bug needs its trace.
function describeFailure(error: unknown): string {
  return error instanceof CommandError ? error.message : ((error as Error).stack ?? String(error));
}
