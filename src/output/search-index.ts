import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as pagefind from "pagefind";
import { searchBundleUrl } from "./search-markers.ts";

/**
 * Full-text search with Pagefind, one bundle per year of articles. Pagefind's indexer holds the
 * whole index in memory (about 1.4 GB for 12,000 pages here; reported to run out past 30,000),
 * so each year is indexed on its own, in a fresh service process, and the search page merges the
 * bundles in the browser (`mergeIndex`). Years also give the order: newest year first.
 */

export interface SearchIndexResult {
  pages: number;
  bundles: number;
}

// Only pagefind.js, its worker, the WebAssembly and the index itself are loaded by the search page.
const UNUSED_BUNDLE_FILE = /^pagefind-(?:.*ui.*|highlight)\.(?:js|css)$/;

/**
 * Indexes the article pages of a built site into `/pagefind/<year>/` bundles. Article pages are
 * exactly `YYYY/MM/DD/slug/index.html`; within them only `data-pagefind-body` (the article) is read.
 * Throws on any Pagefind error, so that a site without a working index is never published.
 */
export async function buildSearchIndex(siteDir: string, years: readonly number[], onYear?: (year: number, pages: number) => void): Promise<SearchIndexResult> {
  let pages = 0;
  try {
    for (const year of years) {
      const created = await pagefind.createIndex({ forceLanguage: "fr" });
      if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
      const added = await created.index.addDirectory({ path: siteDir, glob: `${year}/*/*/*/index.html` });
      failOn(added.errors, year);
      const outputPath = join(siteDir, searchBundleUrl(year));
      failOn((await created.index.writeFiles({ outputPath })).errors, year);
      for (const name of readdirSync(outputPath)) if (UNUSED_BUNDLE_FILE.test(name)) rmSync(join(outputPath, name));
      pages += added.page_count;
      onYear?.(year, added.page_count);
      // A new service process per year: its memory goes back to the system before the next.
      await pagefind.close();
    }
  } finally {
    await pagefind.close();
  }
  return { pages, bundles: years.length };
}

function failOn(errors: readonly string[], year: number): void {
  if (errors.length > 0) throw new Error(`search index for ${year}: ${errors.join("; ")}`);
}
