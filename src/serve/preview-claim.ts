/**
 * What a preview takes for itself before its first build (a minute at 100,000 articles): its port,
 * on the address it will listen on. Its folder it locks (src/files/run-lock.ts), as a build locks its own.
 */
import { createServer, type ListenOptions } from "node:net";
import { CommandError, describeIoError } from "../files/file-errors.ts";
import { messages } from "../i18n/messages.ts";

/**
 * Refuses a port another server listens on, on any interface (a server on 127.0.0.1 alone too, where
 * `localhost` would be ::1 first), and an address the preview could not listen on (`--host` not this
 * machine's, or a name that does not resolve): both said before the first build, not after it.
 * Eleventy's own server would move to the next free port without a word, and a reader's bookmarks,
 * or a second preview of the same folder, would go unnoticed.
 */
export async function assertPortFree(port: number, host = "localhost"): Promise<void> {
  if (port !== 0) {
    const problem = await tryListen({ port });
    if (problem?.code === "EADDRINUSE") throw listenError(problem, host, port);
    if (problem) throw new CommandError(messages().cli.portUnusable(port, describeIoError(problem)), 2);
  }
  // Listened on as the preview will listen: the same name, looked up the same way.
  const problem = await tryListen({ port, host });
  if (problem) throw listenError(problem, host, port);
}

/** Why the preview could not listen on `host`, port `port`: said alike before the first build and after it. */
export function listenError(error: NodeJS.ErrnoException, host: string, port: number): CommandError {
  if (error.code === "EADDRINUSE") return new CommandError(messages().cli.portTaken(port, port + 1), 2);
  return new CommandError(messages().cli.listenFailed(host, port, describeIoError(error)), 2);
}

// A throwaway server on those options, closed at once: the error it met, if any.
function tryListen(options: ListenOptions): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => done(error));
    probe.listen(options, () => probe.close(() => done(undefined)));
  });
}
