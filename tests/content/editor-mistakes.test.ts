/** The mistakes editors make, answered as the guide answers them: where, and how to fix it, in French. */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { findUtf16, firstInvalidUtf8, surveyUtf8 } from "../../src/content/read-text.ts";
import { articleText, makeArchive, SITE_YAML, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
afterEach(() => {
  archive?.remove();
  delete process.env.DEPECHE_LANG;
});

const NOW = Date.parse("2026-12-01T00:00:00Z");

// Each problem of the one article, without its path.
async function problemsOf(text: string | Uint8Array): Promise<string[]> {
  archive = makeArchive();
  archive.write("articles/a.md", text);
  const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
  expect(result.content).toBeUndefined();
  return result.diagnostics.map((d) => formatDiagnostic(d).slice(archive.display("articles/a.md").length + 1));
}

const article = (frontMatter: string): string => `---\n${frontMatter}\n---\nTexte.\n`;
const KEYS = "sources: [AA]\ntopics: [Irak]";

describe("YAML mistakes get the guide's fix, at the place to fix", () => {
  it.each([
    {
      name: "a colon in an unquoted title",
      text: article(`title: L’Irak : la fin: de la mission\ndate: 2021-12-09\n${KEYS}`),
      expected: fr`2:8: error: la valeur de « title » contient « : » suivi d’une espace, que YAML lit comme une nouvelle clé : mettez le titre entre guillemets, par exemple ${'title: "L’Irak : la fin: de la mission"'}`,
    },
    {
      name: "a tab as indentation",
      text: article("title: Un\ndate: 2021-12-09\nsources: [AA]\ntopics:\n\t- Irak"),
      expected: fr`6:1: error: une tabulation sert de retrait : YAML n’accepte que des espaces ; remplacez-la par deux espaces`,
    },
    {
      name: "a quote never closed, pointed at where it opens",
      text: article(`title: "L’Irak annonce\ndate: 2021-12-09\n${KEYS}`),
      expected: fr`2:8: error: le guillemet " ouvert ici n’est jamais fermé : ajoutez " à la fin de la valeur, sur la même ligne (ou employez les guillemets « » dans le texte)`,
    },
    {
      name: "a key written twice",
      text: article(`title: Un\ndate: 2021-12-09\ntitle: Deux\n${KEYS}`),
      expected: fr`4:1: error: la clé « title » est écrite deux fois (déjà à la ligne 2) : gardez-en une seule`,
    },
    {
      name: "a list entry without its space",
      text: article("title: Un\ndate: 2021-12-09\nsources: [AA]\ntopics:\n- Irak\n-Défense"),
      expected: fr`7:1: error: dans une liste, chaque entrée commence par « - » suivi d’une espace, alignée sous les autres : - Irak`,
    },
    {
      name: "a list begun on its key's line",
      text: article("title: Un\ndate: 2021-12-09\nsources: [AA]\ntopics: - Irak"),
      expected: fr`5:9: error: une liste ne commence pas sur la ligne de sa clé : écrivez topics: [Irak, Défense], ou chaque entrée sur sa ligne (- Irak)`,
    },
    {
      name: "a list left open",
      text: article("title: Un\ndate: 2021-12-09\nsources: [AA]\ntopics: [Irak, Défense"),
      expected: fr`5:9: error: une liste ouverte par « [ » n’est pas fermée : ajoutez « ] » à la fin, sur la même ligne, par exemple topics: [Irak, Défense]`,
    },
  ])("$name", async ({ text, expected }) => {
    expect(await problemsOf(text)).toEqual([expected]);
  });

  it("never repeats the parser's own words for these", async () => {
    const lines = await problemsOf(article(`title: L’Irak: la fin\ndate: 2021-12-09\n${KEYS}`));
    expect(lines.join("\n")).not.toMatch(/Nested mappings|compact mappings|invalid YAML/);
  });
});

describe("text that YAML would cut short or read otherwise is refused, never lost", () => {
  const QUOTE = "mettez toute la valeur entre guillemets doubles, par exemple";
  const cut = (key: string, lost: string, example: string): string =>
    fr`la valeur de « ${key} » est coupée par « # », qui après une espace commence un commentaire YAML : ${lost} ; ${QUOTE} ${example} (un commentaire va sur sa propre ligne)`;
  const starts = (key: string, character: string, reading: string, example: string): string =>
    fr`la valeur de « ${key} » commence par « ${character} », que YAML ${reading} : ${QUOTE} ${example}`;

  it.each([
    {
      name: "a comment after the title's first word",
      text: article(`title: Irak #1 des ventes\ndate: 2021-12-09\n${KEYS}`),
      expected: `2:13: error: ${cut("title", fr`« #1 des ventes » serait perdu`, 'title: "Irak #1 des ventes"')}`,
    },
    {
      name: "a comment after the summary, quotes in it escaped in the example",
      text: article(`title: Un\ndate: 2021-12-09\n${KEYS}\nsummary: Le "choc" #2 de Bagdad`),
      expected: `6:20: error: ${cut("summary", fr`« #2 de Bagdad » serait perdu`, 'summary: "Le \\"choc\\" #2 de Bagdad"')}`,
    },
    {
      name: "a comment after a photo's alt, named by its path",
      text: article(`title: Un\ndate: 2021-12-09\n${KEYS}\nimage:\n  src: images/a.jpg\n  alt: Le char #2\n  credit: AA`),
      expected: `8:16: error: ${cut("image.alt", fr`« #2 » serait perdu`, 'alt: "Le char #2"')}`,
    },
    {
      name: "a title that starts with #, which would leave it empty",
      text: article(`title: #Irak la fin\ndate: 2021-12-09\n${KEYS}`),
      expected: `2:8: error: ${cut("title", "elle serait vide", 'title: "#Irak la fin"')}`,
    },
    {
      name: "a title that starts with !, a tag",
      text: article(`title: ! important\ndate: 2021-12-09\n${KEYS}`),
      expected: `2:8: error: ${starts("title", "!", "lit comme une étiquette et retire de la valeur", 'title: "! important"')}`,
    },
    {
      name: "a title that starts with &, an anchor",
      text: article(`title: &Irak la fin\ndate: 2021-12-09\n${KEYS}`),
      expected: `2:8: error: ${starts("title", "&", "lit comme une ancre et retire de la valeur", 'title: "&Irak la fin"')}`,
    },
    {
      name: "a title that starts with [",
      text: article(`title: [Exclusif] la fin\ndate: 2021-12-09\n${KEYS}`),
      expected: `2:8: error: ${starts("title", "[", "lit comme le début d’une liste", 'title: "[Exclusif] la fin"')}`,
    },
    {
      name: "a title that starts with {",
      text: article(`title: {Irak} fin\ndate: 2021-12-09\n${KEYS}`),
      expected: `2:8: error: ${starts("title", "{", "lit comme le début d’une suite de clés", 'title: "{Irak} fin"')}`,
    },
    {
      name: "a title that starts with >",
      text: article(`title: > la fin\ndate: 2021-12-09\n${KEYS}`),
      expected: `2:8: error: ${starts("title", ">", "lit comme l’annonce d’un texte sur les lignes suivantes", 'title: "> la fin"')}`,
    },
    {
      name: "a title that starts with |",
      text: article(`title: | la fin\ndate: 2021-12-09\n${KEYS}`),
      expected: `2:8: error: ${starts("title", "|", "lit comme l’annonce d’un texte sur les lignes suivantes", 'title: "| la fin"')}`,
    },
    {
      name: "a title that starts with *, said once",
      text: article(`title: * la fin\ndate: 2021-12-09\n${KEYS}`),
      expected: `2:8: error: ${starts("title", "*", "lit comme un alias", 'title: "* la fin"')}`,
    },
    {
      name: "a title that starts with - ",
      text: article(`title: - la fin\ndate: 2021-12-09\n${KEYS}`),
      expected: `2:8: error: ${starts("title", "-", "lit comme le début d’une liste", 'title: "- la fin"')}`,
    },
    {
      name: "a title that starts with @",
      text: article(`title: @Irak\ndate: 2021-12-09\n${KEYS}`),
      expected: `2:8: error: ${starts("title", "@", "réserve", 'title: "@Irak"')}`,
    },
    {
      name: "an apostrophe inside apostrophes, pointed at",
      text: article(`title: 'L'Irak annonce'\ndate: 2021-12-09\n${KEYS}`),
      expected: fr`2:10: error: cette apostrophe ferme la valeur ouverte par une apostrophe : ${QUOTE} title: "L'Irak annonce", ou écrivez l’apostrophe typographique ’`,
    },
    {
      name: "quotes inside quotes, pointed at",
      text: article(`title: "Le "choc" annoncé"\ndate: 2021-12-09\n${KEYS}`),
      expected: fr`2:12: error: ce guillemet ferme la valeur ouverte par un guillemet : dans le texte, employez les guillemets « », par exemple ${'title: "Le « choc » annoncé"'}, ou mettez toute la valeur entre apostrophes : title: 'Le "choc" annoncé'`,
    },
    {
      name: "an empty title",
      text: article(`title:\ndate: 2021-12-09\n${KEYS}`),
      expected: fr`2:7: error: « title » est vide : écrivez le titre`,
    },
  ])("$name", async ({ text, expected }) => {
    expect(await problemsOf(text)).toEqual([expected]);
  });

  it("keeps comments that cut no text: on a line of their own, after a list, a date, true, or a quoted value", async () => {
    archive = makeArchive();
    archive.write(
      "articles/a.md",
      article(
        [
          "# à relire",
          'title: "Irak #1 des ventes"  # titre provisoire',
          "date: 2021-12-09  # heure de Paris",
          "sources: [AA]  # vérifier",
          "topics:  # le premier est le principal",
          "  - Irak  # pays",
          "summary: 'L’Irak, #1'  # chapô",
          "draft: true  # à finir",
        ].join("\n"),
      ),
    );
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.content?.articles[0]).toMatchObject({ title: "Irak #1 des ventes", summary: "L’Irak, #1" });
  });

  it("refuses a comment after the free text of topics.yaml, sources.yaml and site.yaml too", async () => {
    archive = makeArchive({
      "site.yaml": SITE_YAML.replace('title: "Archives de test"', "title: Archives #1  # à revoir"),
      "topics.yaml": "- slug: irak  # le pays\n  label: Irak #1\n",
      "sources.yaml": "- code: AA\n  name: Agence Anadolu #TR\n  url: https://www.aa.com.tr/fr  # site\n",
    });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    // Each registry with errors also warns of what waits for it (tests/content/loading.test.ts): left out here.
    expect(result.diagnostics.filter((d) => d.kind !== "registryHolds").map(formatDiagnostic)).toEqual([
      `${archive.display("site.yaml")}:1:17: error: ${cut("title", fr`« #1  # à revoir » serait perdu`, 'title: "Archives #1  # à revoir"')}`,
      `${archive.display("sources.yaml")}:2:24: error: ${cut("name", fr`« #TR » serait perdu`, 'name: "Agence Anadolu #TR"')}`,
      `${archive.display("topics.yaml")}:2:15: error: ${cut("label", fr`« #1 » serait perdu`, 'label: "Irak #1"')}`,
    ]);
  });
});

describe("a value written with a YAML tag is told at the tag, with what its field needs", () => {
  const tag = (key: string, written: string, need: string): string =>
    fr`« ${key} » porte l’étiquette YAML « ${written} », que l’archive ne lit pas : retirez-la ; ${need}`;
  const DATE = fr`« date » est une date, par exemple date: 2021-12-09 ou date: 2021-12-09T15:10:00+01:00`;
  const DRAFT = fr`« draft » vaut true ou false, sans guillemets, par exemple draft: true`;
  const TOPICS = fr`« topics » est une liste simple, par exemple topics: [Irak, Défense]`;
  it.each([
    {
      name: "a date tagged as text",
      lines: "title: Un\ndate: !!str 2024-03-05\nsources: [AA]\ntopics: [Irak]",
      expected: `3:7: error: ${tag("date", "!!str", DATE)}`,
    },
    {
      name: "a date with a tag of one's own",
      lines: "title: Un\ndate: !x 2024-03-05\nsources: [AA]\ntopics: [Irak]",
      expected: `3:7: error: ${tag("date", "!x", DATE)}`,
    },
    {
      name: "draft tagged as a boolean, written as text",
      lines: `title: Un\ndate: 2021-12-09\n${KEYS}\ndraft: !!bool "yes"`,
      expected: `6:8: error: ${tag("draft", "!!bool", DRAFT)}`,
    },
    {
      name: "a set of topics",
      lines: "title: Un\ndate: 2021-12-09\nsources: [AA]\ntopics: !!set {irak}",
      expected: `5:9: error: ${tag("topics", "!!set", TOPICS)}`,
    },
    {
      name: "an ordered map of topics",
      lines: "title: Un\ndate: 2021-12-09\nsources: [AA]\ntopics: !!omap [irak: 1]",
      expected: `5:9: error: ${tag("topics", "!!omap", TOPICS)}`,
    },
    {
      name: "a set of topics written as a block, the tag on its own line",
      lines: "title: Un\ndate: 2021-12-09\nsources: [AA]\ntopics:\n  !!set\n  ? irak",
      expected: `6:3: error: ${tag("topics", "!!set", TOPICS)}`,
    },
    {
      name: "a tag on one source of a list",
      lines: "title: Un\ndate: 2021-12-09\nsources: [AA, !x TRT FR]\ntopics: [Irak]",
      expected: `4:15: error: ${tag("sources", "!x", fr`« sources » est une liste simple, par exemple sources: [AA, TRT FR]`)}`,
    },
    {
      name: "a title given as bytes",
      lines: `title: !!binary aGVsbG8=\ndate: 2021-12-09\n${KEYS}`,
      expected: fr`2:8: error: « title » porte l’étiquette YAML « !!binary », que l’archive ne lit pas : écrivez le texte seul, entre guillemets doubles, par exemple ${'title: "aGVsbG8="'}`,
    },
    {
      name: "a quoted title after a tag of one's own",
      lines: `title: !x "Bonjour"\ndate: 2021-12-09\n${KEYS}`,
      expected: fr`2:8: error: « title » porte l’étiquette YAML « !x », que l’archive ne lit pas : écrivez le texte seul, entre guillemets doubles, par exemple ${'title: "Bonjour"'}`,
    },
  ])("$name", async ({ lines, expected }) => {
    expect(await problemsOf(article(lines))).toEqual([expected]);
  });
});

describe("a file saved as Windows-1252", () => {
  it("is reported at the line and column of its first byte that is not UTF-8, with how to convert it", async () => {
    const text = articleText({ title: "Un café à Bagdad" });
    const lines = await problemsOf(Buffer.from(text, "latin1"));
    expect(lines).toEqual([
      fr`2:15: error: le fichier n’est pas en UTF-8 : l’octet 0xE9 (« é » en Windows-1252) montre qu’il a été enregistré en Windows-1252 ; convertissez-le avec iconv -f WINDOWS-1252 -t UTF-8 fichier.md > converti.md, ou « Enregistrer sous… » en UTF-8 dans votre éditeur`,
    ]);
  });

  it("is found past valid multi-byte characters, on any line", () => {
    const valid = Buffer.from("---\ntitle: « Été »\n");
    expect(firstInvalidUtf8(Buffer.concat([valid, Buffer.from([0x93, 0x41])]))).toBe(valid.length);
    expect(firstInvalidUtf8(Buffer.from([0xc3]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstInvalidUtf8(Buffer.from([0xe0, 0x80, 0x80]))).toBe(0); // overlong
    expect(firstInvalidUtf8(Buffer.from("déjà", "utf8"))).toBe(6); // none: its length
  });
});

describe("a UTF-8 file holding a few bytes that are not UTF-8", () => {
  // The article's text in UTF-8 (« é » in its title and topics), with each `@` of its body a byte of Windows-1252.
  const pasted = (body: string, bytes: number[]): Buffer => {
    const text = Buffer.from(articleText({ title: "Un café", body }));
    return Buffer.from(text.map((b) => (b === 0x40 ? bytes.shift()! : b)));
  };
  const mixed = pasted("Le caf@ est servi, d@j@.", [0xe9, 0xe9, 0xe0]);

  it("is reported at its first such byte, with their count, told to retype the character, not to convert the file", async () => {
    expect(await problemsOf(mixed)).toEqual([
      fr`7:7: error: le fichier est en UTF-8, mais 3 octets n’en sont pas, le premier ici : 0xE9 (« é » en Windows-1252), sans doute collé d’un autre texte ; retapez le caractère à cet endroit et aux autres, sans convertir le fichier, dont les autres accents sont déjà en UTF-8`,
    ]);
  });

  it("says « un octet » when there is one", async () => {
    expect(await problemsOf(pasted("Le th@.", [0xe9]))).toEqual([
      fr`7:6: error: le fichier est en UTF-8, mais un octet n’en est pas, ici : 0xE9 (« é » en Windows-1252), sans doute collé d’un autre texte ; retapez le caractère à cet endroit, sans convertir le fichier, dont les autres accents sont déjà en UTF-8`,
    ]);
  });

  it("is told apart from a Windows-1252 file by its valid multi-byte characters", () => {
    expect(surveyUtf8(mixed)).toEqual({ firstInvalid: mixed.indexOf(0xe9), invalid: 3, multiByte: 2 });
    expect(surveyUtf8(Buffer.from("Un café à Bagdad", "latin1"))).toEqual({ firstInvalid: 6, invalid: 2, multiByte: 0 });
    expect(surveyUtf8(Buffer.from("déjà", "utf8"))).toEqual({ firstInvalid: 6, invalid: 0, multiByte: 2 });
  });
});

describe("a file saved as UTF-16", () => {
  const hasIconv = spawnSync("iconv", ["--version"]).status === 0;
  const text = articleText({ title: "Un café à Bagdad : l’« affaire »" });
  const utf16be = (s: string): Buffer => Buffer.from(s, "utf16le").swap16();
  it.each([
    { name: "with a BOM, little-endian (Windows Notepad)", bytes: Buffer.from(`\ufeff${text}`, "utf16le"), encoding: "UTF-16" },
    { name: "with a BOM, big-endian", bytes: utf16be(`\ufeff${text}`), encoding: "UTF-16" },
    { name: "without a BOM, little-endian", bytes: Buffer.from(text, "utf16le"), encoding: "UTF-16LE" },
    { name: "without a BOM, big-endian", bytes: utf16be(text), encoding: "UTF-16BE" },
  ])("$name is reported at line 1 with the iconv command that converts it", async ({ bytes, encoding }) => {
    const problems = await problemsOf(bytes);
    expect(problems).toEqual([
      fr`1:1: error: le fichier n’est pas en UTF-8 : il a été enregistré en UTF-16 (« Unicode » dans le Bloc-notes de Windows) ; convertissez-le avec iconv -f ${encoding} -t UTF-8 fichier.md > converti.md, ou « Enregistrer sous… » en UTF-8 dans votre éditeur`,
    ]);
    if (!hasIconv) return;
    // The command given, run as the editor would, gives an article that loads (the Windows-1252
    // one gave NUL bytes). Without a BOM, iconv implementations disagree on "UTF-16"'s byte order.
    writeFileSync(join(archive.root, "fichier.md"), bytes);
    const command = /iconv -f \S+ -t UTF-8 fichier\.md > converti\.md/.exec(problems[0]!)![0];
    expect(spawnSync("sh", ["-c", command], { cwd: archive.root }).status).toBe(0);
    archive.write("articles/a.md", readFileSync(join(archive.root, "converti.md")));
    expect((await loadContent({ contentDir: archive.dir, nowMs: NOW })).diagnostics).toEqual([]);
  });

  it("is told apart from UTF-8 with a NUL byte, Windows-1252 and binary data", () => {
    expect(findUtf16(Buffer.from(text, "utf16le"))).toEqual({ encoding: "utf-16le", bom: false });
    expect(findUtf16(Buffer.from(text.replace("café", "caf\0"), "utf8"))).toBeUndefined();
    expect(findUtf16(Buffer.from(text, "latin1"))).toBeUndefined();
    expect(findUtf16(Uint8Array.of(0x41, 0x00, 0x00, 0x00, 0x42, 0x00, 0x01, 0x00))).toBeUndefined();
    expect(findUtf16(Uint8Array.of(0x41, 0x00, 0x42))).toBeUndefined();
  });

  it("is reported in a registry too", async () => {
    archive = makeArchive();
    archive.write("topics.yaml", Buffer.from("\ufeff- { slug: irak, label: Irak }\n", "utf16le"));
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics.map(formatDiagnostic)).toContainEqual(
      expect.stringContaining(fr`${archive.display("topics.yaml")}:1:1: error: le fichier n’est pas en UTF-8 : il a été enregistré en UTF-16`),
    );
  });
});

describe("a date that is written right but does not exist", () => {
  it.each([
    { date: "2026-11-31", expected: fr`3:7: error: « date » : le 31 novembre n’existe pas ; vérifiez le jour et le mois` },
    { date: "2021-02-30", expected: fr`3:7: error: « date » : le 30 février n’existe pas ; vérifiez le jour et le mois` },
    {
      date: "2025-02-29",
      expected: fr`3:7: error: « date » : le 29 février 2025 n’existe pas (2025 n’est pas bissextile) ; vérifiez l’année et le jour`,
    },
    { date: "2021-13-09", expected: fr`3:7: error: « date » : il n’y a pas de mois 13 ; le mois va de 01 à 12, la date s’écrit année-mois-jour (2021-12-09)` },
    { date: "2021-12-09T24:30", expected: fr`3:7: error: « date » : l’heure 24:30 n’existe pas ; l’heure va de 00:00 à 23:59:59` },
  ])("$date", async ({ date, expected }) => {
    expect(await problemsOf(articleText({ date }))).toEqual([expected]);
  });

  it("accepts 29 February in a leap year", async () => {
    archive = makeArchive();
    archive.article("a.md", { date: "2024-02-29" });
    expect((await loadContent({ contentDir: archive.dir, nowMs: NOW })).diagnostics).toEqual([]);
  });

  it("is still named when another key is wrong too", async () => {
    const lines = await problemsOf(articleText({ date: "2026-11-31", extra: "draft: oui" }));
    expect(lines).toContain(fr`3:7: error: « date » : le 31 novembre n’existe pas ; vérifiez le jour et le mois`);
  });
});

describe("a Paris time the clocks skip or show twice", () => {
  const SKIPPED = fr`« date » : 02:30 n’existe pas à Paris le 29 mars 2026 (passage à l’heure d’été) ; écrivez 2026-03-29T03:30, ou vérifiez l’heure de la source`;
  const REPEATED = fr`« date » : les horloges affichent deux fois 02:30 à Paris le 25 octobre 2026 (retour à l’heure d’hiver) ; Dépêche retient la seconde, 2026-10-25T02:30+01:00 : écrivez-la ainsi, ou 2026-10-25T02:30+02:00 pour la première`;

  // Read as 03:30, the article would quietly carry a time nobody wrote.
  it("refuses a time skipped when summer time starts, in a draft too, saying what to write", async () => {
    expect(await problemsOf(articleText({ date: "2026-03-29T02:30" }))).toEqual([`3:7: error: ${SKIPPED}`]);
    expect(await problemsOf(articleText({ date: "2026-03-29T02:30", extra: "draft: true" }))).toEqual([`3:7: error: ${SKIPPED}`]);
    expect(await problemsOf(articleText({ date: "2026-03-29", extra: "updated: 2026-03-29 02:59:30" }))).toEqual([
      fr`6:10: error: « updated » : 02:59:30 n’existe pas à Paris le 29 mars 2026 (passage à l’heure d’été) ; écrivez 2026-03-29T03:59:30, ou vérifiez l’heure de la source`,
    ]);
  });

  it("warns about a time shown twice when summer time ends, saying which is taken and how to choose", async () => {
    archive = makeArchive();
    archive.article("a.md", { date: "2026-10-25T02:30" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.content?.articles[0]?.published.iso).toBe("2026-10-25T02:30:00+01:00");
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([`${archive.display("articles/a.md")}:3:7: warning: ${REPEATED}`]);
  });

  it.each(["2026-03-29", "2026-03-29T01:59", "2026-03-29T03:00", "2026-03-29T02:30+01:00", "2026-10-25T01:59", "2026-10-25T02:30+02:00", "2026-10-25T03:00"])(
    "says nothing of %s, which names one instant",
    async (date) => {
      archive = makeArchive();
      archive.article("a.md", { date });
      expect((await loadContent({ contentDir: archive.dir, nowMs: NOW })).diagnostics).toEqual([]);
    },
  );

  // Luxon and Date read TZ when the process starts: only a child process shows the machine's zone changes nothing.
  it.each(["Pacific/Honolulu", "Pacific/Kiritimati"])("says the same under TZ=%s as in Paris", (tz) => {
    archive = makeArchive();
    archive.article("a.md", { title: "Sautée", date: "2026-03-29T02:30" });
    archive.article("b.md", { title: "Deux fois", date: "2026-10-25T02:30" });
    const run = (zone: string): string[] =>
      spawnSync(process.execPath, ["bin/depeche.js", "check", "--content", archive.dir], { env: { ...process.env, TZ: zone }, encoding: "utf8" })
        .stderr.split("\n")
        .filter((line) => / (error|warning): /.test(line));
    const paris = run("Europe/Paris");
    expect(paris).toEqual([`${archive.display("articles/a.md")}:3:7: error: ${SKIPPED}`, `${archive.display("articles/b.md")}:3:7: warning: ${REPEATED}`]);
    expect(run(tz)).toEqual(paris);
  });
});

describe("a key written under another name", () => {
  it.each([
    ["sujets", "topics"],
    ["tags", "topics"],
    ["Thèmes", "topics"],
    ["titre", "title"],
    ["résumé", "summary"],
    ["brouillon", "draft"],
  ])("%s: suggests %s", async (written, meant) => {
    const lines = await problemsOf(articleText({ extra: `${written}: x` }));
    expect(lines[0]).toMatch(new RegExp(fr`^6:1: error: clé inconnue « ${written} » \\(vouliez-vous dire « ${meant} »\u202f\\?\\)`));
  });

  it("still suggests by spelling when no synonym fits", async () => {
    expect((await problemsOf(articleText({ extra: "topcis: [Irak]" })))[0]).toContain(fr`clé inconnue « topcis » (vouliez-vous dire « topics » ?)`);
  });
});

describe("a required key written under another name, and so absent", () => {
  const renamed = (at: string, written: string, meant: string): string =>
    fr`${at}: error: clé inconnue « ${written} », et la clé obligatoire « ${meant} » manque : renommez « ${written} » en « ${meant} »`;

  it.each([
    { written: "topic", meant: "topics", text: article("title: Un\ndate: 2021-12-09\nsources: [AA]\ntopic: [Irak]"), line: 5 },
    { written: "Title", meant: "title", text: article("Title: Un\ndate: 2021-12-09\nsources: [AA]\ntopics: [Irak]"), line: 2 },
    { written: "Date", meant: "date", text: article("title: Un\nDate: 2021-12-09\nsources: [AA]\ntopics: [Irak]"), line: 3 },
    { written: "source", meant: "sources", text: article("title: Un\ndate: 2021-12-09\nsource: [AA]\ntopics: [Irak]"), line: 4 },
    { written: "titre", meant: "title", text: article("titre: Un\ndate: 2021-12-09\nsources: [AA]\ntopics: [Irak]"), line: 2 },
    { written: "sujets", meant: "topics", text: article("title: Un\ndate: 2021-12-09\nsources: [AA]\nsujets: [Irak]"), line: 5 },
    { written: "agence", meant: "sources", text: article("title: Un\ndate: 2021-12-09\nagence: AA\ntopics: [Irak]"), line: 4 },
    {
      written: "Alt",
      meant: "alt",
      text: article(`title: Un\ndate: 2021-12-09\n${KEYS}\nimage:\n  src: images/a.jpg\n  Alt: Un soldat\n  credit: AA`),
      line: 8,
      column: 3,
    },
  ])("$written for $meant: one error, at its line, that says to rename it", async ({ written, meant, text, line, column = 1 }) => {
    expect(await problemsOf(text)).toEqual([renamed(`${line}:${column}`, written, meant)]);
  });

  it("leaves every other problem of the file told in the same run, and none at 1:1", async () => {
    const lines = await problemsOf(article("Title: Un\ndate: 2021-02-30\nsources: [AA, TRT]\ntopic: [Irak]\nDate: 2021-12-09"));
    expect(lines).toEqual([
      renamed("2:1", "Title", "title"),
      fr`3:7: error: « date » : le 30 février n’existe pas ; vérifiez le jour et le mois`,
      fr`4:15: error: source inconnue « TRT » (vouliez-vous dire « TRT FR » ?) : utilisez un code de sources.yaml, ou ajoutez-le`,
      renamed("5:1", "topic", "topics"),
      // `date` is there: `Date` stands for nothing absent, and is only unknown.
      fr`6:1: error: clé inconnue « Date » (vouliez-vous dire « date » ?) ; les clés sont title, date, sources, topics, shortLink, summary, updated, slug, draft, aliases, image`,
    ]);
  });

  it("renames one of two stand-ins for the same key, and suggests the key for the other", async () => {
    const lines = await problemsOf(article("title: Un\ndate: 2021-12-09\nsources: [AA]\ntopic: [Irak]\ntags: [Irak]"));
    expect(lines).toEqual([
      renamed("5:1", "topic", "topics"),
      expect.stringMatching(new RegExp(fr`^6:1: error: clé inconnue « tags » \\(vouliez-vous dire « topics »`)),
    ]);
  });

  it("in a draft, is the one error about topics: no warning that they are still to fill", async () => {
    const lines = await problemsOf(article("title: Un\ndate: 2021-12-09\ndraft: true\nsources: [AA]\ntopic: [Irak]\nsummary: Le chapô."));
    expect(lines).toEqual([renamed("6:1", "topic", "topics")]);
  });

  it("in site.yaml too", async () => {
    archive = makeArchive({ "site.yaml": SITE_YAML.replace("title:", "Title:") });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    // Each registry with errors also warns of what waits for it (tests/content/loading.test.ts): left out here.
    expect(result.diagnostics.filter((d) => d.kind !== "registryHolds").map(formatDiagnostic)).toEqual([
      `${archive.display("site.yaml")}:${renamed("1:1", "Title", "title")}`,
    ]);
  });

  it("in English", async () => {
    process.env.DEPECHE_LANG = "en";
    expect(await problemsOf(article("title: Un\ndate: 2021-12-09\nsources: [AA]\ntopic: [Irak]"))).toEqual([
      '5:1: error: unknown key "topic", and the required key "topics" is missing: rename "topic" to "topics"',
    ]);
  });
});

describe("in English for developers (DEPECHE_LANG=en)", () => {
  it("says the same things in English, with the same positions", async () => {
    process.env.DEPECHE_LANG = "en";
    expect(await problemsOf(articleText({ date: "2026-11-31", extra: "sujets: [Irak]" }))).toEqual([
      '3:7: error: "date": November 31 does not exist; check the day and the month',
      '6:1: error: unknown key "sujets" (did you mean "topics"?); the keys are title, date, sources, topics, shortLink, summary, updated, slug, draft, aliases, image',
    ]);
    expect(await problemsOf(articleText({ date: "2026-03-29T02:30" }))).toEqual([
      '3:7: error: "date": 02:30 does not exist in Paris on March 29, 2026 (clocks go forward to summer time); write 2026-03-29T03:30, or check the source\'s time',
    ]);
    expect(await problemsOf(article(`title: L’Irak: la fin\ndate: 2021-12-09\n${KEYS}`))).toEqual([
      '2:8: error: the value of "title" holds ": ", which YAML reads as a new key: put the title in quotes, e.g. title: "L’Irak: la fin"',
    ]);
    expect(await problemsOf(article(`title: La sélection nationale\n  #MeToo la Syrie\ndate: 2021-12-09\n${KEYS}`))).toEqual([
      '3:3: error: the value of "title" is cut by this line, which "#" makes a YAML comment: it would stop at "La sélection nationale", and "#MeToo la Syrie" would be lost; put the whole value in double quotes, e.g. title: "La sélection nationale #MeToo la Syrie" (a comment goes on a line of its own, indented no further than the key)',
    ]);
    expect(await problemsOf(article(`title: Un\ndate: 2021-12-09\nsources: [AA]\ntopics: [Irak] Défense`))).toEqual([
      '5:16: error: text follows the "]" that closes the list: put every entry inside the same brackets, separated by commas, e.g. topics: [Irak, Défense]',
    ]);
    expect(await problemsOf(article(`title: Irak #1 des ventes\ndate: 2021-12-09\n${KEYS}`))).toEqual([
      '2:13: error: the value of "title" is cut at "#", which after a space starts a YAML comment: "#1 des ventes" would be lost; put the whole value in double quotes, e.g. title: "Irak #1 des ventes" (a comment goes on a line of its own)',
    ]);
    expect(await problemsOf(article(`title: [Exclusif] la fin\ndate: 2021-12-09\n${KEYS}`))).toEqual([
      '2:8: error: the value of "title" starts with "[", which YAML reads as the start of a list: put the whole value in double quotes, e.g. title: "[Exclusif] la fin"',
    ]);
  });
});
