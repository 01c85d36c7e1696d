import { existsSync } from "node:fs";
import { DateTime } from "luxon";
import { parseContractDate } from "../text/dates.ts";
import { slugify } from "../text/slug.ts";
import { BODY_PLACEHOLDER } from "../content/validate.ts";
import { articlePath, display } from "../wire/archive-index.ts";
import { formatArticle, writeNewArticle } from "../wire/write-article.ts";
import { writeLine } from "./report.ts";
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
