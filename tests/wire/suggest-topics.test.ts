import { describe, expect, it } from "vitest";
import type { Topic } from "../../src/content/model.ts";
import { suggestTopics, wordsOf } from "../../src/wire/suggest-topics.ts";

const topics: Topic[] = [
  { slug: "irak", label: "Irak" },
  { slug: "iran", label: "Iran" },
  { slug: "etats-unis", label: "États-Unis" },
  { slug: "libye", label: "Libye" },
  { slug: "union-europeenne", label: "Union européenne" },
  { slug: "onu", label: "ONU" },
  { slug: "defense", label: "Défense" },
  { slug: "climat", label: "Climat" },
  { slug: "sante", label: "Santé" },
];
const slugs = (title: string, ...body: string[]): string[] => suggestTopics(title, body, topics).map((t) => t.slug);

describe("suggestTopics", () => {
  const cases: { name: string; title: string; body: string[]; expected: string[] }[] = [
    { name: "labels after an apostrophe", title: "L’Irak vote", body: [], expected: ["irak"] },
    { name: "accents and case ignored", title: "Titre", body: ["les ETATS-UNIS et la sante"], expected: ["etats-unis", "sante"] },
    { name: "the slug's words count as the label's", title: "Titre", body: ["union europeenne"], expected: ["union-europeenne"] },
    { name: "adjective and plural forms of one-word names", title: "Le ministre libyen", body: ["un accord climatique"], expected: ["libye", "climat"] },
    { name: "whole words or their derived forms, never a longer word", title: "Titre", body: ["Les Iraniens et l’Irakistan, l’ONUSIDA"], expected: ["iran"] },
    { name: "a title mention outweighs several in the body", title: "L’Iran répond", body: ["Irak, Irak, Irak, Irak."], expected: ["iran", "irak"] },
    { name: "ties keep the registry's order", title: "Titre", body: ["l’Iran et l’Irak"], expected: ["irak", "iran"] },
    { name: "at most four", title: "Irak, Iran, Libye, ONU, Climat", body: [], expected: ["irak", "iran", "libye", "onu"] },
    { name: "nothing named", title: "Un titre", body: ["Un texte sans lieu."], expected: [] },
  ];
  for (const c of cases) it(c.name, () => expect(slugs(c.title, ...c.body)).toEqual(c.expected));
});

describe("wordsOf", () => {
  it("folds and splits on anything but letters and digits", () => {
    expect(wordsOf("L’Irak et les États-Unis, 3 000")).toEqual(["l", "irak", "et", "les", "etats", "unis", "3", "000"]);
  });
});
