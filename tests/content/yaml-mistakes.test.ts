/**
 * YAML written wrong in front matter, as editors write it: each mistake told in French at the line
 * and column of the fix, with the line to write; never the parser's English (yamlOther), never a
 * text silently cut short. The first mistakes of each kind are in editor-mistakes.test.ts.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { makeArchive, TOPICS_YAML, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

const NOW = Date.parse("2026-12-01T00:00:00Z");

// Each problem of the one article, without its path.
async function problemsOf(text: string): Promise<string[]> {
  archive = makeArchive();
  archive.write("articles/a.md", text);
  const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
  return result.diagnostics.map((d) => formatDiagnostic(d).slice(archive.display("articles/a.md").length + 1));
}

// Front matter starts on line 2.
const article = (frontMatter: string): string => `---\n${frontMatter}\n---\nTexte.\n`;
const HEAD = "title: Un\ndate: 2021-12-09";
const KEYS = "sources: [AA]\ntopics: [Irak]";
const QUOTE = "mettez toute la valeur entre guillemets doubles, par exemple";

describe("a comment line under a text value cuts it short: an error at the #, never text lost", () => {
  const cut = (key: string, kept: string, lost: string, example: string): string =>
    fr`la valeur de « ${key} » est coupée par cette ligne, que « # » fait lire comme un commentaire YAML : elle s’arrêterait à « ${kept} », et « ${lost} » serait perdu ; ${QUOTE} ${example} (un commentaire va sur sa propre ligne, pas plus en retrait que la clé)`;

  it.each([
    {
      name: "a title on two lines, the second starting with #",
      frontMatter: `title: La sélection nationale\n  #MeToo la Syrie hausse le ton\ndate: 2021-12-09\n${KEYS}`,
      expected: `3:3: error: ${cut("title", "La sélection nationale", "#MeToo la Syrie hausse le ton", 'title: "La sélection nationale #MeToo la Syrie hausse le ton"')}`,
    },
    {
      name: "a title that goes on under the comment line, which the parser would stumble on",
      frontMatter: `title: La sélection nationale\n  #MeToo la Syrie\n  hausse le ton\ndate: 2021-12-09\n${KEYS}`,
      expected: `3:3: error: ${cut("title", "La sélection nationale", "#MeToo la Syrie hausse le ton", 'title: "La sélection nationale #MeToo la Syrie hausse le ton"')}`,
    },
    {
      name: "a summary on three lines",
      frontMatter: `${HEAD}\n${KEYS}\nsummary: Le chapô\n  continue ici\n  #2 à la fin`,
      expected: `8:3: error: ${cut("summary", "Le chapô continue ici", "#2 à la fin", 'summary: "Le chapô continue ici #2 à la fin"')}`,
    },
    {
      name: "a photo's alt, under its key's own indentation",
      frontMatter: `${HEAD}\n${KEYS}\nimage:\n  src: images/a.jpg\n  alt: Le char\n    #2 de l’armée\n  credit: AA`,
      expected: `9:5: error: ${cut("image.alt", "Le char", "#2 de l’armée", 'alt: "Le char #2 de l’armée"')}`,
    },
    {
      name: "a photo's caption",
      frontMatter: `${HEAD}\n${KEYS}\nimage:\n  src: images/a.jpg\n  alt: Un char\n  credit: AA\n  caption: Bagdad, le\n    #jour 1`,
      expected: `11:5: error: ${cut("image.caption", "Bagdad, le", "#jour 1", 'caption: "Bagdad, le #jour 1"')}`,
    },
    {
      name: "a comment on the title's line and one under it: both lost, said once",
      frontMatter: `title: Irak #1\n  #des ventes\ndate: 2021-12-09\n${KEYS}`,
      expected: fr`2:13: error: la valeur de « title » est coupée par « # », qui après une espace commence un commentaire YAML : « #1 #des ventes » serait perdu ; ${QUOTE} title: "Irak #1 #des ventes" (un commentaire va sur sa propre ligne)`,
    },
    {
      name: "a comment on the second line of a summary",
      frontMatter: `${HEAD}\n${KEYS}\nsummary: Bagdad annonce la fin\n  des missions #2 de combat`,
      expected: fr`7:16: error: la valeur de « summary » est coupée par « # », qui après une espace commence un commentaire YAML : « #2 de combat » serait perdu ; ${QUOTE} summary: "Bagdad annonce la fin des missions #2 de combat" (un commentaire va sur sa propre ligne)`,
    },
    {
      name: "a summary that starts with # on its key's line, its text under it",
      frontMatter: `${HEAD}\n${KEYS}\nsummary: #Bagdad annonce la fin\n  des missions de combat`,
      expected: fr`6:10: error: la valeur de « summary » est coupée par « # », qui après une espace commence un commentaire YAML : « #Bagdad annonce la fin » serait perdu ; ${QUOTE} summary: "#Bagdad annonce la fin des missions de combat" (un commentaire va sur sa propre ligne)`,
    },
  ])("$name", async ({ frontMatter, expected }) => {
    expect(await problemsOf(article(frontMatter))).toEqual([expected]);
  });

  it("is found in topics.yaml too", async () => {
    archive = makeArchive({ "topics.yaml": TOPICS_YAML.replace("  label: Irak\n", "  label: Irak\n    #1 des ventes\n") });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    // Each registry with errors also warns of what waits for it (tests/content/loading.test.ts): left out here.
    expect(result.diagnostics.filter((d) => d.kind !== "registryHolds").map(formatDiagnostic)).toEqual([
      `${archive.display("topics.yaml")}:3:5: error: ${cut("label", "Irak", "#1 des ventes", 'label: "Irak #1 des ventes"')}`,
    ]);
  });

  it("leaves a comment line that cannot continue the value: at the key's indentation, after a blank line, under a value that is not free text", async () => {
    archive = makeArchive();
    archive.write(
      "articles/a.md",
      article(
        [
          "title: La sélection nationale",
          "# à relire",
          "summary: Le chapô",
          "",
          "  # note après une ligne vide",
          "date: 2021-12-09  # heure de Paris",
          "sources: [AA]",
          "  # une seule source",
          "topics:",
          "  - Irak",
          "    # le pays",
          "image:",
          "  src: images/a.jpg",
          "  alt: Un char",
          "  # au retrait de la clé",
          "  credit: AA",
          "draft: true",
          "  # à finir",
        ].join("\n"),
      ),
    );
    archive.write("images/a.jpg", Buffer.alloc(0));
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics.filter((d) => /YAML|#/.test(d.message))).toEqual([]);
    expect(result.content?.articles[0]).toMatchObject({ title: "La sélection nationale", summary: "Le chapô" });
  });
});

describe("lists and brackets written wrong are told with the list to write", () => {
  const textAfterList = (example: string): string =>
    fr`du texte suit le « ] » qui ferme la liste : mettez toutes les entrées entre les mêmes crochets, séparées par des virgules, par exemple ${example}`;
  const stray = (example: string): string => fr`ce « ] » ne ferme aucun « [ » ouvert avant lui : retirez-le, par exemple ${example}`;
  const comma = (example: string): string =>
    fr`il manque une virgule ici : entre crochets ou entre accolades, les entrées se séparent par « , », par exemple ${example}`;
  const starts = (key: string, character: string, reading: string, example: string): string =>
    fr`la valeur de « ${key} » commence par « ${character} », que YAML ${reading} : ${QUOTE} ${example}`;

  it.each([
    {
      name: "text after the list",
      frontMatter: `${HEAD}\nsources: [AA]\ntopics: [Irak] Défense`,
      expected: `5:16: error: ${textAfterList("topics: [Irak, Défense]")}`,
    },
    {
      name: "two lists for one key",
      frontMatter: `${HEAD}\nsources: [AA] [TRT FR]\ntopics: [Irak]`,
      expected: `4:15: error: ${textAfterList("sources: [AA, TRT FR]")}`,
    },
    {
      name: "two lists separated by a comma",
      frontMatter: `${HEAD}\nsources: [AA], [TRT FR]\ntopics: [Irak]`,
      expected: `4:16: error: ${textAfterList("sources: [AA, TRT FR]")}`,
    },
    {
      name: "a list closed twice, the keys after it not told again",
      frontMatter: `${HEAD}\nsources: [AA]]\ntopics: [Irak]`,
      expected: `4:14: error: ${stray("sources: [AA]")}`,
    },
    {
      name: "a list closed before it opens",
      frontMatter: `${HEAD}\nsources: ]AA\ntopics: [Irak]`,
      expected: `4:10: error: ${stray("sources: AA")}`,
    },
    {
      name: "a comma with no entry before it",
      frontMatter: `${HEAD}\nsources: [AA]\ntopics: [Irak, , Défense]`,
      expected: fr`5:16: error: cette virgule ne suit aucune entrée : retirez-la, par exemple topics: [Irak, Défense]`,
    },
    {
      name: "a list that starts with a comma",
      frontMatter: `${HEAD}\nsources: [AA]\ntopics: [, Irak]`,
      expected: fr`5:10: error: cette virgule ne suit aucune entrée : retirez-la, par exemple topics: [Irak]`,
    },
    {
      name: "a comma missing between quoted entries",
      frontMatter: `${HEAD}\nsources: [AA]\ntopics: ["Irak" "Défense"]`,
      expected: `5:16: error: ${comma('topics: ["Irak", "Défense"]')}`,
    },
    {
      name: "a comma missing between keys in braces",
      frontMatter: `${HEAD}\n${KEYS}\nimage: {src: images/a.jpg alt: Un char, credit: AA}`,
      expected: `6:26: error: ${comma("image: {src: images/a.jpg, alt: Un char, credit: AA}")}`,
    },
    {
      name: "a list closed with a brace",
      frontMatter: `${HEAD}\nsources: [AA]\ntopics: [Irak}`,
      expected: fr`5:9: error: une liste ouverte par « [ » n’est pas fermée : ajoutez « ] » à la fin, sur la même ligne, par exemple topics: [Irak]`,
    },
    {
      name: "keys in braces left open",
      frontMatter: `${HEAD}\n${KEYS}\nimage: {src: images/a.jpg, alt: Un char, credit: AA`,
      expected: fr`6:8: error: des clés ouvertes par « { » ne sont pas fermées : ajoutez « } » à la fin, sur la même ligne, par exemple image: {src: images/a.jpg, alt: Un char, credit: AA}`,
    },
    {
      name: "quoted entries without brackets",
      frontMatter: `${HEAD}\nsources: "AA", "TRT FR"\ntopics: [Irak]`,
      expected: fr`4:14: error: plusieurs valeurs se suivent sans crochets : une liste s’écrit entre « [ » et « ] », par exemple sources: ["AA", "TRT FR"]`,
    },
    {
      name: "a comment glued to a list",
      frontMatter: `${HEAD}\nsources: [AA]\ntopics: [Irak]#à revoir`,
      expected: fr`5:15: error: ce « # » commence un commentaire collé à la valeur : YAML veut une espace avant lui ; écrivez topics: [Irak] #à revoir`,
    },
    {
      name: "a title that starts with ], the keys after it not told",
      frontMatter: `title: ]Exclusif la fin\ndate: 2021-12-09\n${KEYS}`,
      expected: `2:8: error: ${starts("title", "]", "lit comme la fin d’une liste", 'title: "]Exclusif la fin"')}`,
    },
    {
      name: "a title that is a list and nothing else",
      frontMatter: `title: [Exclusif]\ndate: 2021-12-09\n${KEYS}`,
      expected: `2:8: error: ${starts("title", "[", "lit comme le début d’une liste", 'title: "[Exclusif]"')}`,
    },
    {
      name: "a summary that is keys in braces and nothing else",
      frontMatter: `${HEAD}\n${KEYS}\nsummary: {Bagdad}`,
      expected: `6:10: error: ${starts("summary", "{", "lit comme le début d’une suite de clés", 'summary: "{Bagdad}"')}`,
    },
  ])("$name", async ({ frontMatter, expected }) => {
    expect(await problemsOf(article(frontMatter))).toEqual([expected]);
  });
});

describe("quotes, colons, keys and indentation written wrong are told with the line to write", () => {
  it.each([
    {
      name: "text after a quoted word",
      frontMatter: `title: "Exclusif" la fin de la mission\ndate: 2021-12-09\n${KEYS}`,
      expected: fr`2:17: error: ce guillemet ferme la valeur ouverte par un guillemet : dans le texte, employez les guillemets « », par exemple ${'title: "« Exclusif » la fin de la mission"'}, ou mettez toute la valeur entre apostrophes : title: '"Exclusif" la fin de la mission'`,
    },
    {
      name: "two quoted words",
      frontMatter: `title: "Le" "choc"\ndate: 2021-12-09\n${KEYS}`,
      expected: fr`2:11: error: ce guillemet ferme la valeur ouverte par un guillemet : dans le texte, employez les guillemets « », par exemple ${'title: "« Le » « choc »"'}, ou mettez toute la valeur entre apostrophes : title: '"Le" "choc"'`,
    },
    {
      name: "text after a word in apostrophes",
      frontMatter: `title: 'Exclusif' la fin\ndate: 2021-12-09\n${KEYS}`,
      expected: fr`2:17: error: cette apostrophe ferme la valeur ouverte par une apostrophe : ${QUOTE} title: "'Exclusif' la fin", ou écrivez l’apostrophe typographique ’`,
    },
    {
      name: "a # glued to the closing quote of a title",
      frontMatter: `title: "Irak"#1 des ventes\ndate: 2021-12-09\n${KEYS}`,
      expected: fr`2:13: error: ce guillemet ferme la valeur ouverte par un guillemet : dans le texte, employez les guillemets « », par exemple ${'title: "« Irak »#1 des ventes"'}, ou mettez toute la valeur entre apostrophes : title: '"Irak"#1 des ventes'`,
    },
    {
      name: "text after the quotes of a date",
      frontMatter: `title: Un\ndate: "2021-12-09" 10:00\n${KEYS}`,
      expected: fr`3:18: error: du texte suit le guillemet qui ferme la valeur : mettez toute la valeur entre les guillemets, par exemple date: "2021-12-09 10:00"`,
    },
    {
      name: "a backslash in double quotes",
      frontMatter: `title: "Hausse de 50\\% à Bagdad"\ndate: 2021-12-09\n${KEYS}`,
      expected: fr`2:21: error: entre guillemets doubles, « \\ » annonce un caractère spécial (\\" pour un guillemet, \\n pour un retour à la ligne) : pour écrire « \\ » lui-même, doublez-le, par exemple title: "Hausse de 50\\\\% à Bagdad"`,
    },
    {
      name: "no space after the key's colon",
      frontMatter: `title:L’Irak annonce la fin\ndate: 2021-12-09\n${KEYS}`,
      expected: fr`2:7: error: il manque une espace après « : », sans laquelle YAML ne lit pas de clé sur cette ligne : écrivez title: L’Irak annonce la fin`,
    },
    {
      name: "a key without its colon",
      frontMatter: `title: Un\ndate 2021-12-09\n${KEYS}`,
      expected: fr`3:1: error: cette ligne n’est ni une clé suivie de « : » ni en retrait sous la précédente : ajoutez « : » après le nom de la clé, par exemple date: 2021-12-09, ou, si elle continue la valeur du dessus, mettez-la en retrait de deux espaces`,
    },
    {
      name: "a key on its parent's line",
      frontMatter: `${HEAD}\n${KEYS}\nimage: src: images/a.jpg`,
      expected: fr`6:8: error: « src: » suit « image: » sur la même ligne : une clé ne se met pas dans la valeur d’une autre ; écrivez src: … sur la ligne suivante, en retrait de deux espaces`,
    },
    {
      name: "a colon on the second line of a summary",
      frontMatter: `${HEAD}\n${KEYS}\nsummary: Le ministre a déclaré\n  Bagdad: la fin de la mission`,
      expected: fr`7:3: error: cette ligne en retrait continue la valeur de « summary », mais son « : » suivi d’une espace la fait lire comme une clé : si c’est une clé, alignez-la sur « summary » ; si c’est la suite du texte, mettez toute la valeur entre guillemets doubles, par exemple summary: "Le ministre a déclaré Bagdad: la fin de la mission"`,
    },
    {
      name: "the first key indented, the keys after it not told",
      frontMatter: ` title: Un\ndate: 2021-12-09\n${KEYS}`,
      expected: fr`2:1: error: cette ligne est en retrait sans appartenir à la précédente : alignez chaque clé au début de la ligne`,
    },
    {
      name: "a photo's key less indented than the one above, said once",
      frontMatter: `${HEAD}\n${KEYS}\nimage:\n  src: images/a.jpg\n alt: Un char\n  credit: AA`,
      expected: fr`8:2: error: cette ligne n’est pas alignée sur la clé « src » du dessus, et YAML ne sait pas à quoi elle appartient : faites-la commencer à la même colonne que « src » (colonne 3)`,
    },
    {
      name: "a photo's key more indented than the one above",
      frontMatter: `${HEAD}\n${KEYS}\nimage:\n  src: images/a.jpg\n   alt: Un char\n  credit: AA`,
      expected: fr`8:4: error: cette ligne n’est pas alignée sur la clé « src » du dessus, et YAML ne sait pas à quoi elle appartient : faites-la commencer à la même colonne que « src » (colonne 3)`,
    },
    {
      name: "a list entry without its dash",
      frontMatter: `${HEAD}\nsources: [AA]\ntopics:\n  - Irak\n  Défense`,
      expected: fr`7:3: error: dans une liste, chaque entrée commence par « - » suivi d’une espace, alignée sous les autres : - Irak`,
    },
    {
      name: "list entries written as in Markdown",
      frontMatter: `${HEAD}\nsources: [AA]\ntopics:\n  * Irak\n  * Défense`,
      expected: fr`6:3: error: dans une liste, chaque entrée commence par « - » suivi d’une espace, alignée sous les autres : - Irak`,
    },
    {
      name: "a > typed after the closing quote, the key under it not told",
      frontMatter: `title: "L’Irak annonce">\ndate: 2021-12-09\n${KEYS}`,
      expected: fr`2:23: error: ce guillemet ferme la valeur ouverte par un guillemet : dans le texte, employez les guillemets « », par exemple ${'title: "« L’Irak annonce »>"'}, ou mettez toute la valeur entre apostrophes : title: '"L’Irak annonce">'`,
    },
    {
      name: "the text of a > not indented",
      frontMatter: `${HEAD}\n${KEYS}\nsummary: >\nLe chapô`,
      expected: fr`7:1: error: le texte annoncé par « > » sur la ligne du dessus doit être en retrait sous sa clé : commencez chacune de ses lignes par deux espaces`,
    },
    {
      name: "a line ... before the last keys",
      frontMatter: `${HEAD}\n...\n${KEYS}`,
      expected: fr`4:1: error: une ligne « ... » termine le YAML : les clés qui la suivent ne seraient pas lues ; retirez-la`,
    },
  ])("$name", async ({ frontMatter, expected }) => {
    expect(await problemsOf(article(frontMatter))).toEqual([expected]);
  });
});

describe("a tab as indentation: the fix is the indentation the line takes", () => {
  const REMOVE = fr`error: cette ligne commence par une tabulation, alors qu’elle ne prend pas de retrait : supprimez le retrait, pour qu’elle commence au bord gauche`;
  const TWO = fr`error: une tabulation sert de retrait : YAML n’accepte que des espaces ; remplacez-la par deux espaces`;
  const IMAGE = "image:\n  src: images/a.jpg\n  alt: Une photo";
  it.each([
    // Each with what the advice makes of the line: a file that reads.
    { name: "a key after keys of the top level", frontMatter: `${HEAD}\ntopics: [Irak]\n\tsources: [AA]`, expected: `5:1: ${REMOVE}`, fixed: "sources: [AA]" },
    { name: "a key after a list", frontMatter: `${HEAD}\ntopics:\n  - Irak\n\tsources: [AA]`, expected: `6:1: ${REMOVE}`, fixed: "sources: [AA]" },
    { name: "the first key", frontMatter: `\t${HEAD}\n${KEYS}`, expected: `2:1: ${REMOVE}`, fixed: "title: Un" },
    { name: "two tabs before a key", frontMatter: `${HEAD}\n\t\t${KEYS}`, expected: `4:1: ${REMOVE}`, fixed: "sources: [AA]" },
    { name: "the first entry of a list", frontMatter: `${HEAD}\nsources: [AA]\ntopics:\n\t- Irak`, expected: `6:1: ${TWO}`, fixed: "  - Irak" },
    { name: "a list's next entry", frontMatter: `${HEAD}\nsources: [AA]\ntopics:\n  - Irak\n\t- Défense`, expected: `7:1: ${TWO}`, fixed: "  - Défense" },
    { name: "a key of the photo", frontMatter: `${HEAD}\n${KEYS}\n${IMAGE}\n\tcredit: AA`, expected: `9:1: ${TWO}`, fixed: "  credit: AA" },
  ])("$name", async ({ frontMatter, expected, fixed }) => {
    expect(await problemsOf(article(frontMatter))).toEqual([expected]);
    const line = Number(expected.split(":")[0]) - 2;
    const mended = frontMatter.split("\n").map((written, i) => (i === line ? fixed : written));
    expect((await problemsOf(article(mended.join("\n")))).filter((p) => !p.includes("images/a.jpg"))).toEqual([]);
  });

  it("tells every line of a block indented with tabs the same spaces, and checks the file read with them", async () => {
    const text = article(`${HEAD}\nsources: [AA]\ntopics:\n\t- Inconnu\n\t- Irak\nimage:\n\tsrc: images/a.jpg\n\talt: Une photo\n\tcredit: AA`);
    const problems = await problemsOf(text);
    expect(problems.filter((p) => p.includes("tabulation"))).toEqual([6, 7, 9, 10, 11].map((line) => `${line}:1: ${TWO}`));
    // Read with two spaces on each, the file's other errors are told in the same run.
    expect(problems).toContain(fr`6:4: error: sujet inconnu « Inconnu » : utilisez une entrée de topics.yaml, ou ajoutez-la`);
  });
});

describe("a block of tab-indented lines, however long", () => {
  it("is told line by line in a run that ends at once: the indentation each line takes is looked up linearly", () => {
    archive = makeArchive();
    const block = Array.from({ length: 30 }, (_, i) => `\t\tsuite de texte ${i}`);
    archive.write("articles/a.md", article([HEAD, KEYS, "image:", "\tsrc: images/a.jpg", ...block].join("\n")));
    // In a process of its own: a lookup gone exponential (it was, here: minutes) never returns, and no test timeout interrupts it.
    const run = spawnSync(process.execPath, [resolve(import.meta.dirname, "../../bin/depeche.js"), "check", "--content", archive.dir, "--no-cache"], {
      timeout: 30_000,
      encoding: "utf8",
    });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/tabulation/);
  });
});

describe("a YAML error whose fix is certain hides no other error of its file", () => {
  const colon = (key: string, what: string, example: string): string =>
    fr`la valeur de « ${key} » contient « : » suivi d’une espace, que YAML lit comme une nouvelle clé : mettez ${what} entre guillemets, par exemple ${example}`;

  it("tells the syntax error and, read with its fix, the other fields' errors, each at its line", async () => {
    const text = article("title: Irak: la fin\ndate: 2026-11-31\nsources: [AA]\ntopic: [Irak]");
    expect(await problemsOf(text)).toEqual([
      `2:8: error: ${colon("title", "le titre", 'title: "Irak: la fin"')}`,
      fr`3:7: error: « date » : le 31 novembre n’existe pas ; vérifiez le jour et le mois`,
      fr`5:1: error: clé inconnue « topic », et la clé obligatoire « topics » manque : renommez « topic » en « topics »`,
    ]);
  });

  it("mends every such line, and points into a mended value at the character as written", async () => {
    // The summary's quote, escaped in the fix, shifts none of the columns after it.
    const text = article('title: Irak: la fin\ndate: 2021-12-09\nsummary: Bagdad: la "fin"\u0007 des missions\nsources: [AA]\ntopics: [Irack]');
    expect(await problemsOf(text)).toEqual([
      `2:8: error: ${colon("title", "le titre", 'title: "Irak: la fin"')}`,
      `4:10: error: ${colon("summary", "la valeur", 'summary: "Bagdad: la \\"fin\\"\\u0007 des missions"')}`,
      fr`4:26: error: « summary » contient ici le caractère de contrôle U+0007 : supprimez-le (retapez le texte autour s’il est invisible)`,
      fr`6:10: error: sujet inconnu « Irack » (vouliez-vous dire « Irak » ?) : utilisez une entrée de topics.yaml, ou ajoutez-la`,
    ]);
  });

  it("mends a tab and a comment that cuts a title short, the title's lines joined as the fix says", async () => {
    const text = article("title: Irak #1\n  #des ventes\u0007\ndate: 2026-11-31\nsources: [AA]\ntopics:\n\t- Irak");
    expect(await problemsOf(text)).toEqual([
      fr`2:13: error: la valeur de « title » est coupée par « # », qui après une espace commence un commentaire YAML : « #1 #des ventes\\x07 » serait perdu ; ${QUOTE} title: "Irak #1 #des ventes\\u0007" (un commentaire va sur sa propre ligne)`,
      fr`3:14: error: « title » contient ici le caractère de contrôle U+0007 : supprimez-le (retapez le texte autour s’il est invisible)`,
      fr`4:7: error: « date » : le 31 novembre n’existe pas ; vérifiez le jour et le mois`,
      fr`7:1: error: une tabulation sert de retrait : YAML n’accepte que des espaces ; remplacez-la par deux espaces`,
    ]);
  });

  it("tells only the syntax error when the text mended still does not read", async () => {
    // The title goes on under its line: quotes on the first line alone leave the second to stumble on.
    const text = article("title: Irak: la fin\n  des missions\ndate: 2026-11-31\nsources: [AA]\ntopic: [Irak]");
    expect(await problemsOf(text)).toEqual([`2:8: error: ${colon("title", "le titre", 'title: "Irak: la fin"')}`]);
  });

  it("tells only the syntax error when the fix is in doubt: a comment on the line may not be the title's", async () => {
    const text = article("title: Irak: la fin # à revoir\ndate: 2026-11-31\nsources: [AA]\ntopic: [Irak]");
    expect(await problemsOf(text)).toEqual([`2:8: error: ${colon("title", "le titre", 'title: "Irak: la fin # à revoir"')}`]);
  });
});
