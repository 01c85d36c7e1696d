/**
 * What a preview takes for itself before its first build (a minute at 100,000 articles): its port,
 * and its folder, which a second preview would write into at the same time.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createServer } from "node:net";
import { CommandError, describeIoError } from "../files/file-errors.ts";
import { displayPath } from "../content/diagnostics.ts";
import { messages } from "../i18n/messages.ts";
import { isRunning } from "../threads/process-running.ts";

/**
 * Refuses a port another server listens on, as Eleventy's server would listen on it (every
 * interface). Eleventy's own server would move to the next free port without a word, and a
 * reader's bookmarks, or a second preview of the same folder, would go unnoticed.
 */
export async function assertPortFree(port: number): Promise<void> {
  if (port === 0) return;
  const problem = await new Promise<NodeJS.ErrnoException | undefined>((done) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => done(error));
    probe.listen({ port }, () => probe.close(() => done(undefined)));
  });
  if (problem?.code === "EADDRINUSE") throw new CommandError(messages().cli.portTaken(port, port + 1), 2);
  if (problem) throw new CommandError(messages().cli.portUnusable(port, describeIoError(problem)), 2);
}

/**
 * Marks the preview folder as this process's (`<folder>.pid` beside it) until `release`; refuses
 * it while another live preview holds it. A mark left by a preview that was killed is taken over.
 */
export function claimPreviewFolder(outDir: string): { release(): void } {
  const mark = `${resolve(outDir)}.pid`;
  const holder = Number.parseInt(readIfThere(mark) ?? "", 10);
  if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
    throw new CommandError(messages().cli.previewFolderTaken(displayPath(outDir), holder), 2);
  }
  mkdirSync(dirname(mark), { recursive: true });
  writeFileSync(mark, `${process.pid}\n`);
  return {
    release: () => {
      if (readIfThere(mark)?.trim() === String(process.pid)) rmSync(mark, { force: true });
    },
  };
}

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
