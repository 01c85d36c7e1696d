/** Article files written by Dépêche: front matter serialised safely, wire text kept as it reads. */
import { displayPath } from "../content/diagnostics.ts";
import { createFileAtomically, refuseSymbolicLinksBelow } from "../files/atomic-write.ts";

export interface ArticleFile {
  title: string;
  /** A contract date, as the editor gave it. */
  date: string;
  /** Source codes of sources.yaml. */
  sources: string[];
  shortLink?: string;
  /** Topic labels or slugs of topics.yaml. */
  topics: string[];
  slug?: string;
  draft?: boolean;
  /** The photo, its `src` under content/. */
  image?: { src: string; alt: string; credit: string; caption?: string };
  /** Markdown body. */
  body: string;
}

/**
 * The text of an article file: front matter in the contract's order, then the body.
 * @example formatArticle({ title: "Titre", date: "2021-12-09", sources: ["AA"], topics: ["Irak"], body: "Texte." }) // "---\ntitle: \"Titre\"\ndate: 2021-12-09\n…---\nTexte.\n"
 */
export function formatArticle(a: ArticleFile): string {
  const lines = [
    "---",
    `title: ${yamlString(a.title)}`,
    `date: ${yamlScalar(a.date)}`,
    `sources: ${yamlFlowList(a.sources)}`,
    ...(a.shortLink ? [`shortLink: ${yamlScalar(a.shortLink)}`] : []),
    `topics: ${yamlFlowList(a.topics)}`,
    ...(a.slug ? [`slug: ${a.slug}`] : []),
    ...(a.draft ? ["draft: true"] : []),
    ...(a.image
      ? [
          "image:",
          `  src: ${yamlString(a.image.src)}`,
          `  alt: ${yamlString(a.image.alt)}`,
          `  credit: ${yamlString(a.image.credit)}`,
          ...(a.image.caption ? [`  caption: ${yamlString(a.image.caption)}`] : []),
        ]
      : []),
    "---",
    a.body.replace(/\n*$/, "\n"),
  ];
  return lines.join("\n");
}

/**
 * A YAML double-quoted string: JSON's escapes are valid YAML, plus the characters YAML refuses raw.
 * @example yamlString("L’Irak \"libre\"") // "\"L’Irak \\\"libre\\\"\""
 */
export function yamlString(text: string): string {
  // C1 controls (Windows-1252's undefined bytes), DEL, BOM and the line separators are not printable YAML.
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A YAML scalar: plain when unambiguous (letters, digits, and the punctuation of dates and URLs), quoted otherwise. */
export function yamlScalar(text: string): string {
  const plain = /^[\p{L}\p{N}][\p{L}\p{N}:/.+_~%?=&-]*$/u.test(text) && !RESERVED.test(text) && !/^[-+]?[\d.]+$/.test(text);
  return plain ? text : yamlString(text);
}

const RESERVED = /^(?:true|false|null|yes|no|on|off|~)$/i;

/**
 * A YAML flow list, items plain when they are words, quoted otherwise.
 * @example yamlFlowList(["AA", "TRT FR", "Droits: humains"]) // "[AA, TRT FR, \"Droits: humains\"]"
 */
export function yamlFlowList(items: readonly string[]): string {
  const item = (s: string): string => (/^\p{L}[\p{L}\p{N} ’'-]*$/u.test(s) && !/\s$/.test(s) && !RESERVED.test(s) ? s : yamlString(s));
  return `[${items.map(item).join(", ")}]`;
}

/**
 * One line of wire copy as a markdown paragraph that renders to exactly that text: the few
 * characters CommonMark would read as markup are escaped, nothing else changes.
 * @example toMarkdownParagraph("1. Le *bilan* <officiel>") // "1\\. Le \\*bilan\\* \\<officiel>"
 */
export function toMarkdownParagraph(line: string): string {
  return (
    line
      .trim()
      .replace(/[\\`*_[\]<]/g, "\\$&")
      .replace(/&(?=#?[0-9A-Za-z]+;)/g, "\\&")
      // Line starts that open a heading, quote, list, thematic break or code fence.
      .replace(/^[#>+=~-]/, "\\$&")
      .replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2")
  );
}

/**
 * Writes a new article file in the content folder, creating its folders: whole or not at all,
 * never over an existing file, never through a symbolic link (a linked year folder would take it
 * out of the archive). Throws a CommandError that says what went wrong.
 */
export function writeNewArticle(contentDir: string, path: string, text: string): void {
  refuseSymbolicLinksBelow(contentDir, path, displayPath);
  createFileAtomically(path, text, displayPath(path));
}
