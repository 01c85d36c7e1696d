import { existsSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import type { Diagnostic } from "../content/diagnostics.ts";
import { loadContent } from "../content/load.ts";
import type { SitePages } from "../render/pages.ts";
import { clearCurrentBuild, setCurrentBuild } from "./current-build.ts";
import { planSite } from "./plan.ts";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  drafts: boolean;
  /** Overrides site.yaml's baseUrl (e.g. for a preview deployment). */
  baseUrl?: string;
  /** "Now", for warnings about future dates. */
  nowMs?: number;
  /** Called with a phase name as the build moves on. */
  onPhase?: (phase: BuildPhase) => void;
  /** Called once per page written. */
  onPage?: (written: number, total: number) => void;
}

export type BuildPhase =
  | { name: "loaded"; articles: number; files: number; ms: number }
  | { name: "planned"; pages: number; ms: number }
  | { name: "written"; pages: number; ms: number };

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Pages written, by kind. */
  pages?: Record<string, number>;
  articles?: number;
  ms: number;
}

/**
 * Validates the archive, then builds the site beside the output folder and swaps it in whole:
 * on any error the previous output is left exactly as it was.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const start = performance.now();
  const loaded = await loadContent({ contentDir: options.contentDir, ...(options.nowMs !== undefined ? { nowMs: options.nowMs } : {}) });
  options.onPhase?.({ name: "loaded", articles: loaded.content?.articles.length ?? 0, files: loaded.fileCount, ms: performance.now() - start });
  if (!loaded.content) return { ok: false, diagnostics: loaded.diagnostics, ms: performance.now() - start };

  const content = options.baseUrl ? { ...loaded.content, site: { ...loaded.content.site, baseUrl: options.baseUrl.replace(/\/+$/, "") } } : loaded.content;
  const planStart = performance.now();
  const data = planSite(content, { drafts: options.drafts });
  const counts = countPages(data.pages);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  options.onPhase?.({ name: "planned", pages: total, ms: performance.now() - planStart });

  const out = resolve(options.outDir);
  const staging = join(dirname(out), `.${basename(out)}.building-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  const writeStart = performance.now();
  let written = 0;
  setCurrentBuild(data, () => options.onPage?.(++written, total));
  try {
    const eleventy = new Eleventy(join(projectRoot, "templates"), staging, { quietMode: true, configPath: join(projectRoot, ".eleventy.ts") });
    await eleventy.write();
    assertEveryArticleWritten(staging, data.pages);
    swapInto(staging, out);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    clearCurrentBuild();
  }
  options.onPhase?.({ name: "written", pages: total, ms: performance.now() - writeStart });
  return { ok: true, diagnostics: loaded.diagnostics, pages: counts, articles: data.pages.articles.length, ms: performance.now() - start };
}

/** Pages per kind, as the build summary prints them. */
export function countPages(pages: SitePages): Record<string, number> {
  return Object.fromEntries(Object.entries(pages).map(([kind, list]) => [kind, (list as unknown[]).length]));
}

// Every valid article must come out as a page: a silent loss would be the worst failure.
function assertEveryArticleWritten(dir: string, pages: SitePages): void {
  const missing = pages.articles.filter((p) => !existsSync(join(dir, p.url, "index.html")));
  if (missing.length > 0) {
    throw new Error(`${missing.length} article page(s) were not written, e.g. ${missing[0]!.url}; the previous site was kept`);
  }
}

// Readers and CI see either the old site or the new one, never a half-written folder.
function swapInto(staging: string, out: string): void {
  if (!existsSync(out)) {
    renameSync(staging, out);
    return;
  }
  const old = join(dirname(out), `.${basename(out)}.old-${process.pid}`);
  rmSync(old, { recursive: true, force: true });
  renameSync(out, old);
  renameSync(staging, out);
  rmSync(old, { recursive: true, force: true });
}
