import type { TemplateData } from "../src/plan/site-data.ts";
import type { RedirectPage } from "../src/plan/pages.ts";
import { html } from "../src/text/html.ts";
import { href } from "./layout.ts";
import { documentTitle } from "../src/outputs/metadata.ts";

// A page of its own, not the site layout: it only sends the reader (and crawlers, through the
// canonical link) to the article's or the list's new address, or from a list's `page/1/` to the list.
export function render({ entry, depeche: { site } }: TemplateData<RedirectPage>): string {
  const target = href(site, entry.target.url);
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${documentTitle(site, entry)}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${site.baseUrl + entry.target.url}">
<meta http-equiv="refresh" content="0; url=${target}">
</head>
<body>
<main>
<h1>${entry.title}</h1>
<p>${entry.text} <a href="${target}">${entry.target.label}</a></p>
</main>
</body>
</html>
`.value;
}
