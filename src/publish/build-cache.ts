/**
 * The state an incremental build starts from (`depeche build --cache DIR`): the archive store's
 * snapshot, the digest of every page of the site it built, its feeds and sitemaps (each search
 * bundle keeps its own digest in its folder, `src/search/indexer.ts`). One file per content folder and output folder, valid only for the same code, the same
 * options and the very site it describes; anything else is a clean build.
 */
import { createHash, hash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { STORE_FORMAT, type StoreSnapshot } from "../content/store.ts";

/** Bumped whenever the cache's shape or the meaning of what it holds changes. */
export const CACHE_FORMAT = 3;

/** What a build's output depends on besides the content: each one changes the cache's key. */
export interface CacheKeyOptions {
  contentDir: string;
  outDir: string;
  drafts: boolean;
  baseUrl?: string;
  search: boolean;
}

/** What the cache holds, beside the store's snapshot. */
export interface SiteState {
  /** Page URL → digest of its planned data (`pageDigests`). */
  pages: Record<string, string>;
  /** Site-relative paths of the feeds, sitemaps, robots.txt and `_redirects`. */
  outputs: string[];
  /**
   * Article file digest → its standfirst as lists show it: a list page rewritten shows twenty
   * articles, whose bodies would otherwise be parsed again for their first paragraph.
   */
  summaries: Record<string, string>;
}

export interface CachedBuild extends SiteState {
  store: StoreSnapshot;
}

interface CacheHeader extends SiteState {
  format: typeof CACHE_FORMAT;
  key: string;
  /** The site the state describes (`siteStamp`). */
  site: string;
  store: Omit<StoreSnapshot, "entries">;
}

// What makes the pages: the code, templates and static files of Dépêche, and its dependencies.
const CODE = ["src", "templates", "public", ".eleventy.ts", "package.json", "package-lock.json"];

/**
 * The cache's key: a digest of Dépêche's code (src/, templates/, public/, .eleventy.ts), its
 * dependencies (package-lock.json), Node's version, the formats of the cache and the store, and
 * the options that change pages. The registries (site.yaml, topics.yaml, sources.yaml) are not
 * in it: the store reads them, and a change to them validates and writes every page again.
 */
export function cacheKey(projectRoot: string, options: CacheKeyOptions): string {
  const parts = [
    `cache ${CACHE_FORMAT} store ${STORE_FORMAT} node ${process.version}`,
    JSON.stringify({ drafts: options.drafts, baseUrl: options.baseUrl ?? null, search: options.search }),
  ];
  for (const file of codeFiles(projectRoot)) parts.push(`${relative(projectRoot, file)}\u0000${hash("sha1", readFileSync(file), "base64")}`);
  return hash("sha1", parts.join("\n"), "base64");
}

function codeFiles(root: string): string[] {
  const files: string[] = [];
  for (const name of CODE) {
    const path = join(root, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isFile()) files.push(path);
    else if (stat?.isDirectory())
      for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
  }
  return files.sort();
}

/**
 * What identifies a site as the one a build wrote: every file's path, size and modification time
 * (to the nanosecond), digested. A site changed since the cache was written (a build killed after
 * its swap, another build without the cache, a hand edit) no longer matches; a site restored
 * with its times (`tar --posix`, as actions/cache does) still does.
 */
export function siteStamp(dir: string): string | undefined {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return undefined;
  const digest = createHash("sha1");
  const walk = (folder: string, prefix: string): void => {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else {
        const file = lstatSync(path, { bigint: true });
        digest.update(`${prefix}${entry.name}\u0000${file.size}\u0000${file.mtimeNs}\n`);
      }
    }
  };
  walk(dir, "");
  return digest.digest("base64");
}

/** The cache folder's file for one content folder and one output folder. */
export class BuildCache {
  readonly file: string;

  constructor(
    private readonly dir: string,
    private readonly key: string,
    options: Pick<CacheKeyOptions, "contentDir" | "outDir">,
  ) {
    const name = hash("sha1", `${resolve(options.contentDir)}\u0000${resolve(options.outDir)}`, "hex").slice(0, 16);
    this.file = join(dir, `build-${name}.jsonl`);
  }

  /**
   * The state of the last build, when it was made by the same code with the same options and
   * describes the output folder as it is; else undefined (a clean build follows). A cache that
   * cannot be read is thrown away.
   */
  read(outDir: string): CachedBuild | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.file);
    } catch {
      return undefined;
    }
    try {
      const lines = jsonLines(bytes);
      const header = lines.next().value as CacheHeader | undefined;
      if (header?.format !== CACHE_FORMAT || header.key !== this.key || header.site !== siteStamp(outDir)) return undefined;
      const entries: StoreSnapshot["entries"] = [];
      for (const entry of lines) entries.push(entry as StoreSnapshot["entries"][number]);
      const { pages, outputs, summaries } = header;
      return { pages, outputs, summaries, store: { ...header.store, entries } };
    } catch {
      this.discard();
      return undefined;
    }
  }

  /**
   * Saves the state of the site just swapped in, with its stamp (`siteStamp`, taken of the staging
   * folder before the swap: renames keep files' times). Written beside, then renamed over the
   * last one: a build killed while writing leaves the previous file, which no longer matches the
   * site and is ignored.
   */
  write(site: string, state: CachedBuild): void {
    mkdirSync(this.dir, { recursive: true });
    const { entries, ...store } = state.store;
    const header: CacheHeader = {
      format: CACHE_FORMAT,
      key: this.key,
      site,
      pages: state.pages,
      outputs: state.outputs,
      summaries: state.summaries,
      store,
    };
    const partial = `${this.file}.${process.pid}.partial`;
    const fd = openSync(partial, "w");
    try {
      // One entry a line: a large archive's snapshot would not fit in one string.
      let chunk = `${JSON.stringify(header)}\n`;
      for (const entry of entries) {
        chunk += `${JSON.stringify(entry)}\n`;
        if (chunk.length > 1 << 20) {
          writeSync(fd, chunk);
          chunk = "";
        }
      }
      writeSync(fd, chunk);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, this.file);
  }

  /** Removes the cache, so that the next build is a clean one. */
  discard(): void {
    rmSync(this.file, { force: true });
  }

  /** Whether a cache file exists (for tests and the summary). */
  exists(): boolean {
    return existsSync(this.file);
  }
}

// Each line of a buffer as JSON, decoded one at a time.
function* jsonLines(bytes: Buffer): Generator<unknown> {
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end === -1) end = bytes.length;
    if (end > start) yield JSON.parse(bytes.toString("utf8", start, end));
    start = end + 1;
  }
}
