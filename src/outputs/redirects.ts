import type { SitePages } from "../plan/pages.ts";
import { pathOfUrl } from "../urls/site-urls.ts";

/**
 * `_redirects` for hosts that read one (Netlify, Cloudflare Pages): each alias, permanently, to
 * its article; the HTML redirect pages serve every other host. Rules are forced (`301!`): each
 * alias also has its redirect page, and Netlify would serve that file (a 200) rather than apply
 * an unforced rule. Each alias is written as browsers send it (`requestPath`).
 * @example renderRedirectsFile(pages) // "/2021/12/09/ancien-titre/ /2021/12/09/nouveau-titre/ 301!\n"
 */
export function renderRedirectsFile(pages: Pick<SitePages, "redirects">, basePath = ""): string {
  // A list's `page/1/` is left to its page: Cloudflare Pages reads a limited number of rules, the aliases' (src/content/validate.ts).
  return pages.redirects
    .filter((r) => !r.listPage)
    .map((r) => `${basePath}${requestPath(r.url)} ${basePath}${r.target.url} 301!\n`)
    .join("");
}

// What a browser sends as written in a path: printable ASCII but the characters of the URL
// standard's path percent-encode set (space, `"`, `#`, `<`, `>`, `?`, `` ` ``, `{`, `}`) and `%`.
const ESCAPED_IN_REQUESTS = /[^!$&'()*+,\-./0-9:;=@A-Z[\]^_a-z|~]/gu;

/**
 * A path as a browser sends it: escapes decoded, then written again where a browser escapes, in
 * upper case. Cloudflare Pages compares a rule's path with the request's as it came, escapes and
 * all; Netlify asks for escaped paths. So `/caf%c3%a9/` and `/caf%C3%A9/` (the same page) both
 * give `/caf%C3%A9/`, which browsers send for `/café/`.
 * @example requestPath("/caf%c3%a9/%7Eold/") // "/caf%C3%A9/~old/"
 */
export function requestPath(url: string): string {
  return pathOfUrl(url).replace(ESCAPED_IN_REQUESTS, (c) => encodeURIComponent(c));
}
