/**
 * Child processes a test starts, none left behind: `endChildren` (in an afterEach) kills with
 * SIGKILL those still running, which no handler can catch nor a busy loop ignore, and waits until
 * each has ended.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

const running = new Set<ChildProcess>();

/** `spawn`, the child recorded to be ended after the test. */
export function startChild(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, options);
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

/** How a child ended: its exit code, or the signal that killed it. */
export function ended(child: ChildProcess): Promise<[number | null, NodeJS.Signals | null]> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve([child.exitCode, child.signalCode]);
  return new Promise((done) => child.once("exit", (code, signal) => done([code, signal])));
}

/**
 * Kills every child still running and waits for each to end; gives the ids of those that had to be
 * killed (a test that stops its children itself gets none).
 */
export async function endChildren(): Promise<number[]> {
  const left = [...running].filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of left) child.kill("SIGKILL");
  await Promise.all(left.map(ended));
  running.clear();
  return left.map((child) => child.pid ?? 0);
}

/** Resolves once the child has written `word` on its stdout; rejects if it ends first, with what it said. */
export function said(child: ChildProcess, word: string): Promise<void> {
  return new Promise((done, fail) => {
    let out = "";
    let err = "";
    child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(word)) done();
    });
    child.once("close", () => fail(new Error(`ended before saying ${word}: ${out}${err}`)));
  });
}
