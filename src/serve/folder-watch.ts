/**
 * The preview's watch on the content folder: one watch per folder, never one per file.
 *
 * Node 20's `fs.watch(dir, { recursive: true })` on Linux watches each file as it was when listed:
 * a save that renames a temporary file over the article (vim, emacs, JetBrains' safe write, gedit,
 * `sed -i`) is seen once, then never again; it also stats every file, synchronously, when it starts.
 * A folder's own watch is told of every name created, written, renamed or deleted in it, whatever
 * file the name then stands for, so that is the only kind used. At 100,000 articles that is some
 * 170 watches and a listing of each folder, no stat of any file.
 */
import { type Dirent, type FSWatcher, lstatSync, readdirSync, watch } from "node:fs";
import { join, sep } from "node:path";

export interface FolderWatch {
  close(): void;
}

/**
 * Watches `root` and every folder below it, symbolic links not followed. `changed` is given the
 * absolute path of each name created, written, renamed or deleted (a path may come more than once
 * a save, and temporary files come too); when a folder appears (created, moved in), every file in
 * it as well; when one goes, its own path, which stands for every file it held.
 * @param failed told of a folder that cannot be watched (saves in it go unseen), the root included
 */
export function watchFolderTree(root: string, changed: (path: string) => void, failed: (folder: string, error: unknown) => void): FolderWatch {
  const watchers = new Map<string, FSWatcher>();

  // The watch first, then the listing: a file created in between is in one or the other.
  const add = (folder: string, appeared: boolean): void => {
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (_event, name) => name && seen(join(folder, name.toString())));
    } catch (error) {
      // A folder gone again already: its parent's watch has told.
      if (folder === root || !isGone(error)) failed(folder, error);
      return;
    }
    // Where a removed folder's watch fails rather than falls silent: its parent's watch tells.
    watcher.on("error", () => drop(folder));
    watchers.set(folder, watcher);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {}
    for (const entry of entries) {
      if (entry.isDirectory()) add(join(folder, entry.name), appeared);
      else if (appeared) changed(join(folder, entry.name));
    }
  };

  const drop = (folder: string): void => {
    for (const [path, watcher] of watchers) {
      if (path !== folder && !path.startsWith(folder + sep)) continue;
      watcher.close();
      watchers.delete(path);
    }
  };

  // A folder's watch follows the folder, not its name: one that went, or came back under its
  // name (removed and made again, moved away and back), is watched again from scratch.
  const seen = (path: string): void => {
    if (watchers.has(path)) drop(path);
    if (isFolder(path)) add(path, true);
    changed(path);
  };

  add(root, false);
  return { close: () => drop(root) };
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}
