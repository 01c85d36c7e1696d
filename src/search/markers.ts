import { SEARCH_INDEX_URL } from "../urls/site-urls.ts";

/** The names the search index and the search page share: filters, metadata, sort key, and how the index is split into bundles. */

/** Filter names as Pagefind records them; the search page shows French labels. */
export const SEARCH_FILTERS = { topic: "sujet", source: "source", year: "annee" } as const;

/** The sort key of every article: its instant, UTC ISO. */
export const SEARCH_SORT = "date";

/**
 * Most articles in one bundle: Pagefind's indexer holds all of a bundle's pages in memory at once,
 * so a year past this is indexed month by month.
 */
export const BUNDLE_LIMIT = 10_000;

/** One Pagefind bundle: a year's articles, or a month's when the year is too large. */
export interface SearchBundle {
  /** `2021` or `2021-03`: its folder below `/pagefind/`. */
  key: string;
  /** Site-relative folder: `/pagefind/2021/`. */
  url: string;
  /** The year of its articles: the year filter selects only its bundles. */
  year: string;
  articles: number;
}

/** How many articles a month has. */
export interface MonthCount {
  year: number;
  month: number;
  count: number;
}

/**
 * The bundles of an archive, newest first: one a year, or one a month for a year of more than
 * `limit` articles. A function of the articles' days only, so that a bundle's articles, and so its
 * folder, change only when articles of its year (or month) do.
 * @example planSearchBundles([{ year: 2021, month: 12, count: 3 }]) // [{ key: "2021", url: "/pagefind/2021/", year: "2021", articles: 3 }]
 */
export function planSearchBundles(months: readonly MonthCount[], limit = BUNDLE_LIMIT): SearchBundle[] {
  const byYear = new Map<number, MonthCount[]>();
  for (const m of months) byYear.set(m.year, [...(byYear.get(m.year) ?? []), m]);
  const bundle = (key: string, year: number, articles: number): SearchBundle => ({ key, url: `${SEARCH_INDEX_URL}${key}/`, year: String(year), articles });
  return [...byYear]
    .sort(([a], [b]) => b - a)
    .flatMap(([year, list]): SearchBundle[] => {
      const total = list.reduce((n, m) => n + m.count, 0);
      if (total <= limit) return [bundle(String(year), year, total)];
      return [...list].sort((a, b) => b.month - a.month).map((m) => bundle(`${year}-${String(m.month).padStart(2, "0")}`, year, m.count));
    });
}

/** The bundle key of an article from its site URL (`/2021/03/09/slug/`), the Paris day. */
export function bundleKeyOf(url: string, bundles: ReadonlySet<string>): string {
  const month = url.slice(1, 8).replace("/", "-");
  return bundles.has(month) ? month : url.slice(1, 5);
}
