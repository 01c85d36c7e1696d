import type { Archive } from "../archive/archive.ts";
import { ui } from "../i18n/fr.ts";
import { planSearchBundles, SEARCH_FILTERS, type SearchBundle } from "../search/markers.ts";
import type { Link } from "./article-view.ts";
import type { PageBase } from "./page-base.ts";
import { SEARCH_URL } from "../urls/site-urls.ts";

/** A filter of the search form: its Pagefind name, its label and the values the archive has. */
export interface SearchFilter {
  name: string;
  label: string;
  /** The first choice, no filter: « Tous » or « Toutes », as the label's noun asks. */
  any: string;
  options: string[];
}

/** `/recherche/`: the search form, and the Pagefind bundles its script queries (and the indexer writes). */
export interface SearchPage extends PageBase {
  kind: "search";
  heading: string;
  /** Newest first. */
  bundles: SearchBundle[];
  filters: SearchFilter[];
}

/** The search page: filters offer the topics, sources and years that have articles (the values Pagefind indexed). */
export function planSearchPage(archive: Archive, home: Link): SearchPage {
  const years = archive.years.map((y) => y.year).sort((a, b) => b - a);
  return {
    kind: "search",
    url: SEARCH_URL,
    title: ui.search,
    description: ui.searchDescription,
    breadcrumb: [home],
    heading: ui.search,
    bundles: planSearchBundles(archive.years.flatMap((y) => y.months)),
    filters: [
      {
        name: SEARCH_FILTERS.topic,
        label: ui.searchTopic,
        any: ui.searchAnyTopic,
        options: namesWithArticles(archive.topics.map((t) => [t.entry.label, t.articles.length])),
      },
      {
        name: SEARCH_FILTERS.source,
        label: ui.searchSource,
        any: ui.searchAnySource,
        options: namesWithArticles(archive.sources.map((s) => [s.entry.name, s.articles.length])),
      },
      { name: SEARCH_FILTERS.year, label: ui.searchYear, any: ui.searchAnyYear, options: years.map(String) },
    ],
  };
}

// A filter value that matches nothing would be a dead end: only names with articles, in French order.
function namesWithArticles(counts: readonly (readonly [string, number])[]): string[] {
  return counts
    .filter(([, count]) => count > 0)
    .map(([name]) => name)
    .sort((a, b) => a.localeCompare(b, "fr"));
}
