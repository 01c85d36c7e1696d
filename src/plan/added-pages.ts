/**
 * The pages that articles added, removed, or whose text alone was edited, can change, read from
 * the archive that holds them: the incremental build's fast path (and the preview's) plans and
 * digests these pages only, and keeps every other page's digest from the previous build.
 */
import { type Archive, countBefore, type Listing, placeAmong } from "../archive/archive.ts";
import { paginate } from "../archive/pagination.ts";
import { RELATED_COUNT } from "../archive/related.ts";
import { type Article, listedUnder } from "../content/model.ts";
import { partsOfDay } from "../text/dates.ts";
import {
  dayUrl,
  formerListPages,
  monthUrl,
  NOT_FOUND_URL,
  PAGE_SIZE,
  pageUrl,
  SEARCH_URL,
  sourceUrl,
  SOURCES_URL,
  topicUrl,
  TOPICS_URL,
  yearUrl,
} from "../urls/site-urls.ts";
import { mainTopics } from "./pages.ts";

/**
 * The URLs of every page whose planned data can differ once `added` (published articles of
 * `archive`) are in it: their own pages; home, the search page and the indexes of topics and
 * sources (counts); the 404 page (its years); every page of each of their topics and sources
 * (the counts in the descriptions, the items shifting down the pages); their days, months and
 * years, and the days, months and years on either side (whose older/newer links may now lead
 * to a new one); the articles within `RELATED_COUNT` of each of them in each of their topics,
 * whose related lists (nearest in that topic) and previous/next links (neighbours in a topic
 * list) may take them; the pages of their aliases, redirects to them. The masthead's main topics
 * must be the same as before (`sameMainTopics`): every page shows them.
 */
export function pagesShowingAdded(archive: Archive, added: readonly Article[]): Set<string> {
  const urls = new Set<string>(["/", TOPICS_URL, SOURCES_URL, SEARCH_URL, NOT_FOUND_URL]);
  const addedSet = new Set(added);
  const touchedTopics = new Set(added.flatMap((a) => a.topics));
  const touchedSources = new Set(added.flatMap((a) => a.sources));
  for (const listing of archive.topics) {
    if (!touchedTopics.has(listing.entry)) continue;
    addListPages(urls, listing, topicUrl(listing.entry), topicUrl);
    for (const i of positionsOf(listing.articles, addedSet)) addNearby(urls, listing.articles, i);
  }
  for (const listing of archive.sources) if (touchedSources.has(listing.entry)) addListPages(urls, listing, sourceUrl(listing.entry), sourceUrl);
  const days = new Set(added.map((a) => a.published.day));
  archive.days.forEach((entry, i) => {
    if (!days.has(entry.day)) return;
    for (const near of [archive.days[i - 1], entry, archive.days[i + 1]]) if (near) urls.add(dayUrl(near.day));
  });
  const months = new Set(added.map((a) => monthUrl(partsOfDay(a.published.day).year, partsOfDay(a.published.day).month)));
  const allMonths = archive.years.flatMap((y) => y.months);
  allMonths.forEach((m, i) => {
    if (!months.has(monthUrl(m.year, m.month))) return;
    for (const near of [allMonths[i - 1], m, allMonths[i + 1]]) if (near) urls.add(monthUrl(near.year, near.month));
  });
  const years = new Set(added.map((a) => partsOfDay(a.published.day).year));
  archive.years.forEach((y, i) => {
    if (!years.has(y.year)) return;
    for (const near of [archive.years[i - 1], y, archive.years[i + 1]]) if (near) urls.add(yearUrl(near.year));
  });
  for (const article of added) {
    urls.add(article.url);
    for (const alias of article.aliases) urls.add(alias);
  }
  return urls;
}

/**
 * The pages that articles gone from `archive` (`removed`, as the last build had them, published or
 * not then; `added`, the articles of `archive` new since) showed, or whose data their going
 * changes, as they are in `archive` now: home, the search page, the indexes of topics and sources,
 * the 404 page; every page of each of their topics and sources (the items shifting up); the
 * articles within `RELATED_COUNT` of where each stood in each of its topics; their days, months
 * and years, and those on either side of where each stood (whose links to the older and newer may
 * now skip one gone). With them (`gone`), the pages of the site before that may be gone, by kind:
 * their own pages and aliases' redirects, their days, months and years, their lists' pages past
 * those the lists have now, and the redirects of their lists' former pages. Each of those is in
 * `urls` too: it is planned if it is still a page.
 */
export function pagesShowingRemoved(
  archive: Archive,
  removed: readonly Article[],
  added: readonly Article[],
): { urls: Set<string>; gone: Map<string, string> } {
  const urls = new Set<string>(["/", TOPICS_URL, SOURCES_URL, SEARCH_URL, NOT_FOUND_URL]);
  const gone = new Map<string, string>();
  const mayGo = (url: string, kind: string): void => {
    urls.add(url);
    gone.set(url, kind);
  };
  const lists = (
    listings: readonly Listing<{ slug: string; aliases?: string[] }>[],
    of: (a: Article) => readonly { slug: string }[],
    urlOf: (entry: { slug: string }) => string,
    nearby: boolean,
  ): void => {
    const shift = new Map<string, number>();
    for (const a of removed) for (const e of of(a)) shift.set(e.slug, (shift.get(e.slug) ?? 0) + 1);
    if (shift.size === 0) return;
    for (const a of added) for (const e of of(a)) if (shift.has(e.slug)) shift.set(e.slug, shift.get(e.slug)! - 1);
    for (const listing of listings) {
      const fewer = shift.get(listing.entry.slug);
      if (fewer === undefined) continue;
      const base = urlOf(listing.entry);
      addListPages(urls, listing, base, urlOf);
      // The list as it was: as many articles more as went from it, less those that came.
      const before = listing.articles.length + fewer;
      for (let n = pagesOf(listing.articles.length) + 1; n <= pagesOf(before); n++) mayGo(pageUrl(base, n), "lists");
      for (const slug of listing.entry.aliases ?? []) for (const page of formerListPages(urlOf({ slug }), base, before)) mayGo(page.url, "redirects");
      if (!nearby) continue;
      for (const a of listedUnder(removed, listing.entry.slug, of)) addNearby(urls, listing.articles, placeAmong(listing.articles, a));
    }
  };
  lists(archive.topics, (a) => a.topics, topicUrl, true);
  lists(archive.sources, (a) => a.sources, sourceUrl, false);
  const allMonths = archive.years.flatMap((y) => y.months);
  for (const article of removed) {
    mayGo(article.url, "articles");
    for (const alias of article.aliases) mayGo(alias, "redirects");
    const { year, month } = partsOfDay(article.published.day);
    mayGo(dayUrl(article.published.day), "days");
    mayGo(monthUrl(year, month), "months");
    mayGo(yearUrl(year), "years");
    for (const near of around(archive.days, (d) => d.day, article.published.day)) urls.add(dayUrl(near.day));
    const monthKey = (m: { year: number; month: number }): string => `${m.year}-${String(m.month).padStart(2, "0")}`;
    for (const near of around(allMonths, monthKey, monthKey({ year, month }))) urls.add(monthUrl(near.year, near.month));
    for (const near of around(archive.years, (y) => String(y.year), String(year))) urls.add(yearUrl(near.year));
  }
  return { urls, gone };
}

// The entries of a list sorted by `keyOf` (oldest first) on either side of where `key` stands, and its own.
function around<T>(list: readonly T[], keyOf: (entry: T) => string, key: string): T[] {
  const at = countBefore(list, (entry) => keyOf(entry) < key);
  return [list[at - 1], list[at], list[at + 1]].filter((entry) => entry !== undefined);
}

const pagesOf = (count: number): number => Math.max(1, Math.ceil(count / PAGE_SIZE));

/**
 * The URLs of every page that shows the text (title, body, standfirst) of one of `edited`
 * (published articles of `archive`, whose other fields are as they were): their own pages, and
 * the pages of their aliases, which name them; home; the one page of each of their topics and
 * sources that lists them; their days, months and years; the articles within `RELATED_COUNT` of
 * each of them in each of their topics, whose related lists and links to the previous and next
 * may show them. Nothing moves: no other list page, and no neighbouring day, month or year (their links
 * show labels). (`tests/plan/added-pages.test.ts` checks, for every article of an archive, that no
 * other page's digest reads its text.)
 */
export function pagesShowingEdited(archive: Archive, edited: readonly Article[]): Set<string> {
  const urls = new Set<string>(["/"]);
  const editedSet = new Set(edited);
  const touchedTopics = new Set(edited.flatMap((a) => a.topics));
  const touchedSources = new Set(edited.flatMap((a) => a.sources));
  for (const listing of archive.topics) {
    if (!touchedTopics.has(listing.entry)) continue;
    for (const i of positionsOf(listing.articles, editedSet)) {
      urls.add(listPageUrl(topicUrl(listing.entry), i));
      addNearby(urls, listing.articles, i);
    }
  }
  for (const listing of archive.sources) {
    if (!touchedSources.has(listing.entry)) continue;
    for (const i of positionsOf(listing.articles, editedSet)) urls.add(listPageUrl(sourceUrl(listing.entry), i));
  }
  for (const article of edited) {
    const { year, month } = partsOfDay(article.published.day);
    urls.add(article.url).add(dayUrl(article.published.day)).add(monthUrl(year, month)).add(yearUrl(year));
    for (const alias of article.aliases) urls.add(alias);
  }
  return urls;
}

// Where the articles of `wanted` stand in a list.
function positionsOf(list: readonly Article[], wanted: ReadonlySet<Article>): number[] {
  const positions: number[] = [];
  list.forEach((article, i) => {
    if (wanted.has(article)) positions.push(i);
  });
  return positions;
}

// The articles within `RELATED_COUNT` of position `i` in a topic's list, whose related lists (the
// nearest in that topic) and previous/next links (neighbours in it) may show the article there.
// Newest first here, oldest first for the related lists and neighbours: the same positions, reversed.
function addNearby(urls: Set<string>, list: readonly Article[], i: number): void {
  for (let j = Math.max(0, i - RELATED_COUNT); j <= Math.min(list.length - 1, i + RELATED_COUNT); j++) urls.add(list[j]!.url);
}

// The URL of the list page that shows the item at position `i`.
function listPageUrl(base: string, i: number): string {
  return pageUrl(base, Math.floor(i / PAGE_SIZE) + 1);
}

// A list's pages, and its former pages (its `aliases`), whose redirects follow its pages' count.
function addListPages(urls: Set<string>, listing: Listing<{ aliases?: string[] }>, base: string, urlOf: (entry: { slug: string }) => string): void {
  for (const page of paginate(listing.articles, base)) urls.add(page.url);
  for (const slug of listing.entry.aliases ?? []) for (const page of formerListPages(urlOf({ slug }), base, listing.articles.length)) urls.add(page.url);
}

/**
 * Whether the masthead's topics, the most used ones, are those of the archive before the articles
 * `added` (of `archive`) came and those `removed` went: else every page changes.
 */
export function sameMainTopics(archive: Archive, added: readonly Article[], removed: readonly Article[] = []): boolean {
  const addedSet = new Set(added);
  const before = archive.topics.map((listing) => ({
    entry: listing.entry,
    articles: [...listing.articles.filter((a) => !addedSet.has(a)), ...listedUnder(removed, listing.entry.slug)],
  }));
  const now = mainTopics(archive).map((l) => l.url);
  const then = mainTopics({ ...archive, topics: before }).map((l) => l.url);
  return now.length === then.length && now.every((url, i) => url === then[i]);
}

/**
 * How many pages of each kind `planPages` plans for this archive, counted without planning them
 * (as `countPages` counts a plan): the fast path checks that the pages it adds to the previous
 * build's are all the new ones.
 */
export function pageCounts(archive: Archive): Record<string, number> {
  const listPages = (listings: Listing<unknown>[]): number => listings.reduce((n, l) => n + pagesOf(l.articles.length), 0);
  return {
    articles: archive.articles.length,
    home: 1,
    indexes: 2,
    lists: listPages(archive.topics) + listPages(archive.sources),
    years: archive.years.length,
    months: archive.years.reduce((n, y) => n + y.months.length, 0),
    days: archive.days.length,
    notFound: 1,
    // Each article's alias; each list's `page/1/`; each page of a former list (a topic's or a
    // source's alias): its own, its `page/1/`, and one for each page of the list now.
    redirects:
      archive.articles.reduce((n, a) => n + a.aliases.length, 0) +
      [...archive.topics, ...archive.sources].reduce((n, l) => n + 1 + (l.entry.aliases?.length ?? 0) * (1 + pagesOf(l.articles.length)), 0),
    search: 1,
  };
}
