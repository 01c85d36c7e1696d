/** Test archives built in-process (read back as parsed HTML), or only planned (no Eleventy). */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseHTML } from "linkedom";
import { buildSite, type BuildOptions, type BuildResult } from "../../src/publish/build-site.ts";
import type { DevServerOptions, RunningDevServer } from "../../src/serve/dev-server.ts";
import type { BuildData } from "../../src/plan/site-data.ts";
import { planSiteFromFolder } from "../../src/plan/plan-site.ts";
import { makeArchive, type ArticleSpec, type TestArchive } from "./archive.ts";

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

/** Builds the archive into `<root>/_site` (or `out`), with its cache in `<root>/cache`. */
export async function buildArchive(archive: TestArchive, options: Partial<BuildOptions> = {}): Promise<BuiltSite> {
  // A site with drafts is never built into a folder named _site, the published one's name.
  const out = options.outDir ?? join(archive.root, options.drafts ? "preview" : "_site");
  // The photos' cache in the test's folder, never the working directory's .depeche/.
  const result = await buildSite({ contentDir: archive.dir, outDir: out, drafts: false, nowMs: FIXED_NOW, cacheDir: join(archive.root, "cache"), ...options });
  const file = (url: string): string => join(out, url.endsWith("/") ? `${url}index.html` : url);
  return {
    result,
    out,
    has: (url) => existsSync(file(url)),
    text: (url) => readFileSync(file(url), "utf8"),
    page: (url) => parseHTML(readFileSync(file(url), "utf8")).document as unknown as Document,
  };
}

/** Starts a preview of the archive with its drafts, as `depeche serve` does, into `<root>/preview` with its cache in `<root>/cache`, on a free port. */
export async function startPreview(archive: TestArchive, options: Partial<DevServerOptions> = {}): Promise<RunningDevServer> {
  // Loaded here: the many tests that only build do without the dev server's code.
  const { startDevServer } = await import("../../src/serve/dev-server.ts");
  return startDevServer({
    contentDir: archive.dir,
    outDir: join(archive.root, "preview"),
    cacheDir: join(archive.root, "cache"),
    port: 0,
    drafts: true,
    ...options,
  });
}

/** Every file below a folder, as sorted site-relative paths (`/2021/index.html`). */
export function siteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `/${relative(dir, join(e.parentPath, e.name))}`)
    .sort();
}

/** Every folder below a folder, as sorted site-relative paths ending in `/` (`/2021/`): one left empty shows. */
export function siteFolders(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `/${relative(dir, join(e.parentPath, e.name))}/`)
    .sort();
}

/** One digest of the files below a folder (path and bytes), those `keep` selects. */
export function treeDigest(dir: string, keep: (path: string) => boolean = () => true): string {
  const hash = createHash("sha256");
  for (const path of siteFiles(dir).filter(keep)) hash.update(`${path}\0`).update(readFileSync(join(dir, path)));
  return hash.digest("hex");
}

/** The trimmed text of every element matching a selector. */
export function texts(doc: Document, selector: string): string[] {
  // Only ASCII white space folds: no-break spaces are part of French typography under test.
  return [...doc.querySelectorAll(selector)].map((e) => (e.textContent ?? "").replace(/[ \t\n\r]+/g, " ").replace(/^ | $/g, ""));
}

/** Plans a site from articles given as path → spec, in a temporary archive removed afterwards. */
export async function planArticles(articles: Record<string, ArticleSpec>): Promise<BuildData> {
  const archive = makeArchive();
  try {
    for (const [path, spec] of Object.entries(articles)) archive.article(path, spec);
    return await planSiteFromFolder(archive.dir);
  } finally {
    archive.remove();
  }
}

/** Titles that break naive HTML, XML, JSON or script embedding. */
export const HOSTILE_TITLES = [
  `Fin de la mission </script><script>alert("x")</script>`,
  `Les « guillemets », les "doubles", l'apostrophe & <b>le gras</b>`,
  `Un ]]> fin de CDATA et <!-- un commentaire -->`,
  // A line or paragraph separator (U+2028, U+2029) is refused by check, as any line break in a title.
  `Des capitales </SCRIPT > et un <![CDATA[ ouvert`,
];
