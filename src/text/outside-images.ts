/** Images of a body taken from another site: every reader's browser would fetch them there. */
import type { MarkdownIt } from "markdown-it";
import { createMarkdown } from "./markdown.ts";
import { destinationsOf, isSiteHost } from "./site-links.ts";

/** An image of a body fetched from another host, at its destination's line and column in the file. */
export interface OutsideImage {
  /** The host as the browser would ask it: `other.example`, `cdn.example:8080`. */
  host: string;
  line: number;
  column: number;
}

// Inline links and images `](…)` and reference definitions `[ref]: …`, destination possibly in `<…>`,
// with a host: `scheme://` or `//`. A `data:` image is in the page itself: nothing is fetched.
const DESTINATION = /\]\(\s*<?((?:[a-z][a-z\d+.-]*:)?\/\/[^\s)<>]+)|^ {0,3}\[[^\]\n]+\]:[ \t]*<?((?:[a-z][a-z\d+.-]*:)?\/\/[^\s<>]+)/gim;

let parser: MarkdownIt | undefined;

/**
 * The images of a body (`![photo](https://other.example/x.jpg)`, or through a reference) whose
 * file is on another host than the site's own (its `baseUrl`, `siteUrl`, `www.` or not: see `isSiteHost`), at the line and
 * column of their destination (the body starting at line `firstLine`). An image in a code span is
 * none; a link to another site is no image.
 * @example findOutsideImages("![x](https://other.example/x.jpg)", 8, "https://archives.example.org") // [{ host: "other.example", line: 8, column: 6 }]
 */
export function findOutsideImages(body: string, firstLine: number, siteUrl: string): OutsideImage[] {
  // Every image has a "![": one search spares most bodies the parse.
  if (!body.includes("![") || !body.includes("//")) return [];
  parser ??= createMarkdown();
  const md = parser;
  const images = imageSources(md, body);
  const found: OutsideImage[] = [];
  for (const match of body.matchAll(DESTINATION)) {
    const written = (match[1] ?? match[2])!;
    const src = md.normalizeLink(md.utils.unescapeAll(written));
    const host = hostOf(src);
    if (host === undefined || isSiteHost(host, siteUrl) || !images.has(src)) continue;
    // The same address may be a link elsewhere: an inline destination is an image's when `![` opens its text.
    if (match[1] !== undefined && !opensImage(body, match.index)) continue;
    const at = match.index + match[0].indexOf(written);
    const before = body.slice(0, at);
    found.push({ host, line: firstLine + before.split("\n").length - 1, column: at - before.lastIndexOf("\n") });
  }
  return found;
}

// The destinations CommonMark reads as images.
function imageSources(md: MarkdownIt, body: string): Set<string> {
  return new Set([...destinationsOf(md, body)].flatMap(([src, kind]) => (kind === "image" ? [src] : [])));
}

function hostOf(src: string): string | undefined {
  try {
    const url = new URL(src, "https://site.invalid/");
    return url.host === "site.invalid" ? undefined : url.host.toLowerCase();
  } catch {
    return undefined;
  }
}

// Whether the `]` at `close` ends a text opened by `![`: brackets matched backwards, escaped ones skipped.
function opensImage(body: string, close: number): boolean {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const c = body[i];
    if (c !== "[" && c !== "]") continue;
    if (body[i - 1] === "\\") continue;
    depth += c === "]" ? 1 : -1;
    if (depth === 0) return body[i - 1] === "!";
  }
  return false;
}
