import type { TemplateData } from "../src/plan/site-data.ts";
import type { HomePage } from "../src/plan/pages.ts";
import { html } from "../src/pages/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { href, layout } from "./layout.ts";
import { articleList } from "./partials.ts";
import { TOPICS_URL } from "../src/urls/site-urls.ts";

export function render({ entry, depeche: { site } }: TemplateData<HomePage>): string {
  return layout(
    site,
    entry,
    html`<h1>${site.title}</h1>
<p class="intro">${site.description}</p>
<div class="home">
<section aria-labelledby="latest"><h2 id="latest">${ui.latest}</h2>
${articleList(site, entry.latest, 3)}
</section>
<aside>
<section aria-labelledby="years"><h2 id="years">${ui.byYear}</h2>
<ul class="entries">${entry.years.map((y) => html`<li><a href="${href(site, y.url)}">${y.label}</a> <span class="count">${ui.articles(y.count)}</span></li>`)}</ul>
</section>
<section aria-labelledby="topics"><h2 id="topics">${ui.byTopic}</h2>
<ul class="inline tags">${entry.topics.map((t) => html`<li><a href="${href(site, t.url)}">${t.label}</a> <span class="count">(${t.count})</span></li>`)}</ul>
<p><a href="${href(site, TOPICS_URL)}">${ui.allTopics}</a></p>
</section>
</aside>
</div>`,
  );
}
