import { articlesAt, deriveArchive, type Archive, type ArchiveOptions } from "../archive/archive.ts";
import { someArticleLists } from "../archive/related.ts";
import type { Content } from "../content/model.ts";
import { formatDiagnostic } from "../content/diagnostics.ts";
import { loadContent } from "../content/load.ts";
import type { ArticleRenderer } from "./article-view.ts";
import { mainTopics, planPages } from "./pages.ts";
import { siteView, type BuildData } from "./site-data.ts";

/** Everything Eleventy needs, from validated content. */
export function planSite(content: Content, options: ArchiveOptions, renderer?: ArticleRenderer): BuildData {
  const archive = deriveArchive(content, options);
  return { site: siteView(archive.site, mainTopics(archive)), pages: planPages(archive, renderer) };
}

/**
 * Some pages of the site only: those whose URLs `select` picks from the archive, derived whole but
 * for each article's own lists (`deriveArchive` with `perArticle: false`). Each page is planned
 * exactly as `planSite` plans it; the others are not planned, nor are the related articles and
 * topic neighbours of articles whose page is not asked for (`select` reads neither). The archive
 * comes back with them; undefined when `select` picks none (the whole site must be planned).
 */
export function planSomePages(
  archive: Archive,
  renderer: ArticleRenderer,
  select: (archive: Archive) => ReadonlySet<string> | undefined,
): { archive: Archive; data: BuildData } | undefined {
  const only = select(archive);
  if (!only) return undefined;
  const lists = someArticleLists(articlesAt(archive.days, only), new Map(archive.topics.map((listing) => [listing.entry, listing.articles])));
  archive.related = lists.related;
  archive.neighbours = lists.neighbours;
  return { archive, data: { site: siteView(archive.site, mainTopics(archive)), pages: planPages(archive, renderer, only) } };
}

/** Loads a content folder and plans its site, failing with every error when it is invalid. */
export async function planSiteFromFolder(contentDir: string, options: ArchiveOptions = { drafts: false }): Promise<BuildData> {
  const result = await loadContent({ contentDir });
  if (!result.content) throw new Error(`invalid content:\n${result.diagnostics.map(formatDiagnostic).join("\n")}`);
  return planSite(result.content, options);
}
