/**
 * What a preview takes for itself before its first build (a minute at 100,000 articles): its port.
 * Its folder it locks (src/files/run-lock.ts), as a build locks its own.
 */
import { createServer } from "node:net";
import { CommandError, describeIoError } from "../files/file-errors.ts";
import { messages } from "../i18n/messages.ts";

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
