/** Topic suggestions for imported copy: the registry's topics that the text names. */
import type { Topic } from "../content/model.ts";
import { foldForMatch } from "../text/fold.ts";

/** At most this many topics are suggested: beyond, a topic page fills with passing mentions. */
export const MAX_SUGGESTED_TOPICS = 4;

// A mention in the title says what the article is about; one in the body may be in passing.
const TITLE_WEIGHT = 5;

// Endings that turn a one-word name into its plural or adjective: Irak → irakien, Libye → libyen,
// Maroc → marocaine, Liban → libanais, Climat → climatique, Culture → culturel.
const DERIVED_ENDINGS = new Set([
  "",
  "e",
  "s",
  "es",
  "i",
  "is",
  "en",
  "ens",
  "enne",
  "ennes",
  "ien",
  "iens",
  "ienne",
  "iennes",
  "ain",
  "ains",
  "aine",
  "aines",
  "ais",
  "aise",
  "aises",
  "el",
  "els",
  "elle",
  "elles",
  "que",
  "ques",
  "ique",
  "iques",
]);
// Shorter stems would match too much ("onu" stays exact).
const MIN_STEM_LENGTH = 4;

/**
 * The topics whose label or slug the title and body mention, ignoring case and accents, as whole
 * words or, for one-word names, their plural and adjective forms; best first: a mention in the
 * title weighs five in the body, ties keep the registry's order.
 * @example suggestTopics("Le gouvernement irakien…", ["… les États-Unis."], topics).map((t) => t.slug) // ["irak", "etats-unis"]
 */
export function suggestTopics(title: string, paragraphs: readonly string[], topics: readonly Topic[], max = MAX_SUGGESTED_TOPICS): Topic[] {
  const inTitle = wordsOf(title);
  const inBody = wordsOf(paragraphs.join(" "));
  return topics
    .map((topic, order) => {
      const names = namesOf(topic);
      const score = names.reduce((sum, name) => sum + TITLE_WEIGHT * countMentions(inTitle, name) + countMentions(inBody, name), 0);
      return { topic, order, score };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, max)
    .map((s) => s.topic);
}

/**
 * The folded words of a text: "l’Irak" → ["l", "irak"], "États-Unis" → ["etats", "unis"].
 * @example wordsOf("L’Irak et les États-Unis") // ["l", "irak", "et", "les", "etats", "unis"]
 */
export function wordsOf(text: string): string[] {
  return foldForMatch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
}

// Folded once per topic, not once per topic and file: a run imports thousands of files.
const foldedNames = new WeakMap<Topic, string[]>();

function namesOf(topic: Topic): string[] {
  let names = foldedNames.get(topic);
  if (!names) {
    names = [...new Set([topic.label, topic.slug].map((n) => wordsOf(n).join(" ")))].filter((n) => n !== "");
    foldedNames.set(topic, names);
  }
  return names;
}

function countMentions(words: readonly string[], name: string): number {
  const parts = name.split(" ");
  if (parts.length > 1) return countSequence(words, parts);
  // "libye" → stem "liby", which "libyen" extends by "en"; "irak" is its own stem.
  const stem = /[es]$/.test(name) && name.length > MIN_STEM_LENGTH ? name.slice(0, -1) : name;
  let count = 0;
  for (const word of words) {
    if (word === name || (stem.length >= MIN_STEM_LENGTH && word.startsWith(stem) && DERIVED_ENDINGS.has(word.slice(stem.length)))) count++;
  }
  return count;
}

function countSequence(words: readonly string[], parts: readonly string[]): number {
  let count = 0;
  for (let i = 0; i + parts.length <= words.length; i++) {
    if (parts.every((part, k) => words[i + k] === part)) count++;
  }
  return count;
}
