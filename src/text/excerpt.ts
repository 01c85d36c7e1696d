import type { Token } from "markdown-it";

export const EXCERPT_LENGTH = 220;

/** The plain text of the first paragraph of a parsed markdown body. */
export function firstParagraphText(tokens: readonly Token[]): string {
  const start = tokens.findIndex((t) => t.type === "paragraph_open");
  const inline = start === -1 ? undefined : tokens[start + 1];
  return (inline?.children ?? [])
    .map((t) => (t.type === "softbreak" || t.type === "hardbreak" ? " " : t.type === "text" || t.type === "code_inline" ? t.content : ""))
    .join("")
    .replace(/[ \t\r\n]+/g, " ")
    .trim();
}

/**
 * Cuts text at a word boundary, with an ellipsis: the standfirst used when an article has no summary.
 * @example truncateAtWord("un deux trois", 8) // "un deux…"
 */
export function truncateAtWord(text: string, maxLength = EXCERPT_LENGTH): string {
  const chars = [...text];
  if (chars.length <= maxLength) return text;
  const cut = chars.slice(0, maxLength).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > maxLength / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}
