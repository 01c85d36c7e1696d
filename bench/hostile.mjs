/**
 * `node bench/hostile.mjs`: one hostile file at a time, each in an archive of its own, checked by
 * `depeche check` under GNU time; prints the wall time (startup included), the check's own time and
 * the peak memory, and exits 1 when a check takes a second or more of its own, or 300 MB or more.
 * Cases past a limit are refused by it; cases just under the limits show the work stays linear.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const bin = resolve(import.meta.dirname, "../bin/depeche.js");
const SITE = 'title: "T"\nbaseUrl: https://a.example.org\nlocale: fr\ntimezone: Europe/Paris\n';
const TOPICS = "- slug: irak\n  label: Irak\n";
const SOURCES = "- code: AA\n  name: Agence\n  url: https://aa.example.org\n";
const MB = 1024 * 1024;
const lines = (n, line) => Array.from({ length: n }, (_, i) => line(i)).join("\n");
const article = (extra = "", body = "Texte.") => `---\ntitle: "Titre"\ndate: 2021-12-09\nsources: [AA]\ntopics: [Irak]\n${extra}\n---\n${body}\n`;

// Each case: the files it writes over a valid archive (a number is a sparse file of that size).
const cases = {
  "8,000 unknown keys": { "articles/a.md": article(lines(8000, (i) => `k${i}: 1`)) },
  "200,000 unknown keys": { "articles/a.md": article(lines(200_000, (i) => `k${i}: 1`)) },
  "50 MB summary": { "articles/a.md": article(`summary: "${"a".repeat(50 * MB)}"`) },
  "5 GB article (sparse)": { "articles/a.md": 5 * 1024 * MB },
  "7,000 unknown keys (63 KB)": { "articles/a.md": article(lines(7000, (i) => `k${i}: 1`)) },
  "9,000 unknown topics (63 KB)": { "articles/a.md": article().replace("[Irak]", `[${lines(9000, (i) => `t${i}`).replaceAll("\n", ", ")}]`) },
  "20,000 bad aliases (60 KB)": { "articles/a.md": article(`aliases: [${lines(20_000, () => "x").replaceAll("\n", ", ")}]`) },
  "digits after 1er (63 KB summary)": { "articles/a.md": article(`summary: "Le 1er jour, ${"7".repeat(63 * 1024)}"`) },
  "30,000 nested brackets": { "articles/a.md": article(`x: ${"[".repeat(30_000)}${"]".repeat(30_000)}`) },
  "30,000 nested dashes": { "articles/a.md": article(`x:\n  ${"- ".repeat(30_000)}a`) },
  "15 MB body, digits after 1er": { "articles/a.md": article("", `Le 1er jour. ${"7".repeat(15 * MB)}`) },
  "200,000 keys in site.yaml": { "site.yaml": SITE + lines(200_000, (i) => `k${i}: 1`) },
  "25,000 keys in site.yaml (250 KB)": { "site.yaml": SITE + lines(25_000, (i) => `k${i}: 1`) },
  "7,000 bad topics (250 KB)": { "topics.yaml": lines(7_000, (i) => `- slug: "X ${i}"\n  label: L${i}`) },
  "50 MB topics.yaml": { "topics.yaml": `${TOPICS}- slug: x\n  label: "${"a".repeat(50 * MB)}"\n` },
  "250,000 nested dashes in topics.yaml": { "topics.yaml": `${"- ".repeat(250_000)}a\n` },
  "30 lines indented with tabs under a photo": { "articles/a.md": article(`image:\n\tsrc: images/a.jpg\n${lines(30, (i) => `\t\tsuite de texte ${i}`)}`) },
  "4,800 lines indented with tabs (60 KB)": { "articles/a.md": article(`image:\n\tsrc: images/a.jpg\n${lines(4800, (i) => `\t\tsuite ${i}`)}`) },
  "1,000 levels of indentation in topics.yaml": { "topics.yaml": lines(1000, (i) => `${" ".repeat(i)}k${i}:`) },
  "780,000 lost URLs (16 MB)": { "urls.txt": lines(780_000, (i) => `/2021/12/09/x${i}/`) },
  "1,000,000 lost URLs (20 MB)": { "urls.txt": lines(1_000_000, (i) => `/2021/12/09/x${i}/`) },
};

const root = mkdtempSync(join(tmpdir(), "depeche-hostile-"));
const timed = existsSync("/usr/bin/time");
let failed = false;
try {
  for (const [name, files] of Object.entries(cases)) {
    const dir = join(root, "content");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, "articles"), { recursive: true });
    for (const [file, data] of Object.entries({
      "site.yaml": SITE,
      "topics.yaml": TOPICS,
      "sources.yaml": SOURCES,
      "articles/ok.md": article().replace("Titre", "Valide"),
      ...files,
    })) {
      if (typeof data === "number") {
        writeFileSync(join(dir, file), "");
        truncateSync(join(dir, file), data);
      } else writeFileSync(join(dir, file), data);
    }
    const measure = join(root, "time.txt");
    const command = timed ? ["/usr/bin/time", "-f", "%e %M", "-o", measure, process.execPath, bin] : [process.execPath, bin];
    const run = spawnSync(command[0], [...command.slice(1), "check", "--content", dir], { encoding: "utf8", timeout: 120_000, maxBuffer: 1024 * MB });
    const [wall, kb] = timed ? readFileSync(measure, "utf8").trim().split("\n").at(-1).split(" ") : ["?", "0"];
    // The check's own time, as it prints it in French (« (0,12 s) »).
    const own = Number(/\((\d+(?:[.,]\d+)?) s\)\n$/.exec(run.stderr + run.stdout)?.[1]?.replace(",", ".") ?? NaN);
    const mb = Math.round(Number(kb) / 1024);
    const bad = !(own < 1) || (timed && mb >= 300);
    failed ||= bad;
    const lineCount = (run.stderr.match(/\n/g) ?? []).length;
    console.log(
      `${bad ? "FAIL" : "ok  "} ${name.padEnd(42)} ${wall.padStart(6)} s wall, ${own.toFixed(2)} s own, ${String(mb).padStart(4)} MB, exit ${run.status}, ${lineCount} lines`,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
