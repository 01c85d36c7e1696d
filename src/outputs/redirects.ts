import type { SitePages } from "../plan/pages.ts";

/**
 * `_redirects` for hosts that read one (Netlify, Cloudflare Pages): each alias, permanently, to
 * its article; the HTML redirect pages serve every other host. Rules are forced (`301!`): each
 * alias also has its redirect page, and Netlify would serve that file (a 200) rather than apply
 * an unforced rule.
 * @example renderRedirectsFile(pages) // "/2021/12/09/ancien-titre/ /2021/12/09/nouveau-titre/ 301!\n"
 */
export function renderRedirectsFile(pages: Pick<SitePages, "redirects">, basePath = ""): string {
  return pages.redirects.map((r) => `${basePath}${r.url} ${basePath}${r.target.url} 301!\n`).join("");
}
