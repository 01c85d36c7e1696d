import { z } from "zod";
import type { Position } from "./diagnostics.ts";
import type { LocatedYaml } from "./yaml.ts";
import { describeControlCharacter, findControlCharacter } from "../text/control-characters.ts";
import { aliasPathProblem, isWindowsDeviceName, MAX_SLUG_LENGTH, SLUG_PATTERN, WINDOWS_DEVICE_NAMES } from "../text/slug.ts";
import { didYouMean } from "../text/suggest.ts";

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
    message: `"${key}" holds the control character ${describeControlCharacter(value[index]!)} here: delete it (retype the text around it if it is invisible)`,
    params: { index },
  });
};

const text = (key: string, example: string) =>
  z
    .string({ error: `"${key}" must be text, e.g. ${key}: "${example}"` })
    .superRefine(noControlCharacters(key))
    .trim();

const oneOrMany = (key: string, example: string) =>
  z
    .union(
      [
        z.string().trim().min(1),
        z
          .array(
            z
              .string({ error: `each entry of "${key}" must be text` })
              .trim()
              .min(1, `an entry of "${key}" is empty`),
          )
          .min(1, `"${key}" must list at least one entry, e.g. ${key}: [${example}]`),
      ],
      {
        error: `"${key}" must list at least one entry, e.g. ${key}: [${example}]`,
      },
    )
    .transform((v) => (typeof v === "string" ? [v] : v));

const dateText = (key: string) => z.string({ error: `"${key}" must be a date such as 2021-12-09 or 2021-12-09T15:10:00+01:00` }).trim();

const sitePath = z
  .string({ error: "each alias must be a path such as /2021/12/09/ancien-titre/" })
  .trim()
  .superRefine((p, ctx) => {
    const problem = aliasPathProblem(p);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((p) => (p.endsWith("/") || p.endsWith(".html") ? p : `${p}/`));

export const ARTICLE_KEYS = ["title", "date", "sources", "topics", "shortLink", "summary", "updated", "slug", "draft", "aliases", "image"] as const;

// The photo's file is checked later, with the other photos (src/images/): here only what is written.
// A news photo is never decorative: its alt and its credit are required.
const imageSchema = z.strictObject(
  {
    src: z
      .string({ error: "« image.src » doit être un chemin sous content/, par exemple src: images/2021/12/irak.jpg" })
      .trim()
      .min(1, "« image.src » est vide : indiquez le chemin de la photo sous content/, par exemple src: images/2021/12/irak.jpg"),
    alt: text("image.alt", "Des soldats quittent une base à Bagdad").min(1, "« image.alt » est vide : décrivez ce que montre la photo pour qui ne la voit pas"),
    credit: text("image.credit", "AA / Nom du photographe").min(
      1,
      '« image.credit » est vide : indiquez l’agence et le photographe, par exemple credit: "AA / Nom du photographe"',
    ),
    caption: text("image.caption", "Bagdad, le 9 décembre 2021.").min(1, "« image.caption » est vide : écrivez la légende ou retirez la clé").optional(),
  },
  { error: '« image » doit décrire la photo : src, alt et credit, par exemple image: { src: images/2021/12/irak.jpg, alt: "…", credit: "AA / …" }' },
);

export const frontMatterSchema = z.strictObject({
  title: text("title", "L’Irak annonce la fin de la mission de combat")
    .min(1, '"title" is empty: write the headline')
    .max(200, '"title" is longer than 200 characters: shorten it, and put the rest in "summary"'),
  date: dateText("date"),
  sources: oneOrMany("sources", "AA, TRT FR"),
  topics: oneOrMany("topics", "Irak, Défense"),
  shortLink: z
    .string({ error: '"shortLink" must be a URL such as https://turquie2023.com/Ivo58D' })
    .trim()
    .refine(isHttpsUrl, '"shortLink" must be an absolute https URL such as https://turquie2023.com/Ivo58D')
    .optional(),
  summary: text("summary", "Bagdad annonce la fin des missions de combat.").min(1, '"summary" is empty: write the standfirst or remove the key').optional(),
  updated: dateText("updated").optional(),
  slug: z
    .string({ error: '"slug" must be text' })
    .trim()
    .regex(SLUG_PATTERN, '"slug" may only hold lower-case letters a-z, digits and single dashes, e.g. slug: l-irak-annonce-la-fin')
    .max(MAX_SLUG_LENGTH, `"slug" is longer than ${MAX_SLUG_LENGTH} characters, more than a file name can hold: shorten it`)
    .refine(
      (slug) => !isWindowsDeviceName(slug),
      `"slug" is a name Windows keeps for devices (${WINDOWS_DEVICE_NAMES}), where the page could not be written: add a word, e.g. slug: nul-1`,
    )
    .optional(),
  draft: z.boolean({ error: '"draft" must be true or false' }).optional(),
  aliases: z
    .union([sitePath.transform((p) => [p]), z.array(sitePath)], { error: '"aliases" must be a list of paths such as [/2021/12/09/ancien-titre/]' })
    .optional(),
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
): { value?: z.infer<T>; problems: ShapeProblem[] } {
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, problems: [] };
  return { problems: result.error.issues.flatMap((issue) => describeIssue(issue, data, located, knownKeys)) };
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, located: LocatedYaml, knownKeys: readonly string[]): ShapeProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      at: located.keyPosition(key, path),
      message: `unknown key "${key}"${didYouMean(key, knownKeys)}; the keys are ${knownKeys.join(", ")}`,
    }));
  }
  const parent = valueAt(data, path.slice(0, -1));
  const last = path.at(-1);
  if (typeof last === "string" && parent !== null && typeof parent === "object" && !(last in parent)) {
    return [
      {
        at: path.length === 1 ? { line: 1, column: 1 } : located.valuePosition(path.slice(0, -1)),
        message: `missing required key "${last}": ${requiredHint(last)}`,
      },
    ];
  }
  // A custom issue may point at a character of the value (see noControlCharacters).
  const index = issue.code === "custom" ? (issue.params?.index as number | undefined) : undefined;
  return [{ at: located.valuePosition(path, index), message: issue.message }];
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let node = data;
  for (const step of path) node = node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[step] : undefined;
  return node;
}

function requiredHint(key: string): string {
  switch (key) {
    case "title":
      return 'add a line such as title: "L’Irak annonce la fin de la mission de combat"';
    case "date":
      return "add a line such as date: 2021-12-09 or date: 2021-12-09T15:10:00+01:00";
    case "sources":
      return "add a line such as sources: [AA, TRT FR] with codes from sources.yaml";
    case "topics":
      return "add a line such as topics: [Irak, Défense] with entries of topics.yaml";
    case "baseUrl":
      return "add the published address, e.g. baseUrl: https://archives.example.org";
    case "timezone":
      return "add timezone: Europe/Paris";
    case "src":
      return "ajoutez le chemin de la photo sous content/, par exemple src: images/2021/12/irak.jpg";
    case "alt":
      return 'ajoutez une description de la photo, par exemple alt: "Des soldats quittent une base à Bagdad"';
    case "credit":
      return 'ajoutez l’agence et le photographe, par exemple credit: "AA / Nom du photographe"';
    default:
      return `add a line "${key}: …"`;
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "";
  } catch {
    return false;
  }
}
