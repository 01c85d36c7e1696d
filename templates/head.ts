import type { SiteView } from "../src/plan/site-data.ts";
import type { PageBase } from "../src/plan/page-base.ts";
import { html, jsonForScript, type SafeHtml } from "../src/text/html.ts";
import { pageMetadata } from "../src/outputs/metadata.ts";

/** Canonical link, robots, icons, feed autodiscovery, Open Graph, Twitter and JSON-LD of a page, computed by src/outputs/metadata.ts. */
export function machineHead(site: SiteView, page: PageBase): SafeHtml {
  const meta = pageMetadata(site, page);
  return html`${
    meta.canonical
      ? html`<link rel="canonical" href="${meta.canonical}">
`
      : ""
  }${meta.links.map(
    (l) => html`<link rel="${l.rel}" href="${l.href}"${l.type ? html` type="${l.type}"` : ""}${l.sizes ? html` sizes="${l.sizes}"` : ""}>
`,
  )}${meta.feeds.map(
    (f) => html`<link rel="alternate" type="${f.type}" title="${f.title}" href="${f.href}">
`,
  )}${meta.openGraph.map(
    (m) => html`<meta property="${m.property}" content="${m.content}">
`,
  )}${meta.names.map(
    (m) => html`<meta name="${m.name}" content="${m.content}">
`,
  )}${meta.jsonLd.map(
    (o) => html`<script type="application/ld+json">${jsonForScript(o)}</script>
`,
  )}`;
}
