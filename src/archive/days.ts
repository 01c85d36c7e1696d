import type { Article, Day } from "../content/model.ts";

/** How many distinct days have at least one article. */
export function countDays(articles: readonly Article[]): number {
  return new Set<Day>(articles.map((a) => a.published.day)).size;
}
