import { existsSync } from "node:fs";
import { DateTime } from "luxon";
import { parseContractDate } from "../text/dates.ts";
import { slugify } from "../text/slug.ts";
import { BODY_PLACEHOLDER } from "../content/validate.ts";
import { articlePath, display } from "../wire/archive-index.ts";
import { formatArticle, writeNewArticle } from "../wire/write-article.ts";
import { writeLine } from "./report.ts";
import { messages } from "../i18n/messages.ts";
import { parseOptions, UsageError } from "./usage.ts";
import { openArchiveIndex, readDateOption, readTopicsOption } from "./wire-options.ts";
import { articleUrl } from "../urls/site-urls.ts";

/**
 * `depeche new "Titre" [--topics a,b] [--date ISO] [--content DIR]`: creates a draft article to
 * fill in, dated today in the site's timezone unless told; prints its path. Exit 0, or 1 when
 * the title can't make a new URL.
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

  const text = formatArticle({
    title,
    date,
    sources: [],
    topics: topics.map((t) => t.label),
    draft: true,
    body: BODY_PLACEHOLDER,
    hints: {
      sources: `codes de sources.yaml : ${index.sources.map((s) => s.code).join(", ")}`,
      ...(topics.length === 0 ? { topics: "entrées de topics.yaml, par exemple Irak, Défense" } : {}),
    },
  });
  writeNewArticle(index.root, path, text);
  writeLine(process.stdout, display(path));
  return 0;
}
