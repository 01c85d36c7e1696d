import { existsSync, rmSync } from "node:fs";
import { relative } from "node:path";
import { catchUpStaging, linkSiteInto } from "../files/site-links.ts";
import { planDiscoveryFiles } from "../outputs/discovery-files.ts";
import { sitemapPartsKept } from "../outputs/sitemaps.ts";
import { pageFile, writePagesDirectly } from "../pages/write-directly.ts";
import type { SitePages } from "../plan/pages.ts";
import type { BuildData } from "../plan/site-data.ts";
import { NEWS_SITEMAP_URL, REDIRECTS_URL } from "../urls/site-urls.ts";
import type { CachedBuild, SiteState } from "./build-cache.ts";
import type { FastPlan } from "./fast-path.ts";
import { removeInBackground, removeSiteFiles, replaceStagedFile, siblingFolder } from "./stage-from-site.ts";

/**
 * An incremental build's pages: the staging folder made the previous site (the spare brought up to
 * date with the paths it lacks, else the whole site linked, unless it is `linked`
 * already), then the pages whose digest changed rendered again (never the others), the pages gone
 * removed, and the feeds, sitemaps, robots.txt and redirects replaced where their bytes changed.
 * Returns, with the new state, the paths written or removed.
 */
export async function writeChanges(
  out: string,
  staging: string,
  data: BuildData,
  digests: ReadonlyMap<string, string>,
  previous: CachedBuild,
  nowMs: number,
  fast: FastPlan | undefined,
  spare: { lacking: readonly string[]; caughtUp: boolean } | undefined,
  linked: boolean,
): Promise<{
  state: Pick<SiteState, "pages" | "outputs" | "summaries">;
  changed: string[];
  counts: { changed: number; removed: number; outputs: number; spare: boolean; linked: boolean };
}> {
  let fromSpare = spare !== undefined;
  // The spare the survey's thread did not bring up to date is brought here.
  if (spare && !spare.caughtUp) {
    const trash = siblingFolder(out, "trash");
    try {
      catchUpStaging(out, staging, spare.lacking, trash);
    } catch {
      // A spare that cannot be brought up to date (a path made a file by hand, say): when in doubt, link all.
      rmSync(staging, { recursive: true, force: true });
      fromSpare = false;
    } finally {
      if (existsSync(trash)) removeInBackground(trash);
    }
  }
  if (!fromSpare && !linked) linkSiteInto(out, staging);
  const changed: Record<string, { url: string }[]> = {};
  for (const [kind, list] of Object.entries(data.pages) as [string, { url: string }[]][])
    changed[kind] = list.filter((page) => previous.pages.get(page.url) !== digests.get(page.url));
  const rewritten = Object.values(changed).flatMap((list) => list.map((page) => page.url));
  const removed = fast ? fast.removed : [...previous.pages.keys()].filter((url) => !digests.has(url));
  // Unlinked first: the pages are then written as new files, never into the live site's. The
  // folders of the pages written again stay; those the removed pages leave empty go.
  const fileOf = (url: string): string => relative(staging, pageFile(staging, url));
  const pageFiles = [...removed, ...rewritten].map(fileOf);
  removeSiteFiles(staging, removed.map(fileOf));
  removeSiteFiles(staging, rewritten.map(fileOf), true);
  await writePagesDirectly({ site: data.site, pages: changed as unknown as SitePages }, staging);

  // The fast path planned only some pages: the feeds that show no article changed, added or
  // removed are kept as they are, the sitemaps unless articles were added or removed (their entries
  // are then read from the archive), `_redirects` unless an article with aliases came or went;
  // those feeds, the news sitemap (which the build's date moves), robots.txt and the manifest are
  // made again from the pages they read.
  const outputs = planDiscoveryFiles(
    data.site,
    data.pages,
    nowMs,
    fast && { feeds: fast.feeds, redirects: fast.redirects, ...(fast.sitemaps ? { sitemaps: fast.sitemaps } : {}) },
  );
  const replaced: string[] = [];
  for (const [url, text] of outputs) if (replaceStagedFile(staging, url, text)) replaced.push(url);
  // The fast path made again the news sitemap, with articles added or removed every sitemap, and
  // perhaps `_redirects`: one of them not made again is gone.
  const keptSitemaps = new Set(fast?.sitemaps ? sitemapPartsKept(fast.sitemaps.entries.length, fast.sitemaps.unchanged) : []);
  const gone = previous.outputs.filter(
    (url) =>
      !outputs.has(url) &&
      !keptSitemaps.has(url) &&
      (!fast || url === NEWS_SITEMAP_URL || (fast.sitemaps !== undefined && SITEMAP_FILE.test(url)) || (fast.redirects && url === REDIRECTS_URL)),
  );
  removeSiteFiles(staging, gone);
  const kept = fast ? previous.outputs.filter((url) => !outputs.has(url) && !gone.includes(url)) : [];
  return {
    state: { pages: digests, outputs: [...outputs.keys(), ...kept], summaries: new Map() },
    changed: [...pageFiles, ...replaced, ...gone],
    counts: { changed: rewritten.length, removed: removed.length, outputs: replaced.length + gone.length, spare: fromSpare, linked },
  };
}

// The sitemap, or the index and its parts.
const SITEMAP_FILE = /^\/sitemap(?:-\d+)?\.xml$/;
