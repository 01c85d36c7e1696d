import { readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { encode } from "cborg";
import { decodeRows, encodeRows, pageId, pageRank, ROWS_FILE } from "./bundle-rows.ts";
import { headSize, headValue, ItemWriter, readHead, skipItem } from "./cbor-items.ts";
import { type ChunkEntry, indexWords, type Word, writePieces } from "./index-chunks.ts";
import { pagefindFile, readPageList, renameMeta, replaceFile } from "./pagefind-files.ts";

/**
 * A bundle patched rather than indexed again, when some of its records changed in their words
 * alone (their title, standfirst or body: the same URL, date, topics and sources, in the same
 * place). Pagefind numbers a bundle's pages in the order they are added, and what it writes of a
 * page (its postings: each word's locations and weights on it; its fragment; its word count) is
 * the same whether the page is indexed among the others or alone. So the edited records are
 * indexed alone, and their postings spliced into the bundle's words in place of the old ones,
 * their fragments and word counts replaced: the bundle Pagefind would have written, for the cost
 * of the edited records instead of a year's (an old article's edit at 100,000 articles re-indexed
 * its year's 7,700 records: some 10 s).
 *
 * Pagefind's word entry is `[word, postings, variants]`: the postings of the word's plain form,
 * each `[page, locations, title locations]` with the page as the difference from the previous
 * posting's; then each form written with accents, `[form, postings]`, in the order of the page
 * where each first appears (and, among the forms that first appear on one page, in an order of
 * that page's own). Where that order cannot be told from what the bundle holds (a form that now
 * first appears on an unedited page where another form also first appears), the patch gives up
 * and the bundle is indexed again.
 */

/**
 * A word's postings on one page: the page's number, and the posting's other items as Pagefind
 * wrote them, `raw` from `from` to `to` (a common word has a posting on most of a year's 7,700
 * pages: no array of bytes is made for each).
 */
interface Posting {
  page: number;
  items: number;
  raw: Uint8Array;
  from: number;
  to: number;
}

/** A form with accents of a word, its postings, and where it stood before (for the order of forms that first appear on one page). */
interface Variant {
  form: Uint8Array;
  postings: Posting[];
  /** Its index among the bundle's forms of the word, and the page where it first appeared there. */
  old?: { index: number; first: number };
  /** Its index among the edited records' forms, and the page (the bundle's number) where it first appears among them. */
  edited?: { index: number; first: number };
}

/** A word entry read: its UTF-8 bytes, its postings, its forms with accents. */
interface Entry {
  key: Uint8Array;
  postings: Posting[];
  variants: Variant[];
}

/**
 * Patches a bundle folder whose pages `pages` (Pagefind's numbers, ascending) were edited, from an
 * index of the edited records alone, in that order, in `patchDir`: the words spliced and cut into
 * pieces again, the edited pages' fragments and word counts replaced, every page's id and
 * fragment renamed with the bundle's new `prefix` (`pagePrefix`), its rows too. Files are removed
 * and written anew, never written into (in an incremental build's staging folder they are links
 * to the previous site's). Returns the bundle's number of pages; or undefined, having changed
 * nothing, when the words cannot be patched into what Pagefind would write.
 */
export function patchBundleFolder(folder: string, patchDir: string, pages: readonly number[], prefix: string): number | undefined {
  const { name, meta } = readPageList(folder);
  const { meta: patchMeta } = readPageList(patchDir);
  const patchPages = patchMeta[1] as [string, number, string][];
  // A record Pagefind dropped (one without a word) leaves the pages unmatched: indexed whole.
  if (patchPages.length !== pages.length) return undefined;
  const chunks = meta[2] as ChunkEntry[];
  const words = patchWords(indexWords(folder, chunks), pages, indexWords(patchDir, patchMeta[2] as ChunkEntry[]));
  if (!words) return undefined;
  meta[2] = writePieces(folder, chunks, words);
  const metaPages = meta[1] as [string, number, string][];
  const fragments = join(folder, "fragment");
  for (const page of metaPages) {
    const id = pageId(prefix, pageRank(page[0]));
    if (id !== page[0]) renameSync(join(fragments, `${page[0]}.pf_fragment`), join(fragments, `${id}.pf_fragment`));
    page[0] = id;
  }
  pages.forEach((p, t) => {
    replaceFile(join(fragments, `${metaPages[p]![0]}.pf_fragment`), readFileSync(join(patchDir, "fragment", `${patchPages[t]![0]}.pf_fragment`)));
    metaPages[p]![1] = patchPages[t]![1];
  });
  renameMeta(folder, name, pagefindFile(encode(meta)));
  const rowsFile = join(folder, ROWS_FILE);
  const rows = decodeRows(readFileSync(rowsFile));
  replaceFile(rowsFile, encodeRows({ ...rows, prefix }));
  return metaPages.length;
}

/**
 * A bundle's words with the edited pages' postings replaced by those of `edited` (an index of the
 * edited records alone: its page `t` is the bundle's page `pages[t]`), in Pagefind's order; a
 * word left without postings goes. Undefined when the order of a word's forms cannot be told.
 */
function patchWords(words: readonly Word[], pages: readonly number[], edited: readonly Word[]): Word[] | undefined {
  const editedPages = new Set(pages);
  const out: Word[] = [];
  // Both lists in Pagefind's order (their UTF-8 bytes), merged.
  for (let w = 0, e = 0; w < words.length || e < edited.length; ) {
    const order = w === words.length ? 1 : e === edited.length ? -1 : Buffer.compare(words[w]!.key, edited[e]!.key);
    const old = order <= 0 ? words[w++] : undefined;
    const now = order >= 0 ? edited[e++] : undefined;
    // A word neither on an edited page nor in the edited records stays as Pagefind wrote it.
    if (old && !now && !onPages(old.bytes, editedPages)) {
      out.push(old);
      continue;
    }
    const entry = spliced(old && readEntry(old.bytes), now && readEntry(now.bytes, pages), editedPages);
    if (entry === undefined) return undefined;
    const { word, key } = (old ?? now)!;
    if (entry !== null) out.push({ word, key, bytes: writeEntry(entry) });
  }
  return out;
}

// A word's entry with the edited pages' postings taken out of `old` and those of `edited` put in:
// null when nothing is left, undefined when the order of its forms cannot be told.
function spliced(old: Entry | undefined, edited: Entry | undefined, editedPages: ReadonlySet<number>): Entry | null | undefined {
  const keep = (postings: readonly Posting[]): Posting[] => postings.filter((p) => !editedPages.has(p.page));
  const byPage = (a: Posting, b: Posting): number => a.page - b.page;
  const variants: Variant[] = (old?.variants ?? []).map((v, index) => ({
    form: v.form,
    postings: keep(v.postings),
    old: { index, first: v.postings[0]!.page },
  }));
  edited?.variants.forEach((v, index) => {
    const into = variants.find((o) => Buffer.compare(o.form, v.form) === 0);
    const where = { index, first: v.postings[0]!.page };
    if (into) {
      into.postings = [...into.postings, ...v.postings].sort(byPage);
      into.edited = where;
    } else variants.push({ form: v.form, postings: v.postings, edited: where });
  });
  const postings = [...keep(old?.postings ?? []), ...(edited?.postings ?? [])].sort(byPage);
  const left = variants.filter((v) => v.postings.length > 0);
  if (postings.length === 0 && left.length === 0) return null;
  // Forms in the order of their first page; among those first on one page, in that page's order,
  // known from the edited records (an edited page) or from the bundle (a page where they all
  // first appeared before too).
  const rank = (v: Variant): number | undefined => {
    const first = v.postings[0]!.page;
    const where = editedPages.has(first) ? v.edited : v.old;
    return where?.first === first ? where.index : undefined;
  };
  const firsts = new Map<number, number>();
  for (const v of left) firsts.set(v.postings[0]!.page, (firsts.get(v.postings[0]!.page) ?? 0) + 1);
  if (left.some((v) => firsts.get(v.postings[0]!.page)! > 1 && rank(v) === undefined)) return undefined;
  left.sort((a, b) => a.postings[0]!.page - b.postings[0]!.page || rank(a)! - rank(b)!);
  return { key: (old ?? edited)!.key, postings, variants: left };
}

// Reads a word entry; `pages` maps the entry's page numbers (an index of the edited records alone) to the bundle's.
function readEntry(raw: Uint8Array, pages?: readonly number[]): Entry {
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
    variants.push({ form: raw.subarray(form.next, form.next + form.value), postings: postings.postings });
    at = postings.end;
  }
  return { key, postings: own.postings, variants };
}

function readPostings(raw: Uint8Array, at: number, pages?: readonly number[]): { postings: Posting[]; end: number } {
  const list = readHead(raw, at, 4);
  const postings: Posting[] = new Array(list.value);
  let next = list.next;
  let page = 0;
  for (let k = 0; k < list.value; k++) {
    // Each posting's heads read in place: millions of them in a year's words.
    const items = headValue(raw, next);
    next += headSize(raw, next);
    if (raw[next]! >> 5 !== 0) throw new Error(`not a Pagefind posting (CBOR type ${raw[next]! >> 5} at ${next})`);
    page += headValue(raw, next);
    const from = next + headSize(raw, next);
    let to = from;
    for (let i = 1; i < items; i++) to = skipItem(raw, to);
    postings[k] = { page: pages ? pages[page]! : page, items, raw, from, to };
    next = to;
  }
  return { postings, end: next };
}

// Whether a word entry has a posting on one of `pages`, its own or a form's: walked without
// reading the entry nor allocating (most words of a bundle are not on the edited pages).
function onPages(raw: Uint8Array, pages: ReadonlySet<number>): boolean {
  let at = headSize(raw, 0);
  at += headSize(raw, at) + headValue(raw, at);
  // Each list of postings, `[page, …]`, the page as the difference from the previous one's.
  const listOn = (): boolean => {
    const count = headValue(raw, at);
    at += headSize(raw, at);
    let page = 0;
    for (let k = 0; k < count; k++) {
      const items = headValue(raw, at);
      at += headSize(raw, at);
      page += headValue(raw, at);
      if (pages.has(page)) return true;
      at += headSize(raw, at);
      for (let i = 1; i < items; i++) at = skipItem(raw, at);
    }
    return false;
  };
  if (listOn()) return true;
  const forms = headValue(raw, at);
  at += headSize(raw, at);
  for (let v = 0; v < forms; v++) {
    at += headSize(raw, at);
    at += headSize(raw, at) + headValue(raw, at);
    if (listOn()) return true;
  }
  return false;
}

const WRITER = new ItemWriter();

function writeEntry(entry: Entry): Uint8Array {
  WRITER.head(4, 3).text(entry.key);
  writePostings(entry.postings);
  WRITER.head(4, entry.variants.length);
  for (const variant of entry.variants) {
    WRITER.head(4, 2).text(variant.form);
    writePostings(variant.postings);
  }
  return WRITER.take();
}

function writePostings(postings: readonly Posting[]): void {
  WRITER.head(4, postings.length);
  let page = 0;
  for (const posting of postings) {
    WRITER.head(4, posting.items)
      .head(0, posting.page - page)
      .range(posting.raw, posting.from, posting.to);
    page = posting.page;
  }
}
