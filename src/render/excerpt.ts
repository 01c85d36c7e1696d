import { createMarkdown } from "../text/markdown.ts";

const parser = createMarkdown();
export const EXCERPT_LENGTH = 220;
// The first paragraph starts early; parsing the whole of a long body for it would be waste.
const HEAD_LENGTH = 4000;

/**
 * The start of the first paragraph as plain text, cut at a word boundary: the standfirst
 * used when an article has no `summary`.
 * @example excerptOf("## Titre\n\nPremière phrase. Seconde.") // "Première phrase. Seconde."
 */
export function excerptOf(body: string, maxLength = EXCERPT_LENGTH): string {
  const tokens = parser.parse(body.slice(0, HEAD_LENGTH), {});
  const start = tokens.findIndex((t) => t.type === "paragraph_open");
  const inline = start === -1 ? undefined : tokens[start + 1];
  const text = (inline?.children ?? [])
    .map((t) => (t.type === "softbreak" || t.type === "hardbreak" ? " " : t.type === "text" || t.type === "code_inline" ? t.content : ""))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return truncateAtWord(text, maxLength);
}

/** @example truncateAtWord("un deux trois", 8) // "un deux…" */
export function truncateAtWord(text: string, maxLength: number): string {
  const chars = [...text];
  if (chars.length <= maxLength) return text;
  const cut = chars.slice(0, maxLength).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > maxLength / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}
