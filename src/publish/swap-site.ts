/**
 * A site is built in a staging folder beside the output and swapped in whole, so that readers and
 * CI never see a half-written one; what a killed build left beside it is put back or removed.
 */
import { existsSync, readdirSync, renameSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { isRunning } from "../files/process-running.ts";
import { removeInBackground, siblingFolder, spareFolder } from "./stage-from-site.ts";

/**
 * Readers and CI see either the old site or the new one, never a half-written folder: two
 * renames. With `keepSpare`, the old site is then renamed to the spare instead of removed (a build
 * killed before leaves it as a leftover). Says whether the old site became the spare.
 */
export function swapInto(staging: string, out: string, keepSpare: boolean): boolean {
  if (!existsSync(out)) {
    renameSync(staging, out);
    return false;
  }
  const old = siblingFolder(out, "old");
  renameSync(out, old);
  try {
    renameSync(staging, out);
  } catch (error) {
    renameSync(old, out);
    throw error;
  }
  if (keepSpare) {
    try {
      renameSync(old, spareFolder(out));
      return true;
    } catch {
      // Another build's spare took its place meanwhile: this one goes.
    }
  }
  removeInBackground(old);
  return false;
}

/**
 * Removes the folders left by a build that was killed: a staging folder never finished, an old
 * site never removed. A build killed between its two renames left no output folder: its old site
 * goes back.
 */
export function removeLeftovers(out: string): void {
  const prefix = `.${basename(out)}.`;
  let names: string[] = [];
  try {
    names = readdirSync(dirname(out));
  } catch {
    return;
  }
  // A build still running (another terminal, the dev server) keeps its folders.
  const stale = names.filter((name) => {
    const pid = /\.(?:building|old|trash|records)-(\d+)-[a-z0-9]+$/.exec(name)?.[1];
    return name.startsWith(prefix) && pid !== undefined && !isRunning(Number(pid));
  });
  const old = stale
    .filter((name) => name.includes(".old-"))
    .sort((a, b) => statSync(join(dirname(out), b)).mtimeMs - statSync(join(dirname(out), a)).mtimeMs)[0];
  if (old && !existsSync(out)) {
    renameSync(join(dirname(out), old), out);
    stale.splice(stale.indexOf(old), 1);
  }
  for (const name of stale) removeInBackground(join(dirname(out), name));
}
