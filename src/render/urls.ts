/** The URLs of the site's pages, as the contract fixes them: one place for pages, feeds and the list of paths the site writes. */
import type { Day, Source, Topic } from "../content/model.ts";

/** `/sujets/`, the index of topics. */
export const TOPICS_URL = "/sujets/";
/** `/sources/`, the index of sources. */
export const SOURCES_URL = "/sources/";
export const NOT_FOUND_URL = "/404.html";
export const SEARCH_URL = "/recherche/";

/** The URL of a topic's page. */
export function topicUrl(topic: Pick<Topic, "slug">): string {
  return `${TOPICS_URL}${topic.slug}/`;
}

/** The URL of a source's page: `TRT FR` → `/sources/trt-fr/`. */
export function sourceUrl(source: Pick<Source, "slug">): string {
  return `${SOURCES_URL}${source.slug}/`;
}

/** The URL of a day's page. */
export function dayUrl(day: Day): string {
  return `/${day.replaceAll("-", "/")}/`;
}

/** The URL of a month's page. */
export function monthUrl(year: number, month: number): string {
  return `/${year}/${String(month).padStart(2, "0")}/`;
}

/** The URL of a year's page. */
export function yearUrl(year: number): string {
  return `/${year}/`;
}
