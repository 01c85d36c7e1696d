import type { TemplateData } from "../src/plan/site-data.ts";
import type { ListPage } from "../src/plan/pages.ts";
import { html } from "../src/text/html.ts";
import { ui } from "../src/i18n/fr.ts";
import { layout } from "./layout.ts";
import { articleList, feedLink, paginationNav } from "./partials.ts";
import { ATOM_FEED_URL, topicFeedUrl } from "../src/urls/site-urls.ts";

// Topic and source pages share one shape: a paginated list of articles, newest first. A topic has
// a feed of its own; a source page offers the site's (sources have none of their own yet).
export function render({ entry, depeche: { site } }: TemplateData<ListPage>): string {
  const p = entry.pagination;
  const feed =
    entry.kind === "topic"
      ? feedLink(site, topicFeedUrl(p.pageUrls[0] ?? entry.url), ui.topicFeedLink(entry.heading))
      : feedLink(site, ATOM_FEED_URL, ui.siteFeedLink);
  return layout(
    site,
    entry,
    html`<h1>${entry.heading}${p.number > 1 ? html` <small>${ui.pageOfList(p.number, p.total)}</small>` : ""}</h1>
${entry.intro && p.number === 1 ? html`<p class="intro">${entry.intro}</p>` : ""}
${feed}
${articleList(site, entry.items)}
${paginationNav(site, p)}`,
  );
}
