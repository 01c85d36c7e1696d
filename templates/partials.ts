import type { SiteView } from "../src/plan/site-data.ts";
import type { ArticleItem, Link } from "../src/plan/article-view.ts";
import type { MonthCalendar } from "../src/plan/pages.ts";
import type { BrowseLinks } from "../src/plan/browse-links.ts";
import type { PhotoFile, PhotoView } from "../src/plan/photo-view.ts";
import { pageWindow, type Pagination } from "../src/archive/pagination.ts";
import { html, trusted, type SafeHtml } from "../src/text/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { href } from "./layout.ts";

// An article shows in several lists (day, topics, sources, home): its item is rendered once per
// heading level (h2 under a page's h1, h3 under a section's h2) and per way of dating it.
const itemCaches = new Map<string, WeakMap<ArticleItem, SafeHtml>>();

/**
 * One article in a list: title, date, standfirst. Under a heading that names the day (the day's
 * page, the home page's latest day), its time alone: the date would repeat the heading.
 */
export function articleItem(site: SiteView, item: ArticleItem, level: 2 | 3 = 2, when: "date" | "time" = "date"): SafeHtml {
  const cacheKey = `${level}${when}`;
  let cache = itemCaches.get(cacheKey);
  if (!cache) itemCaches.set(cacheKey, (cache = new WeakMap()));
  let cached = cache.get(item);
  if (!cached) {
    const title = html`<a href="${href(site, item.url)}">${trusted(item.titleHtml)}</a>`;
    const text = when === "date" ? item.dateText : item.timeText;
    const meta =
      item.draft || text ? html`<p class="meta">${draftMark(item, text !== "")}${text ? html`<time datetime="${item.dateIso}">${text}</time>` : ""}</p>` : "";
    cached = html`<li class="item"><article>${item.photo ? thumbnail(site, item.photo) : ""}${level === 2 ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}${meta}<p>${item.summary}</p></article></li>`;
    cache.set(item, cached);
  }
  return cached;
}

const headlineCaches = { date: new WeakMap<ArticleItem, SafeHtml>(), time: new WeakMap<ArticleItem, SafeHtml>() };

/** One headline: the title as a link, then its date (related articles) or its time (within a day). */
export function headline(site: SiteView, item: ArticleItem, when: "date" | "time"): SafeHtml {
  let cached = headlineCaches[when].get(item);
  if (!cached) {
    const text = when === "date" ? item.dateText : item.timeText;
    cached = html`<li><a href="${href(site, item.url)}">${trusted(item.titleHtml)}</a>${text ? html` <time class="meta" datetime="${item.dateIso}">${text}</time>` : ""}</li>`;
    headlineCaches[when].set(item, cached);
  }
  return cached;
}

/** A compact list of headlines, with "… et N autres" linking to where the rest is. */
export function headlineList(
  site: SiteView,
  items: readonly ArticleItem[],
  when: "date" | "time",
  more?: { count: number; text: string; url: string },
): SafeHtml {
  return html`<ul class="headlines">${items.map((i) => headline(site, i, when))}${more && more.count > 0 ? html`<li class="more"><a href="${href(site, more.url)}">${more.text}</a></li>` : ""}</ul>`;
}

/** A month's calendar: each day with articles links to its page. */
export function calendarTable(site: SiteView, month: { heading: string; count: number; weeks: MonthCalendar["weeks"] }, monthUrl?: string): SafeHtml {
  const caption = ui.calendarCaption(month.heading, month.count);
  return html`<table class="calendar">
<caption>${monthUrl ? html`<a href="${href(site, monthUrl)}">${caption}</a>` : caption}</caption>
<thead><tr>${ui.weekdays.map((d, i) => html`<th scope="col"><abbr title="${d}">${ui.weekdaysShort[i]}</abbr></th>`)}</tr></thead>
<tbody>
${month.weeks.map(
  (week) =>
    html`<tr>${week.map((cell) =>
      cell.date === undefined
        ? html`<td></td>`
        : cell.url
          ? html`<td class="has-articles"><a href="${href(site, cell.url)}"><span class="date" aria-hidden="true">${cell.date}</span> <span class="count" aria-hidden="true">${cell.count}</span><span class="visually-hidden">${cell.label}</span></a></td>`
          : html`<td><span class="date">${cell.date}</span></td>`,
    )}</tr>`,
)}
</tbody>
</table>`;
}

/** A visible link to a feed, beside the `<link rel="alternate">` of the head. */
export function feedLink(site: SiteView, url: string, text: string): SafeHtml {
  return html`<p class="feed-link"><a href="${href(site, url)}" type="application/atom+xml">${text}</a></p>`;
}

// How wide the picture shows (style.css): the browser picks the file from it before the stylesheet loads.
const FIGURE_SIZES = "(min-width: 46rem) 42rem, calc(100vw - 2rem)";

function srcset(site: SiteView, files: PhotoFile[]): string {
  return files.map((f) => `${href(site, f.url)} ${f.width}w`).join(", ");
}

/**
 * A responsive photo: AVIF, then WebP, then JPEG for every browser, each at several widths; its
 * width and height set, so the page does not shift as it loads. The lead photo is fetched first,
 * any other when it nears the screen.
 */
export function picture(site: SiteView, photo: PhotoView, sizes: string, loading: "lead" | "lazy"): SafeHtml {
  return html`<picture>${photo.sources.map((s) => html`<source type="${s.type}" srcset="${srcset(site, s.files)}" sizes="${sizes}">`)}<img src="${href(site, photo.fallback.url)}" srcset="${srcset(site, photo.fallbackFiles)}" sizes="${sizes}" width="${photo.fallback.width}" height="${photo.fallback.height}" alt="${photo.alt}" ${loading === "lead" ? trusted('fetchpriority="high"') : trusted('loading="lazy"')} decoding="async"></picture>`;
}

/**
 * A list's thumbnail: one small file per format (a list shows it a few rem wide), so that the
 * lists, where an article appears many times, stay light. Fetched as it nears the screen.
 */
export function thumbnail(site: SiteView, photo: PhotoView): SafeHtml {
  const jpeg = photo.thumbnail.at(-1)!.file;
  return html`<picture>${photo.thumbnail.slice(0, -1).map((t) => html`<source type="${t.type}" srcset="${href(site, t.file.url)}">`)}<img src="${href(site, jpeg.url)}" width="${jpeg.width}" height="${jpeg.height}" alt="${photo.alt}" loading="lazy" decoding="async"></picture>`;
}

/** An article's photo with its caption and credit. */
export function photoFigure(site: SiteView, photo: PhotoView, loading: "lead" | "lazy"): SafeHtml {
  return html`<figure class="photo">${picture(site, photo, FIGURE_SIZES, loading)}<figcaption>${photo.caption ? html`${photo.caption} ` : ""}<span class="credit">${ui.photoCredit(photo.credit)}</span></figcaption></figure>`;
}

/** "Brouillon", before the date of a draft: only a preview (`--drafts`) holds drafts. */
export function draftMark(item: ArticleItem, beforeDate = true): SafeHtml | "" {
  return item.draft ? html`<strong class="draft-mark">${ui.draft}</strong>${beforeDate ? " · " : ""}` : "";
}

/** A list of articles, or a sentence saying there is none. */
export function articleList(site: SiteView, items: ArticleItem[], level: 2 | 3 = 2, when: "date" | "time" = "date"): SafeHtml {
  return items.length === 0 ? html`<p>${ui.noArticles}</p>` : html`<ol class="items">${items.map((i) => articleItem(site, i, level, when))}</ol>`;
}

/** Numbered pagination with previous and next links: each number read as « Page 2 », the current one too; the arrows not read. */
export function paginationNav(site: SiteView, page: Pagination<unknown>): SafeHtml | "" {
  if (page.total <= 1) return "";
  return html`<nav class="pagination" aria-label="${ui.pagination}"><ul>
${page.prevUrl ? html`<li class="prev"><a rel="prev" href="${href(site, page.prevUrl)}"><span aria-hidden="true">←</span> ${ui.previousPage}</a></li>` : ""}
${pageWindow(page.number, page.total).map((n) =>
  n === "gap"
    ? html`<li aria-hidden="true">…</li>`
    : n === page.number
      ? html`<li><a aria-current="page" href="${href(site, page.pageUrls[n - 1]!)}" aria-label="${ui.page(n)}">${n}</a></li>`
      : html`<li><a href="${href(site, page.pageUrls[n - 1]!)}" aria-label="${ui.page(n)}">${n}</a></li>`,
)}
${page.nextUrl ? html`<li class="next"><a rel="next" href="${href(site, page.nextUrl)}">${ui.nextPage} <span aria-hidden="true">→</span></a></li>` : ""}
</ul></nav>`;
}

/** Links to the older and newer neighbour (article, day, month, year). */
export function neighbourNav(
  site: SiteView,
  label: string,
  older: Link | undefined,
  newer: Link | undefined,
  olderText: string,
  newerText: string,
): SafeHtml | "" {
  if (!older && !newer) return "";
  return html`<nav class="neighbours" aria-label="${label}">
${older ? html`<a class="older" rel="prev" href="${href(site, older.url)}"><span>← ${olderText}</span> ${older.label}</a>` : ""}
${newer ? html`<a class="newer" rel="next" href="${href(site, newer.url)}"><span>${newerText} →</span> ${newer.label}</a>` : ""}
</nav>`;
}

/** The ways into the archive, where a page has no article to show: home, the indexes, each year. */
export function browseLinks(site: SiteView, browse: BrowseLinks): SafeHtml {
  return html`<ul class="inline">${browse.indexes.map((l) => html`<li><a href="${href(site, l.url)}">${l.label}</a></li>`)}</ul>
${
  browse.years.length > 0
    ? html`<h2>${ui.byYear}</h2>
<ul class="inline years">${browse.years.map((y) => html`<li><a href="${href(site, y.url)}">${y.label}</a></li>`)}</ul>`
    : ""
}`;
}
