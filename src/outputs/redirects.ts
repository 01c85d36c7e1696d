import type { SitePages } from "../plan/pages.ts";

/** Where hosts that read one look for it. */

/**
 * `_redirects` for hosts that read one (Netlify, Cloudflare Pages): each alias, permanently, to
 * its article; the HTML redirect pages serve every other host.
 * @example renderRedirectsFile(pages) // "/2021/12/09/ancien-titre/ /2021/12/09/nouveau-titre/ 301\n"
 */
export function renderRedirectsFile(pages: Pick<SitePages, "redirects">, basePath = ""): string {
  return pages.redirects.map((r) => `${basePath}${r.url} ${basePath}${r.target.url} 301\n`).join("");
}
