import type { TemplateData } from "../src/plan/site-data.ts";
import type { HomePage } from "../src/plan/pages.ts";
import { html } from "../src/text/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { href, layout } from "./layout.ts";
import { articleList, calendarTable, feedLink, headlineList } from "./partials.ts";
import { ATOM_FEED_URL, TOPICS_URL } from "../src/urls/site-urls.ts";

// The masthead already names the site: the page's heading is the day it shows, as a front page's date.
export function render({ entry, depeche: { site } }: TemplateData<HomePage>): string {
  const day = entry.latestDay;
  return layout(
    site,
    entry,
    html`<div class="home">
<section class="front" aria-labelledby="latest">
<h1 id="latest">${day ? ui.latestDay(day.label) : ui.latest}</h1>
${site.description ? html`<p class="intro">${site.description}</p>` : ""}
${day ? articleList(site, day.items, 2, "time") : articleList(site, [])}
${day && day.more > 0 ? html`<p class="more"><a href="${href(site, day.url)}">${ui.moreThatDay(day.more)}</a></p>` : ""}
${
  entry.earlier.length > 0
    ? html`<h2>${ui.earlier}</h2>
${headlineList(site, entry.earlier, "date")}`
    : ""
}
${feedLink(site, ATOM_FEED_URL, ui.feedLink)}
</section>
<aside>
${
  entry.calendar
    ? html`<section aria-labelledby="by-date"><h2 id="by-date">${ui.browseByDate}</h2>
${calendarTable(site, entry.calendar, entry.calendar.url)}
<ul class="inline years">${entry.years.map((y) => html`<li><a href="${href(site, y.url)}">${y.label}</a> <span class="count">(${y.count})</span></li>`)}</ul>
</section>`
    : ""
}
<section aria-labelledby="topics"><h2 id="topics">${ui.byTopic}</h2>
<ul class="inline tags">${entry.topics.map((t) => html`<li><a href="${href(site, t.url)}">${t.label}</a> <span class="count">(${t.count})</span></li>`)}</ul>
<p><a href="${href(site, TOPICS_URL)}">${ui.allTopics}</a></p>
</section>
</aside>
</div>`,
  );
}
