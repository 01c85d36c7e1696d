import type { TemplateData } from "../src/build/site-data.ts";
import type { NotFoundPage } from "../src/render/pages.ts";
import { onePagePer } from "./paginate.ts";
import { html } from "../src/render/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { href, layout } from "./layout.ts";

export const data = onePagePer("notFound");

export function render({ entry, depeche: { site } }: TemplateData<NotFoundPage>): string {
  return layout(site, entry, html`<h1>${ui.notFoundTitle}</h1>
<p>${ui.notFoundText}</p>
<p><a href="${href(site, "/")}">${ui.backHome}</a> · <a href="${href(site, "/sujets/")}">${ui.topics}</a></p>`);
}
