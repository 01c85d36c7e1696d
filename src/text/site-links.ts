/** Links to the site's own pages written in a markdown body: found cheaply, confirmed by the parser only when one looks broken. */
import { createMarkdown } from "./markdown.ts";
import type { MarkdownIt } from "markdown-it";

/** A link to the site's own pages written in a body, root-relative (`/2021/12/09/l-irak/`) or relative (`../10/autre/`), with where it is written in the file. */
export interface SiteLink {
  url: string;
  line: number;
  column: number;
  /** Set where a file with errors keeps its links without its body: the destination is an image's. */
  image?: true;
  /**
   * Set for an address written whole on the site's own host (`https://archives.example.org/2021/12/09/x/`):
   * the same address from the site's root, as it is checked and should be written (`/2021/12/09/x/`).
   */
  relative?: string;
}

// Inline links `](…)` and reference definitions `[ref]: …`, destination possibly in `<…>`, that
// start as `start` allows.
const inline = (start: string): string => String.raw`\]\(\s*<?(${start}[^\s)<>]+)`;
const definition = (start: string): string => String.raw`^ {0,3}\[[^\]\n]+\]:[ \t]*<?(${start}[^\s<>]+)`;
// On the site: not one with a scheme (`https:`, `mailto:`), nor `//host`, nor a fragment or query of the same page.
const ON_SITE = String.raw`(?![a-z][a-z\d+.-]*:|\/\/|[#?])`;
const CANDIDATE = new RegExp(`${inline(ON_SITE)}|${definition(ON_SITE)}`, "gim");
// The same, and addresses written whole (`http://`, `https://`, `//`), in those places and in autolinks `<https://…>`.
const WHOLE = String.raw`(?:https?:)?\/\/`;
const WITH_WHOLE = new RegExp(`${CANDIDATE.source}|${inline(WHOLE)}|${definition(WHOLE)}|<(https?:\\/\\/[^\\s<>]*)>`, "gim");

/**
 * Every destination of a body on the site itself, at its line and column in the file (the body
 * starting at `firstLine`): root-relative or relative, and, given the site's address (`siteUrl`,
 * site.yaml's baseUrl), written whole on its host (see `relativeToSite`). A plain scan, so it may
 * also catch one in a code span: `isLinkIn` tells, for the few links that point nowhere.
 * @example findSiteLinks("Voir [ceci](/2021/12/09/x/).", 7) // [{ url: "/2021/12/09/x/", line: 7, column: 13 }]
 */
export function findSiteLinks(body: string, firstLine: number, siteUrl?: string): readonly SiteLink[] {
  // Every link and reference definition has a "[", an autolink a "<": one search spares most bodies the regular expression.
  const whole = siteUrl !== undefined && body.includes("//");
  if (!body.includes("[") && !(whole && body.includes("<"))) return NO_LINKS;
  const links: SiteLink[] = [];
  let line = firstLine;
  let lineStart = 0;
  let scanned = 0;
  for (const match of body.matchAll(whole ? WITH_WHOLE : CANDIDATE)) {
    const found = (match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5])!;
    const at = match[5] === undefined ? match.index + match[0].length - found.length : match.index + 1;
    // A link's or a definition's destination as CommonMark reads it; an autolink's is as written.
    const url = match[5] === undefined ? destinationAt(body, at, found) : found;
    if (url === undefined) continue;
    const onSite = (match[1] ?? match[2]) !== undefined && ON_SITE_START.test(url);
    const relative = onSite || siteUrl === undefined ? undefined : relativeToSite(url, siteUrl);
    if (!onSite && relative === undefined) continue;
    for (let i = body.indexOf("\n", scanned); i !== -1 && i < at; i = body.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = at;
    links.push(relative === undefined ? { url, line, column: at - lineStart + 1 } : { url, line, column: at - lineStart + 1, relative });
  }
  return links.length === 0 ? NO_LINKS : links;
}

const ON_SITE_START = new RegExp(`^${ON_SITE}`, "i");

/**
 * The destination CommonMark reads at `at` (just past `](`, or a definition's `]:`, and its
 * spaces), `found` being what the scan caught there: its parentheses balanced
 * (`/2021/12/08/la-fin-(suite)/`), `<…>` taken off, entities and backslash escapes decoded
 * (`/sujets/caf&eacute;/` → `/sujets/café/`), as the page's link has it; undefined when
 * CommonMark reads none there. A plain destination, most of them, is the one caught.
 */
function destinationAt(body: string, at: number, found: string): string | undefined {
  const bracketed = body.charCodeAt(at - 1) === 0x3c; // <
  if (!bracketed && !/[&\\(]/.test(found)) return found;
  parser ??= createMarkdown();
  const read = parser.helpers.parseLinkDestination(body, bracketed ? at - 1 : at, body.length);
  return read.ok ? read.str : undefined;
}

/**
 * Whether a host (`www.example.org`, `example.org:8080`, as `URL.host` gives it) is the one of
 * the site's address: the same, any case, `www.` or not (one of the two commonly leads to the other).
 * @example isSiteHost("WWW.archives.example.org", "https://archives.example.org") // true
 */
export function isSiteHost(host: string, siteUrl: string): boolean {
  return bareHost(host) === siteOf(siteUrl).host;
}

const bareHost = (host: string): string => host.toLowerCase().replace(/^www\./, "");

// The site's host (bare) and path, read once for the many links of an archive's bodies.
let site: { url: string; host: string; base: string } | undefined;
function siteOf(siteUrl: string): { host: string; base: string } {
  if (site?.url !== siteUrl) {
    const url = new URL(siteUrl);
    site = { url: siteUrl, host: bareHost(url.host), base: url.pathname.replace(/\/+$/, "") };
  }
  return site;
}

/**
 * An address written whole on the site (`http://` or `https://` or `//`, on its host, under its
 * path) as written from the site's root, or undefined for any other address.
 * @example relativeToSite("https://archives.example.org/2021/12/09/x/#a", "https://archives.example.org") // "/2021/12/09/x/#a"
 * @example relativeToSite("https://example.org/depeche/sujets/", "https://example.org/depeche") // "/sujets/"
 */
export function relativeToSite(address: string, siteUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address.startsWith("//") ? `https:${address}` : address);
  } catch {
    return undefined;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || !isSiteHost(url.host, siteUrl)) return undefined;
  // The path as written: after the host (and any user name, port), up to the end.
  const rest = /^(?:[a-z]+:)?\/\/[^/?#]*(.*)$/is.exec(address)?.[1] ?? "";
  const { base } = siteOf(siteUrl);
  if (!rest.startsWith(base) || !/^(?:[/?#]|$)/.test(rest.slice(base.length))) return undefined;
  const path = rest.slice(base.length);
  return path.startsWith("/") ? path : `/${path}`;
}

// Shared by every body without links: most of an archive's articles.
const NO_LINKS: readonly SiteLink[] = Object.freeze([]);

let parser: MarkdownIt | undefined;

/** What CommonMark reads a destination of a body as: a link, or an image's file. */
export type DestinationKind = "link" | "image";

/** Whether CommonMark reads `url` as a link or image destination of the body (not text in a code span or block). */
export function isLinkIn(body: string, url: string): boolean {
  return destinationKindOf(body)(url) !== undefined;
}

/**
 * What CommonMark reads `url` as in one body, for many URLs (undefined: no destination, text in a
 * code span or block): the body parsed once, at the first question, so that a body of thousands of
 * broken links costs one parse, not one per link.
 */
export function destinationKindOf(body: string): (url: string) => DestinationKind | undefined {
  let destinations: Map<string, DestinationKind> | undefined;
  return (url) => {
    parser ??= createMarkdown();
    destinations ??= destinationsOf(parser, body);
    return destinations.get(parser.normalizeLink(url));
  };
}

/**
 * Every link and image destination `markdown` reads in a body, as it writes them in the page, with
 * what each is: an image where the same address is also a link's (the one that fails to show).
 */
export function destinationsOf(markdown: MarkdownIt, body: string): Map<string, DestinationKind> {
  const destinations = new Map<string, DestinationKind>();
  const stack = markdown.parse(body, {});
  while (stack.length > 0) {
    const token = stack.pop()!;
    // One by one: a paragraph of a hundred thousand lines has as many children, more than a call's arguments may be.
    for (const child of token.children ?? []) stack.push(child);
    if (token.type === "image") destinations.set(token.attrGet("src") ?? "", "image");
    else if (token.type === "link_open" && !destinations.has(token.attrGet("href") ?? "")) destinations.set(token.attrGet("href") ?? "", "link");
  }
  return destinations;
}
