/**
 * One topic or source that many articles name and the registries lack, told as one error: a slug
 * or a code renamed without the old one in `aliases` would otherwise be one error per article,
 * hundreds in a large archive, and its one fix lost among them.
 */
import type { Diagnostic, Place, Position } from "./diagnostics.ts";
import type { Source, Topic } from "./model.ts";
import { indexSources, indexTopics } from "./registries.ts";
import type { RegistryEntry } from "./url-manifest.ts";
import { foldForMatch } from "../text/fold.ts";
import { isSlug, slugify } from "../text/slug.ts";
import { suggestName } from "../text/suggest.ts";
import { sourceUrl, topicUrl } from "../urls/site-urls.ts";
import { messages } from "../i18n/messages.ts";

/** From how many articles naming one unknown topic or source their errors are told as one; fewer keep one each, at its line. */
export const GROUPED_FROM = 4;

/** How many of a grouped error's places its message names; the others are counted (`--json` gives them all). */
export const PLACES_NAMED = 3;

/** What a grouped error reads of the registries and the archive, asked for only when many articles name one unknown name. */
export interface RegistryUse {
  topics?: readonly Topic[];
  sources?: readonly Source[];
  /** The slugs of the topics and of the sources that articles name (a file with errors: when each of its names is known). */
  named(): { topics: ReadonlySet<string>; sources: ReadonlySet<string> };
  /** The pages urls.txt lists as published and not removed (`pageOfUrl`). */
  published(): ReadonlySet<string>;
  /** Where topics.yaml gives a topic's slug, or sources.yaml a source's code. */
  locate(entry: RegistryEntry): { file: string; at: Position };
}

type UnknownKind = "unknownTopic" | "unknownSource";

/**
 * The diagnostics with the `unknownTopic` or `unknownSource` errors of one name (as its slug, the
 * way `aliases` match it) in GROUPED_FROM articles or more replaced by one error that carries
 * their places. It stands at the entry of topics.yaml or sources.yaml that looks renamed from that
 * name (see `renamedEntry`), with the line to paste there, else at the first article.
 */
export function groupUnknownNames(items: readonly Diagnostic[], use: RegistryUse): Diagnostic[] {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of items) {
    if (d.severity !== "error" || d.name === undefined || (d.kind !== "unknownTopic" && d.kind !== "unknownSource")) continue;
    const key = `${d.kind}\n${slugify(d.name) || foldForMatch(d.name)}`;
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  const many = [...groups.values()].filter((group) => new Set(group.map((d) => d.file)).size >= GROUPED_FROM);
  if (many.length === 0) return [...items];
  const told = new Set(many.flat());
  return [...items.filter((d) => !told.has(d)), ...many.map((group) => groupedError(group, use))];
}

/**
 * Whether a diagnostic of one file is among the places of a grouped error: the preview, which
 * prints the errors of the files a save changed, leaves those to the grouped error.
 */
export function isGrouped(grouped: readonly Diagnostic[]): (d: Diagnostic) => boolean {
  const places = new Set(grouped.flatMap((g) => (g.places ?? []).map((p) => `${p.file}:${p.line}:${p.column}`)));
  return (d) => places.size > 0 && d.name !== undefined && places.has(`${d.file}:${d.line}:${d.column}`);
}

function groupedError(group: readonly Diagnostic[], use: RegistryUse): Diagnostic {
  const kind = group[0]!.kind as UnknownKind;
  const topics = kind === "unknownTopic";
  const places: Place[] = group
    .map(({ file, line, column }) => ({ file, line, column }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column);
  const name = mostWritten(group);
  const articles = new Set(places.map((p) => p.file)).size;
  const shown = places.slice(0, PLACES_NAMED).map((p) => `${p.file}:${p.line}`);
  const others = places.length - shown.length;
  const say = messages().diagnostics;
  const entries: readonly (Topic | Source)[] = (topics ? use.topics : use.sources) ?? [];
  const alias = aliasFor(name, topics, entries);
  // As each article's error would have said it.
  const suggestion = topics ? indexTopics(use.topics).suggest(name) : indexSources(use.sources).suggest(name);
  const index = alias === undefined ? undefined : renamedEntry(name, topics, entries, suggestion !== undefined, use);
  const first = places[0]!;
  if (index !== undefined) {
    const where = use.locate({ kind: topics ? "topic" : "source", index });
    const aliases = [...(entries[index]!.aliases ?? []), alias!].join(", ");
    const message = (topics ? say.unknownTopicRenamed : say.unknownSourceRenamed)(name, articles, shown, others, aliases);
    return { severity: "error", file: where.file, line: where.at.line, column: where.at.column, message, kind: `${kind}Renamed`, name, places };
  }
  const message = (topics ? say.unknownTopicInMany : say.unknownSourceInMany)(name, suggestion, articles, shown, others, alias);
  return { severity: "error", file: first.file, line: first.line, column: first.column, message, kind: `${kind}InMany`, name, places };
}

// The name as most of its articles write it (`AA` rather than `aa`), the first of equals.
function mostWritten(group: readonly Diagnostic[]): string {
  const counts = new Map<string, number>();
  for (const d of group) counts.set(d.name!, (counts.get(d.name!) ?? 0) + 1);
  let best = group[0]!.name!;
  for (const [name, n] of counts) if (n > counts.get(best)!) best = name;
  return best;
}

/**
 * The name as an entry's `aliases` takes it, when the registry would take it: a topic's old slug
 * (`Etats Unis` → `etats-unis`), a source's old code as written (in quotes where a list in brackets
 * would read it otherwise); nothing when it would be refused, another entry's slug, code, old one
 * or label (`topicAliasTaken`, `topicAliasIsLabel`, `sourceAliasTaken`).
 */
function aliasFor(name: string, topics: boolean, entries: readonly (Topic | Source)[]): string | undefined {
  const slug = slugify(name);
  if (slug === "" || entries.some((entry) => entry.slug === slug || entry.aliases?.includes(slug))) return undefined;
  if (!topics) return indexSources(entries as readonly Source[]).pasteable(name);
  if (!isSlug(slug)) return undefined;
  return entries.some((entry) => foldForMatch((entry as Topic).label) === slug) ? undefined : slug;
}

/**
 * The entry an old name looks renamed to, among those no article names any more (a renamed entry
 * has lost every article to its old name; a typo's entry keeps its own): the one whose label or
 * name makes the old slug, else the nearest by its slug, code or label (`AA` → `AAJ`), else the only
 * one, when the name is near no other entry (`near`: a typo of a named one) or when urls.txt lists
 * its page (it was published, so it was an entry's). A name never in the registry (`Reuters`, a new
 * agency) finds none while every entry but one is named; the message says « si ».
 */
function renamedEntry(name: string, topics: boolean, entries: readonly (Topic | Source)[], near: boolean, use: RegistryUse): number | undefined {
  const named = topics ? use.named().topics : use.named().sources;
  const unused = entries.flatMap((entry, index) => (named.has(entry.slug) ? [] : [{ entry, index }]));
  if (unused.length === 0) return undefined;
  const old = slugify(name);
  const sameName = unused.find(({ entry }) => slugify("label" in entry ? entry.label : entry.name) === old);
  if (sameName) return sameName.index;
  const names = new Map<string, number>();
  for (const { entry, index } of unused)
    for (const n of "label" in entry ? [entry.slug, entry.label] : [entry.code, entry.name]) if (!names.has(n)) names.set(n, index);
  const nearest = suggestName(name, names.keys());
  if (nearest !== undefined) return names.get(nearest);
  if (unused.length !== 1) return undefined;
  return !near || use.published().has((topics ? topicUrl : sourceUrl)({ slug: old })) ? unused[0]!.index : undefined;
}
