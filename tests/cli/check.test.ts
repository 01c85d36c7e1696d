import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { articleText, makeArchive, SOURCES_YAML, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
let archive: TestArchive;
afterEach(() => archive?.remove());

function depeche(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("depeche check", () => {
  it("prints one summary line and exits 0 on a valid archive", () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    archive.article("b.md", { title: "Deux", date: "2021-12-10" });
    const r = depeche("check", "--content", archive.dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^depeche check: 2 articles, 5 sujets, 2 sources, 2 jours\u00a0: tout est valide\u202f; 0 avertissement \(\d+,\d\d s\)\n$/);
    expect(r.stderr).toBe("");
  });

  it("prints every error to standard error, compiler style, and exits 1", () => {
    archive = makeArchive();
    archive.article("a.md", { topics: "[Irack]" });
    archive.article("b.md", { extra: "topic: Irak", title: "Deux" });
    const r = depeche("check", "--content", archive.dir);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toBe(
      fr`${archive.display("articles/a.md")}:5:10: error: sujet inconnu « Irack » (vouliez-vous dire « Irak » ?) : utilisez une entrée de topics.yaml, ou ajoutez-la`,
    );
    expect(lines[1]).toMatch(
      new RegExp(fr`^${archive.display("articles/b.md")}:6:1: error: clé inconnue « topic » \\(vouliez-vous dire « topics »\u202f\\?\\)`),
    );
    // check never writes: it does not say that nothing was written.
    expect(lines[2]).toMatch(/^depeche check: 2 erreurs, 0 avertissement dans 2 fichiers d’articles \(\d+,\d\d s\)$/);
  });

  it("refuses to build a file whose YAML error has a certain fix, telling its other errors in the same run", () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    // Its fields, once the title is in quotes, are all right: the file is refused all the same.
    archive.article("b.md", articleText({ title: "Deux", date: "2021-12-10" }).replace('title: "Deux"', "title: Deux: la fin"));
    archive.article(
      "c.md",
      articleText({ date: "2021-11-31" })
        .replace(/^title: .*$/m, "title: Irak: la fin")
        .replace("topics:", "topic:"),
    );
    const out = join(archive.root, "site");
    const r = depeche("build", "--no-cache", "--content", archive.dir, "--out", out, "--no-search");
    expect(r.status).toBe(1);
    expect(existsSync(out)).toBe(false);
    const colon = (example: string): string =>
      fr`la valeur de « title » contient « : » suivi d’une espace, que YAML lit comme une nouvelle clé : mettez le titre entre guillemets, par exemple ${example}`;
    expect(r.stderr.split("\n").filter((line) => line.includes(": error: "))).toEqual([
      `${archive.display("articles/b.md")}:2:8: error: ${colon('title: "Deux: la fin"')}`,
      `${archive.display("articles/c.md")}:2:8: error: ${colon('title: "Irak: la fin"')}`,
      fr`${archive.display("articles/c.md")}:3:7: error: « date » : le 31 novembre n’existe pas ; vérifiez le jour et le mois`,
      fr`${archive.display("articles/c.md")}:5:1: error: clé inconnue « topic », et la clé obligatoire « topics » manque : renommez « topic » en « topics »`,
    ]);
    // Only a.md is an article: the others, their YAML mended in memory, are not.
    const report = JSON.parse(depeche("check", "--no-cache", "--content", archive.dir, "--json").stdout);
    expect(report).toMatchObject({ ok: false, files: 3, articles: 1, errors: 4 });
  });

  it("puts a file whose YAML is mended in memory in the rules across articles, and checks its photo, in the same run", () => {
    archive = makeArchive();
    archive.article("2021/12/09-deux-la-fin.md", { title: "Deux: la fin", date: "2021-12-09T10:00:00" });
    // A copy of it, its title without quotes, and a photo that is not there.
    archive.article(
      "2021/12/09-copie.md",
      articleText({ title: "Deux: la fin", date: "2021-12-09T10:00:00", extra: "image:\n\tsrc: images/absente.jpg\n\talt: Une photo\n\tcredit: AA" }).replace(
        'title: "Deux: la fin"',
        "title: Deux: la fin",
      ),
    );
    const errors = depeche("check", "--no-cache", "--content", archive.dir)
      .stderr.split("\n")
      .filter((line) => line.includes(": error: "));
    const copy = archive.display("articles/2021/12/09-copie.md");
    const ofCopy = errors.filter((line) => line.startsWith(copy));
    expect(ofCopy).toHaveLength(6);
    expect(ofCopy).toEqual(
      expect.arrayContaining([
        expect.stringContaining(fr`:2:8: error: la valeur de « title » contient « : »`),
        ...[7, 8, 9].map((line) => expect.stringContaining(`:${line}:1: error: une tabulation sert de retrait`)),
        // At the path as written, after the tab.
        expect.stringContaining(fr`:7:7: error: la photo « images/absente.jpg » est introuvable`),
        expect.stringContaining(fr`:2:8: error: même adresse /2021/12/09/deux-la-fin/ que ${archive.display("articles/2021/12/09-deux-la-fin.md")}`),
      ]),
    );
    // The article it copies keeps its URL: no error there.
    expect(errors.filter((line) => line.startsWith(archive.display("articles/2021/12/09-deux-la-fin.md")))).toEqual([]);
  });

  it("takes a content folder that does not exist for a usage mistake: one line and the usage, exit 2", () => {
    archive = makeArchive();
    const missing = `${archive.root}/contenu`;
    const r = depeche("check", "--content", missing);
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(
      fr`depeche check: --content ${missing} : ce dossier n’existe pas ; donnez le dossier du contenu (celui de site.yaml), ou lancez la commande là où se trouve content/`,
    );
    expect(r.stderr).not.toContain("manque");
  });

  it("exits 2 on a usage mistake", () => {
    expect(depeche("check", "--contnt", "x").status).toBe(2);
    expect(depeche("frobnicate").status).toBe(2);
    // Names an object has of its own must not pass for commands either.
    for (const name of ["constructor", "__proto__", "toString"]) {
      const r = depeche(name);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(fr`depeche: commande inconnue « ${name} »`);
    }
  });
});

describe("usage", () => {
  const COMMANDS = ["check", "build", "serve", "import", "new", "install-hook"];

  it.each(
    COMMANDS.flatMap((name) => [
      [name, "--help"],
      [name, "-h"],
    ]),
  )("%s %s prints its usage and exits 0, doing nothing else", (name, flag) => {
    const r = depeche(name, flag, "--content", "/nonexistent");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(fr`^usage : depeche ${name} `));
    expect(r.stdout).toContain(fr`options :\n`);
    expect(r.stdout).toMatch(/^ {2}-h, --help +cette aide$/m);
    expect(r.stderr).toBe("");
  });

  it.each(COMMANDS)("%s --help starts every option's description in one column, past the longest option", (name) => {
    const options = depeche(name, "--help").stdout.split(fr`options :\n`)[1]!.trimEnd().split("\n");
    const columns = options.map((line) => /^ {2}\S+(?: \S+)* {2,}/.exec(line)?.[0].length);
    expect(new Set(columns), options.join("\n")).toEqual(new Set([Math.max(...options.map((line) => line.indexOf("  ", 2))) + 2]));
  });

  it("lists every command the same way, and shows import's --date as optional, now by default", () => {
    const r = depeche("--help");
    expect(r.status).toBe(0);
    for (const name of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    expect(r.stdout).toContain('  import FICHIER… [--date ISO] [--topics a,b] [--content DIR] [--image FICHIER --credit "…" --alt "…" [--caption "…"]]\n');
    expect(depeche("build", "--help").stdout).toContain("--cache DIR");
    expect(depeche("import", "--help").stdout).toMatch(
      /--date ISO +le jour .*\u202f; sans elle, maintenant \(SOURCE_DATE_EPOCH, sinon l’horloge\), avec un avertissement\n/,
    );
  });

  it("answers every usage mistake at once with the command's own usage, in French", () => {
    const r = depeche("check", "--contnt", "x");
    expect(r.stderr).toMatch(
      /^depeche check: option inconnue «\u202f--contnt\u202f» \(vouliez-vous dire «\u202f--content\u202f»\u202f\?\)\ndepeche check: argument en trop «\u202fx\u202f»\nusage\u00a0: depeche check /,
    );
    expect(depeche("import", "a.txt", "--date").stderr).toMatch(/^depeche import: l’option --date attend une valeur\n/);
    expect(depeche("check", "--json=oui").stderr).toMatch(/^depeche check: l’option --json ne prend pas de valeur\n/);
  });

  it("speaks English with DEPECHE_LANG=en, keeping the same usage", () => {
    const r = spawnSync(process.execPath, [bin, "check", "--help"], { encoding: "utf8", env: { ...process.env, DEPECHE_LANG: "en" } });
    expect(r.stdout).toMatch(
      /^usage: depeche check \[--content DIR\] \[--cache DIR \| --no-cache\] \[--json\] \[--annotate\]\n\nvalidate the archive, write nothing\n/,
    );
  });
});

describe("the summary, in either language", () => {
  it("counts in French by default and in English with DEPECHE_LANG=en", () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    expect(depeche("check", "--content", archive.dir).stdout).toMatch(
      /^depeche check: 1 article, 5 sujets, 2 sources, 1 jour\u00a0: tout est valide\u202f; 0 avertissement \(\d+,\d\d s\)\n$/,
    );
    const en = spawnSync(process.execPath, [bin, "check", "--content", archive.dir], { encoding: "utf8", env: { ...process.env, DEPECHE_LANG: "en" } });
    expect(en.stdout).toMatch(/^depeche check: 1 article, 5 topics, 2 sources, 1 day are valid; 0 warnings \(\d+\.\d\d s\)\n$/);
  });
});

describe("a source renamed in sources.yaml without its old code", () => {
  it("is one error in the terminal, every article in JSON, and one annotation on the renamed line", () => {
    archive = makeArchive();
    archive.write("sources.yaml", SOURCES_YAML.replace("code: AA\n", "code: AAJ\n"));
    const files = Array.from({ length: 40 }, (_, i) => {
      archive.article(`${String(i).padStart(2, "0")}.md`, { title: `Dépêche ${i}`, sources: "[AA]" });
      return archive.display(`articles/${String(i).padStart(2, "0")}.md`);
    });
    const sources = archive.display("sources.yaml");
    const human = depeche("check", "--no-cache", "--content", archive.dir);
    expect(human.status).toBe(1);
    expect(human.stderr.split("\n")).toEqual([
      fr`${sources}:1:9: error: source inconnue « AA », nommée par 40 articles (${files[0]}:4, ${files[1]}:4, ${files[2]}:4 et 37 autres) : si c’est l’ancien code de cette source, gardez-le dans ses anciens codes, aliases: [AA], et ces articles lui restent rattachés ; sinon, remplacez « AA » dans ces articles, ou ajoutez à sources.yaml une source de ce code`,
      expect.stringMatching(/^depeche check: 1 erreur, 0 avertissement dans 40 fichiers d’articles /),
      "",
    ]);
    // Nothing is lost: the one error carries every article's place.
    const report = JSON.parse(depeche("check", "--no-cache", "--content", archive.dir, "--json").stdout);
    expect(report).toMatchObject({ ok: false, errors: 1 });
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ file: sources, line: 1, column: 9, places: files.map((file) => ({ file, line: 4, column: 11 })) }),
    ]);
    const annotated = depeche("check", "--no-cache", "--content", archive.dir, "--annotate");
    expect(annotated.stdout.split("\n").filter((line) => line.startsWith("::"))).toEqual([
      expect.stringMatching(new RegExp(`^::error file=${sources.replace(/[/.]/g, "\\$&")},line=1,col=9::source inconnue`)),
    ]);
  });
});
