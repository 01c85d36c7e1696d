// What French typography costs on article bodies: `npx vitest bench --run tests/text/typography.bench.ts`.
// Renders the bodies of the shared corpus generator's articles (DEPECHE_BENCH_COUNT, 10,000 by
// default) with and without the plugin, and typesets their titles.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import markdownIt from "markdown-it";
import { afterAll, bench, describe } from "vitest";
import { renderMarkdown } from "../../src/text/markdown.ts";
import { typesetText } from "../../src/text/typography.ts";

const generator = resolve(import.meta.dirname, "../../../shared/corpus/generate.mjs");
const count = Number(process.env.DEPECHE_BENCH_COUNT ?? 10_000);
const bodies: string[] = [];
const titles: string[] = [];

if (existsSync(generator)) {
  const dir = mkdtempSync(join(tmpdir(), "depeche-typography-bench-"));
  execFileSync(process.execPath, [generator, "--count", String(count), "--out", dir], { stdio: "ignore" });
  for (const file of readdirSync(join(dir, "articles"), { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".md")) continue;
    const text = readFileSync(join(dir, "articles", file), "utf8");
    bodies.push(text.slice(text.indexOf("\n---\n", 4) + 5));
    titles.push(JSON.parse(/^title: (".*")$/m.exec(text)![1]!) as string);
  }
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
}

const withoutTypography = markdownIt("commonmark", { html: false, linkify: false, typographer: false });

describe.skipIf(bodies.length === 0)(`${count} article bodies`, () => {
  bench("markdown-it alone", () => {
    for (const body of bodies) withoutTypography.render(body);
  });
  bench("renderMarkdown (markdown-it + frenchTypography)", () => {
    for (const body of bodies) renderMarkdown(body);
  });
  bench("typesetText on the titles", () => {
    for (const title of titles) typesetText(title);
  });
});
