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
