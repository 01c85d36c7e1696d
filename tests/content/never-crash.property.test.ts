import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { Diagnostics } from "../../src/content/diagnostics.ts";
import { indexSources, indexTopics } from "../../src/content/registries.ts";
import { validateArticleFile } from "../../src/content/validate-files.ts";
import type { ArticleContext } from "../../src/content/validate.ts";
import { renderBody } from "../../src/text/markdown.ts";
import { readArchiveIndex } from "../../src/wire/archive-index.ts";
import { importWireFile } from "../../src/wire/import-wire.ts";
import { makeArchive } from "../helpers/archive.ts";

const ctx: ArticleContext = {
  site: { title: "T", baseUrl: "https://a.example", locale: "fr", timezone: "Europe/Paris" },
  topics: indexTopics([
    { slug: "irak", label: "Irak" },
    { slug: "defense", label: "Défense" },
  ]),
  sources: indexSources([{ code: "AA", name: "Agence Anadolu", url: "https://aa.example", slug: "aa" }]),
  nowMs: Date.parse("2026-01-01T00:00:00Z"),
};
// Every run must end quickly: a hang is a failure, not a slow pass.
const TIME_LIMIT_MS = 2_000;

/** Validating must end in an article or in errors that name the file and a line, never in an exception. */
function expectModelOrLocatedErrors(bytes: Uint8Array): void {
  const diagnostics = new Diagnostics();
  const started = performance.now();
  const article = validateArticleFile("articles/x.md", bytes, ctx, diagnostics);
  expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS);
  if (article) {
    expect(article.url).toMatch(/^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/$/);
  } else {
    expect(diagnostics.errorCount).toBeGreaterThan(0);
  }
  for (const d of diagnostics.items) {
    expect(d.file).toBe("articles/x.md");
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

const keys = fc.constantFrom(
  "title",
  "date",
  "sources",
  "topics",
  "shortLink",
  "summary",
  "updated",
  "slug",
  "draft",
  "aliases",
  "shortlink",
  "<<",
  "topic",
  "",
);
const value = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "2021-12-09",
    "2021-12-09T23:30:00",
    "2021-02-30",
    "Irak",
    "AA",
    "https://x.example/a",
    "javascript:alert(1)",
    "../../etc",
    "{{ 7*7 }}",
    "<script>",
  ),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.constantFrom("Irak", "AA", "/ancien/"))),
  fc.dictionary(fc.string(), fc.string()),
);

describe("the loader never crashes and never hangs", () => {
  it("on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), (bytes) => expectModelOrLocatedErrors(bytes)),
      { numRuns: 300 },
    );
  });

  it("on arbitrary text after a front-matter fence", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 1_000 }), fc.string({ maxLength: 500 }), (head, body) =>
        expectModelOrLocatedErrors(Buffer.from(`---\n${head}\n---\n${body}`)),
      ),
      { numRuns: 300 },
    );
  });

  it("on arbitrary YAML front matter of known and unknown keys", () => {
    fc.assert(
      fc.property(fc.dictionary(keys, value, { maxKeys: 8 }), fc.string({ maxLength: 300 }), (fields, body) =>
        expectModelOrLocatedErrors(Buffer.from(`---\n${stringify(fields)}---\n${body}\n`)),
      ),
      { numRuns: 300 },
    );
  });

  it("on hostile YAML: anchors, aliases, tags, merge keys, deep nesting", () => {
    const hostile = fc.constantFrom(
      "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c]\ntitle: *d",
      "<<: {title: x}\ndate: 2021-12-09",
      "title: !!js/function 'function(){}'",
      "title: !!binary aGVsbG8=",
      `title: ${"[".repeat(5_000)}${"]".repeat(5_000)}`,
      "title: x\ntitle: y",
      "? [complex, key]\n: value",
      "title: '\u0000'",
    );
    fc.assert(
      fc.property(hostile, (yaml) => expectModelOrLocatedErrors(Buffer.from(`---\n${yaml}\n---\nTexte.\n`))),
      { numRuns: 50 },
    );
  });
});

describe("markdown rendering never crashes and never hangs", () => {
  it("on arbitrary text, and on 10,000-deep nested lists and quotes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 2_000 }), (body) => {
        const started = performance.now();
        const { html } = renderBody(body);
        expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS);
        expect(html).not.toMatch(/<script|<img|<iframe|javascript:/i);
      }),
      { numRuns: 300 },
    );
    for (const deep of [`${"- ".repeat(10_000)}x`, `${"> ".repeat(10_000)}x`, "*".repeat(20_000), `${"[".repeat(20_000)}](x)`]) {
      const started = performance.now();
      expect(typeof renderBody(deep).html).toBe("string");
      expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS * 2);
    }
  });
});

describe("the importer never crashes", () => {
  const archive = makeArchive();
  afterAll(() => archive.remove());

  it("on arbitrary bytes and arbitrary wire-like text", async () => {
    const index = await readArchiveIndex(archive.dir);
    if (!index.ok) throw new Error("the test archive should read");
    const wireLike = fc
      .tuple(
        fc.string({ maxLength: 120 }),
        fc.array(fc.string({ maxLength: 300 }), { maxLength: 8 }),
        fc.constantFrom("AA", "TRT FR", "", "XYZ"),
        fc.constantFrom("Partager cet article? https://turquie2023.com/Ab12Cd", "Partager cet article?", ""),
      )
      .map(([title, paragraphs, source, share]) => Buffer.from([title, "", title, "\u00a0", ...paragraphs, "", source, share].join("\n\n")));
    let n = 0;
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 1_500 }), wireLike), (bytes) => {
        const file = join(archive.root, `wire-${n++}.txt`);
        writeFileSync(file, bytes);
        const outcome = importWireFile(file, index.index, { date: "2021-12-09" });
        if (!outcome.ok) {
          expect(outcome.diagnostics.length).toBeGreaterThan(0);
          for (const d of outcome.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});
