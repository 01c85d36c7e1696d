/**
 * The archive's photo folders, and the photo files they hold, whether an article shows them or not:
 * every one is committed with the archive, and `check` looks at each (a GPS position, a photo no
 * article shows), not only at those the articles name.
 */
import { type Dirent, readdirSync } from "node:fs";
import { dirname, extname, join, resolve, sep } from "node:path";
import { isClutter } from "../content/article-files.ts";
import type { PhotoUse } from "../content/model.ts";
import { PHOTO_EXTENSIONS } from "./photo-limits.ts";

/** Where the photos go by convention (`import --image` copies them there), under the content folder. */
export const PHOTO_FOLDER = "images";

/**
 * The photo folders (absolute): `images/`, and the folder at the top of the content folder of each
 * article's photo kept elsewhere (`photos/2021/…`: `photos/`). Not the articles folder, whose other
 * files than articles `check` reports already, nor the content folder itself, which holds them all.
 */
export function photoFolders(contentDir: string, uses: readonly PhotoUse[]): string[] {
  const root = resolve(contentDir);
  const folders = new Set([join(root, PHOTO_FOLDER)]);
  for (const use of uses) {
    if (!use.image) continue;
    const file = resolve(root, use.image.src);
    if (!file.startsWith(root + sep)) continue;
    const top = file.slice(root.length + 1).split(sep)[0]!;
    if (top !== "articles" && dirname(file) !== root) folders.add(join(root, top));
  }
  return [...folders].sort();
}

/**
 * The photo files under these folders (absolute paths, in order): files of a photo's extension
 * (`PHOTO_EXTENSIONS`, in any case), symbolic links not followed, clutter (hidden files, editors'
 * backups) passed over as among articles. A folder missing or that can't be read holds none.
 */
export function listPhotoFiles(folders: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (isClutter(entry.name)) continue;
      const path = `${folder}${sep}${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && PHOTO_EXTENSIONS.includes(extname(entry.name).toLowerCase())) found.push(path);
    }
  };
  for (const folder of folders) walk(folder);
  return found.sort();
}

/** The deepest folder that holds both (absolute paths). */
export function commonFolder(a: string, b: string): string {
  while (a !== b && !b.startsWith(a + sep)) {
    const up = dirname(a);
    if (up === a) return a;
    a = up;
  }
  return a;
}
