import { z } from "zod";
import type { Position } from "./diagnostics.ts";
import type { LocatedYaml } from "./yaml.ts";
import { describeControlCharacter, findControlCharacter } from "../text/control-characters.ts";
import { aliasPathProblem, isWindowsDeviceName, MAX_SLUG_LENGTH, SLUG_PATTERN } from "../text/slug.ts";
import { suggestName } from "../text/suggest.ts";
import { findCharacterNotInLink, findLookAlikeHost, isShortLinkAddress } from "../text/web-links.ts";
import { messages } from "../i18n/messages.ts";
import { keyForSynonym } from "./key-synonyms.ts";

// zod checks the shape of what editors write; resolving names against the registries and the
// rules across articles come after, in validate.ts, where the registries are known.
// Messages say what is wrong and how to fix it, since an editor reads them, not a developer.

/**
 * Text that pages show may not hold control characters (invalid in HTML, and invisible in an
 * editor); the error points at the character itself. Checked before trimming, so none hides.
 */
export const noControlCharacters = (key: string) => (value: string, ctx: z.RefinementCtx) => {
  const index = findControlCharacter(value);
  if (index === -1) return;
  ctx.addIssue({
    code: "custom",
    message: messages().diagnostics.controlCharacter(key, describeControlCharacter(value[index]!)),
    params: { index },
  });
};

/**
 * A link may hold no space, no invisible character nor one no address holds, and its host no letter
 * out of ASCII, which may imitate a Latin one: the error points at the first.
 */
export const noCharacterNotInLink = (key: string, example: string) => (value: string, ctx: z.RefinementCtx) => {
  const say = messages().diagnostics;
  const index = findCharacterNotInLink(value);
  const lookAlike = findLookAlikeHost(value);
  if (index === -1 && lookAlike === -1) return;
  if (index === -1 || (lookAlike !== -1 && lookAlike < index)) {
    const letter = String.fromCodePoint(value.codePointAt(lookAlike)!);
    ctx.addIssue({ code: "custom", message: say.lookAlikeHost(key, letter, describeControlCharacter(letter), example), params: { index: lookAlike } });
    return;
  }
  const character = value[index]!;
  const message =
    character === " "
      ? say.characterInLink(key, undefined, example)
      : /^[\x21-\x7e]$/.test(character)
        ? say.characterNotInAddress(key, character, example)
        : say.characterInLink(key, describeControlCharacter(character), example);
  // A space or a line break that is where the value goes on to another line is told as such (describeIssue).
  // A line break kept (a `|` block) is told at the text after it.
  const after = character === "\n" ? value.slice(index).search(/\S/) : -1;
  const onTwoLines = character === " " || after !== -1 ? say.linkOnTwoLines(key, example) : undefined;
  ctx.addIssue({ code: "custom", message, params: { index: after === -1 ? index : index + after, ...(onTwoLines ? { onTwoLines } : {}) } });
};

// A line break: YAML's `\n`, `\L` and `\P`, a blank line in a folded value, a `|` block.
const LINE_BREAK_OR_TAB = /[\t\n\u2028\u2029]/;

/**
 * Text that pages show on one line (a title in `<h1>`, `<title>` and the feeds, a standfirst in the
 * feeds and the description, a photo's alt text, credit and caption, a label) may hold no line break
 * nor tab, which would reach the feeds raw; the error points at the first. What trimming removes is
 * left alone: the line break a `|` or `>` block ends with, like the spaces around the text.
 */
export const oneLine = (key: string) => (value: string, ctx: z.RefinementCtx) => {
  const start = value.length - value.trimStart().length;
  const found = value.slice(start, value.trimEnd().length).search(LINE_BREAK_OR_TAB);
  if (found === -1) return;
  const index = start + found;
  const say = messages().diagnostics;
  ctx.addIssue({ code: "custom", message: value[index] === "\t" ? say.tabInText(key) : say.lineBreakInText(key), params: { index } });
};

// `title:` with nothing after it is YAML's null: an empty value, said as such. Each is one line.
const text = (key: string, example: string, empty: () => string) =>
  z
    .string({ error: (issue) => (issue.input === null ? empty() : messages().diagnostics.mustBeText(key, example)) })
    .superRefine(noControlCharacters(key))
    .superRefine(oneLine(key))
    .trim()
    .min(1, { error: empty });

// A text alone is a list of one, a blank text none. Not a union of the two: a union's failure
// hides the list's own message, at its entry's line (an entry that is not text, such as
// `Culture : patrimoine` read as a key and its value).
const oneOrMany = (key: string, example: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : [v]) : v),
    z
      .array(
        z
          .string({ error: () => messages().diagnostics.listEntryNotText(key) })
          .trim()
          .min(1, { error: () => messages().diagnostics.listEntryEmpty(key) }),
        { error: () => messages().diagnostics.listNeedsEntry(key, example) },
      )
      .min(1, { error: () => messages().diagnostics.listNeedsEntry(key, example) }),
  );

const dateText = (key: string) => z.string({ error: () => messages().diagnostics.dateNotText(key) }).trim();

/** An alias: a path of this site, written with a trailing slash when it names a folder. */
export const aliasSchema = z
  .string({ error: () => messages().diagnostics.aliasNotText() })
  .trim()
  .superRefine((p, ctx) => {
    const problem = aliasPathProblem(p);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((p) => (p.endsWith("/") || p.endsWith(".html") ? p : `${p}/`));

export const ARTICLE_KEYS = ["title", "date", "sources", "topics", "shortLink", "summary", "updated", "slug", "draft", "aliases", "image"] as const;

/** The keys of free text (made with `text` below): a comment on their line would cut them short. */
export const ARTICLE_TEXT_KEYS: ReadonlySet<string> = new Set(["title", "summary", "image.alt", "image.credit", "image.caption"]);

/** The keys of an article's `image`. */
export const IMAGE_KEYS = ["src", "alt", "credit", "caption"] as const;

/** The keys of the maps inside an article, by the key that holds them: an unknown key there is told with these. */
export const ARTICLE_NESTED_KEYS: Readonly<Record<string, readonly string[]>> = { image: IMAGE_KEYS };

// The photo's file is checked later, with the other photos (src/images/): here only what is written.
// A news photo is never decorative: its alt and its credit are required.
const imageSchema = z.strictObject(
  {
    src: z
      .string({ error: () => messages().diagnostics.imageSrcNotText() })
      .trim()
      .min(1, { error: () => messages().diagnostics.imageSrcEmpty() }),
    alt: text("image.alt", "Des soldats quittent une base à Bagdad", () => messages().diagnostics.imageAltEmpty()),
    credit: text("image.credit", "AA / Nom du photographe", () => messages().diagnostics.imageCreditEmpty()),
    caption: text("image.caption", "Bagdad, le 9 décembre 2021.", () => messages().diagnostics.imageCaptionEmpty()).optional(),
  },
  { error: () => messages().diagnostics.imageNotMap() },
);

/** The contract's longest title, in UTF-16 code units as zod counts. */
export const MAX_TITLE_LENGTH = 200;

export const frontMatterSchema = z.strictObject({
  title: text("title", "L’Irak annonce la fin de la mission de combat", () => messages().diagnostics.titleEmpty()).max(MAX_TITLE_LENGTH, {
    error: () => messages().diagnostics.titleTooLong(MAX_TITLE_LENGTH),
  }),
  date: dateText("date"),
  sources: oneOrMany("sources", "AA, TRT FR"),
  topics: oneOrMany("topics", "Irak, Défense"),
  shortLink: z
    .string({ error: () => messages().diagnostics.shortLinkNotText() })
    .superRefine(noCharacterNotInLink("shortLink", "https://turquie2023.com/Ivo58D"))
    .trim()
    .refine(isShortLinkAddress, { error: () => messages().diagnostics.shortLinkNotHttps() })
    .optional(),
  summary: text("summary", "Bagdad annonce la fin des missions de combat.", () => messages().diagnostics.summaryEmpty()).optional(),
  updated: dateText("updated").optional(),
  slug: z
    .string({ error: () => messages().diagnostics.slugNotText() })
    .trim()
    .regex(SLUG_PATTERN, { error: () => messages().diagnostics.slugPattern() })
    .max(MAX_SLUG_LENGTH, { error: () => messages().diagnostics.slugTooLong(MAX_SLUG_LENGTH) })
    .refine((slug) => !isWindowsDeviceName(slug), { error: () => messages().diagnostics.slugDeviceName() })
    .optional(),
  draft: z.boolean({ error: () => messages().diagnostics.draftNotBoolean() }).optional(),
  aliases: z.union([aliasSchema.transform((p) => [p]), z.array(aliasSchema)], { error: () => messages().diagnostics.aliasesNotList() }).optional(),
  image: imageSchema.optional(),
});

export type FrontMatterFields = z.infer<typeof frontMatterSchema>;

export interface ShapeProblem {
  at: Position;
  message: string;
}

/** Checks parsed YAML against a schema, pointing each problem at its key or value. */
export function checkShape<T extends z.ZodType>(
  schema: T,
  data: unknown,
  located: LocatedYaml,
  knownKeys: readonly string[],
  nestedKeys: Readonly<Record<string, readonly string[]>> = {},
): { value?: z.infer<T>; problems: ShapeProblem[] } {
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, problems: [] };
  const renames = findRenames(result.error.issues, data);
  // An unknown key of a map inside (`image:`) is told with that map's keys; of a list's entry, with `knownKeys`.
  const keysAt = (path: IssuePath): readonly string[] => {
    const holder = path.at(-1);
    return (typeof holder === "string" && Object.hasOwn(nestedKeys, holder) ? nestedKeys[holder] : undefined) ?? knownKeys;
  };
  return { problems: result.error.issues.flatMap((issue) => describeIssue(issue, data, located, keysAt(pathOf(issue)), renames)) };
}

/**
 * The key an editor meant by an unknown one, among `keys`: another word for it (`sujets`), else the nearest spelling.
 * @example meantKey("Title", ARTICLE_KEYS) // "title"
 */
export function meantKey(typed: string, keys: readonly string[]): string | undefined {
  return keyForSynonym(typed, keys) ?? suggestName(typed, keys);
}

type IssuePath = (string | number)[];

// An object's place and one of its keys, as one map key.
const placeOf = (path: IssuePath, key: string): string => JSON.stringify([...path, key]);

const pathOf = (issue: z.core.$ZodIssue): IssuePath => issue.path.filter((p): p is string | number => typeof p !== "symbol");

// A required key the object lacks: zod reports it as a wrong type at its path.
function missingKeyOf(issue: z.core.$ZodIssue, data: unknown): { parent: IssuePath; key: string } | undefined {
  const path = pathOf(issue);
  const key = path.at(-1);
  const parent = valueAt(data, path.slice(0, -1));
  if (typeof key !== "string" || parent === null || typeof parent !== "object" || key in parent) return undefined;
  return { parent: path.slice(0, -1), key };
}

interface Renames {
  /** The key meant by each unknown key renamed, by the unknown key's place. */
  meant: Map<string, string>;
  /** The places of the missing keys a rename tells. */
  covered: Set<string>;
}

/**
 * The unknown keys that stand for a required key their object lacks (`topic:` without `topics:`),
 * each with the key meant: one error that says to rename it, rather than one at the key and one at 1:1.
 */
function findRenames(issues: readonly z.core.$ZodIssue[], data: unknown): Renames {
  const missing = new Map<string, string[]>();
  for (const issue of issues) {
    const absent = missingKeyOf(issue, data);
    if (!absent) continue;
    const place = JSON.stringify(absent.parent);
    missing.set(place, [...(missing.get(place) ?? []), absent.key]);
  }
  const renames: Renames = { meant: new Map(), covered: new Set() };
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const path = pathOf(issue);
    const absent = missing.get(JSON.stringify(path)) ?? [];
    for (const key of issue.keys) {
      // Two stand-ins for one key (`topic:` and `tags:`): the first is renamed, the other stays unknown.
      const meant = meantKey(key, absent);
      if (meant === undefined) continue;
      renames.meant.set(placeOf(path, key), meant);
      renames.covered.add(placeOf(path, meant));
      absent.splice(absent.indexOf(meant), 1);
    }
  }
  return renames;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, located: LocatedYaml, knownKeys: readonly string[], renames: Renames): ShapeProblem[] {
  const path = pathOf(issue);
  const say = messages().diagnostics;
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const meant = renames.meant.get(placeOf(path, key));
      return {
        at: located.keyPosition(key, path),
        message: meant === undefined ? say.unknownKey(key, meantKey(key, knownKeys), knownKeys.join(", ")) : say.misspeltKey(key, meant),
      };
    });
  }
  const absent = missingKeyOf(issue, data);
  if (absent) {
    // Told at the key written for it.
    if (renames.covered.has(placeOf(absent.parent, absent.key))) return [];
    return [{ at: path.length === 1 ? { line: 1, column: 1 } : located.valuePosition(absent.parent), message: say.missingKey(absent.key) }];
  }
  // A custom issue may point at a character of the value (see noControlCharacters).
  const index = issue.code === "custom" ? (issue.params?.index as number | undefined) : undefined;
  const at = located.valuePosition(path, index);
  // A link's space or line break on another line than the value's start: the value goes on to that line.
  const onTwoLines = issue.code === "custom" ? (issue.params?.onTwoLines as string | undefined) : undefined;
  if (onTwoLines !== undefined && at.line !== located.valuePosition(path).line) return [{ at, message: onTwoLines }];
  return [{ at, message: issue.message }];
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let node = data;
  for (const step of path) node = node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[step] : undefined;
  return node;
}
