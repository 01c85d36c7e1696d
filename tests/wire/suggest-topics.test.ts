import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Topic } from "../../src/content/model.ts";
import { parseWire } from "../../src/wire/parse-wire.ts";
import { suggestTopics, wordsOf } from "../../src/wire/suggest-topics.ts";

const topics: Topic[] = [
  { slug: "irak", label: "Irak", keywords: ["Bagdad", "irakien"] },
  { slug: "iran", label: "Iran", keywords: ["Téhéran", "iranien"] },
  { slug: "etats-unis", label: "États-Unis", keywords: ["Washington", "américain"] },
  { slug: "libye", label: "Libye" },
  { slug: "union-europeenne", label: "Union européenne", keywords: ["Bruxelles"] },
  { slug: "onu", label: "ONU", keywords: ["Nations unies"] },
  { slug: "afrique", label: "Afrique" },
  { slug: "defense", label: "Défense", keywords: ["armée", "militaire", "mission de combat", "troupes"] },
  { slug: "terrorisme", label: "Terrorisme", keywords: ["Daech", "terroriste"] },
  { slug: "energie", label: "Énergie", keywords: ["pétrole", "gaz", "gazoduc"] },
  { slug: "climat", label: "Climat", keywords: ["sécheresse"] },
  { slug: "sante", label: "Santé", keywords: ["hôpital", "vaccination"] },
  { slug: "sport", label: "Sport", keywords: ["Coupe d’Afrique", "football"] },
];
const slugs = (title: string, ...body: string[]): string[] => suggestTopics(title, body, topics).map((t) => t.slug);

describe("suggestTopics: what the title names", () => {
  const cases: { name: string; title: string; body: string[]; expected: string[] }[] = [
    { name: "labels after an apostrophe", title: "L’Irak vote", body: [], expected: ["irak"] },
    { name: "accents and case ignored", title: "Les ETATS-UNIS et la sante", body: [], expected: ["etats-unis", "sante"] },
    { name: "the slug's words count as the label's", title: "L’union europeenne tranche", body: [], expected: ["union-europeenne"] },
    { name: "adjective and plural forms of one-word names", title: "Le ministre libyen et l’accord climatique", body: [], expected: ["libye", "climat"] },
    { name: "the keywords of topics.yaml: a capital, a field's words", title: "Bagdad relance le gazoduc", body: [], expected: ["irak", "energie"] },
    { name: "whole words or their derived forms, never a longer word", title: "Les Iraniens, l’Irakistan et l’ONUSIDA", body: [], expected: ["iran"] },
    {
      name: "a field in the name of an office is who speaks, not the subject",
      title: "La ministre de la Défense irakienne en visite",
      body: [],
      expected: ["irak"],
    },
    { name: "a name inside a longer one belongs to the longer", title: "La Coupe d’Afrique s’ouvre", body: [], expected: ["sport"] },
    { name: "at most four", title: "Irak, Iran, Libye, ONU, Climat", body: [], expected: ["irak", "iran", "libye", "onu"] },
    { name: "nothing named", title: "Un titre", body: ["Un texte sans lieu."], expected: [] },
  ];
  for (const c of cases) it(c.name, () => expect(slugs(c.title, ...c.body)).toEqual(c.expected));
});

describe("suggestTopics: what the body alone names needs stronger evidence", () => {
  const filler = "Le texte continue sur un tout autre sujet, avec des phrases longues et sans nom particulier.";
  it("leaves out a topic the body names in passing", () => {
    expect(slugs("L’Iran répond", "Selon l’ONU, la situation reste tendue.", filler, filler)).toEqual(["iran"]);
  });
  it("takes a topic the body keeps coming back to, after those of the title", () => {
    expect(slugs("L’Iran répond", "Daech recule. Les cellules de Daech restent actives.", "La menace terroriste demeure.")).toEqual(["iran", "terrorisme"]);
  });
  it("wants more mentions from a longer body: one every 25 words", () => {
    const mentions = "Daech recule. Daech frappe. Daech menace.";
    expect(slugs("L’Iran répond", mentions)).toEqual(["iran", "terrorisme"]);
    expect(slugs("L’Iran répond", mentions, ...Array(10).fill(filler))).toEqual(["iran"]);
  });
  it("offers the topic the body names most when nothing is strong, rather than none", () => {
    expect(slugs("Un titre", "Selon l’ONU, à Téhéran et en Iran, la situation reste tendue.", filler, filler)).toEqual(["iran"]);
  });
});

// Dispatches as agencies write them, with the topics an editor gave them.
const DISPATCHES: { title: string; body: string[]; topics: string[] }[] = [
  {
    title: "L’Irak annonce la fin de la mission de combat des forces de la Coalition internationale dans le pays",
    body: readFileSync(join(import.meta.dirname, "fixtures/wire-aa-trtfr-irak.txt"), "utf8")
      .split("\n")
      .slice(4, 22)
      .filter((l) => l.trim() !== ""),
    topics: ["irak", "etats-unis", "defense", "terrorisme"],
  },
  {
    title: "Téhéran et Washington reprennent les discussions sur le nucléaire à Vienne",
    body: [
      "Les délégations iranienne et américaine se sont retrouvées mardi à Vienne pour une nouvelle session de pourparlers indirects.",
      "Selon l’ONU, les inspecteurs de l’AIEA n’ont toujours pas accès à plusieurs sites.",
      "Le ministre iranien des Affaires étrangères a jugé les échanges « constructifs ».",
    ],
    topics: ["iran", "etats-unis"],
  },
  {
    title: "Sécheresse : la Libye rationne l’eau dans l’est du pays",
    body: [
      "Les autorités libyennes ont annoncé des coupures d’eau quotidiennes à Benghazi et dans plusieurs villes de l’est.",
      "La sécheresse, la plus sévère depuis trente ans, a réduit de moitié les réserves des barrages.",
      "Le gouvernement a demandé l’aide des Nations unies pour acheminer des citernes.",
    ],
    topics: ["libye", "climat"],
  },
  {
    title: "Bruxelles débloque une aide pour les hôpitaux de Gaza",
    body: [
      "La Commission européenne a annoncé lundi une enveloppe de 25 millions d’euros destinée aux hôpitaux.",
      "Les fonds serviront à acheter des générateurs et du carburant, selon un communiqué publié à Bruxelles.",
      "Plusieurs hôpitaux fonctionnent au ralenti faute d’électricité, a rappelé l’Organisation mondiale de la santé.",
    ],
    topics: ["union-europeenne", "sante"],
  },
  {
    title: "Le prix du gaz recule en Europe après l’accord avec l’Algérie",
    body: [
      "Les cours du gaz naturel ont baissé de 8 % mardi sur le marché de référence.",
      "L’accord prévoit la livraison de volumes supplémentaires par gazoduc dès le mois prochain.",
      "Les analystes restent prudents sur l’évolution des prix de l’énergie cet hiver.",
    ],
    topics: ["energie"],
  },
];

describe("suggestTopics on realistic dispatches", () => {
  it("names mostly right topics (precision at least 90 %) and most of the editors' (recall at least 70 %)", () => {
    let right = 0;
    let suggested = 0;
    let expected = 0;
    for (const d of DISPATCHES) {
      const got = slugs(d.title, ...d.body);
      suggested += got.length;
      right += got.filter((s) => d.topics.includes(s)).length;
      expected += d.topics.length;
    }
    expect(right / suggested).toBeGreaterThanOrEqual(0.9);
    expect(right / expected).toBeGreaterThanOrEqual(0.7);
  });

  it("gives the seed dispatch its title's topics, not Iran, which its body mentions twice", () => {
    const wire = parseWire(readFileSync(join(import.meta.dirname, "fixtures/wire-aa-trtfr-irak.txt"), "utf8"), (l) =>
      /^(AA|TRT FR)$/.test(l) ? l : undefined,
    );
    expect(wire.ok && suggestTopics(wire.wire.title, wire.wire.paragraphs, topics).map((t) => t.slug)).toEqual(["irak", "defense"]);
  });
});

describe("wordsOf", () => {
  it("folds and splits on anything but letters and digits", () => {
    expect(wordsOf("L’Irak et les États-Unis, 3 000")).toEqual(["l", "irak", "et", "les", "etats", "unis", "3", "000"]);
  });
});
