import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SitePages } from "../plan/pages.ts";
import { renderPage, type PageKind, type WritePages } from "./page-templates.ts";
import { fileOfUrl } from "../urls/site-urls.ts";

/**
 * Writes pages without Eleventy: each page rendered by its kind's template and written at its
 * URL, as Eleventy would. For an incremental build and the dev server, which write again the few
 * pages a change touches, where an Eleventy run would cost more than the pages; for every page of
 * a clean build with `DEPECHE_WRITER=direct`, to compare.
 */
export const writePagesDirectly: WritePages = async (data, outDir, onPage) => {
  for (const kind of Object.keys(data.pages) as PageKind[]) {
    for (const page of data.pages[kind] as SitePages[PageKind][number][]) {
      writePageFile(pageFile(outDir, page.url), renderPage(kind, page as never, data));
      onPage?.();
    }
  }
};

// Its folder is made only when the file cannot be written without it: an incremental build writes
// most pages again in folders that stay, where a folder made each time was a call to the system
// per page for nothing (some 100 ms of a push's 4,000 pages at 100,000 articles).
function writePageFile(file: string, text: Uint8Array): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** The file of a site-relative URL, where Eleventy writes it: `/x/` → `x/index.html`, `/caf%C3%A9/` → `café/index.html`. */
export function pageFile(outDir: string, url: string): string {
  return join(outDir, fileOfUrl(url));
}
