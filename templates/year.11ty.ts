import type { TemplateData } from "../src/plan/site-data.ts";
import type { YearPage } from "../src/plan/pages.ts";
import { html } from "../src/pages/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { href, layout } from "./layout.ts";
import { neighbourNav } from "./partials.ts";

export function render({ entry, depeche: { site } }: TemplateData<YearPage>): string {
  return layout(
    site,
    entry,
    html`<h1>${entry.heading}</h1>
<p class="intro">${ui.articles(entry.count)}</p>
<ul class="entries months">
${entry.months.map((m) => html`<li><a href="${href(site, m.url)}">${m.label}</a> <span class="count">${ui.articles(m.count)}</span></li>`)}
</ul>
${neighbourNav(site, ui.archives, entry.older, entry.newer, ui.olderYear, ui.newerYear)}`,
  );
}
