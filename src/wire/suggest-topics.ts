/** Topic suggestions for imported copy: the registry's topics that the text names. */
import type { Topic } from "../content/model.ts";
import { foldForMatch } from "../text/fold.ts";

/** At most this many topics are suggested: beyond, a topic page fills with passing mentions. */
export const MAX_SUGGESTED_TOPICS = 4;

// A topic the body alone names must come back this often, and at least once every so many words:
// a dispatch repeats its subject, and names the rest once or twice in passing.
const BODY_MIN_MENTIONS = 3;
const BODY_WORDS_PER_MENTION = 25;

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
 * The topics the copy is about, best first. The title says what a dispatch is about: a topic it
 * names (label, slug or one of the topic's `keywords` in topics.yaml, ignoring case and accents,
 * one-word names also in their plural and adjective forms) is suggested. The body mentions much
 * in passing (an organisation quoted, a neighbour), so a topic it alone names needs stronger
 * evidence: at least BODY_MIN_MENTIONS mentions, and one every BODY_WORDS_PER_MENTION words of the
 * body. When none does, the topic the body names most is offered. Ties keep the registry's order.
 * @example suggestTopics("Le gouvernement irakien…", ["…"], topics).map((t) => t.slug) // ["irak"]
 */
export function suggestTopics(title: string, paragraphs: readonly string[], topics: readonly Topic[], max = MAX_SUGGESTED_TOPICS): Topic[] {
  const inBody = wordsOf(paragraphs.join(" "));
  const titleHits = countMentions(wordsOf(title), topics);
  const bodyHits = countMentions(inBody, topics);
  const bodyNeeds = Math.max(BODY_MIN_MENTIONS, Math.ceil(inBody.length / BODY_WORDS_PER_MENTION));
  const scored = topics.map((topic, order) => ({ topic, order, titleHits: titleHits[order]!, bodyHits: bodyHits[order]! }));
  const byEvidence = (a: (typeof scored)[number], b: (typeof scored)[number]): number =>
    b.titleHits - a.titleHits || b.bodyHits - a.bodyHits || a.order - b.order;
  const strong = scored.filter((s) => s.titleHits > 0 || s.bodyHits >= bodyNeeds).sort(byEvidence);
  // Nothing strong: the topic the body names most is offered rather than none (the editor checks it).
  const chosen =
    strong.length > 0
      ? strong.slice(0, max)
      : scored
          .filter((s) => s.bodyHits > 0)
          .sort(byEvidence)
          .slice(0, 1);
  return chosen.map((s) => s.topic);
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
    names = [...new Set([topic.label, topic.slug, ...(topic.keywords ?? [])].map((n) => wordsOf(n).join(" ")))].filter((n) => n !== "");
    foldedNames.set(topic, names);
  }
  return names;
}

interface Mention {
  topic: number;
  start: number;
  end: number;
}

// How many times the words mention each topic (by index). A mention inside a longer one of another
// topic is that one's: "la Coupe d’Afrique" (Sport) is not about Afrique.
function countMentions(words: readonly string[], topics: readonly Topic[]): number[] {
  const mentions: Mention[] = [];
  topics.forEach((topic, index) => {
    for (const name of namesOf(topic)) findMentions(words, name, index, mentions);
  });
  const counts = topics.map(() => 0);
  for (const m of mentions) {
    const covered = mentions.some((o) => o.topic !== m.topic && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start);
    if (!covered) counts[m.topic]!++;
  }
  return counts;
}

function findMentions(words: readonly string[], name: string, topic: number, into: Mention[]): void {
  const parts = name.split(" ");
  if (parts.length > 1) {
    for (let i = 0; i + parts.length <= words.length; i++) {
      if (parts.every((part, k) => words[i + k] === part) && !inOfficeName(words, i)) into.push({ topic, start: i, end: i + parts.length });
    }
    return;
  }
  // "libye" → stem "liby", which "libyen" extends by "en"; "irak" is its own stem.
  const stem = /[es]$/.test(name) && name.length > MIN_STEM_LENGTH ? name.slice(0, -1) : name;
  words.forEach((word, i) => {
    const named = word === name || (stem.length >= MIN_STEM_LENGTH && word.startsWith(stem) && DERIVED_ENDINGS.has(word.slice(stem.length)));
    if (named && !inOfficeName(words, i)) into.push({ topic, start: i, end: i + 1 });
  });
}

// The field in the name of an office ("la ministre de la Défense", "le chef de la diplomatie")
// says who speaks, not what the dispatch is about.
const OFFICES = new Set(["ministre", "ministere", "chef", "secretaire", "commissaire"]);
const OF_THE = [["de", "la"], ["de", "l"], ["des"], ["du"]];

function inOfficeName(words: readonly string[], at: number): boolean {
  return OF_THE.some((of) => of.every((word, k) => words[at - of.length + k] === word) && OFFICES.has(words[at - of.length - 1] ?? ""));
}
