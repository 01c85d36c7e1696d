import type { TemplateData } from "../src/plan/site-data.ts";
import type { MonthPage } from "../src/plan/pages.ts";
import { html } from "../src/pages/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { href, layout } from "./layout.ts";
import { neighbourNav } from "./partials.ts";

export function render({ entry, depeche: { site } }: TemplateData<MonthPage>): string {
  return layout(
    site,
    entry,
    html`<h1>${entry.heading}</h1>
<table class="calendar">
<caption>${ui.calendarCaption(entry.heading, entry.count)}</caption>
<thead><tr>${ui.weekdays.map((d, i) => html`<th scope="col"><abbr title="${d}">${ui.weekdaysShort[i]}</abbr></th>`)}</tr></thead>
<tbody>
${entry.weeks.map(
  (week) =>
    html`<tr>${week.map((cell) =>
      cell.date === undefined
        ? html`<td></td>`
        : cell.url
          ? html`<td class="has-articles"><a href="${href(site, cell.url)}"><span class="date" aria-hidden="true">${cell.date}</span> <span class="count" aria-hidden="true">${cell.count}</span><span class="visually-hidden">${cell.label} : ${ui.articles(cell.count)}</span></a></td>`
          : html`<td><span class="date">${cell.date}</span></td>`,
    )}</tr>`,
)}
</tbody>
</table>
${neighbourNav(site, ui.archives, entry.older, entry.newer, ui.olderMonth, ui.newerMonth)}`,
  );
}
