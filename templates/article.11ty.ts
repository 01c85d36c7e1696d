import type { TemplateData } from "../src/plan/site-data.ts";
import type { ArticlePage } from "../src/plan/pages.ts";
import { html, trusted } from "../src/pages/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { href, layout } from "./layout.ts";
import { draftMark, neighbourNav } from "./partials.ts";

export function render({ entry, depeche: { site } }: TemplateData<ArticlePage>): string {
  const a = entry.article;
  // The search index is made from the planned article (src/search/records.ts), not from this page.
  return layout(
    site,
    entry,
    html`<article>
<header>
<h1>${trusted(a.titleHtml)}</h1>
<p class="meta">${draftMark(a)}${ui.published} <time datetime="${a.dateIso}">${a.dateText}</time>${a.updatedText ? html`<br>${ui.updated} <time datetime="${a.updatedIso}">${a.updatedText}</time>` : ""}</p>
</header>
<div class="body">
${trusted(a.bodyHtml)}
</div>
<div class="article-end">
<dl class="facts">
<dt>${ui.sourcesLabel}</dt><dd><ul class="inline">${a.sources.map((s) => html`<li><a href="${href(site, s.url)}">${s.name}</a> (<a href="${s.agencyUrl}" rel="external">site de l’agence</a>)</li>`)}</ul></dd>
<dt>${ui.topicsLabel}</dt><dd><ul class="inline tags">${a.topics.map((t) => html`<li><a href="${href(site, t.url)}">${t.label}</a></li>`)}</ul></dd>
${a.shortLink ? html`<dt>${ui.share}</dt><dd><a href="${a.shortLink}">${a.shortLink}</a></dd>` : ""}
</dl>
</div>
</article>
${neighbourNav(site, `${ui.olderArticle} / ${ui.newerArticle}`, entry.older, entry.newer, ui.olderArticle, ui.newerArticle)}`,
  );
}
