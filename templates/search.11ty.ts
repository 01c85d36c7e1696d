import type { TemplateData } from "../src/plan/site-data.ts";
import type { SearchPage } from "../src/plan/search-page.ts";
import { html, jsonForScript } from "../src/text/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { href, layout } from "./layout.ts";
import { browseLinks } from "./partials.ts";
import { SEARCH_INDEX_URL } from "../src/urls/site-urls.ts";

// `/recherche/`: a plain GET form (it works as a link: /recherche/?q=irak), which the page's
// script reads to query the Pagefind bundles. The only page of the site with JavaScript.
export function render({ entry, depeche: { site } }: TemplateData<SearchPage>): string {
  const config = {
    runtime: href(site, `${SEARCH_INDEX_URL}pagefind.js`),
    // A bundle's years, and its months when its year is split: the search page tells from a result's day which bundle holds it.
    bundles: entry.bundles.map((b) => ({ url: href(site, b.url), years: b.years, ...(b.months ? { months: b.months } : {}) })),
    baseUrl: `${site.basePath}/`,
    filters: entry.filters.map((f) => f.name),
    strings: ui.searchClient,
  };
  return layout(
    site,
    entry,
    // Without JavaScript the form would do nothing: it is hidden, and the script shows it; the
    // reader without it reads first that search needs it, and the ways into the archive.
    // On a phone the filters fold under « Affiner » (the script opens them on wider screens, where
    // its summary is hidden): the count and the first results then fit on the first screen.
    html`<h1>${entry.heading}</h1>
<noscript><p>${ui.searchNoScript}</p>
${browseLinks(site, entry.browse)}</noscript>
<form class="search-form" role="search" aria-label="${ui.searchFull}" action="${href(site, entry.url)}" method="get" hidden>
<p class="search-query"><label for="q">${ui.searchLabel}</label> <input type="search" id="q" name="q" autocomplete="off"> <button type="submit">${ui.searchButton}</button></p>
<details class="search-refine"><summary>${ui.searchFilters}<span class="search-chosen"></span></summary>
<fieldset class="search-filters"><legend>${ui.searchFilters}</legend>
${entry.filters.map(
  (
    f,
  ) => html`<p><label for="filtre-${f.name}">${f.label}</label> <select id="filtre-${f.name}" name="${f.name}"><option value="">${f.any}</option>${f.options.map(
    (o) =>
      html`<option value="${o.value}"${o.page ? html` data-page="${href(site, o.page)}"` : ""}${o.code ? html` data-code="${o.code}"` : ""}>${o.value}</option>`,
  )}</select></p>
`,
)}<p><label for="ordre">${ui.searchOrder}</label> <select id="ordre" name="ordre"><option value="">${ui.searchRelevant}</option><option value="recent">${ui.searchNewest}</option></select></p>
</fieldset>
</details>
</form>
<p id="search-status" class="search-status" role="status" aria-live="polite"></p>
<ol id="search-results" class="items search-results"></ol>
<p class="search-more"><button type="button" id="search-more" hidden>${ui.searchClient.more}</button></p>
<script type="application/json" id="search-config">${jsonForScript(config)}</script>
<link rel="modulepreload" href="${href(site, "/recherche-texte.js")}">
<link rel="modulepreload" href="${href(site, "/recherche-lignes.js")}">
<link rel="modulepreload" href="${href(site, "/recherche-resultats.js")}">
<script type="module" src="${href(site, "/recherche.js")}"></script>`,
  );
}
