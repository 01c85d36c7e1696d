import type { TemplateData } from "../src/plan/site-data.ts";
import type { DayPage } from "../src/plan/pages.ts";
import { html } from "../src/text/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { layout } from "./layout.ts";
import { articleList, neighbourNav } from "./partials.ts";

export function render({ entry, depeche: { site } }: TemplateData<DayPage>): string {
  return layout(
    site,
    entry,
    html`<h1>${entry.heading}</h1>
${articleList(site, entry.items, 2, "time")}
${neighbourNav(site, ui.archives, entry.older, entry.newer, ui.olderDay, ui.newerDay)}`,
  );
}
