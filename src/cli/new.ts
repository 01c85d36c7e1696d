import { existsSync } from "node:fs";
import { DateTime } from "luxon";
import { parseContractDate } from "../text/dates.ts";
import { slugify } from "../text/slug.ts";
import { Diagnostics } from "../content/diagnostics.ts";
import { validateArticleFile } from "../content/validate-files.ts";
import { articlePath, display } from "../wire/archive-index.ts";
import { writeNewArticle } from "../wire/write-article.ts";
import { fillTemplate, readArticleTemplate, TEMPLATE_PATH } from "../wire/article-template.ts";
import { printDiagnostics, writeLine } from "./report.ts";
import { messages } from "../i18n/messages.ts";
import { parseOptions, UsageError } from "./usage.ts";
import { openArchiveIndex, readDateOption, readTopicsOption, terminalStyle } from "./wire-options.ts";
import { articleUrl } from "../urls/site-urls.ts";

/**
 * `depeche new "Titre" [--topics a,b] [--date ISO] [--content DIR]`: creates a draft article to
 * fill in from the newsroom's template (`modeles/article.md`, else the built-in one), dated today
 * in the site's timezone unless told; prints its path. Exit 0, or 1 when the title can't make a
 * new URL or the template can't make a draft that check accepts.
 */
export async function runNew(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { topics: { type: "string" }, date: { type: "string" }, content: { type: "string", default: "content" } },
    true,
  );
  const say = messages().cli;
  if (positionals.length !== 1) throw new UsageError(say.newOneTitle());
  const title = positionals[0]!.trim();
  if (title === "") throw new UsageError(say.newTitleEmpty());
  const index = await openArchiveIndex("new", values.content);
  if (!index) return 1;
  const date = values.date === undefined ? DateTime.now().setZone(index.site.timezone).toISODate()! : readDateOption(values.date, index);
  const topics = values.topics === undefined ? [] : readTopicsOption(values.topics, index);

  const fail = (message: string): number => {
    writeLine(process.stderr, `depeche new: ${say.newRefused(message)}`);
    return 1;
  };
  if ([...title].length > 200) return fail(say.newTitleTooLong());
  const slug = slugify(title);
  if (slug === "") return fail(say.newNoSlug());
  const day = parseContractDate(date, index.site.timezone)!.day;
  const url = articleUrl(day, slug);
  const owner = index.urls.get(url)?.file ?? index.aliases.get(url);
  if (owner) return fail(say.newUrlTaken(url, owner));
  const retired = index.retired.get(url);
  if (retired) return fail(say.newUrlRetired(url, retired));
  const path = articlePath(index.root, day, slug);
  if (existsSync(path)) return fail(say.newFileExists(display(path)));

  const template = readArticleTemplate(index.root);
  const templateFile = template.path === undefined ? say.newTemplateBuiltIn(TEMPLATE_PATH) : display(template.path);
  const refuse = (problems: readonly { line: number; column: number; message: string }[]): number => {
    const diagnostics = new Diagnostics();
    for (const p of problems) diagnostics.error(templateFile, p, p.message);
    printDiagnostics(diagnostics.items, terminalStyle());
    return fail(say.newTemplateRefused(templateFile));
  };
  if ("problem" in template) return refuse([template.problem]);
  const filled = fillTemplate(template.text, { title, date, topics: topics.map((t) => t.label), sourceCodes: index.sources.map((s) => s.code) });
  if ("problems" in filled) return refuse(filled.problems);
  // What new writes must pass check as a draft: the template's own mistakes are told at its lines.
  const checked = new Diagnostics();
  validateArticleFile(display(path), new TextEncoder().encode(filled.text), index.context, checked);
  const errors = checked.items.filter((d) => d.severity === "error");
  if (errors.length > 0) return refuse(errors);
  writeNewArticle(index.root, path, filled.text);
  writeLine(process.stdout, display(path));
  return 0;
}
