import type { TemplateData } from "../src/plan/site-data.ts";
import type { MonthPage } from "../src/plan/pages.ts";
import { html } from "../src/text/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { href, layout } from "./layout.ts";
import { calendarTable, headlineList, neighbourNav } from "./partials.ts";

// The calendar to jump to a day, and beside it the month's headlines day by day.
export function render({ entry, depeche: { site } }: TemplateData<MonthPage>): string {
  return layout(
    site,
    entry,
    html`<h1>${entry.heading}</h1>
<div class="month">
${calendarTable(site, entry)}
<section class="month-days" aria-labelledby="titres"><h2 id="titres">${ui.monthHeadlines}</h2>
${entry.days.map(
  (d) => html`<h3><a href="${href(site, d.url)}">${d.label}</a> <span class="count">${ui.articles(d.items.length + d.more)}</span></h3>
${headlineList(site, d.items, "time", { count: d.more, text: ui.moreThatDay(d.more), url: d.url })}
`,
)}</section>
</div>
${neighbourNav(site, ui.archives, entry.older, entry.newer, ui.olderMonth, ui.newerMonth)}`,
  );
}
