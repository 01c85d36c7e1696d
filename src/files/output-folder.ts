/** Which folders a build may replace whole: only its own. */
import { lstatSync, readdirSync, type Dirent, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { CommandError, describeIoError, isIoError } from "./file-errors.ts";
import { messages } from "../i18n/messages.ts";

/**
 * The file every site Dépêche builds carries: a folder holding it is one the next build may
 * replace. Published with the site (a few hundred bytes), since it must stay in the folder to
 * mark it. Under its first line, the names the build wrote at the site's top (`markerText`):
 * the next build refuses any other, which a user put there, rather than delete it.
 */
export const SITE_MARKER = ".depeche-site";
export const SITE_MARKER_TEXT = "This folder is a site built by Dépêche: the next `depeche build` into it replaces it whole.\n";
/** The marker of a site built with its drafts (the preview, `build --drafts`): never one to publish. */
export const DRAFTS_MARKER_TEXT =
  "This folder is a site built by Dépêche with its drafts (a preview), never to be published: the next `depeche build` into it replaces it whole.\n";

/** The line of the marker under which the names at the site's top follow, one a line. */
const MARKER_NAMES_LINE = "Names at its top, as the build wrote them (any other makes the next build stop, rather than delete it):\n";

/** Names at a site's top no build writes that a build replaces without a word: a file manager's. */
const SYSTEM_FILES = new Set([".DS_Store", "Thumbs.db", "desktop.ini"]);

// The names at the site's top an error names; the others are counted.
const STRAY_SHOWN = 3;

/** Where a build writes the site by default: the folder the deploy publishes. */
export const SITE_FOLDER = "_site";
/** Where the preview (`serve`) writes by default. */
export const PREVIEW_FOLDER = ".depeche/preview";
/** Where a build keeps its state by default (`--cache`). */
export const DEFAULT_CACHE_FOLDER = ".depeche/cache";

/**
 * A command's default folder as its messages suggest it: as it is, from the working directory;
 * beside the content folder when that would put it inside, as for an editor who runs the command
 * from the content folder itself (`--content .`), whose `_site` would be in it.
 * @example besideContent("_site", { contentDir: ".", cwd: "/news/content" }) // "../_site"
 */
export function besideContent(folder: string, folders: { contentDir: string; cwd: string }): string {
  const content = realLocation(resolve(folders.cwd, folders.contentDir));
  if (!holds(content, realLocation(resolve(folders.cwd, folder)))) return folder;
  return relative(realLocation(folders.cwd), join(dirname(content), folder));
}

/** The folders no output may be, hold, or (for the content) lie in. */
export interface ProtectedFolders {
  /** The content folder, as given. */
  contentDir: string;
  /** The working directory, against which the paths given are resolved. */
  cwd: string;
  /** Dépêche's own folder. */
  projectRoot: string;
}

/**
 * Refuses, with a one-line CommandError (exit 2), an output folder that a build must not replace:
 * the working directory or a folder holding it, Dépêche's own folder or one holding it, the content
 * folder or anything inside or above it, a file, a symbolic link, or a folder that is neither empty
 * nor a site Dépêche built. A folder that does not exist yet is fine.
 * @param out the folder as given on the command line
 * @param option how messages name it ("--out")
 * @param defaultFolder the command's own, which the messages suggest instead (`besideContent`)
 */
export function assertReplaceableOutput(out: string, folders: ProtectedFolders, option = "--out", defaultFolder = SITE_FOLDER): void {
  const example = besideContent(defaultFolder, folders);
  function refuse(why: string): never {
    throw new CommandError(messages().cli.outRefused(option, out.trim() === "" ? JSON.stringify(out) : out, why), 2);
  }
  if (out.trim() === "") refuse(messages().cli.outNoFolder(example));
  const path = resolve(folders.cwd, out);
  const real = realLocation(path);
  const cwd = realLocation(folders.cwd);
  if (holds(real, cwd)) refuse(messages().cli.outWorkingDirectory(real !== cwd, example));
  const project = realLocation(folders.projectRoot);
  if (holds(real, project)) refuse(messages().cli.outProject(real !== project, example));
  const content = realLocation(resolve(folders.cwd, folders.contentDir));
  if (holds(real, content) || holds(content, real)) {
    refuse(messages().cli.outContent(real === content ? "is" : holds(real, content) ? "holds" : "inside", example));
  }

  let entries: string[];
  try {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) refuse(messages().cli.outSymlink());
    if (!stats.isDirectory()) refuse(messages().cli.outIsFile());
    entries = readdirSync(path);
  } catch (error) {
    if (error instanceof CommandError) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    refuse(messages().cli.outUnreadable(describeIoError(error)));
  }
  if (entries.length > 0 && !isMarked(path)) {
    refuse(messages().cli.outNotASite(SITE_MARKER));
  }
  // A site's folder that is also a git repository or worktree (a clone of a gh-pages branch, which
  // carries the published marker): replacing the folder whole would delete the repository.
  if (entries.includes(".git")) refuse(messages().cli.outRepository());
  const stray = strayEntries(path, entries);
  if (stray.length > 0) {
    const shown = stray.slice(0, STRAY_SHOWN).map((name) => join(out, name));
    refuse(messages().cli.outStrayEntries(shown, stray.length - shown.length));
  }
}

/**
 * The names at a site's top that its marker does not list: a folder or a file a user put there,
 * which a build would delete. None for a site built before markers listed them (accepted once:
 * the next build lists its own), nor for a site with drafts, which the preview writes into
 * between builds (a year's folder for an article saved).
 */
function strayEntries(dir: string, entries: readonly string[]): string[] {
  let marker: string;
  try {
    marker = readFileSync(join(dir, SITE_MARKER), "utf8");
  } catch {
    return [];
  }
  if (marker.startsWith(DRAFTS_MARKER_TEXT)) return [];
  const at = marker.indexOf(MARKER_NAMES_LINE);
  if (at < 0) return [];
  const written = new Set(marker.slice(at + MARKER_NAMES_LINE.length).split("\n"));
  return entries.filter((name) => !written.has(name) && !SYSTEM_FILES.has(name)).sort();
}

// A page's own folder in the site, holding its `index.html`: an article's (`articleUrl`), or a
// later page of a topic's or source's list (`pageUrl`).
const PAGE_FOLDER = /^(?:\d{4}\/\d{2}\/\d{2}\/[^/]+|(?:sujets|sources)\/[^/]+\/page\/\d+)$/;
// A day's folder: every folder in it is an article's.
const DAY_FOLDER = /^\d{4}\/\d{2}\/\d{2}$/;

// The nested repositories an error names; the others are counted.
const NESTED_SHOWN = 3;

/**
 * Refuses, with a one-line CommandError (exit 2), a site's folder holding a git repository below
 * its top (a clone or `git init` in one of its folders, a worktree's or a submodule's `.git` file):
 * no build wrote it, and replacing the folder whole would delete it.
 * @param out the folder as given on the command line
 */
export function assertNoNestedRepository(out: string, cwd: string, option = "--out"): void {
  const refused = nestedRepositoryRefusal(nestedRepositories(resolve(cwd, out)), out, option);
  if (refused) throw refused;
}

/** The error for the repositories `nestedRepositories` found below `out`, if it found any. */
export function nestedRepositoryRefusal(found: readonly string[], out: string, option = "--out"): CommandError | undefined {
  if (found.length === 0) return undefined;
  const shown = found.slice(0, NESTED_SHOWN).map((inner) => join(out, inner));
  return new CommandError(messages().cli.outRefused(option, out, messages().cli.outNestedRepository(shown, found.length - shown.length)), 2);
}

/**
 * The paths, relative to `site`, of the `.git` entries below its top, sorted; a repository's own
 * insides are not read, nor symbolic links followed. A folder that cannot be read is skipped: the
 * build's own error says so when it swaps.
 *
 * The whole tree is listed, folders only: 124,000 calls and 1.5 s of CPU at 100,000 articles.
 * With `pageFolders: false`, the pages' own folders (an article's `YYYY/MM/DD/slug`, a list's
 * `sujets/irak/page/2`) are not listed, and a day's folder, which holds only articles' folders,
 * is not listed either: only its `.git` is looked for. 300 folders listed and 4,700 looked into
 * at that size: 0.09 s, where listing the 24,000 others took 0.3 s. An incremental build reads
 * that much, for it replaces no folder whole: it stages beside the site, and its catch-up and
 * removals take files, or folders they leave empty (`stage-from-site.ts`). A clean build reads
 * everything.
 */
export function nestedRepositories(site: string, { pageFolders = true } = {}): string[] {
  return walkForRepositories(site, [""], pageFolders).found;
}

/** What a read of a site for nested repositories found, and where it left the pages' folders out. */
export interface RepositoryWalk {
  /** The `.git` entries found, relative to the site, sorted. */
  found: string[];
  /** The folders, relative to the site, whose pages' own folders it did not list: the days' (`YYYY/MM/DD`, 4,700 at 100,000 articles) and the lists' (`sujets/irak/page`). */
  pagesIn: string[];
}

/** `nestedRepositories(site, { pageFolders: false })`, with the folders whose pages' folders it left out. */
export function repositoriesOutsidePages(site: string): RepositoryWalk {
  return walkForRepositories(site, [""], false);
}

/**
 * Every `.git` below the site's top, as `nestedRepositories(site)` finds them, from a read that
 * left out the pages' folders: those folders alone are listed now (a build made clean after its
 * survey read the rest), not the whole tree again.
 */
export function completeRepositoryWalk(site: string, walk: RepositoryWalk): string[] {
  const pages = walk.pagesIn.flatMap((folder) => subfolders(site, folder).filter((inner) => PAGE_FOLDER.test(inner)));
  const inPages = walkForRepositories(site, pages, true).found;
  return inPages.length === 0 ? walk.found : [...walk.found, ...inPages].sort();
}

// Lists `from` (folders relative to `site`) and every folder below them, the pages' own too or not.
function walkForRepositories(site: string, from: readonly string[], pageFolders: boolean): RepositoryWalk {
  const found: string[] = [];
  const pagesIn: string[] = [];
  const folders = [...from];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    if (!pageFolders && DAY_FOLDER.test(folder)) {
      pagesIn.push(folder);
      if (hasGitEntry(join(site, folder))) found.push(`${folder}/.git`);
      continue;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(join(site, folder), { withFileTypes: true });
    } catch (error) {
      if (isIoError(error)) continue;
      throw error;
    }
    let leftOut = false;
    for (const entry of entries) {
      const inner = folder === "" ? entry.name : `${folder}/${entry.name}`;
      if (entry.name === ".git") {
        if (folder !== "") found.push(inner);
      } else if (entry.isDirectory()) {
        if (pageFolders || !PAGE_FOLDER.test(inner)) folders.push(inner);
        else leftOut = true;
      }
    }
    if (leftOut) pagesIn.push(folder);
  }
  return { found: found.sort(), pagesIn };
}

// Whether a folder holds a `.git` entry (a folder, or a worktree's file); not when it cannot be read.
function hasGitEntry(folder: string): boolean {
  try {
    return lstatSync(join(folder, ".git"), { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    if (isIoError(error)) return false;
    throw error;
  }
}

// The folders in a folder of the site, relative to the site; none when it cannot be read.
function subfolders(site: string, folder: string): string[] {
  try {
    return readdirSync(join(site, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${folder}/${entry.name}`);
  } catch (error) {
    if (isIoError(error)) return [];
    throw error;
  }
}

/**
 * Refuses, with a one-line CommandError (exit 2), the folder of a site with drafts (the preview,
 * `serve --out`; `build --drafts --out`) that a build would refuse, or that is the published
 * site: a folder named `_site`, or any inside the working directory's `_site`. Drafts and
 * held-back articles shown there would be published by the next deploy of that folder. The
 * preview, which rebuilds at every save unasked, also refuses a site built without drafts
 * anywhere else (a deploy's folder by another name), unless it is its own folder
 * (`.depeche/preview`, where previews were marked as any site before drafts were marked apart);
 * `build --drafts` into such a folder was asked for by name.
 * @param preview whether the preview asks, or a build with drafts
 */
export function assertDraftsOutput(out: string, folders: ProtectedFolders, preview = true): void {
  const path = resolve(folders.cwd, out);
  const real = realLocation(path);
  const site = realLocation(resolve(folders.cwd, SITE_FOLDER));
  const example = besideContent(PREVIEW_FOLDER, folders);
  const refuse = (why: string): never => {
    throw new CommandError(messages().cli.outRefused("--out", out, why), 2);
  };
  if (out.trim() !== "" && (basename(real) === SITE_FOLDER || holds(site, real))) {
    refuse(messages().cli.outPublishedSite(real !== site && holds(site, real), example, preview));
  }
  assertReplaceableOutput(out, folders, "--out", PREVIEW_FOLDER);
  const own = realLocation(resolve(folders.cwd, PREVIEW_FOLDER));
  if (preview && real !== own && isMarked(path) && !hasDrafts(path)) refuse(messages().cli.outBuiltWithoutDrafts(example));
}

/**
 * The text of the marker a build writes (`SITE_MARKER`): with drafts, or without; then the names
 * the build wrote at the site's top, sorted, which the next build holds the folder to.
 */
export function markerText(drafts: boolean, names: readonly string[]): string {
  return `${drafts ? DRAFTS_MARKER_TEXT : SITE_MARKER_TEXT}${MARKER_NAMES_LINE}${[...new Set([SITE_MARKER, ...names])].sort().join("\n")}\n`;
}

function hasDrafts(dir: string): boolean {
  try {
    return readFileSync(join(dir, SITE_MARKER), "utf8").startsWith(DRAFTS_MARKER_TEXT);
  } catch {
    return false;
  }
}

/**
 * Refuses, with a one-line CommandError (exit 2), a cache folder (`--cache`, or the default one
 * where the command runs) that is or lies in the content folder, which belongs to the editors and
 * their repository, or in the output folder, which is published: the cache holds every article's
 * title and URL, drafts' and embargoed ones' too. Nor may it be or lie in a git repository's own
 * folder (`.git`), be a file, or be a folder that holds anything but a cache's files (`isCacheEntry`):
 * the root, Dépêche's folder, a project's `src`.
 */
export function assertCacheFolder(cache: string, folders: { contentDir: string; outDir: string; cwd: string }): void {
  const path = resolve(folders.cwd, cache);
  const real = realLocation(path);
  const example = besideContent(DEFAULT_CACHE_FOLDER, folders);
  const refuse = (why: string): never => {
    throw new CommandError(messages().cli.outRefused("--cache", cache.trim() === "" ? JSON.stringify(cache) : cache, why), 2);
  };
  if (cache.trim() === "") refuse(messages().cli.cacheNoFolder(example));
  if (holds(realLocation(resolve(folders.cwd, folders.contentDir)), real)) refuse(messages().cli.cacheInContent(example));
  if (holds(realLocation(resolve(folders.cwd, folders.outDir)), real)) refuse(messages().cli.cacheInSite());
  if (real.split(sep).includes(".git")) refuse(messages().cli.cacheInRepository(example));
  let entries: string[];
  try {
    if (!statSync(path).isDirectory()) refuse(messages().cli.cacheIsFile(example));
    entries = readdirSync(path);
  } catch (error) {
    if (error instanceof CommandError) throw error;
    // A folder still to make, or one the cache's own error names when it is read.
    return;
  }
  const foreign = entries.filter((name) => !isCacheEntry(name)).sort();
  if (foreign.length > 0) refuse(messages().cli.cacheNotACache(foreign.slice(0, 3), foreign.length, example));
}

/** A name a cache folder may hold: a build's state and journal (and their partial copies), the encoded photos. */
export function isCacheEntry(name: string): boolean {
  return /^build-[0-9a-f]+\.(?:bin|journal)(?:\.\d+\.partial)?$/.test(name) || name === "images" || name === ".DS_Store";
}

/**
 * The one-line error for a build that could not write its site: a full or read-only disk, a
 * folder it may not write in. Any other error (a bug) is returned as it is, with its trace.
 * @param hadSite whether a previous site was there (and so is still there, unchanged)
 */
export function siteWriteError(error: unknown, out: string, hadSite: boolean): unknown {
  const cause = ioCause(error);
  if (!cause) return error;
  return new CommandError(messages().cli.siteWriteFailed(out.replace(/[\\/]+$/, ""), describeIoError(cause), hadSite));
}

/** The file system's error behind an error, if any: Eleventy wraps it in `originalError`, Node in `cause`. */
export function ioCause(error: unknown): NodeJS.ErrnoException | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth++) {
    if (isIoError(current)) return current;
    current = (current as { originalError?: unknown }).originalError ?? current.cause;
  }
  return undefined;
}

function isMarked(dir: string): boolean {
  try {
    return lstatSync(join(dir, SITE_MARKER)).isFile();
  } catch {
    return false;
  }
}

// Where a path really is, through any symbolic link on the way: its nearest existing ancestor's
// real path, then the rest as written.
function realLocation(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realLocation(parent), basename(path));
  }
}

function holds(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!isAbsolute(rel) && rel.split(sep)[0] !== "..");
}
