import markdownIt, { type MarkdownIt, type Token } from "markdown-it";
import { firstParagraphText } from "./excerpt.ts";
import { frenchTypography } from "./typography.ts";

/**
 * The one markdown renderer for article bodies: CommonMark, raw HTML shown as text, French
 * typography on text tokens, first-level headings shown as second-level ones (`subheadings`),
 * code blocks focusable (`focusableCode`), images fetched as they near the screen (`lazyImages`).
 * markdown-it's default link validator already refuses `javascript:`, `vbscript:`, `file:` and
 * non-image `data:` URLs.
 */
export function createMarkdown(): MarkdownIt {
  const md = markdownIt("commonmark", { html: false, linkify: false, typographer: false });
  md.use(frenchTypography);
  md.core.ruler.push("subheadings", subheadings);
  focusableCode(md);
  lazyImages(md);
  return md;
}

// An image of a body (one of the site's own host, or in the page: `data:`; others are refused)
// comes after the title, the standfirst, the byline and the lead photo: fetched as it nears the
// screen, decoded off the main thread, as the lists' thumbnails are. None is eager: on a phone the
// first screen rarely reaches it, a browser starts a lazy image a screen or two ahead anyway, and
// the body renders from its text alone (helper threads, the cache), not from its front matter.
// Its alt text is the text of its description as written (`altText`), escaped by the renderer.
function lazyImages(md: MarkdownIt): void {
  md.renderer.rules.image = (tokens, idx, options, _env, renderer) => {
    const token = tokens[idx]!;
    token.attrSet("alt", altText(token.children ?? []));
    token.attrSet("loading", "lazy");
    token.attrSet("decoding", "async");
    return renderer.renderToken(tokens, idx, options);
  };
}

/**
 * An image description's plain text, its markup dropped, as CommonMark's reference gives it:
 * markdown-it's own (`renderInlineAsText`) loses what an entity, a backslash escape or a code span
 * writes (`AT&amp;T` → "ATT"; markdown-it issue #1142).
 * @example altText(md.parseInline("![AT&amp;T \\* `x`](a.png)", {})[0].children[0].children) // "AT&T * x"
 */
function altText(tokens: readonly Token[]): string {
  let text = "";
  for (const token of tokens) {
    if (token.type === "image") text += altText(token.children ?? []);
    else if (token.type === "softbreak" || token.type === "hardbreak") text += "\n";
    else if (token.type === "text" || token.type === "text_special" || token.type === "code_inline") text += token.content;
  }
  return text;
}

// A code block wider than the column scrolls sideways: focusable, a keyboard scrolls it as a
// mouse does (axe's scrollable-region-focusable).
function focusableCode(md: MarkdownIt): void {
  for (const rule of ["fence", "code_block"] as const) {
    const render = md.renderer.rules[rule]!;
    md.renderer.rules[rule] = (...args) => render(...args).replace(/^<pre>/, '<pre tabindex="0">');
  }
}

// The article's title is its page's only h1: a heading in the body (`# …`, or a line underlined
// with `===`) is a subheading, written `## …` as the guide says, whatever level it was typed at.
function subheadings(state: { tokens: { type: string; tag: string }[] }): void {
  for (const token of state.tokens) if ((token.type === "heading_open" || token.type === "heading_close") && token.tag === "h1") token.tag = "h2";
}

let shared: MarkdownIt | undefined;

// A line that may open a first-level heading (`# …`) or underline one (`===`): most bodies have none.
const TITLE_HEADING = /^ {0,3}(?:#(?:[ \t]|$)|=+[ \t]*$)/m;

/**
 * The lines of a body (counted from 0) where a first-level heading starts, which the page shows
 * as a subheading (`subheadings`); a `#` in a code block or a paragraph's text is none.
 * @example titleHeadingLines("Texte.\n\n# Titre") // [2]
 */
export function titleHeadingLines(body: string): number[] {
  // Run on every article read: three bodies in four have neither character, found at once.
  if ((!body.includes("#") && !body.includes("=")) || !TITLE_HEADING.test(body)) return [];
  shared ??= createMarkdown();
  return shared
    .parse(body, {})
    .filter((token) => token.type === "heading_open" && (token.markup === "#" || token.markup === "="))
    .map((token) => token.map![0]!);
}

/** Renders markdown to HTML. */
export function renderMarkdown(source: string): string {
  shared ??= createMarkdown();
  return shared.render(source);
}

export interface RenderedBody {
  html: string;
  /** Plain text of the first paragraph, typography applied. */
  firstParagraph: string;
}

/** Renders an article body and reads its first paragraph from the same parse. */
export function renderBody(source: string): RenderedBody {
  shared ??= createMarkdown();
  const env = {};
  const tokens = shared.parse(source, env);
  return { html: shared.renderer.render(tokens, shared.options, env), firstParagraph: firstParagraphText(tokens) };
}

// markdown-it writes a destination only inside `href="…"` or `src="…"` and escapes every `"` of
// text as `&quot;`, so in its output these can only be the attributes of links and images.
const ROOT_RELATIVE_ATTRIBUTE = / (href|src)="\/(?!\/)/g;

/**
 * A rendered body's links to the site's own pages (`/2014/…`) with the site's base path, as every
 * other link of a page gets it; `//host` and absolute links stay as written.
 * @example withBasePath('<a href="/2014/01/02/x/">', "/depeche") // '<a href="/depeche/2014/01/02/x/">'
 */
export function withBasePath(html: string, basePath: string): string {
  return basePath === "" ? html : html.replace(ROOT_RELATIVE_ATTRIBUTE, ` $1="${basePath}/`);
}
