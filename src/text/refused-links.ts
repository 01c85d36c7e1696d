/** Links whose destination the pages refuse: markdown-it prints them as their markdown text. */
import type { MarkdownIt } from "markdown-it";
import { createMarkdown } from "./markdown.ts";
import { type DestinationKind, destinationsOf } from "./site-links.ts";

/** A link of a body that the pages refuse, at its destination's line and column in the file. */
export interface RefusedLink {
  /** The scheme as the browser would read it, in lower case: `javascript`, `vbscript`, `file`, `data`. */
  scheme: string;
  line: number;
  column: number;
}

// What may make one: a scheme markdown-it refuses, or an entity that may spell it (`&#106;avascript:`).
const MAY_REFUSE = /script:|file:|data:|&/i;

// Inline links and images `](…)`, reference definitions `[ref]: …`, autolinks `<scheme:…>`.
const DESTINATION = /\]\(\s*<?([^\s)<>]+)|^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s<>]+)|<([a-z][a-z\d+.-]{1,31}:[^\s<>]*)>/gim;

let pages: MarkdownIt | undefined;
let permissive: MarkdownIt | undefined;

/**
 * The links of a body whose destination markdown-it's validator refuses (`javascript:`,
 * `vbscript:`, `file:`, `data:` but for an image, entities decoded as CommonMark decodes them):
 * the page shows them as text, `[js](javascript:…)` and all. A destination in a code span is
 * none. The body starts at line `firstLine` of its file.
 * @example findRefusedLinks("[js](javascript:alert(1))", 8) // [{ scheme: "javascript", line: 8, column: 6 }]
 */
export function findRefusedLinks(body: string, firstLine: number): RefusedLink[] {
  if (!MAY_REFUSE.test(body)) return [];
  pages ??= createMarkdown();
  const md = pages;
  const refused: { url: string; at: number }[] = [];
  for (const match of body.matchAll(DESTINATION)) {
    const written = (match[1] ?? match[2] ?? match[3])!;
    const url = md.normalizeLink(md.utils.unescapeAll(written));
    if (!md.validateLink(url)) refused.push({ url, at: match.index + match[0].indexOf(written) });
  }
  if (refused.length === 0) return [];
  // The scan may cut a destination short (at the `)` of `alert(1)`): a link the parser reads starts with it.
  const links = [...linksOf(body).keys()].filter((url) => !md.validateLink(url));
  return refused
    .filter(({ url }) => links.some((link) => link.startsWith(url)))
    .map(({ url, at }) => {
      const before = body.slice(0, at);
      const line = firstLine + before.split("\n").length - 1;
      return { scheme: /^[^:]*/.exec(url)![0].toLowerCase(), line, column: at - before.lastIndexOf("\n") };
    });
}

// The destinations CommonMark reads as links and images when none is refused.
function linksOf(body: string): Map<string, DestinationKind> {
  if (!permissive) {
    permissive = createMarkdown();
    permissive.validateLink = () => true;
  }
  return destinationsOf(permissive, body);
}
