/**
 * The photos' row of `npm run bench`: a copy of a corpus with a photo on one article in ten,
 * built once with an empty cache (every photo encoded), then, cached, alternating with the same
 * corpus without photos. The target: the cached build within 1.2 × the build without photos.
 * Then incremental builds of that site, as CI's on each push: rounds of 10 articles added, each
 * with a photo of its own, of one article's body edited, and of one photo file replaced.
 *
 *   npx tsx bench/photos.ts --corpus /dev/shm/c10000 [--rounds 4] [--work /dev/shm/x [--reuse-cache]]
 *
 * Photos are drawn by sharp (1600 × 900 JPEG, each one different), never committed.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";

const root = resolve(import.meta.dirname, "..");

interface Run {
  seconds: number;
  peakMb?: number;
  ok: boolean;
  output: string;
}

export interface PhotoBenchOptions {
  /** The corpus to copy; it is never written to. */
  corpus: string;
  /** A folder of the bench's own, removed by the caller. */
  work: string;
  rounds: number;
  /** One article in this many gets a photo. */
  every?: number;
  /** Keep the work folder's cache (the photos are drawn the same every time): only the cached rounds then mean anything. */
  reuseCache?: boolean;
}

/** Runs the photo builds; returns the bench's table rows and notes. */
export async function benchPhotos(options: PhotoBenchOptions): Promise<{ rows: string[][]; notes: string[] }> {
  const every = options.every ?? 10;
  const withPhotos = join(options.work, "corpus-photos");
  const cache = join(options.work, "cache");
  const site = join(options.work, "site-photos");
  const plain = join(options.work, "site-plain");
  rmSync(withPhotos, { recursive: true, force: true });
  cpSync(options.corpus, withPhotos, { recursive: true });
  const photos = await attachPhotos(withPhotos, every);
  const size = photos.articles.toLocaleString("en-US");
  const label = `${size} articles, ${photos.count.toLocaleString("en-US")} with a photo`;
  const build = (content: string, out: string, incremental = false): Run => {
    if (!incremental) rmSync(out, { recursive: true, force: true });
    return measure(process.execPath, ["bin/depeche.js", "build", "--content", content, "--out", out, "--no-search", "--cache", cache]);
  };

  if (!options.reuseCache) rmSync(cache, { recursive: true, force: true });
  const first = build(withPhotos, site);
  // The build's line, in English: "encoded 1,000 photos, 0 cached (164.12 s)".
  const encoding = /encoded [\d,]+ photos?, [\d,]+ cached \((\d+\.\d+) s\)/.exec(first.output)?.[1];
  const cached: Run[] = [];
  const without: Run[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // Alternating, so that the machine's drift weighs on both alike.
    cached.push(build(withPhotos, site));
    without.push(build(options.corpus, plain));
  }
  // The site of the photos, its state in the cache again (the builds without photos kept theirs there).
  build(withPhotos, site);
  const added: Run[] = [];
  const edited: Run[] = [];
  const replaced: Run[] = [];
  const articles = join(withPhotos, "articles");
  const oldest = readdirSync(articles, { recursive: true })
    .map(String)
    .filter((p) => p.endsWith(".md"))
    .sort()[0]!;
  for (let round = 0; round < options.rounds; round++) {
    await addIllustrated(withPhotos, round, 10);
    added.push(build(withPhotos, site, true));
    writeFileSync(join(articles, oldest), `${readFileSync(join(articles, oldest), "utf8")}\nUne phrase de plus, tour ${round + 1}.\n`);
    edited.push(build(withPhotos, site, true));
    // Another photo under the same name: encoded, then the pages that show it.
    writeFileSync(join(withPhotos, photos.first), await drawPhoto(200_000 + round));
    replaced.push(build(withPhotos, site, true));
  }
  const ratios = cached.map((run, i) => run.seconds / without[i]!.seconds);
  const sorted = [...ratios].sort((a, b) => a - b);
  const medianRatio = sorted.length % 2 ? sorted[sorted.length >> 1]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  const median = (runs: Run[]): Run => [...runs].sort((a, b) => a.seconds - b.seconds)[runs.length >> 1]!;
  const cell = (run: Run): string[] => [run.ok ? `${run.seconds.toFixed(2)} s` : "FAILED", "", run.peakMb ? `${Math.round(run.peakMb)} MB` : "n/a"];
  const notes = [
    `photos ${size}: cached build / build without photos, round by round: ${ratios.map((r) => r.toFixed(2)).join(", ")} (median ${medianRatio.toFixed(2)}; target ≤ 1.20)`,
    `photos ${size}: the first build${options.reuseCache ? " (cache reused)" : ""} encoded ${photos.count} photos (1600 × 900 JPEG, ${photos.megabytes.toFixed(0)} MB) in ${encoding ?? "?"} s, of a build of ${first.seconds.toFixed(2)} s`,
  ];
  // The build's line, in English: "incremental build: 56 pages rewritten" (the fast path's few, or a whole plan's).
  const rewritten = (runs: Run[]): string => runs.map((run) => /([\d,]+) pages? rewritten/.exec(run.output)?.[1] ?? "?").join(", ");
  notes.push(
    `photos ${size}: incremental, 10 articles added with a photo each: ${added.map((r) => r.seconds.toFixed(2)).join(", ")} s (pages rewritten: ${rewritten(added)})`,
  );
  notes.push(`photos ${size}: incremental, one body edited: ${edited.map((r) => r.seconds.toFixed(2)).join(", ")} s (pages rewritten: ${rewritten(edited)})`);
  notes.push(
    `photos ${size}: incremental, one photo file replaced: ${replaced.map((r) => r.seconds.toFixed(2)).join(", ")} s (pages rewritten: ${rewritten(replaced)})`,
  );
  for (const run of [first, ...cached, ...without, ...added, ...edited, ...replaced])
    if (!run.ok) notes.push(`photos ${size}: a build failed:\n${run.output.slice(-2000)}`);
  rmSync(site, { recursive: true, force: true });
  rmSync(plain, { recursive: true, force: true });
  return {
    rows: [
      [size, `build, no search, ${label}, first (empty cache)`, "depeche", ...cell(first)],
      [size, `build, no search, ${label}, cached, median of ${options.rounds}`, "depeche", ...cell(median(cached))],
      [size, `build, no search, same corpus without photos, median of ${options.rounds}`, "depeche", ...cell(median(without))],
      [size, `add 10 articles with a photo each, incremental, no search, ${label}, median of ${options.rounds}`, "depeche", ...cell(median(added))],
      [size, `edit one body, incremental, no search, ${label}, median of ${options.rounds}`, "depeche", ...cell(median(edited))],
      [size, `replace one photo file, incremental, no search, ${label}, median of ${options.rounds}`, "depeche", ...cell(median(replaced))],
    ],
    notes,
  };
}

// Gives one article in `every` a photo of its own under images/YYYY/MM/, in its front matter.
async function attachPhotos(corpus: string, every: number): Promise<{ articles: number; count: number; megabytes: number; first: string }> {
  const articles = readdirSync(join(corpus, "articles"), { recursive: true })
    .map(String)
    .filter((p) => p.endsWith(".md"))
    .sort();
  let count = 0;
  let bytes = 0;
  let firstSrc = "";
  for (let i = 0; i < articles.length; i += every) {
    const file = join(corpus, "articles", articles[i]!);
    const text = readFileSync(file, "utf8");
    const end = text.indexOf("\n---", 4);
    const [year, month] = articles[i]!.split("/");
    const src = `images/${year}/${month}/photo-${count + 1}.jpg`;
    firstSrc ||= src;
    const photo = await drawPhoto(count);
    mkdirSync(join(corpus, "images", year!, month!), { recursive: true });
    writeFileSync(join(corpus, src), photo);
    bytes += photo.length;
    const image = `image:\n  src: ${src}\n  alt: "Photo de banc d’essai numéro ${count + 1}"\n  credit: "AA / Banc d’essai"\n  caption: "Légende de la photo ${count + 1}."`;
    writeFileSync(file, `${text.slice(0, end)}\n${image}${text.slice(end)}`);
    count++;
  }
  return { articles: articles.length, count, megabytes: bytes / 1024 / 1024, first: firstSrc };
}

// Adds `count` articles to the newest month of the corpus, each with a photo of its own.
async function addIllustrated(corpus: string, round: number, count: number): Promise<void> {
  mkdirSync(join(corpus, "articles", "2026", "11"), { recursive: true });
  mkdirSync(join(corpus, "images", "2026", "11"), { recursive: true });
  for (let i = 0; i < count; i++) {
    const n = 100_000 + round * count + i;
    const src = `images/2026/11/ajout-${n}.jpg`;
    writeFileSync(join(corpus, src), await drawPhoto(n));
    const image = `image:\n  src: ${src}\n  alt: "Photo ajoutée ${n}"\n  credit: "AA / Banc d’essai"`;
    writeFileSync(
      join(corpus, "articles", "2026", "11", `29-ajout-${n}.md`),
      `---\ntitle: "Dépêche illustrée ajoutée ${n}"\ndate: 2026-11-29T${String(8 + (i % 10)).padStart(2, "0")}:${String(round % 60).padStart(2, "0")}:00\nsources: [AA]\ntopics: [Irak]\n${image}\n---\nUne dépêche ajoutée avec sa photo.\n`,
    );
  }
}

function drawPhoto(n: number): Promise<Buffer> {
  const hue = (n * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,35%)"/><stop offset="1" stop-color="hsl(${(hue + 90) % 360},60%,65%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${400 + (n % 800)}" cy="450" r="${150 + (n % 150)}" fill="hsl(${(hue + 200) % 360},70%,50%)"/><rect x="${(n * 13) % 1200}" y="600" width="300" height="200" fill="hsl(${(hue + 300) % 360},50%,40%)"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}

function measure(command: string, args: string[]): Run {
  const start = performance.now();
  const result = spawnSync("/usr/bin/time", ["-f", "__peak_kb=%M", command, ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    env: { ...process.env, DEPECHE_LANG: "en" },
  });
  const seconds = (performance.now() - start) / 1000;
  const peak = /__peak_kb=(\d+)/.exec(result.stderr ?? "")?.[1];
  return { seconds, ok: result.status === 0, output: `${result.stdout}${result.stderr}`, ...(peak ? { peakMb: Number(peak) / 1024 } : {}) };
}

// Run on its own: the photo rows without the rest of the bench.
if (process.argv[1] && relative(process.argv[1], import.meta.filename) === "") {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string" },
      work: { type: "string" },
      rounds: { type: "string", default: "4" },
      "reuse-cache": { type: "boolean", default: false },
    },
  });
  if (!values.corpus) {
    console.error("usage: npx tsx bench/photos.ts --corpus DIR [--rounds N] [--work DIR]");
    process.exit(2);
  }
  const work = values.work ?? join("/dev/shm", `depeche-photos-${process.pid}`);
  try {
    const { rows, notes } = await benchPhotos({ corpus: values.corpus, work, rounds: Number(values.rounds), reuseCache: values["reuse-cache"] });
    console.log(rows.map((r) => `| ${r.join(" | ")} |`).join("\n"));
    console.log(notes.join("\n"));
  } finally {
    if (!values.work) rmSync(work, { recursive: true, force: true });
  }
}
