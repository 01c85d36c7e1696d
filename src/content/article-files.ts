/** The article files of a content folder. */
import { lstatSync, readdirSync, type Dirent, type Stats } from "node:fs";
import { join, sep } from "node:path";
import { FILE_START, type Diagnostics } from "./diagnostics.ts";
import { describeIoError } from "../files/file-errors.ts";
import { symbolicLinkMessage } from "./read-text.ts";
import { messages } from "../i18n/messages.ts";

/**
 * Every `*.md` below the articles folder, sorted. Symbolic links are refused, never followed out;
 * a folder that can't be read is an error and any other file a warning, so no article is left out unseen.
 */
export function listArticleFiles(dir: string, display: (p: string) => string, diagnostics: Diagnostics, options: { mayBeMissing?: boolean } = {}): string[] {
  const found: string[] = [];
  const unreadable = (folder: string, error: unknown): void =>
    diagnostics.error(display(folder), FILE_START, messages().diagnostics.folderUnreadable(describeIoError(error)));
  // A folder found below the articles folder is a path `join` made: its entries' paths are the
  // folder, a separator and their names (`join` per file is a tenth of a second at 100,000).
  const walk = (folder: string, joined: boolean): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      unreadable(folder, error);
      return;
    }
    for (const entry of entries) {
      // Before all else: Emacs's lock beside an article being edited is a symbolic link `.#name.md`.
      if (isClutter(entry.name)) continue;
      const path = joined ? `${folder}${sep}${entry.name}` : join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        diagnostics.error(display(path), FILE_START, symbolicLinkMessage(entry.name.endsWith(".md") ? "article" : "folder"));
      } else if (entry.isDirectory()) walk(path, true);
      else if (entry.isFile() && entry.name.endsWith(".md")) found.push(path);
      else diagnostics.warning(display(path), FILE_START, messages().diagnostics.notAnArticle(), "notAnArticle");
    }
  };
  let root: Stats | undefined;
  try {
    root = lstatSync(dir, { throwIfNoEntry: false });
  } catch (error) {
    unreadable(dir, error);
    return [];
  }
  if (!root) {
    if (!options.mayBeMissing) diagnostics.error(display(dir), FILE_START, messages().diagnostics.noArticlesFolder());
  } else if (root.isSymbolicLink()) diagnostics.error(display(dir), FILE_START, symbolicLinkMessage("articlesFolder"));
  else if (!root.isDirectory()) diagnostics.error(display(dir), FILE_START, messages().diagnostics.articlesFolderIsFile());
  else walk(dir, false);
  return found.sort();
}

/**
 * Whether a file or folder name is what systems and editors leave beside files (hidden files and
 * folders such as .DS_Store, swap files or Emacs's `.#lock`, backups ending in ~, Emacs's
 * #autosave#, Windows thumbnails): no one took them for articles, and they are passed over.
 */
export function isClutter(name: string): boolean {
  return name.startsWith(".") || name.endsWith("~") || /^#.*#$/.test(name) || /^(?:thumbs\.db|desktop\.ini)$/i.test(name);
}
