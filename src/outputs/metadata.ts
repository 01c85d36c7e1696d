import type { SiteView } from "../plan/site-data.ts";
import type { ArticlePage, ListPage } from "../plan/pages.ts";
import type { PageBase } from "../plan/page-base.ts";
import { ui } from "../i18n/fr.ts";
import { absoluteUrl, ATOM_FEED_URL, JSON_FEED_URL, topicFeedUrl } from "../urls/site-urls.ts";

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

/** A `<meta name content>` pair (X's cards read `name`, not Open Graph's `property`). */
export interface MetaName {
  name: string;
  content: string;
}

/** What a page's head says to machines beyond its title, description and canonical link. */
export interface PageMetadata {
  feeds: FeedLink[];
  openGraph: MetaProperty[];
  names: MetaName[];
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

/** The schema.org NewsArticle of an article page: dates keep the site's offset, agencies are the authors and publishers. */
export function newsArticle(site: SiteView, page: ArticlePage): Record<string, unknown> {
  const a = page.article;
  const url = absoluteUrl(site, page.url);
  const agencies = a.sources.map((s) => ({ "@type": "Organization", name: s.name, url: s.agencyUrl }));
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: a.title,
    description: a.summary,
    url,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    datePublished: a.dateIso,
    dateModified: a.updatedIso ?? a.dateIso,
    inLanguage: "fr",
    author: agencies,
    publisher: agencies,
    ...(a.topics[0] ? { articleSection: a.topics[0].label } : {}),
    keywords: a.topics.map((t) => t.label),
    isAccessibleForFree: true,
    // The three ratios Google asks for (16×9, 4×3, 1×1), absolute.
    ...(a.photo ? { image: a.photo.ratios.map((r) => absoluteUrl(site, r.url)) } : {}),
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
    ...photoOpenGraph(site, page),
  ];
}

// The share card's picture: the 16×9 crop, the shape networks show large.
function photoOpenGraph(site: SiteView, page: ArticlePage): MetaProperty[] {
  const photo = page.article.photo;
  const card = photo?.ratios[0];
  if (!photo || !card) return [];
  return [
    { property: "og:image", content: absoluteUrl(site, card.url) },
    { property: "og:image:type", content: "image/jpeg" },
    { property: "og:image:width", content: String(card.width) },
    { property: "og:image:height", content: String(card.height) },
    { property: "og:image:alt", content: photo.alt },
  ];
}

/** X's card: the large picture for an article with a photo (X reads its picture from og:image). */
export function metaNames(page: AnyPage): MetaName[] {
  return isArticlePage(page) && page.article.photo ? [{ name: "twitter:card", content: "summary_large_image" }] : [];
}

function commonOpenGraph(site: SiteView, page: AnyPage, type: string): MetaProperty[] {
  return [
    { property: "og:type", content: type },
    { property: "og:locale", content: "fr_FR" },
    { property: "og:site_name", content: site.title },
    { property: "og:title", content: page.title },
    { property: "og:description", content: page.description },
    { property: "og:url", content: absoluteUrl(site, page.url) },
  ];
}

/** Everything a page's head carries for feed readers, social networks and search engines. */
export function pageMetadata(site: SiteView, page: AnyPage): PageMetadata {
  const jsonLd: Record<string, unknown>[] = [];
  if (isArticlePage(page)) jsonLd.push(newsArticle(site, page));
  if (page.breadcrumb.length > 0) jsonLd.push(breadcrumbList(site, page));
  return { feeds: feedLinks(site, page), openGraph: openGraph(site, page), names: metaNames(page), jsonLd };
}
