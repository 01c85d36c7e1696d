import type { TemplateData } from "../src/plan/site-data.ts";
import type { ArticlePage } from "../src/plan/pages.ts";
import { html, trusted } from "../src/text/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { withBasePath } from "../src/text/markdown.ts";
import { href, layout } from "./layout.ts";
import { draftMark, headlineList, neighbourNav, photoFigure } from "./partials.ts";

export function render({ entry, depeche: { site } }: TemplateData<ArticlePage>): string {
  const a = entry.article;
  // The search index is made from the planned article (src/search/records.ts), not from this page.
  // The standfirst follows the title, as a newspaper sets it; the byline names the agencies first,
  // as a wire's dateline does; the topics follow.
  return layout(
    site,
    entry,
    html`<div class="story">
<article>
<header>
<h1>${trusted(a.titleHtml)}</h1>
${a.standfirstHtml ? html`<p class="chapo">${trusted(a.standfirstHtml)}</p>` : ""}
<p class="byline">${draftMark(a)}${a.sources.length > 0 ? html`${a.sources.map((s, i) => html`${ui.listSeparator(i, a.sources.length)}<a href="${href(site, s.url)}">${s.name}</a>`)} — ` : ""}<time datetime="${a.dateIso}">${a.dateText}</time>${a.updatedText ? html`<br>${ui.updated} <time datetime="${a.updatedIso}">${a.updatedText}</time>` : ""}</p>
<ul class="inline tags" aria-label="${ui.topicsLabel}">${a.topics.map((t) => html`<li><a href="${href(site, t.url)}">${t.label}</a></li>`)}</ul>
</header>
${a.photo ? photoFigure(site, a.photo, "lead") : ""}
<div class="body">
${trusted(withBasePath(a.bodyHtml, site.basePath))}
</div>
<div class="article-end">
<dl class="facts">
<dt>${ui.sourcesLabel}</dt><dd><ul class="inline">${a.sources.map((s) => html`<li>${s.name} (<a href="${s.agencyUrl}" rel="external">site de l’agence</a>)</li>`)}</ul></dd>
${a.shortLink ? html`<dt>${ui.share}</dt><dd><a href="${a.shortLink}">${a.shortLink}</a></dd>` : ""}
</dl>
</div>
</article>
${
  entry.related.length > 0
    ? html`<aside class="related" aria-labelledby="related"><h2 id="related">${ui.related}</h2>
${headlineList(site, entry.related, "date")}
</aside>`
    : ""
}
</div>
${entry.thread ? neighbourNav(site, ui.topicThread(entry.thread.label), entry.older, entry.newer, ui.olderOnTopic(entry.thread.label), ui.newerOnTopic(entry.thread.label)) : ""}`,
  );
}
