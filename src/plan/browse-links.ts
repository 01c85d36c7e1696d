import type { Archive } from "../archive/archive.ts";
import { ui } from "../i18n/fr.ts";
import type { Link } from "./article-view.ts";
import { SOURCES_URL, TOPICS_URL, yearUrl } from "../urls/site-urls.ts";

/** Where a reader goes on from a page with no article to show (the 404 page, the search page without JavaScript). */
export interface BrowseLinks {
  /** The home page and the indexes of topics and sources. */
  indexes: Link[];
  /** The archive by date: each year's page, newest first. */
  years: Link[];
}

/** The ways into the archive: home, topics, sources, and every year that has articles. */
export function browseLinks(archive: Archive): BrowseLinks {
  return {
    indexes: [
      { label: ui.backHome, url: "/" },
      { label: ui.allTopics, url: TOPICS_URL },
      { label: ui.sources, url: SOURCES_URL },
    ],
    years: archive.years.map((y) => ({ label: String(y.year), url: yearUrl(y.year) })).reverse(),
  };
}
