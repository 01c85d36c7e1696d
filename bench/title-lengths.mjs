// Counts the pages of a built site whose <title> is longer than a limit (70 characters by default).
// node bench/title-lengths.mjs SITE_DIR [LIMIT]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [dir, limit = "70"] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node bench/title-lengths.mjs SITE_DIR [LIMIT]");
  process.exit(2);
}
// The page writer escapes only these five.
const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const decode = (text) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
let pages = 0;
let over = 0;
const lengths = new Map();
for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
  const m = /<title>([^<]*)<\/title>/.exec(readFileSync(join(entry.parentPath, entry.name), "utf8"));
  if (!m) continue;
  pages++;
  const length = [...decode(m[1])].length;
  if (length > Number(limit)) over++;
  const bucket = Math.floor(length / 10) * 10;
  lengths.set(bucket, (lengths.get(bucket) ?? 0) + 1);
}
console.log(`${over} of ${pages} pages have a <title> over ${limit} characters`);
console.log(
  [...lengths]
    .sort((a, b) => a[0] - b[0])
    .map(([b, n]) => `${b}–${b + 9}: ${n}`)
    .join(", "),
);
