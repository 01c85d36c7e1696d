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
  if (positionals.length !== 1) throw new UsageError('give one title, in quotes: depeche new "L’Irak annonce la fin de la mission de combat"');
  const title = positionals[0]!.trim();
  if (title === "") throw new UsageError('the title is empty: depeche new "L’Irak annonce la fin de la mission de combat"');
  const index = await openArchiveIndex("new", values.content);
  if (!index) return 1;
  const date = values.date === undefined ? DateTime.now().setZone(index.site.timezone).toISODate()! : readDateOption(values.date, index);
  const topics = values.topics === undefined ? [] : readTopicsOption(values.topics, index);

  const fail = (message: string): number => {
    writeLine(process.stderr, `depeche new: ${message}; nothing was written`);
    return 1;
  };
  if ([...title].length > 200) return fail("the title is longer than 200 characters: shorten it, and put the rest in the summary");
  const slug = slugify(title);
  if (slug === "") return fail("the title has no letters or digits to make a URL from");
  const day = parseContractDate(date, index.site.timezone)!.day;
  const url = articleUrl(day, slug);
  const owner = index.urls.get(url)?.file ?? index.aliases.get(url);
  if (owner) return fail(`${url} is already the URL of ${owner}: choose another title`);
  const retired = index.retired.get(url);
  if (retired) return fail(`${url} was published before (${retired}) and no article holds it now: choose another title`);
  const path = articlePath(index.root, day, slug);
  if (existsSync(path)) return fail(`${display(path)} already exists and is never overwritten`);

  const template = readArticleTemplate(index.root);
  const templateFile = template.path === undefined ? `${TEMPLATE_PATH} (built in)` : display(template.path);
  const refuse = (problems: readonly { line: number; column: number; message: string }[]): number => {
    const diagnostics = new Diagnostics();
    for (const p of problems) diagnostics.error(templateFile, p, p.message);
    printDiagnostics(diagnostics.items, terminalStyle());
    return fail(`the template ${templateFile} can't make a draft that check accepts: fix it, or delete it to use the built-in one`);
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
