import type { Archive } from "../archive/archive.ts";
import type { Article } from "../content/model.ts";
import { ui } from "../i18n/fr.ts";
import { bundleOf, planSearchBundles, SEARCH_FILTERS, type SearchBundle } from "../search/markers.ts";
import { bundleDigest, PAGEFIND_VERSION, type PlannedBundle, type SearchRecord } from "../search/records.ts";
import type { ArticleRenderer, Link } from "./article-view.ts";
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
  const bundles = planSearchBundles(archive.years.flatMap((y) => y.months));
  return {
    kind: "search",
    url: SEARCH_URL,
    title: ui.search,
    description: ui.searchDescription,
    breadcrumb: [home],
    heading: ui.search,
    bundles,
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

/**
 * The search index's bundles, from the planned articles: each article's record in the bundle that
 * holds its year (or months), newest first within it, with the bundle's digest. The digest is taken
 * from what the records are made from (the article's text, not its rendered body), and the records
 * are made when the bundle is indexed: a reused bundle never renders its bodies. The digest of an
 * article's file (`files`, the archive store's), when known, stands for its body: an article
 * restored from the build cache reads its body from its file only when it is indexed. With
 * `release`, each bundle's `release` hands it the bundle's articles once their records are handed
 * to the indexer.
 */
export function planSearchIndex(
  bundles: readonly SearchBundle[],
  articles: readonly Article[],
  render: ArticleRenderer,
  files: ReadonlyMap<Article, string> = new Map(),
  release?: (article: Article) => void,
): PlannedBundle[] {
  const keyOf = bundleOf(bundles);
  const members = new Map(bundles.map((b) => [b.key, [] as Article[]]));
  for (const article of articles) members.get(keyOf(article.url) ?? "")?.push(article);
  return bundles.map((bundle) => {
    // In time order then URL order: the same articles give the same records in the same order.
    const list = members.get(bundle.key)!.sort((a, b) => b.published.epochMs - a.published.epochMs || (a.url < b.url ? -1 : 1));
    return {
      key: bundle.key,
      articles: list.length,
      // The inputs are made one bundle at a time and dropped: they copy every article's text.
      digest: bundleDigest(
        list.map((article) => recordInputs(article, files.get(article))),
        PAGEFIND_VERSION,
      ),
      records: () => list.map((article) => ({ ...recordFields(article), bodyHtml: render.view(article).bodyHtml })),
      ...(release
        ? {
            release: () => {
              for (const article of list) release(article);
            },
          }
        : {}),
    };
  });
}

// A record's fields are the article's own values (those its view copies; the title as written, not
// typeset), and the view, for the body, is made only when the record is: an incremental build
// digests every bundle but indexes one, and views of the 100,000 articles of the bundles it
// reuses would hold some 200 MB of the main thread's heap while Pagefind's service runs.
function recordFields(article: Article): Omit<SearchRecord, "bodyHtml"> {
  return {
    url: article.url,
    title: article.title,
    standfirst: article.summary,
    dateIso: new Date(article.published.iso).toISOString(),
    year: article.url.slice(1, 5),
    sources: article.sources.map((s) => s.name),
    topics: article.topics.map((t) => t.label),
  };
}

// Everything the record is made from: its fields but the body, and the body's own inputs (the
// rendered body is a function of the article's text: digested without rendering it).
function recordInputs(article: Article, file: string | undefined): string {
  return `${JSON.stringify(recordFields(article))}\u0000${file === undefined ? `t${article.body}` : `f${file}`}`;
}
