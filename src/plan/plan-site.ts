import { deriveArchive, type ArchiveOptions } from "../archive/archive.ts";
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

/** Loads a content folder and plans its site, failing with every error when it is invalid. */
export async function planSiteFromFolder(contentDir: string, options: ArchiveOptions = { drafts: false }): Promise<BuildData> {
  const result = await loadContent({ contentDir });
  if (!result.content) throw new Error(`invalid content:\n${result.diagnostics.map(formatDiagnostic).join("\n")}`);
  return planSite(result.content, options);
}
