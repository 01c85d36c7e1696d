import type { TemplateData } from "../src/plan/site-data.ts";
import type { IndexPage } from "../src/plan/pages.ts";
import { html } from "../src/text/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { href, layout } from "./layout.ts";

// `/sujets/` and `/sources/`: every entry with its article count.
export function render({ entry, depeche: { site } }: TemplateData<IndexPage>): string {
  return layout(
    site,
    entry,
    html`<h1>${entry.heading}</h1>
<ul class="entries">
${entry.entries.map((e) => html`<li><a href="${href(site, e.url)}">${e.label}</a> <span class="count">${ui.articles(e.count)}</span>${e.description ? html`<p>${e.description}</p>` : ""}</li>`)}
</ul>`,
  );
}
