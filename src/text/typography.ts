/**
 * French typography for text shown to readers. (Interface in place; the rules land with the
 * typography issue: see tests/text/typography.test.ts.)
 */
import type { MarkdownIt } from "markdown-it";

/** Applies French typography to a plain string (titles, summaries): returns plain text. */
export function typesetText(text: string): string {
  return text;
}

/** markdown-it plugin applying the same rules to text tokens only (never code, URLs or attributes). */
export function frenchTypography(_md: MarkdownIt): void {}
