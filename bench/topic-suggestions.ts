/**
 * `npx tsx bench/topic-suggestions.ts [--wire DIR] [--topics FILE]`: the precision and recall of
 * `import`'s topic suggestions over wire dispatches whose topics are known: the shared corpus
 * generator's wire format writes them in `truth.json` beside the files. By default it generates
 * 1,000 dispatches in a temporary folder (needs `../shared`) and reads `bench/topics.yaml`, the
 * bench's own copy of the sample's topics with their `keywords` (the bench never reads `content/`). Targets: precision ≥ 90 %, recall ≥ 70 %;
 * exit 1 below them.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { readTopics } from "../src/content/registries.ts";
import { Diagnostics } from "../src/content/diagnostics.ts";
import { parseLocatedYaml } from "../src/content/yaml.ts";
import { decodeWireFile } from "../src/wire/decode-wire.ts";
import { parseWire } from "../src/wire/parse-wire.ts";
import { suggestTopics } from "../src/wire/suggest-topics.ts";

const root = resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { wire: { type: "string" }, topics: { type: "string", default: join(root, "bench/topics.yaml") } } });

let wireDir = values.wire;
let temporary: string | undefined;
if (wireDir === undefined) {
  const generator = resolve(root, "../shared/corpus/generate.mjs");
  if (!existsSync(generator)) throw new Error(`no ${generator}: pass --wire DIR, a folder of wire dispatches with truth.json`);
  temporary = mkdtempSync(join(tmpdir(), "depeche-topics-"));
  wireDir = temporary;
  const made = spawnSync(process.execPath, [generator, "--count", "1000", "--format", "wire", "--out", wireDir], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`the generator failed: ${made.stderr}`);
}

try {
  const diagnostics = new Diagnostics();
  const yaml = parseLocatedYaml(readFileSync(values.topics, "utf8"));
  const topics = yaml.ok ? readTopics(yaml.yaml, values.topics, diagnostics) : undefined;
  if (!topics) throw new Error(`${values.topics} is not a valid topics.yaml: ${diagnostics.items.map((d) => d.message).join("; ")}`);
  const truth = JSON.parse(readFileSync(join(wireDir, "truth.json"), "utf8")) as Record<string, string[]>;
  let suggested = 0;
  let right = 0;
  let expected = 0;
  let none = 0;
  const start = performance.now();
  const files = readdirSync(wireDir).filter((name) => name.endsWith(".txt") && truth[name]);
  for (const name of files) {
    const decoded = decodeWireFile(readFileSync(join(wireDir, name)));
    if (!decoded.ok) throw new Error(`${name}: ${decoded.message}`);
    const parsed = parseWire(decoded.text, (line) => (/^(AA|TRT FR)$/.test(line) ? line : undefined));
    if (!parsed.ok) throw new Error(`${name}: ${parsed.message}`);
    const slugs = suggestTopics(parsed.wire.title, parsed.wire.paragraphs, topics).map((t) => t.slug);
    const wanted = new Set(truth[name]);
    suggested += slugs.length;
    right += slugs.filter((s) => wanted.has(s)).length;
    expected += wanted.size;
    if (slugs.length === 0) none++;
  }
  const precision = right / suggested;
  const recall = right / expected;
  const percent = (x: number): string => `${(100 * x).toFixed(1)} %`;
  console.log(
    `topic suggestions over ${files.length} dispatches: precision ${percent(precision)} (${right} of ${suggested} suggested), recall ${percent(recall)} (${right} of ${expected} expected), ${none} with none, ${Math.round(performance.now() - start)} ms`,
  );
  process.exitCode = precision >= 0.9 && recall >= 0.7 ? 0 : 1;
} finally {
  if (temporary) rmSync(temporary, { recursive: true, force: true });
}
