import { z } from "zod";
import { join } from "node:path";
import { displayPath, FILE_START, type Diagnostics, type Position } from "./diagnostics.ts";
import type { SiteConfig, Source, Topic } from "./model.ts";
import { checkShape, noCharacterNotInLink, noControlCharacters, oneLine } from "./schema.ts";
import { REGISTRY_LIMIT } from "./limits.ts";
import { decodeContentFile, readContentFile } from "./read-text.ts";
import { parseLocatedYaml, type LocatedYaml } from "./yaml.ts";
import { parse } from "yaml";
import { isValidTimezone } from "../text/dates.ts";
import { foldForMatch } from "../text/fold.ts";
import { isWindowsDeviceName, MAX_SLUG_LENGTH, slugify, SLUG_PATTERN } from "../text/slug.ts";
import { suggestName } from "../text/suggest.ts";
import { isSiteAddress, siteAddress } from "../text/web-links.ts";
import { messages } from "../i18n/messages.ts";

const SITE_KEYS = ["title", "baseUrl", "locale", "timezone", "description"] as const;
const TOPIC_KEYS = ["slug", "label", "description", "keywords", "aliases"] as const;
const SOURCE_KEYS = ["code", "name", "url", "aliases"] as const;

// Free text, which a comment on its line would cut short (see ARTICLE_TEXT_KEYS).
const SITE_TEXT_KEYS: ReadonlySet<string> = new Set(["title", "description"]);
const TOPIC_TEXT_KEYS: ReadonlySet<string> = new Set(["label", "description"]);
const SOURCE_TEXT_KEYS: ReadonlySet<string> = new Set(["name"]);

const absoluteUrl = (key: string, example: string) =>
  z
    .string({ error: () => messages().diagnostics.addressNotText(key, example) })
    .superRefine(noCharacterNotInLink(key, example))
    .trim()
    .refine(isSiteAddress, { error: () => messages().diagnostics.addressRule(key, example) });

const siteSchema = z.strictObject({
  title: z
    .string({ error: () => messages().diagnostics.siteTitleNotText() })
    .superRefine(noControlCharacters("title"))
    .superRefine(oneLine("title"))
    .trim()
    .min(1, { error: () => messages().diagnostics.siteTitleEmpty() }),
  baseUrl: absoluteUrl("baseUrl", "https://archives.example.org").transform(siteAddress),
  locale: z.literal("fr", { error: () => messages().diagnostics.localeNotFr() }),
  timezone: z
    .string({ error: () => messages().diagnostics.timezoneNotText() })
    .trim()
    .refine(isValidTimezone, { error: () => messages().diagnostics.timezoneUnknown() }),
  description: z
    .string({ error: () => messages().diagnostics.descriptionNotText() })
    .superRefine(noControlCharacters("description"))
    .trim()
    .optional(),
});

// Enough for a country's capital, adjective and leaders, or a field's vocabulary.
const MAX_KEYWORDS = 50;

// A topic's slug, and each of its old ones (`aliases`): a URL segment and a folder's name.
const topicSlug = () =>
  z
    .string({ error: () => messages().diagnostics.topicSlugMissing() })
    .trim()
    .regex(SLUG_PATTERN, { error: () => messages().diagnostics.topicSlugPattern() })
    .max(MAX_SLUG_LENGTH, { error: () => messages().diagnostics.topicSlugTooLong(MAX_SLUG_LENGTH) })
    .refine((slug) => !isWindowsDeviceName(slug), { error: () => messages().diagnostics.topicSlugDeviceName() });

const topicsSchema = z.array(
  z.strictObject({
    slug: topicSlug(),
    label: z
      .string({ error: () => messages().diagnostics.topicLabelMissing() })
      .superRefine(noControlCharacters("label"))
      .superRefine(oneLine("label"))
      .trim()
      .min(1, { error: () => messages().diagnostics.topicLabelEmpty() }),
    description: z
      .string({ error: () => messages().diagnostics.descriptionNotText() })
      .superRefine(noControlCharacters("description"))
      .trim()
      .optional(),
    keywords: z
      .array(z.string().superRefine(noControlCharacters("keywords")).trim().min(1), { error: () => messages().diagnostics.topicKeywordsNotList() })
      .max(MAX_KEYWORDS, { error: () => messages().diagnostics.topicKeywordsTooMany(MAX_KEYWORDS) })
      .optional(),
    aliases: z.array(topicSlug(), { error: () => messages().diagnostics.topicAliasesNotList() }).optional(),
  }),
  { error: () => messages().diagnostics.topicsNotList() },
);

const sourcesSchema = z.array(
  z.strictObject({
    code: z
      .string({ error: () => messages().diagnostics.sourceCodeMissing() })
      .superRefine(noControlCharacters("code"))
      .superRefine(oneLine("code"))
      .trim()
      .min(1, { error: () => messages().diagnostics.sourceCodeEmpty() }),
    name: z
      .string({ error: () => messages().diagnostics.sourceNameMissing() })
      .superRefine(noControlCharacters("name"))
      .superRefine(oneLine("name"))
      .trim()
      .min(1, { error: () => messages().diagnostics.sourceNameEmpty() }),
    url: absoluteUrl("url", "https://www.aa.com.tr/fr"),
    aliases: z
      .array(z.string().superRefine(noControlCharacters("aliases")).superRefine(oneLine("aliases")).trim().min(1), {
        error: () => messages().diagnostics.sourceAliasesNotList(),
      })
      .optional(),
  }),
  { error: () => messages().diagnostics.sourcesNotList() },
);

/** Validates `site.yaml`. */
export function readSiteConfig(yaml: LocatedYaml, file: string, diagnostics: Diagnostics): SiteConfig | undefined {
  const { value, problems } = checkShape(siteSchema, yaml.data ?? {}, yaml, SITE_KEYS);
  for (const p of problems) diagnostics.error(file, p.at, p.message);
  return value;
}

/** Validates `topics.yaml`: slugs unique, and no two topics that an editor could not tell apart. */
export function readTopics(yaml: LocatedYaml, file: string, diagnostics: Diagnostics): Topic[] | undefined {
  const { value, problems } = checkShape(topicsSchema, yaml.data ?? [], yaml, TOPIC_KEYS);
  for (const p of problems) diagnostics.error(file, p.at, p.message);
  if (!value) return undefined;
  const seen = new Map<string, number>();
  value.forEach((topic, i) => {
    for (const [key, name] of [
      ["slug", topic.slug],
      ["label", topic.label],
    ] as const) {
      const folded = foldForMatch(name);
      const first = seen.get(folded);
      if (first !== undefined && first !== i) {
        diagnostics.error(
          file,
          yaml.valuePosition([i, key]),
          messages().diagnostics.topicTaken(key, name, yaml.valuePosition([first, key]).line, value[first]!.slug),
        );
      } else seen.set(folded, i);
    }
  });
  // An old slug leads to one topic only: not another's slug or old slug, nor its own slug.
  const urls = new Map(value.map((topic, i) => [topic.slug, i]));
  value.forEach((topic, i) => {
    topic.aliases?.forEach((alias, j) => {
      const first = urls.get(alias);
      // Articles name a topic by its label or an old slug: one name, one topic.
      const named = seen.get(foldForMatch(alias));
      const at = yaml.valuePosition([i, "aliases", j]);
      if (first !== undefined)
        diagnostics.error(file, at, messages().diagnostics.topicAliasTaken(alias, yaml.valuePosition([first, "slug"]).line, value[first]!.slug));
      else if (named !== undefined && named !== i)
        diagnostics.error(file, at, messages().diagnostics.topicAliasIsLabel(alias, yaml.valuePosition([named, "label"]).line, value[named]!.label));
      else urls.set(alias, i);
    });
  });
  return value.map((t) => ({
    slug: t.slug,
    label: t.label,
    ...(t.description ? { description: t.description } : {}),
    ...(t.keywords?.length ? { keywords: t.keywords } : {}),
    ...(t.aliases?.length ? { aliases: t.aliases } : {}),
  }));
}

/** Validates `sources.yaml`: codes unique, also as URL segments. */
export function readSources(yaml: LocatedYaml, file: string, diagnostics: Diagnostics): Source[] | undefined {
  const { value, problems } = checkShape(sourcesSchema, yaml.data ?? [], yaml, SOURCE_KEYS);
  for (const p of problems) diagnostics.error(file, p.at, p.message);
  if (!value) return undefined;
  const seen = new Map<string, number>();
  const sources = value.map((source, i) => {
    const slug = slugify(source.code);
    const first = seen.get(slug);
    if (first !== undefined) {
      diagnostics.error(
        file,
        yaml.valuePosition([i, "code"]),
        messages().diagnostics.sourceCodeTaken(source.code, yaml.valuePosition([first, "code"]).line, value[first]!.code),
      );
    } else if (slug === "") {
      diagnostics.error(file, yaml.valuePosition([i, "code"]), messages().diagnostics.sourceCodeNoSlug(source.code));
    } else seen.set(slug, i);
    const { aliases, ...rest } = source;
    return { ...rest, slug, ...(aliases?.length ? { aliases: aliases.map(slugify) } : {}) };
  });
  // An old code leads to one source only, as a URL segment: not another's code or old code, nor its own code.
  sources.forEach((source, i) => {
    source.aliases?.forEach((alias, j) => {
      const written = value[i]!.aliases![j]!;
      const first = seen.get(alias);
      const at = yaml.valuePosition([i, "aliases", j]);
      if (alias === "") diagnostics.error(file, at, messages().diagnostics.sourceCodeNoSlug(written));
      else if (first !== undefined)
        diagnostics.error(file, at, messages().diagnostics.sourceAliasTaken(written, yaml.valuePosition([first, "code"]).line, value[first]!.code));
      else seen.set(alias, i);
    });
  });
  return sources;
}

/** A name as an editor wrote it, and the registry's name it most likely meant. */
export interface MeantName {
  written: string;
  meant: string;
}

/** Looks up registry entries by any name editors may write, ignoring case and accents. */
export class NameIndex<T> {
  private readonly byName = new Map<string, T>();
  private readonly byOldSlug = new Map<string, T>();
  private readonly asWritten = new Map<string, T | undefined>();
  private readonly names: string[] = [];
  private readonly otherNames = new Map<string, readonly string[]>();

  /**
   * `oldSlugsOf` gives an entry's `aliases`, the slugs of its former names: articles written before
   * a topic's slug or a source's code changed still name it, by any name that makes that slug
   * (`TRT FR` for `trt-fr`), and are never told to use it.
   */
  constructor(entries: readonly T[], namesOf: (entry: T) => string[], oldSlugsOf: (entry: T) => readonly string[] = () => []) {
    for (const entry of entries) {
      const all = namesOf(entry);
      for (const name of all) {
        const folded = foldForMatch(name);
        if (!this.byName.has(folded)) {
          this.byName.set(folded, entry);
          this.names.push(name);
          this.otherNames.set(name, all);
        }
      }
      for (const slug of oldSlugsOf(entry)) if (!this.byOldSlug.has(slug)) this.byOldSlug.set(slug, entry);
    }
  }

  /**
   * A registry name as an editor can paste it into a list in brackets: as it is, or its entry's
   * other name (a topic's slug), or in quotes. "Culture : patrimoine" pasted as is would make the
   * list's entry a key and its value.
   * @example topics.pasteable("Culture : patrimoine") // "culture"
   */
  pasteable(name: string): string {
    if (readsAsWritten(name)) return name;
    return this.otherNames.get(name)?.find(readsAsWritten) ?? JSON.stringify(name);
  }

  /** Finds an entry by a name as written; the same few names come back in every article. */
  find(name: string): T | undefined {
    if (!this.asWritten.has(name)) {
      const entry = this.byName.get(foldForMatch(name)) ?? (this.byOldSlug.size > 0 ? this.byOldSlug.get(slugify(name)) : undefined);
      this.asWritten.set(name, entry);
    }
    return this.asWritten.get(name);
  }

  /** The entry a mistyped name most likely meant ("Irak" for "Irack"), or nothing. */
  suggest(name: string): string | undefined {
    const suggestion = suggestName(name, this.names);
    // "AA, TRT FR" is closest to "AA": a hint that would drop TRT FR. Several names get suggestList's answer, or none.
    if (suggestion === undefined || (namesIn(name).length > 1 && !suggestion.includes(","))) return undefined;
    return this.pasteable(suggestion);
  }

  /**
   * The entries a text of several names parted by commas meant, each name as written and as it
   * should be, when every part is an entry or close to one; else nothing.
   * @example sources.suggestList("AA, TRT") // [{ written: "AA", meant: "AA" }, { written: "TRT", meant: "TRT FR" }]
   */
  suggestList(text: string): MeantName[] | undefined {
    const parts = namesIn(text);
    if (parts.length < 2) return undefined;
    const names: MeantName[] = [];
    for (const written of parts) {
      const meant = this.find(written) === undefined ? suggestName(written, this.names) : written;
      if (meant === undefined) return undefined;
      names.push({ written, meant: this.pasteable(meant) });
    }
    return names;
  }
}

// Whether a name written alone in a list in brackets reads back as that text.
function readsAsWritten(name: string): boolean {
  try {
    const read: unknown = parse(`[${name}]`, { schema: "core", logLevel: "error" });
    return Array.isArray(read) && read.length === 1 && read[0] === name;
  } catch {
    return false;
  }
}

function namesIn(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

// A registry that can't be read lets any name pass, as the entry it would make: the check of the
// names is held back until it reads, and the rest of each article is checked meanwhile.
class AnyName<T> extends NameIndex<T> {
  constructor(private readonly entryOf: (name: string) => T) {
    super([], () => []);
  }

  override find(name: string): T {
    return this.entryOf(name);
  }

  override suggest(): undefined {
    return undefined;
  }

  override suggestList(): undefined {
    return undefined;
  }
}

/** Topics by slug or label, or a former slug (`aliases`); without topics (topics.yaml can't be read), any name passes. */
export function indexTopics(topics: readonly Topic[] | undefined): NameIndex<Topic> {
  return topics
    ? new NameIndex(
        topics,
        (t) => [t.label, t.slug],
        (t) => t.aliases ?? [],
      )
    : new AnyName((name) => ({ slug: slugify(name), label: name }));
}

/** Sources by code, or a former code (`aliases`), ignoring case and accents; without sources (sources.yaml can't be read), any code passes. */
export function indexSources(sources: readonly Source[] | undefined): NameIndex<Source> {
  return sources
    ? new NameIndex(
        sources,
        (s) => [s.code],
        (s) => s.aliases ?? [],
      )
    : new AnyName((code) => ({ code, name: code, url: "", slug: slugify(code) }));
}

/** The three registries of a content folder, validated. */
export interface Registries {
  site: SiteConfig;
  topics: Topic[];
  sources: Source[];
}

/**
 * The registries as far as they can be read when one has errors, to check the articles against
 * meanwhile: the site's settings (without which no date can be read), and the topics and sources
 * when their files read through (a duplicate is an error, not a reason to hold the names back).
 */
export interface RegistriesRead {
  site: SiteConfig;
  topics?: Topic[];
  sources?: Source[];
}

/** A registry file's name. */
export type RegistryName = "site.yaml" | "topics.yaml" | "sources.yaml";

/**
 * Reads and validates site.yaml, topics.yaml and sources.yaml, reporting every error: `valid`
 * when all three are, else what reads of them (`read`, none without the site's settings), and
 * the files that do not read through (`unread`), whose checks wait for them.
 */
export function readRegistries(contentDir: string, diagnostics: Diagnostics): { valid?: Registries; read?: RegistriesRead; unread: RegistryName[] } {
  const before = diagnostics.errorCount;
  const site = readRegistryFile(join(contentDir, "site.yaml"), SITE_TEXT_KEYS, diagnostics, readSiteConfig);
  const topics = readRegistryFile(join(contentDir, "topics.yaml"), TOPIC_TEXT_KEYS, diagnostics, readTopics);
  const sources = readRegistryFile(join(contentDir, "sources.yaml"), SOURCE_TEXT_KEYS, diagnostics, readSources);
  if (site && topics && sources && diagnostics.errorCount === before) return { valid: { site, topics, sources }, unread: [] };
  const unread: RegistryName[] = [];
  if (!site) unread.push("site.yaml");
  if (!topics) unread.push("topics.yaml");
  if (!sources) unread.push("sources.yaml");
  return { ...(site ? { read: { site, ...(topics ? { topics } : {}), ...(sources ? { sources } : {}) } } : {}), unread };
}

function readRegistryFile<T>(
  path: string,
  textKeys: ReadonlySet<string>,
  diagnostics: Diagnostics,
  read: (yaml: LocatedYaml, file: string, diagnostics: Diagnostics) => T | undefined,
): T | undefined {
  const file = displayPath(path);
  const found = readContentFile(path, REGISTRY_LIMIT);
  if (!found.ok) {
    const message = found.missing ? messages().diagnostics.registryMissing(file.split("/").pop()!) : found.message;
    diagnostics.error(file, FILE_START, message);
    return undefined;
  }
  const decoded = decodeContentFile(found.bytes, "yaml");
  if (!decoded.ok) {
    diagnostics.error(file, decoded.at, decoded.message);
    return undefined;
  }
  const parsed = parseLocatedYaml(decoded.text.replace(/^\uFEFF/, ""), 1, textKeys);
  if (!parsed.ok) {
    for (const p of parsed.problems) diagnostics.error(file, p.at, p.message);
    return undefined;
  }
  return read(parsed.yaml, file, diagnostics);
}

/**
 * Where topics.yaml gives a topic's slug, or sources.yaml a source's code (by its index in the
 * list): read again, only when an error is said of it. The file's start when it no longer reads.
 */
export function locateRegistryEntry(contentDir: string, entry: { kind: "topic" | "source"; index: number }): { file: string; at: Position } {
  const [name, key, textKeys] =
    entry.kind === "topic" ? (["topics.yaml", "slug", TOPIC_TEXT_KEYS] as const) : (["sources.yaml", "code", SOURCE_TEXT_KEYS] as const);
  const path = join(contentDir, name);
  const file = displayPath(path);
  const found = readContentFile(path, REGISTRY_LIMIT);
  const decoded = found.ok ? decodeContentFile(found.bytes) : undefined;
  const parsed = decoded?.ok ? parseLocatedYaml(decoded.text.replace(/^\uFEFF/, ""), 1, textKeys) : undefined;
  return { file, at: parsed?.ok ? parsed.yaml.valuePosition([entry.index, key]) : FILE_START };
}
