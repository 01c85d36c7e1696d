import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { runNew } from "../../src/cli/new.ts";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { BODY_PLACEHOLDER } from "../../src/content/validate.ts";
import { runInProcess, type Run } from "../helpers/cli.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
let archive: TestArchive;
afterEach(() => archive?.remove());

function newCli(...args: string[]): Promise<Run> {
  return runInProcess("new", runNew, [...args, "--content", archive.dir]);
}

async function diagnosticsOf(): Promise<string[]> {
  const result = await loadContent({ contentDir: archive.dir, nowMs: Date.parse("2030-01-01T00:00:00Z") });
  return result.diagnostics.map(formatDiagnostic);
}

describe("depeche new", () => {
  it("creates a draft to fill in and prints its path (through bin/depeche.js)", async () => {
    archive = makeArchive();
    const r = spawnSync(process.execPath, [bin, "new", "L’Irak vote", "--topics", "irak,Défense", "--date", "2021-12-09", "--content", "content"], {
      cwd: archive.root,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("content/articles/2021/12/09-l-irak-vote.md\n");
    expect(readFileSync(join(archive.dir, "articles/2021/12/09-l-irak-vote.md"), "utf8")).toBe(
      `---\ntitle: "L’Irak vote"\ndate: 2021-12-09\nsources: [] # codes de sources.yaml : [AA, TRT FR]\ntopics: [Irak, Défense] # entrées de topics.yaml, par exemple Irak, Défense\ndraft: true\n---\n${BODY_PLACEHOLDER}\n`,
    );
  });

  it("writes a time the clocks show twice with the offset of the one it takes, and says so once", async () => {
    archive = makeArchive();
    const r = await newCli("L’Irak vote", "--date", "2026-10-25T02:30");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      fr`depeche new: --date 2026-10-25T02:30 : les horloges affichent deux fois 02:30 à Paris le 25 octobre 2026 (retour à l’heure d’hiver) ; Dépêche retient la seconde et écrit 2026-10-25T02:30+01:00 ; pour la première, donnez --date 2026-10-25T02:30+02:00\n`,
    );
    expect(readFileSync(join(archive.dir, "articles/2026/10/25-l-irak-vote.md"), "utf8")).toContain("\ndate: 2026-10-25T02:30+01:00\n");
    // The file says which time it is: check has nothing to say of its date.
    expect((await diagnosticsOf()).filter((line) => line.includes(":3:"))).toEqual([]);
  });

  it("is a draft that check accepts with a warning per unfinished field, and refuses once draft is removed until they are written", async () => {
    archive = makeArchive();
    const r = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(r.status).toBe(0);
    const path = join(archive.dir, "articles/2021/12/09-l-irak-vote.md");
    const file = archive.display("articles/2021/12/09-l-irak-vote.md");
    const inDraft = fr` (un avertissement dans un brouillon, une erreur une fois « draft » retiré)`;
    expect(await diagnosticsOf()).toEqual([
      fr`${file}:4:10: warning: « sources » est vide : donnez des codes de sources.yaml, par exemple sources: [AA, TRT FR]${inDraft}`,
      fr`${file}:5:9: warning: « topics » est vide : donnez des entrées de topics.yaml, par exemple topics: [Irak, Défense]${inDraft}`,
      fr`${file}:8:1: warning: le texte contient encore « ${BODY_PLACEHOLDER} » : remplacez-le par le texte de l’article${inDraft}`,
    ]);
    const edit = (from: RegExp | string, to: string): void => writeFileSync(path, readFileSync(path, "utf8").replace(from, to));
    edit("draft: true\n", "");
    expect(await diagnosticsOf()).toEqual([
      fr`${file}:4:10: error: « sources » doit donner au moins une entrée, par exemple sources: [AA, TRT FR]`,
      fr`${file}:5:9: error: « topics » doit donner au moins une entrée, par exemple topics: [Irak, Défense]`,
      fr`${file}:7:1: error: le texte contient encore « ${BODY_PLACEHOLDER} » : remplacez-le par le texte de l’article`,
    ]);
    edit(/^sources: .*$/m, "sources: [AA]");
    edit(/^topics: .*$/m, "topics: [Irak]");
    expect(await diagnosticsOf()).toEqual([fr`${file}:7:1: error: le texte contient encore « ${BODY_PLACEHOLDER} » : remplacez-le par le texte de l’article`]);
    edit(BODY_PLACEHOLDER, "Le Parlement irakien a voté.");
    expect(await diagnosticsOf()).toEqual([]);
  });

  it("writes from the newsroom's template in modeles/article.md, and the draft passes check", async () => {
    archive = makeArchive();
    archive.write(
      "modeles/article.md",
      '---\ntitle: {{ titre }}\ndate: {{ date }}\nsources: [AA]\ntopics: {{ sujets }}\nsummary: ""\n---\n## {{ titre }}\n\nÉcrivez ici le texte de l’article.\n\n*Avec AFP.*\n',
    );
    const r = await newCli("L’Irak *vote*", "--topics", "Irak", "--date", "2021-12-09");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const file = archive.display("articles/2021/12/09-l-irak-vote.md");
    expect(readFileSync(join(archive.dir, "articles/2021/12/09-l-irak-vote.md"), "utf8")).toBe(
      `---\ntitle: "L’Irak *vote*"\ndate: 2021-12-09\nsources: [AA]\ntopics: [Irak]\nsummary: ""\ndraft: true\n---\n## L’Irak \\*vote\\*\n\n${BODY_PLACEHOLDER}\n\n*Avec AFP.*\n`,
    );
    const inDraft = fr` (un avertissement dans un brouillon, une erreur une fois « draft » retiré)`;
    expect(await diagnosticsOf()).toEqual([
      fr`${file}:6:10: warning: « summary » est vide : écrivez le chapô, ou retirez la clé${inDraft}`,
      fr`${file}:11:1: warning: le texte contient encore « ${BODY_PLACEHOLDER} » : remplacez-le par le texte de l’article${inDraft}`,
    ]);
  });

  it("refuses a template with an unknown variable or one check would refuse, at its line, writing nothing", async () => {
    archive = makeArchive();
    const template = archive.display("modeles/article.md");
    archive.write("modeles/article.md", "---\ntitle: {{ titre }}\ndate: {{ date }}\nauteur: {{ auteur }}\n---\nTexte.\n");
    const unknown = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(fr`${template}:4:9: error: variable inconnue « {{ auteur }} »`);
    expect(unknown.stderr).toContain(`depeche new: le modèle ${template} ne peut pas donner un brouillon que check accepte`);

    archive.write("modeles/article.md", "---\ntitle: {{ titre }}\ndate: {{ date }}\nsources: [AA]\ntopics: [Irack]\ntags: [x]\n---\nTexte.\n");
    const invalid = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain(fr`${template}:5:10: error: sujet inconnu « Irack »`);
    expect(invalid.stderr).toContain(`${template}:6:1: error:`);
    expect(existsSync(join(archive.dir, "articles/2021"))).toBe(false);
  });

  it("dates the article today in the site's timezone", async () => {
    archive = makeArchive();
    const before = DateTime.now().setZone("Europe/Paris").toISODate()!;
    const r = await newCli("Dépêche du jour");
    const after = DateTime.now().setZone("Europe/Paris").toISODate()!;
    expect(r.status).toBe(0);
    const [year, month, day] = (r.stdout.includes(`/${after.slice(8)}-`) ? after : before).split("-");
    expect(r.stdout.trim()).toBe(archive.display(`articles/${year}/${month}/${day}-depeche-du-jour.md`));
    expect(readFileSync(join(archive.dir, `articles/${year}/${month}/${day}-depeche-du-jour.md`), "utf8")).toContain(`date: ${year}-${month}-${day}\n`);
  });

  it("dates the article by SOURCE_DATE_EPOCH when it is set, as import does, on the Paris clock whatever the machine's zone", async () => {
    archive = makeArchive();
    // 23:30 UTC on 31 December 2021 is 1 January 2022 in Paris.
    const run = spawnSync(process.execPath, [bin, "new", "Dépêche du Nouvel An", "--content", archive.dir], {
      encoding: "utf8",
      env: { ...process.env, SOURCE_DATE_EPOCH: String(Date.parse("2021-12-31T23:30:00Z") / 1000), TZ: "America/Los_Angeles" },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(archive.dir, "articles/2022/01/01-depeche-du-nouvel-an.md"), "utf8")).toContain("date: 2022-01-01\n");
  });

  it("refuses a URL already used, and an existing file, writing nothing", async () => {
    archive = makeArchive();
    archive.article("irak.md", { title: "L’Irak vote", date: "2021-12-09T10:00:00" });
    const taken = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(taken.status).toBe(1);
    expect(taken.stderr).toBe(
      fr`depeche new: /2021/12/09/l-irak-vote/ est déjà l’adresse de ${archive.display("articles/irak.md")} : choisissez un autre titre\n` +
        fr`depeche new: 1 erreur, 0 avertissement ; rien n’a été écrit\n`,
    );
    expect(existsSync(join(archive.dir, "articles/2021/12/09-l-irak-vote.md"))).toBe(false);

    archive.write("articles/2021/12/10-l-irak-vote.md", "notes\n");
    const exists = await newCli("L’Irak vote", "--date", "2021-12-10");
    expect(exists.status).toBe(1);
    expect(exists.stderr).toContain("existe déjà et n’est jamais écrasé");
    expect(readFileSync(join(archive.dir, "articles/2021/12/10-l-irak-vote.md"), "utf8")).toBe("notes\n");
  });

  it("refuses a URL that urls.txt remembers", async () => {
    archive = makeArchive();
    archive.write("urls.txt", "/2021/12/09/l-irak-vote/\n");
    const r = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      fr`/2021/12/09/l-irak-vote/ a déjà été publiée (${archive.display("urls.txt")}:1) et aucun article ne la porte plus : choisissez un autre titre`,
    );
  });

  it("refuses a URL that urls.txt remembers in another spelling of the same page", async () => {
    archive = makeArchive();
    archive.write("urls.txt", "# notes\n/2021/12/09/l-irak-v%6Fte/\n");
    const r = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      fr`/2021/12/09/l-irak-vote/ a déjà été publiée (${archive.display("urls.txt")}:2) et aucun article ne la porte plus : choisissez un autre titre`,
    );
  });

  it("refuses a topics.yaml that is a symbolic link, at its path, writing nothing", async () => {
    archive = makeArchive();
    const outside = join(archive.root, "topics.yaml");
    renameSync(join(archive.dir, "topics.yaml"), outside);
    symlinkSync(outside, join(archive.dir, "topics.yaml"));
    const r = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      fr`${archive.display("topics.yaml")}:1:1: error: les liens symboliques ne sont pas suivis : mettez le fichier lui-même dans le dossier du contenu\n` +
        `depeche new: le dossier du contenu ${archive.dir} ne peut pas recevoir d’articles tant que ces erreurs demeurent\n` +
        fr`depeche new: 1 erreur, 0 avertissement ; rien n’a été écrit\n`,
    );
    expect(existsSync(join(archive.dir, "articles/2021"))).toBe(false);
  });

  it.each([
    { args: [] as string[], status: 2, message: "donnez un titre, entre guillemets" },
    { args: ["Un", "Deux"], status: 2, message: "donnez un titre, entre guillemets" },
    { args: ["  "], status: 2, message: "le titre est vide" },
    { args: ["Titre", "--date", "demain"], status: 2, message: fr`--date « demain » n’est pas une date` },
    {
      args: ["Titre", "--date", "2021-12-09T10:00:00+24:00"],
      status: 2,
      message: fr`« --date » : le décalage horaire +24:00 n’existe pas ; écrivez-en un de -12:00 à +14:00`,
    },
    { args: ["Titre", "--topics", "Irack"], status: 2, message: fr`sujet inconnu « Irack » dans --topics (vouliez-vous dire « Irak » ?)` },
    { args: ["!!!"], status: 1, message: "le titre n’a ni lettre ni chiffre" },
    { args: ["x".repeat(201)], status: 1, message: "le titre dépasse 200 caractères" },
    { args: ["Titre", "--date", "9999-01-01"], status: 2, message: fr`--date « 9999-01-01 » est en l’an 9999 : Dépêche accepte les années 1900 à 2100` },
  ])("exits $status: $message", async ({ args, status, message }) => {
    archive = makeArchive();
    const r = await newCli(...args);
    expect(r.status).toBe(status);
    expect(r.stderr).toContain(message);
  });

  it.each([
    {
      title: "Titre\nsuite",
      told: fr`depeche new: le titre contient un saut de ligne, alors qu’il s’affiche sur une seule ligne : donnez-le sur une ligne, entre guillemets`,
    },
    {
      title: "Titre\tsuite",
      told: fr`depeche new: le titre contient une tabulation, alors qu’il s’affiche sur une seule ligne : donnez-le sur une ligne, entre guillemets`,
    },
    {
      title: "Titre\u202eevil",
      told: fr`depeche new: le titre contient le caractère de contrôle U+202E, invisible : retapez le titre sans lui (sans le copier-coller)`,
    },
    {
      title: "Titre\u001b[31m",
      told: fr`depeche new: le titre contient le caractère de contrôle U+001B, invisible : retapez le titre sans lui (sans le copier-coller)`,
    },
  ])("exits 2 telling of the title, not of the template, when it holds $title", async ({ title, told }) => {
    archive = makeArchive();
    const r = await newCli(title, "--topics", "Irak");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(told);
    expect(r.stderr).not.toContain("modèle");
    expect(readdirSync(join(archive.dir, "articles"))).toEqual([]);
  });

  it("makes a file every disk can hold from a title that transliteration lengthens, or that Windows keeps for a device", async () => {
    archive = makeArchive();
    const long = Array.from({ length: 40 }, () => "Щука").join(" ");
    const r = await newCli(long, "--date", "2021-12-09");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const slug = `${Array.from({ length: 31 }, () => "schuka").join("-")}`;
    expect(r.stdout).toBe(`${archive.display(`articles/2021/12/09-${slug}.md`)}\n`);
    const nul = await newCli("Nul", "--date", "2021-12-09");
    expect(nul.stdout).toBe(`${archive.display("articles/2021/12/09-nul-1.md")}\n`);
    // check reads the same URLs as new wrote: drafts to fill, but no URL error.
    expect((await diagnosticsOf()).filter((e) => /URL|slug/.test(e))).toEqual([]);
  });
});

describe("depeche new tells every mistake in one run, and writes nothing", () => {
  const template = (front: string, body = "Texte.\n"): string => `---\ntitle: {{ titre }}\ndate: {{ date }}\n${front}---\n${body}`;
  const files = (): string[] => readdirSync(archive.dir, { recursive: true, encoding: "utf8" }).sort();

  it.each([
    {
      mistakes: "an unknown option, a wrong --date and two unknown topics",
      args: ["L’Irak vote", "--bogus", "--date", "demain", "--topics", "Irack,Defence"],
      status: 2,
      told: (_: TestArchive) => [
        fr`depeche new: option inconnue « --bogus »`,
        fr`depeche new: --date « demain » n’est pas une date`,
        fr`depeche new: sujet inconnu « Irack » dans --topics (vouliez-vous dire « Irak » ?)`,
        fr`depeche new: sujet inconnu « Defence » dans --topics (vouliez-vous dire « Défense » ?)`,
        fr`depeche new: 4 erreurs, 0 avertissement ; rien n’a été écrit`,
      ],
    },
    {
      mistakes: "a missing title and an empty --topics",
      args: ["--topics", ","],
      status: 2,
      told: (_: TestArchive) => [
        "depeche new: --topics est vide",
        "depeche new: donnez un titre, entre guillemets",
        fr`depeche new: 2 erreurs, 0 avertissement ; rien n’a été écrit`,
      ],
    },
    {
      mistakes: "a title without letters and a template's unknown variable",
      setup: (a: TestArchive) => a.write("modeles/article.md", template("sources: [AA]\n", "Par {{ auteur }}.\n")),
      args: ["!!!", "--date", "2021-12-09"],
      status: 1,
      told: (a: TestArchive) => [
        fr`${a.display("modeles/article.md")}:6:5: error: variable inconnue « {{ auteur }} »`,
        "depeche new: le titre n’a ni lettre ni chiffre pour en faire une adresse",
        fr`depeche new: 2 erreurs, 0 avertissement ; rien n’a été écrit`,
      ],
    },
    {
      mistakes: "a template's unknown variable and its unknown topic (what filling in finds, and what check finds)",
      setup: (a: TestArchive) => a.write("modeles/article.md", template("sources: [AA]\ntopics: [Irack]\n", "{{ auteur }}\n")),
      args: ["L’Irak vote", "--date", "2021-12-09"],
      status: 1,
      told: (a: TestArchive) => [
        fr`${a.display("modeles/article.md")}:5:10: error: sujet inconnu « Irack »`,
        fr`${a.display("modeles/article.md")}:7:1: error: variable inconnue « {{ auteur }} »`,
        fr`depeche new: 2 erreurs, 0 avertissement ; rien n’a été écrit`,
      ],
    },
    {
      mistakes: "a template with a draft: false, and a wrong --date (the template is checked all the same)",
      setup: (a: TestArchive) => a.write("modeles/article.md", template("sources: [AA]\ntopics: [Irack]\ndraft: false\n")),
      args: ["L’Irak vote", "--date", "2021-13-09"],
      status: 2,
      told: (a: TestArchive) => [
        fr`${a.display("modeles/article.md")}:5:10: error: sujet inconnu « Irack »`,
        fr`${a.display("modeles/article.md")}:6:1: error: le modèle donne à « draft » une autre valeur que true : depeche new crée toujours un brouillon`,
        fr`depeche new: « --date » : `,
        fr`depeche new: 3 erreurs, 0 avertissement ; rien n’a été écrit`,
      ],
    },
    {
      mistakes: "a URL already taken and a template check refuses",
      setup: (a: TestArchive) => {
        a.article("irak.md", { title: "L’Irak vote", date: "2021-12-09T10:00:00" });
        a.write("modeles/article.md", template("sources: [AA]\ntags: [x]\n"));
      },
      args: ["L’Irak vote", "--date", "2021-12-09"],
      status: 1,
      told: (a: TestArchive) => [
        fr`${a.display("modeles/article.md")}:5:1: error: clé inconnue « tags »`,
        `depeche new: /2021/12/09/l-irak-vote/ est déjà l’adresse de ${a.display("articles/irak.md")}`,
        fr`depeche new: 2 erreurs, 0 avertissement ; rien n’a été écrit`,
      ],
    },
    {
      mistakes: "an existing file, never overwritten, and an unknown topic in --topics",
      setup: (a: TestArchive) => a.write("articles/2021/12/09-l-irak-vote.md", "notes\n"),
      args: ["L’Irak vote", "--date", "2021-12-09", "--topics", "Irack"],
      status: 2,
      told: (a: TestArchive) => [
        fr`depeche new: sujet inconnu « Irack » dans --topics`,
        `depeche new: ${a.display("articles/2021/12/09-l-irak-vote.md")} existe déjà et n’est jamais écrasé`,
        fr`depeche new: 2 erreurs, 0 avertissement ; rien n’a été écrit`,
      ],
    },
    {
      mistakes: "a broken topics.yaml, a urls.txt that is a symbolic link, a template's unknown variable and an empty title",
      setup: (a: TestArchive) => {
        a.write("topics.yaml", "- slug: irak\n");
        writeFileSync(join(a.root, "urls.txt"), "");
        symlinkSync(join(a.root, "urls.txt"), join(a.dir, "urls.txt"));
        a.write("modeles/article.md", template("auteur: {{ auteur }}\n"));
      },
      args: ["  "],
      status: 2,
      told: (a: TestArchive) => [
        fr`${a.display("topics.yaml")}:1:3: error: clé obligatoire « label » absente`,
        `${a.display("urls.txt")}:1:1: error: les liens symboliques ne sont pas suivis`,
        `depeche new: le dossier du contenu ${a.dir} ne peut pas recevoir d’articles tant que ces erreurs demeurent`,
        fr`${a.display("modeles/article.md")}:4:9: error: variable inconnue « {{ auteur }} »`,
        "depeche new: le titre est vide",
        fr`depeche new: 4 erreurs, 0 avertissement ; rien n’a été écrit`,
      ],
    },
  ])("$mistakes", async ({ setup, args, status, told }) => {
    archive = makeArchive();
    setup?.(archive);
    const before = files();
    const r = await newCli(...args);
    for (const line of told(archive)) expect(r.stderr).toContain(line);
    expect(r.status).toBe(status);
    expect(r.stdout).toBe("");
    expect(files()).toEqual(before);
    if (existsSync(join(archive.dir, "articles/2021/12/09-l-irak-vote.md")))
      expect(readFileSync(join(archive.dir, "articles/2021/12/09-l-irak-vote.md"), "utf8")).toBe("notes\n");
  });

  it("prints the files' errors with what they stop, then the command line's mistakes, one count, and the usage", async () => {
    archive = makeArchive();
    archive.write("modeles/article.md", template("sources: [AA]\ntags: [x]\n"));
    const file = archive.display("modeles/article.md");
    const r = await newCli("", "--date", "demain");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^${escapeRegExp(fr`${file}:5:1: error: clé inconnue « tags »`)}.*\n` +
          `${escapeRegExp(fr`depeche new: le modèle ${file} ne peut pas donner un brouillon que check accepte : corrigez-le, ou supprimez-le pour revenir au modèle intégré`)}\n` +
          `${escapeRegExp("depeche new: le titre est vide")}.*\n` +
          `${escapeRegExp(fr`depeche new: --date « demain » n’est pas une date`)}.*\n` +
          `${escapeRegExp(fr`depeche new: 3 erreurs, 0 avertissement ; rien n’a été écrit`)}\n` +
          fr`usage : depeche new `,
      ),
    );
  });

  it("points at the template's own line below the draft: true it adds", async () => {
    archive = makeArchive();
    archive.write("modeles/article.md", template("sources: [AA]\n", "Texte.\nbip \u0007\n"));
    const r = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${archive.display("modeles/article.md")}:7:5: error: le texte contient ici le caractère de contrôle U+0007`);
    expect(r.stderr).toContain(fr`depeche new: 1 erreur, 0 avertissement ; rien n’a été écrit`);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
