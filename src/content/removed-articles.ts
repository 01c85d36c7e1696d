/**
 * The rules across articles for articles removed from an archive they said nothing of: whether
 * they can say anything new. A published article is removed by deleting its file and marking its
 * URL removed in urls.txt (`! URL`); at 100,000 articles every rule run again costs 1.3–1.8 s of
 * that build. Like `additionsPassRules`, this says "maybe" whenever it is not sure, and the rules
 * then run over the whole archive as they would have.
 */
import type { Article } from "./model.ts";
import { linksMissGone } from "./body-links.ts";
import { fileOfUrl } from "../urls/site-urls.ts";
import { listedPages, pageOfUrl, type UrlLinesChange, type UrlManifest } from "./url-manifest.ts";

/**
 * True when the rules across articles can say nothing of `articles` (the archive now) once
 * `removed` (as they were) are gone from it, given that they said nothing of it before (but where
 * files are filed), and that urls.txt changed since by `lines` (none: unchanged). An article gone
 * takes its URL, short link, aliases and pages with it: no claim can clash anew. What can break:
 * - a link to a page that went: every link of the archive must reach an article's page (or an
 *   alias's) that did not go, as it reached a page before (one to any other page may reach a
 *   day, a month or a list's page that went with them);
 * - a URL of theirs that urls.txt lists as published, unless it marks it removed;
 * - urls.txt itself: it may only have marked their URLs removed (`! URL`, on the published line
 *   or on a line of its own), no line else added or taken away.
 */
export function removalsPassRules(
  removed: readonly Article[],
  articles: readonly Article[],
  manifest: UrlManifest | undefined,
  lines: UrlLinesChange | undefined,
): boolean {
  const urls = removed.flatMap((article) => [article.url, ...article.aliases]);
  const pages = new Set(urls.map(pageOfUrl));
  if (lines) {
    if (lines.published.length > 0 || !lines.removals.every((line) => pages.has(pageOfUrl(line.url)))) return false;
    const marked = new Set(lines.removals.map((line) => line.line));
    if (!lines.gone.every((line) => marked.has(line))) return false;
  }
  if (manifest) {
    let listed: ((page: string) => boolean) | undefined;
    for (const page of pages) if (!manifest.removed.has(page) && (listed ??= listedPages(manifest))(page)) return false;
  }
  return linksMissGone(articles, new Set(urls.map(fileOfUrl)));
}
