/**
 * The newsroom's template for `depeche new`, as Hugo's archetypes: `modeles/article.md` in the
 * content folder, which editors may change; the built-in default when it is absent. Variables
 * (`{{ titre }}`) are filled in safely: as YAML values in the front matter, as escaped text in the body.
 */
import { join } from "node:path";
import { ARTICLE_LIMIT } from "../content/limits.ts";
import { decodeContentFile, readContentFile } from "../content/read-text.ts";
import { BODY_PLACEHOLDER } from "../content/validate.ts";
import { messages } from "../i18n/messages.ts";
import { toMarkdownParagraph, yamlFlowList, yamlScalar, yamlString } from "./write-article.ts";

/** Where the template lives, relative to the content folder. */
export const TEMPLATE_PATH = "modeles/article.md";

/** The template used when the content folder has none: a draft to fill, as `new` always wrote. */
export const DEFAULT_TEMPLATE = `---
title: {{ titre }}
date: {{ date }}
sources: [] # codes de sources.yaml : {{ sources_disponibles }}
topics: {{ sujets }} # entrées de topics.yaml, par exemple Irak, Défense
draft: true
---
${BODY_PLACEHOLDER}
`;

/** What `new` knows when it fills the template in. */
export interface TemplateValues {
  title: string;
  /** A contract date, checked. */
  date: string;
  /** Topic labels. */
  topics: string[];
  /** Every code of sources.yaml. */
  sourceCodes: string[];
}

/** A problem in the template, at its line and column. */
export interface TemplateProblem {
  line: number;
  column: number;
  message: string;
}

const VARIABLE_NAMES = ["titre", "date", "sujets", "sources_disponibles"] as const;
type VariableName = (typeof VARIABLE_NAMES)[number];
const VARIABLE = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** The content folder's template, or the default; a template that can't be read is a problem at its start. */
export function readArticleTemplate(contentDir: string): { text: string; path?: string } | { problem: TemplateProblem; path: string } {
  const path = join(contentDir, ...TEMPLATE_PATH.split("/"));
  const read = readContentFile(path, ARTICLE_LIMIT);
  if (!read.ok)
    return read.missing ? { text: DEFAULT_TEMPLATE } : { problem: { line: 1, column: 1, message: messages().cli.templateUnreadable(read.message) }, path };
  const decoded = decodeContentFile(read.bytes);
  if (!decoded.ok) return { problem: { line: 1, column: 1, message: messages().cli.templateUnreadable(decoded.message) }, path };
  return { text: decoded.text, path };
}

/** A filled-in template: every problem of the template, and the draft to write when there is none. */
export interface FilledTemplate {
  problems: TemplateProblem[];
  /**
   * The draft; with problems, a stand-in that checks the rest of the template (an unknown variable
   * an empty value in the front matter, `draft: true` in place of another), never to be written.
   * Absent when the template has no front matter.
   */
  text?: string;
  /** The line of `text` that the template does not have (the `draft: true` added), if any. */
  addedLine?: number;
}

/**
 * Fills a template in: in the front matter each variable becomes a YAML value (the title quoted,
 * topics and codes as a flow list), in the body escaped markdown text, so that no title can add a
 * key or markup. Adds `draft: true` when the front matter has no `draft`. Every problem is reported.
 * @example fillTemplate("---\ntitle: {{ titre }}\n---\n# {{ titre }}\n", { title: "A *b*", … }).text // "---\ntitle: \"A *b*\"\ndraft: true\n---\n# A \\*b\\*\n"
 */
export function fillTemplate(template: string, values: TemplateValues): FilledTemplate {
  const lines = template.replace(/\r\n?/g, "\n").split("\n");
  const close = lines[0]?.trimEnd() === "---" ? lines.findIndex((line, i) => i > 0 && line.trimEnd() === "---") : -1;
  if (close === -1) return { problems: [{ line: 1, column: 1, message: messages().cli.templateNoFrontMatter() }] };
  const problems: TemplateProblem[] = [];
  // The title given to `new` names the file and makes the address checked for a clash: the draft's title must be it.
  const titleLine = lines.findIndex((line, i) => i > 0 && i < close && /^title\s*:/.test(line));
  if (titleLine === -1 || !/^title\s*:\s*\{\{\s*titre\s*\}\}\s*(#.*)?$/.test(lines[titleLine]!)) {
    problems.push({ line: titleLine === -1 ? 1 : titleLine + 1, column: 1, message: messages().cli.templateTitleNotGiven() });
  }
  const inFrontMatter: Record<VariableName, string> = {
    titre: yamlString(values.title),
    date: yamlScalar(values.date),
    sujets: yamlFlowList(values.topics),
    sources_disponibles: yamlFlowList(values.sourceCodes),
  };
  const inBody: Record<VariableName, string> = {
    titre: toMarkdownParagraph(values.title),
    date: toMarkdownParagraph(values.date),
    sujets: toMarkdownParagraph(values.topics.join(", ")),
    sources_disponibles: toMarkdownParagraph(values.sourceCodes.join(", ")),
  };
  const filled = lines.map((line, i) =>
    line.replace(VARIABLE, (whole, name: string, offset: number) => {
      if (!(VARIABLE_NAMES as readonly string[]).includes(name)) {
        problems.push({ line: i + 1, column: offset + 1, message: messages().cli.templateUnknownVariable(name, VARIABLE_NAMES) });
        // Quoted the YAML way that stays harmless inside a quoted value too.
        return i < close ? "''" : whole;
      }
      return (i < close ? inFrontMatter : inBody)[name as VariableName];
    }),
  );
  const draftLine = filled.findIndex((line, i) => i > 0 && i < close && /^draft\s*:/.test(line));
  if (draftLine !== -1 && !/^draft\s*:\s*true\s*(#.*)?$/.test(filled[draftLine]!)) {
    problems.push({ line: draftLine + 1, column: 1, message: messages().cli.templateNotDraft() });
    filled[draftLine] = "draft: true";
  }
  if (draftLine === -1) filled.splice(close, 0, "draft: true");
  const text = filled.join("\n").replace(/\n*$/, "\n");
  return draftLine === -1 ? { problems, text, addedLine: close + 1 } : { problems, text };
}
