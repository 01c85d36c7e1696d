import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { DateTime } from "luxon";
import type { Topic } from "../content/model.ts";
import { parseContractDate } from "../text/dates.ts";
import { buildDateFromEnvironment } from "../publish/build-date.ts";
import { slugify } from "../text/slug.ts";
import { Diagnostics, sortDiagnostics, type Diagnostic } from "../content/diagnostics.ts";
import { validateArticleFile } from "../content/validate-files.ts";
import { articlePath, display, readArchiveIndex, type ArchiveIndex, type ArchiveRegistries } from "../wire/archive-index.ts";
import { writeNewArticle } from "../wire/write-article.ts";
import { fillTemplate, readArticleTemplate, TEMPLATE_PATH, type FilledTemplate } from "../wire/article-template.ts";
import { countDiagnostics, printDiagnostics, writeLine } from "./report.ts";
import { messages } from "../i18n/messages.ts";
import { describeControlCharacter, findControlCharacter } from "../text/control-characters.ts";
import { printCommandUsage, readOptions } from "./usage.ts";
import { readArticleOptions, terminalStyle } from "./wire-options.ts";
import { articleUrl } from "../urls/site-urls.ts";

/** Why `new` writes nothing: every mistake of the run, told together. */
interface Refusal {
  /** Mistakes in how the command was called: exit 2. */
  usage: string[];
  /** What the title asks that can't be done: exit 1. */
  problems: string[];
  /** Errors in the content folder's files, at their lines, each group followed by what it stops. */
  files: { diagnostics: Diagnostic[]; stops: string }[];
}

// Stands in for a title that can't be used, so the template is still checked in the same run.
const STAND_IN_TITLE = "Titre";

/**
 * `depeche new "Titre" [--topics a,b] [--date ISO] [--content DIR]`: creates a draft article to
 * fill in from the newsroom's template (`modeles/article.md`, else the built-in one), dated today
 * in the site's timezone unless told; prints its path. Every mistake (the command line, the content
 * folder, the template, the URL) is told in one run, and nothing is written: exit 2 when the
 * command line has one, else 1.
 */
export async function runNew(argv: string[]): Promise<number> {
  const { values, positionals, problems } = readOptions(
    argv,
    { topics: { type: "string" }, date: { type: "string" }, content: { type: "string", default: "content" } },
    true,
  );
  const refusal: Refusal = { usage: problems, problems: [], files: [] };
  const title = readTitle(positionals, refusal);
  // A refused --content leaves no folder to read.
  if (values.content === undefined) return refuse(refusal);
  const read = await readArchiveIndex(values.content);
  if (!read.ok) refusal.files.push({ diagnostics: read.diagnostics, stops: messages().cli.contentNotReady(values.content) });
  const registries = read.ok ? read.index : read.registries;
  const options = registries ? readArticleOptions(values, registries) : { problems: [] };
  refusal.usage.push(...options.problems);
  // Without valid registries the draft is only filled in, not checked: its date is a stand-in.
  // Today as the other commands take it: SOURCE_DATE_EPOCH, else the clock.
  const today = DateTime.fromMillis(buildDateFromEnvironment() ?? Date.now())
    .setZone(registries?.site.timezone ?? "utc")
    .toISODate()!;
  const date = values.date === undefined ? today : options.date;

  const text = fillDraft(
    resolve(values.content),
    { title: title?.title ?? STAND_IN_TITLE, date: date ?? today, topics: options.topics ?? [] },
    registries,
    refusal,
  );
  const index = read.ok ? read.index : undefined;
  const path = index && title && date ? claimPath(index, title.slug, date, refusal) : undefined;
  const refused = refusal.usage.length + refusal.problems.length + refusal.files.length > 0;
  if (!index || path === undefined || text === undefined || refused) return refuse(refusal);
  writeNewArticle(index.root, path, text);
  if (options.note) writeLine(process.stderr, `depeche new: ${options.note}`);
  writeLine(process.stdout, display(path));
  return 0;
}

// One title, with letters or digits for its URL; a missing one is a mistake in the call.
function readTitle(positionals: string[], refusal: Refusal): { title: string; slug: string } | undefined {
  const say = messages().cli;
  const title = positionals.length === 1 ? positionals[0]!.trim() : undefined;
  if (title === undefined || title === "") {
    refusal.usage.push(title === undefined ? say.newOneTitle() : say.newTitleEmpty());
    return undefined;
  }
  // Told of the title as given, not of the template the draft would be refused at.
  const lineBreak = title.search(/[\t\n\r\u2028\u2029]/);
  const control = findControlCharacter(title);
  if (lineBreak !== -1) refusal.usage.push(say.newTitleLineBreak(title[lineBreak] === "\t"));
  else if (control !== -1) refusal.usage.push(say.newTitleControlCharacter(describeControlCharacter(title[control]!)));
  if (lineBreak !== -1 || control !== -1) return undefined;
  const slug = slugify(title);
  const before = refusal.problems.length;
  if ([...title].length > 200) refusal.problems.push(say.newTitleTooLong());
  if (slug === "") refusal.problems.push(say.newNoSlug());
  return refusal.problems.length === before ? { title, slug } : undefined;
}

/**
 * The draft from the newsroom's template, filled in and checked as `check` will read it; the
 * template's mistakes are told at its lines, all of them, even while the title or an option is
 * wrong (stand-ins take their place) or the content folder's files are (it is then only filled in).
 */
function fillDraft(
  root: string,
  values: { title: string; date: string; topics: readonly Topic[] },
  registries: ArchiveRegistries | undefined,
  refusal: Refusal,
): string | undefined {
  const say = messages().cli;
  const template = readArticleTemplate(root);
  const file = template.path === undefined ? say.newTemplateBuiltIn(TEMPLATE_PATH) : display(template.path);
  const errors = new Diagnostics();
  const filled: FilledTemplate =
    "problem" in template
      ? { problems: [template.problem] }
      : fillTemplate(template.text, { ...values, topics: values.topics.map((t) => t.label), sourceCodes: registries?.sources.map((s) => s.code) ?? [] });
  for (const p of filled.problems) errors.error(file, p, p.message);
  if (filled.text !== undefined && registries) {
    const checked = new Diagnostics();
    validateArticleFile(file, new TextEncoder().encode(filled.text), registries.context, checked);
    // Below the `draft: true` that filling in added, the template's lines are one fewer.
    const templateLine = (line: number): number => (filled.addedLine !== undefined && line > filled.addedLine ? line - 1 : line);
    for (const d of checked.items) if (d.severity === "error") errors.error(file, { line: templateLine(d.line), column: d.column }, d.message);
  }
  if (errors.errorCount === 0) return filled.text;
  refusal.files.push({ diagnostics: sortDiagnostics(errors.items), stops: say.newTemplateRefused(file) });
  return undefined;
}

// The file and URL the title makes on that day, unless an article, an alias or urls.txt holds them: nothing is ever overwritten.
function claimPath(index: ArchiveIndex, slug: string, date: string, refusal: Refusal): string | undefined {
  const say = messages().cli;
  const day = parseContractDate(date, index.site.timezone)!.day;
  const url = articleUrl(day, slug);
  const path = articlePath(index.root, day, slug);
  const owner = index.urls.get(url)?.file ?? index.aliases.get(url);
  const retired = index.retired.get(url);
  const problem = owner
    ? say.newUrlTaken(url, owner)
    : retired
      ? say.newUrlRetired(url, retired)
      : existsSync(path)
        ? say.newFileExists(display(path))
        : undefined;
  if (problem === undefined) return path;
  refusal.problems.push(problem);
  return undefined;
}

// The files' errors, each group with what it stops, then the command line's mistakes, then one
// line that counts them all; a mistake in the call shows the usage too.
function refuse({ usage, problems, files }: Refusal): number {
  const say = messages().cli;
  for (const { diagnostics, stops } of files) {
    printDiagnostics(diagnostics, terminalStyle());
    writeLine(process.stderr, `depeche new: ${stops}`);
  }
  for (const line of [...usage, ...problems]) writeLine(process.stderr, `depeche new: ${line}`);
  const { errors, warnings } = countDiagnostics(files.flatMap((f) => f.diagnostics));
  writeLine(process.stderr, `depeche new: ${say.nothingWritten(say.errorsAndWarnings(errors + usage.length + problems.length, warnings))}`);
  if (usage.length === 0) return 1;
  printCommandUsage(process.stderr, "new");
  return 2;
}
