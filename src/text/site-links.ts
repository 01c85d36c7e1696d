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
    if (token.children) stack.push(...token.children);
    if (token.type === "image") destinations.set(token.attrGet("src") ?? "", "image");
    else if (token.type === "link_open" && !destinations.has(token.attrGet("href") ?? "")) destinations.set(token.attrGet("href") ?? "", "link");
  }
  return destinations;
}
