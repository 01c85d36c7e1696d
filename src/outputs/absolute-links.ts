/**
 * Links of a rendered article body made absolute, for feeds: a JSON Feed has no base URL, and
 * many Atom readers ignore `xml:base`, so a relative link must not reach them.
 */

/** The five characters markdown-it escapes in an attribute, and back. */
const ESCAPED: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

// Bodies are rendered by markdown-it with raw HTML off: every `"` of the text is escaped, so
// ` href="` and ` src="` only ever open an attribute the renderer wrote, whose value holds no `"`.
const LINK_ATTRIBUTE = / (href|src)="([^"]*)"/g;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Resolves every relative `href` and `src` of `html` against `pageUrl`, the absolute URL of the
 * page the body is shown on, exactly as a browser on that page would; absolute ones are kept as
 * written.
 * @example absoluteLinks('<a href="../">', "https://x.org/2021/12/09/a/") // '<a href="https://x.org/2021/12/09/">'
 */
export function absoluteLinks(html: string, pageUrl: string): string {
  return html.replace(LINK_ATTRIBUTE, (whole, name: string, value: string) => {
    const written = value.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ESCAPED[e]!);
    if (HAS_SCHEME.test(written)) return whole;
    let resolved: string;
    try {
      resolved = new URL(written, pageUrl).href;
    } catch {
      return whole;
    }
    return ` ${name}="${resolved.replace(/[&<>"]/g, (c) => ESCAPES[c]!)}"`;
  });
}
