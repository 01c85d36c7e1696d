/**
 * Which search bundles an incremental build indexes again. Pagefind reads a bundle's pages from
 * the written site, so a bundle's index is a function of the pages its glob matches (and of the
 * code, which is in the cache's key): when none of them changed, the previous site's folder is
 * kept as it is. The search room can own this once it plans bundles from page data.
 */
import { hash } from "node:crypto";
import { join } from "node:path";
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from "node:fs";
import type { SearchBundle } from "../search/markers.ts";

/** A bundle's digest: the bundle itself, and the URL and digest of every page its glob matches. */
export function bundleDigests(bundles: readonly SearchBundle[], pages: ReadonlyMap<string, string>): Map<string, string> {
  const matchers = bundles.map((bundle) => ({ bundle, prefix: globPrefix(bundle.glob), pattern: globPattern(bundle.glob), members: [] as string[] }));
  for (const [url, digest] of pages) {
    const file = pagePath(url);
    for (const m of matchers) if (file.startsWith(m.prefix) && m.pattern.test(file)) m.members.push(`${url}\u0000${digest}`);
  }
  return new Map(matchers.map((m) => [m.bundle.url, hash("sha1", `${JSON.stringify(m.bundle)}\n${m.members.sort().join("\n")}`, "base64")]));
}

/**
 * Prepares the staging folder, a copy of the previous site, for indexing: removes the folders of
 * bundles gone or changed, and returns the bundles to index (new or changed). The others keep
 * the previous site's folder.
 */
export function bundlesToIndex(
  staging: string,
  bundles: readonly SearchBundle[],
  digests: ReadonlyMap<string, string>,
  previous: Readonly<Record<string, string>>,
): SearchBundle[] {
  const current = new Set(bundles.map((b) => b.url));
  for (const url of Object.keys(previous)) if (!current.has(url)) rmSync(join(staging, url), { recursive: true, force: true });
  const changed = bundles.filter((b) => previous[b.url] === undefined || previous[b.url] !== digests.get(b.url));
  for (const bundle of changed) rmSync(join(staging, bundle.url), { recursive: true, force: true });
  return changed;
}

/**
 * Pagefind numbers pages in the order it finds them, which is the order the file system lists a
 * folder's entries: on tmpfs the order they were made in, so two builds whose threads wrote pages
 * in another order, or an incremental build that replaced some, would index alike but write other
 * bytes. Before indexing, each bundle's folder is made again, its entries moved back in sorted
 * order (renames: no file is written), so that the index depends on the pages only.
 */
export function orderBundleFolders(siteDir: string, bundles: readonly SearchBundle[]): void {
  for (const bundle of bundles) {
    const dir = join(siteDir, globPrefix(bundle.glob));
    if (!existsSync(dir)) continue;
    const moved = `${dir.replace(/\/+$/, "")}.depeche-sorting`;
    renameSync(dir, moved);
    moveInOrder(moved, dir);
  }
}

function moveInOrder(from: string, to: string): void {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.isDirectory()) moveInOrder(join(from, entry.name), join(to, entry.name));
    else renameSync(join(from, entry.name), join(to, entry.name));
  }
  rmdirSync(from);
}

// A page's file as Pagefind's glob sees it, relative to the site: `/2021/03/04/x/` → `2021/03/04/x/index.html`.
function pagePath(url: string): string {
  const path = url.replace(/^\//, "");
  return path === "" || path.endsWith("/") ? `${path}index.html` : path;
}

function globPrefix(glob: string): string {
  const star = glob.search(/[*?[{]/);
  return star === -1 ? glob : glob.slice(0, star);
}

// The globs of bundles use `*` within a path segment only; anything else is refused, not guessed.
function globPattern(glob: string): RegExp {
  if (/[?[\]{}]|\*\*/.test(glob)) throw new Error(`search bundle glob ${glob}: only * within a segment is understood`);
  const escaped = glob.split("*").map((part) => part.replace(/[.+^$()|\\/]/g, "\\$&"));
  return new RegExp(`^${escaped.join("[^/]*")}$`);
}
