import type { TemplateData } from "../src/plan/site-data.ts";
import type { YearPage } from "../src/plan/pages.ts";
import { html } from "../src/text/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { href, layout } from "./layout.ts";
import { headlineList, neighbourNav } from "./partials.ts";

// Each month with its count and its first headlines, like a newspaper's year in review.
export function render({ entry, depeche: { site } }: TemplateData<YearPage>): string {
  return layout(
    site,
    entry,
    html`<h1>${entry.heading}</h1>
<p class="intro">${ui.articles(entry.count)}</p>
<ol class="months">
${entry.months.map(
  (m) => html`<li><h2><a href="${href(site, m.url)}">${m.label}</a> <span class="count">${ui.articles(m.count)}</span></h2>
${headlineList(site, m.items, "date", { count: m.more, text: ui.moreThatMonth(m.more), url: m.url })}</li>
`,
)}</ol>
${neighbourNav(site, ui.archives, entry.older, entry.newer, ui.olderYear, ui.newerYear)}`,
  );
}
