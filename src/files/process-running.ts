/**
 * Whether a process of this machine is running: a folder or a lock another process left (a
 * build's staging folder, a photo being encoded, a run's lock on its site or cache) is its own
 * while it runs.
 * @example isRunning(process.pid) // true
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: another user's process, running.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
