import markdownIt, { type MarkdownIt } from "markdown-it";
import { firstParagraphText } from "./excerpt.ts";
import { frenchTypography } from "./typography.ts";

/**
 * The one markdown renderer for article bodies: CommonMark, raw HTML shown as text, French
 * typography on text tokens. markdown-it's default link validator already refuses
 * `javascript:`, `vbscript:`, `file:` and non-image `data:` URLs.
 */
export function createMarkdown(): MarkdownIt {
  const md = markdownIt("commonmark", { html: false, linkify: false, typographer: false });
  md.use(frenchTypography);
  return md;
}

let shared: MarkdownIt | undefined;

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
