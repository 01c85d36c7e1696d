import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { aliasPathProblem, MAX_SLUG_LENGTH, SLUG_PATTERN, slugify } from "../../src/text/slug.ts";
import { fr } from "../helpers/french.ts";

const diacritics: [letter: string, base: string][] = [
  ["à", "a"],
  ["â", "a"],
  ["ä", "a"],
  ["ç", "c"],
  ["é", "e"],
  ["è", "e"],
  ["ê", "e"],
  ["ë", "e"],
  ["î", "i"],
  ["ï", "i"],
  ["ô", "o"],
  ["ö", "o"],
  ["ù", "u"],
  ["û", "u"],
  ["ü", "u"],
  ["ÿ", "y"],
  ["œ", "oe"],
  ["æ", "ae"],
];

describe("slugify", () => {
  test.each(
    diacritics.flatMap(([letter, base]) => [
      [letter, base],
      [letter.toUpperCase(), base],
    ]),
  )("%s → %s, from NFC and NFD", (letter, base) => {
    const word = `x${letter}x`;
    expect(slugify(word.normalize("NFC"))).toBe(`x${base}x`);
    expect(slugify(word.normalize("NFD"))).toBe(`x${base}x`);
  });

  test.each([
    ["L’Irak annonce la fin de la mission de combat", "l-irak-annonce-la-fin-de-la-mission-de-combat"],
    ["l'OTAN et l’ONU", "l-otan-et-l-onu"],
    ["Le cœur de l’État", "le-coeur-de-l-etat"],
    ["CŒUR ŒUVRE Æsope", "coeur-oeuvre-aesope"],
    ["États-Unis", "etats-unis"],
    ["TRT FR", "trt-fr"],
    ["AA", "aa"],
    ["Arabie saoudite", "arabie-saoudite"],
    ["Zürich, Noël, naïve, Ärger, Öl", "zurich-noel-naive-arger-ol"],
    ["Ça va ? Oui !", "ca-va-oui"],
    ["« Nous avons achevé »", "nous-avons-acheve"],
    ["Économie : 3 000 personnes concernées", "economie-3-000-personnes-concernees"],
    [`3${"\u202f"}000 soldats, 25${"\u00a0"}%`, "3-000-soldats-25"],
    ["Le 1er décembre", "le-1er-decembre"],
    ["Recherche & développement", "recherche-et-developpement"],
    ["un prix de 5 € — enfin", "un-prix-de-5-enfin"],
    ["Kılıçdaroğlu, Erdoğan, İstanbul", "kilicdaroglu-erdogan-istanbul"],
    ["Łódź, Søren, Straße", "lodz-soren-strasse"],
    ["iPhone et FooBar", "iphone-et-foobar"],
    ["  --  ", ""],
  ])("%j → %j", (text, slug) => {
    expect(slugify(text)).toBe(slug);
    expect(slugify(text.normalize("NFD"))).toBe(slug);
  });

  test("every slug matches the contract's pattern", () => {
    for (const text of ["L’Irak", "Œ", "Москва", "a--b", "_x_", "1er"]) expect(slugify(text)).toMatch(SLUG_PATTERN);
  });

  const generator = resolve(import.meta.dirname, "../../../shared/corpus/generate.mjs");
  test.skipIf(!existsSync(generator))("gives the corpus generator's slug for each of its titles (needs ../shared, which CI has)", () => {
    const dir = mkdtempSync(join(tmpdir(), "depeche-slugs-"));
    try {
      execFileSync(process.execPath, [generator, "--count", "2000", "--out", dir], { stdio: "ignore" });
      const files = readdirSync(join(dir, "articles"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md"));
      expect(files.length).toBe(2000);
      for (const file of files) {
        const title = JSON.parse(/^title: (".*")$/m.exec(readFileSync(join(dir, "articles", file), "utf8"))![1]!) as string;
        // Files are named DD-<slug>.md.
        expect(slugify(title), title).toBe(file.split("/").pop()!.slice(3, -3));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("keeps every slug of a French title of 200 characters whole, œ, æ and & included", () => {
    const title = "Le cœur & l’œuvre : Æsope, la sœur et les vœux de l’État — ".repeat(4).slice(0, 200);
    expect([...title].length).toBe(200);
    const slug = slugify(title);
    expect(slug).toHaveLength(205);
    expect(slug.endsWith("-les-voeux-de-l-etat-le-coeur-et-l-oeuvre-aeso")).toBe(true);
  });

  test.each([
    ["щ".repeat(200), `${"sch".repeat(73)}s`],
    [Array.from({ length: 60 }, (_, i) => `Щука${i}`).join(" "), undefined],
  ])("cuts a slug that transliteration makes longer than %#, after a whole word when there is one", (title, expected) => {
    const slug = slugify(title);
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug).toMatch(SLUG_PATTERN);
    if (expected) expect(slug).toBe(expected);
    else expect(slug).toMatch(/-schuka\d+$/);
  });

  test.each([
    ["Con", "con-1"],
    ["NUL", "nul-1"],
    ["Aux", "aux-1"],
    ["prn", "prn-1"],
    ["COM1", "com1-1"],
    ["lpt9", "lpt9-1"],
    ["Aux armes", "aux-armes"],
    ["Console", "console"],
  ])("gives a name Windows keeps for devices a suffix: %j → %j", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
});

describe("the paths an alias may name", () => {
  test.each([
    ["/2021/12/09/ancien-titre/", undefined],
    ["/actualites/irak-123.html", undefined],
    ["/caf%C3%A9/", undefined],
    ["/2021/12/09/Ancien-Titre/", undefined],
    ["/100%25/", undefined],
    ["/caf%c3%a9%20cr%C3%A8me/", undefined],
    ["/a%23b/%7Eold/", undefined],
    ["/a b/", "un alias doit être une adresse de ce site"],
    ["/caf%zz/", fr`« %zz » dans un alias n’est pas un caractère échappé : % est suivi de deux chiffres hexadécimaux`],
    ["/100%/", fr`« % » dans un alias n’est pas un caractère échappé`],
    ["/caf%E/", fr`« %E » dans un alias n’est pas un caractère échappé`],
    [
      "/caf%E9/",
      fr`« %E9 » dans un alias n’est pas un caractère en UTF-8, et sa page de redirection ne pourrait pas être écrite : écrivez-le en UTF-8 (si c’est du Latin-1, « é », écrivez %C3%A9)`,
    ],
    [
      "/cr%E8me-br%FBl%E9e/",
      fr`« %E8 » dans un alias n’est pas un caractère en UTF-8, et sa page de redirection ne pourrait pas être écrite : écrivez-le en UTF-8 (si c’est du Latin-1, « è », écrivez %C3%A8)`,
    ],
    ["/caf%C3/", fr`« %C3 » dans un alias n’est pas un caractère en UTF-8`],
    ["/a%2Fb/", fr`« %2F » dans un alias est un caractère qu’un nom de fichier ne peut pas contenir sur tous les disques`],
    ["/a%5cb/", fr`« %5c » dans un alias est un caractère qu’un nom de fichier ne peut pas contenir`],
    ["/a%3Fb/", fr`« %3F » dans un alias est un caractère qu’un nom de fichier ne peut pas contenir`],
    ["/a%00/", fr`« %00 » dans un alias est un caractère qu’un nom de fichier ne peut pas contenir`],
    ["/2021/../etc/", "un alias ne peut pas contenir de segment . ou .."],
    ["/2021/%2E%2e/etc/", "un alias ne peut pas contenir de segment . ou .."],
    ["/2021/%2E/etc/", "un alias ne peut pas contenir de segment . ou .."],
    [
      "/.git/config/",
      fr`« .git » dans un alias commence par un point : le site écrirait un dossier ou un fichier caché, que les hébergeurs ne servent pas ; écrivez l’ancienne adresse de l’article (comme /2019/03/05/titre/) ou retirez l’alias`,
    ],
    ["/.well-known/security.txt", fr`« .well-known » dans un alias commence par un point`],
    ["/2021/.env", fr`« .env » dans un alias commence par un point`],
    ["/2021/%2Ehtaccess/", fr`« %2Ehtaccess » dans un alias commence par un point`],
    ["/2021/titre.html", undefined],
    ["/fin-de-la-mission./", fr`ne peut pas finir par un point ni par une espace (« fin-de-la-mission. »)`],
    ["/fin-de-la-mission%2E/", fr`ne peut pas finir par un point ni par une espace (« fin-de-la-mission%2E »)`],
    ["/fin-de-la-mission%20/", fr`ne peut pas finir par un point ni par une espace (« fin-de-la-mission%20 »)`],
    ["/2021/%6Eul/", fr`« %6Eul » dans un alias est un nom que Windows réserve aux périphériques`],
    ["/2021/con/", fr`« con » dans un alias est un nom que Windows réserve aux périphériques`],
    ["/NUL.html", fr`« NUL.html » dans un alias est un nom que Windows réserve aux périphériques`],
    ["/aux.old/x/", fr`« aux.old » dans un alias est un nom que Windows réserve aux périphériques`],
    [`/${"a".repeat(MAX_SLUG_LENGTH + 1)}/`, `un segment d’alias tient en ${MAX_SLUG_LENGTH} caractères au plus`],
    [`/${"abcdefghi/".repeat(41)}`, "un alias tient en 400 caractères au plus, celui-ci en a 411"],
  ])("%j", (path, problem) => {
    if (problem === undefined) expect(aliasPathProblem(path)).toBeUndefined();
    else expect(aliasPathProblem(path)).toContain(problem);
  });
});
