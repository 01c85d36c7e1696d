import { type Archive, articlesAt, type DayEntry, type Listing, type MonthEntry } from "../archive/archive.ts";
import { monthCalendar } from "../archive/calendar.ts";
import { paginate, type Pagination } from "../archive/pagination.ts";
import type { Article, Day, Source, Topic } from "../content/model.ts";
import { partsOfDay } from "../text/dates.ts";
import { capitalize, formatDay, formatDayShort, formatMonth, monthName } from "../text/french-dates.ts";
import { typesetText } from "../text/typography.ts";
import { ArticleRenderer, type ArticleItem, type ArticleView, type Link } from "./article-view.ts";
import {
  dayUrl,
  firstPageUrl,
  formerListPages,
  monthUrl,
  NOT_FOUND_URL,
  PAGE_SIZE,
  SEARCH_URL,
  sourceUrl,
  SOURCES_URL,
  topicUrl,
  TOPICS_URL,
  yearUrl,
} from "../urls/site-urls.ts";
import { ui } from "../i18n/fr.ts";
import { planSearchPage, type SearchPage } from "./search-page.ts";
import { browseLinks, type BrowseLinks } from "./browse-links.ts";
import type { PageBase } from "./page-base.ts";

/** What every page has: where it lives, its title, and where it sits in the site. */
export interface ArticlePage extends PageBase {
  kind: "article";
  article: ArticleView;
  /** "Sur le même sujet": shared topics, nearest dates (`relatedArticles`). */
  related: ArticleItem[];
  /** The topic whose thread previous and next follow: the article's first. */
  thread?: Link;
  older?: Link;
  newer?: Link;
}

export interface ListPage extends PageBase {
  kind: "topic" | "source";
  heading: string;
  intro?: string;
  items: ArticleItem[];
  pagination: Pagination<unknown>;
  /** A topic's or source's former pages (its `aliases`), on its first page: they redirect here, and a topic's feed is written at theirs too. */
  formerUrls?: string[];
}

export interface IndexPage extends PageBase {
  kind: "topics" | "sources";
  heading: string;
  entries: { label: string; url: string; count: number; description?: string }[];
}

/** A day's articles as a month page lists them: the first few headlines, and how many more. */
export interface DayHeadlines {
  label: string;
  url: string;
  items: ArticleItem[];
  more: number;
}

/** A month as a calendar: weeks of seven cells, Monday first. */
export interface MonthCalendar {
  heading: string;
  url: string;
  count: number;
  /** Each day of the month's weeks; a day with articles has its page and what screen readers hear of it (`label`). */
  weeks: { date?: number; url?: string; count: number; label?: string }[][];
}

export interface HomePage extends PageBase {
  kind: "home";
  /** The newest day's articles, newest first ("today's dispatches"). */
  latestDay?: DayHeadlines;
  /** Then the articles of the days before, up to the home page's size. */
  earlier: ArticleItem[];
  /** The newest month, to browse by date from the home page. */
  calendar?: MonthCalendar;
  years: { label: string; url: string; count: number }[];
  topics: { label: string; url: string; count: number }[];
}

export interface YearPage extends PageBase {
  kind: "year";
  heading: string;
  count: number;
  months: { label: string; url: string; count: number; items: ArticleItem[]; more: number }[];
  older?: Link;
  newer?: Link;
}

export interface MonthPage extends PageBase {
  kind: "month";
  heading: string;
  count: number;
  weeks: MonthCalendar["weeks"];
  /** Each day's headlines, oldest first like the calendar. */
  days: DayHeadlines[];
  older?: Link;
  newer?: Link;
}

export interface DayPage extends PageBase {
  kind: "day";
  heading: string;
  items: ArticleItem[];
  older?: Link;
  newer?: Link;
}

export interface NotFoundPage extends PageBase {
  kind: "not-found";
  browse: BrowseLinks;
}

/** An old URL of an article (`aliases`), or a list's `page/1/`, sending readers and crawlers on to the article or the list. */
export interface RedirectPage extends PageBase {
  kind: "redirect";
  target: Link;
  /** What the page says before its link: an article moved, a list moved, or a list's first page. */
  text: string;
  /**
   * Set on a page of a list but its own address: its `page/1/` (page 1 is the list's own URL, and
   * a reader may still type or follow `page/1/`), or a former list's `page/N/`. Left out of
   * `_redirects`, whose rules hosts count (Cloudflare Pages reads 2,000).
   */
  listPage?: true;
}

/** Every page of the site, grouped by the template that renders it. */
export interface SitePages {
  articles: ArticlePage[];
  home: HomePage[];
  /** `/sujets/` and `/sources/`. */
  indexes: IndexPage[];
  /** Every page of every topic and source. */
  lists: ListPage[];
  years: YearPage[];
  months: MonthPage[];
  days: DayPage[];
  notFound: NotFoundPage[];
  redirects: RedirectPage[];
  /** `/recherche/`. */
  search: SearchPage[];
}

export const HOME_SIZE = 30;
/** Headlines a month page shows for each day, and a year page for each month, before "… et N autres". */
export const DAY_HEADLINES = 8;
export const MONTH_HEADLINES = 3;

const HOME: Link = { label: ui.home, url: "/" };

/** How many topics the masthead names. */
export const MAIN_TOPICS = 6;

/**
 * The masthead's topics: the `count` most used (by article count, ties in French alphabetical
 * order), named in French alphabetical order. Every page shows them, so the masthead changes only
 * when a topic enters or leaves them. Named by count, two of them a few articles apart swapped
 * places as articles were published (in the generated archive of 100,000, OTAN and ONU were five
 * apart, Défense and Élections one), and each swap made every page of the site new: 124,000 pages
 * written again, where the build's date publishing one article writes some hundreds.
 */
export function mainTopics(archive: Archive, count = MAIN_TOPICS): Link[] {
  const french = (a: Listing<Topic>, b: Listing<Topic>): number => a.entry.label.localeCompare(b.entry.label, "fr");
  return archive.topics
    .filter((t) => t.articles.length > 0)
    .sort((a, b) => b.articles.length - a.articles.length || french(a, b))
    .slice(0, count)
    .sort(french)
    .map((t) => ({ label: t.entry.label, url: topicUrl(t.entry) }));
}

/**
 * Plans every page of the site from the archive: the one place that decides what exists where.
 * A renderer kept between calls (the dev server) renders each unchanged article only once.
 */
export function planPages(archive: Archive, render = new ArticleRenderer(), only?: ReadonlySet<string>): SitePages {
  const siteDescription =
    archive.site.description ?? ui.homeDescription(archive.site.title, archive.articles.length, archive.years[0]?.year, archive.years.at(-1)?.year);
  // Some pages only (`only`, by URL): the others are not planned at all, nor their lists' items made.
  const wanted = only ? (url: string): boolean => only.has(url) : (): boolean => true;
  const some = <T extends { url: string }>(pages: T[]): T[] => (only ? pages.filter((p) => only.has(p.url)) : pages);
  return {
    // Found by their days, newest first as the archive lists them (a filter of every article hashed each URL: 40–60 ms at 100,000).
    articles: (only ? articlesAt(archive.days, only).reverse() : archive.articles).map((a) => articlePage(a, archive, render)),
    home: wanted("/") ? [homePage(archive, render, siteDescription)] : [],
    indexes: some([
      indexPage(
        "topics",
        ui.topics,
        TOPICS_URL,
        archive.topics,
        topicUrl,
        (t) => t.label,
        ui.topicsDescription,
        // Set as the topic's own page sets it (`listPages`).
        (t) => (t.description ? typesetText(t.description) : undefined),
      ),
      indexPage("sources", ui.sources, SOURCES_URL, archive.sources, sourceUrl, (s) => s.name, ui.sourcesDescription),
    ]),
    lists: [
      ...archive.topics.flatMap((listing) =>
        listPages(
          "topic",
          listing,
          topicUrl(listing.entry),
          listing.entry.label,
          listing.entry.description,
          TOPICS_URL,
          ui.topics,
          render,
          wanted,
          formerUrls(listing.entry, topicUrl),
        ),
      ),
      ...archive.sources.flatMap((listing) =>
        listPages(
          "source",
          listing,
          sourceUrl(listing.entry),
          listing.entry.name,
          undefined,
          SOURCES_URL,
          ui.sources,
          render,
          wanted,
          formerUrls(listing.entry, sourceUrl),
        ),
      ),
    ],
    ...datePages(archive, render, wanted),
    notFound: wanted(NOT_FOUND_URL)
      ? [{ kind: "not-found", url: NOT_FOUND_URL, title: ui.notFoundTitle, description: ui.notFoundTitle, breadcrumb: [], browse: browseLinks(archive) }]
      : [],
    redirects: [...redirectPages(archive.articles, render, wanted), ...listRedirects(archive, wanted), ...firstPageRedirects(archive, wanted)],
    search: wanted(SEARCH_URL) ? [planSearchPage(archive, HOME)] : [],
  };
}

function articlePage(article: Article, archive: Archive, render: ArticleRenderer): ArticlePage {
  const view = render.view(article);
  const { older, newer, topic } = archive.neighbours.get(article) ?? {};
  const { year, month } = partsOfDay(article.published.day);
  const page = {
    kind: "article" as const,
    url: article.url,
    title: view.title,
    breadcrumb: [
      HOME,
      { label: String(year), url: yearUrl(year) },
      { label: monthName(month), url: monthUrl(year, month) },
      { label: formatDayShort(article.published.day), url: dayUrl(article.published.day) },
    ],
    article: view,
    related: (archive.related.get(article) ?? []).map((a) => render.item(a)),
    thread: topic && { label: topic.label, url: topicUrl(topic) },
    older: older && { label: render.item(older).title, url: older.url },
    newer: newer && { label: render.item(newer).title, url: newer.url },
  };
  return render.derivesFrom(Object.defineProperty(page, "description", STANDFIRST) as ArticlePage, article, ["description"]);
}

// An article page's description is its standfirst, read only when the page is rendered: one
// getter for every page (a getter written in the literal would make each page a slow dictionary).
const STANDFIRST: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: ArticlePage) {
    return this.article.summary;
  },
};

function redirectPage(url: string, target: Link): RedirectPage {
  return { kind: "redirect", url, title: ui.movedTitle, description: ui.movedTo(target.label), breadcrumb: [], target, text: ui.movedText };
}

function homePage(archive: Archive, render: ArticleRenderer, description: string): HomePage {
  return {
    kind: "home",
    url: "/",
    title: archive.site.title,
    description,
    breadcrumb: [],
    ...latestDays(archive, render),
    years: [...archive.years].reverse().map((y) => ({ label: String(y.year), url: yearUrl(y.year), count: y.count })),
    topics: archive.topics
      .filter((t) => t.articles.length > 0)
      .sort((a, b) => b.articles.length - a.articles.length || a.entry.label.localeCompare(b.entry.label, "fr"))
      .map((t) => ({ label: t.entry.label, url: topicUrl(t.entry), count: t.articles.length })),
  };
}

// The newest day whole (up to the home page's size), then the days before it.
function latestDays(archive: Archive, render: ArticleRenderer): Pick<HomePage, "latestDay" | "earlier" | "calendar"> {
  const day = archive.days.at(-1);
  if (!day) return { earlier: [] };
  const shown = Math.min(day.articles.length, HOME_SIZE);
  const newestFirst = [...day.articles].reverse();
  const month = archive.years.at(-1)!.months.at(-1)!;
  return {
    latestDay: {
      label: formatDay(day.day),
      url: dayUrl(day.day),
      items: newestFirst.slice(0, shown).map((a) => render.item(a)),
      more: day.articles.length - shown,
    },
    earlier: archive.articles.slice(day.articles.length, day.articles.length + HOME_SIZE - shown).map((a) => render.item(a)),
    calendar: {
      heading: capitalize(formatMonth(month.year, month.month)),
      url: monthUrl(month.year, month.month),
      count: month.count,
      weeks: calendarWeeks(month),
    },
  };
}

function calendarWeeks(m: MonthEntry): MonthCalendar["weeks"] {
  const counts = new Map<Day, number>(m.days.map((d) => [d.day, d.articles.length]));
  return monthCalendar(m.year, m.month, counts).map((week) =>
    week.map((cell) => ({
      ...(cell.date ? { date: cell.date } : {}),
      ...(cell.day && cell.count > 0 ? { url: dayUrl(cell.day), label: ui.calendarDay(formatDay(cell.day), cell.count) } : {}),
      count: cell.count,
    })),
  );
}

function dayHeadlines(entry: DayEntry, render: ArticleRenderer): DayHeadlines {
  return {
    label: capitalize(formatDay(entry.day)),
    url: dayUrl(entry.day),
    items: entry.articles.slice(0, DAY_HEADLINES).map((a) => render.item(a)),
    more: Math.max(0, entry.articles.length - DAY_HEADLINES),
  };
}

function indexPage<T extends Topic | Source>(
  kind: "topics" | "sources",
  heading: string,
  url: string,
  listings: Listing<T>[],
  urlOf: (e: T) => string,
  labelOf: (e: T) => string,
  description: string,
  describe?: (e: T) => string | undefined,
): IndexPage {
  return {
    kind,
    url,
    title: heading,
    description,
    breadcrumb: [HOME],
    heading,
    entries: [...listings]
      .sort((a, b) => labelOf(a.entry).localeCompare(labelOf(b.entry), "fr"))
      .map((l) => {
        const d = describe?.(l.entry);
        return { label: labelOf(l.entry), url: urlOf(l.entry), count: l.articles.length, ...(d ? { description: d } : {}) };
      }),
  };
}

// In the articles' order, then their aliases': as `flatMap` gave them, without an array for each of the 100,000 articles that have none.
function redirectPages(articles: readonly Article[], render: ArticleRenderer, wanted: (url: string) => boolean): RedirectPage[] {
  const pages: RedirectPage[] = [];
  for (const article of articles)
    for (const alias of article.aliases) if (wanted(alias)) pages.push(redirectPage(alias, { label: render.item(article).title, url: article.url }));
  return pages;
}

// The former pages of topics and sources (their `aliases`), each to the page that replaced it,
// `page/1/` and the pages 2, 3… too: they were published, and may be bookmarked or indexed.
function listRedirects(archive: Archive, wanted: (url: string) => boolean): RedirectPage[] {
  return formerListPagesOf(archive)
    .filter(({ url }) => wanted(url))
    .map(({ url, to, label, first }) => ({
      kind: "redirect",
      url,
      title: ui.listMovedTitle,
      description: ui.listMovedTo(label),
      breadcrumb: [],
      target: { label, url: to },
      text: ui.listMovedText,
      ...(first ? {} : { listPage: true as const }),
    }));
}

// Each former page of every topic and source, with the page that replaced it and the list's name;
// `first` for the former first page itself.
function formerListPagesOf(archive: Archive): { url: string; to: string; label: string; first: boolean }[] {
  const pages: { url: string; to: string; label: string; first: boolean }[] = [];
  const add = <T extends { slug: string; aliases?: string[] }>(listing: Listing<T>, urlOf: (entry: { slug: string }) => string, label: string): void => {
    const now = urlOf(listing.entry);
    for (const slug of listing.entry.aliases ?? []) {
      const former = urlOf({ slug });
      for (const { url, to } of formerListPages(former, now, listing.articles.length)) pages.push({ url, to, label, first: url === former });
    }
  };
  for (const listing of archive.topics) add(listing, topicUrl, listing.entry.label);
  for (const listing of archive.sources) add(listing, sourceUrl, listing.entry.name);
  return pages;
}

/** The URLs of a topic's or source's former pages (its `aliases`): `/sujets/irak-guerre/`. */
export function formerUrls(entry: { aliases?: string[] }, urlOf: (entry: { slug: string }) => string): string[] {
  return (entry.aliases ?? []).map((slug) => urlOf({ slug }));
}

// Every list, even of one page, as Hugo does: a reader who turns `page/3/` into `page/1/` in the address finds the list.
function firstPageRedirects(archive: Archive, wanted: (url: string) => boolean): RedirectPage[] {
  return everyList(archive)
    .filter((list) => wanted(firstPageUrl(list.url)))
    .map((list) => ({
      kind: "redirect",
      url: firstPageUrl(list.url),
      title: list.label,
      description: ui.firstPageOf(list.label),
      breadcrumb: [],
      target: list,
      text: ui.firstPageText,
      listPage: true,
    }));
}

// Every topic and source, as a link to its list.
function everyList(archive: Archive): Link[] {
  return [
    ...archive.topics.map((l) => ({ label: l.entry.label, url: topicUrl(l.entry) })),
    ...archive.sources.map((l) => ({ label: l.entry.name, url: sourceUrl(l.entry) })),
  ];
}

/**
 * The URLs of every redirect page the whole site plans: each article's aliases, each topic's and
 * source's former pages and its own `page/1/`. An incremental plan that takes them all gives
 * `_redirects` as the whole site would (`renderRedirectsFile`), and every redirect page in its place.
 */
export function redirectUrls(archive: Archive): string[] {
  return [
    ...archive.articles.flatMap((article) => article.aliases),
    ...formerListPagesOf(archive).map(({ url }) => url),
    ...everyList(archive).map(({ url }) => firstPageUrl(url)),
  ];
}

function listPages<T>(
  kind: "topic" | "source",
  listing: Listing<T>,
  base: string,
  name: string,
  intro: string | undefined,
  parentUrl: string,
  parentLabel: string,
  render: ArticleRenderer,
  wanted: (url: string) => boolean,
  former: string[],
): ListPage[] {
  return paginate(listing.articles, base, PAGE_SIZE, wanted).map((page) => {
    const title = page.number === 1 ? name : ui.pageTitle(name, page.number, page.total);
    return {
      kind,
      url: page.url,
      title,
      description:
        page.number === 1 ? ui.listDescription(name, listing.articles.length) : ui.listPageDescription(name, listing.articles.length, page.number, page.total),
      breadcrumb:
        page.number === 1 ? [HOME, { label: parentLabel, url: parentUrl }] : [HOME, { label: parentLabel, url: parentUrl }, { label: name, url: base }],
      ...(page.prevUrl ? { prevUrl: page.prevUrl } : {}),
      ...(page.nextUrl ? { nextUrl: page.nextUrl } : {}),
      heading: name,
      ...(intro ? { intro: typesetText(intro) } : {}),
      items: page.items.map((a) => render.item(a)),
      pagination: { ...page, items: [] },
      ...(page.number === 1 && former.length > 0 ? { formerUrls: former } : {}),
    };
  });
}

function datePages(archive: Archive, render: ArticleRenderer, wanted: (url: string) => boolean): Pick<SitePages, "years" | "months" | "days"> {
  const years: YearPage[] = [];
  const months: MonthPage[] = [];
  const allMonths = archive.years.flatMap((y) => y.months);
  archive.years.forEach((y, i) => {
    if (!wanted(yearUrl(y.year))) return;
    const older = archive.years[i - 1];
    const newer = archive.years[i + 1];
    years.push({
      kind: "year",
      url: yearUrl(y.year),
      title: String(y.year),
      description: ui.yearDescription(y.year, y.count),
      breadcrumb: [HOME],
      heading: String(y.year),
      count: y.count,
      months: y.months.map((m) => ({
        label: capitalize(monthName(m.month)),
        url: monthUrl(m.year, m.month),
        count: m.count,
        items: m.days
          .flatMap((d) => d.articles.slice(0, MONTH_HEADLINES))
          .slice(0, MONTH_HEADLINES)
          .map((a) => render.item(a)),
        more: Math.max(0, m.count - MONTH_HEADLINES),
      })),
      ...(older ? { older: { label: String(older.year), url: yearUrl(older.year) } } : {}),
      ...(newer ? { newer: { label: String(newer.year), url: yearUrl(newer.year) } } : {}),
    });
  });
  allMonths.forEach((m, i) => {
    if (!wanted(monthUrl(m.year, m.month))) return;
    const older = allMonths[i - 1];
    const newer = allMonths[i + 1];
    const label = capitalize(formatMonth(m.year, m.month));
    months.push({
      kind: "month",
      url: monthUrl(m.year, m.month),
      title: label,
      description: ui.monthDescription(formatMonth(m.year, m.month), m.count),
      breadcrumb: [HOME, { label: String(m.year), url: yearUrl(m.year) }],
      heading: label,
      count: m.count,
      weeks: calendarWeeks(m),
      days: m.days.map((d) => dayHeadlines(d, render)),
      ...(older ? { older: { label: capitalize(formatMonth(older.year, older.month)), url: monthUrl(older.year, older.month) } } : {}),
      ...(newer ? { newer: { label: capitalize(formatMonth(newer.year, newer.month)), url: monthUrl(newer.year, newer.month) } } : {}),
    });
  });
  return { years, months, days: archive.days.filter((d) => wanted(dayUrl(d.day))).map((d) => dayPage(d, render)) };
}

function dayPage(entry: DayEntry, render: ArticleRenderer): DayPage {
  const { year, month } = partsOfDay(entry.day);
  const heading = capitalize(formatDay(entry.day));
  return {
    kind: "day",
    url: dayUrl(entry.day),
    title: heading,
    description: ui.dayDescription(formatDay(entry.day), entry.articles.length),
    breadcrumb: [HOME, { label: String(year), url: yearUrl(year) }, { label: monthName(month), url: monthUrl(year, month) }],
    heading,
    items: entry.articles.map((a) => render.item(a)),
    ...(entry.prev ? { older: { label: capitalize(formatDay(entry.prev)), url: dayUrl(entry.prev) } } : {}),
    ...(entry.next ? { newer: { label: capitalize(formatDay(entry.next)), url: dayUrl(entry.next) } } : {}),
  };
}
