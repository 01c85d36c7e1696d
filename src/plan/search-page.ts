import type { Archive } from "../archive/archive.ts";
import type { Article } from "../content/model.ts";
import { ui } from "../i18n/fr.ts";
import { bundleOf, planSearchBundles, SEARCH_FILTERS, type SearchBundle } from "../search/markers.ts";
import { bundleDigest, PAGEFIND_VERSION, pagePrefix, pagesDigest, type PlannedBundle, type SearchRecord } from "../search/records.ts";
import type { ArticleRenderer, Link } from "./article-view.ts";
import type { PageBase } from "./page-base.ts";
import { browseLinks, type BrowseLinks } from "./browse-links.ts";
import { SEARCH_URL, sourceUrl, topicUrl } from "../urls/site-urls.ts";

/** A filter of the search form: its Pagefind name, its label and the values the archive has. */
export interface SearchFilter {
  name: string;
  label: string;
  /** The first choice, no filter: « Tous » or « Toutes », as the label's noun asks. */
  any: string;
  options: SearchChoice[];
}

/**
 * A filter's value, as Pagefind indexed it; for a topic or a source, its page and any other name
 * (a source's code), so that a query naming it links to it: never words of the index.
 */
export interface SearchChoice {
  value: string;
  page?: string;
  code?: string;
}

/** `/recherche/`: the search form, and the Pagefind bundles its script queries (and the indexer writes). */
export interface SearchPage extends PageBase {
  kind: "search";
  heading: string;
  /** Newest first. */
  bundles: SearchBundle[];
  filters: SearchFilter[];
  /** What a reader without JavaScript is offered instead. */
  browse: BrowseLinks;
}

/** The search page: filters offer the topics, sources and years that have articles (the values Pagefind indexed). */
export function planSearchPage(archive: Archive, home: Link): SearchPage {
  const years = archive.years.map((y) => y.year).sort((a, b) => b - a);
  const bundles = searchPageBundles(archive.years);
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
        options: namesWithArticles(archive.topics.map((t) => [{ value: t.entry.label, page: topicUrl(t.entry) }, t.articles.length])),
      },
      {
        name: SEARCH_FILTERS.source,
        label: ui.searchSource,
        any: ui.searchAnySource,
        options: namesWithArticles(archive.sources.map((s) => [{ value: s.entry.name, page: sourceUrl(s.entry), code: s.entry.code }, s.articles.length])),
      },
      { name: SEARCH_FILTERS.year, label: ui.searchYear, any: ui.searchAnyYear, options: years.map((y) => ({ value: String(y) })) },
    ],
    browse: browseLinks(archive),
  };
}

/** The search index's bundles, from the archive's years (`Archive.years`): those the search page names. */
export function searchPageBundles(years: Archive["years"]): SearchBundle[] {
  return planSearchBundles(years.flatMap((y) => y.months));
}

// A filter value that matches nothing would be a dead end: only names with articles, in French order.
function namesWithArticles(counts: readonly (readonly [SearchChoice, number])[]): SearchChoice[] {
  return counts
    .filter(([, count]) => count > 0)
    .map(([choice]) => choice)
    .sort((a, b) => a.value.localeCompare(b.value, "fr"));
}

/**
 * What the archive store says an article's record is made from: the digest of each article's file
 * and of the registries (site.yaml, topics.yaml, sources.yaml).
 */
export interface RecordSources {
  files: ReadonlyMap<Article, string>;
  registries: string;
  /**
   * The articles read again since the previous build whose record changed in its words alone
   * (`sameRecordPlace`), with the digest their file had then: their bundle may be patched.
   */
  edited?: ReadonlyMap<Article, string>;
  /**
   * The records gone since the previous build (the article removed, or its record's place changed:
   * re-dated, other topics), each as its article was then, with the digest its file had then; and
   * the articles whose record is new since (added, or in its new place). Their bundles may be
   * patched: the digest a bundle had then is that of its articles less those new, with those gone.
   */
  removed?: ReadonlyMap<Article, string>;
  added?: ReadonlySet<Article>;
  /**
   * The only articles whose records may have changed since the previous build, which planned the
   * same bundles of the same articles (an incremental build where articles' texts alone were
   * edited): a bundle that holds none of them is the previous one (`PlannedBundle.unchanged`).
   */
  changedOnly?: ReadonlySet<Article>;
}

/**
 * The search index's bundles, from the planned articles: each article's record in the bundle that
 * holds its year (or months), newest first within it, with the bundle's digest. The digest is taken
 * from what the records are made from (the article's text, not its rendered body), and the records
 * are made when the bundle is indexed: a reused bundle never renders its bodies. With `sources`, an
 * article whose file's digest is known stands in the digest by its URL and that digest: its record
 * is made from its file and the registries alone, whose digest the bundle's includes (at 100,000
 * articles, the fields of every record written out cost some 0.5 s a build, when one bundle or two
 * change). With `release`, each bundle's `release` hands it the bundle's articles once their
 * records are handed to the indexer.
 */
export function planSearchIndex(
  bundles: readonly SearchBundle[],
  articles: readonly Article[],
  render: ArticleRenderer,
  sources?: RecordSources,
  release?: (article: Article) => void,
): PlannedBundle[] {
  const keyOf = bundleOf(bundles);
  const members = new Map(bundles.map((b) => [b.key, [] as Article[]]));
  for (const article of articles) members.get(keyOf(article.url) ?? "")?.push(article);
  const record = (article: Article): SearchRecord => ({ ...recordFields(article), bodyHtml: render.view(article).bodyHtml });
  const registries = sources ? [`r${sources.registries}`] : [];
  // The inputs are made one bundle at a time and dropped: they copy every article's text.
  const inputsOf = (list: readonly Article[]): string[] => list.map((article) => recordInputs(article, sources?.files.get(article)));
  const prefixOf = (key: string, list: readonly Article[]): string =>
    pagePrefix(
      key,
      pagesDigest(
        list.map((article) => article.url),
        registries,
      ),
    );
  const releaseOf = (list: readonly Article[]): Pick<PlannedBundle, "release"> =>
    release
      ? {
          release: () => {
            for (const article of list) release(article);
          },
        }
      : {};
  // The bundles where an article whose record may have changed would be: those few looked up, not
  // each bundle's articles (one that does not hold it, a draft's, is only digested, and found the same).
  const changedOnly = sources?.changedOnly;
  const changedIn = changedOnly && new Set([...changedOnly].map((article) => keyOf(article.url)));
  // The records gone since the previous build, by the bundle that held them.
  const gone = new Map<string, Article[]>();
  for (const article of sources?.removed?.keys() ?? []) {
    const key = keyOf(article.url);
    if (key !== undefined) gone.set(key, [...(gone.get(key) ?? []), article]);
  }
  return bundles.map((bundle) => {
    // In time order then URL order: the same articles give the same records in the same order.
    const list = members.get(bundle.key)!;
    if (changedIn && !changedIn.has(bundle.key)) {
      let digest: string | undefined;
      let prefix: string | undefined;
      let sorted = false;
      const inOrder = (): Article[] => {
        if (!sorted) list.sort(recordOrder);
        sorted = true;
        return list;
      };
      return {
        key: bundle.key,
        articles: list.length,
        unchanged: true,
        get digest() {
          digest ??= bundleDigest([...registries, ...inputsOf(inOrder())], PAGEFIND_VERSION);
          return digest;
        },
        get prefix() {
          prefix ??= prefixOf(bundle.key, inOrder());
          return prefix;
        },
        records: () => inOrder().map(record),
        ...releaseOf(list),
      };
    }
    list.sort(recordOrder);
    const inputs = inputsOf(list);
    const patch = sources && bundlePatch(list, inputs, gone.get(bundle.key) ?? [], sources, registries);
    return {
      key: bundle.key,
      articles: list.length,
      digest: bundleDigest([...registries, ...inputs], PAGEFIND_VERSION),
      prefix: prefixOf(bundle.key, list),
      records: () => list.map(record),
      ...(patch ? { patch: { ...patch, records: () => patch.pages.map((i) => record(list[i]!)) } } : {}),
      ...releaseOf(list),
    };
  });
}

/**
 * How a bundle of `list` (its articles in order, `inputs` their digests' inputs) changed since the
 * previous build, from the records edited, added and gone (`removed`: those its bundle held):
 * the digest the bundle had then, the pages gone from it (edited or gone, their numbers then) and
 * the pages new (edited or added). Undefined when nothing changed, or nothing of the bundle is left
 * (a bundle new, or all of it new: indexed whole).
 */
function bundlePatch(
  list: readonly Article[],
  inputs: readonly string[],
  removed: readonly Article[],
  sources: RecordSources,
  registries: readonly string[],
): { previous: string; gone: number[]; pages: number[] } | undefined {
  const { edited, added } = sources;
  // No article edited nor added (a clean build): no lookup for each article.
  const pages = edited?.size || added?.size ? list.flatMap((article, i) => (edited?.has(article) || added?.has(article) ? [i] : [])) : [];
  if (pages.length === 0 && removed.length === 0) return undefined;
  // The bundle as it was: its articles less those new, with those gone, in their order then.
  const before: { article: Article; input: string; gone: boolean }[] = [];
  list.forEach((article, i) => {
    const file = edited?.get(article);
    if (!added?.has(article)) before.push({ article, input: file === undefined ? inputs[i]! : recordInputs(article, file), gone: file !== undefined });
  });
  for (const article of removed) before.push({ article, input: recordInputs(article, sources.removed!.get(article)), gone: true });
  if (removed.length > 0) before.sort((a, b) => recordOrder(a.article, b.article));
  const gone = before.flatMap((page, i) => (page.gone ? [i] : []));
  if (gone.length === before.length) return undefined;
  return {
    previous: bundleDigest([...registries, ...before.map((page) => page.input)], PAGEFIND_VERSION),
    gone,
    pages,
  };
}

// Newest first, then in URL order.
function recordOrder(a: Article, b: Article): number {
  return b.published.epochMs - a.published.epochMs || (a.url < b.url ? -1 : 1);
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

/**
 * Whether an article edited since the previous build keeps its record's place and filters: the
 * same URL, instant, topics and sources, so that only its words (title, standfirst, body) changed
 * in the search index.
 */
export function sameRecordPlace(before: Article, after: Article): boolean {
  const [a, b] = [recordFields(before), recordFields(after)];
  return a.url === b.url && a.dateIso === b.dateIso && sameList(a.topics, b.topics) && sameList(a.sources, b.sources);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

// Everything the record is made from: its URL and its file, with the registries (`RecordSources`);
// else its fields but the body, and the body's text (the rendered body is a function of the
// article's text: digested without rendering it).
function recordInputs(article: Article, file: string | undefined): string {
  return file === undefined ? `${JSON.stringify(recordFields(article))}\u0000t${article.body}` : `${article.url}\u0000f${file}`;
}
