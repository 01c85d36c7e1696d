import type { TemplateData } from "../src/plan/site-data.ts";
import type { NotFoundPage } from "../src/plan/pages.ts";
import { html } from "../src/text/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { layout } from "./layout.ts";
import { browseLinks } from "./partials.ts";

export function render({ entry, depeche: { site } }: TemplateData<NotFoundPage>): string {
  return layout(
    site,
    entry,
    html`<h1>${ui.notFoundTitle}</h1>
<p>${ui.notFoundText}</p>
${browseLinks(site, entry.browse)}`,
  );
}
