/**
 * The state an incremental build starts from (`depeche build --cache DIR`): the archive store's
 * snapshot, the digest of every page of the site it built, its feeds and sitemaps (each search
 * bundle keeps its own digest in its folder, `src/search/indexer.ts`), and what tells the site
 * apart from the spare kept beside it (`SpareSite`). One file per content folder and output
 * folder, valid only for the same code, the same options and the very site it describes; anything
 * else is a clean build.
 */
import { hash } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join, relative, resolve } from "node:path";
import { STORE_FORMAT, type StoreSnapshot } from "../content/store.ts";
import { SITE_MARKER, SITE_MARKER_TEXT } from "../files/output-folder.ts";
import { pack, unpackFile, type Packable } from "../files/packed-values.ts";

/** Bumped whenever the cache's shape or the meaning of what it holds changes. */
export const CACHE_FORMAT = 6;

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
  pages: Map<string, string>;
  /** Site-relative paths of the feeds, sitemaps, robots.txt and `_redirects`. */
  outputs: string[];
  /**
   * Article file digest → its standfirst as lists show it: a list page rewritten shows twenty
   * articles, whose bodies would otherwise be parsed again for their first paragraph.
   */
  summaries: Map<string, string>;
  /**
   * Article URL → the indexes (in `pages`' order) of the pages whose digest reads its text (body
   * and summary): its own page and every page that lists it (`pageDigests`). A build whose only
   * changes are articles' texts rewrites those pages and plans no other (`src/publish/build-site.ts`).
   */
  dependents: Map<string, number[]>;
  /** Pages per kind, as the build's summary counts them. */
  counts: Record<string, number>;
  /** What the photos' derivatives were (`photosKey`): the pages show them. */
  photos: string;
}

/**
 * The site an incremental build replaced, kept beside the output folder (`spareFolder`) for the
 * next build to stage in: which site it is, and where the live site differs from it.
 */
export interface SpareSite {
  /** The spare's `siteStamp` when it was set aside: a spare that no longer has it is not used. */
  stamp: string;
  /**
   * Site-relative paths (files or folders) that the build which set the spare aside wrote,
   * replaced or removed: everywhere else the spare and the live site hold the same files.
   */
  changed: string[];
}

export interface CachedBuild extends SiteState {
  store: StoreSnapshot;
  /** The spare beside the site, when the build that wrote the site kept one. */
  spare?: SpareSite;
}

/** The cache file's first line, JSON: enough to tell whether the rest is worth reading. */
interface CacheHeader {
  format: typeof CACHE_FORMAT;
  key: string;
  /** The site the state describes (`siteStamp`). */
  site: string;
}

/** The rest of the file, packed (`src/files/packed-values.ts`). */
interface SavedState {
  pages: [string[], string[]];
  outputs: string[];
  summaries: [string[], string[]];
  dependents: [string[], number[][]];
  counts: Record<string, number>;
  photos: string;
  store: StoreSnapshot;
  spare?: SpareSite;
}

// More than the header line of JSON ever takes.
const HEADER_BYTES = 4096;

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
 * What identifies a site as the one a build wrote: its marker file's size and modification time
 * (to the nanosecond), and the names at its top. Every build writes the marker anew, with a time
 * of its own (`renewMarker`), so a site built since the cache was written (a build killed after
 * its swap, another build without the cache) no longer matches; a site restored with its times
 * (`tar --posix`, as actions/cache does) still does. A file added or removed by hand at the top
 * is seen; edits deeper in are not looked for (a walk of 250,000 files would be): the site is
 * Dépêche's output, and `--no-cache` rebuilds it whole (docs/architecture.md).
 */
export function siteStamp(dir: string): string | undefined {
  const marker = lstatSync(join(dir, SITE_MARKER), { bigint: true, throwIfNoEntry: false });
  if (!marker?.isFile()) return undefined;
  const names = readdirSync(dir).sort().join("\u0000");
  return `${marker.size}:${marker.mtimeNs}:${hash("sha1", names, "base64")}`;
}

/**
 * Writes the site's marker into a folder being built, as a new file (a linked one is replaced,
 * never written into) with a modification time no other build gives it: the site's stamp.
 */
export function renewMarker(staging: string): void {
  const path = join(staging, SITE_MARKER);
  const fresh = `${path}.depeche-new`;
  writeFileSync(fresh, SITE_MARKER_TEXT);
  // Now, to the microsecond, plus a random part: two builds in one clock tick still differ.
  const seconds = Date.now() / 1000 + Math.floor(Math.random() * 1000) / 1e6;
  utimesSync(fresh, seconds, seconds);
  renameSync(fresh, path);
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
    this.file = join(dir, `build-${name}.bin`);
  }

  /**
   * The state of the last build, when it was made by the same code with the same options and
   * describes the output folder as it is; else undefined (a clean build follows). A cache that
   * cannot be read (truncated, corrupt, of another format) is thrown away.
   */
  read(outDir: string): CachedBuild | undefined {
    let fd: number;
    try {
      fd = openSync(this.file, "r");
    } catch {
      return undefined;
    }
    try {
      // The header line is short: the first kilobytes hold it.
      const first = Buffer.alloc(HEADER_BYTES);
      const end = first.subarray(0, readSync(fd, first, 0, HEADER_BYTES, 0)).indexOf(10);
      if (end === -1) throw new Error("no header");
      const header = JSON.parse(first.toString("utf8", 0, end)) as CacheHeader;
      if (header.format !== CACHE_FORMAT || header.key !== this.key || header.site !== siteStamp(outDir)) return undefined;
      const saved = unpackFile(fd, end + 1) as unknown as SavedState;
      return {
        pages: toMap(saved.pages),
        outputs: saved.outputs,
        summaries: toMap(saved.summaries),
        dependents: toMap(saved.dependents),
        counts: saved.counts,
        photos: saved.photos,
        store: saved.store,
        ...(saved.spare ? { spare: saved.spare } : {}),
      };
    } catch {
      this.discard();
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Saves the state of the site just swapped in, with its stamp (`siteStamp`, taken of the staging
   * folder before the swap). Written beside, then renamed over the last one: a build killed while
   * writing leaves the previous file, which no longer matches the site and is ignored.
   */
  write(site: string, state: CachedBuild): void {
    mkdirSync(this.dir, { recursive: true });
    const header: CacheHeader = { format: CACHE_FORMAT, key: this.key, site };
    const saved: SavedState = {
      pages: columns(state.pages),
      outputs: state.outputs,
      summaries: columns(state.summaries),
      dependents: columns(state.dependents),
      counts: state.counts,
      photos: state.photos,
      store: state.store,
      ...(state.spare ? { spare: state.spare } : {}),
    };
    const head = Buffer.from(`${JSON.stringify(header)}\n`);
    const pieces = pack(saved as unknown as Packable);
    const partial = `${this.file}.${process.pid}.partial`;
    const fd = openSync(partial, "w");
    try {
      writeSync(fd, head);
      for (const piece of pieces) {
        if (piece instanceof Uint8Array) writeSync(fd, piece);
        else writeSync(fd, piece.text, null, piece.encoding);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, this.file);
    // The JSON lines of format 3, a quarter of a gigabyte at 100,000 articles, are of no use now.
    rmSync(this.file.replace(/\.bin$/, ".jsonl"), { force: true });
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

// A map's keys and values as two arrays: one long array of strings packs faster than an object of 100,000 keys.
// (Maps, not objects: an object of 100,000 keys is a slow dictionary to make and to walk.)
function columns<T>(map: ReadonlyMap<string, T>): [string[], T[]] {
  return [[...map.keys()], [...map.values()]];
}

function toMap<T>([keys, values]: [string[], T[]]): Map<string, T> {
  const made = new Map<string, T>();
  for (let i = 0; i < keys.length; i++) made.set(keys[i]!, values[i]!);
  return made;
}
