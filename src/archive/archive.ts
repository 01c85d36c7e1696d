import { type Article, byPublication, type Content, type Day, type SiteConfig, type Source, type Topic } from "../content/model.ts";
import { partsOfDay } from "../text/dates.ts";
import { articleUrlDay } from "../urls/site-urls.ts";
import { relatedArticles, topicNeighbours, type TopicNeighbours } from "./related.ts";

/** A topic or source with its articles, newest first. */
export interface Listing<T> {
  entry: T;
  articles: Article[];
}

export interface DayEntry {
  day: Day;
  /** Oldest first: a day page reads like the day's wire. */
  articles: Article[];
  prev?: Day;
  next?: Day;
}

export interface MonthEntry {
  year: number;
  month: number;
  count: number;
  days: DayEntry[];
}

export interface YearEntry {
  year: number;
  count: number;
  months: MonthEntry[];
}

/** The published archive: every list a page needs, computed once from the content. */
export interface Archive {
  site: SiteConfig;
  /** Published articles, newest first. */
  articles: Article[];
  topics: Listing<Topic>[];
  sources: Listing<Source>[];
  years: YearEntry[];
  days: DayEntry[];
  /** Previous (older) and next (newer) article of each article on its main topic (its first). */
  neighbours: Map<Article, TopicNeighbours>;
  /** The articles shown as "Sur le même sujet" on each article's page. */
  related: Map<Article, Article[]>;
}

export interface ArchiveOptions {
  /** Publish drafts and articles dated after `nowMs` too (preview builds). */
  drafts: boolean;
  /**
   * The build's date: an article dated after it is held back (an embargo) until a build on or
   * after its date. Absent, every date is published.
   */
  nowMs?: number;
}

/** Whether an article belongs on the site: not a draft, and not dated after the build. */
export function isPublished(article: Article, options: ArchiveOptions): boolean {
  if (options.drafts) return true;
  return !article.draft && (options.nowMs === undefined || article.published.epochMs <= options.nowMs);
}

/**
 * Derives every list of the site in one pass over the articles, which the loader gives oldest first.
 * Without `perArticle`, each article's own lists (neighbours, related) are left empty.
 */
export function deriveArchive(content: Content, options: ArchiveOptions, lists: { perArticle: boolean } = { perArticle: true }): Archive {
  const oldestFirst = content.articles.filter((a) => isPublished(a, options));
  const newestFirst = [...oldestFirst].reverse();

  const byTopic = new Map<Topic, Article[]>(content.topics.map((t) => [t, []]));
  const bySource = new Map<Source, Article[]>(content.sources.map((s) => [s, []]));
  for (const article of newestFirst) {
    for (const topic of article.topics) byTopic.get(topic)!.push(article);
    for (const source of article.sources) bySource.get(source)!.push(article);
  }

  const days = groupByDay(oldestFirst);
  return {
    site: content.site,
    articles: newestFirst,
    topics: [...byTopic].map(([entry, articles]) => ({ entry, articles })),
    sources: [...bySource].map(([entry, articles]) => ({ entry, articles })),
    years: groupByYearAndMonth(days),
    days,
    // Left empty when asked: a caller that plans some pages only makes theirs (`planSomePages`).
    neighbours: lists.perArticle ? topicNeighbours(oldestFirst) : new Map(),
    related: lists.perArticle ? relatedArticles(oldestFirst) : new Map(),
  };
}

/** Where an article that a list (newest first) lacks would stand in it: after every article published after it. */
export function placeAmong(newestFirst: readonly Article[], article: Article): number {
  return countBefore(newestFirst, (a) => byPublication(a, article) > 0);
}

/** How many items of a list `before` holds for, when it holds for those at its start only: a binary search. */
export function countBefore<T>(list: readonly T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(list[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The articles of `days` (oldest first) whose URLs `urls` holds, oldest first. An article's URL
 * starts with its day's: each URL is looked for among its day's articles alone, where a pass over
 * every article hashed each one's URL (90–100 ms of an edit's planning at 100,000 articles).
 */
export function articlesAt(days: readonly DayEntry[], urls: ReadonlySet<string>): Article[] {
  const wanted = new Set<Day>();
  for (const url of urls) {
    const day = articleUrlDay(url);
    if (day) wanted.add(day);
  }
  const found: Article[] = [];
  for (const day of [...wanted].sort()) {
    const entry = days[countBefore(days, (d) => d.day < day)];
    if (entry?.day === day) for (const article of entry.articles) if (urls.has(article.url)) found.push(article);
  }
  return found;
}

/** Groups articles (oldest first) by their Paris day, linking each day to the previous and next day that has any. */
export function groupByDay(oldestFirst: readonly Article[]): DayEntry[] {
  const days: DayEntry[] = [];
  for (const article of oldestFirst) {
    const last = days.at(-1);
    if (last && last.day === article.published.day) last.articles.push(article);
    else days.push({ day: article.published.day, articles: [article] });
  }
  days.forEach((entry, i) => {
    if (i > 0) entry.prev = days[i - 1]!.day;
    if (i < days.length - 1) entry.next = days[i + 1]!.day;
  });
  return days;
}

/** Groups days (oldest first) into years and months. */
export function groupByYearAndMonth(days: readonly DayEntry[]): YearEntry[] {
  const years: YearEntry[] = [];
  for (const entry of days) {
    const { year, month } = partsOfDay(entry.day);
    let y = years.at(-1);
    if (!y || y.year !== year) years.push((y = { year, count: 0, months: [] }));
    let m = y.months.at(-1);
    if (!m || m.month !== month) y.months.push((m = { year, month, count: 0, days: [] }));
    m.days.push(entry);
    m.count += entry.articles.length;
    y.count += entry.articles.length;
  }
  return years;
}
