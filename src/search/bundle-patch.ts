import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BundleRows, decodeRows, encodeRows, filterValues, pageId, type PageValues, ROWS_FILE, rowsHold, rowsOf, rowValues } from "./bundle-rows.ts";
import { headSize, headValue, ItemWriter, readHead, skipItem } from "./cbor-items.ts";
import { type ChunkEntry, chunksWords, indexWords, type Word, writePieces } from "./index-chunks.ts";
import { encodePagefind, pagefindFile, readPageList, renameMeta, replaceFile } from "./pagefind-files.ts";
import type { BundleChange } from "./records.ts";

/**
 * A bundle patched rather than indexed again, when some of its records were edited, added or
 * removed (`BundleChange`). Pagefind numbers a bundle's pages in the order they are added, and what
 * it writes of a page (its postings: each word's locations and weights on it; its fragment; its
 * word count; its filters' values) is the same whether the page is indexed among the others or
 * alone. So the new and edited records are indexed alone, and the bundle's words spliced: the
 * postings of the pages gone taken out, those of the records indexed alone put in, every page
 * renumbered to its new place; the fragments, word counts and rows likewise. The bundle Pagefind
 * would have written, for the cost of the changed records instead of a year's (at 100,000 articles
 * an old article's edit or removal re-indexed its year's 7,700 records: some 10 s).
 *
 * Pagefind's word entry is `[word, postings, variants]`: the postings of the word's plain form,
 * each `[page, locations, title locations]` with the page as the difference from the previous
 * posting's; then each form written with accents, `[form, postings]`, in the order of the page
 * where each first appears, and, among the forms that first appear on one page, in the order of
 * their UTF-8 bytes (as Pagefind 1.6 writes them: tried with a page's forms in every order).
 */

/**
 * A word's postings read from one entry, each its page (at its place in the bundle as patched,
 * -1 when it goes) and its other items as Pagefind wrote them, `items` of them in `raw` from
 * `from` to `to`; in the order of their pages. Columns, not an object a posting: a common word has
 * a posting on most of a year's 7,700 pages, and an edit splices a few hundred words.
 */
interface Postings {
  raw: Uint8Array;
  pages: Int32Array;
  /** The pages as `raw` numbers them. */
  old: Int32Array;
  items: Uint32Array;
  /** Where the first posting starts, its heads included (each other starts where the one before ends). */
  start: number;
  from: Uint32Array;
  to: Uint32Array;
}

/** A form with accents of a word, and its postings, from the bundle and from the records indexed alone (each in page order). */
interface Variant {
  form: Uint8Array;
  parts: Postings[];
}

/** A word entry: its UTF-8 bytes, its postings (from the bundle, from the records indexed alone), its forms with accents. */
interface Entry {
  key: Uint8Array;
  parts: Postings[];
  variants: Variant[];
}

/**
 * Patches a bundle folder as `change` says, from an index of the records of its pages
 * `change.pages` alone, in that order, in `patchDir`: the words spliced and cut into pieces again,
 * every page's fragment and word count at its new place, its id and fragment named with the
 * bundle's new `prefix` (`pagePrefix`), its rows too. Files are removed and written anew, never
 * written into (in an incremental build's staging folder they are links to the previous site's).
 *
 * With `from`, the bundle is read there (the previous site's) and `folder` (empty) receives only
 * the files the patch writes; those it removes are only reported (`patchAhead`: nothing of the
 * bundle's 8,000 files is linked first). Its pages must then keep their ids.
 *
 * Returns the bundle's number of pages and the files it wrote or removed (relative to the folder;
 * `fragment` for all of them when its pages were renamed); or undefined, having changed nothing,
 * when the pages do not add up (a record Pagefind dropped: the bundle is indexed whole), or when
 * patched aside they would be renamed.
 */
export function patchBundleFolder(
  folder: string,
  patchDir: string | undefined,
  change: BundleChange,
  prefix: string,
  from = folder,
): { pages: number; files: string[] } | undefined {
  const { name, meta } = readPageList(from);
  const before = meta[1] as PageEntry[];
  const fresh = readFresh(patchDir);
  // A record Pagefind dropped (one without a word), now or before, leaves the pages unmatched: indexed whole.
  if (fresh.pages.length !== change.pages.length || before.length - change.gone.length + change.pages.length !== change.total) return undefined;
  const moves = pageMoves(before.length, change);
  const aside = from !== folder;
  if (aside && !keepsIds(before, moves, prefix)) return undefined;
  const chunks = meta[2] as ChunkEntry[];
  const wordsBefore = chunksWords(from, chunks);
  const pieces = writePieces(folder, chunks, patchWords(wordsBefore.flat(), moves, change.pages, fresh.words), { aside, wordsBefore });
  const files = new Set(symmetricDifference(chunks, pieces).map((piece) => `index/${piece}.pf_index`));
  meta[2] = pieces;
  const pages = movePages(folder, before, fresh, moves, change, prefix, aside);
  meta[1] = pages.entries;
  for (const file of pages.files) files.add(file);
  const metaName = renameMeta(folder, name, pagefindFile(encodePagefind(meta)), change.total, from);
  for (const file of [name, metaName, "pagefind-entry.json"]) files.add(file);
  const rowsBefore = readFileSync(join(from, ROWS_FILE));
  const rows = decodeRows(rowsBefore);
  // Pages edited in place with the same filter values (articles' texts edited): the rows as they were.
  if (!(rows.prefix === prefix && inPlace(before.length, change) && rowsHold(rows, change.pages, fresh.values)))
    writeRows(folder, rows, rowsBefore, moves, change, fresh, prefix, files);
  return { pages: change.total, files: [...files].sort() };
}

// Whether the change takes pages out and puts as many back at the same places: every other page stays where it was.
function inPlace(pages: number, change: BundleChange): boolean {
  return change.total === pages && change.gone.length === change.pages.length && change.gone.every((page, i) => page === change.pages[i]);
}

// The bundle's rows from its pages' values as patched, written when they are not the rows it had.
function writeRows(
  folder: string,
  rowsBefore: BundleRows,
  bytesBefore: Uint8Array,
  moves: Int32Array,
  change: BundleChange,
  fresh: FreshIndex,
  prefix: string,
  files: Set<string>,
): void {
  const values: PageValues = {};
  for (const [filter, onPages] of Object.entries(rowValues(rowsBefore))) {
    const list: string[][] = new Array(change.total);
    onPages.forEach((onPage, page) => {
      if (moves[page]! >= 0) list[moves[page]!] = onPage;
    });
    change.pages.forEach((to, t) => {
      list[to] = fresh.values[filter]![t]!;
    });
    values[filter] = list;
  }
  // An edit that changed no filter's value leaves the rows as they were (and their file, a link).
  const rows = encodeRows(rowsOf(prefix, values));
  if (!Buffer.from(rows).equals(bytesBefore)) {
    replaceFile(join(folder, ROWS_FILE), rows);
    files.add(ROWS_FILE);
  }
}

// The pieces' names in one list and not in the other: those written, and those removed.
function symmetricDifference(before: readonly ChunkEntry[], after: readonly ChunkEntry[]): string[] {
  const names = (chunks: readonly ChunkEntry[]): Set<string> => new Set(chunks.map(([, , hash]) => hash));
  const [was, is] = [names(before), names(after)];
  return [...[...was].filter((hash) => !is.has(hash)), ...[...is].filter((hash) => !was.has(hash))];
}

/** A page of a page list (`pf_meta`): its id, its word count, its fragments' group (none). */
type PageEntry = [id: string, words: number, group: string];

/** The index of the records of a patch's new pages alone: its folder, pages, words, and each filter's values on each page. */
interface FreshIndex {
  dir?: string;
  pages: PageEntry[];
  words: Word[];
  values: PageValues;
}

// Records removed alone: no index of new records.
function readFresh(patchDir: string | undefined): FreshIndex {
  if (patchDir === undefined) return { pages: [], words: [], values: {} };
  const { meta } = readPageList(patchDir);
  const pages = meta[1] as PageEntry[];
  return {
    dir: patchDir,
    pages,
    words: indexWords(patchDir, meta[2] as ChunkEntry[]),
    values: filterValues(patchDir, meta[3] as [string, string][], pages.length),
  };
}

// The bundle's page list as patched: each page kept at its new place, its fragment renamed; each
// new page's fragment and word count from the records indexed alone; and the files changed. When
// every page kept keeps its id (the same pages in the same order: articles' texts edited), only the
// fragments of the pages gone and new change. Else the fragments are moved to their new names in
// a folder of their own, then put in the old one's place: a page's new name may be another's old one.
function movePages(
  folder: string,
  before: readonly PageEntry[],
  fresh: FreshIndex,
  moves: Int32Array,
  change: BundleChange,
  prefix: string,
  aside: boolean,
): { entries: PageEntry[]; files: string[] } {
  const fragments = join(folder, "fragment");
  const after: PageEntry[] = new Array(change.total);
  const inPlace = keepsIds(before, moves, prefix);
  const into = inPlace ? fragments : join(folder, "fragment-patched");
  const place = (to: number, words: number): string => {
    after[to] = [pageId(prefix, to), words, ""];
    return join(into, `${after[to][0]}.pf_fragment`);
  };
  const freshFragment = (t: number): Buffer => readFileSync(join(fresh.dir!, "fragment", `${fresh.pages[t]![0]}.pf_fragment`));
  if (inPlace) {
    const files: string[] = [];
    if (aside) mkdirSync(fragments, { recursive: true });
    before.forEach(([id, words], page) => {
      if (moves[page]! >= 0) after[moves[page]!] = [id, words, ""];
      else {
        if (!aside) rmSync(join(fragments, `${id}.pf_fragment`));
        files.push(`fragment/${id}.pf_fragment`);
      }
    });
    change.pages.forEach((to, t) => {
      replaceFile(place(to, fresh.pages[t]![1]), freshFragment(t));
      files.push(`fragment/${after[to]![0]}.pf_fragment`);
    });
    return { entries: after, files };
  }
  mkdirSync(into);
  before.forEach(([id, words], page) => {
    if (moves[page]! >= 0) renameSync(join(fragments, `${id}.pf_fragment`), place(moves[page]!, words));
  });
  change.pages.forEach((to, t) => {
    writeFileSync(place(to, fresh.pages[t]![1]), freshFragment(t));
  });
  rmSync(fragments, { recursive: true });
  renameSync(into, fragments);
  return { entries: after, files: ["fragment"] };
}

// Whether every page kept keeps its id (the same pages in the same order: articles' texts edited).
function keepsIds(before: readonly PageEntry[], moves: Int32Array, prefix: string): boolean {
  return before.every(([id], page) => moves[page]! < 0 || id === pageId(prefix, moves[page]!));
}

/**
 * Where each of a bundle's previous pages goes: its new number, or -1 for a page gone. The pages
 * kept fill, in their order, the places that `change.pages` leave.
 */
function pageMoves(pages: number, change: BundleChange): Int32Array {
  const moves = new Int32Array(pages);
  let gone = 0;
  let fresh = 0;
  let next = 0;
  for (let page = 0; page < pages; page++) {
    if (change.gone[gone] === page) {
      moves[page] = -1;
      gone++;
      continue;
    }
    while (change.pages[fresh] === next) {
      next++;
      fresh++;
    }
    moves[page] = next++;
  }
  return moves;
}

/**
 * A bundle's words with its pages moved (`moves`) and the postings of `fresh` (an index of the
 * records of the new pages `pages` alone: its page `t` is the bundle's page `pages[t]`) put in, in
 * Pagefind's order; a word left without postings goes.
 */
function patchWords(words: readonly Word[], moves: Int32Array, pages: readonly number[], fresh: readonly Word[]): Word[] {
  const out: Word[] = [];
  // Both lists in Pagefind's order (their UTF-8 bytes), merged.
  for (let w = 0, e = 0; w < words.length || e < fresh.length; ) {
    const order = w === words.length ? 1 : e === fresh.length ? -1 : Buffer.compare(words[w]!.key, fresh[e]!.key);
    const old = order <= 0 ? words[w++] : undefined;
    const now = order >= 0 ? fresh[e++] : undefined;
    // A word on no page that moved or went, nor in the records indexed alone, stays as Pagefind wrote it.
    if (old && !now && !moved(old.bytes, moves)) {
      out.push(old);
      continue;
    }
    const entry = spliced(old && readEntry(old.bytes, moves), now && readEntry(now.bytes, pages));
    const { word, key } = (old ?? now)!;
    if (entry !== null) out.push({ word, key, bytes: writeEntry(entry) });
  }
  return out;
}

// A word's entry, `old`'s postings on the pages kept (read at their new places) and those of
// `fresh` put together: null when nothing is left.
function spliced(old: Entry | undefined, fresh: Entry | undefined): Entry | null {
  const variants: Variant[] = (old?.variants ?? []).map((v) => ({ form: v.form, parts: [...v.parts] }));
  for (const v of fresh?.variants ?? []) {
    const into = variants.find((o) => Buffer.compare(o.form, v.form) === 0);
    if (into) into.parts.push(...v.parts);
    else variants.push({ form: v.form, parts: [...v.parts] });
  }
  const parts = [...(old?.parts ?? []), ...(fresh?.parts ?? [])];
  const left = variants.filter((v) => keepsAny(v.parts));
  if (!keepsAny(parts) && left.length === 0) return null;
  const first = new Map(left.map((v) => [v, firstPage(v.parts)]));
  left.sort((a, b) => first.get(a)! - first.get(b)! || Buffer.compare(a.form, b.form));
  return { key: (old ?? fresh)!.key, parts, variants: left };
}

// Whether a posting of the parts stays (told at the first: `kept` counts them once, as they are written).
function keepsAny(parts: readonly Postings[]): boolean {
  for (const { pages } of parts) for (const page of pages) if (page >= 0) return true;
  return false;
}

// How many postings of the parts stay.
function kept(parts: readonly Postings[]): number {
  let count = 0;
  for (const { pages } of parts) for (const page of pages) if (page >= 0) count++;
  return count;
}

// The first page the parts' postings stay on.
function firstPage(parts: readonly Postings[]): number {
  let first = Number.POSITIVE_INFINITY;
  for (const { pages } of parts) {
    const page = pages.find((p) => p >= 0);
    if (page !== undefined && page < first) first = page;
  }
  return first;
}

// Reads a word entry, its pages at their places in the bundle as patched: `pages[p]` for page `p` (-1: gone).
function readEntry(raw: Uint8Array, pages: ArrayLike<number>): Entry {
  const entry = readHead(raw, 0, 4);
  if (entry.value !== 3) throw new Error(`not a Pagefind word entry (${entry.value} items)`);
  const word = readHead(raw, entry.next, 3);
  const key = raw.subarray(word.next, word.next + word.value);
  const own = readPostings(raw, word.next + word.value, pages);
  const list = readHead(raw, own.end, 4);
  const variants: Variant[] = [];
  let at = list.next;
  for (let v = 0; v < list.value; v++) {
    const item = readHead(raw, at, 4);
    if (item.value !== 2) throw new Error(`not a Pagefind word form (${item.value} items)`);
    const form = readHead(raw, item.next, 3);
    const postings = readPostings(raw, form.next + form.value, pages);
    variants.push({ form: raw.subarray(form.next, form.next + form.value), parts: [postings.postings] });
    at = postings.end;
  }
  return { key, parts: [own.postings], variants };
}

function readPostings(raw: Uint8Array, at: number, pages: ArrayLike<number>): { postings: Postings; end: number } {
  const list = readHead(raw, at, 4);
  const count = list.value;
  const postings: Postings = {
    raw,
    pages: new Int32Array(count),
    old: new Int32Array(count),
    items: new Uint32Array(count),
    start: list.next,
    from: new Uint32Array(count),
    to: new Uint32Array(count),
  };
  let next = list.next;
  let page = 0;
  for (let k = 0; k < count; k++) {
    // Each posting's heads read in place: millions of them in a year's words.
    const items = headValue(raw, next);
    next += headSize(raw, next);
    if (raw[next]! >> 5 !== 0) throw new Error(`not a Pagefind posting (CBOR type ${raw[next]! >> 5} at ${next})`);
    page += headValue(raw, next);
    const from = next + headSize(raw, next);
    let to = from;
    for (let i = 1; i < items; i++) to = skipItem(raw, to);
    postings.pages[k] = pages[page]!;
    postings.old[k] = page;
    postings.items[k] = items;
    postings.from[k] = from;
    postings.to[k] = to;
    next = to;
  }
  return { postings, end: next };
}

// Whether a word entry has a posting on a page that moves or goes (`moves[page] !== page`), its
// own or a form's: walked without reading the entry nor allocating (after an edit, most words of
// a bundle are on no page that changed).
function moved(raw: Uint8Array, moves: Int32Array): boolean {
  let at = headSize(raw, 0);
  at += headSize(raw, at) + headValue(raw, at);
  // Each list of postings, `[page, …]`, the page as the difference from the previous one's.
  const listMoved = (): boolean => {
    const count = headValue(raw, at);
    at += headSize(raw, at);
    let page = 0;
    for (let k = 0; k < count; k++) {
      const items = headValue(raw, at);
      at += headSize(raw, at);
      page += headValue(raw, at);
      if (moves[page] !== page) return true;
      at += headSize(raw, at);
      for (let i = 1; i < items; i++) at = skipItem(raw, at);
    }
    return false;
  };
  if (listMoved()) return true;
  const forms = headValue(raw, at);
  at += headSize(raw, at);
  for (let v = 0; v < forms; v++) {
    at += headSize(raw, at);
    at += headSize(raw, at) + headValue(raw, at);
    if (listMoved()) return true;
  }
  return false;
}

const WRITER = new ItemWriter();

function writeEntry(entry: Entry): Uint8Array {
  WRITER.head(4, 3).text(entry.key);
  writePostings(entry.parts);
  WRITER.head(4, entry.variants.length);
  for (const variant of entry.variants) {
    WRITER.head(4, 2).text(variant.form);
    writePostings(variant.parts);
  }
  return WRITER.take();
}

// The postings that stay, of every part, in the order of their pages: each part is in that order
// (the pages kept keep theirs, and the records indexed alone are in the bundle's), so they are merged.
// A posting as far from the one written before it as it was from the one before it in its part is
// the same bytes (heads are written shortest, as Pagefind writes them): those of such postings one after the other in a part are copied at once (an
// edit's word has a posting on most of its bundle's pages, all but the edited ones unmoved).
function writePostings(parts: readonly Postings[]): void {
  WRITER.head(4, kept(parts));
  const next = parts.map(() => 0);
  let page = 0;
  // The postings to copy as they are, not copied yet: of the part `run`, from `runFrom` to the end of its posting `last`.
  let run = -1;
  let runFrom = 0;
  let last = -1;
  const flush = (): void => {
    if (run >= 0) WRITER.range(parts[run]!.raw, runFrom, parts[run]!.to[last]!);
    run = -1;
  };
  for (;;) {
    let from = -1;
    let lowest = 0;
    for (let k = 0; k < parts.length; k++) {
      const { pages } = parts[k]!;
      let i = next[k]!;
      while (i < pages.length && pages[i]! < 0) i++;
      next[k] = i;
      if (i < pages.length && (from < 0 || pages[i]! < lowest)) {
        from = k;
        lowest = pages[i]!;
      }
    }
    if (from < 0) {
      flush();
      return;
    }
    const part = parts[from]!;
    const i = next[from]!++;
    const delta = lowest - page;
    if (delta === part.old[i]! - (i > 0 ? part.old[i - 1]! : 0)) {
      if (run !== from || last !== i - 1) {
        flush();
        run = from;
        runFrom = i > 0 ? part.to[i - 1]! : part.start;
      }
      last = i;
    } else {
      flush();
      WRITER.head(4, part.items[i]!).head(0, delta).range(part.raw, part.from[i]!, part.to[i]!);
    }
    page = lowest;
  }
}
