import { writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { articleText, makeArchive, SITE_YAML, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

const NOW = Date.parse("2026-01-01T00:00:00Z");

async function errorsOf(a: TestArchive): Promise<string[]> {
  const result = await loadContent({ contentDir: a.dir, nowMs: NOW });
  // Each registry with errors also warns of what waits for it (tests/content/loading.test.ts): left out here.
  return result.diagnostics.filter((d) => d.kind !== "registryHolds").map(formatDiagnostic);
}

describe("a valid archive", () => {
  it("loads with no diagnostics, articles oldest first", async () => {
    archive = makeArchive();
    archive.article("2021/12/10-b.md", { title: "Deuxième", date: "2021-12-10" });
    archive.article("2021/12/09-a.md", { title: "Première", date: "2021-12-09" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics).toEqual([]);
    expect(result.content?.articles.map((a) => a.url)).toEqual(["/2021/12/09/premiere/", "/2021/12/10/deuxieme/"]);
    const first = result.content!.articles[0]!;
    expect(first.topics.map((t) => t.slug)).toEqual(["irak", "defense"]);
    expect(first.sources.map((s) => s.slug)).toEqual(["aa", "trt-fr"]);
    expect(first.published).toEqual({
      iso: "2021-12-09T00:00:00+01:00",
      epochMs: Date.parse("2021-12-08T23:00:00Z"),
      day: "2021-12-09",
      time: "00:00",
      hasTime: false,
    });
  });

  it("accepts a single source as a list of one and topics matched ignoring case and accents", async () => {
    archive = makeArchive();
    archive.article("a.md", { sources: "AA", topics: "[etats-unis, ÉCONOMIE, défense]" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics).toEqual([]);
    expect(result.content?.articles[0]?.sources.map((s) => s.code)).toEqual(["AA"]);
    expect(result.content?.articles[0]?.topics.map((t) => t.label)).toEqual(["États-Unis", "Économie", "Défense"]);
  });
});

describe("one error line per rule, pointing at the key or value", () => {
  const cases: { name: string; spec: Parameters<TestArchive["article"]>[1]; expected: string }[] = [
    {
      name: "unknown topic with suggestion",
      spec: { topics: "[Irak, Irack]" },
      expected: fr`5:16: error: sujet inconnu « Irack » (vouliez-vous dire « Irak » ?) : utilisez une entrée de topics.yaml, ou ajoutez-la`,
    },
    {
      name: "unknown source with suggestion",
      spec: { sources: "[AA, TRT]" },
      expected: fr`4:15: error: source inconnue « TRT » (vouliez-vous dire « TRT FR » ?) : utilisez un code de sources.yaml, ou ajoutez-le`,
    },
    {
      name: "unknown key with suggestion",
      spec: { extra: "shortlink: https://turquie2023.com/x" },
      expected: fr`6:1: error: clé inconnue « shortlink » (vouliez-vous dire « shortLink » ?)`,
    },
    { name: "typo topic: key", spec: { extra: "topic: Irak" }, expected: fr`6:1: error: clé inconnue « topic » (vouliez-vous dire « topics » ?)` },
    { name: "empty title", spec: { title: "" }, expected: fr`2:8: error: « title » est vide : écrivez le titre` },
    { name: "title too long", spec: { title: "x".repeat(201) }, expected: fr`2:8: error: « title » dépasse 200 caractères` },
    { name: "invalid date", spec: { date: "2021-02-30" }, expected: fr`3:7: error: « date » : le 30 février n’existe pas` },
    { name: "date as a number", spec: { date: "2021" }, expected: fr`3:7: error: « date » doit être une date comme 2021-12-09` },
    {
      name: "date in words, told in the site's place",
      spec: { date: "9 décembre 2021" },
      expected: fr`3:7: error: « date » n’est pas une date valide : « 9 décembre 2021 » ; écrivez 2021-12-09, 2021-12-09T15:10:00 (heure de Paris) ou`,
    },
    { name: "updated before date", spec: { extra: "updated: 2021-12-08" }, expected: fr`6:10: error: « updated » (2021-12-08) précède « date » (2021-12-09)` },
    {
      name: "shortLink not https",
      spec: { extra: "shortLink: http://turquie2023.com/x" },
      expected: fr`6:12: error: « shortLink » doit être une adresse https complète`,
    },
    { name: "slug with capitals", spec: { extra: "slug: Mon-Slug" }, expected: fr`6:7: error: « slug » ne peut contenir que des lettres minuscules` },
    { name: "draft not boolean", spec: { extra: "draft: oui" }, expected: fr`6:8: error: « draft » doit valoir true ou false` },
    { name: "alias with ..", spec: { extra: "aliases: [/2021/../../etc/]" }, expected: "6:11: error: un alias ne peut pas contenir de segment . ou .." },
    { name: "alias with a host", spec: { extra: "aliases: [https://evil.example/x]" }, expected: "6:11: error: un alias doit être une adresse de ce site" },
    {
      name: "slug longer than a file name",
      spec: { extra: `slug: ${"a".repeat(221)}` },
      expected: fr`6:7: error: « slug » dépasse 220 caractères, plus qu’un nom de fichier n’en peut tenir : raccourcissez-le`,
    },
    {
      name: "slug Windows keeps for a device",
      spec: { extra: "slug: prn" },
      expected: fr`6:7: error: « slug » est un nom que Windows réserve aux périphériques (con, prn, aux, nul, com0 à com9, lpt0 à lpt9)`,
    },
    {
      name: "alias with a device name",
      spec: { extra: "aliases: [/2021/12/09/con/]" },
      expected: fr`6:11: error: « con » dans un alias est un nom que Windows réserve aux périphériques`,
    },
    {
      name: "alias segment ending in a dot",
      spec: { extra: "aliases: [/2021/12/09/fin./]" },
      expected: fr`6:11: error: un segment d’alias ne peut pas finir par un point ni par une espace (« fin. »)`,
    },
    {
      name: "alias segment longer than a file name",
      spec: { extra: `aliases: [/${"a".repeat(221)}/]` },
      expected: "6:11: error: un segment d’alias tient en 220 caractères au plus",
    },
    {
      name: "alias with a broken escape",
      spec: { extra: "aliases: [/caf%E/]" },
      expected: fr`6:11: error: « %E » dans un alias n’est pas un caractère échappé : % est suivi de deux chiffres hexadécimaux, le code UTF-8 du caractère (é s’écrit %C3%A9`,
    },
    {
      name: "alias with a Latin-1 escape",
      spec: { extra: "aliases:\n  - /2021/12/09/ancien/\n  - /2021/12/09/caf%E9/" },
      expected: fr`8:5: error: « %E9 » dans un alias n’est pas un caractère en UTF-8, et sa page de redirection ne pourrait pas être écrite : écrivez-le en UTF-8 (si c’est du Latin-1, « é », écrivez %C3%A9)`,
    },
    {
      name: "alias with an escaped slash",
      spec: { extra: "aliases: [/2021%2F12/]" },
      expected: fr`6:11: error: « %2F » dans un alias est un caractère qu’un nom de fichier ne peut pas contenir`,
    },
    {
      name: "date in the year 9999",
      spec: { date: "9999-12-31T23:59:00-12:00" },
      expected: fr`3:7: error: « date » est en l’an 9999 : Dépêche accepte les années 1900 à 2100 ; vérifiez l’année`,
    },
    {
      name: "date in the year 0001",
      spec: { date: "0001-01-01" },
      expected: fr`3:7: error: « date » est en l’an 0001 : Dépêche accepte les années 1900 à 2100`,
    },
    {
      name: "updated in the year 2101",
      spec: { extra: "updated: 2101-01-01" },
      expected: fr`6:10: error: « updated » est en l’an 2101 : Dépêche accepte les années 1900 à 2100`,
    },
    { name: "empty sources list", spec: { sources: "[]" }, expected: fr`4:10: error: « sources » doit donner au moins une entrée` },
    { name: "empty body", spec: { body: "" }, expected: "7:1: error: l’article n’a pas de texte" },
    { name: "body placeholder", spec: { body: "Chapô.\n\nÉcrivez ici le texte de l’article." }, expected: "9:1: error: le texte contient encore" },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      archive = makeArchive();
      archive.article("2021/12/09-a.md", c.spec);
      const errors = await errorsOf(archive);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`${archive.display("articles/2021/12/09-a.md")}:${c.expected}`);
    });
  }

  it.each([
    ["__proto__: x", fr`7:3: error: clé inconnue « __proto__ » ; les clés sont src, alt, credit, caption`],
    ["legende: Bagdad", fr`7:3: error: clé inconnue « legende » (vouliez-vous dire « caption » ?) ; les clés sont src, alt, credit, caption`],
    ["captoin: Bagdad", fr`7:3: error: clé inconnue « captoin » (vouliez-vous dire « caption » ?) ; les clés sont src, alt, credit, caption`],
  ])("tells an unknown key of image (%s) with image's keys, not the article's", async (line, expected) => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { extra: `image:\n  ${line}\n  src: a.jpg\n  alt: Une photo\n  credit: AA` });
    // The photo's file is missing too: told at its own line.
    const errors = (await errorsOf(archive)).filter((error) => !error.includes("a.jpg"));
    expect(errors).toEqual([`${archive.display("articles/2021/12/09-a.md")}:${expected}`]);
  });

  it("names each missing required key at line 1", async () => {
    archive = makeArchive();
    archive.article("a.md", "---\ntitle: Sans date\n---\nTexte.\n");
    const errors = await errorsOf(archive);
    const file = archive.display("articles/a.md");
    expect(errors).toEqual([
      fr`${file}:1:1: error: clé obligatoire « date » absente : ajoutez une ligne comme date: 2021-12-09 ou date: 2021-12-09T15:10:00+01:00`,
      fr`${file}:1:1: error: clé obligatoire « sources » absente : ajoutez une ligne comme sources: [AA, TRT FR], avec des codes de sources.yaml`,
      fr`${file}:1:1: error: clé obligatoire « topics » absente : ajoutez une ligne comme topics: [Irak, Défense], avec des entrées de topics.yaml`,
    ]);
  });

  it("reports a file without front matter, and one with invalid YAML, at their lines", async () => {
    archive = makeArchive();
    archive.article("a.md", "Juste du texte.\n");
    archive.article("b.md", "---\ntitle: [oops\ndate: 2021-12-09\n---\nTexte.\n");
    const errors = await errorsOf(archive);
    expect(errors[0]).toBe(
      fr`${archive.display("articles/a.md")}:1:1: error: pas d’en-tête : le fichier doit commencer par une ligne « --- », puis les clés YAML (title, date, sources, topics), puis « --- »`,
    );
    expect(errors[1]).toMatch(new RegExp(`^${archive.display("articles/b.md")}:\\d+:\\d+: error: `));
  });

  it("refuses a file that is not UTF-8, and accepts a BOM and CRLF", async () => {
    archive = makeArchive();
    archive.article("latin1.md", Buffer.from(articleText({ title: "Été" }), "latin1").toString("binary"));
    archive.write("articles/latin1.md", Buffer.from(articleText({ title: "Été à Bagdad" }), "latin1"));
    archive.write("articles/bom.md", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(articleText({ title: "Avec BOM" }).replace(/\n/g, "\r\n"))]));
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      fr`${archive.display("articles/latin1.md")}:2:9: error: le fichier n’est pas en UTF-8 : l’octet 0xC9 (« É » en Windows-1252) montre qu’il a été enregistré en Windows-1252 ; convertissez-le avec iconv -f WINDOWS-1252 -t UTF-8 fichier.md > converti.md, ou « Enregistrer sous… » en UTF-8 dans votre éditeur`,
    ]);
    const loaded = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(loaded.content).toBeUndefined();
  });

  it("reports every error in every file in one run, sorted by path and line", async () => {
    archive = makeArchive();
    archive.article("b.md", { topics: "[Irack]", extra: "shortlink: x" });
    archive.article("a.md", { sources: "[AFP]" });
    const errors = await errorsOf(archive);
    // Their errors apart, both are right to take the same URL: told too, on the one that does not keep it.
    expect(errors.map((e) => e.split(": error")[0])).toEqual([
      `${archive.display("articles/a.md")}:4:11`,
      `${archive.display("articles/b.md")}:2:8`,
      `${archive.display("articles/b.md")}:5:10`,
      `${archive.display("articles/b.md")}:6:1`,
    ]);
  });
});

describe("several names written as one text, without brackets", () => {
  it.each([
    {
      spec: { sources: "AA, TRT FR" },
      expected: fr`4:10: error: « sources » : « AA, TRT FR » est lu comme un seul nom ; pour en donner plusieurs, écrivez une liste entre crochets, sources: [AA, TRT FR]`,
    },
    {
      spec: { topics: "Irak, Défense" },
      expected: fr`5:9: error: « topics » : « Irak, Défense » est lu comme un seul nom ; pour en donner plusieurs, écrivez une liste entre crochets, topics: [Irak, Défense]`,
    },
    {
      spec: { sources: "AA, TRT" },
      expected: fr`4:10: error: « sources » : « AA, TRT » est lu comme un seul nom ; pour en donner plusieurs, écrivez une liste entre crochets, sources: [AA, TRT FR] (vouliez-vous dire « TRT FR » pour « TRT » ?)`,
    },
    {
      spec: { topics: "Irack, defense, Etats-Unis" },
      expected: fr`5:9: error: « topics » : « Irack, defense, Etats-Unis » est lu comme un seul nom ; pour en donner plusieurs, écrivez une liste entre crochets, topics: [Irak, defense, Etats-Unis] (vouliez-vous dire « Irak » pour « Irack » ?)`,
    },
    // A part that is no entry: the text is unknown, and no single name is offered that would drop the others.
    {
      spec: { sources: "AA, Bidule" },
      expected: fr`4:10: error: source inconnue « AA, Bidule » : utilisez un code de sources.yaml, ou ajoutez-le`,
    },
  ])("$spec", async ({ spec, expected }) => {
    archive = makeArchive();
    archive.article("a.md", spec);
    expect(await errorsOf(archive)).toEqual([`${archive.display("articles/a.md")}:${expected}`]);
  });
});

describe("headings in the body", () => {
  it("warns at each first-level heading, shown as a subheading, not at a « # » in code", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { body: "Un paragraphe.\n\n# Un titre\n\n```\n# pas un titre\n```\n\nUn autre\n===\n\n## Un intertitre" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    const file = archive.display("articles/2021/12/09-a.md");
    const warning = fr`warning: un titre de premier niveau dans le texte : le titre de l’article est seul à ce niveau, celui-ci est affiché comme un intertitre ; écrivez « ## » devant pour un intertitre`;
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([`${file}:9:1: ${warning}`, `${file}:15:1: ${warning}`]);
    expect(result.content?.articles).toHaveLength(1);
  });
});

describe("control characters in text that pages show: an error at the character itself", () => {
  const held = (key: string, code: string) =>
    fr`error: « ${key} » contient ici le caractère de contrôle ${code} : supprimez-le (retapez le texte autour s’il est invisible)`;
  const cases: { name: string; spec: Parameters<TestArchive["article"]>[1]; expected: string }[] = [
    { name: "ESC as a JSON-style escape in a quoted title", spec: { title: "L’Irak\u001b[31m" }, expected: `2:15: ${held("title", "U+001B")}` },
    { name: "BEL typed raw in a plain summary", spec: { extra: "summary: Bagdad\u0007 annonce" }, expected: `6:16: ${held("summary", "U+0007")}` },
    { name: "YAML's \\e escape after an escaped quote", spec: { extra: 'summary: "Il a dit \\"oui\\"\\e"' }, expected: `6:27: ${held("summary", "U+001B")}` },
    { name: "NEL (C1) as YAML's \\N", spec: { extra: 'summary: "a b\\Nc"' }, expected: `6:14: ${held("summary", "U+0085")}` },
    { name: "DEL as \\x7f", spec: { extra: 'summary: "\\x7f"' }, expected: `6:11: ${held("summary", "U+007F")}` },
    { name: "a quote doubled in single quotes", spec: { extra: "summary: 'l''\u0001'" }, expected: `6:14: ${held("summary", "U+0001")}` },
    { name: "on the second line of a block scalar", spec: { extra: "summary: >\n  ligne un\n  deux \u0002" }, expected: `8:8: ${held("summary", "U+0002")}` },
    { name: "on a folded line of a plain scalar", spec: { extra: "summary: un\n    deux\u0003" }, expected: `7:9: ${held("summary", "U+0003")}` },
    { name: "a carriage return as \\r, even where trimming would remove it", spec: { title: "Titre\r" }, expected: `2:14: ${held("title", "U+000D")}` },
    {
      name: "in the body, at its line and column",
      spec: { body: "Premier paragraphe.\n\nDeux \u001b[2J" },
      expected: "9:6: error: le texte contient ici le caractère de contrôle U+001B",
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      archive = makeArchive();
      archive.article("2021/12/09-a.md", c.spec);
      const errors = await errorsOf(archive);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`${archive.display("articles/2021/12/09-a.md")}:${c.expected}`);
    });
  }

  it("accepts tabs and line breaks in the body", async () => {
    archive = makeArchive();
    archive.article("a.md", { body: "Un\tdeux\n\ntrois" });
    expect(await errorsOf(archive)).toEqual([]);
  });

  it("in the registries' labels, names and descriptions", async () => {
    archive = makeArchive({
      "site.yaml": 'title: "Archives\\a"\nbaseUrl: https://archives.example.org\nlocale: fr\ntimezone: Europe/Paris\n',
      "topics.yaml": '- slug: irak\n  label: "Ir\\u0085ak"\n  description: ok\u009b\n',
      "sources.yaml": "- code: A\u0000A\n  name: Agence\u007f\n  url: https://www.aa.com.tr/fr\n",
    });
    expect(await errorsOf(archive)).toEqual([
      `${archive.display("site.yaml")}:1:17: ${held("title", "U+0007")}`,
      fr`${archive.display("sources.yaml")}:1:10: error: le fichier contient un octet NUL : il est binaire ou abîmé ; réenregistrez-le en texte UTF-8`,
      `${archive.display("topics.yaml")}:2:13: ${held("label", "U+0085")}`,
      `${archive.display("topics.yaml")}:3:18: ${held("description", "U+009B")}`,
    ]);
  });
});

describe("a line break or a tab in text that pages show on one line: an error at the character itself", () => {
  const BREAK = (key: string) =>
    fr`error: « ${key} » contient ici un saut de ligne, alors que ce texte s’affiche sur une seule ligne : écrivez-le sur une ligne (sans « \\n », ligne vide ni bloc « | »)`;
  const TAB = (key: string) => fr`error: « ${key} » contient ici une tabulation : remplacez-la par une espace`;
  const image = (line: string) => `image:\n  src: images/a.jpg\n  alt: Une photo\n  credit: AA / Nom\n  ${line}`;
  it.each([
    { name: "\\n in a quoted title", spec: { title: "Erreur\nligne" }, expected: `2:15: ${BREAK("title")}` },
    { name: "\\t in a quoted title", spec: { title: "Tab\tdans titre" }, expected: `2:12: ${TAB("title")}` },
    { name: "a tab typed in a plain summary", spec: { extra: "summary: Un\tdeux" }, expected: `6:12: ${TAB("summary")}` },
    { name: "\\n in a quoted summary", spec: { extra: 'summary: "ligne1\\nligne2"' }, expected: `6:17: ${BREAK("summary")}` },
    { name: "a literal block's line", spec: { extra: "summary: |\n  ligne un\n  ligne deux" }, expected: `7:11: ${BREAK("summary")}` },
    { name: "a blank line in a folded block", spec: { extra: "summary: >\n  un\n\n  deux" }, expected: `7:5: ${BREAK("summary")}` },
    { name: "YAML's \\L (U+2028)", spec: { extra: 'summary: "un\\Ldeux"' }, expected: `6:13: ${BREAK("summary")}` },
    { name: "in a photo's caption", spec: { extra: image('caption: "Bagdad,\\nle 9"') }, expected: `10:20: ${BREAK("image.caption")}` },
  ])("$name", async ({ spec, expected }) => {
    archive = makeArchive();
    archive.article("a.md", spec);
    const errors = (await errorsOf(archive)).filter((e) => !e.includes("images/a.jpg"));
    expect(errors).toEqual([`${archive.display("articles/a.md")}:${expected}`]);
  });

  // YAML folds a long value written over several lines into one: only a blank line or `|` keeps a break.
  it("accepts a value folded over several lines, and the line break a block ends with", async () => {
    archive = makeArchive();
    archive.article("a.md", {
      extra: "summary: >\n  Bagdad annonce\n  la fin des missions.\nimage:\n  src: x.jpg\n  alt: |\n    Des soldats\n  credit: >-\n    AA\n",
    });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics.filter((d) => !d.message.includes("x.jpg"))).toEqual([]);
  });

  it("in the site's title, a topic's label and a source's name", async () => {
    archive = makeArchive({
      "site.yaml": 'title: "Archives\\nde Turquie"\nbaseUrl: https://archives.example.org\nlocale: fr\ntimezone: Europe/Paris\n',
      "topics.yaml": '- slug: irak\n  label: "Ir\\tak"\n',
      "sources.yaml": "- code: AA\n  name: |\n    Agence\n    Anadolu\n  url: https://www.aa.com.tr/fr\n",
    });
    expect(await errorsOf(archive)).toEqual([
      `${archive.display("site.yaml")}:1:17: ${BREAK("title")}`,
      `${archive.display("sources.yaml")}:3:11: ${BREAK("name")}`,
      `${archive.display("topics.yaml")}:2:13: ${TAB("label")}`,
    ]);
  });
});

describe("rules across articles", () => {
  it("refuses two articles with the same URL", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Même titre" });
    archive.article("b.md", { title: "Même titre", date: "2021-12-09T10:00:00" });
    const errors = await errorsOf(archive);
    expect(errors).toEqual([
      fr`${archive.display("articles/b.md")}:2:8: error: même adresse /2021/12/09/meme-titre/ que ${archive.display("articles/a.md")} : changez le titre, ou ajoutez un « slug » distinct`,
    ]);
  });

  it("reports a shared URL or short link on the article to change, not on the one readers may have", async () => {
    archive = makeArchive();
    // Sorted first, but written later in the day, and a draft: both the later and the draft lose.
    archive.article("a-nouveau.md", { title: "Même titre", date: "2021-12-09T18:00:00", extra: "shortLink: https://turquie2023.com/Ivo58D" });
    archive.article("b-brouillon.md", { title: "Même titre", date: "2021-12-09T06:00:00", extra: "draft: true" });
    archive.article("z-en-ligne.md", { title: "Même titre", date: "2021-12-09T10:00:00", extra: "shortLink: https://turquie2023.com/Ivo58D" });
    const errors = await errorsOf(archive);
    const online = archive.display("articles/z-en-ligne.md");
    expect(errors).toEqual([
      fr`${archive.display("articles/a-nouveau.md")}:2:8: error: même adresse /2021/12/09/meme-titre/ que ${online} : changez le titre, ou ajoutez un « slug » distinct`,
      fr`${archive.display("articles/a-nouveau.md")}:6:12: error: le lien court https://turquie2023.com/Ivo58D est déjà celui de ${online} : chaque article a son propre lien de partage`,
      fr`${archive.display("articles/b-brouillon.md")}:2:8: error: même adresse /2021/12/09/meme-titre/ que ${online} : changez le titre, ou ajoutez un « slug » distinct`,
    ]);
  });

  it("lets the article online keep its short link over a copy of the same day, whichever file sorts first", async () => {
    archive = makeArchive();
    const shortLink = "shortLink: https://turquie2023.com/Ivo58D";
    // A copy of the published article, retitled: same day, same short link, its file sorted first.
    archive.article("2021/12/09-autre.md", { title: "Autre", extra: shortLink });
    archive.article("2021/12/09-un.md", { title: "Un", extra: shortLink });
    archive.write("urls.txt", "/2021/12/09/un/\n");
    expect(await errorsOf(archive)).toEqual([
      fr`${archive.display("articles/2021/12/09-autre.md")}:6:12: error: le lien court https://turquie2023.com/Ivo58D est déjà celui de ${archive.display("articles/2021/12/09-un.md")} : chaque article a son propre lien de partage`,
    ]);
  });

  it("lets the article online keep its URL over a copy of the same day and time, named by the convention whichever file sorts first", async () => {
    archive = makeArchive();
    // A copy of the published article: same title, same date, another short link, its file sorted first.
    const at = "2021-12-09T10:00:00";
    archive.article("2021/12/09-a-copie.md", { title: "Un", date: at, extra: "shortLink: https://turquie2023.com/Zzz99A" });
    const original = archive.article("2021/12/09-un.md", { title: "Un", date: at, extra: "shortLink: https://turquie2023.com/Ivo58D" });
    archive.write("urls.txt", "/2021/12/09/un/\n");
    const [copy, un] = ["2021/12/09-a-copie.md", "2021/12/09-un.md"].map((name) => archive.display(`articles/${name}`));
    expect(await errorsOf(archive)).toEqual([
      fr`${copy}:2:8: error: même adresse /2021/12/09/un/ que ${un} : changez le titre, ou ajoutez un « slug » distinct`,
    ]);
    // Named by the convention, it keeps the URL over a copy dated earlier that day too.
    archive.article("2021/12/09-a-copie.md", { title: "Un", date: "2021-12-09", extra: "shortLink: https://turquie2023.com/Zzz99A" });
    expect(await errorsOf(archive)).toEqual([
      fr`${copy}:2:8: error: même adresse /2021/12/09/un/ que ${un} : changez le titre, ou ajoutez un « slug » distinct`,
    ]);
    // Had the original been retitled instead, the copy would hold the published URL: told at the original.
    archive.article("2021/12/09-a-copie.md", { title: "Un", date: at, extra: "shortLink: https://turquie2023.com/Zzz99A" });
    writeFileSync(original, articleText({ title: "Un corrigé", date: at, extra: "shortLink: https://turquie2023.com/Ivo58D" }));
    expect(await errorsOf(archive)).toEqual([
      fr`${un}:2:8: error: /2021/12/09/un/ a été publiée, et « title » de cet article l’a déplacée vers /2021/12/09/un-corrige/ ; ${copy} porte maintenant cette adresse à sa place : rendez à cet article son « title » d’avant, et changez le titre de l’autre fichier (ou donnez-lui un « slug » distinct), ${archive.display("urls.txt")}:1`,
    ]);
    // The copy retitled as told: each keeps its own URL.
    writeFileSync(original, articleText({ title: "Un", date: at, extra: "shortLink: https://turquie2023.com/Ivo58D" }));
    archive.article("2021/12/09-a-copie.md", { title: "Une copie", date: at, extra: "shortLink: https://turquie2023.com/Zzz99A" });
    expect(await errorsOf(archive)).toEqual([]);
  });

  it("keeps a URL no article online has for the earliest dated, then for the file its URL names", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Même titre" });
    archive.article("2021/12/09-meme-titre.md", { title: "Même titre" });
    expect(await errorsOf(archive)).toEqual([
      fr`${archive.display("articles/2021/12/09-a.md")}:2:8: error: même adresse /2021/12/09/meme-titre/ que ${archive.display("articles/2021/12/09-meme-titre.md")} : changez le titre, ou ajoutez un « slug » distinct`,
    ]);
  });

  it("refuses two articles with the same short link", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un", extra: "shortLink: https://turquie2023.com/Ivo58D" });
    archive.article("b.md", { title: "Deux", extra: "shortLink: https://turquie2023.com/Ivo58D" });
    const errors = await errorsOf(archive);
    expect(errors).toEqual([
      fr`${archive.display("articles/b.md")}:6:12: error: le lien court https://turquie2023.com/Ivo58D est déjà celui de ${archive.display("articles/a.md")} : chaque article a son propre lien de partage`,
    ]);
  });

  it("refuses an alias that is another article's URL", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    archive.article("b.md", { title: "Deux", extra: "aliases: [/2021/12/09/un/]" });
    const errors = await errorsOf(archive);
    expect(errors).toEqual([
      fr`${archive.display("articles/b.md")}:6:11: error: l’alias /2021/12/09/un/ est l’adresse de ${archive.display("articles/a.md")} : une redirection y cacherait une page ; retirez-le`,
    ]);
  });
});

describe("rules across articles, with a file that has errors of its own", () => {
  it("compares its fields written right in the same run, as they will be once it is mended", async () => {
    archive = makeArchive();
    const a = archive.display("articles/2021/12/10-a.md");
    const b = archive.display("articles/2021/12/10-b.md");
    const first = archive.article("2021/12/10-a.md", { title: "Alias A", date: "2021-12-10", extra: "aliases: [/2021/../x/, /2021/12/09/ancien-titre/]" });
    archive.article("2021/12/10-b.md", { title: "Alias B", date: "2021-12-10", extra: "aliases: [/2021/12/09/ancien-titre/, /2021/12/10/alias-a/]" });
    const ofB = [
      fr`${b}:6:11: error: l’alias /2021/12/09/ancien-titre/ est déjà un alias de ${a} : une ancienne adresse ne mène qu’à un seul article`,
      fr`${b}:6:38: error: l’alias /2021/12/10/alias-a/ est l’adresse de ${a} : une redirection y cacherait une page ; retirez-le`,
    ];
    expect(await errorsOf(archive)).toEqual([
      fr`${a}:6:11: error: un alias ne peut pas contenir de segment . ou .. : écrivez l’ancienne adresse entière, sans . ni .., par exemple /2021/12/09/ancien-titre/`,
      ...ofB,
    ]);
    writeFileSync(first, articleText({ title: "Alias A", date: "2021-12-10", extra: "aliases: [/2021/12/09/ancien-titre/]" }));
    expect(await errorsOf(archive)).toEqual(ofB);
  });

  it("reports a shared URL or short link once, on the article that does not keep it, whichever has errors", async () => {
    archive = makeArchive();
    const shortLink = "shortLink: https://turquie2023.com/Ivo58D";
    // Published first, with an unknown topic: it keeps the URL and the short link.
    archive.article("a-erreur.md", { title: "Même titre", date: "2021-12-09T10:00:00", topics: "[Irack]" });
    archive.article("b-plus-tard.md", { title: "Même titre", date: "2021-12-09T18:00:00", extra: shortLink });
    // A draft with an error of its own loses the URL; dated later, it loses the short link.
    archive.article("c-brouillon.md", { title: "Même titre", date: "2021-12-09T06:00:00", topics: "[Irack]", extra: `draft: true\n${shortLink}` });
    const [a, b, c] = ["a-erreur.md", "b-plus-tard.md", "c-brouillon.md"].map((name) => archive.display(`articles/${name}`));
    expect(await errorsOf(archive)).toEqual([
      fr`${a}:5:10: error: sujet inconnu « Irack » (vouliez-vous dire « Irak » ?) : utilisez une entrée de topics.yaml, ou ajoutez-la`,
      fr`${b}:2:8: error: même adresse /2021/12/09/meme-titre/ que ${a} : changez le titre, ou ajoutez un « slug » distinct`,
      fr`${c}:2:8: error: même adresse /2021/12/09/meme-titre/ que ${a} : changez le titre, ou ajoutez un « slug » distinct`,
      fr`${c}:5:10: error: sujet inconnu « Irack » (vouliez-vous dire « Irak » ?) : utilisez une entrée de topics.yaml, ou ajoutez-la`,
      fr`${c}:7:12: error: le lien court https://turquie2023.com/Ivo58D est déjà celui de ${b} : chaque article a son propre lien de partage`,
    ]);
  });

  it("keeps its day's, month's and year's pages from an alias, and counts a link to them as whole", async () => {
    archive = makeArchive();
    // The only article of 2022, with an unknown topic: once mended, it brings /2022/, /2022/03/ and /2022/03/15/.
    const broken = archive.article("2022/03/15-seul.md", { title: "Seul", date: "2022-03-15T10:00:00", topics: "[Irack]" });
    archive.article("2021/12/09-a.md", { title: "A", extra: "aliases: [/2022/03/15/, /2022/03/, /2022/]" });
    archive.article("2021/12/09-b.md", { title: "B", body: "Voir [le 15 mars](/2022/03/15/) et [l’année](/2022/)." });
    const a = archive.display("articles/2021/12/09-a.md");
    const ofA = [
      fr`${a}:6:11: error: l’alias /2022/03/15/ est l’adresse de /2022/03/15/, que le site écrit lui-même : une redirection la cacherait ; retirez-le`,
      fr`${a}:6:25: error: l’alias /2022/03/ est l’adresse de /2022/03/, que le site écrit lui-même : une redirection la cacherait ; retirez-le`,
      fr`${a}:6:36: error: l’alias /2022/ est l’adresse de /2022/, que le site écrit lui-même : une redirection la cacherait ; retirez-le`,
    ];
    const errors = await errorsOf(archive);
    expect(errors.filter((e) => e.startsWith(a))).toEqual(ofA);
    // Its own error, and nothing of B's links: they lead to pages the mended file brings.
    expect(errors.filter((e) => !e.startsWith(a)).map((e) => e.slice(e.lastIndexOf("/") + 1, e.indexOf(": error")))).toEqual(["15-seul.md:5:10"]);
    writeFileSync(broken, articleText({ title: "Seul", date: "2022-03-15T10:00:00", topics: "[Irak]" }));
    expect(await errorsOf(archive)).toEqual(ofA);
  });

  it("counts it in the lists of its topics and sources when each name is known, not when one is unknown", async () => {
    archive = makeArchive();
    for (let i = 1; i <= 20; i++) archive.article(`2021/12/09-${i}.md`, { title: `Article ${i}`, topics: "[Irak]" });
    // The 21st article of Irak and of AA, its date written wrong: once mended, Irak and AA have a page 2.
    archive.article("2021/12/10-vingt-et-un.md", { title: "Vingt et un", date: "2021-12-32", topics: "[Irak]" });
    // Another with an unknown topic beside Défense: its topics are half read, and count nowhere.
    archive.article("2021/12/10-inconnu.md", { title: "Inconnu", date: "2021-12-32", topics: "[Défense, Irack]" });
    for (let i = 1; i <= 20; i++) archive.article(`2021/12/11-d${i}.md`, { title: `Défense ${i}`, date: "2021-12-11", topics: "[Défense]" });
    archive.article("2021/12/12-x.md", {
      title: "X",
      date: "2021-12-12",
      topics: "[Économie]",
      extra: "aliases: [/sujets/irak/page/2/, /sources/aa/page/2/, /sujets/defense/page/2/]",
    });
    const x = archive.display("articles/2021/12/12-x.md");
    const ofX = [
      fr`${x}:6:11: error: l’alias /sujets/irak/page/2/ est l’adresse de /sujets/irak/page/2/, que le site écrit lui-même : une redirection la cacherait ; retirez-le`,
      fr`${x}:6:33: error: l’alias /sources/aa/page/2/ est l’adresse de /sources/aa/page/2/, que le site écrit lui-même : une redirection la cacherait ; retirez-le`,
    ];
    const errors = await errorsOf(archive);
    expect(errors.filter((e) => e.startsWith(x))).toEqual(ofX);
    // Their own errors told too; Défense's 20 articles make one page, without the file whose topics are half read.
    expect(errors.filter((e) => !e.startsWith(x)).map((e) => e.slice(e.lastIndexOf("/") + 1, e.indexOf(": error")))).toEqual([
      "10-inconnu.md:3:7",
      "10-inconnu.md:5:19",
      "10-vingt-et-un.md:3:7",
    ]);
  });

  it("reports the short link of the article online on a file whose date is wrong, in the same run", async () => {
    archive = makeArchive();
    const shortLink = "shortLink: https://turquie2023.com/Ivo58D";
    archive.article("2021/12/09-un.md", { title: "Un", extra: shortLink });
    // Whatever day it is given, the article online keeps its short link.
    archive.article("2021/12/09-zzz.md", { title: "Autre", date: "2021-02-30", extra: shortLink });
    archive.write("urls.txt", "/2021/12/09/un/\n");
    const copy = archive.display("articles/2021/12/09-zzz.md");
    expect(await errorsOf(archive)).toEqual([
      fr`${copy}:3:7: error: « date » : le 30 février n’existe pas ; vérifiez le jour et le mois`,
      fr`${copy}:6:12: error: le lien court https://turquie2023.com/Ivo58D est déjà celui de ${archive.display("articles/2021/12/09-un.md")} : chaque article a son propre lien de partage`,
    ]);
  });

  it("leaves out what it writes wrong, and what can't be told without it", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un", date: "2021-12-09T10:00:00" });
    // Whether it is a draft decides which keeps the URL: whatever it meant, its URL and its alias are
    // a's, and the errors land on b, whose « draft » is written wrong.
    archive.article("b.md", { title: "Un", date: "2021-12-09T06:00:00", extra: "draft: oui\naliases: [/2021/12/09/un/]" });
    // A slug written wrong makes no URL; a date written wrong neither, and its short link is taken
    // only by an article online: which of c and d keeps it depends on d's date.
    archive.article("c.md", { title: "Un", extra: "slug: Un\nshortLink: https://turquie2023.com/Ivo58D" });
    archive.article("d.md", { title: "Deux", date: "2021-12-32", extra: "shortLink: https://turquie2023.com/Ivo58D" });
    const errors = await errorsOf(archive);
    expect(errors.map((e) => e.slice(0, e.indexOf(": error")).replace(/.*\//, "")).sort()).toEqual([
      "b.md:2:8",
      "b.md:6:8",
      "b.md:7:11",
      "c.md:6:7",
      "d.md:3:7",
    ]);
  });
});

describe("a field written wrong hides no check whose own fields are right", () => {
  const file = () => archive.display("articles/a.md");
  const without = (errors: string[]) => errors.map((e) => e.slice(file().length + 1));

  it("tells the date's errors beside an empty summary, in one run", async () => {
    archive = makeArchive();
    archive.article("a.md", { date: "2062-03-12", extra: "updated: 2062-03-01\nsummary:" });
    expect(without(await errorsOf(archive))).toEqual([
      fr`3:7: error: daté à plus de 31 jours dans le futur (2062-03-12T00:00:00+01:00, dimanche 12${"\u00a0"}mars 2062) : sans doute une faute de frappe ; corrigez la date (un embargo se date au plus 31 jours à l’avance)`,
      fr`6:10: error: « updated » (2062-03-01) précède « date » (2062-03-12) : un article ne peut pas être mis à jour avant sa publication`,
      fr`7:9: error: « summary » est vide : écrivez le chapô, ou retirez la clé`,
    ]);
  });

  it.each([
    ["draft: yes", fr`7:8: error: « draft » doit valoir true ou false`],
    ["slug: X_y", fr`7:7: error: « slug » ne peut contenir que des lettres minuscules`],
    ["shortLink: http://turquie2023.com/x", fr`7:12: error: « shortLink » doit être une adresse https complète`],
  ])("tells « updated » before « date » beside %s", async (extra, expected) => {
    archive = makeArchive();
    archive.article("a.md", { extra: `updated: 2021-12-08\n${extra}` });
    const errors = without(await errorsOf(archive));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe(
      fr`6:10: error: « updated » (2021-12-08) précède « date » (2021-12-09) : un article ne peut pas être mis à jour avant sa publication`,
    );
    expect(errors[1]).toContain(expected);
  });

  it("warns of an embargo and of a long summary beside a field written wrong", async () => {
    archive = makeArchive();
    archive.article("a.md", { date: "2026-01-05", extra: `summary: ${"x".repeat(301)}\nslug: X_y` });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics.map((d) => `${d.line}:${d.column}: ${d.kind ?? d.severity}`)).toEqual(["3:7: heldBack", "6:10: summaryTooLong", "7:7: error"]);
  });

  it("tells nothing of a field already reported (no slug made from a title written wrong, no date compared when written wrong)", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "", date: "2021-02-30", extra: "updated: 2021-01-01\ndraft: yes" });
    expect(without(await errorsOf(archive))).toEqual([
      fr`2:8: error: « title » est vide : écrivez le titre`,
      fr`3:7: error: « date » : le 30 février n’existe pas ; vérifiez le jour et le mois`,
      fr`7:8: error: « draft » doit valoir true ou false`,
    ]);
  });

  // Whatever `draft: yes` meant, the short link and the address are taken: the errors land on its file.
  it("tells a file whose « draft » is written wrong of the short link and the address another article has", async () => {
    archive = makeArchive();
    const shortLink = "shortLink: https://turquie2023.com/Ivo58D";
    archive.article("a.md", { title: "Un", date: "2021-12-09T10:00:00", extra: shortLink });
    archive.article("b.md", { title: "Un", date: "2021-12-09T06:00:00", extra: `${shortLink}\ndraft: yes` });
    const b = archive.display("articles/b.md");
    expect(await errorsOf(archive)).toEqual([
      fr`${b}:2:8: error: même adresse /2021/12/09/un/ que ${file()} : changez le titre, ou ajoutez un « slug » distinct`,
      fr`${b}:6:12: error: le lien court https://turquie2023.com/Ivo58D est déjà celui de ${file()} : chaque article a son propre lien de partage`,
      fr`${b}:7:8: error: « draft » doit valoir true ou false`,
    ]);
  });
});

describe("an alias never takes a path the site writes", () => {
  const file = () => archive.display("articles/2021/12/09-a.md");
  it.each([
    ["/index.html", fr`l’alias /index.html est l’adresse de /, que le site écrit lui-même : une redirection la cacherait ; retirez-le`],
    ["/", "l’alias / est l’adresse de /, que le site écrit lui-même"],
    ["/404.html", "l’alias /404.html est l’adresse de /404.html, que le site écrit lui-même"],
    ["/feed.xml", fr`l’alias /feed.xml/ serait écrit dans /feed.xml, un fichier que le site écrit lui-même : retirez-le`],
    ["/feed.json/", "l’alias /feed.json/ serait écrit dans /feed.json, un fichier que le site écrit lui-même"],
    ["/sitemap.xml", "l’alias /sitemap.xml/ serait écrit dans /sitemap.xml, un fichier que le site écrit lui-même"],
    ["/sitemap-news.xml", "l’alias /sitemap-news.xml/ serait écrit dans /sitemap-news.xml"],
    ["/robots.txt", "l’alias /robots.txt/ serait écrit dans /robots.txt"],
    ["/_redirects", "l’alias /_redirects/ serait écrit dans /_redirects"],
    ["/style.css", "l’alias /style.css/ serait écrit dans /style.css"],
    ["/recherche.js/x/", "l’alias /recherche.js/x/ serait écrit dans /recherche.js"],
    ["/sujets/irak/feed.xml", "l’alias /sujets/irak/feed.xml/ serait écrit dans /sujets/irak/feed.xml"],
    ["/sujets/economie/feed.xml", "l’alias /sujets/economie/feed.xml/ serait écrit dans /sujets/economie/feed.xml"],
    ["/pagefind/", fr`l’alias /pagefind/ est dans /pagefind/, le dossier de l’index de recherche : retirez-le`],
    ["/pagefind/2021/pagefind.js", "l’alias /pagefind/2021/pagefind.js/ est dans /pagefind/"],
    ["/images/", fr`l’alias /images/ est dans /images/, le dossier des photos, que chaque construction réécrit : retirez-le`],
    ["/Images/3fa2b1c4d5e6f708/", "l’alias /Images/3fa2b1c4d5e6f708/ est dans /images/, le dossier des photos"],
    ["/.git/config/", fr`« .git » dans un alias commence par un point : le site écrirait un dossier ou un fichier caché`],
    ["/2021/12/09/", "l’alias /2021/12/09/ est l’adresse de /2021/12/09/, que le site écrit lui-même"],
    ["/2021/12/", "l’alias /2021/12/ est l’adresse de /2021/12/"],
    ["/2021/", "l’alias /2021/ est l’adresse de /2021/"],
    ["/sujets/", "l’alias /sujets/ est l’adresse de /sujets/"],
    ["/sources/trt-fr/", "l’alias /sources/trt-fr/ est l’adresse de /sources/trt-fr/"],
    ["/recherche/index.html", "l’alias /recherche/index.html est l’adresse de /recherche/"],
    ["/2021/12/09/a/index.html", fr`l’alias /2021/12/09/a/index.html est l’adresse de cet article même : une redirection y cacherait une page ; retirez-le`],
    ["/2021/12/09/A/", fr`l’alias /2021/12/09/A/ est l’adresse de cet article même (comme /2021/12/09/a/ : disques et serveurs ne les distinguent pas)`],
    ["/Feed.XML", "l’alias /Feed.XML/ serait écrit dans /feed.xml"],
    ["/SUJETS/Irak/", "l’alias /SUJETS/Irak/ est l’adresse de /sujets/irak/, que le site écrit lui-même (comme /sujets/irak/"],
  ])("refuses %s at its line", async (alias, message) => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "A", extra: `aliases: [${alias}]` });
    const errors = await errorsOf(archive);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${file()}:6:11: error: ${message}`);
  });

  it("counts every page of a paginated list, and the pages of drafts", async () => {
    archive = makeArchive();
    for (let i = 1; i <= 21; i++)
      archive.article(`2021/12/09-${i}.md`, { title: `Article ${i}`, topics: "[Irak]", extra: i === 21 ? "draft: true" : undefined });
    archive.article("2021/12/10-x.md", {
      title: "X",
      date: "2021-12-10",
      topics: "[Défense]",
      extra: "aliases: [/sujets/irak/page/2/, /sujets/irak/page/3/, /sources/aa/page/2/]",
    });
    const errors = await errorsOf(archive);
    expect(errors.map((e) => e.split(": error: ")[1])).toEqual([
      fr`l’alias /sujets/irak/page/2/ est l’adresse de /sujets/irak/page/2/, que le site écrit lui-même : une redirection la cacherait ; retirez-le`,
      fr`l’alias /sources/aa/page/2/ est l’adresse de /sources/aa/page/2/, que le site écrit lui-même : une redirection la cacherait ; retirez-le`,
    ]);
  });

  it("refuses two aliases that are one file, even written differently, and one inside another", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un", extra: "aliases: [/ancien/, /ancien/index.html, /vieux.html, /vieux.html/page/]" });
    archive.article("b.md", { title: "Deux", extra: "aliases: [/Ancien/, /caf%C3%A9/, /CAFE%CC%81/]" });
    const errors = await errorsOf(archive);
    expect(errors.map((e) => e.replace(/^.*\/(\w\.md:\d+:\d+): error: /, "$1 "))).toEqual([
      fr`a.md:6:21 l’alias /ancien/index.html est écrit deux fois (comme /ancien/ : disques et serveurs ne les distinguent pas) : retirez-en un`,
      fr`a.md:6:54 l’alias /vieux.html/page/ serait écrit dans /vieux.html, un alias de ${archive.display("articles/a.md")} : retirez-le`,
      fr`b.md:6:11 l’alias /Ancien/ est déjà un alias de ${archive.display("articles/a.md")} (comme /ancien/ : disques et serveurs ne les distinguent pas) : une ancienne adresse ne mène qu’à un seul article`,
      fr`b.md:6:34 l’alias /CAFE%CC%81/ est écrit deux fois (comme /caf%C3%A9/ : disques et serveurs ne les distinguent pas) : retirez-en un`,
    ]);
  });

  it("compares aliases as servers decode them: an escaped alias is the page or the alias it decodes to", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un", extra: "aliases: [/caf%C3%A9/, /sujets/%64efense/]" });
    archive.article("b.md", { title: "Deux", extra: "aliases: [/caf%c3%a9/, /2021/12/09/%75n/, /2021/12/09/d%65ux/]" });
    const errors = await errorsOf(archive);
    expect(errors.map((e) => e.replace(/^.*\/(\w\.md:\d+:\d+): error: /, "$1 "))).toEqual([
      fr`a.md:6:24 l’alias /sujets/%64efense/ est l’adresse de /sujets/defense/, que le site écrit lui-même (comme /sujets/defense/ : disques et serveurs ne les distinguent pas) : une redirection la cacherait ; retirez-le`,
      fr`b.md:6:11 l’alias /caf%c3%a9/ est déjà un alias de ${archive.display("articles/a.md")} (comme /caf%C3%A9/ : disques et serveurs ne les distinguent pas) : une ancienne adresse ne mène qu’à un seul article`,
      fr`b.md:6:24 l’alias /2021/12/09/%75n/ est l’adresse de ${archive.display("articles/a.md")} (comme /2021/12/09/un/ : disques et serveurs ne les distinguent pas) : une redirection y cacherait une page ; retirez-le`,
      fr`b.md:6:43 l’alias /2021/12/09/d%65ux/ est l’adresse de cet article même (comme /2021/12/09/deux/ : disques et serveurs ne les distinguent pas) : une redirection y cacherait une page ; retirez-le`,
    ]);
  });
});

describe("values are read for what they mean, not how they are spelled", () => {
  it.each(["+99:00", "+24:00", "+01:99"])("refuses the UTC offset %s in date and updated, at each value, saying which offsets exist", async (offset) => {
    archive = makeArchive();
    archive.article("a.md", { date: `2021-12-09T10:00:00${offset}`, extra: `updated: 2021-12-10T10:00:00${offset}` });
    const errors = await errorsOf(archive);
    expect(errors).toEqual([
      fr`${archive.display("articles/a.md")}:3:7: error: « date » : le décalage horaire ${offset} n’existe pas ; écrivez-en un de -12:00 à +14:00 (minutes de 00 à 59), comme +01:00 (Paris en hiver) ou +02:00 (en été)`,
      fr`${archive.display("articles/a.md")}:6:10: error: « updated » : le décalage horaire ${offset} n’existe pas ; écrivez-en un de -12:00 à +14:00 (minutes de 00 à 59), comme +01:00 (Paris en hiver) ou +02:00 (en été)`,
    ]);
  });

  it.each([
    ["America/Montreal", "comme -05:00 (Montréal en hiver) ou -04:00 (en été)"],
    ["America/Sao_Paulo", "comme -03:00 (heure de São Paulo)"],
    ["Asia/Tokyo", "comme +09:00 (heure de Tokyo)"],
    ["UTC", "comme +00:00 (heure UTC)"],
    ["Etc/GMT+5", "comme -05:00 (heure UTC\u22125)"],
  ])("gives the offsets of the site's timezone, %s, as examples of those that exist", async (zone, examples) => {
    archive = makeArchive({ "site.yaml": SITE_YAML.replace("timezone: Europe/Paris", `timezone: ${zone}`) });
    archive.article("a.md", { date: "2021-12-09T10:00:00+99:00" });
    expect(await errorsOf(archive)).toEqual([
      fr`${archive.display("articles/a.md")}:3:7: error: « date » : le décalage horaire +99:00 n’existe pas ; écrivez-en un de -12:00 à +14:00 (minutes de 00 à 59), ${examples}`,
    ]);
  });

  it.each([
    "https://TURQUIE2023.COM/Ivo58D",
    "https://turquie2023.com/Ivo58D/",
    "https://turquie2023.com:443/Ivo58D",
    "https://turquie2023.com/Ivo58D#x",
    "https://turquie2023.com/%49vo58D",
  ])("refuses the short link %s beside https://turquie2023.com/Ivo58D, naming the other file and its spelling", async (link) => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un", extra: "shortLink: https://turquie2023.com/Ivo58D" });
    archive.article("b.md", { title: "Deux", extra: `shortLink: ${link}` });
    const errors = await errorsOf(archive);
    expect(errors).toEqual([
      fr`${archive.display("articles/b.md")}:6:12: error: le lien court ${link} est déjà celui de ${archive.display("articles/a.md")} (écrit https://turquie2023.com/Ivo58D) : chaque article a son propre lien de partage`,
    ]);
  });

  it("tells short links apart by the case of their path and by their query", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un", extra: "shortLink: https://turquie2023.com/Ivo58D" });
    archive.article("b.md", { title: "Deux", extra: "shortLink: https://turquie2023.com/ivo58d" });
    archive.article("c.md", { title: "Trois", extra: "shortLink: https://turquie2023.com/Ivo58D?id=2" });
    expect(await errorsOf(archive)).toEqual([]);
  });

  it("reads site.yaml's baseUrl as browsers do: host in lower case, no default port, no trailing slash", async () => {
    archive = makeArchive({ "site.yaml": "title: T\nbaseUrl: HTTPS://Archives.Example.org:443/archives/\nlocale: fr\ntimezone: Europe/Paris\n" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.content?.site.baseUrl).toBe("https://archives.example.org/archives");
  });
});

describe("an unresolved git merge", () => {
  const conflict = fr`error: conflit de fusion git non résolu : git a laissé ici`;

  it("is one error per file, at its first marker, whatever the file, and no error of its lines", async () => {
    archive = makeArchive({
      "urls.txt": "/2021/12/09/un/\n<<<<<<< HEAD\n/2021/12/09/deux/\n||||||| 1a2b3c4\n=======\n/2021/12/09/trois/\n>>>>>>> 5d6e7f8\n",
      "topics.yaml":
        "- slug: irak\n  label: Irak\n- slug: defense\n  label: Défense\n<<<<<<< HEAD\n- slug: syrie\n  label: Syrie\n=======\n- slug: liban\n  label: Liban\n>>>>>>> 5d6e7f8\n",
    });
    archive.article("2021/12/09-un.md", { title: "Un", date: "2021-12-09T10:00:00" });
    archive.article("2021/12/09-deux.md", {
      title: "Deux",
      date: "2021-12-09T11:00:00",
      extra: "<<<<<<< HEAD\nsummary: Un\n=======\nsummary: Deux\n>>>>>>> 5d6e7f8",
    });
    archive.article("2021/12/09-trois.md", {
      title: "Trois",
      date: "2021-12-09T12:00:00",
      body: "Texte.\n\n<<<<<<< HEAD\nUne version.\n=======\nUne autre.\n>>>>>>> 5d6e7f8",
    });
    const errors = await errorsOf(archive);
    expect(errors.map((e) => e.slice(0, e.indexOf(" ici") + 4))).toEqual([
      `${archive.display("articles/2021/12/09-deux.md")}:6:1: ${conflict}`,
      `${archive.display("articles/2021/12/09-trois.md")}:9:1: ${conflict}`,
      `${archive.display("topics.yaml")}:5:1: ${conflict}`,
      `${archive.display("urls.txt")}:2:1: ${conflict}`,
    ]);
    expect(errors[3]).toContain("gardez les lignes des deux côtés (chaque adresse), puis supprimez les lignes de marque");
    expect(errors[0]).toContain("choisissez l’une des deux versions ou combinez-les, puis supprimez les lignes de marque");
  });

  it("reads a body's ======= as a heading's underline when no other marker is there", async () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/un/\n" });
    archive.article("2021/12/09-un.md", { title: "Un", date: "2021-12-09T10:00:00", body: "Titre\n=======\n\nTexte." });
    expect(await errorsOf(archive)).toEqual([expect.stringContaining(fr`09-un.md:7:1: warning: un titre de premier niveau dans le texte`)]);
  });
  it("leaves markers quoted in a body's fenced code block, as an article about git may show them", async () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/un/\n" });
    const quoted = "<<<<<<< HEAD\n/a/\n=======\n/b/\n>>>>>>> 5d6e7f8";
    archive.article("2021/12/09-un.md", {
      title: "Un",
      date: "2021-12-09T10:00:00",
      body: `Git écrit :\n\n\`\`\`\n${quoted}\n\`\`\`\n\nOu :\n\n~~~~\n${quoted}\n~~~~`,
    });
    expect(await errorsOf(archive)).toEqual([]);
    // Past the block, a marker is the merge's again.
    archive.article("2021/12/09-un.md", { title: "Un", date: "2021-12-09T10:00:00", body: `\`\`\`\n${quoted}\n\`\`\`\n\n${quoted}` });
    expect(await errorsOf(archive)).toEqual([expect.stringContaining(fr`09-un.md:15:1: error: conflit de fusion git non résolu`)]);
  });
});

describe("registries", () => {
  it("refuses duplicate topic slugs and source codes, naming the first one's line", async () => {
    archive = makeArchive({
      "topics.yaml": "# Sujets\n- slug: irak\n  label: Irak\n- slug: syrie\n  label: Syrie\n- slug: irak\n  label: Irak bis\n- slug: syrie-2\n  label: syrie\n",
      "sources.yaml": "- code: AA\n  name: A\n  url: https://a.example\n- code: aa\n  name: B\n  url: https://b.example\n",
    });
    const errors = await errorsOf(archive);
    expect(errors).toEqual([
      fr`${archive.display("sources.yaml")}:4:9: error: le code de source « aa » est déjà celui de la source de la ligne 1 (« AA ») : donnez à chaque agence son propre code ; si c’est la même agence, fusionnez les deux entrées en une`,
      fr`${archive.display("topics.yaml")}:6:9: error: le slug de sujet « irak » est déjà celui du sujet de la ligne 2 (« irak ») : chaque sujet a son propre slug et son propre label ; donnez à celui-ci un autre slug, ou, si c’est le même sujet, fusionnez les deux entrées en une`,
      fr`${archive.display("topics.yaml")}:9:10: error: le label de sujet « syrie » est déjà celui du sujet de la ligne 5 (« syrie ») : chaque sujet a son propre slug et son propre label ; donnez à celui-ci un autre label, ou, si c’est le même sujet, fusionnez les deux entrées en une`,
    ]);
  });

  it("suggests a topic as it can be pasted into a list in brackets, and tells an entry read as a key and its value at its place", async () => {
    archive = makeArchive({
      "topics.yaml": '- slug: irak\n  label: Irak\n- slug: culture-et-patrimoine\n  label: "Culture : patrimoine"\n- slug: "2024"\n  label: "2024"\n',
    });
    archive.article("a.md", { title: "Un", topics: "[Irak, Culture patrimoine]" });
    archive.article("b.md", { title: "Deux", topics: "[Irak, Culture : patrimoine]" });
    archive.article("c.md", { title: "Trois", topics: "[Irak, 2O24]" });
    archive.article("d.md", { title: "Quatre", topics: "Irak, Culture patrimoin" });
    archive.article("e.md", { title: "Cinq", topics: '""' });
    const [a, b, c, d, e] = ["a.md", "b.md", "c.md", "d.md", "e.md"].map((name) => archive.display(`articles/${name}`));
    expect(await errorsOf(archive)).toEqual([
      fr`${a}:5:16: error: sujet inconnu « Culture patrimoine » (vouliez-vous dire « culture-et-patrimoine » ?) : utilisez une entrée de topics.yaml, ou ajoutez-la`,
      fr`${b}:5:16: error: chaque entrée de « topics » doit être du texte`,
      fr`${c}:5:16: error: sujet inconnu « 2O24 » (vouliez-vous dire « "2024" » ?) : utilisez une entrée de topics.yaml, ou ajoutez-la`,
      fr`${d}:5:9: error: « topics » : « Irak, Culture patrimoin » est lu comme un seul nom ; pour en donner plusieurs, écrivez une liste entre crochets, topics: [Irak, culture-et-patrimoine] (vouliez-vous dire « culture-et-patrimoine » pour « Culture patrimoin » ?)`,
      fr`${e}:5:9: error: « topics » doit donner au moins une entrée, par exemple topics: [Irak, Défense]`,
    ]);
  });

  it("refuses a topic slug that Windows keeps for a device or longer than a file name", async () => {
    archive = makeArchive({
      "topics.yaml": `- slug: nul\n  label: Nul\n- slug: ${"a".repeat(221)}\n  label: Long\n- slug: irak\n  label: Irak\n- slug: defense\n  label: Défense\n`,
    });
    const errors = await errorsOf(archive);
    expect(errors).toEqual([
      fr`${archive.display("topics.yaml")}:1:9: error: le « slug » d’un sujet ne peut pas être un nom que Windows réserve aux périphériques (con, prn, aux, nul, com0 à com9, lpt0 à lpt9), où ses pages ne pourraient pas être écrites : ajoutez un mot, par exemple nul-1`,
      fr`${archive.display("topics.yaml")}:3:9: error: le « slug » d’un sujet tient en 220 caractères au plus, plus qu’un nom de fichier n’en peut tenir : raccourcissez-le`,
    ]);
  });

  it("gives a source whose code Windows keeps for a device a page of its own", async () => {
    archive = makeArchive({ "sources.yaml": "- code: AUX\n  name: Auxiliaire\n  url: https://aux.example\n- code: AA\n  name: A\n  url: https://a.example\n" });
    archive.article("a.md", { sources: "[AUX]" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics).toEqual([]);
    expect(result.content?.sources.map((s) => s.slug)).toEqual(["aux-1", "aa"]);
  });

  it("refuses a site's or a source's address with port 0, a space or a look-alike letter in its host, at the character", async () => {
    archive = makeArchive({
      "site.yaml": "title: T\nbaseUrl: https://a.example:0/\nlocale: fr\ntimezone: Europe/Paris\n",
      "sources.yaml":
        '- code: AA\n  name: Agence Anadolu\n  url: "https://www.aa.com.tr/a b"\n- code: TRT FR\n  name: TRT Français\n  url: "https://trt.n\\u0435t/fr"\n',
    });
    expect(await errorsOf(archive)).toEqual([
      fr`${archive.display("site.yaml")}:2:10: error: « baseUrl » doit être une adresse http(s) complète, sans nom d’utilisateur, requête ni fragment, comme https://archives.example.org`,
      fr`${archive.display("sources.yaml")}:3:33: error: « url » contient ici une espace, qu’une adresse ne peut pas contenir : supprimez-la, l’adresse s’écrit d’un seul tenant, comme https://www.aa.com.tr/fr`,
      fr`${archive.display("sources.yaml")}:6:22: error: « url » écrit le nom du site avec « \u0435 » (U+0435), une lettre d’un autre alphabet qui imite une lettre latine et mène à un autre site : retapez le nom du site au clavier, comme https://www.aa.com.tr/fr (un nom vraiment écrit dans un autre alphabet s’écrit sous sa forme xn--)`,
    ]);
  });

  it("refuses an unknown timezone and a relative baseUrl", async () => {
    archive = makeArchive({ "site.yaml": "title: T\nbaseUrl: /archives\nlocale: fr\ntimezone: Europe/Pariss\n" });
    const errors = await errorsOf(archive);
    expect(errors).toEqual([
      fr`${archive.display("site.yaml")}:2:10: error: « baseUrl » doit être une adresse http(s) complète, sans nom d’utilisateur, requête ni fragment, comme https://archives.example.org`,
      fr`${archive.display("site.yaml")}:4:11: error: « timezone » n’est pas un fuseau IANA connu : écrivez un nom comme Europe/Paris`,
    ]);
  });

  it("suggests the right key for a typo in site.yaml", async () => {
    archive = makeArchive({ "site.yaml": "title: T\nbaseURL: https://a.example\nlocale: fr\ntimezone: Europe/Paris\n" });
    const errors = await errorsOf(archive);
    // baseUrl is required and absent: the one error is the rename, not a second at 1:1.
    expect(errors).toEqual([
      fr`${archive.display("site.yaml")}:2:1: error: clé inconnue « baseURL », et la clé obligatoire « baseUrl » manque : renommez « baseURL » en « baseUrl »`,
    ]);
  });
});

describe("warnings never drop an article", () => {
  it("keeps a future-dated article valid (the build holds it back) and names it in a warning", async () => {
    archive = makeArchive();
    const soon = new Date(NOW + 3 * 86_400_000).toISOString().slice(0, 10);
    archive.article("a.md", { date: soon });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.content?.articles).toHaveLength(1);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        new RegExp(fr`^${archive.display("articles/a.md")}:3:7: warning: daté dans le futur \\(${soon}T00:00:00\\+0[12]:00\\) : l’article est retenu`),
      ),
    ]);
  });

  it("says nothing of a draft's future date: a draft is not published anyway", async () => {
    archive = makeArchive();
    archive.article("a.md", { date: "2099-01-01", extra: "draft: true" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics).toEqual([]);
  });

  it("warns about a summary longer than feed readers show", async () => {
    archive = makeArchive();
    archive.article("a.md", { extra: `summary: "${"mot ".repeat(100).trim()}"` });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.content?.articles).toHaveLength(1);
    expect(result.diagnostics[0]?.severity).toBe("warning");
    expect(result.diagnostics[0]?.message).toContain(fr`« summary » fait 399 caractères`);
  });
});

describe("a draft: what is yet to be written is a warning, what is written wrong an error", () => {
  const inDraft = fr` (un avertissement dans un brouillon, une erreur une fois « draft » retiré)`;
  it.each([
    {
      name: "empty sources",
      spec: { sources: "[]" },
      expected: fr`4:10: warning: « sources » est vide : donnez des codes de sources.yaml, par exemple sources: [AA, TRT FR]${inDraft}`,
    },
    {
      name: "blank topics",
      spec: { topics: '""' },
      expected: fr`5:9: warning: « topics » est vide : donnez des entrées de topics.yaml, par exemple topics: [Irak, Défense]${inDraft}`,
    },
    {
      name: "null topics",
      spec: { topics: "" },
      expected: fr`5:9: warning: « topics » est vide : donnez des entrées de topics.yaml, par exemple topics: [Irak, Défense]${inDraft}`,
    },
    {
      name: "empty summary",
      spec: { extra: 'draft: true\nsummary: ""' },
      expected: fr`7:10: warning: « summary » est vide : écrivez le chapô, ou retirez la clé${inDraft}`,
    },
    {
      name: "empty body",
      spec: { body: "" },
      expected: fr`8:1: warning: l’article n’a pas de texte : écrivez-le sous la ligne --- qui ferme l’en-tête${inDraft}`,
    },
  ])("$name: a warning, and the draft is kept", async ({ spec, expected }) => {
    archive = makeArchive();
    archive.article("a.md", { extra: "draft: true", ...spec });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([`${archive.display("articles/a.md")}:${expected}`]);
    expect(result.content?.articles.map((a) => a.draft)).toEqual([true]);
  });

  it("warns about missing sources and topics at the top of the file, said missing, not empty, where the error will be", async () => {
    archive = makeArchive();
    const file = archive.article("a.md", '---\ntitle: "Brouillon"\ndate: 2021-12-09\ndraft: true\n---\nTexte.\n');
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    const a = archive.display("articles/a.md");
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      fr`${a}:1:1: warning: clé « sources » absente : ajoutez une ligne comme sources: [AA, TRT FR], avec des codes de sources.yaml${inDraft}`,
      fr`${a}:1:1: warning: clé « topics » absente : ajoutez une ligne comme topics: [Irak, Défense], avec des entrées de topics.yaml${inDraft}`,
    ]);
    expect(result.content?.articles[0]).toMatchObject({ draft: true, sources: [], topics: [] });
    writeFileSync(file, '---\ntitle: "Brouillon"\ndate: 2021-12-09\ndraft: false\n---\nTexte.\n');
    expect(await errorsOf(archive)).toEqual([
      fr`${a}:1:1: error: clé obligatoire « sources » absente : ajoutez une ligne comme sources: [AA, TRT FR], avec des codes de sources.yaml`,
      fr`${a}:1:1: error: clé obligatoire « topics » absente : ajoutez une ligne comme topics: [Irak, Défense], avec des entrées de topics.yaml`,
    ]);
  });

  it("tells a missing text on the line after the closing ---, in a draft as once it is published", async () => {
    archive = makeArchive();
    const file = archive.article("a.md", { extra: "draft: true", body: "" });
    const a = archive.display("articles/a.md");
    const noText = fr`l’article n’a pas de texte : écrivez-le sous la ligne --- qui ferme l’en-tête`;
    // Lines 1 to 7 are the front matter: the text goes on line 8.
    expect(await errorsOf(archive)).toEqual([fr`${a}:8:1: warning: ${noText}${inDraft}`]);
    writeFileSync(file, articleText({ extra: "draft: false", body: "" }));
    expect(await errorsOf(archive)).toEqual([`${a}:8:1: error: ${noText}`]);
    // Without the `draft` line, the closing --- is line 6.
    writeFileSync(file, articleText({ body: "" }));
    expect(await errorsOf(archive)).toEqual([`${a}:7:1: error: ${noText}`]);
  });

  it.each([
    { name: "unknown topic", spec: { topics: "[Irack]" }, expected: /^5:10: error: sujet inconnu «\u202fIrack\u202f»/ },
    { name: "bad date", spec: { date: "2021-13-45" }, expected: /^3:7: error: «\u202fdate\u202f»\u00a0: il n’y a pas de mois 13/ },
    {
      name: "malformed short link",
      spec: { extra: "draft: true\nshortLink: http://x" },
      expected: /^7:12: error: «\u202fshortLink\u202f» doit être une adresse https complète/,
    },
    { name: "control character", spec: { body: "Texte\u0007." }, expected: /^8:6: error: le texte contient ici le caractère de contrôle/ },
    {
      name: "unknown key",
      spec: { extra: "draft: true\nsoruces: [AA]" },
      expected: /^7:1: error: clé inconnue «\u202fsoruces\u202f» \(vouliez-vous dire «\u202fsources\u202f»\u202f\?\)/,
    },
    { name: "empty entry in a list", spec: { sources: '[AA, ""]' }, expected: /^4:\d+: error: une entrée de «\u202fsources\u202f» est vide/ },
  ])("$name: still an error", async ({ spec, expected }) => {
    archive = makeArchive();
    archive.article("a.md", { extra: "draft: true", ...spec });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    const lines = result.diagnostics.map((d) => formatDiagnostic(d).slice(archive.display("articles/a.md").length + 1));
    expect(lines).toEqual([expect.stringMatching(expected)]);
    expect(result.content).toBeUndefined();
  });
});

describe("aliases past Cloudflare's limit of _redirects rules", () => {
  const aliases = (from: number, count: number): string => `aliases: [${Array.from({ length: count }, (_, i) => `/ancien-${from + i}/`).join(", ")}]`;

  it("warn once, at the first alias past 2,000 (the second of b.md), naming the limit and what happens to the rest", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Premier", extra: aliases(0, 1_999) });
    archive.article("b.md", { title: "Second", date: "2021-12-10", extra: aliases(5_000, 3) });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.content?.articles).toHaveLength(2);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      fr`${archive.display("articles/b.md")}:6:26: warning: cet alias dépasse les 2\u202f000 redirections que Cloudflare Pages lit dans _redirects (le site en a 2\u202f002) : au-delà, Cloudflare ignore les règles, et ces anciennes adresses ne sont servies que par leur page de redirection (meta refresh), sans code 301 ; Netlify n’a pas cette limite`,
    ]);
  });

  it("say nothing at 2,000, nor for a draft's aliases, which get no rule", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Premier", extra: aliases(0, 2_000) });
    archive.article("b.md", { title: "Brouillon", date: "2021-12-10", extra: `draft: true\n${aliases(5_000, 3)}` });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics).toEqual([]);
  });
});
