/**
 * The state an incremental build starts from (`depeche build --cache DIR`): the archive store's
 * snapshot, the digest of every page of the site it built, its feeds and sitemaps (each search
 * bundle keeps its own digest in its folder, `src/search/indexer.ts`), and what tells the site
 * apart from the spare kept beside it (`SpareSite`). One file per content folder and output
 * folder, valid only for the same code, the same options and the very site it describes; anything
 * else is a clean build. Beside it, a journal of what each later build changed (`StatePatch`):
 * an edit at 100,000 articles appends a few kilobytes instead of writing 130 MB again.
 */
import { hash, randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fstatSync,
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
import { basename, join, relative, resolve } from "node:path";
import { crc32 } from "node:zlib";
import { patchSnapshot, STORE_FORMAT, type StorePatch, type StoreSnapshot } from "../content/store.ts";
import { DEFAULT_CACHE_FOLDER, markerText, SITE_MARKER } from "../files/output-folder.ts";
import { SEARCH_INDEX_URL } from "../urls/site-urls.ts";
import { pack, pieceBytes, ReadMemory, unpack, unpackFile, unpackMemoryNeeded, type Packable, type Piece } from "../files/packed-values.ts";
import { type MapChanges, OrderedColumns, type SavedColumns } from "../files/ordered-columns.ts";

/** Bumped whenever the cache's shape or the meaning of what it holds changes. */
export const CACHE_FORMAT = 15;

/** Where builds keep what they can reuse, and check reads, unless `--cache` says otherwise. */
export const DEFAULT_CACHE_DIR = DEFAULT_CACHE_FOLDER;

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
  /** Page URL → digest of its planned data (`pageDigests`), in the order the pages were planned. */
  pages: ReadonlyMap<string, string>;
  /** Site-relative paths of the feeds, sitemaps, robots.txt and `_redirects`. */
  outputs: string[];
  /**
   * Article file digest → its standfirst as lists show it: a list page rewritten shows twenty
   * articles, whose bodies would otherwise be parsed again for their first paragraph.
   */
  summaries: ReadonlyMap<string, string>;
  /** Pages per kind, as the build's summary counts them. */
  counts: Record<string, number>;
  /** The photos the pages show, each `src` with its file's digest (`shownDigests`). */
  photos: ShownPhotos;
}

/** Each photo the pages show, by its `src`: its file's digest (its derivatives follow from the file and its name). */
export type ShownPhotos = ReadonlyMap<string, string>;

/** The photos the pages show, as the cache keeps them (`ShownPhotos`). */
export function shownDigests(sets: ReadonlyMap<string, { source: { digest: string } }>): Map<string, string> {
  return new Map([...sets].map(([src, set]) => [src, set.source.digest]));
}

export function sameShownPhotos(a: ShownPhotos, b: ShownPhotos): boolean {
  if (a.size !== b.size) return false;
  for (const [src, digest] of a) if (b.get(src) !== digest) return false;
  return true;
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
  /** Read back as columns, looked up, never made into a Map (`src/files/ordered-columns.ts`): `with` gives the next state's. */
  pages: OrderedColumns;
  /** Likewise. */
  summaries: OrderedColumns;
  store: StoreSnapshot;
  /** The spare beside the site, when the build that wrote the site kept one. */
  spare?: SpareSite;
}

/** The whole state a cache is written with (`write`), journal aside. */
export type WholeState = SiteState & { store: StoreSnapshot; spare?: SpareSite };

/**
 * What a build changed in the state it started from, when its pages are the previous ones in the
 * same order, some perhaps added after them (an edit of articles' texts, articles added): the
 * pages whose digest changed, the pages added, the summaries it made, the store's patch; the small
 * parts whole.
 */
export interface StatePatch {
  pages: [string[], string[]];
  /** Pages added after the previous ones, in order: their URLs and digests. */
  added: [string[], string[]];
  /** Pages gone, before those set or added: their URLs. Absent when none went. */
  removed?: string[];
  summaries: [string[], string[]];
  outputs: string[];
  counts: Record<string, number>;
  /** Absent when the photos shown are the previous state's: a record stays small at 10,000 photos. */
  photos?: [string[], string[]];
  store: StorePatch;
  spare?: SpareSite;
}

/** The cache file's first line, JSON: enough to tell whether the rest is worth reading. */
interface CacheHeader {
  format: typeof CACHE_FORMAT;
  key: string;
  /** The site the state describes (`siteStamp`), when the journal adds nothing. */
  site: string;
  /** This file's own name for itself: a journal continues only the file whose id it names. */
  id: string;
  /** The content folder (absolute) the store's snapshot is of: how `check` finds it, whatever the output folder. */
  content?: string;
  /** The bytes of the store's snapshot, packed right after this line: `check` reads them and no more. */
  storeBytes: number;
  /**
   * CRC-32 of the store's bytes and of the rest's, in hexadecimal: a file damaged in place (a disk,
   * a restore, a hand) keeps its length and its structure, and would be read as another site.
   */
  storeCrc: string;
  restCrc: string;
}

// Written in the header before the bytes it sums, then replaced in place: the same length.
const CRC_PLACEHOLDER = "00000000";
const crcText = (crc: number): string => crc.toString(16).padStart(8, "0");
const CRC_CHUNK = 4 * 1024 * 1024;

/** A journal's record, packed: the site the state describes once the patch is applied, and the patch. */
interface JournalRecord {
  site: string;
  patch: StatePatch;
}

/**
 * What follows the store's snapshot in the file, packed (`src/files/packed-values.ts`). The file:
 * the header's line, the snapshot packed on its own (`check` reads it and stops), then this.
 */
interface SavedState {
  pages: SavedColumns;
  outputs: string[];
  /** Article file digest → standfirst. */
  summaries: SavedColumns;
  counts: Record<string, number>;
  photos: [string[], string[]];
  spare?: SpareSite;
}

// More than the header line of JSON ever takes.
const HEADER_BYTES = 4096;
const JOURNAL_MAGIC = "depeche-journal 1 ";
// Each record: its length (4 bytes) and the SHA-1 of its bytes (20), then its bytes. A record cut
// short or damaged (a build killed while appending) fails one or the other: the cache is discarded.
const RECORD_HEAD = 24;
// The journal is folded into the file (the whole state written again) past either.
const JOURNAL_MAX_BYTES = 8 << 20;
/** The journal's records past which it is folded in, unless the cache is told otherwise. */
export const JOURNAL_MAX_RECORDS = 64;

// What makes the pages: the code, templates and static files of Dépêche, and its dependencies.
// The libraries as installed (node_modules/.package-lock.json, which npm rewrites at each install),
// not only as locked: pages built before an `npm install` that follows a pull are not reused after it.
const CODE = ["src", "templates", "public", ".eleventy.ts", "tsconfig.json", "package.json", "package-lock.json", "node_modules/.package-lock.json"];

/**
 * The cache's key: a digest of Dépêche's code (src/, templates/, public/, .eleventy.ts,
 * tsconfig.json), its dependencies (package-lock.json, and the libraries installed), Node's version, the formats of the cache and the store
 * (`codeKey`), then, after a space, one of the options that change pages. The registries
 * (site.yaml, topics.yaml, sources.yaml) are not in it: the store reads them, and a change to them
 * validates and writes every page again.
 */
export function cacheKey(projectRoot: string, options: CacheKeyOptions): string {
  const pageOptions = JSON.stringify({ drafts: options.drafts, baseUrl: options.baseUrl ?? null, search: options.search });
  return `${codeKey(projectRoot)} ${hash("sha1", pageOptions, "base64")}`;
}

/**
 * The first part of the cache's key, all the store's snapshot depends on (no option changes what
 * the store holds): `check` takes the snapshot of a build made with any options.
 */
export function codeKey(projectRoot: string): string {
  const parts = [`cache ${CACHE_FORMAT} store ${STORE_FORMAT} node ${process.version}`];
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
export function renewMarker(staging: string, drafts: boolean): void {
  const path = join(staging, SITE_MARKER);
  const fresh = `${path}.depeche-new`;
  // The names at its top: all but the search index's are there by now (its folder is filled last).
  const names = readdirSync(staging).filter((name) => name !== basename(fresh));
  writeFileSync(fresh, markerText(drafts, [...names, SEARCH_INDEX_URL.replaceAll("/", "")]));
  // Now, to the microsecond, plus a random part: two builds in one clock tick still differ.
  const seconds = Date.now() / 1000 + Math.floor(Math.random() * 1000) / 1e6;
  utimesSync(fresh, seconds, seconds);
  renameSync(fresh, path);
}

/** The cache folder's file for one content folder and one output folder. */
export class BuildCache {
  readonly file: string;
  readonly journal: string;
  private readonly content: string;
  // The file and journal the last `read` returned the state of: `append` continues them.
  private loaded?: { id: string; journalBytes: number; records: number };

  constructor(
    private readonly dir: string,
    private readonly key: string,
    options: Pick<CacheKeyOptions, "contentDir" | "outDir">,
    /** Records the journal may hold before the whole state is written again (0: every time). */
    private readonly maxRecords = JOURNAL_MAX_RECORDS,
  ) {
    this.content = resolve(options.contentDir);
    const name = hash("sha1", `${this.content}\u0000${resolve(options.outDir)}`, "hex").slice(0, 16);
    this.file = join(dir, `build-${name}.bin`);
    this.journal = join(dir, `build-${name}.journal`);
  }

  /**
   * The state of the last build, when it was made by the same code with the same options and
   * describes the output folder as it is; else undefined (a clean build follows). A cache that
   * cannot be read (truncated, corrupt, of another format) is thrown away.
   */
  read(outDir: string): CachedBuild | undefined {
    this.loaded = undefined;
    let fd: number;
    try {
      fd = openSync(this.file, "r");
    } catch {
      return undefined;
    }
    try {
      const { header, end } = readHeader(fd);
      if (header.format !== CACHE_FORMAT || header.key !== this.key) return undefined;
      // The journal first (kilobytes): the site it names is checked before the file is unpacked.
      const journal = readJournal(this.journal, header.id);
      const records = journal?.records ?? [];
      if ((records.at(-1)?.site ?? header.site) !== siteStamp(outDir)) return undefined;
      const storeEnd = end + 1 + header.storeBytes;
      const [store, saved] = readCheckedValues(fd, [
        { start: end + 1, end: storeEnd, crc: header.storeCrc },
        { start: storeEnd, end: fstatSync(fd).size, crc: header.restCrc },
      ]) as unknown as [StoreSnapshot, SavedState];
      const state: CachedBuild = {
        pages: OrderedColumns.read(saved.pages),
        outputs: saved.outputs,
        summaries: OrderedColumns.read(saved.summaries),
        counts: saved.counts,
        photos: new Map(zip(...saved.photos)),
        store,
        ...(saved.spare ? { spare: saved.spare } : {}),
      };
      const patched = applyPatches(
        state,
        records.map((r) => r.patch),
      );
      this.loaded = { id: header.id, journalBytes: journal?.bytes ?? 0, records: records.length };
      return patched;
    } catch {
      this.discard();
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Saves the state of the site just swapped in (or about to be: a large clean build with search
   * saves it before its index), with its stamp (`siteStamp`, taken of the staging folder before
   * the swap): a site never swapped in does not match it. Written beside, then renamed over the
   * last one: a build killed while writing leaves the previous file, which no longer matches the
   * site and is ignored.
   */
  write(site: string, state: WholeState): void {
    this.loaded = undefined;
    mkdirSync(this.dir, { recursive: true });
    const store = pack(state.store as unknown as Packable);
    const header: CacheHeader = {
      format: CACHE_FORMAT,
      key: this.key,
      site,
      id: randomBytes(12).toString("base64url"),
      content: this.content,
      storeBytes: store.byteLength,
      storeCrc: CRC_PLACEHOLDER,
      restCrc: CRC_PLACEHOLDER,
    };
    const saved: SavedState = {
      pages: OrderedColumns.save(state.pages),
      outputs: state.outputs,
      summaries: OrderedColumns.save(state.summaries),
      counts: state.counts,
      photos: keysAndValues(state.photos),
      ...(state.spare ? { spare: state.spare } : {}),
    };
    const headText = `${JSON.stringify(header)}\n`;
    const head = Buffer.from(headText);
    const partial = `${this.file}.${process.pid}.partial`;
    const fd = openSync(partial, "w");
    try {
      writeAll(fd, head);
      const storeCrc = writePieces(fd, store);
      // The rest is packed once the store's pieces are written: the two are never packed at once.
      const restCrc = writePieces(fd, pack(saved as unknown as Packable));
      // Each sum over its placeholder in the header, at the same bytes.
      for (const [field, crc] of [
        ["storeCrc", storeCrc],
        ["restCrc", restCrc],
      ] as const) {
        const key = `"${field}":"`;
        const at = Buffer.byteLength(headText.slice(0, headText.indexOf(`${key}${CRC_PLACEHOLDER}"`) + key.length));
        writeAll(fd, Buffer.from(crcText(crc)), at);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, this.file);
    // The journal continued the file just replaced: its id no longer matches, it goes.
    rmSync(this.journal, { force: true });
    // The JSON lines of format 3, a quarter of a gigabyte at 100,000 articles, are of no use now.
    rmSync(this.file.replace(/\.bin$/, ".jsonl"), { force: true });
  }

  /**
   * Appends to the journal what the build changed in the state the last `read` returned, and the
   * site it describes now (`siteStamp`, as `write` takes it). Says false, having written nothing,
   * when there was no such read or the journal is long enough to be folded in: `write` then saves
   * the whole state. A record is written whole then synced; a build killed meanwhile leaves a record
   * cut short, which the next read detects (its length, its digest) and discards the cache for.
   */
  append(site: string, patch: StatePatch): boolean {
    const loaded = this.loaded;
    if (!loaded || loaded.records >= this.maxRecords) return false;
    const payload = Buffer.concat([...pack({ site, patch } satisfies JournalRecord as unknown as Packable)].map(pieceBytes));
    const head = Buffer.alloc(RECORD_HEAD);
    head.writeUInt32LE(payload.length, 0);
    hash("sha1", payload, "buffer").copy(head, 4);
    if (loaded.journalBytes + head.length + payload.length > JOURNAL_MAX_BYTES) return false;
    if (loaded.journalBytes === 0) {
      // A new journal: written beside and renamed, so that it never holds another file's records.
      const partial = `${this.journal}.${process.pid}.partial`;
      writeWhole(partial, [Buffer.from(`${JOURNAL_MAGIC}${loaded.id}\n`), head, payload], "w");
      renameSync(partial, this.journal);
      loaded.journalBytes = statSync(this.journal).size;
    } else {
      writeWhole(this.journal, [head, payload], "a");
      loaded.journalBytes += head.length + payload.length;
    }
    loaded.records++;
    return true;
  }

  /**
   * Removes the cache, so that the next build is a clean one. A cache that cannot be removed (a
   * read-only folder) is left: it no longer matches the site, or fails its sums, and is not used.
   */
  discard(): void {
    this.loaded = undefined;
    for (const path of [this.file, this.journal]) {
      try {
        rmSync(path, { force: true });
      } catch {
        // Left as said.
      }
    }
  }

  /** Whether a cache file exists (for tests and the summary). */
  exists(): boolean {
    return existsSync(this.file);
  }
}

// The journal's records, when it continues the file of this id: none when there is no journal, or
// it continues another (a file written since); throws when a record is cut short or damaged.
function readJournal(path: string, id: string): { records: JournalRecord[]; bytes: number } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const line = bytes.indexOf(10);
  if (line === -1 || bytes.toString("utf8", 0, line) !== `${JOURNAL_MAGIC}${id}`) return undefined;
  const records: JournalRecord[] = [];
  for (let at = line + 1; at < bytes.length; ) {
    if (at + RECORD_HEAD > bytes.length) throw new Error("journal record cut short");
    const length = bytes.readUInt32LE(at);
    const payload = bytes.subarray(at + RECORD_HEAD, at + RECORD_HEAD + length);
    if (payload.length !== length || !hash("sha1", payload, "buffer").equals(bytes.subarray(at + 4, at + RECORD_HEAD)))
      throw new Error("journal record damaged");
    records.push(unpack(payload) as unknown as JournalRecord);
    at += RECORD_HEAD + length;
  }
  return { records, bytes: bytes.length };
}

// The header line, JSON, and where it ends: the first kilobytes hold it.
function readHeader(fd: number): { header: CacheHeader; end: number } {
  const first = Buffer.alloc(HEADER_BYTES);
  const end = first.subarray(0, readSync(fd, first, 0, HEADER_BYTES, 0)).indexOf(10);
  if (end === -1) throw new Error("no header");
  return { header: JSON.parse(first.toString("utf8", 0, end)) as CacheHeader, end };
}

/**
 * The archive store's snapshot as the last build of this content folder left it (its journal
 * applied), whatever its output folder, options or site, when Dépêche's code is the same
 * (`codeKey`): what `check` starts from. Of the builds of this folder into several output folders,
 * the one written last. Read-only: a cache that cannot be read is left as it is (the next build
 * decides), and undefined is returned, as for none.
 */
export function readStoreSnapshot(dir: string, projectRoot: string, contentDir: string): StoreSnapshot | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /^build-[0-9a-f]{16}\.bin$/.test(name));
  } catch {
    return undefined;
  }
  const content = resolve(contentDir);
  const code = `${codeKey(projectRoot)} `;
  const candidates: { file: string; journal: string; changed: number }[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const journal = file.replace(/\.bin$/, ".journal");
    const changed = Math.max(...[file, journal].map((path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0));
    candidates.push({ file, journal, changed });
  }
  for (const { file, journal } of candidates.sort((a, b) => b.changed - a.changed)) {
    let fd: number;
    try {
      fd = openSync(file, "r");
    } catch {
      continue;
    }
    try {
      const { header, end } = readHeader(fd);
      if (header.format !== CACHE_FORMAT || header.content !== content || !header.key.startsWith(code)) continue;
      const records = readJournal(journal, header.id)?.records ?? [];
      const [store] = readCheckedValues(fd, [{ start: end + 1, end: end + 1 + header.storeBytes, crc: header.storeCrc }]) as unknown as [StoreSnapshot];
      return patchSnapshot(
        store,
        records.map((r) => r.patch.store),
      );
    } catch {
      // Cut short or damaged: the next one, else none (a full check).
    } finally {
      closeSync(fd);
    }
  }
  return undefined;
}

/**
 * What a build changed in the state it started from, as a journal's patch (`BuildCache.append`).
 * Pages the fast path made from the previous ones (`OrderedColumns.with`: some removed, the others
 * in their order, new ones after them) say what changed. Others are compared with them in one
 * walk of both; undefined when they do not begin with the previous ones in the same order (a page
 * removed or moved by a build that planned every page): the whole state is saved then.
 * `summaries` are those of the entries the store set since.
 */
export function statePatch(
  previous: SiteState,
  next: SiteState,
  store: StorePatch,
  summaries: ReadonlyMap<string, string>,
  spare: SpareSite | undefined,
): StatePatch | undefined {
  const pages = (next.pages instanceof OrderedColumns ? next.pages.changesSince(previous.pages) : undefined) ?? comparePages(previous.pages, next.pages);
  if (!pages) return undefined;
  return {
    pages: pages.changed,
    added: pages.added,
    ...(pages.removed.length > 0 ? { removed: pages.removed } : {}),
    summaries: keysAndValues(summaries),
    outputs: next.outputs,
    counts: next.counts,
    ...(sameShownPhotos(previous.photos, next.photos) ? {} : { photos: keysAndValues(next.photos) }),
    store,
    ...(spare ? { spare } : {}),
  };
}

// What changed from one map of pages to the next, walking both: the pages whose digest changed,
// and those added after the previous ones; undefined when the next does not begin with the
// previous pages in their order (a page removed or moved).
function comparePages(previous: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): MapChanges | undefined {
  if (next.size < previous.size) return undefined;
  const changed: MapChanges["changed"] = [[], []];
  const added: MapChanges["added"] = [[], []];
  const before = previous.entries();
  let kept = 0;
  for (const [url, digest] of next) {
    if (kept++ >= previous.size) {
      added[0].push(url);
      added[1].push(digest);
      continue;
    }
    const [oldUrl, oldDigest] = before.next().value!;
    if (url !== oldUrl) return undefined;
    if (digest !== oldDigest) {
      changed[0].push(url);
      changed[1].push(digest);
    }
  }
  return { changed, added, removed: [] };
}

// The state a file holds with its journal's patches applied, in order: what the last build had.
function applyPatches(state: CachedBuild, patches: readonly StatePatch[]): CachedBuild {
  if (patches.length === 0) return state;
  const last = patches.at(-1)!;
  const { spare: _, ...rest } = state;
  return {
    ...rest,
    pages: patchedPages(state.pages, patches),
    // Every record's standfirsts set at once: one map made, not one for each record.
    summaries: state.summaries.with(patches.flatMap((patch) => [...zip(...patch.summaries)])),
    outputs: last.outputs,
    counts: last.counts,
    photos: lastPhotos(state.photos, patches),
    store: patchSnapshot(
      state.store,
      patches.map((p) => p.store),
    ),
    ...(last.spare ? { spare: last.spare } : {}),
  };
}

// The pages with the records' changes, in order. The records' pages are set at once, one map made
// rather than one for each record; a record that removes pages starts another (its pages go before
// its own are set, as the build that wrote it removed them).
function patchedPages(pages: OrderedColumns, patches: readonly StatePatch[]): OrderedColumns {
  let map = pages;
  let set: [string, string][] = [];
  let removed: readonly string[] = [];
  let going = new Set<string>();
  const added = new Set<string>();
  // What the map holds after the records read so far.
  const holds = (url: string): boolean => (map.has(url) && !going.has(url)) || added.has(url);
  for (const patch of patches) {
    if (patch.removed) {
      map = map.with(set, removed);
      [set, removed, going] = [[], patch.removed, new Set(patch.removed)];
      added.clear();
      if (removed.some((url) => !map.has(url))) throw new Error("journal removes a page the cache lacks");
    }
    // A record that changes a page the state lacks, or adds one it has, is not of this state.
    for (const url of patch.pages[0]) if (!holds(url)) throw new Error("journal names a page the cache lacks");
    for (const url of patch.added[0]) {
      if (holds(url)) throw new Error("journal adds a page the cache has");
      added.add(url);
    }
    // Pages added come after the others, in the order the builds had them. One at a time: a
    // record may hold more pages than a call takes arguments.
    for (const entry of zip(...patch.pages)) set.push(entry);
    for (const entry of zip(...patch.added)) set.push(entry);
  }
  return map.with(set, removed);
}

// The photos shown as the last patch that names them says, else as the state says.
function lastPhotos(photos: ShownPhotos, patches: readonly StatePatch[]): ShownPhotos {
  for (let i = patches.length - 1; i >= 0; i--) {
    const named = patches[i]!.photos;
    if (named) return new Map(zip(...named));
  }
  return photos;
}

function* zip(keys: readonly string[], values: readonly string[]): Generator<[string, string]> {
  for (let i = 0; i < keys.length; i++) yield [keys[i]!, values[i]!];
}

// Writes these bytes to a file opened so (`w`, `a`), then syncs it.
function writeWhole(path: string, parts: readonly Uint8Array[], flags: "w" | "a"): void {
  const fd = openSync(path, flags);
  try {
    for (const part of parts) writeAll(fd, part);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

// Every byte: a write may take fewer than it is given (a disk filling up) without an error, which
// the next one then gives.
function writeAll(fd: number, bytes: Uint8Array, position?: number): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position === undefined ? null : position + done);
}

// Writes packed pieces, and returns their CRC-32.
function writePieces(fd: number, pieces: Iterable<Piece>): number {
  let crc = 0;
  for (const piece of pieces) {
    const bytes = pieceBytes(piece);
    writeAll(fd, bytes);
    crc = crc32(bytes, crc);
  }
  return crc;
}

/**
 * The packed values of the cache file in these ranges, each checked against its CRC-32 before it is
 * read (throws on a difference: a file damaged in place), all through one piece of memory sized
 * for the largest (`ReadMemory`).
 */
function readCheckedValues(fd: number, parts: readonly { start: number; end: number; crc: string }[]): Packable[] {
  const memory = new ReadMemory();
  memory.reserve(Math.max(...parts.map(({ start, end }) => unpackMemoryNeeded(fd, start, end))));
  for (const { start, end, crc } of parts) if (crcText(crcOfFile(fd, start, end, memory)) !== crc) throw new Error("cache damaged");
  return parts.map(({ start, end }) => unpackFile(fd, start, end, memory));
}

// The CRC-32 of a file's bytes from `start` to `end`, read a few megabytes at a time through `memory`.
function crcOfFile(fd: number, start: number, end: number, memory: ReadMemory): number {
  const chunk = memory.take(Math.min(CRC_CHUNK, Math.max(0, end - start)));
  let crc = 0;
  for (let at = start; at < end; ) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, end - at), at);
    if (n === 0) throw new Error("cache cut short");
    crc = crc32(chunk.subarray(0, n), crc);
    at += n;
  }
  return crc;
}

// A map's keys and values as two arrays: one long array of strings packs faster than an object of 100,000 keys.
// (Maps, not objects: an object of 100,000 keys is a slow dictionary to make and to walk.)
function keysAndValues<T>(map: ReadonlyMap<string, T>): [string[], T[]] {
  return [[...map.keys()], [...map.values()]];
}
