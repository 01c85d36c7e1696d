import type { TemplateData } from "../src/build/site-data.ts";
import type { ArticlePage } from "../src/render/pages.ts";
import { onePagePer } from "./paginate.ts";
import { html, trusted } from "../src/render/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { href, layout } from "./layout.ts";
import { neighbourNav } from "./partials.ts";

export const data = onePagePer("articles");

export function render({ entry, depeche: { site } }: TemplateData<ArticlePage>): string {
  const a = entry.article;
  return layout(site, entry, html`<article>
<header>
<h1>${a.title}</h1>
<p class="meta">${ui.published} <time datetime="${a.dateIso}">${a.dateText}</time>${a.updatedText ? html`<br>${ui.updated} <time datetime="${a.updatedIso}">${a.updatedText}</time>` : ""}</p>
</header>
<div class="body">
${trusted(a.bodyHtml)}
</div>
<footer>
<dl class="facts">
<dt>${ui.sourcesLabel}</dt><dd><ul class="inline">${a.sources.map((s) => html`<li><a href="${href(site, s.url)}">${s.name}</a> (<a href="${s.agencyUrl}" rel="external">site de l’agence</a>)</li>`)}</ul></dd>
<dt>${ui.topicsLabel}</dt><dd><ul class="inline tags">${a.topics.map((t) => html`<li><a href="${href(site, t.url)}">${t.label}</a></li>`)}</ul></dd>
${a.shortLink ? html`<dt>${ui.share}</dt><dd><a href="${a.shortLink}">${a.shortLink}</a></dd>` : ""}
</dl>
</footer>
</article>
${neighbourNav(site, ui.olderArticle + " / " + ui.newerArticle, entry.older, entry.newer, ui.olderArticle, ui.newerArticle)}`);
}
