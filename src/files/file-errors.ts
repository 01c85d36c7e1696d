/** Failures of the file system, told as one line a person can act on. */

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

const REASONS: Record<string, string> = {
  ENOSPC: "disk full",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  EEXIST: "it already exists",
  ENAMETOOLONG: "a file name is too long",
  EMFILE: "too many open files",
  EIO: "input/output error",
  EFBIG: "a file is larger than the system allows",
  ELOOP: "too many symbolic links",
  EBUSY: "the file is busy",
};

/**
 * What went wrong with a file operation, in a few words: the errno's meaning, never the trace.
 * @example describeIoError(Object.assign(new Error("…"), { code: "ENOSPC" })) // "disk full"
 */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return REASONS[code];
  if (code) return code;
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}

/** True for errors of the file system (an errno code), as opposed to bugs. */
export function isIoError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!);
}
