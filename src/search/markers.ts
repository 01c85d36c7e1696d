import { SEARCH_INDEX_URL } from "../urls/site-urls.ts";

/** The names the search index and the search page share: filters, metadata, and how the index is split into bundles. */

/** Filter names as Pagefind records them; the search page shows French labels. */
export const SEARCH_FILTERS = { topic: "sujet", source: "source", year: "annee" } as const;

/**
 * Most articles in one bundle: Pagefind's indexer holds all of a bundle's pages in memory at once,
 * and the browser downloads a bundle's page list whole: a year past this is indexed month by month.
 */
export const BUNDLE_LIMIT = 10_000;

/**
 * Most articles in a group of earlier years: two groups of 5,000 rather than one of 10,000 are
 * indexed at once on two cores, for one more bundle to ask. (A Pagefind service peaks near 75 KB
 * an article: two bundles of 10,000 at once take 1.5 GB.)
 */
export const GROUP_LIMIT = 5_000;

/**
 * Most articles in the newest year before its newest quarter gets a bundle of its own: adding an
 * article indexes again only the bundle that holds it, and new articles land in the last months.
 */
export const RECENT_LIMIT = 2_500;

/**
 * Most articles in the newest year (or quarter) before its newest month gets a bundle of its own:
 * an added article, or an edit of a recent one, then indexes again a month's articles, not a
 * year's or a quarter's. At 10,000 articles over 13 years, some 60 instead of 750 (1.2–1.7 s less a
 * push on 2 vCPUs, for one more small bundle to search); at 100,000, some 600 instead of 1,900.
 * A small archive (a few hundred articles a year) keeps its year whole: a push re-indexes a few
 * hundred records there, and the search page has one bundle fewer to open and search.
 */
export const MONTH_LIMIT = 500;

/** One Pagefind bundle: the newest year's articles, a group of earlier years', or a month's when its year is too large. */
export interface SearchBundle {
  /**
   * Its folder below `/pagefind/`: `2026` (a year), `2014-2025` (a group of years), `2021-03` (a
   * month), `2026-q4` and `2026-q1-q3` (quarters), `2026-m10-m11` (the months before the newest month, within
   * its year or quarter).
   */
  key: string;
  /** Site-relative folder: `/pagefind/2026/`. */
  url: string;
  /** The years of its articles: the year filter selects only the bundles that hold its year. */
  years: string[];
  /** Its months (`2021-03`), when its year is split. */
  months?: string[];
  articles: number;
}

/** How many articles a month has. */
export interface MonthCount {
  year: number;
  month: number;
  count: number;
}

/**
 * The bundles of an archive, newest first: the newest year alone (new dispatches land there, and
 * re-indexing it is all an added article costs), or, past `recentLimit` articles, its newest
 * quarter alone and its earlier months in another; and wherever they land past `monthLimit`
 * articles (the year, or its newest quarter), the newest month alone and the months before it in
 * another; earlier years grouped, oldest first, as long as a group stays within `groupLimit`
 * articles; a year of more than `limit` articles one bundle a month. A function of how many articles each month has: a
 * group changes only when one of its years does, or when a new year (quarter, month) pushes the
 * previous one into a larger bundle.
 * @example planSearchBundles([{ year: 2021, month: 12, count: 3 }]) // [{ key: "2021", url: "/pagefind/2021/", years: ["2021"], articles: 3 }]
 */
export function planSearchBundles(
  months: readonly MonthCount[],
  limit = BUNDLE_LIMIT,
  groupLimit = Math.min(limit, GROUP_LIMIT),
  recentLimit = RECENT_LIMIT,
  monthLimit = MONTH_LIMIT,
): SearchBundle[] {
  const byYear = new Map<number, MonthCount[]>();
  for (const m of months) byYear.set(m.year, [...(byYear.get(m.year) ?? []), m]);
  const years = [...byYear].sort(([a], [b]) => a - b);
  const total = (list: readonly MonthCount[]): number => list.reduce((n, m) => n + m.count, 0);
  const monthKey = (m: MonthCount): string => `${m.year}-${String(m.month).padStart(2, "0")}`;
  const bundle = (key: string, ys: number[], articles: number, ms?: readonly MonthCount[]): SearchBundle => ({
    key,
    url: `${SEARCH_INDEX_URL}${key}/`,
    years: ys.map(String),
    ...(ms ? { months: ms.map(monthKey) } : {}),
    articles,
  });
  const bundles: SearchBundle[] = [];
  let group: { years: number[]; articles: number } | undefined;
  const closeGroup = (): void => {
    if (group) bundles.push(bundle(groupKey(group.years), group.years, group.articles));
    group = undefined;
  };
  // Where added articles land: the newest year, or its newest quarter, with its newest month alone
  // once it is past `monthLimit`.
  const recentPart = (year: number, list: readonly MonthCount[], key: string, ms?: readonly MonthCount[]): void => {
    const [earlier, newest] = [list.slice(0, -1), list.at(-1)!];
    if (total(list) <= monthLimit || earlier.length === 0) bundles.push(bundle(key, [year], total(list), ms));
    else {
      const from = `m${String(earlier[0]!.month).padStart(2, "0")}`;
      const to = `m${String(earlier.at(-1)!.month).padStart(2, "0")}`;
      bundles.push(bundle(`${year}-${from}${from === to ? "" : `-${to}`}`, [year], total(earlier), earlier));
      bundles.push(bundle(monthKey(newest), [year], newest.count, [newest]));
    }
  };
  years.forEach(([year, list], i) => {
    const count = total(list);
    const newest = i === years.length - 1;
    const sorted = [...list].sort((a, b) => a.month - b.month);
    if (count > limit) {
      closeGroup();
      for (const m of sorted) bundles.push(bundle(monthKey(m), [year], m.count, [m]));
    } else if (newest) {
      closeGroup();
      const quarter = Math.ceil(sorted.at(-1)!.month / 3);
      const [earlier, recent] = [sorted.filter((m) => m.month <= 3 * (quarter - 1)), sorted.filter((m) => m.month > 3 * (quarter - 1))];
      if (count <= recentLimit || earlier.length === 0) recentPart(year, sorted, String(year));
      else {
        bundles.push(bundle(`${year}-q1${quarter > 2 ? `-q${quarter - 1}` : ""}`, [year], total(earlier), earlier));
        recentPart(year, recent, `${year}-q${quarter}`, recent);
      }
    } else {
      if (group && group.articles + count > groupLimit) closeGroup();
      group ??= { years: [], articles: 0 };
      group.years.push(year);
      group.articles += count;
    }
  });
  closeGroup();
  return bundles.reverse();
}

function groupKey(years: readonly number[]): string {
  return years.length === 1 ? String(years[0]) : `${years[0]}-${years.at(-1)}`;
}

/**
 * Which bundle each article goes to, from its site URL (`/2021/03/09/slug/`), the Paris day: its
 * month's when its year is split, else its year's.
 * @example bundleOf(bundles)("/2021/03/09/slug/") // "2014-2025"
 */
export function bundleOf(bundles: readonly SearchBundle[]): (url: string) => string | undefined {
  const keys = new Map<string, string>();
  for (const b of bundles) {
    // A month as its URLs write it (`2021/03`): each URL is sliced, never rewritten, 100,000 at each build.
    if (b.months) for (const m of b.months) keys.set(m.replace("-", "/"), b.key);
    else for (const y of b.years) keys.set(y, b.key);
  }
  // Articles come in the order of their dates, a month's hundreds one after the other: the key of
  // the month asked for last is given again without a slice nor a lookup (100,000 of each a build).
  let month = "";
  let key: string | undefined;
  return (url) => {
    if (month === "" || !url.startsWith(month, 1)) {
      month = url.slice(1, 8);
      key = keys.get(month) ?? keys.get(url.slice(1, 5));
    }
    return key;
  };
}
