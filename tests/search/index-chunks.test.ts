import { cpSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pagefind from "pagefind";
import { afterAll, describe, expect, it } from "vitest";
import { ROWS_FILE } from "../../src/search/bundle-rows.ts";
import { splitIndexChunks, writePieces } from "../../src/search/index-chunks.ts";
import { BUNDLE_LIST, PACKED_LIST, PACKS_FOLDER, packOf, writeSearchPacks } from "../../src/search/index-packs.ts";
import { indexSearchBundles } from "../../src/search/indexer.ts";
import { readPagefindFile } from "../../src/search/pagefind-files.ts";
import { recordPage, type SearchRecord } from "../../src/search/records.ts";
import { plannedBundle } from "../helpers/search-bundles.ts";

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const WORDS = ["turquie", "turque", "turcs", "tunisie", "irak", "irakien", "iran", "élections", "électeurs", "économie", "écoles", "accord", "zèbre"];

// Sixty records, each with a few of the words above and its own.
function record(n: number): SearchRecord {
  const day = String((n % 28) + 1).padStart(2, "0");
  return {
    url: `/2021/03/${day}/depeche-${n}/`,
    title: `Dépêche ${n}`,
    bodyHtml: `<p>${WORDS.filter((_, i) => (n + i) % 3 === 0).join(" ")} mot${n} numéro${n * 7}.</p>`,
    dateIso: `2021-03-${day}T${String(n % 24).padStart(2, "0")}:00:00.000Z`,
    year: "2021",
    sources: ["AFP"],
    topics: ["Irak"],
  };
}

interface Index {
  chunks: [string, string, string][];
  words: string[];
  entries: string[];
}

// The bundle's chunk list and, in its order, the words and entries of its chunks.
function readIndex(folder: string): Index {
  const metaName = readdirSync(folder).find((name) => name.endsWith(".pf_meta"))!;
  const meta = readPagefindFile(readFileSync(join(folder, metaName))) as unknown[];
  const chunks = meta[2] as [string, string, string][];
  const entries = chunks.flatMap(([, , hash]) => (readPagefindFile(readFileSync(join(folder, "index", `${hash}.pf_index`))) as [[string, unknown][]])[0]);
  return { chunks, words: entries.map(([word]) => word), entries: entries.map((e) => JSON.stringify(e)) };
}

// How many first characters two words share.
function commonLength(a: string, b: string): number {
  const [x, y] = [[...a], [...b]];
  let n = 0;
  while (n < x.length && x[n] === y[n]) n++;
  return n;
}

describe("index chunks cut into pieces", () => {
  it("keep every word and its pages once, in ranges that follow each other without a gap, a piece for each two-character prefix, cut within past its size", async () => {
    const site = mkdtempSync(join(tmpdir(), "depeche-pieces-"));
    folders.push(site);
    const records = Array.from({ length: 60 }, (_, i) => record(i + 1));
    // Pagefind's own chunks, as it writes them before they are cut.
    const folder = join(site, "pagefind", "2021");
    const created = await pagefind.createIndex({ forceLanguage: "fr" });
    try {
      for (const r of records) await created.index!.addHTMLFile({ url: r.url, content: recordPage(r) });
      await created.index!.writeFiles({ outputPath: folder });
    } finally {
      await pagefind.close();
    }
    const before = readIndex(folder);
    // A piece for each two-character prefix, then for each word.
    for (const [name, pieceBytes] of [
      ["prefixes", Number.POSITIVE_INFINITY],
      ["words", 1],
    ] as const) {
      const copy = join(site, name);
      cpSync(folder, copy, { recursive: true });
      splitIndexChunks(copy, pieceBytes);
      const after = readIndex(copy);
      expect(after.chunks.length).toBeGreaterThan(before.chunks.length);
      expect(after.entries).toEqual(before.entries);
      // The files left are those the list names, and the list is the one the bundle's entry names, under a new name.
      expect(readdirSync(join(copy, "index")).sort()).toEqual(after.chunks.map(([, , hash]) => `${hash}.pf_index`).sort());
      const metaOf = (dir: string) => readdirSync(dir).filter((file) => file.endsWith(".pf_meta"));
      const entry = JSON.parse(readFileSync(join(copy, "pagefind-entry.json"), "utf8")) as { languages: { fr: { hash: string } } };
      expect(metaOf(copy)).toEqual([`pagefind.${entry.languages.fr.hash}.pf_meta`]);
      expect(metaOf(copy)).not.toEqual(metaOf(folder));
      const cuts = new Set<number>();
      let word = 0;
      after.chunks.forEach(([from, to, hash], i) => {
        const words = (readPagefindFile(readFileSync(join(copy, "index", `${hash}.pf_index`))) as [[string][]])[0].map(([w]) => w);
        for (const w of words) expect(from <= w && w <= to).toBe(true);
        // A piece's words are in one pack, the one its name tells.
        expect(new Set(words.map(packOf))).toEqual(new Set([packOf(words[0]!)]));
        expect(hash.startsWith(`fr_${packOf(words[0]!)}-`)).toBe(true);
        word += words.length;
        const next = after.chunks[i + 1];
        if (!next) return;
        const last = words.at(-1)!;
        const first = after.words[word]!;
        // Pieces of one prefix only, or of one word; and no word lies between the ranges (only
        // strings made of the highest code point).
        if (name === "prefixes") expect([...last].slice(0, 2).join("")).not.toBe([...first].slice(0, 2).join(""));
        else expect(words).toHaveLength(1);
        cuts.add(Math.min(commonLength(last, first), 2));
        expect(to < next[0]).toBe(true);
        expect(`${to.replace(/\u{10ffff}+$/u, "")}\u{10ffff}` > to.replace(/\u{10ffff}+$/u, "")).toBe(true);
        expect(next[0] <= first && first.startsWith(next[0])).toBe(true);
      });
      // Cut between two prefixes, and within them as well (two words that share two characters or more).
      expect([...cuts].sort()).toEqual(name === "prefixes" ? [0, 1] : [0, 1, 2]);
    }
  });

  it("cut a large prefix within, where words differ in their first three characters, and past twice the size anywhere", () => {
    const folder = mkdtempSync(join(tmpdir(), "depeche-pieces-"));
    folders.push(folder);
    mkdirSync(join(folder, "index"));
    // Eight bytes a word, pieces of ten: « comm » fills one, « cont » and « contr » share three
    // characters (no cut), « contra » comes past twice the size; « da » is another prefix.
    const words = ["com", "comm", "con", "cont", "contr", "contra", "da"].map((word) => ({
      word,
      key: new TextEncoder().encode(word),
      bytes: new Uint8Array(8),
    }));
    const pieces = writePieces(folder, [], words, { pieceBytes: 10 });
    const names = pieces.map(([, , name]) => name);
    // Each range ends just below where the next starts (then the highest code points).
    expect(pieces.map(([from]) => from)).toEqual(["com", "con", "contra", "d"]);
    expect(pieces.map(([, to]) => to.replace(/\u{10ffff}+$/u, ""))).toEqual(["com", "contr`", "c", "da"]);
    expect(readdirSync(join(folder, "index")).sort()).toEqual(names.map((name) => `${name}.pf_index`).sort());
  });

  it("writes the same files from the same bundle", async () => {
    const site = mkdtempSync(join(tmpdir(), "depeche-pieces-"));
    folders.push(site);
    const records = Array.from({ length: 30 }, (_, i) => record(i + 1));
    const bundle = plannedBundle("2021", records);
    await indexSearchBundles(site, [bundle]);
    const folder = join(site, "pagefind", "2021");
    const [a, b] = ["a", "b"].map((name) => {
      const copy = join(site, name);
      cpSync(folder, copy, { recursive: true });
      splitIndexChunks(copy, 1);
      const files = [
        ...readdirSync(copy).filter((name) => name.startsWith("pagefind")),
        ...readdirSync(join(copy, "index")).map((name) => join("index", name)),
      ];
      return files.sort().map((file) => `${file} ${readFileSync(join(copy, file)).toString("base64")}`);
    });
    expect(a).toEqual(b);
  });

  it("packs every bundle's pieces once, each in the pack its name tells, the same bytes, and the same packs from the same bundles", async () => {
    const site = mkdtempSync(join(tmpdir(), "depeche-packs-"));
    folders.push(site);
    const [early, late] = [record(1), record(2)].map((r, i) => ({ ...r, url: `/202${i}/03/01/depeche-${i}/`, year: `202${i}` }));
    const bundles = [early!, late!].map((r) => plannedBundle(r.year, [r]));
    await indexSearchBundles(site, bundles);
    const index = join(site, "pagefind");
    const packs = readdirSync(join(index, PACKS_FOLDER))
      .filter((name) => name.endsWith(".pf_pack"))
      .sort();
    // The list the page reads names every pack written (here, every prefix: none is large).
    expect((JSON.parse(readFileSync(join(index, PACKS_FOLDER, PACKED_LIST), "utf8")) as string[]).sort()).toEqual(
      packs.map((pack) => pack.replace(/\.pf_pack$/, "")).sort(),
    );
    const unpacked = new Map<string, Buffer>();
    for (const pack of packs) {
      const bytes = readFileSync(join(index, PACKS_FOLDER, pack));
      const size = bytes.readUInt32BE(0);
      const table = JSON.parse(bytes.subarray(4, 4 + size).toString()) as [string, number][];
      let at = 4 + size;
      for (const [key, length] of table) {
        expect(key.split("/")[1]!.startsWith(`fr_${pack.replace(/\.pf_pack$/, "")}-`)).toBe(true);
        expect(unpacked.has(key)).toBe(false);
        unpacked.set(key, bytes.subarray(at, (at += length)));
      }
      expect(at).toBe(bytes.length);
    }
    const pieces = ["2020", "2021"].flatMap((key) => readdirSync(join(index, key, "index")).map((file) => `${key}/${file.replace(/\.pf_index$/, "")}`));
    expect([...unpacked.keys()].sort()).toEqual(pieces.sort());
    for (const key of pieces) expect(unpacked.get(key)).toEqual(readFileSync(join(index, key.split("/")[0]!, "index", `${key.split("/")[1]}.pf_index`)));
    // Both bundles hold « turquie », in one pack: « tu ».
    expect(packs).toContain(`${packOf("turquie")}.pf_pack`);
    const contents = () => packs.map((pack) => readFileSync(join(index, PACKS_FOLDER, pack)).toString("base64"));
    const first = contents();
    writeSearchPacks(index);
    expect(
      readdirSync(join(index, PACKS_FOLDER))
        .filter((name) => name.endsWith(".pf_pack"))
        .sort(),
    ).toEqual(packs);
    expect(contents()).toEqual(first);
  });

  it("takes the pieces the packs it replaces hold from them, and writes what a fresh write gives: after a bundle is indexed again, past a damaged pack", () => {
    const { index, piece, packs } = twoBundles();
    const fresh = () => {
      const held = join(index, "held");
      renameSync(join(index, PACKS_FOLDER), held);
      writeSearchPacks(index);
      const written = packs();
      rmSync(join(index, PACKS_FOLDER), { recursive: true });
      renameSync(held, join(index, PACKS_FOLDER));
      return written;
    };
    // 2021 indexed again: new pieces under new names, one prefix gone.
    rmSync(join(index, "2021", "index"), { recursive: true });
    mkdirSync(join(index, "2021", "index"));
    piece("2021", "fr_74.75-2021dddddddd", "2021 tu, indexed again");
    const expected = fresh();
    writeSearchPacks(index);
    expect(packs()).toEqual(expected);
    const pack = (name: string) => readFileSync(join(index, PACKS_FOLDER, `${name}.pf_pack`));
    expect(pack("61.62").includes("2021")).toBe(false);
    // A piece's name tells its bytes: one the packs hold is taken from them, not read again.
    piece("2020", "fr_74.75-2020aaaaaaaa", "XXXX XX");
    writeSearchPacks(index);
    expect(packs()).toEqual(expected);
    // A damaged pack lends nothing: its pieces are read from their files.
    writeFileSync(join(index, PACKS_FOLDER, "74.75.pf_pack"), readFileSync(join(index, PACKS_FOLDER, "74.75.pf_pack")).subarray(0, 30));
    piece("2020", "fr_74.75-2020aaaaaaaa", "2020 TU");
    writeSearchPacks(index);
    expect(pack("74.75").includes("2020 TU")).toBe(true);
    expect(packs()).toEqual(fresh());
  });

  it("keeps a pack whose pieces are those it held, and writes a changed one as a new file, never into a link", () => {
    const { index, piece, packs } = twoBundles();
    const path = (name: string) => join(index, PACKS_FOLDER, name);
    const inode = (name: string) => statSync(path(name)).ino;
    // The previous site's files, as an incremental build's staging folder links them.
    const previous = mkdtempSync(join(tmpdir(), "depeche-packs-previous-"));
    folders.push(previous);
    const names = readdirSync(join(index, PACKS_FOLDER));
    for (const name of names) linkSync(path(name), join(previous, name));
    const before = new Map(names.map((name) => [name, readFileSync(path(name)).toString("base64")]));
    // 2021's « tu » patched: a piece of a new name; its « ab » as it was.
    rmSync(join(index, "2021", "index", "fr_74.75-2021aaaaaaaa.pf_index"));
    piece("2021", "fr_74.75-2021cccccccc", "2021 tu, patched");
    const abInode = inode("61.62.pf_pack");
    writeSearchPacks(index);
    expect(inode("61.62.pf_pack")).toBe(abInode);
    expect(inode("74.75.pf_pack")).not.toBe(statSync(join(previous, "74.75.pf_pack")).ino);
    expect(readFileSync(path("74.75.pf_pack")).includes("2021 tu, patched")).toBe(true);
    for (const [name, bytes] of before) expect(readFileSync(join(previous, name)).toString("base64")).toBe(bytes);
    // What a fresh write gives.
    const kept = packs();
    rmSync(join(index, PACKS_FOLDER), { recursive: true });
    writeSearchPacks(index);
    expect(packs()).toEqual(kept);
  });

  it("leaves unpacked a prefix whose pack would hold much more than a word needs", () => {
    const index = mkdtempSync(join(tmpdir(), "depeche-packs-"));
    folders.push(index);
    // In each bundle, « tu » in one piece; « de » in two of Pagefind's chunks, so two pieces, of which a word needs one.
    for (const bundle of ["2020", "2021"]) {
      mkdirSync(join(index, bundle, "index"), { recursive: true });
      writeFileSync(join(index, bundle, ROWS_FILE), "");
      for (const name of ["fr_74.75-aaaaaaaaaaaa", "fr_64.65-bbbbbbbbbbbb", "fr_64.65-cccccccccccc"]) {
        writeFileSync(join(index, bundle, "index", `${name}.pf_index`), `${bundle} ${name} ${"x".repeat(100)}`);
      }
    }
    writeSearchPacks(index);
    expect(JSON.parse(readFileSync(join(index, PACKS_FOLDER, PACKED_LIST), "utf8"))).toEqual(["74.75"]);
    expect(readdirSync(join(index, PACKS_FOLDER)).sort()).toEqual(["74.75.pf_pack", PACKED_LIST, BUNDLE_LIST].sort());
    expect(JSON.parse(readFileSync(join(index, PACKS_FOLDER, BUNDLE_LIST), "utf8"))).toEqual(["2020", "2021"]);
  });
});

// An index folder of two bundles, 2020 and 2021, each with a piece of « tu » and one of « ab », and
// their packs; `piece` writes a piece, `packs` lists the packs' folder, each file with its bytes.
function twoBundles(): { index: string; piece: (bundle: string, name: string, text: string) => void; packs: () => string[] } {
  const index = mkdtempSync(join(tmpdir(), "depeche-packs-"));
  folders.push(index);
  const piece = (bundle: string, name: string, text: string) => writeFileSync(join(index, bundle, "index", `${name}.pf_index`), text);
  for (const bundle of ["2020", "2021"]) {
    mkdirSync(join(index, bundle, "index"), { recursive: true });
    writeFileSync(join(index, bundle, ROWS_FILE), "");
    piece(bundle, `fr_74.75-${bundle}aaaaaaaa`, `${bundle} tu`);
    piece(bundle, `fr_61.62-${bundle}bbbbbbbb`, `${bundle} ab`);
  }
  writeSearchPacks(index);
  const packs = () =>
    readdirSync(join(index, PACKS_FOLDER))
      .sort()
      .map((name) => `${name} ${readFileSync(join(index, PACKS_FOLDER, name)).toString("base64")}`);
  return { index, piece, packs };
}
