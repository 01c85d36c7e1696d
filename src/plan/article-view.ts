import type { Article } from "../content/model.ts";
import { formatMoment, formatTime } from "../text/french-dates.ts";
import { renderBody } from "../text/markdown.ts";
import { holdBody, type HeldBody } from "../text/body-bytes.ts";
import { htmlOfTypeset, typesetHtml, typesetText } from "../text/typography.ts";
import { truncateAtWord } from "../text/excerpt.ts";
import { foldForMatch } from "../text/fold.ts";
import { sourceUrl, topicUrl } from "../urls/site-urls.ts";
import type { PhotoSet } from "../images/derivatives.ts";
import { photoView, type PhotoView } from "./photo-view.ts";

/** A link as templates print it: text and a site-relative URL. */
export interface Link {
  label: string;
  url: string;
}

/** An article as list pages show it: title, date, standfirst. */
export interface ArticleItem {
  url: string;
  /** Plain text, typography applied: for <title>, metadata and feeds. */
  title: string;
  /** The same as escaped HTML, ordinals raised (`XIX<sup>e</sup>`): for headings and links. */
  titleHtml: string;
  dateText: string;
  dateIso: string;
  /** The time alone (`15 h 10`), empty for a bare date: for lists within a day. */
  timeText: string;
  summary: string;
  /** Only a preview (`--drafts`) shows a draft, marked as one. */
  draft: boolean;
  /** The article's photo: lists show it small, the page large. */
  photo?: PhotoView;
}

/** An object whose getters read an article's text: the article, and the getters' names. */
export interface LazySource {
  article: Article;
  getters: readonly string[];
  /** Shown by many pages (an item, in lists): worth remembering once written. */
  shared?: boolean;
}

// The getters of an item and of a view: what they return is rendered from the article's text.
export const ITEM_GETTERS: readonly (keyof ArticleItem)[] = ["summary"];
export const VIEW_GETTERS: readonly (keyof ArticleView)[] = ["summary", "standfirstHtml", "bodyHtml"];

// Where an object with getters on an article's text keeps that article (and the renderer): no
// template, JSON or message to a thread sees a property keyed by a symbol.
const LAZY: unique symbol = Symbol("article source");
interface Lazy {
  [LAZY]: LazySource & { renderer: ArticleRenderer };
}

/** An article as its own page shows it. */
export interface ArticleView extends ArticleItem {
  updatedText?: string;
  updatedIso?: string;
  sources: { name: string; agencyUrl: string; url: string }[];
  topics: Link[];
  /**
   * The editor's standfirst (`summary`) as escaped HTML, typeset as the title is; empty without one
   * (the body's first paragraph, which the lists quote then, already opens the page), and empty when
   * the body's first paragraph opens with its words (`opensBody`): the page shows them once.
   */
  standfirstHtml: string;
  bodyHtml: string;
  shortLink?: string;
}

/**
 * Reader-facing text of articles, computed once per article however many lists show it:
 * an article appears on its day, its topics, its sources and maybe the home page. Kept across
 * plans (the dev server), an unchanged article keeps the very same objects.
 *
 * What comes from the body (the page's HTML, a standfirst taken from the first paragraph) is
 * rendered when first read: an incremental build plans every page but renders only the changed
 * ones, so the bodies of unchanged articles are never parsed. The `summary`, `standfirstHtml` and
 * `bodyHtml` properties are getters; `lazySource` says what they are computed from, for the pages' digests.
 */
export class ArticleRenderer {
  private readonly items = new Map<Article, ArticleItem>();
  private readonly bodies = new Map<Article, HeldBody>();
  private readonly summaries = new Map<Article, string>();
  // Standfirsts of an earlier build, by article (`adoptSummaries`).
  private adopted?: (article: Article) => string | undefined;
  private readonly views = new Map<Article, ArticleView>();
  // The getters of items and views: one function each for every object (a getter written in an
  // object literal is a new closure per object, which puts each object in a slow dictionary shape),
  // reading the article from the object itself.
  private static readonly SUMMARY: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: Lazy) {
      const { renderer, article } = this[LAZY];
      return renderer.summary(article);
    },
  };
  private static readonly STANDFIRST_HTML: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: Lazy) {
      const { renderer, article } = this[LAZY];
      return article.summary && !renderer.opensBody(article, article.summary) ? typesetHtml(article.summary) : "";
    },
  };
  private static readonly BODY_HTML: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: Lazy) {
      const { renderer, article } = this[LAZY];
      return renderer.body(article).html.toString();
    },
  };
  private photos: ReadonlyMap<string, PhotoSet> = new Map();

  /**
   * The photos' derivatives, by `src`, for the articles rendered next. An article whose photo's
   * files changed is rendered again; one without a known photo is shown without it.
   */
  usePhotos(photos: ReadonlyMap<string, PhotoSet>): void {
    const before = this.photos;
    this.photos = photos;
    for (const article of [...this.items.keys()]) {
      const src = article.image?.src;
      if (src !== undefined && before.get(src) !== photos.get(src)) {
        this.items.delete(article);
        this.views.delete(article);
      }
    }
  }

  /** The photos handed over (`usePhotos`), checked and encoded, by `src`. */
  get photoSets(): ReadonlyMap<string, PhotoSet> {
    return this.photos;
  }

  private photo(article: Article): PhotoView | undefined {
    const set = article.image && this.photos.get(article.image.src);
    return set && photoView(article.image!, set);
  }

  item(article: Article): ArticleItem {
    let item = this.items.get(article);
    if (!item) {
      const title = typesetText(article.title);
      const created = {
        url: article.url,
        title,
        titleHtml: htmlOfTypeset(title),
        dateText: formatMoment(article.published),
        dateIso: article.published.iso,
        timeText: article.published.hasTime ? formatTime(article.published) : "",
        draft: article.draft,
        photo: this.photo(article),
        [LAZY]: { article, getters: ITEM_GETTERS, shared: true, renderer: this },
      };
      item = Object.defineProperty(created, "summary", ArticleRenderer.SUMMARY) as unknown as ArticleItem;
      this.items.set(article, item);
    }
    return item;
  }

  view(article: Article): ArticleView {
    let view = this.views.get(article);
    if (!view) {
      view = this.renderView(article);
      this.views.set(article, view);
    }
    return view;
  }

  /**
   * Marks an object whose getters (named in `getters`) read an article's text (`summary`,
   * `bodyHtml`), so that `lazySource` answers for it too (an article page's description is its standfirst).
   */
  derivesFrom<T extends object>(value: T, article: Article, getters: readonly (keyof T & string)[]): T {
    (value as unknown as Lazy)[LAZY] = { article, getters, renderer: this };
    return value;
  }

  /**
   * For an object with getters on an article's text: the article they read, whose source (body and
   * summary) changes whenever what the getters return changes, and the getters' names. Else undefined.
   */
  lazySource(value: object): LazySource | undefined {
    return (value as Partial<Lazy>)[LAZY];
  }

  // Every view has the same properties in the same order, absent ones undefined: templates read
  // one per article, and objects of one shape are read faster than a mix of shapes.
  private renderView(article: Article): ArticleView {
    const item = this.item(article);
    const view = {
      url: item.url,
      title: item.title,
      titleHtml: item.titleHtml,
      dateText: item.dateText,
      dateIso: item.dateIso,
      timeText: item.timeText,
      draft: item.draft,
      photo: item.photo,
      updatedText: article.updated && formatMoment(article.updated),
      updatedIso: article.updated?.iso,
      sources: article.sources.map((s) => ({ name: s.name, agencyUrl: s.url, url: sourceUrl(s) })),
      topics: article.topics.map((t) => ({ label: t.label, url: topicUrl(t) })),
      shortLink: article.shortLink,
      [LAZY]: { article, getters: VIEW_GETTERS, renderer: this },
    };
    Object.defineProperty(view, "summary", ArticleRenderer.SUMMARY);
    Object.defineProperty(view, "standfirstHtml", ArticleRenderer.STANDFIRST_HTML);
    return Object.defineProperty(view, "bodyHtml", ArticleRenderer.BODY_HTML) as unknown as ArticleView;
  }

  /**
   * Standfirsts an earlier build computed, looked up when an article's is first asked for (`lookup`
   * gives the one computed from this very article text, if any): an incremental build shows a few
   * dozen of 100,000, and adopting each one ahead was a map of 100,000 entries made for nothing.
   */
  adoptSummaries(lookup: (article: Article) => string | undefined): void {
    this.adopted = lookup;
  }

  /** The article's standfirst, if computed or adopted: what the build cache keeps. */
  knownSummary(article: Article): string | undefined {
    return this.summaries.get(article) ?? this.adopted?.(article);
  }

  private summary(article: Article): string {
    let summary = this.knownSummary(article);
    if (summary === undefined) {
      summary = article.summary ? typesetText(article.summary) : truncateAtWord(this.body(article).firstParagraph);
      this.summaries.set(article, summary);
    }
    return summary;
  }

  /**
   * Whether the body's first paragraph opens with this text (its words, whatever the spaces,
   * punctuation, case or accents): wire copy often repeats its lead as the text's first sentence,
   * which a standfirst above it would show twice in a row.
   */
  opensBody(article: Article, text: string): boolean {
    const words = wordsOf(text);
    return words !== "" && wordsOf(this.body(article).firstParagraph).startsWith(words);
  }

  /** Whether the article's body is still to be rendered. */
  needsBody(article: Article): boolean {
    return !this.bodies.has(article);
  }

  /**
   * Lets go of an article's rendered body once nothing of this build reads it again (its pages
   * written, its search record handed to the indexer): read again, it is rendered again.
   */
  releaseBody(article: Article): void {
    this.bodies.delete(article);
  }

  /** Takes a body rendered elsewhere (a helper thread) by `renderBody`, as held (`holdBody`, `unpackBodies`). */
  adoptBody(article: Article, body: HeldBody): void {
    this.bodies.set(article, body);
  }

  // One parse gives both the page's HTML and the lists' standfirst.
  private body(article: Article): HeldBody {
    let body = this.bodies.get(article);
    if (!body) {
      body = holdBody(renderBody(article.body));
      this.bodies.set(article, body);
    }
    return body;
  }
}

// Letters and digits alone, folded: how two texts are compared for the same words.
function wordsOf(text: string): string {
  return foldForMatch(text).replace(/[^\p{L}\p{N}]+/gu, "");
}
