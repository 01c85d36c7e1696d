/** The typed content model: what an archive holds once loaded and validated. */

/** A calendar day in the site's timezone, as `YYYY-MM-DD`. */
export type Day = `${number}-${number}-${number}`;

/** An instant as the editor meant it, already placed in the site's timezone. */
export interface Moment {
  /**
   * The instant for machines (datetime attributes, feeds, sitemaps): RFC 3339 with the site's
   * offset, e.g. `2021-12-09T15:10:00+01:00`; in UTC when that offset has seconds, which no ISO
   * offset can write (local mean time: 1900-01-01 in Paris is `1899-12-31T23:50:39Z`).
   */
  iso: string;
  epochMs: number;
  /** The day in the site's timezone: never shifted by UTC or the build machine. */
  day: Day;
  /** The time on the site's clock, `HH:MM` (`00:00` for a bare date), for pages. */
  time: string;
  /** False for a bare date (`2021-12-09`): pages then show no time. */
  hasTime: boolean;
}

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
}

export interface Source {
  code: string;
  name: string;
  url: string;
  /** The code as a URL segment: `TRT FR` → `trt-fr`. */
  slug: string;
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
}

/** Everything an archive holds, validated. */
export interface Content {
  site: SiteConfig;
  topics: Topic[];
  sources: Source[];
  /** Every valid article, drafts included, oldest first. */
  articles: Article[];
}
