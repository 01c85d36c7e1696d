import type { TemplateData } from "../src/plan/site-data.ts";
import type { ArticlePage } from "../src/plan/pages.ts";
import { html, trusted } from "../src/pages/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { href, layout } from "./layout.ts";
import { draftMark, neighbourNav, photoFigure } from "./partials.ts";
import { searchMarkers, SEARCH_FILTERS } from "../src/search/markers.ts";

export function render({ entry, depeche: { site } }: TemplateData<ArticlePage>): string {
  const a = entry.article;
  const search = searchMarkers(entry);
  // Only the article is indexed for search (not lists or navigation), sorted by date, filtered by
  // year, month, topic and source. Its sources and topics are in a div: Pagefind never indexes a <footer>.
  // The markers sit on an inner div: a bare <article> is how archive checkers recognise an article page.
  return layout(
    site,
    entry,
    html`<article>
<div data-pagefind-body data-pagefind-sort="${search.sort}" data-pagefind-filter="${search.year}">
<header>
<h1>${trusted(a.titleHtml)}</h1>
<p class="meta" data-pagefind-ignore>${draftMark(a)}${ui.published} <time datetime="${a.dateIso}" data-pagefind-meta="date" data-pagefind-filter="${search.month}">${a.dateText}</time>${a.updatedText ? html`<br>${ui.updated} <time datetime="${a.updatedIso}">${a.updatedText}</time>` : ""}</p>
</header>
${a.photo ? photoFigure(site, a.photo, "lead") : ""}
<div class="body">
${trusted(a.bodyHtml)}
</div>
<div class="article-end">
<dl class="facts">
<dt>${ui.sourcesLabel}</dt><dd><ul class="inline">${a.sources.map((s) => html`<li><a href="${href(site, s.url)}" data-pagefind-filter="${SEARCH_FILTERS.source}">${s.name}</a> (<a href="${s.agencyUrl}" rel="external">site de l’agence</a>)</li>`)}</ul></dd>
<dt>${ui.topicsLabel}</dt><dd><ul class="inline tags">${a.topics.map((t) => html`<li><a href="${href(site, t.url)}" data-pagefind-filter="${SEARCH_FILTERS.topic}">${t.label}</a></li>`)}</ul></dd>
${a.shortLink ? html`<dt>${ui.share}</dt><dd><a href="${a.shortLink}">${a.shortLink}</a></dd>` : ""}
</dl>
</div>
</div>
</article>
${neighbourNav(site, `${ui.olderArticle} / ${ui.newerArticle}`, entry.older, entry.newer, ui.olderArticle, ui.newerArticle)}`,
  );
}
