import type { SiteView } from "../src/plan/site-data.ts";
import type { Link } from "../src/plan/article-view.ts";
import type { PageBase } from "../src/plan/page-base.ts";
import { html, type SafeHtml } from "../src/text/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { machineHead } from "./head.ts";
import { documentTitle } from "../src/outputs/metadata.ts";
import { SEARCH_URL, SOURCES_URL, TOPICS_URL } from "../src/urls/site-urls.ts";

/** A site-relative URL as an href, with the site's base path. */
export function href(site: SiteView, url: string): string {
  return site.basePath + url;
}

function breadcrumb(site: SiteView, trail: Link[], current: string): SafeHtml | "" {
  if (trail.length === 0) return "";
  return html`<nav class="breadcrumb" aria-label="${ui.breadcrumb}"><ol>${trail.map((l) => html`<li><a href="${href(site, l.url)}">${l.label}</a></li>`)}<li aria-current="page">${current}</li></ol></nav>`;
}

// The masthead is the same on every page but those its links lead to: rendered once per site.
const mastheads = new WeakMap<SiteView, SafeHtml>();

/**
 * The site's name, the quick search and the navigation (the main topics, all topics, the sources,
 * search), the current page's link marked. The search page has its own form: the quick one would
 * stack a second, empty box above it, pushing the results below a phone's first screen.
 */
function masthead(site: SiteView, url: string): SafeHtml {
  const sections = site.sections ?? [];
  const links = [...sections, { url: TOPICS_URL, label: ui.allTopics }, { url: SOURCES_URL, label: ui.sources }, { url: SEARCH_URL, label: ui.search }];
  const current = links.some((l) => l.url === url);
  const cached = current ? undefined : mastheads.get(site);
  if (cached) return cached;
  const rendered = html`<header class="site-header">
<div class="masthead">
<a class="site-title" href="${href(site, "/")}">${site.title}</a>
${url === SEARCH_URL ? "" : html`<form class="site-search" role="search" aria-label="${ui.searchQuick}" action="${href(site, SEARCH_URL)}" method="get"><label for="site-search-q">${ui.searchLabel}</label> <input type="search" id="site-search-q" name="q" autocomplete="off" required> <button type="submit">${ui.searchButton}</button></form>`}
</div>
<nav class="sections" aria-label="${ui.mainNav}"><ul>
${links.map((l) => html`<li><a href="${href(site, l.url)}"${l.url === url ? html` aria-current="page"` : ""}>${l.label}</a></li>`)}
</ul></nav>
</header>`;
  if (!current) mastheads.set(site, rendered);
  return rendered;
}

/** The page shell: head, header with navigation, breadcrumb, main, footer. */
export function layout(site: SiteView, page: PageBase, main: SafeHtml, options: { heading?: string; head?: SafeHtml } = {}): string {
  const title = documentTitle(site, page);
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${page.description}">
${page.prevUrl ? html`<link rel="prev" href="${href(site, page.prevUrl)}">` : ""}
${page.nextUrl ? html`<link rel="next" href="${href(site, page.nextUrl)}">` : ""}
<link rel="stylesheet" href="${href(site, "/style.css")}">
${machineHead(site, page)}${options.head ?? ""}
</head>
<body>
<a class="skip-link" href="#contenu">${ui.skipToContent}</a>
${masthead(site, page.url)}
${breadcrumb(site, page.breadcrumb, options.heading ?? page.title)}
<main id="contenu" tabindex="-1">
${main}
</main>
<footer class="site-footer"><p>${site.clockNote} ${ui.footer}</p></footer>
</body>
</html>
`.value;
}
