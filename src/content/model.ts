/** The typed content model: what an archive holds once loaded and validated. */
import type { Moment } from "../text/dates.ts";
import type { SiteLink } from "../text/site-links.ts";
import type { Position } from "./diagnostics.ts";

// Days and instants are defined where dates are read; the model names them with the rest.
export type { Day, Moment } from "../text/dates.ts";

export interface SiteConfig {
  title: string;
  /** Absolute URL without a trailing slash, e.g. `https://archives.example.org`. */
  baseUrl: string;
  locale: string;
  timezone: string;
  description?: string;
}

export interface Topic {
  slug: string;
  label: string;
  description?: string;
  /** Words that say an article is about the topic (`Bagdad`, `irakien`): only `import`'s suggestions read them. */
  keywords?: string[];
  /** Slugs the topic once had: each one's page redirects to the topic's (`/sujets/<old>/`), and its feed stays. */
  aliases?: string[];
}

export interface Source {
  code: string;
  name: string;
  url: string;
  /** The code as a URL segment: `TRT FR` → `trt-fr`. */
  slug: string;
  /** The URL segments of codes the source once had (`TRT` → `trt`): each one's page redirects to the source's. */
  aliases?: string[];
}

export interface Article {
  /** Path of the file, relative to the working directory, as errors print it. */
  sourcePath: string;
  title: string;
  published: Moment;
  updated?: Moment;
  sources: Source[];
  topics: Topic[];
  shortLink?: string;
  summary?: string;
  slug: string;
  /** Site-relative URL, `/YYYY/MM/DD/<slug>/`. */
  url: string;
  draft: boolean;
  /** Old site-relative URLs that redirect here. */
  aliases: string[];
  /** CommonMark source of the body, front matter removed. */
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** The body's links to the site's own pages (root-relative), checked against the pages the site writes. */
  links: readonly SiteLink[];
  /** The article's photo, as written; its file is checked with the other photos (src/images/). */
  image?: ArticleImage;
}

/** A photo as its article's front matter gives it. */
export interface ArticleImage {
  /** Path under the content folder, `/`-separated, e.g. `images/2021/12/irak.jpg`. */
  src: string;
  alt: string;
  credit: string;
  caption?: string;
  /** Where `src` is written, for the errors about the file. */
  at: Position;
}

/**
 * An article file that shows a photo, and where its `src` is written: a valid article, or a file
 * with errors whose `image.src` is written right, its photo checked all the same.
 */
export interface PhotoUse {
  sourcePath: string;
  image?: Pick<ArticleImage, "src" | "at">;
}

/** Everything an archive holds, validated. */
export interface Content {
  site: SiteConfig;
  topics: Topic[];
  sources: Source[];
  /** Every valid article, drafts included, oldest first. */
  articles: Article[];
}

/** Oldest first; same instant ordered by URL so every build lists them alike. */
export function byPublication(a: Article, b: Article): number {
  return a.published.epochMs - b.published.epochMs || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

/**
 * Those of `articles` listed under the topic or source `slug` (`of`: an article's topics, or its
 * sources); `articles` itself when it is empty, as it mostly is (the articles removed by a push).
 */
export function listedUnder(articles: readonly Article[], slug: string, of: (a: Article) => readonly { slug: string }[] = (a) => a.topics): readonly Article[] {
  return articles.length === 0 ? articles : articles.filter((a) => of(a).some((e) => e.slug === slug));
}

/**
 * Whether two states of an article are equal in every field but the ones named: what an
 * incremental build asks to know that only an article's text changed.
 */
export function sameExcept(a: Article, b: Article, ignored: ReadonlySet<string>): boolean {
  const keys = (article: Article): string[] =>
    Object.keys(article)
      .filter((key) => !ignored.has(key))
      .sort();
  const [ka, kb] = [keys(a), keys(b)];
  return ka.length === kb.length && ka.every((key, i) => key === kb[i] && JSON.stringify(a[key as keyof Article]) === JSON.stringify(b[key as keyof Article]));
}
