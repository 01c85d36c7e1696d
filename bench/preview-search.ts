/**
 * The preview's search index made again after saves (`DevSession.freshSearch`): on a copy of a
 * corpus, the preview's first build and its whole index, then rounds of one body edited (its bundle
 * patched), one article added (its bundle indexed whole) and one article added with a photo (the
 * photo checked and encoded alone), each timed from the save to its pages, then to the search
 * index made again, as the search page's request makes it.
 *
 *   npx tsx bench/preview-search.ts --corpus /dev/shm/c10000 --rounds 3 --work /dev/shm/preview-search
 */
import { appendFileSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { DevSession } from "../src/serve/dev-session.ts";

const { values } = parseArgs({ options: { corpus: { type: "string" }, rounds: { type: "string", default: "3" }, work: { type: "string" } } });
if (!values.corpus || !values.work) throw new Error("usage: bench/preview-search.ts --corpus DIR --work DIR [--rounds N]");
const work = values.work;
rmSync(work, { recursive: true, force: true });
const content = join(work, "content");
cpSync(values.corpus, content, { recursive: true });
const session = new DevSession({
  contentDir: content,
  outDir: join(work, "preview"),
  drafts: true,
  cacheDir: join(work, "cache"),
  nowMs: Date.parse("2026-11-30T12:00:00Z"),
});
const ms = (start: number): string => `${Math.round(performance.now() - start)} ms`;
// Files saved at once: their pages updated, then the search index made again, as the search page's request makes it.
async function saved(what: string, ...files: string[]): Promise<void> {
  const start = performance.now();
  const update = await session.update(files);
  const pages = ms(start);
  const indexing = performance.now();
  const indexed = await session.freshSearch();
  console.log(`${what}: save → pages ${pages} (${update.outcome}), search index made again (${indexed}) ${ms(indexing)}`);
}

const start = performance.now();
console.log(`first build: ${(await session.rebuild()).outcome}, ${ms(start)}`);
// The first build writes the pages alone; the dev server then makes the whole index at once.
const first = performance.now();
console.log(`first search index: ${await session.freshSearch()}, ${ms(first)}`);
const oldest = join(content, "articles", "2014", "01");
const edited = join(oldest, readdirSync(oldest).sort()[0]!);
for (let round = 1; round <= Number(values.rounds); round++) {
  appendFileSync(edited, `\nUn mot nouveau : zorglub${round}.\n`);
  await saved(`round ${round}, edit one body`, edited);
  const added = join(content, "articles", "2026", "11", `30-zorglub-${round}.md`);
  writeFileSync(
    added,
    `---\ntitle: "Zorglub à Bagdad, épisode ${round}"\ndate: 2026-11-30T10:0${round % 10}:00\nsources: [AA]\ntopics: [Irak]\n---\nZorglub est arrivé.\n`,
  );
  await saved(`round ${round}, add one article`, added);
  const photo = join(content, "images", `zorglub-${round}.jpg`);
  mkdirSync(dirname(photo), { recursive: true });
  await sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 40 * round, g: 90, b: 160 } } })
    .jpeg()
    .toFile(photo);
  const illustrated = join(content, "articles", "2026", "11", `30-zorglub-photo-${round}.md`);
  writeFileSync(
    illustrated,
    `---\ntitle: "Zorglub en photo, épisode ${round}"\ndate: 2026-11-30T11:0${round % 10}:00\nsources: [AA]\ntopics: [Irak]\nimage:\n  src: images/zorglub-${round}.jpg\n  alt: "Zorglub sur la place"\n  credit: "AA / Photographe"\n---\nZorglub pose.\n`,
  );
  await saved(`round ${round}, add one article with a photo`, photo, illustrated);
}
