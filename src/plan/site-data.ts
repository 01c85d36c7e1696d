import { ui } from "../i18n/fr.ts";
import { zoneName } from "../text/zone-names.ts";
import type { SiteConfig } from "../content/model.ts";
import type { SitePages } from "./pages.ts";
import type { Link } from "./article-view.ts";

/** The site as templates see it. */
export interface SiteView {
  title: string;
  /** site.yaml's description; absent, each page that needs one says what it is (`siteFeedDescription`, the home's). */
  description?: string;
  /** Absolute, without a trailing slash. */
  baseUrl: string;
  /** The path part of baseUrl (`/archives` for https://x.org/archives), prefixed to every link. */
  basePath: string;
  /** The masthead's navigation: the main topics (none when absent). */
  sections?: Link[];
  /** The footer's note of the clock the site's times are on (« … à l’heure de Paris. »). */
  clockNote: string;
}

/** Everything Eleventy receives: the site and every planned page. */
export interface BuildData {
  site: SiteView;
  pages: SitePages;
}

/** What a Dépêche template receives from Eleventy: its page (paginated as `entry`) and the build data. */
export interface TemplateData<P> {
  entry: P;
  depeche: BuildData;
}

/** The site as templates see it, from site.yaml (and --base-url). */
export function siteView(site: SiteConfig, sections: Link[] = []): SiteView {
  return {
    title: site.title,
    ...(site.description === undefined ? {} : { description: site.description }),
    baseUrl: site.baseUrl,
    basePath: new URL(site.baseUrl).pathname.replace(/\/+$/, ""),
    sections,
    clockNote: ui.clockNote(zoneName(site.timezone)),
  };
}
