/** Links to the site's own pages written in a markdown body: found cheaply, confirmed by the parser only when one looks broken. */
import { createMarkdown } from "./markdown.ts";
import type { MarkdownIt } from "markdown-it";

/** A link to the site's own pages written in a body, root-relative (`/2021/12/09/l-irak/`) or relative (`../10/autre/`), with where it is written in the file. */
export interface SiteLink {
  url: string;
  line: number;
  column: number;
}

// Inline links `](…)` and reference definitions `[ref]: …`, destination possibly in `<…>`: not one
// with a scheme (`https:`, `mailto:`), nor `//host`, nor a fragment or query of the same page.
const CANDIDATE = /\]\(\s*<?((?![a-z][a-z\d+.-]*:|\/\/|[#?])[^\s)<>]+)|^ {0,3}\[[^\]\n]+\]:[ \t]*<?((?![a-z][a-z\d+.-]*:|\/\/|[#?])[^\s<>]+)/gim;

/**
 * Every destination of a body on the site itself, at its line and column in the file (the body
 * starting at `firstLine`). A plain scan, so it may also catch one in a code span: `isLinkIn`
 * tells, for the few links that point nowhere.
 * @example findSiteLinks("Voir [ceci](/2021/12/09/x/).", 7) // [{ url: "/2021/12/09/x/", line: 7, column: 13 }]
 */
export function findSiteLinks(body: string, firstLine: number): readonly SiteLink[] {
  // Every link and reference definition has a "[": one search spares most bodies the regular expression.
  if (!body.includes("[")) return NO_LINKS;
  const links: SiteLink[] = [];
  let line = firstLine;
  let lineStart = 0;
  let scanned = 0;
  for (const match of body.matchAll(CANDIDATE)) {
    const url = (match[1] ?? match[2])!;
    const at = match.index + match[0].length - url.length;
    for (let i = body.indexOf("\n", scanned); i !== -1 && i < at; i = body.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = at;
    links.push({ url, line, column: at - lineStart + 1 });
  }
  return links.length === 0 ? NO_LINKS : links;
}

// Shared by every body without links: most of an archive's articles.
const NO_LINKS: readonly SiteLink[] = Object.freeze([]);

let parser: MarkdownIt | undefined;

/** Whether CommonMark reads `url` as a link or image destination of the body (not text in a code span or block). */
export function isLinkIn(body: string, url: string): boolean {
  return linkTestOf(body)(url);
}

/**
 * `isLinkIn` for one body and many URLs: the body parsed once, at the first question, so that a
 * body of thousands of broken links costs one parse, not one per link.
 */
export function linkTestOf(body: string): (url: string) => boolean {
  let destinations: Set<string> | undefined;
  return (url) => {
    parser ??= createMarkdown();
    destinations ??= destinationsOf(parser, body);
    return destinations.has(parser.normalizeLink(url));
  };
}

/** Every link and image destination `markdown` reads in a body, as it writes them in the page. */
export function destinationsOf(markdown: MarkdownIt, body: string): Set<string> {
  const destinations = new Set<string>();
  const stack = markdown.parse(body, {});
  while (stack.length > 0) {
    const token = stack.pop()!;
    if (token.children) stack.push(...token.children);
    const destination = token.type === "image" ? token.attrGet("src") : token.type === "link_open" ? token.attrGet("href") : null;
    if (destination !== null) destinations.add(destination);
  }
  return destinations;
}
