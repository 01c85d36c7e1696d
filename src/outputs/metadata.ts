import type { SiteView } from "../plan/site-data.ts";
import type { ArticlePage, ListPage } from "../plan/pages.ts";
import type { PageBase } from "../plan/page-base.ts";
import { ui } from "../i18n/fr.ts";
import { truncateAtWord } from "../text/excerpt.ts";
import { shortSiteName } from "../text/short-name.ts";
import {
  absoluteUrl,
  APPLE_TOUCH_ICON_URL,
  ATOM_FEED_URL,
  FAVICON_URL,
  ICON_SVG_URL,
  JSON_FEED_URL,
  MANIFEST_ICONS,
  MANIFEST_URL,
  SEARCH_URL,
  SITE_IMAGE,
  topicFeedUrl,
} from "../urls/site-urls.ts";

/** An Open Graph `<meta property content>` pair. */
export interface MetaProperty {
  property: string;
  content: string;
}

/** A feed announced by `<link rel="alternate">`, for readers' autodiscovery. */
export interface FeedLink {
  type: "application/atom+xml" | "application/feed+json";
  title: string;
  /** Absolute. */
  href: string;
}

/** A `<meta name content>` pair (Twitter's cards, robots). */
export interface MetaName {
  name: string;
  content: string;
}

/** A `<link rel href>` of the head: icons and the manifest. */
export interface HeadLink {
  rel: string;
  href: string;
  type?: string;
  sizes?: string;
}

/** The picture a link preview shows for a page. */
export interface SharingImage {
  /** Absolute. */
  url: string;
  width: number;
  height: number;
  alt: string;
  type: string;
}

/** What a page's head says to machines beyond its title and description. */
export interface PageMetadata {
  /** Absolute; absent on a page search engines must not index. */
  canonical?: string;
  /** `<meta name="robots">` and Twitter's card. */
  names: MetaName[];
  /** Icons and the manifest. */
  links: HeadLink[];
  feeds: FeedLink[];
  openGraph: MetaProperty[];
  /** schema.org objects, one `<script type="application/ld+json">` each. */
  jsonLd: Record<string, unknown>[];
}

/** A page as the layout receives it: any planned page, told apart by its kind. */
type AnyPage = PageBase & { kind?: string };

function isArticlePage(page: AnyPage): page is ArticlePage {
  return page.kind === "article";
}

function isTopicPage(page: AnyPage): page is ListPage {
  return page.kind === "topic";
}

function isListPage(page: AnyPage): page is ListPage {
  return page.kind === "topic" || page.kind === "source";
}

/** About the length search results and browser tabs show of a title. */
export const TITLE_LENGTH = 70;
const TITLE_SEPARATOR = " — ";

/**
 * The document title: the page's title and the site's name when both fit in `TITLE_LENGTH`
 * characters, else the page's title alone, cut at a word when even that is longer. The page's
 * heading, Open Graph and JSON-LD keep the whole headline.
 */
export function documentTitle(site: Pick<SiteView, "title">, page: Pick<PageBase, "url" | "title">): string {
  if (page.url === "/") return site.title;
  const full = `${page.title}${TITLE_SEPARATOR}${site.title}`;
  return [...full].length <= TITLE_LENGTH ? full : truncateAtWord(page.title, TITLE_LENGTH - 1);
}

/**
 * Whether search engines may index a page: not the 404 page, nor a topic or source page without
 * articles (which the sitemap leaves out too). Such a page is still built, so that links to it
 * and its URL stay good, and it is indexed again once an article names its topic or source.
 * Nor a draft, which only a preview (`--drafts`) holds: a preview put online is not indexed for it.
 */
export function isIndexable(page: AnyPage): boolean {
  if (page.kind === "not-found") return false;
  if (isArticlePage(page) && page.article.draft) return false;
  return !(isListPage(page) && page.items.length === 0);
}

/**
 * The picture link previews show for a page, for Open Graph and Twitter alike: an article's photo,
 * else the site's image.
 */
export function sharingImage(site: SiteView, page: AnyPage): SharingImage {
  // An article's photo as its 16×9 crop, the shape networks show large.
  const photo = isArticlePage(page) ? page.article.photo : undefined;
  const card = photo?.ratios[0];
  if (photo && card) return { url: absoluteUrl(site, card.url), width: card.width, height: card.height, alt: photo.alt, type: "image/jpeg" };
  return { url: absoluteUrl(site, SITE_IMAGE.url), width: SITE_IMAGE.width, height: SITE_IMAGE.height, alt: site.title, type: "image/png" };
}

/** The site as a schema.org Organization: the publisher of every article, with its logo. */
export function siteOrganization(site: SiteView): Record<string, unknown> {
  const logo = MANIFEST_ICONS[1];
  return {
    "@type": "Organization",
    "@id": absoluteUrl(site, "/#organisation"),
    name: site.title,
    url: absoluteUrl(site, "/"),
    logo: { "@type": "ImageObject", url: absoluteUrl(site, logo.url), width: logo.size, height: logo.size },
  };
}

/** The home page's schema.org WebSite, described as the home page is, with the search page as its SearchAction (sitelinks search box). */
export function webSite(site: SiteView, description: string): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    "@id": absoluteUrl(site, "/#site"),
    name: site.title,
    description,
    url: absoluteUrl(site, "/"),
    inLanguage: "fr",
    publisher: siteOrganization(site),
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl(site, SEARCH_URL)}?q={search_term_string}` },
      "query-input": "required name=search_term_string",
    },
  };
}

/** The icons and the manifest, the same on every page. */
export function iconLinks(site: SiteView): HeadLink[] {
  const href = (url: string): string => site.basePath + url;
  return [
    { rel: "icon", href: href(FAVICON_URL), sizes: "48x48" },
    { rel: "icon", href: href(ICON_SVG_URL), type: "image/svg+xml" },
    { rel: "apple-touch-icon", href: href(APPLE_TOUCH_ICON_URL) },
    { rel: "manifest", href: href(MANIFEST_URL) },
  ];
}

/** The web app manifest (https://www.w3.org/TR/appmanifest/): the site's name, language and icons. */
export function webManifest(site: SiteView): Record<string, unknown> {
  return {
    name: site.title,
    // A home screen shows a dozen characters under the icon, and cuts the rest.
    short_name: shortSiteName(site.title),
    description: site.description,
    lang: "fr",
    dir: "ltr",
    start_url: `${site.basePath}/`,
    scope: `${site.basePath}/`,
    display: "browser",
    background_color: "#fdfcf9",
    theme_color: "#9b1c1c",
    icons: [
      ...MANIFEST_ICONS.map((icon) => ({ src: site.basePath + icon.url, sizes: `${icon.size}x${icon.size}`, type: "image/png" })),
      { src: site.basePath + ICON_SVG_URL, sizes: "any", type: "image/svg+xml" },
    ],
  };
}

/** The feeds a page announces: the site's two, and its topic's feed on every page of a topic. */
export function feedLinks(site: SiteView, page: AnyPage): FeedLink[] {
  const links: FeedLink[] = [
    { type: "application/atom+xml", title: ui.feedTitle(site.title), href: absoluteUrl(site, ATOM_FEED_URL) },
    { type: "application/feed+json", title: ui.feedTitle(site.title), href: absoluteUrl(site, JSON_FEED_URL) },
  ];
  if (isTopicPage(page)) {
    const topicUrl = page.pagination.pageUrls[0] ?? page.url;
    links.push({ type: "application/atom+xml", title: ui.topicFeedTitle(page.heading, site.title), href: absoluteUrl(site, topicFeedUrl(topicUrl)) });
  }
  return links;
}

/** The schema.org BreadcrumbList of a page: its trail, then the page itself. */
export function breadcrumbList(site: SiteView, page: PageBase): Record<string, unknown> {
  const trail = [...page.breadcrumb, { label: page.title, url: page.url }];
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: trail.map((link, i) => ({ "@type": "ListItem", position: i + 1, name: link.label, item: absoluteUrl(site, link.url) })),
  };
}

/**
 * The schema.org NewsArticle of an article page: dates keep the site's offset; the site publishes,
 * and the agencies are the authors. They wrote the copy, and `author` is what search engines read
 * for a byline (Google accepts an Organization there); `sourceOrganization` would say only that
 * the text came from them, and no search engine shows it.
 */
export function newsArticle(site: SiteView, page: ArticlePage): Record<string, unknown> {
  const a = page.article;
  const url = absoluteUrl(site, page.url);
  const image = sharingImage(site, page);
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: a.title,
    description: a.summary,
    url,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    // An article's photo in the three ratios Google asks for (16×9, 4×3, 1×1); else the site's image.
    image: a.photo
      ? a.photo.ratios.map((r) => ({ "@type": "ImageObject", url: absoluteUrl(site, r.url), width: r.width, height: r.height }))
      : [{ "@type": "ImageObject", url: image.url, width: image.width, height: image.height }],
    datePublished: a.dateIso,
    dateModified: a.updatedIso ?? a.dateIso,
    inLanguage: "fr",
    author: a.sources.map((s) => ({ "@type": "Organization", name: s.name, url: s.agencyUrl })),
    publisher: siteOrganization(site),
    ...(a.topics[0] ? { articleSection: a.topics[0].label } : {}),
    keywords: a.topics.map((t) => t.label),
    isAccessibleForFree: true,
  };
}

/** Open Graph for any page: an article as `article` with its dates, section and tags; other pages as `website`. */
export function openGraph(site: SiteView, page: AnyPage): MetaProperty[] {
  if (!isArticlePage(page)) return commonOpenGraph(site, page, "website");
  const a = page.article;
  return [
    ...commonOpenGraph(site, page, "article"),
    { property: "article:published_time", content: a.dateIso },
    { property: "article:modified_time", content: a.updatedIso ?? a.dateIso },
    ...(a.topics[0] ? [{ property: "article:section", content: a.topics[0].label }] : []),
    ...a.topics.map((t) => ({ property: "article:tag", content: t.label })),
  ];
}

function commonOpenGraph(site: SiteView, page: AnyPage, type: string): MetaProperty[] {
  const image = sharingImage(site, page);
  return [
    { property: "og:type", content: type },
    { property: "og:locale", content: "fr_FR" },
    { property: "og:site_name", content: site.title },
    { property: "og:title", content: page.title },
    { property: "og:description", content: page.description },
    { property: "og:url", content: absoluteUrl(site, page.url) },
    { property: "og:image", content: image.url },
    { property: "og:image:type", content: image.type },
    { property: "og:image:width", content: String(image.width) },
    { property: "og:image:height", content: String(image.height) },
    { property: "og:image:alt", content: image.alt },
  ];
}

/** Twitter's card: the large picture; the rest Twitter reads from Open Graph, but not every client does. */
export function twitterCard(site: SiteView, page: AnyPage): MetaName[] {
  const image = sharingImage(site, page);
  return [
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:title", content: page.title },
    { name: "twitter:description", content: page.description },
    { name: "twitter:image", content: image.url },
    { name: "twitter:image:alt", content: image.alt },
  ];
}

/** Everything a page's head carries for browsers, feed readers, social networks and search engines. */
export function pageMetadata(site: SiteView, page: AnyPage): PageMetadata {
  const indexable = isIndexable(page);
  const jsonLd: Record<string, unknown>[] = [];
  if (page.kind === "home") jsonLd.push(webSite(site, page.description));
  if (isArticlePage(page)) jsonLd.push(newsArticle(site, page));
  if (page.breadcrumb.length > 0) jsonLd.push(breadcrumbList(site, page));
  return {
    ...(indexable ? { canonical: absoluteUrl(site, page.url) } : {}),
    names: [...(indexable ? [] : [{ name: "robots", content: "noindex" }]), ...twitterCard(site, page)],
    links: iconLinks(site),
    feeds: feedLinks(site, page),
    openGraph: openGraph(site, page),
    jsonLd,
  };
}
