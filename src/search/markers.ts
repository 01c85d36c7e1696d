import { SEARCH_INDEX_URL } from "../urls/site-urls.ts";

/** What pages tell Pagefind (`data-pagefind-*`), and how the index is split into bundles: shared by templates, the search page and the indexer. */

/** Filter names as Pagefind records them (`data-pagefind-filter`); the search page shows French labels for the first three. */
export const SEARCH_FILTERS = { topic: "sujet", source: "source", year: "annee", month: "mois" } as const;

/** The sort key of every article (`data-pagefind-sort`). */
export const SEARCH_SORT = "date";

/**
 * Most articles in one bundle: Pagefind's indexer holds all of a bundle's pages in memory at once,
 * so a year past this is indexed month by month.
 */
export const BUNDLE_LIMIT = 10_000;

/** One Pagefind bundle: a year's articles, or a month's when the year is too large. */
export interface SearchBundle {
  /** Site-relative folder: `/pagefind/2021/` or `/pagefind/2021-03/`. */
  url: string;
  /** The filter that holds exactly this bundle's articles: the search page asks bundles one by one, newest first. */
  filter: { name: typeof SEARCH_FILTERS.year | typeof SEARCH_FILTERS.month; value: string };
  /** Its article pages, relative to the site folder (`YYYY/MM/DD/slug/index.html`). */
  glob: string;
  articles: number;
}

/** What an article page carries for the indexer: its sort key and its year and month filters (one a `data-pagefind-filter`). */
export interface SearchMarkers {
  /** `date:<UTC ISO>`: UTC, so that text order is time order whatever the offset. */
  sort: string;
  /** `annee:2021`. */
  year: string;
  /** `mois:2021-12`. */
  month: string;
}

/**
 * The `data-pagefind-*` values of an article page; year and month come from its URL, the Paris day.
 * @example searchMarkers(page) // { sort: "date:2021-12-09T14:10:00.000Z", year: "annee:2021", month: "mois:2021-12" }
 */
export function searchMarkers(page: { url: string; article: { dateIso: string } }): SearchMarkers {
  const [year, month] = [page.url.slice(1, 5), page.url.slice(6, 8)];
  return {
    sort: `${SEARCH_SORT}:${new Date(page.article.dateIso).toISOString()}`,
    year: `${SEARCH_FILTERS.year}:${year}`,
    month: `${SEARCH_FILTERS.month}:${year}-${month}`,
  };
}

/** How many articles a month has. */
export interface MonthCount {
  year: number;
  month: number;
  count: number;
}

/**
 * The bundles of an archive, newest first: one a year, or one a month for a year of more than
 * `limit` articles.
 * @example planSearchBundles([{ year: 2021, month: 12, count: 3 }]) // [{ url: "/pagefind/2021/", … }]
 */
export function planSearchBundles(months: readonly MonthCount[], limit = BUNDLE_LIMIT): SearchBundle[] {
  const byYear = new Map<number, MonthCount[]>();
  for (const m of months) byYear.set(m.year, [...(byYear.get(m.year) ?? []), m]);
  return [...byYear]
    .sort(([a], [b]) => b - a)
    .flatMap(([year, list]): SearchBundle[] => {
      const total = list.reduce((n, m) => n + m.count, 0);
      if (total <= limit)
        return [
          { url: `${SEARCH_INDEX_URL}${year}/`, filter: { name: SEARCH_FILTERS.year, value: String(year) }, glob: `${year}/*/*/*/index.html`, articles: total },
        ];
      return [...list]
        .sort((a, b) => b.month - a.month)
        .map((m) => {
          const mm = String(m.month).padStart(2, "0");
          return {
            url: `${SEARCH_INDEX_URL}${year}-${mm}/`,
            filter: { name: SEARCH_FILTERS.month, value: `${year}-${mm}` },
            glob: `${year}/${mm}/*/*/index.html`,
            articles: m.count,
          };
        });
    });
}
