import type { Link } from "./article-view.ts";

/** What every planned page has: its URL, its title and description, where it sits. */
export interface PageBase {
  url: string;
  /** The document title, before the site name is appended. */
  title: string;
  description: string;
  /** From the home page down to the parent of this page. */
  breadcrumb: Link[];
  prevUrl?: string;
  nextUrl?: string;
}
