import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseWire, sameTitle, type WireParse } from "../../src/wire/parse-wire.ts";
import { fr } from "../helpers/french.ts";

const NBSP = "\u00a0";
const CODES = ["AA", "TRT FR"];
// Codes match as sources.yaml lookups do: ignoring case.
const findSource = (line: string): string | undefined => CODES.find((c) => c.toLowerCase() === line.toLowerCase());
const parse = (text: string): WireParse => parseWire(text, findSource);
const seed = readFileSync(resolve(import.meta.dirname, "fixtures/wire-aa-trtfr-irak.txt"), "utf8");

describe("parseWire on the seed copy", () => {
  it("finds the title, eight paragraphs, both sources and the share link", () => {
    const r = parse(seed);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.wire.title).toBe("L’Irak annonce la fin de la mission de combat des forces de la Coalition internationale dans le pays");
    expect(r.wire.titleLine).toBe(1);
    expect(r.wire.paragraphs).toHaveLength(8);
    expect(r.wire.paragraphs[0]).toBe(
      "Le gouvernement irakien a officiellement annoncé, jeudi, la fin des missions de combat des forces de la Coalition internationale contre Daech, dirigées par les États-Unis.",
    );
    expect(r.wire.paragraphs.at(-1)).toMatch(/^La Coalition a joué un rôle majeur.*certaines régions du pays\.$/);
    expect(r.wire.sources).toEqual(["AA", "TRT FR"]);
    expect(r.wire.shortLink).toBe("https://turquie2023.com/Ivo58D");
    expect(r.wire.leftovers).toEqual([]);
  });
});

describe("parseWire, line by line", () => {
  const cases: { name: string; text: string; paragraphs: string[]; sources: string[]; shortLink?: string; leftovers?: string[] }[] = [
    {
      name: "repeated title with straight apostrophes is dropped",
      text: "L’Irak vote\n\nL'Irak vote\n\nTexte.\n\nAA",
      sources: ["AA"],
      paragraphs: ["Texte."],
    },
    { name: "repeated title with other quotes is dropped", text: 'Il dit « non »\nIl dit "non"\nTexte.\nAA', sources: ["AA"], paragraphs: ["Texte."] },
    {
      name: "a different second line is kept",
      text: "Titre\n\nUn chapeau qui n’est pas le titre.\n\nTexte.\n\nAA",
      sources: ["AA"],
      paragraphs: ["Un chapeau qui n’est pas le titre.", "Texte."],
    },
    {
      name: "no-break-space and zero-width lines are dropped",
      text: `Titre\n${NBSP}\n \u200b \nTexte.\n${NBSP}${NBSP}\nAA`,
      sources: ["AA"],
      paragraphs: ["Texte."],
    },
    { name: "each line is a paragraph, blank lines or not", text: "Titre\nUn.\nDeux.\nAA", sources: ["AA"], paragraphs: ["Un.", "Deux."] },
    {
      name: "paragraph text is untouched but trimmed",
      text: 'Titre\n\n  Il a dit: "oui"... 3 000 $  \n\nAA',
      sources: ["AA"],
      paragraphs: ['Il a dit: "oui"... 3 000 $'],
    },
    {
      name: "source codes in any case, share line without space",
      text: "Titre\nTexte.\naa\ntrt fr\nPartager cet article?https://x.example/a",
      paragraphs: ["Texte."],
      sources: ["AA", "TRT FR"],
      shortLink: "https://x.example/a",
    },
    {
      name: "share line with a colon",
      text: "Titre\nTexte.\nAA\nPartager cet article : https://x.example/b",
      sources: ["AA"],
      paragraphs: ["Texte."],
      shortLink: "https://x.example/b",
    },
    {
      name: "a footer after the share line stays in the body",
      text: "Titre\nTexte.\nAA\nPartager cet article? https://x.example/c\n© Agence",
      sources: ["AA"],
      paragraphs: ["Texte.", "© Agence"],
      shortLink: "https://x.example/c",
      leftovers: ["© Agence"],
    },
    { name: "no source line: nothing is taken from the body", text: "Titre\nTexte.\nFin.", paragraphs: ["Texte.", "Fin."], sources: [] },
    { name: "a source given twice counts once", text: "Titre\nTexte.\nAA\nAA", paragraphs: ["Texte."], sources: ["AA"] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = parse(c.text);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.wire.paragraphs).toEqual(c.paragraphs);
      expect(r.wire.sources).toEqual(c.sources);
      expect(r.wire.shortLink).toBe(c.shortLink);
      expect(r.wire.leftovers.map((l) => l.text)).toEqual(c.leftovers ?? []);
    });
  }
});

describe("parseWire, where each part is", () => {
  it("gives the line of the title, of each paragraph, of the share link and of the leftovers", () => {
    const r = parse(`  Titre\n\nTitre\n\n${NBSP}\n\nUn.\n\n\tDeux.\n\nAA\n\nTRT FR\n\nPartager cet article? https://x.example/f\n\nAFP`);
    expect(r.ok && r.wire).toMatchObject({
      titleLine: 1,
      titleColumn: 3,
      paragraphLines: [
        { text: "Un.", line: 7, column: 1 },
        { text: "Deux.", line: 9, column: 2 },
        { text: "AFP", line: 17, column: 1 },
      ],
      shareLine: { line: 15, column: 1 },
      leftovers: [{ text: "AFP", line: 17, column: 1 }],
      unknownSources: [],
    });
  });

  it("gives the share line of the seed copy", () => {
    const r = parse(seed);
    expect(r.ok && r.wire.shareLine).toEqual({ text: "Partager cet article? https://turquie2023.com/Ivo58D", line: 31, column: 1 });
  });

  const unknown: { name: string; text: string; unknownSources: { text: string; line: number }[] }[] = [
    {
      name: "one agency sources.yaml doesn't know",
      text: "Titre\nTexte.\nReuters\nPartager cet article? https://x.example/g",
      unknownSources: [{ text: "Reuters", line: 3 }],
    },
    {
      name: "two of them",
      text: "Titre\nTexte.\n\nReuters\n\nAFP\n",
      unknownSources: [
        { text: "Reuters", line: 4 },
        { text: "AFP", line: 6 },
      ],
    },
    { name: "a body that ends a sentence: no agency line at all", text: "Titre\nTexte.\nFin.", unknownSources: [] },
    { name: "a long last line is text, not an agency", text: `Titre\nTexte.\n${"mot ".repeat(15)}sans point`, unknownSources: [] },
    { name: "a known source below a sentence: nothing unknown", text: "Titre\nTexte.\nAA", unknownSources: [] },
    {
      name: "above a known source",
      text: "Titre\nTexte.\nAnadolu Ajansı\nTRT FR\nPartager cet article? https://x.example/h",
      unknownSources: [{ text: "Anadolu Ajansı", line: 3 }],
    },
    { name: "between two known sources", text: "Titre\nTexte.\nAA\nAFP\nTRT FR", unknownSources: [{ text: "AFP", line: 4 }] },
    {
      name: "above a known source, two of them",
      text: "Titre\nTexte.\nReuters\nAFP\nAA",
      unknownSources: [
        { text: "Reuters", line: 3 },
        { text: "AFP", line: 4 },
      ],
    },
    { name: "below the known sources: a footer, not an agency", text: "Titre\nTexte.\nAA\n© Agence", unknownSources: [] },
    { name: "JSON given by mistake: brackets are no agency", text: '{\n "000001.txt": [\n  "france"\n ]\n}\n', unknownSources: [] },
    { name: "HTML given by mistake: tags are no agency", text: "<html>\n<body>\n<p>Texte.</p>\n</body>\n</html>\n", unknownSources: [] },
    { name: "a year or a number alone is no agency", text: "Titre\nTexte.\n2021", unknownSources: [] },
  ];
  for (const c of unknown) {
    it(`where agencies are named, finds the unknown ones: ${c.name}`, () => {
      const r = parse(c.text);
      expect(r.ok && r.wire.unknownSources.map(({ text, line }) => ({ text, line }))).toEqual(c.unknownSources);
    });
  }
});

describe("parseWire refusals", () => {
  const cases: { name: string; text: string; line: number; message: RegExp }[] = [
    { name: "empty text", text: "", line: 1, message: /le fichier est vide/ },
    { name: "only blank and no-break-space lines", text: `\n${NBSP}\n  \n`, line: 1, message: /le fichier est vide/ },
    { name: "a title and nothing else", text: "\n\nTitre seul\n", line: 3, message: /un titre mais pas de texte/ },
    {
      name: "a title, its repeat and the end lines",
      text: `Titre\n\nTitre\n\n${NBSP}\n\nAA\n\nPartager cet article? https://x.example/e`,
      line: 1,
      message: /un titre mais pas de texte/,
    },
    {
      name: "a plain-http share line: never kept as text",
      text: "Titre\nTexte.\nAA\nPartager cet article? http://x.example/d",
      line: 4,
      message: /^le lien de partage http:\/\/x\.example\/d n’est pas une adresse https/,
    },
    { name: "a share line without a link", text: "Titre\nTexte.\nAA\nPartager cet article? lien", line: 4, message: /^le lien de partage lien n’est pas/ },
    {
      name: "two share lines, the second where the first is",
      text: "Titre\nTexte.\nAA\nPartager cet article? https://x.example/a\nPartager cet article? https://x.example/b",
      line: 4,
      message: /^une deuxième ligne de partage, quand la dépêche n’en a qu’une \(ligne 5\)/,
    },
    {
      name: "a share line above the text's end",
      text: "Titre\nTexte.\nPartager cet article? https://x.example/a\nSuite du texte.\nAA",
      line: 3,
      message: /^une ligne de partage au milieu du texte/,
    },
    {
      name: "a source line inside the body",
      text: "Titre\nAA\nTexte long.\nTRT FR",
      line: 2,
      message: /^«\u202fAA\u202f» est une ligne de source au milieu du texte/,
    },
    {
      // One article would take the first's title and the second's short link: the first's end is told.
      name: "two dispatches in one file",
      text: [
        "Premier titre\n\nPremier texte.\n\nAA\n\nTRT FR\n\nPartager cet article? https://x.example/un",
        "Second titre\n\nSecond texte.\n\nAA\n\nPartager cet article? https://x.example/deux",
      ].join("\n\n"),
      line: 5,
      message: new RegExp(
        `^${fr`« AA » est une ligne de source au milieu du texte : les lignes de source viennent à la fin de la dépêche ; si le fichier tient plusieurs dépêches, mettez chacune dans son propre fichier`}$`,
      ),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = parse(c.text);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.line).toBe(c.line);
      expect(r.message).toMatch(c.message);
    });
  }
});

describe("sameTitle", () => {
  const cases: [string, string, boolean][] = [
    ["L’Irak annonce", "L'Irak annonce", true],
    ["« Non », dit-il", '"Non", dit-il', true],
    ["Le “oui”", 'Le "oui"', true],
    ["L’Irak annonce", "L’Iran annonce", false],
    ["Titre", "titre", false],
  ];
  for (const [a, b, expected] of cases) it(`${a} / ${b} → ${expected}`, () => expect(sameTitle(a, b)).toBe(expected));
});
