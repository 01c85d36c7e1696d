import markdownIt, { type MarkdownIt } from "markdown-it";
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

/** Renders an article body to HTML. */
export function renderMarkdown(source: string): string {
  shared ??= createMarkdown();
  return shared.render(source);
}
