import type { SiteView } from "../plan/site-data.ts";
import type { ArticlePage, ListPage, SitePages } from "../plan/pages.ts";
import { ui } from "../i18n/fr.ts";
import { buildXml, xmlElement, type XmlNode } from "./xml.ts";
import { absoluteLinks } from "./absolute-links.ts";
import { withBasePath } from "../text/markdown.ts";
import { escapeHtml } from "../text/html.ts";
import type { PhotoView } from "../plan/photo-view.ts";
import { absoluteUrl, ATOM_FEED_URL, JSON_FEED_URL, MANIFEST_ICONS, topicFeedUrl, TOPICS_URL } from "../urls/site-urls.ts";

/** Articles in each feed: the newest, as readers' apps poll often and keep what they saw. */
export const FEED_SIZE = 50;

/**
 * The most of an article's body an entry carries, in characters of its HTML: a long read of
 * 3,000 words whole. Past it the entry carries the body's first blocks that fit and a link to the
 * article: a feed holds 50 entries, and a 10 MB body made a 10–20 MB feed.xml that readers refuse.
 */
export const FEED_BODY_MAX_CHARS = 30_000;

/** The site feeds, as the contract names them. */

/**
 * One article as every feed format describes it; URLs absolute, the body's links included (no
 * `xml:base`: a JSON Feed has none, and many Atom readers ignore it), dates ISO 8601 with the site's offset.
 */
export interface FeedEntry {
  url: string;
  title: string;
  summary: string;
  contentHtml: string;
  published: string;
  updated: string;
  /** Topic labels. */
  categories: string[];
  authors: { name: string; url: string }[];
  /** The article's photo, a JPEG (every feed reader shows it), absolute. */
  image?: string;
}

/** A feed before it is written in one format or another. */
export interface Feed {
  title: string;
  description: string;
  /** The page the feed mirrors (home or topic page), absolute. */
  pageUrl: string;
  /** Where this feed is published, absolute. */
  feedUrl: string;
  /** The newest change of any entry, or the build date for a feed without entries. */
  updated: string;
  /** What the categories are: the site's topic index, absolute. */
  categoryScheme: string;
  /** The site's square icons, absolute: the large one, and the small one feed readers list feeds with. */
  icon: string;
  favicon: string;
  entries: FeedEntry[];
}

/** An article page as a feed entry. */
export function feedEntry(site: SiteView, page: ArticlePage): FeedEntry {
  const a = page.article;
  const url = absoluteUrl(site, page.url);
  return {
    url,
    title: a.title,
    summary: a.summary,
    contentHtml: `${a.photo ? photoFigure(site, a.photo) : ""}${absoluteLinks(withBasePath(feedBody(a.bodyHtml, a.summary, url), site.basePath), url)}`,
    published: a.dateIso,
    updated: a.updatedIso ?? a.dateIso,
    categories: a.topics.map((t) => t.label),
    authors: a.sources.map((s) => ({ name: s.name, url: s.agencyUrl })),
    ...(a.photo ? { image: absoluteUrl(site, a.photo.fallback.url) } : {}),
  };
}

// The body whole, or cut after its last top-level block (a paragraph, a list, a quote) that ends
// within FEED_BODY_MAX_CHARS, so that the HTML stays whole, then a link to the article. A first
// block already too long leaves the summary in its place. The body is markdown-it's, with no raw
// HTML: every tag it opens it closes, and no text holds a bare "<".
function feedBody(html: string, summary: string, url: string): string {
  if (html.length <= FEED_BODY_MAX_CHARS) return html;
  const tags = /<(\/?)([a-z][a-z0-9]*)[^>]*?(\/?)>\n?/gi;
  let depth = 0;
  let cut = 0;
  for (let m = tags.exec(html); m !== null; m = tags.exec(html)) {
    const end = m.index + m[0].length;
    if (end > FEED_BODY_MAX_CHARS) break;
    if (m[1]) depth--;
    else if (!m[3] && !VOID_ELEMENTS.has(m[2]!.toLowerCase())) depth++;
    if (depth === 0) cut = end;
  }
  const kept = cut > 0 ? html.slice(0, cut) : `<p>${escapeHtml(summary)}</p>\n`;
  return `${kept}<p><a href="${escapeHtml(url)}">${escapeHtml(ui.feedReadMore)}</a></p>\n`;
}

const VOID_ELEMENTS = new Set(["br", "hr", "img", "input", "wbr", "source"]);

// The photo as the page shows it, with its caption and credit, which a feed reader showing only
// the enclosure or the image would leave out: its JPEG, absolute, at the width pages fall back to.
function photoFigure(site: SiteView, photo: PhotoView): string {
  const { url, width, height } = photo.fallback;
  const caption = photo.caption ? `${escapeHtml(photo.caption)} ` : "";
  return `<figure><img src="${escapeHtml(absoluteUrl(site, url))}" alt="${escapeHtml(photo.alt)}" width="${width}" height="${height}"><figcaption>${caption}${escapeHtml(ui.photoCredit(photo.credit))}</figcaption></figure>`;
}

/** Each article page's feed entry, made once however many feeds of the site show it. */
export function feedEntries(site: SiteView): (page: ArticlePage) => FeedEntry {
  const entries = new Map<ArticlePage, FeedEntry>();
  return (page) => {
    let entry = entries.get(page);
    if (!entry) entries.set(page, (entry = feedEntry(site, page)));
    return entry;
  };
}

/** The newest `updated` of the entries (compared as instants, since offsets differ across DST), else `fallback`. */
export function latestUpdate(entries: readonly { updated: string }[], fallback: string): string {
  let latest: { iso: string; ms: number } | undefined;
  for (const e of entries) {
    const ms = Date.parse(e.updated);
    if (!latest || ms > latest.ms) latest = { iso: e.updated, ms };
  }
  return latest?.iso ?? fallback;
}

function feedIcons(site: SiteView): { icon: string; favicon: string } {
  return { icon: absoluteUrl(site, MANIFEST_ICONS[1].url), favicon: absoluteUrl(site, MANIFEST_ICONS[0].url) };
}

/** The site feed: the newest articles of the whole archive. Pages come newest first. */
export function siteFeed(site: SiteView, articles: readonly ArticlePage[], buildIso: string, entryOf = feedEntries(site)): Feed {
  const entries = articles.slice(0, FEED_SIZE).map(entryOf);
  return {
    title: site.title,
    description: site.description ?? ui.siteFeedDescription(site.title),
    pageUrl: absoluteUrl(site, "/"),
    feedUrl: absoluteUrl(site, ATOM_FEED_URL),
    updated: latestUpdate(entries, buildIso),
    categoryScheme: absoluteUrl(site, TOPICS_URL),
    ...feedIcons(site),
    entries,
  };
}

/** One feed per topic, from the first page of each topic list and the articles tagged with it. */
export function topicFeeds(
  site: SiteView,
  pages: Pick<SitePages, "articles" | "lists">,
  buildIso: string,
  wanted: (url: string) => boolean = () => true,
  entryOf = feedEntries(site),
): { url: string; feed: Feed }[] {
  const byTopic = new Map<string, ArticlePage[]>();
  // One pass over the articles, newest first, keeping the first FEED_SIZE of each topic.
  for (const page of pages.articles) {
    for (const topic of page.article.topics) {
      let list = byTopic.get(topic.url);
      if (!list) byTopic.set(topic.url, (list = []));
      if (list.length < FEED_SIZE) list.push(page);
    }
  }
  // A topic without articles was last updated when the archive was: not at the build's instant,
  // which would change its bytes at every build (and rewrite it in every incremental one).
  const archiveUpdated = latestUpdate(
    pages.articles.slice(0, FEED_SIZE).map((a) => ({ updated: a.article.updatedIso ?? a.article.dateIso })),
    buildIso,
  );
  return pages.lists
    .filter((p): p is ListPage => p.kind === "topic" && p.pagination.number === 1 && wanted(topicFeedUrl(p.url)))
    .flatMap((p) => {
      const entries = (byTopic.get(p.url) ?? []).map(entryOf);
      const url = topicFeedUrl(p.url);
      const feed: Feed = {
        title: ui.topicFeedTitle(p.heading, site.title),
        description: p.intro ?? ui.topicFeedDescription(p.heading),
        pageUrl: absoluteUrl(site, p.url),
        feedUrl: absoluteUrl(site, url),
        updated: latestUpdate(entries, archiveUpdated),
        categoryScheme: absoluteUrl(site, TOPICS_URL),
        ...feedIcons(site),
        entries,
      };
      // A renamed topic's feed stays at its former URLs too, the same feed: a feed reader that
      // follows no redirect keeps getting its entries, and learns the new URL from its links.
      return [url, ...(p.formerUrls ?? []).map(topicFeedUrl)].map((at) => ({ url: at, feed }));
    });
}

/**
 * Atom 1.0 (RFC 4287): the body (up to FEED_BODY_MAX_CHARS) as escaped HTML, topics as categories, sources as authors.
 * `entries` keeps each entry's XML for the next feeds that show it (the same categories' scheme).
 */
export function renderAtom(feed: Feed, entries = new Map<FeedEntry, string>()): string {
  const root: XmlNode = {
    feed: {
      "@xmlns": "http://www.w3.org/2005/Atom",
      "@xml:lang": "fr",
      id: feed.feedUrl,
      title: feed.title,
      subtitle: feed.description,
      updated: feed.updated,
      link: [
        { "@rel": "self", "@type": "application/atom+xml", "@href": feed.feedUrl },
        { "@rel": "alternate", "@type": "text/html", "@href": feed.pageUrl },
      ],
      generator: "Dépêche",
      icon: feed.favicon,
      logo: feed.icon,
    },
  };
  // An article is in the site feed and in each of its topics' feeds: its entry, most of a feed's
  // bytes (the whole body, escaped), is serialised once.
  const xml = feed.entries.map((e) => {
    let entry = entries.get(e);
    if (entry === undefined) entries.set(e, (entry = xmlElement("entry", atomEntry(e, feed.categoryScheme))));
    return entry;
  });
  return buildXml(root, xml);
}

function atomEntry(e: FeedEntry, categoryScheme: string): XmlNode {
  return {
    // Article URLs never change (the contract), so they serve as permanent ids.
    id: e.url,
    title: { "@type": "text", "#text": e.title },
    // Atom has no image element: readers take the photo from an enclosure link.
    link: [
      { "@rel": "alternate", "@type": "text/html", "@href": e.url },
      ...(e.image ? [{ "@rel": "enclosure", "@type": "image/jpeg", "@href": e.image }] : []),
    ],
    published: e.published,
    updated: e.updated,
    author: e.authors.map((a) => ({ name: a.name, uri: a.url })),
    category: e.categories.map((label) => ({ "@term": label, "@scheme": categoryScheme })),
    summary: { "@type": "text", "#text": e.summary },
    content: { "@type": "html", "#text": e.contentHtml },
  };
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export interface JsonFeed {
  version: "https://jsonfeed.org/version/1.1";
  title: string;
  description: string;
  home_page_url: string;
  feed_url: string;
  icon: string;
  favicon: string;
  language: string;
  items: {
    id: string;
    url: string;
    title: string;
    summary: string;
    content_html: string;
    date_published: string;
    date_modified: string;
    authors: { name: string; url: string }[];
    tags: string[];
    image?: string;
  }[];
}

/** The feed as JSON Feed 1.1, published at `jsonFeedUrl`. */
export function toJsonFeed(feed: Feed, jsonFeedUrl: string): JsonFeed {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    description: feed.description,
    home_page_url: feed.pageUrl,
    feed_url: jsonFeedUrl,
    icon: feed.icon,
    favicon: feed.favicon,
    language: "fr",
    items: feed.entries.map((e) => ({
      id: e.url,
      url: e.url,
      title: e.title,
      summary: e.summary,
      content_html: e.contentHtml,
      date_published: e.published,
      date_modified: e.updated,
      authors: e.authors,
      tags: e.categories,
      ...(e.image ? { image: e.image } : {}),
    })),
  };
}

/** JSON Feed text: JSON.stringify escapes whatever a title holds. */
export function renderJsonFeed(feed: Feed, jsonFeedUrl: string): string {
  return `${JSON.stringify(toJsonFeed(feed, jsonFeedUrl), null, 1)}\n`;
}

/** Every feed file of the site, as site-relative path → text. */
export function planFeeds(
  site: SiteView,
  pages: Pick<SitePages, "articles" | "lists">,
  buildIso: string,
  /** The feeds to make, by URL (the site feed is `ATOM_FEED_URL`, with its JSON twin); by default all. */
  wanted: (url: string) => boolean = () => true,
): Map<string, string> {
  const files = new Map<string, string>();
  // An article is in up to one feed per topic and the site's: its entry is made and written once.
  const entryOf = feedEntries(site);
  const atom = new Map<FeedEntry, string>();
  if (wanted(ATOM_FEED_URL)) {
    const main = siteFeed(site, pages.articles, buildIso, entryOf);
    files.set(ATOM_FEED_URL, renderAtom(main, atom));
    files.set(JSON_FEED_URL, renderJsonFeed(main, absoluteUrl(site, JSON_FEED_URL)));
  }
  for (const { url, feed } of topicFeeds(site, pages, buildIso, wanted, entryOf)) files.set(url, renderAtom(feed, atom));
  return files;
}
