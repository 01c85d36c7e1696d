/** Failures of the file system, told as one line a person can act on. */
import { messages } from "../i18n/messages.ts";

/**
 * A failure the command reports as one line, `depeche <command>: error: <message>`, and exits
 * with: 1 when the disk or the content is at fault, 2 when the command was called wrongly.
 */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

/**
 * What went wrong with a file operation, in a few words: the errno's meaning, never the trace.
 * @example describeIoError(Object.assign(new Error("…"), { code: "ENOSPC" })) // "disque plein" ("disk full" with DEPECHE_LANG=en)
 */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return messages().cli.ioReason(code);
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}

/** True for errors of the file system (an errno code), as opposed to bugs. */
export function isIoError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!);
}
