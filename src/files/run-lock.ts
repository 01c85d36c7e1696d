/**
 * One run at a time for each folder a command writes (the site, the build cache): a lock file
 * beside the folder, made whole or not at all, that names the run holding it. A second run stops
 * at once; the lock of a run that is gone (killed, its machine restarted or silent) is taken over.
 */
import { randomBytes } from "node:crypto";
import { closeSync, linkSync, openSync, readFileSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync, utimesSync, writeSync } from "node:fs";
import { constants, hostname } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { makeFolders } from "./atomic-write.ts";
import { CommandError, describeIoError, isIoError } from "./file-errors.ts";
import { isRunning } from "./process-running.ts";
import { messages, type RunHolder, type RunLockKind } from "../i18n/messages.ts";

export type { RunLockKind };

/** What a lock file holds (JSON): who runs, where, since when. */
export interface RunLockHolder {
  pid: number;
  host: string;
  /** Linux's boot id: a lock written before the machine last started is a crashed run's. */
  boot?: string;
  /** The command line, as a refused run names it (`depeche build --out _site`). */
  command: string;
  /** When the run took the lock, in ms since the epoch. */
  startedAt: number;
  /** Held until the run is stopped (the preview's folder, for its session), not until it is done. */
  untilStopped?: boolean;
  /** This lock's own mark: a run removes a lock file only when it is still its own. */
  token: string;
}

export interface RunLockOptions {
  /** This run's command line (`commandLine`), as another run's refusal names it. */
  command: string;
  untilStopped?: boolean;
  /** Told, in words, of each lock taken over from a run that is gone. */
  onTakenOver?: (line: string) => void;
}

export interface RunLock {
  /** Gives the locks back (again: nothing). Also done at exit, and on SIGINT, SIGTERM or SIGHUP. */
  release(): void;
}

/** How often a run marks its locks as alive (their modification time), for runs on other machines. */
export const HEARTBEAT_MS = 60_000;
/** A lock of another machine not marked alive for this long is taken over: that machine's run is gone. */
export const SILENCE_MS = 10 * 60_000;

/**
 * The lock file of a folder: beside it, named as the build's other siblings are (`._site.lock`
 * for `_site`), never inside it (a build swaps its site folder whole), through any link of the
 * folders above it, so that two names of one folder take one lock.
 * @example lockFileOf("/news/_site") // "/news/._site.lock"
 */
export function lockFileOf(folder: string): string {
  const path = resolve(folder);
  let parent = dirname(path);
  try {
    parent = realpathSync.native(parent);
  } catch {
    // Not made yet: no link to go through.
  }
  return join(parent, `.${basename(path)}.lock`);
}

/**
 * A command line as a refused run names it: arguments holding spaces or quotes in quotes.
 * @example commandLine(["depeche", "build", "--out", "mon site"]) // 'depeche build --out "mon site"'
 */
export function commandLine(words: readonly string[]): string {
  return words.map((word) => (/^[\w./:=@,+-]+$/.test(word) ? word : JSON.stringify(word))).join(" ");
}

/**
 * Takes the lock of each folder, in order, or none of them: while another run holds one, throws a
 * CommandError (exit 2) that names that run (its command, process, machine, start) and says what to
 * do, before this run has written anything. A lock whose run is gone is taken over, and said so:
 * its process has ended (this machine, this boot), the machine has started again since, or, on
 * another machine, it has not been marked alive for `SILENCE_MS`.
 */
export function takeRunLocks(folders: readonly { folder: string; kind: RunLockKind }[], options: RunLockOptions): RunLock {
  // Every folder looked at first: a run refused for its cache has not locked its site meanwhile.
  assertUnlocked(folders);
  const taken: Held[] = [];
  try {
    for (const { folder, kind } of folders) taken.push(takeOne(folder, kind, options));
  } catch (error) {
    for (const lock of taken) lock.release();
    throw error;
  }
  return {
    release: () => {
      for (const lock of taken) lock.release();
    },
  };
}

/**
 * Refuses, as `takeRunLocks` would, while a live run holds the lock of one of the folders; writes
 * nothing. For a command that locks its folders at different moments (the preview: its folder for
 * the session, the cache for each full build) and must stop before the first.
 */
export function assertUnlocked(folders: readonly { folder: string; kind: RunLockKind }[]): void {
  for (const { folder, kind } of folders) {
    const found = readLock(lockFileOf(folder));
    if (found) refuseIfHeld(lockFileOf(folder), folder, kind, found);
  }
}

interface Held {
  release(): void;
}

/** The locks this process holds, given back at exit or on a signal. */
const held = new Set<Held>();

function takeOne(folder: string, kind: RunLockKind, options: RunLockOptions): Held {
  const file = lockFileOf(folder);
  const holder: RunLockHolder = {
    pid: process.pid,
    host: hostname(),
    ...(bootId() ? { boot: bootId() } : {}),
    command: options.command,
    startedAt: Date.now(),
    ...(options.untilStopped ? { untilStopped: true } : {}),
    token: randomBytes(8).toString("hex"),
  };
  // The lock's folder, made when missing (`--cache` in a .depeche/ not made yet), and removed again
  // when the run leaves it empty: a run refused, or that found invalid content, leaves nothing.
  let made: string[] = [];
  try {
    made = makeFolders(dirname(file));
    // A lock found is judged before this run writes anything: a refused run leaves no trace.
    for (let attempt = 0; ; attempt++) {
      // Only runs that come and go faster than it can look would keep it here: none does.
      if (attempt === 8) throw new Error(`${file}: taken and given back ${attempt} times in a row`);
      const found = readLock(file);
      if (!found) {
        if (create(file, `${JSON.stringify(holder)}\n`)) break;
        continue; // another run made it meanwhile
      }
      const state = refuseIfHeld(file, folder, kind, found);
      // Another run may take it over first: then this one finds that run's lock, alive, next time.
      if (removeIfSame(file, found)) {
        options.onTakenOver?.(messages().cli.runLockTakenOver(kind, folder, found.holder && named(found.holder, state), state.why, shown(file)));
      }
    }
  } catch (error) {
    removeEmpty(made);
    // A folder this run may not write in (permissions, a read-only disk): nor could it write its site or cache there.
    if (isIoError(error)) throw new CommandError(messages().cli.runLockFailed(shown(file), describeIoError(error)));
    throw error;
  }
  const heartbeat = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      // Gone: nothing to mark.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const lock: Held = {
    release: () => {
      if (!held.delete(lock)) return;
      clearInterval(heartbeat);
      if (readLock(file)?.holder?.token === holder.token) unlinkSync(file);
      removeEmpty(made);
      if (held.size === 0) unhookExit();
    },
  };
  held.add(lock);
  hookExit();
  return lock;
}

// Throws the refusal while the lock's run lives; else says why it is gone.
function refuseIfHeld(file: string, folder: string, kind: RunLockKind, found: FoundLock): Exclude<Judgement, { alive: true }> {
  const state = judge(found);
  if (state.alive) throw new CommandError(messages().cli.runLockHeld(kind, folder, named(found.holder!, state), shown(file)), 2);
  return state;
}

interface FoundLock {
  /** Undefined when the file does not read as a lock: written by hand, or cut by a full disk. */
  holder?: RunLockHolder;
  mtimeMs: number;
}

type Judgement = { alive: true; takeOverInMs?: number } | { alive: false; why: "ended" | "restarted" | "silent" | "unreadable"; silentMs?: number };

function judge(found: FoundLock): Judgement {
  const holder = found.holder;
  if (!holder) return { alive: false, why: "unreadable" };
  if (holder.host !== hostname()) {
    // Another machine's process can't be asked: its run marks the lock every minute while it runs.
    const silentMs = Date.now() - found.mtimeMs;
    return silentMs > SILENCE_MS ? { alive: false, why: "silent", silentMs } : { alive: true, takeOverInMs: SILENCE_MS - silentMs };
  }
  // After a crash the process id may be another process's: the boot tells.
  if (holder.boot !== undefined && bootId() !== undefined && holder.boot !== bootId()) return { alive: false, why: "restarted" };
  // A process stopped (Ctrl-Z) is running still: it may go on writing once resumed.
  return isRunning(holder.pid) ? { alive: true } : { alive: false, why: "ended" };
}

function named(holder: RunLockHolder, state: Judgement): RunHolder {
  const started = new Date(holder.startedAt);
  return {
    command: holder.command,
    pid: holder.pid,
    ...(holder.host !== hostname() ? { host: holder.host } : {}),
    hour: started.getHours(),
    minute: started.getMinutes(),
    minutesAgo: Math.max(0, Math.floor((Date.now() - holder.startedAt) / 60_000)),
    untilStopped: holder.untilStopped === true,
    ...(state.alive && state.takeOverInMs !== undefined ? { takeOverInMinutes: Math.ceil(state.takeOverInMs / 60_000) } : {}),
    ...(!state.alive && state.silentMs !== undefined ? { silentMinutes: Math.floor(state.silentMs / 60_000) } : {}),
  };
}

// The lock appears whole or not at all: written to a file of its own, then linked to its name, which
// fails if a lock is there (even one made meanwhile), on network disks too (open(2)'s advice: their
// O_EXCL may not be atomic). A disk without hard links gets an exclusive create instead.
function create(file: string, text: string): boolean {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString("hex")}`;
  writeNew(temp, text);
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
  } finally {
    unlinkSync(temp);
  }
  try {
    writeNew(file, text);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

function writeNew(path: string, text: string): void {
  const fd = openSync(path, "wx", 0o644);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function readLock(file: string): FoundLock | undefined {
  // A lock made without hard links may be read between its creation and its write: read again.
  for (let attempt = 0; ; attempt++) {
    let text: string;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
      text = readFileSync(file, "utf8");
    } catch (error) {
      // None there, or no folder to hold one (a file on the way: told when the lock is made).
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return undefined;
      throw error;
    }
    const holder = parseHolder(text);
    if (holder || attempt === 2) return { ...(holder ? { holder } : {}), mtimeMs };
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

function parseHolder(text: string): RunLockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<RunLockHolder>;
    const ok =
      Number.isInteger(value.pid) &&
      typeof value.host === "string" &&
      typeof value.command === "string" &&
      Number.isFinite(value.startedAt) &&
      typeof value.token === "string";
    return ok ? (value as RunLockHolder) : undefined;
  } catch {
    return undefined;
  }
}

// Removes the lock judged stale, and only it: moved aside under a name of this run's first (one
// atomic step, whoever else tries), then checked. A fresh lock moved by mistake (another run took
// the stale one over and made its own in between) is linked back, unless a third made one meanwhile.
function removeIfSame(file: string, found: FoundLock): boolean {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  const moved = readLock(aside);
  if (moved?.holder?.token === found.holder?.token && moved?.mtimeMs === found.mtimeMs) {
    unlinkSync(aside);
    return true;
  }
  try {
    linkSync(aside, file);
  } catch {
    // A third run holds the name now.
  }
  unlinkSync(aside);
  return false;
}

function removeEmpty(made: readonly string[]): void {
  for (const path of [...made].reverse()) {
    try {
      rmdirSync(path);
    } catch {
      return; // not empty: the run wrote into it
    }
  }
}

let boot: string | undefined | null = null;
function bootId(): string | undefined {
  if (boot === null) {
    try {
      boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
    } catch {
      boot = undefined;
    }
  }
  return boot;
}

// A path as the messages print it: from the working directory when it is below it.
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
type Signal = (typeof SIGNALS)[number];

/**
 * How long a command that listens to a signal itself (the preview, which closes its server) has to
 * end on its own before its locks go and the run ends as the signal would have ended it.
 */
export const SIGNAL_GRACE_MS = 10_000;

const onSignal = Object.fromEntries(
  SIGNALS.map((signal) => [
    signal,
    (): void => {
      // A command that listens too ends on its own, and the locks go at its exit; should it not in
      // time, they go and the run ends all the same. Alone, this gives them back and ends the run.
      if (process.listenerCount(signal) > 1) setTimeout(() => endBy(signal), SIGNAL_GRACE_MS).unref();
      else endBy(signal);
    },
  ]),
) as Record<Signal, () => void>;

// Gives the locks back, then ends the run as the signal would have: killed by it, as the shell
// expects (exit status 128 + its number), or, while another listener would catch it again, by an
// exit with that status. A run never goes on once its locks are given back.
function endBy(signal: Signal): void {
  releaseAll();
  unhookExit();
  const status = 128 + (constants.signals[signal] ?? 0);
  process.exitCode = status;
  if (process.listenerCount(signal) > 0) process.exit(status);
  process.kill(process.pid, signal);
  // The signal arrives at once; should anything delay it, the run ends here.
  setTimeout(() => process.exit(status), 1_000).unref();
}

function releaseAll(): void {
  for (const lock of [...held]) lock.release();
}

let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", releaseAll);
  // First in line, so that it sees the command's own listeners before a `once` one removes itself.
  for (const signal of SIGNALS) process.prependListener(signal, onSignal[signal]);
}

function unhookExit(): void {
  if (!hooked) return;
  hooked = false;
  process.removeListener("exit", releaseAll);
  for (const signal of SIGNALS) process.removeListener(signal, onSignal[signal]);
}
