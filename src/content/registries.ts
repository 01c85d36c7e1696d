import { z } from "zod";
import { join } from "node:path";
import { displayPath, FILE_START, type Diagnostics } from "./diagnostics.ts";
import type { SiteConfig, Source, Topic } from "./model.ts";
import { checkShape, noControlCharacters } from "./schema.ts";
import { REGISTRY_LIMIT } from "./limits.ts";
import { decodeContentFile, readContentFile } from "./read-text.ts";
import { parseLocatedYaml, type LocatedYaml } from "./yaml.ts";
import { isValidTimezone } from "../text/dates.ts";
import { foldForMatch } from "../text/fold.ts";
import { isWindowsDeviceName, MAX_SLUG_LENGTH, slugify, SLUG_PATTERN, WINDOWS_DEVICE_NAMES } from "../text/slug.ts";
import { didYouMean } from "../text/suggest.ts";
import { isSiteAddress, siteAddress, siteAddressRule } from "../text/web-links.ts";

const SITE_KEYS = ["title", "baseUrl", "locale", "timezone", "description"] as const;
const TOPIC_KEYS = ["slug", "label", "description", "keywords"] as const;
const SOURCE_KEYS = ["code", "name", "url"] as const;

const absoluteUrl = (what: string, example: string) =>
  z
    .string({ error: `${what} must be an absolute URL such as ${example}` })
    .trim()
    .refine(isSiteAddress, `${what} must be ${siteAddressRule(example)}`);

const siteSchema = z.strictObject({
  title: z
    .string({ error: '"title" must be text, e.g. title: "Archives de l’actualité"' })
    .superRefine(noControlCharacters("title"))
    .trim()
    .min(1, '"title" is empty: name the site'),
  baseUrl: absoluteUrl('"baseUrl"', "https://archives.example.org").transform(siteAddress),
  locale: z.literal("fr", { error: '"locale" must be fr: Dépêche publishes French archives' }),
  timezone: z
    .string({ error: '"timezone" must be an IANA name such as Europe/Paris' })
    .trim()
    .refine(isValidTimezone, '"timezone" is not a known IANA timezone: use a name such as Europe/Paris'),
  description: z.string({ error: '"description" must be text' }).superRefine(noControlCharacters("description")).trim().optional(),
});

// Editors' message, in French, to move into the message catalogue.
const KEYWORDS_MESSAGE = "« keywords » d’un sujet est une liste de mots non vides, par exemple keywords: [Bagdad, irakien]";
// Enough for a country's capital, adjective and leaders, or a field's vocabulary.
const MAX_KEYWORDS = 50;

const topicsSchema = z.array(
  z.strictObject({
    slug: z
      .string({ error: 'each topic needs a "slug" such as etats-unis' })
      .trim()
      .regex(SLUG_PATTERN, 'a topic "slug" may only hold a-z, 0-9 and single dashes, e.g. etats-unis')
      .max(MAX_SLUG_LENGTH, `a topic "slug" is at most ${MAX_SLUG_LENGTH} characters long, more than a file name can hold: shorten it`)
      .refine(
        (slug) => !isWindowsDeviceName(slug),
        `a topic "slug" may not be a name Windows keeps for devices (${WINDOWS_DEVICE_NAMES}), where its pages could not be written: add a word, e.g. nul-1`,
      ),
    label: z
      .string({ error: 'each topic needs a "label" such as "États-Unis"' })
      .superRefine(noControlCharacters("label"))
      .trim()
      .min(1, 'a topic "label" is empty'),
    description: z.string({ error: 'a topic "description" must be text' }).superRefine(noControlCharacters("description")).trim().optional(),
    keywords: z
      .array(z.string().superRefine(noControlCharacters("keywords")).trim().min(1), { error: KEYWORDS_MESSAGE })
      .max(MAX_KEYWORDS, `« keywords » d’un sujet compte au plus ${MAX_KEYWORDS} mots : gardez ceux qui disent le sujet`)
      .optional(),
  }),
  { error: "topics.yaml must be a list of topics: - slug: irak\\n  label: Irak" },
);

const sourcesSchema = z.array(
  z.strictObject({
    code: z.string({ error: 'each source needs a "code" such as AA' }).superRefine(noControlCharacters("code")).trim().min(1, 'a source "code" is empty'),
    name: z
      .string({ error: 'each source needs a "name" such as "Agence Anadolu"' })
      .superRefine(noControlCharacters("name"))
      .trim()
      .min(1, 'a source "name" is empty'),
    url: absoluteUrl('a source "url"', "https://www.aa.com.tr/fr"),
  }),
  { error: "sources.yaml must be a list of sources: - code: AA\\n  name: Agence Anadolu\\n  url: https://www.aa.com.tr/fr" },
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
          `topic ${key} "${name}" is already used by topic ${first + 1} ("${value[first]!.slug}"): each topic needs its own slug and label`,
        );
      } else seen.set(folded, i);
    }
  });
  return value.map((t) => ({
    slug: t.slug,
    label: t.label,
    ...(t.description ? { description: t.description } : {}),
    ...(t.keywords?.length ? { keywords: t.keywords } : {}),
  }));
}

/** Validates `sources.yaml`: codes unique, also as URL segments. */
export function readSources(yaml: LocatedYaml, file: string, diagnostics: Diagnostics): Source[] | undefined {
  const { value, problems } = checkShape(sourcesSchema, yaml.data ?? [], yaml, SOURCE_KEYS);
  for (const p of problems) diagnostics.error(file, p.at, p.message);
  if (!value) return undefined;
  const seen = new Map<string, number>();
  return value.map((source, i) => {
    const slug = slugify(source.code);
    const first = seen.get(slug);
    if (first !== undefined) {
      diagnostics.error(
        file,
        yaml.valuePosition([i, "code"]),
        `source code "${source.code}" is already used by source ${first + 1} ("${value[first]!.code}"): give each agency its own code`,
      );
    } else if (slug === "") {
      diagnostics.error(file, yaml.valuePosition([i, "code"]), `source code "${source.code}" has no letters or digits to make its page URL from`);
    } else seen.set(slug, i);
    return { ...source, slug };
  });
}

/** Looks up registry entries by any name editors may write, ignoring case and accents. */
export class NameIndex<T> {
  private readonly byName = new Map<string, T>();
  private readonly asWritten = new Map<string, T | undefined>();
  private readonly names: string[] = [];

  constructor(entries: readonly T[], namesOf: (entry: T) => string[]) {
    for (const entry of entries) {
      for (const name of namesOf(entry)) {
        const folded = foldForMatch(name);
        if (!this.byName.has(folded)) {
          this.byName.set(folded, entry);
          this.names.push(name);
        }
      }
    }
  }

  /** Finds an entry by a name as written; the same few names come back in every article. */
  find(name: string): T | undefined {
    if (!this.asWritten.has(name)) this.asWritten.set(name, this.byName.get(foldForMatch(name)));
    return this.asWritten.get(name);
  }

  /** ` (did you mean "Irak"?)` or an empty string. */
  suggest(name: string): string {
    return didYouMean(name, this.names);
  }
}

/** Topics by slug or label. */
export function indexTopics(topics: readonly Topic[]): NameIndex<Topic> {
  return new NameIndex(topics, (t) => [t.label, t.slug]);
}

/** Sources by code, ignoring case and accents. */
export function indexSources(sources: readonly Source[]): NameIndex<Source> {
  return new NameIndex(sources, (s) => [s.code]);
}

/** The three registries of a content folder, validated. */
export interface Registries {
  site: SiteConfig;
  topics: Topic[];
  sources: Source[];
}

/** Reads and validates site.yaml, topics.yaml and sources.yaml; undefined (with the errors reported) unless all three are valid. */
export function readRegistries(contentDir: string, diagnostics: Diagnostics): Registries | undefined {
  const before = diagnostics.errorCount;
  const site = readRegistryFile(join(contentDir, "site.yaml"), diagnostics, readSiteConfig);
  const topics = readRegistryFile(join(contentDir, "topics.yaml"), diagnostics, readTopics);
  const sources = readRegistryFile(join(contentDir, "sources.yaml"), diagnostics, readSources);
  return site && topics && sources && diagnostics.errorCount === before ? { site, topics, sources } : undefined;
}

function readRegistryFile<T>(
  path: string,
  diagnostics: Diagnostics,
  read: (yaml: LocatedYaml, file: string, diagnostics: Diagnostics) => T | undefined,
): T | undefined {
  const file = displayPath(path);
  const found = readContentFile(path, REGISTRY_LIMIT);
  if (!found.ok) {
    const message = found.missing
      ? `missing ${file.split("/").pop()}: every archive needs site.yaml, topics.yaml and sources.yaml in its content folder (is --content the right folder?)`
      : found.message;
    diagnostics.error(file, FILE_START, message);
    return undefined;
  }
  const decoded = decodeContentFile(found.bytes);
  if (!decoded.ok) {
    diagnostics.error(file, FILE_START, decoded.message);
    return undefined;
  }
  const parsed = parseLocatedYaml(decoded.text.replace(/^\uFEFF/, ""));
  if (!parsed.ok) {
    for (const p of parsed.problems) diagnostics.error(file, p.at, p.message);
    return undefined;
  }
  return read(parsed.yaml, file, diagnostics);
}
