import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { parseHTML } from "linkedom";
import { afterEach, describe, expect, it } from "vitest";
import { runImport } from "../../src/cli/import.ts";
import { displayPath, formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { renderMarkdown } from "../../src/text/markdown.ts";
import { runInProcess, type Run } from "../helpers/cli.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { SAMPLE_TOPICS_YAML } from "../helpers/sample-archive.ts";
import { buildArchive } from "../helpers/site.ts";
import { depecheUnprivileged } from "../helpers/unprivileged.ts";
import { fr } from "../helpers/french.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
const seedPath = resolve(import.meta.dirname, "../wire/fixtures/wire-aa-trtfr-irak.txt");
const generator = resolve(import.meta.dirname, "../../../shared/corpus/generate.mjs");
const NBSP = "\u00a0";

let archive: TestArchive;
afterEach(() => archive?.remove());

// Runs the real command from the archive's temporary folder, so it prints paths as content/….
function depeche(...args: string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: archive.root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Paths print as displayPath says (relative inside the working directory): archive.display() and shown() say how.
function importCli(...args: string[]): Promise<Run> {
  return runInProcess("import", runImport, [...args, "--content", archive.dir]);
}

const shown = displayPath;

function wire(name: string, data: string | Uint8Array): string {
  const path = join(archive.root, "wire", name);
  archive.write(relative(archive.dir, path), data);
  return path;
}

function wireText(title: string, paragraphs: string[], end = ["AA", "TRT FR", "Partager cet article? https://turquie2023.com/abc123"]): string {
  return [title, title.replaceAll("’", "'"), NBSP, ...paragraphs, NBSP, NBSP, ...end].join("\n\n");
}

function articleFiles(): string[] {
  const dir = join(archive.dir, "articles");
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((p) => p.endsWith(".md"))
    .sort();
}

async function checkErrors(): Promise<string[]> {
  const result = await loadContent({ contentDir: archive.dir, nowMs: Date.parse("2030-01-01T00:00:00Z") });
  return result.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);
}

// Typography may change spaces and apostrophes in the page: compare the words.
const words = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, "").replace(/[’']/g, "'");

const SEED_TITLE = "L’Irak annonce la fin de la mission de combat des forces de la Coalition internationale dans le pays";
const SEED_FILE = "articles/2021/12/09-l-irak-annonce-la-fin-de-la-mission-de-combat-des-forces-de-la-coalition-internationale-dans-le-pays.md";

describe("depeche import, the seed copy", () => {
  it("writes an article that checks clean and renders every paragraph in order, with its sources and short link", async () => {
    archive = makeArchive();
    const r = depeche("import", seedPath, "--date", "2021-12-09", "--content", "content");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(fr`content/${SEED_FILE} (sujets suggérés : Irak)`);
    expect(r.stdout).toMatch(/^depeche import: 1 article écrit, 0 fichier refusé, 0 avertissement \(\d+,\d\d s\)$/m);

    const result = await loadContent({ contentDir: archive.dir });
    expect(result.diagnostics).toEqual([]);
    const article = result.content!.articles[0]!;
    expect(article.title).toBe(SEED_TITLE);
    expect(article.url).toBe("/2021/12/09/l-irak-annonce-la-fin-de-la-mission-de-combat-des-forces-de-la-coalition-internationale-dans-le-pays/");
    expect(article.sources.map((s) => s.code)).toEqual(["AA", "TRT FR"]);
    expect(article.shortLink).toBe("https://turquie2023.com/Ivo58D");
    expect(article.topics.map((t) => t.slug)).toEqual(["irak"]);

    // Expected paragraphs straight from the seed: its non-blank lines minus the two title lines and the three end lines.
    const seedLines = readFileSync(seedPath, "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "");
    const expected = seedLines.slice(2, -3);
    expect(expected).toHaveLength(8);
    const { document } = parseHTML(`<body>${renderMarkdown(article.body)}</body>`);
    const rendered = [...document.querySelectorAll("body > *")].map((e) => `${e.tagName}:${words(e.textContent ?? "")}`);
    expect(rendered).toEqual(expected.map((p) => `P:${words(p)}`));
  });

  it("builds to a page with every paragraph in order, its sources, topics and share link", async () => {
    archive = makeArchive();
    expect((await importCli(seedPath, "--date", "2021-12-09")).status).toBe(0);
    const site = await buildArchive(archive, { search: false });
    expect(site.result.diagnostics).toEqual([]);
    const page = site.page("/2021/12/09/l-irak-annonce-la-fin-de-la-mission-de-combat-des-forces-de-la-coalition-internationale-dans-le-pays/");
    const seedLines = readFileSync(seedPath, "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "");
    const paragraphs = [...page.querySelectorAll("article .body p")].map((p) => words(p.textContent ?? ""));
    expect(paragraphs).toEqual(seedLines.slice(2, -3).map(words));
    const links = [...page.querySelectorAll("article a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual(expect.arrayContaining(["/sources/aa/", "/sources/trt-fr/", "/sujets/irak/", "https://turquie2023.com/Ivo58D"]));
  });

  it("uses --topics as given, in that order", async () => {
    archive = makeArchive();
    const r = await importCli(seedPath, "--date", "2021-12-09T15:10:00", "--topics", "défense, IRAK");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(fr`${archive.display(SEED_FILE)} (sujets : Défense, Irak)`);
    const result = await loadContent({ contentDir: archive.dir });
    expect(result.content?.articles[0]?.topics.map((t) => t.slug)).toEqual(["defense", "irak"]);
    expect(result.content?.articles[0]?.published.iso).toBe("2021-12-09T15:10:00+01:00");
  });
});

describe("depeche import without --date", () => {
  // 2026-12-04T22:52:40Z: 23:52 in Paris on the 4th, 14:52 in Los Angeles, 11:52 the 5th in Auckland.
  const NOW = Date.parse("2026-12-04T22:52:40Z");
  const NOW_FILE = SEED_FILE.replace("2021/12/09", "2026/12/04");

  // The real command, with a machine timezone and a fixed clock.
  function importAt(tz: string, epochMs: number, extra: Record<string, string> = {}, ...args: string[]): Run {
    const env = { ...process.env, NO_COLOR: "1", TZ: tz, SOURCE_DATE_EPOCH: String(epochMs / 1000), ...extra };
    const r = spawnSync(process.execPath, [bin, "import", seedPath, ...args, "--content", "content"], { cwd: archive.root, encoding: "utf8", env });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  for (const tz of ["America/Los_Angeles", "Pacific/Auckland"]) {
    it(`dates the article now on Paris's clock, to the minute, and says so (TZ=${tz})`, async () => {
      archive = makeArchive();
      const r = importAt(tz, NOW);
      expect(r.status).toBe(0);
      expect(r.stdout.split("\n")[0]).toBe(fr`content/${NOW_FILE} (sujets suggérés : Irak)`);
      expect(r.stdout).toMatch(/^depeche import: 1 article écrit, 0 fichier refusé, 1 avertissement /m);
      expect(r.stderr).toBe(
        `${seedPath}:1:1: warning: ${fr`sans --date, l’article est daté de maintenant, le vendredi 4${NBSP}décembre 2026 à 23${NBSP}h${NBSP}52 (heure de Paris) : si l’agence a publié la dépêche un autre jour ou à une autre heure, supprimez content/${NOW_FILE} et importez-la de nouveau avec sa date, par exemple --date 2021-12-09 ou --date 2021-12-09T15:10:00 (tant qu’un déploiement de main ne l’a pas mise en ligne, son adresse n’est pas publiée)`}\n`,
      );
      expect(readFileSync(join(archive.dir, NOW_FILE), "utf8")).toContain("\ndate: 2026-12-04T23:52\n");
      const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
      expect(result.diagnostics).toEqual([]);
      expect(result.content?.articles[0]?.published.iso).toBe("2026-12-04T23:52:00+01:00");
    });
  }

  it("writes the offset of a time the clocks show twice, so that it reads back as now", async () => {
    archive = makeArchive();
    // 00:30 UTC on 25 October 2026 is the first 02:30 in Paris (summer time, +02:00).
    const r = importAt("Pacific/Auckland", Date.parse("2026-10-25T00:30:00Z"), { DEPECHE_LANG: "en" });
    expect(r.status).toBe(0);
    const file = SEED_FILE.replace("2021/12/09", "2026/10/25");
    expect(r.stderr).toContain("warning: without --date, the article is dated now, Sunday, October 25, 2026 at 02:30 (Paris time): ");
    expect(readFileSync(join(archive.dir, file), "utf8")).toContain("\ndate: 2026-10-25T02:30+02:00\n");
    const result = await loadContent({ contentDir: archive.dir, nowMs: Date.parse("2026-10-25T00:30:00Z") });
    expect(result.diagnostics).toEqual([]);
    expect(result.content?.articles[0]?.published.epochMs).toBe(Date.parse("2026-10-25T00:30:00Z"));
  });

  it("still never overwrites: the same copy again is refused, with no warning of a date", () => {
    archive = makeArchive();
    expect(importAt("UTC", NOW).status).toBe(0);
    const r = importAt("UTC", NOW);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(fr`error: le lien court https://turquie2023.com/Ivo58D est déjà celui de content/${NOW_FILE}`);
    expect(r.stderr).not.toContain("sans --date");
    expect(articleFiles()).toEqual([NOW_FILE.slice("articles/".length)]);
  });
});

describe("depeche import refuses, writes nothing and exits 1", () => {
  it("when the target file exists, and leaves it as it was", async () => {
    archive = makeArchive();
    const other = "---\ntitle: Autre chose\ndate: 2021-12-10\nsources: AA\ntopics: Irak\n---\nUn autre article rangé là.\n";
    archive.write(SEED_FILE, other);
    const r = await importCli(seedPath, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`error: ${archive.display(SEED_FILE)} existe déjà et n’est jamais écrasé`);
    expect(readFileSync(join(archive.dir, SEED_FILE), "utf8")).toBe(other);
    expect(articleFiles()).toHaveLength(1);
  });

  it("when an article already has the URL", async () => {
    archive = makeArchive();
    archive.article("irak.md", { title: SEED_TITLE, date: "2021-12-09T18:00:00" });
    const r = await importCli(seedPath, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `error: même adresse /2021/12/09/l-irak-annonce-la-fin-de-la-mission-de-combat-des-forces-de-la-coalition-internationale-dans-le-pays/ que ${archive.display("articles/irak.md")}`,
    );
    expect(articleFiles()).toEqual(["irak.md"]);
  });

  it("when an article already has the short link", async () => {
    archive = makeArchive();
    archive.article("ancien.md", { title: "Un autre titre", extra: "shortLink: https://turquie2023.com/Ivo58D" });
    const r = await importCli(seedPath, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`error: le lien court https://turquie2023.com/Ivo58D est déjà celui de ${archive.display("articles/ancien.md")}`);
    expect(articleFiles()).toEqual(["ancien.md"]);
  });

  it.each(["https://TURQUIE2023.COM/Ivo58D", "https://turquie2023.com:443/Ivo58D/", "https://turquie2023.com/Ivo58D#partager"])(
    "when an article already has the short link, spelled %s",
    async (link) => {
      archive = makeArchive();
      archive.article("ancien.md", { title: "Un autre titre", extra: `shortLink: ${link}` });
      const r = await importCli(seedPath, "--date", "2021-12-09");
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(
        fr`error: le lien court https://turquie2023.com/Ivo58D est déjà celui de ${archive.display("articles/ancien.md")} (écrit ${link}) : cette dépêche est déjà dans l’archive`,
      );
      expect(articleFiles()).toEqual(["ancien.md"]);
    },
  );

  it("when urls.txt marks the URL removed on purpose, on its published line or on one of its own, saying which « ! » to delete", async () => {
    archive = makeArchive();
    archive.write("urls.txt", "# publiées\n/2021/12/09/l-irak-vote/\n! /2021/12/09/l-irak-dit/ retirée\n! /2021/12/09/l-irak-vote/\n");
    const published = wire("a.txt", wireText("L’Irak vote", ["Texte."], ["AA"]));
    const removed = wire("b.txt", wireText("L’Irak dit", ["Texte."], ["AA"]));
    const r = await importCli(published, removed, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      fr`${shown(published)}:1:1: error: /2021/12/09/l-irak-vote/ a déjà été publiée, puis retirée exprès (${archive.display("urls.txt")}:4) : un nouvel article y prendrait ses anciens lecteurs ; changez la ligne de titre, ou, pour remettre en ligne cette même dépêche, effacez ce « ! »`,
    );
    expect(r.stderr).toContain(
      `${shown(removed)}:1:1: error: /2021/12/09/l-irak-dit/ a déjà été publiée, puis retirée exprès (${archive.display("urls.txt")}:3)`,
    );
    expect(articleFiles()).toEqual([]);
  });

  it("when the same copy is imported twice, even on another day", async () => {
    archive = makeArchive();
    expect((await importCli(seedPath, "--date", "2021-12-09")).status).toBe(0);
    const r = await importCli(seedPath, "--date", "2021-12-10");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("le lien court https://turquie2023.com/Ivo58D est déjà celui de");
    expect(articleFiles()).toHaveLength(1);
  });

  it("when the same file is named twice in one run", async () => {
    archive = makeArchive();
    const r = await importCli(seedPath, seedPath, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/1 article écrit, 1 fichier refusé/);
    expect(articleFiles()).toHaveLength(1);
  });

  const bad: { name: string; data: string | Uint8Array; error: string }[] = [
    { name: "an empty file", data: "", error: "1:1: error: le fichier est vide" },
    { name: "a file of blank lines", data: `\n${NBSP}\n\n`, error: "1:1: error: le fichier est vide" },
    { name: "a title with no body", data: wireText("Titre seul", []), error: "1:1: error: la dépêche a un titre mais pas de texte" },
    // Given by mistake: its last lines are not agencies to add to sources.yaml.
    { name: "a JSON file", data: '{\n "000001.txt": [\n  "france"\n ]\n}\n', error: "5:1: error: pas de ligne de source à la fin de la dépêche" },
    {
      name: "no source line",
      data: wireText("L’Irak vote", ["Le Parlement irakien a voté."], ["Partager cet article? https://turquie2023.com/x"]),
      // At the last line of text, after which the agency's code belongs.
      error: "7:1: error: pas de ligne de source à la fin de la dépêche",
    },
    {
      name: "no topic named and no --topics",
      data: wireText("Un titre", ["Un texte sans lieu ni sujet."]),
      error: "1:1: error: aucun sujet de topics.yaml n’est nommé",
    },
    {
      // Advice import can follow: it has no option for a summary or a slug.
      name: "a title too long",
      data: wireText(`L’Irak ${"très ".repeat(50)}long`, ["Texte."]),
      error: fr`1:1: error: le titre dépasse 200 caractères : dans la dépêche, raccourcissez la ligne du titre (et la ligne qui le répète, s’il y en a une) et mettez la suite en tête du texte, puis relancez l’import\n`,
    },
    {
      name: "a title with no letter",
      data: wireText("!!! — ???", ["Le Parlement irakien a voté."]),
      error: fr`1:1: error: le titre n’a ni lettre ni chiffre pour en faire une adresse : dans la dépêche, récrivez la ligne du titre avec des mots, puis relancez l’import\n`,
    },
    {
      name: "two codes on one line",
      data: wireText("L’Irak vote", ["Le Parlement irakien a voté."], ["AA / TRT FR", "Partager cet article? https://turquie2023.com/x"]),
      error: fr`13:1: error: « AA / TRT FR » nomme plusieurs agences sur une ligne : dans la dépêche, mettez un code par ligne (AA, puis TRT FR)\n`,
    },
    {
      name: "two codes on one line, above a known one",
      data: wireText("L’Irak vote", ["Le Parlement irakien a voté."], ["aa, trt fr", "AA"]),
      error: fr`13:1: error: « aa, trt fr » nomme plusieurs agences sur une ligne : dans la dépêche, mettez un code par ligne (AA, puis TRT FR)\n`,
    },
    { name: "a binary file", data: Uint8Array.of(0x49, 0x72, 0x61, 0x6b, 0x00, 0x0a), error: "1:5: error: le fichier contient un octet NUL" },
  ];
  for (const c of bad) {
    it(`for ${c.name}`, async () => {
      archive = makeArchive();
      const path = wire("bad.txt", c.data);
      const r = await importCli(path, "--date", "2021-12-09");
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${shown(path)}:${c.error}`);
      expect(articleFiles()).toEqual([]);
    });
  }

  it("for a file that doesn't exist", async () => {
    archive = makeArchive();
    const r = await importCli(join(archive.root, "absente.txt"), "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${shown(join(archive.root, "absente.txt"))}:1:1: error: impossible de lire le fichier (fichier ou dossier introuvable)`);
  });

  it("when the registries are broken", async () => {
    archive = makeArchive({ "sources.yaml": "- code: AA\n" });
    const r = await importCli(seedPath, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${archive.display("sources.yaml")}:1:3: error:`);
    expect(r.stderr).toContain("rien n’a été écrit");
    expect(articleFiles()).toEqual([]);
  });
});

describe("depeche import writes nothing outside the content folder", () => {
  it("refuses a year folder that is a symbolic link, and writes nothing where it leads", async () => {
    archive = makeArchive();
    const outside = join(archive.root, "elsewhere");
    mkdirSync(outside);
    symlinkSync(outside, join(archive.dir, "articles/2021"));
    const r = await importCli(seedPath, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      fr`${archive.display("articles/2021")}:1:1: error: les liens symboliques ne sont pas suivis : mettez le dossier lui-même dans le dossier du contenu\n`,
    );
    expect(r.stderr).toContain("rien n’a été écrit");
    expect(readdirSync(outside)).toEqual([]);
  });

  it("stops with one line when the article can't be written, leaving no part of it (through bin/depeche.js)", () => {
    archive = makeArchive();
    const month = join(archive.dir, "articles/2021/12");
    mkdirSync(month, { recursive: true });
    chmodSync(month, 0o555);
    const second = wire("autre.txt", wireText("Le Parlement irakien vote le budget", ["Le Parlement irakien a voté le budget de l’Irak."], ["AA"]));
    const r = depecheUnprivileged(archive, ["import", seedPath, second, "--date", "2021-12-09", "--content", archive.dir]);
    chmodSync(month, 0o755);
    expect(r.stderr).toBe(
      fr`depeche import: error: impossible d’écrire ${archive.display(SEED_FILE)} : permission refusée ; rien n’a été écrit (0 article importé avant, 1 fichier restant)\n`,
    );
    expect(r.status).toBe(1);
    expect(readdirSync(month)).toEqual([]);
  });
});

describe("depeche import, other cases", () => {
  it("reads a file that is not UTF-8 as Windows-1252, with a warning", async () => {
    archive = makeArchive();
    const text = wireText(
      "L’État irakien et le cœur du « dossier »",
      ["Le budget coûte 3 000 € … selon l’Irak."],
      ["AA", "Partager cet article? https://turquie2023.com/cp1252"],
    );
    const path = wire("latin.txt", encodeWindows1252(text));
    const r = await importCli(path, "--date", "2021-12-09");
    expect(r.status).toBe(0);
    // At the first byte that is no UTF-8: the ’ of the title.
    expect(r.stderr).toContain(fr`${shown(path)}:1:2: warning: pas en UTF-8 : lu en Windows-1252`);
    expect(r.stdout).toContain("1 avertissement");
    const result = await loadContent({ contentDir: archive.dir });
    expect(result.diagnostics).toEqual([]);
    expect(result.content?.articles[0]?.title).toBe("L’État irakien et le cœur du « dossier »");
    expect(result.content?.articles[0]?.body.trim()).toBe("Le budget coûte 3 000 € … selon l’Irak.");
  });

  it("gives another dispatch with the same headline that day its own slug", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-premiere.md", { title: "L’Irak vote", extra: "shortLink: https://turquie2023.com/first" });
    const path = wire("second.txt", wireText("L’Irak vote", ["Une autre dépêche."], ["AA", "Partager cet article? https://turquie2023.com/second"]));
    const r = await importCli(path, "--date", "2021-12-09");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(archive.display("articles/2021/12/09-l-irak-vote-2.md"));
    expect(r.stderr).toContain(
      fr`warning: /2021/12/09/l-irak-vote/ est déjà ${archive.display("articles/2021/12/09-premiere.md")}, une autre dépêche du même titre ce jour-là : celle-ci reçoit le slug l-irak-vote-2`,
    );
    expect(await checkErrors()).toEqual([]);
  });

  it("restores a published article whose file was removed: the same dispatch at its published URL, said in a warning, and check is clean", async () => {
    archive = makeArchive();
    expect((await importCli(seedPath, "--date", "2021-12-09")).status).toBe(0);
    const [written] = articleFiles();
    const url = `/2021/12/09/${written!.replace(/^2021\/12\/09-|\.md$/g, "")}/`;
    archive.write("urls.txt", `# publiées\n${url}\n`);
    const file = join(archive.dir, "articles", written!);
    const before = readFileSync(file, "utf8");
    rmSync(file);
    expect((await checkErrors())[0]).toContain(fr`${url} a été publiée, mais aucun article n’a plus cette adresse`);
    const r = await importCli(seedPath, "--date", "2021-12-09");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      fr`${shown(seedPath)}:1:1: warning: ${url} a été publiée (${archive.display("urls.txt")}:2) et aucun article ne la portait plus : cette dépêche, du même titre ce jour-là, y remet l’article publié ; si c’en est une autre, supprimez le fichier écrit et changez sa ligne de titre`,
    );
    expect(articleFiles()).toEqual([written]);
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(await checkErrors()).toEqual([]);
  });

  it("restores a published twin at its own slug, not the next one free", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-premiere.md", { title: "L’Irak vote", extra: "shortLink: https://turquie2023.com/first" });
    archive.write("urls.txt", "/2021/12/09/l-irak-vote/\n/2021/12/09/l-irak-vote-2/\n");
    const path = wire("second.txt", wireText("L’Irak vote", ["Une autre dépêche."], ["AA", "Partager cet article? https://turquie2023.com/second"]));
    const r = await importCli(path, "--date", "2021-12-09");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(archive.display("articles/2021/12/09-l-irak-vote-2.md"));
    expect(r.stderr).toContain(fr`warning: /2021/12/09/l-irak-vote-2/ a été publiée (${archive.display("urls.txt")}:2) et aucun article ne la portait plus`);
    expect(await checkErrors()).toEqual([]);
  });

  it("never takes the URL of a draft still being written, nor an old URL", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-brouillon.md", { title: "L’Irak vote", body: "Écrivez ici le texte de l’article.", extra: "draft: true" });
    archive.article("2021/12/10-renomme.md", { title: "Nouveau titre", date: "2021-12-10", extra: "aliases: [/2021/12/09/l-irak-compte/]" });
    const draftUrl = wire("a.txt", wireText("L’Irak vote", ["Texte."]));
    const alias = wire("b.txt", wireText("L’Irak compte", ["Texte."], ["AA"]));
    const free = wire("c.txt", wireText("L’Irak dit", ["Texte."], ["AA"]));
    const r = await importCli(draftUrl, alias, free, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `${shown(draftUrl)}:1:1: error: même adresse /2021/12/09/l-irak-vote/ que ${archive.display("articles/2021/12/09-brouillon.md")}`,
    );
    expect(r.stderr).toContain(
      `${shown(alias)}:1:1: error: /2021/12/09/l-irak-compte/ est une ancienne adresse (alias) de ${archive.display("articles/2021/12/10-renomme.md")}`,
    );
    expect(r.stdout).toContain(archive.display("articles/2021/12/09-l-irak-dit.md"));
  });

  it("goes on after a bad file, reports each, and exits 1 (through bin/depeche.js)", async () => {
    archive = makeArchive();
    const files = [
      wire("1.txt", wireText("L’Irak vote", ["Texte un."], ["AA", "Partager cet article? https://turquie2023.com/one"])),
      wire("2.txt", ""),
      wire("3.txt", wireText("L’Iran vote", ["Texte trois, en Irak."], ["TRT FR", "Partager cet article? https://turquie2023.com/three"])),
    ];
    const r = depeche("import", ...files, "--date", "2021-12-09", "--content", "content");
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split("\n")).toEqual([
      fr`content/articles/2021/12/09-l-irak-vote.md (sujets suggérés : Irak)`,
      fr`content/articles/2021/12/09-l-iran-vote.md (sujets suggérés : Irak)`,
    ]);
    expect(r.stderr).toMatch(
      /^wire\/2\.txt:1:1: error: le fichier est vide.*\ndepeche import: 2 articles écrits, 1 fichier refusé, 0 avertissement \(\d+,\d\d s\)\u202f; rien n’a été écrit pour les fichiers refusés\n$/,
    );
    expect(await checkErrors()).toEqual([]);
  });

  it("writes a time the clocks show twice with the offset of the one it takes, and says so once", async () => {
    archive = makeArchive();
    const one = wire("1.txt", wireText("L’Irak vote", ["Texte un."], ["AA"]));
    const two = wire("2.txt", wireText("L’Irak compte", ["Texte deux."], ["AA"]));
    const r = await importCli(one, two, "--date", "2026-10-25T02:30");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      fr`depeche import: --date 2026-10-25T02:30 : les horloges affichent deux fois 02:30 à Paris le 25 octobre 2026 (retour à l’heure d’hiver) ; Dépêche retient la seconde et écrit 2026-10-25T02:30+01:00 ; pour la première, donnez --date 2026-10-25T02:30+02:00\n`,
    );
    for (const file of articleFiles()) expect(readFileSync(join(archive.dir, "articles", file), "utf8")).toContain("\ndate: 2026-10-25T02:30+01:00\n");
    const result = await loadContent({ contentDir: archive.dir });
    expect(result.diagnostics).toEqual([]);
  });

  it("counts in its summary the warnings of refused files too, as many as it printed", async () => {
    archive = makeArchive();
    const ok = wire("ok.txt", wireText("L’Irak vote", ["Texte un."], ["AA"]));
    // Read as Windows-1252 (a warning), then refused: no topic is named.
    const refused = wire("refused.txt", encodeWindows1252(wireText("Le vote à Lima", ["Texte sans sujet."], ["AA"])));
    const r = await importCli(ok, refused, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr.match(/: warning: /g)).toHaveLength(1);
    expect(r.stderr).toContain(fr`${shown(refused)}:1:9: warning: pas en UTF-8`);
    expect(r.stderr).toMatch(/depeche import: 1 article écrit, 1 fichier refusé, 1 avertissement \(/);
  });

  it("imports the .txt files of a folder (.TXT too), in name order, and names what it leaves aside", async () => {
    archive = makeArchive();
    wire("b.TXT", wireText("L’Irak compte", ["Texte."], ["AA"]));
    wire("a.txt", wireText("L’Irak vote", ["Texte."], ["AA"]));
    wire("notes.md", "pas une dépêche");
    wire("2021/c.txt", wireText("L’Irak décide", ["Texte."], ["AA"]));
    const folder = join(archive.root, "wire");
    const r = await importCli(folder, "--date", "2021-12-09");
    expect(r.status).toBe(0);
    expect(
      r.stdout
        .split("\n")
        .slice(0, 2)
        .map((l) => l.split(" ")[0]),
    ).toEqual([archive.display("articles/2021/12/09-l-irak-vote.md"), archive.display("articles/2021/12/09-l-irak-compte.md")]);
    expect(r.stderr).toContain(
      fr`${shown(folder)}:1:1: warning: laissés de côté : 2021/ et notes.md ; d’un dossier, import lit les fichiers .txt, pas ses sous-dossiers`,
    );
    expect(r.stdout).toMatch(/depeche import: 2 articles écrits, 0 fichier refusé, 1 avertissement \(/);
  });

  it.skipIf(process.platform === "win32")(
    "refuses up front, each in the one run, a file over the limit, a FIFO, a symbolic link to /dev/zero and a 3 GB file, and imports the folder's others",
    async () => {
      archive = makeArchive();
      wire("a.txt", wireText("L’Irak vote", ["Texte."], ["AA"]));
      const folder = join(archive.root, "wire");
      execFileSync("mkfifo", [join(folder, "b.txt")]);
      symlinkSync("/dev/zero", join(folder, "c.txt"));
      wire("d.txt", wireText("L’Irak compte", ["Texte. ".repeat(200_000)], ["AA"]));
      wire("e.txt", "");
      truncateSync(join(folder, "e.txt"), 3 * 1024 ** 3);
      const r = await importCli(folder, "--date", "2021-12-09");
      expect(r.status).toBe(1);
      expect(r.stdout.split(" ")[0]).toBe(archive.display("articles/2021/12/09-l-irak-vote.md"));
      const errors = r.stderr.split("\n").filter((l) => l.includes(": error: "));
      expect(errors).toEqual([
        fr`${shown(join(folder, "b.txt"))}:1:1: error: impossible de lire le fichier : ce n’est pas un fichier ordinaire (un tube, un périphérique, une socket) ; mettez à cette place le fichier lui-même`,
        fr`${shown(join(folder, "c.txt"))}:1:1: error: c’est un lien symbolique, que depeche import ne suit pas : indiquez le fichier de la dépêche lui-même`,
        fr`${shown(join(folder, "d.txt"))}:1:1: error: le fichier fait 1,4 Mo ; la limite est de 1 Mo : est-ce le bon fichier ? Une dépêche tient en quelques Ko de texte ; importez-la seule, sans ce qui l’entoure`,
        fr`${shown(join(folder, "e.txt"))}:1:1: error: le fichier fait 3${"\u202f"}072 Mo ; la limite est de 1 Mo : est-ce le bon fichier ? Une dépêche tient en quelques Ko de texte ; importez-la seule, sans ce qui l’entoure`,
      ]);
      expect(r.stderr).toMatch(/1 article écrit, 4 fichiers refusés/);
      expect(articleFiles()).toEqual(["2021/12/09-l-irak-vote.md"]);
    },
  );

  it("refuses a symbolic link to a folder, with or without its slash, as it refuses one to a file, and imports nothing through it", async () => {
    archive = makeArchive();
    wire("a.txt", wireText("L’Irak vote", ["Texte."], ["AA"]));
    const link = join(archive.root, "lien");
    symlinkSync(join(archive.root, "wire"), link);
    for (const given of [link, `${link}/`]) {
      const r = await importCli(given, "--date", "2021-12-09");
      expect(r.status).toBe(1);
      expect(r.stderr.split("\n").filter((l) => l.includes(": error: "))).toEqual([
        fr`${shown(given)}:1:1: error: c’est un lien symbolique vers un dossier, que depeche import ne suit pas : indiquez le dossier lui-même`,
      ]);
      expect(articleFiles()).toEqual([]);
    }
  });

  it("refuses a folder without wire copy, with exit 1", async () => {
    archive = makeArchive();
    wire("notes.md", "pas une dépêche");
    const folder = join(archive.root, "wire");
    const r = await importCli(folder, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(fr`${shown(folder)}:1:1: error: aucun fichier .txt dans ce dossier : vérifiez le chemin`);
  });

  it("refuses two dispatches in one file, at the first one's end, and writes nothing", async () => {
    archive = makeArchive();
    const first = wireText("L’Irak vote", ["Texte."], ["AA", "Partager cet article? https://turquie2023.com/un"]);
    const second = wireText("L’Irak compte", ["Texte."], ["AA", "Partager cet article? https://turquie2023.com/deux"]);
    const path = wire("deux.txt", `${first}\n\n${second}`);
    const r = await importCli(path, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(fr`${shown(path)}:13:1: error: « AA » est une ligne de source au milieu du texte`);
    expect(existsSync(join(archive.dir, "articles/2021"))).toBe(false);
  });

  it("keeps unrecognised end lines in the body and says so", async () => {
    archive = makeArchive();
    const path = wire("footer.txt", wireText("L’Irak vote", ["Texte."], ["AA", "Partager cet article? https://turquie2023.com/f", "© Anadolu"]));
    const r = await importCli(path, "--date", "2021-12-09");
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(fr`${shown(path)}:17:1: warning: gardé à la fin du texte, ni ligne de source ni ligne de partage : « © Anadolu »`);
    const result = await loadContent({ contentDir: archive.dir });
    expect(result.content?.articles[0]?.body).toBe("Texte.\n\n© Anadolu\n");
  });

  it.each([
    { args: [] as string[], message: "nommez les dépêches à importer" },
    { args: ["x.txt", "--date", "2021-13-01"], message: fr`« --date » : il n’y a pas de mois 13` },
    {
      args: ["x.txt", "--date", "2021-12-09T10:00:00+99:00"],
      message: fr`« --date » : le décalage horaire +99:00 n’existe pas ; écrivez-en un de -12:00 à +14:00`,
    },
    {
      args: ["x.txt", "--date", "2021-12-09", "--topics", "Irack"],
      message: fr`sujet inconnu « Irack » dans --topics (vouliez-vous dire « Irak » ?) : donnez des entrées de topics.yaml, ou ajoutez-y ce sujet`,
    },
    { args: ["x.txt", "--date", "demain"], message: fr`--date « demain » n’est pas une date : écrivez 2021-12-09, 2021-12-09T15:10:00 (heure de Paris) ou` },
    { args: ["x.txt", "--topics", " , "], message: "--topics est vide" },
  ])("exits 2 on a usage mistake: $message", async ({ args, message }) => {
    archive = makeArchive();
    const r = await importCli(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("exits 2 on an unknown option (through bin/depeche.js)", () => {
    archive = makeArchive();
    const r = depeche("import", "x.txt", "--dat", "2021-12-09");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(fr`option inconnue « --dat »`);
  });
});

describe("depeche import points at the line at fault", () => {
  it("a short link already in the archive, at the share line", async () => {
    archive = makeArchive();
    archive.article("ancien.md", { title: "Un autre titre", extra: "shortLink: https://turquie2023.com/Ivo58D" });
    const r = await importCli(seedPath, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `${shown(seedPath)}:31:1: error: le lien court https://turquie2023.com/Ivo58D est déjà celui de ${archive.display("articles/ancien.md")}`,
    );
  });

  it("the same copy imported twice, at its share line", async () => {
    archive = makeArchive();
    const path = wire("a.txt", wireText("L’Irak vote", ["Texte."], ["AA", "Partager cet article? https://turquie2023.com/deux"]));
    expect((await importCli(path, "--date", "2021-12-09")).status).toBe(0);
    const again = wire("b.txt", wireText("L’Irak compte", ["Texte."], ["AA", "Partager cet article? https://turquie2023.com/deux"]));
    const r = await importCli(again, "--date", "2021-12-10");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${shown(again)}:15:1: error: le lien court https://turquie2023.com/deux est déjà celui de`);
  });

  it("an agency sources.yaml doesn't know, named, with the known ones and how to add it", async () => {
    archive = makeArchive();
    const path = wire("reuters.txt", wireText("L’Irak vote", ["Le Parlement irakien a voté."], ["Reuters", "Partager cet article? https://turquie2023.com/r"]));
    const r = await importCli(path, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      fr`${shown(path)}:13:1: error: agence inconnue « Reuters » : la dépêche n’a pas d’autre ligne de source, et sources.yaml ne connaît que AA et TRT FR ; pour une autre agence, ajoutez-la à sources.yaml (- code: Reuters, puis name et url en retrait)\n`,
    );
    expect(articleFiles()).toEqual([]);
  });

  it("an agency sources.yaml doesn't know above a known one: refused, not kept as the last paragraph", async () => {
    archive = makeArchive();
    const path = wire(
      "name.txt",
      wireText("L’Irak vote", ["Le Parlement irakien a voté."], ["Anadolu Ajansı", "TRT FR", "Partager cet article? https://turquie2023.com/Name01"]),
    );
    const r = await importCli(path, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      fr`${shown(path)}:13:1: error: agence inconnue « Anadolu Ajansı » au-dessus des lignes de source : sources.yaml ne connaît que AA et TRT FR ; dans la dépêche, remplacez la ligne par le code de l’agence, ou ajoutez l’agence à sources.yaml ; si c’est la fin du texte, finissez-la par un point\n`,
    );
    expect(articleFiles()).toEqual([]);
  });

  it("several unknown agencies, at the first of them; a code typed short gets a suggestion", async () => {
    archive = makeArchive();
    const two = wire("a.txt", wireText("L’Irak vote", ["Texte."], ["Reuters", "AFP"]));
    const short = wire("b.txt", wireText("L’Irak compte", ["Texte."], ["  TRT"]));
    const r = await importCli(two, short, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(fr`${shown(two)}:13:1: error: agences inconnues « Reuters » et « AFP » : la dépêche n’a pas d’autre ligne de source`);
    expect(r.stderr).toContain(fr`${shown(short)}:13:3: error: agence inconnue « TRT » (vouliez-vous dire « TRT FR » ?) :`);
  });

  it("a control character in the text, at its line and column in the copy, markdown escapes aside", async () => {
    archive = makeArchive();
    const path = wire("bel.txt", wireText("L’Irak vote", ["Un premier paragraphe.", "  Le *budget* [voté]\u0007 hier."], ["AA"]));
    const r = await importCli(path, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(fr`${shown(path)}:9:21: error: l’article ne serait pas valide : le texte contient ici le caractère de contrôle U+0007`);
  });

  it("a control character in the title, at its column", async () => {
    archive = makeArchive();
    const path = wire("bel.txt", wireText('L’Irak "vote"\u0007 le budget', ["Texte."], ["AA"]));
    const r = await importCli(path, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(fr`${shown(path)}:1:14: error: l’article ne serait pas valide : « title » contient ici le caractère de contrôle U+0007`);
  });

  it("a Windows-1252 file, at its first byte that is no UTF-8", async () => {
    archive = makeArchive();
    const path = wire("latin.txt", encodeWindows1252("L'Irak vote\r\n\r\nLe budget coûte 3 000 €.\r\n\r\nAA\r\n"));
    const r = await importCli(path, "--date", "2021-12-09");
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(fr`${shown(path)}:3:13: warning: pas en UTF-8 : lu en Windows-1252`);
  });

  it("a NUL byte, at its line and column", async () => {
    archive = makeArchive();
    const path = wire("nul.txt", "Titre\n\nTex\0te.\n\nAA\n");
    const r = await importCli(path, "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${shown(path)}:3:4: error: le fichier contient un octet NUL`);
  });
});

describe("depeche import, the generated wire corpus", () => {
  it.skipIf(!existsSync(generator))("imports 1,000 wire texts with no failure, and they check clean (needs ../shared/corpus, which CI has)", async () => {
    archive = makeArchive({ "topics.yaml": SAMPLE_TOPICS_YAML });
    const dir = mkdtempSync(join(tmpdir(), "depeche-wire-"));
    try {
      execFileSync(process.execPath, [generator, "--format", "wire", "--count", "1000", "--out", dir], { stdio: "ignore" });
      const r = depeche("import", dir, "--date", "2024-05-01", "--content", "content");
      expect(r.stderr.split("\n").filter((l) => l.includes(": error: "))).toEqual([]);
      expect(r.status).toBe(0);
      const lines = r.stdout.trim().split("\n");
      expect(lines).toHaveLength(1001);
      expect(lines.at(-1)).toMatch(/^depeche import: 1\u202f000 articles écrits, 0 fichier refusé, \d+ avertissements?/);
      const result = await loadContent({ contentDir: archive.dir });
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(result.content?.articles).toHaveLength(1000);
      expect(result.content?.articles.every((a) => a.shortLink && a.sources.length > 0 && a.topics.length > 0 && a.topics.length <= 4)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Windows-1252 written out by hand: Latin-1 plus the few characters it puts in 0x80–0x9F.
function encodeWindows1252(text: string): Uint8Array {
  const high: Record<string, number> = { "€": 0x80, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96, "—": 0x97, œ: 0x9c, Œ: 0x8c };
  return Uint8Array.from([...text], (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
    if (high[c] === undefined) throw new Error(`not in Windows-1252: ${c}`);
    return high[c];
  });
}
