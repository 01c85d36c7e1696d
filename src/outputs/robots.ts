/** Where crawlers look for it. */

/**
 * robots.txt: every crawler may read everything, and learns where the sitemaps are (absolute
 * URLs, as the robots.txt standard requires for `Sitemap:` lines).
 * @example renderRobotsTxt(["https://x.org/sitemap.xml"]) // "User-agent: *\nAllow: /\n\nSitemap: https://x.org/sitemap.xml\n"
 */
export function renderRobotsTxt(sitemapUrls: readonly string[]): string {
  return ["User-agent: *", "Allow: /", "", ...sitemapUrls.map((url) => `Sitemap: ${url}`), ""].join("\n");
}
