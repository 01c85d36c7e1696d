/** Builds a test archive in-process and reads the output as parsed HTML. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { buildSite, type BuildOptions, type BuildResult } from "../../src/build/build.ts";
import type { TestArchive } from "./archive.ts";

export interface BuiltSite {
  result: BuildResult;
  out: string;
  /** Whether a site-relative URL has a file (`/x/` → `/x/index.html`). */
  has(url: string): boolean;
  /** The parsed document at a site-relative URL. */
  page(url: string): Document;
  /** The raw text of an output file. */
  text(url: string): string;
}

export const FIXED_NOW = Date.parse("2026-01-15T12:00:00Z");

/** Builds the archive into `<root>/_site` (or `out`). */
export async function buildArchive(archive: TestArchive, options: Partial<BuildOptions> = {}): Promise<BuiltSite> {
  const out = options.outDir ?? join(archive.root, "_site");
  const result = await buildSite({ contentDir: archive.dir, outDir: out, drafts: false, nowMs: FIXED_NOW, ...options });
  const file = (url: string): string => join(out, url.endsWith("/") ? `${url}index.html` : url);
  return {
    result,
    out,
    has: (url) => existsSync(file(url)),
    text: (url) => readFileSync(file(url), "utf8"),
    page: (url) => parseHTML(readFileSync(file(url), "utf8")).document as unknown as Document,
  };
}

/** The trimmed text of every element matching a selector. */
export function texts(doc: Document, selector: string): string[] {
  // Only ASCII white space folds: no-break spaces are part of French typography under test.
  return [...doc.querySelectorAll(selector)].map((e) => (e.textContent ?? "").replace(/[ \t\n\r]+/g, " ").replace(/^ | $/g, ""));
}
