import type { TemplateData } from "../src/plan/site-data.ts";
import type { ListPage } from "../src/plan/pages.ts";
import { html } from "../src/pages/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { layout } from "./layout.ts";
import { articleList, paginationNav } from "./partials.ts";

// Topic and source pages share one shape: a paginated list of articles, newest first.
export function render({ entry, depeche: { site } }: TemplateData<ListPage>): string {
  const p = entry.pagination;
  return layout(
    site,
    entry,
    html`<h1>${entry.heading}${p.number > 1 ? html` <small>${ui.page(p.number)}</small>` : ""}</h1>
${entry.intro && p.number === 1 ? html`<p class="intro">${entry.intro}</p>` : ""}
${articleList(site, entry.items)}
${paginationNav(site, p)}`,
  );
}
