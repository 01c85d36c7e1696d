import type { TemplateData } from "../src/plan/site-data.ts";
import type { SitePages } from "../src/plan/pages.ts";

/**
 * Eleventy data for a template that writes one file per planned page of a kind. Pages come
 * from Dépêche's model, so Eleventy's collections are skipped: building them doubles the cost.
 */
export function onePagePer(kind: keyof SitePages) {
  return {
    pagination: { data: `depeche.pages.${kind}`, size: 1, alias: "entry" },
    permalink: (d: TemplateData<{ url: string }>): string => d.entry.url,
    eleventyExcludeFromCollections: true,
  };
}
