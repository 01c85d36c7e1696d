import type { ArticlePage } from "../render/pages.ts";

/** What pages tell Pagefind (`data-pagefind-*`), and where its bundles live: shared by templates, the search page and the indexer. */

/** Filter names as Pagefind records them (`data-pagefind-filter`); the search page shows French labels. */
export const SEARCH_FILTERS = { topic: "sujet", source: "source", year: "annee" } as const;

/** The sort key of every article (`data-pagefind-sort`). */
export const SEARCH_SORT = "date";

/** The folder of a year's bundle, site-relative: `/pagefind/2021/`. */
export function searchBundleUrl(year: number): string {
  return `/pagefind/${year}/`;
}

/** What an article page carries for the indexer: its sort key and its year filter. */
export interface SearchMarkers {
  /** `date:<UTC ISO>`: UTC, so that string order is time order whatever the offset. */
  sort: string;
  /** `annee:2021`. */
  year: string;
}

/**
 * The `data-pagefind-*` values of an article page.
 * @example searchMarkers(page) // { sort: "date:2021-12-09T14:10:00.000Z", year: "annee:2021" }
 */
export function searchMarkers(page: ArticlePage): SearchMarkers {
  return { sort: `${SEARCH_SORT}:${new Date(page.article.dateIso).toISOString()}`, year: `${SEARCH_FILTERS.year}:${page.url.slice(1, 5)}` };
}

/** The years that have articles, newest first, from article URLs (`/YYYY/MM/DD/slug/`). */
export function articleYears(articles: readonly ArticlePage[]): number[] {
  return [...new Set(articles.map((p) => Number(p.url.slice(1, 5))))].sort((a, b) => b - a);
}
