import { chmodSync, existsSync, mkdtempSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";
import { depecheUnprivileged } from "../helpers/unprivileged.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());
const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("front matter never runs code", () => {
  it.each(["js", "javascript", "JS", "coffee", "json", "toml"])("refuses ---%s and writes nothing", async (engine) => {
    archive = makeArchive();
    const marker = join(archive.root, `pwned-${engine}`);
    archive.article("a.md", `---${engine}\n{ title: require("fs").writeFileSync(${JSON.stringify(marker)}, "x") || "t" }\n---\nTexte.\n`);
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(existsSync(marker)).toBe(false);
    expect(result.content).toBeUndefined();
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      fr`${archive.display("articles/a.md")}:1:1: error: l’en-tête doit être en YAML, pas en « ${engine} » : remplacez la première ligne « ---${engine} » par « --- » (le code d’un en-tête n’est jamais exécuté)`,
    ]);
  });

  it("refuses YAML tags, aliases and merge keys", async () => {
    archive = makeArchive();
    archive.article("tag.md", articleText({ extra: "summary: !!js/function 'function () { return 1 }'" }));
    archive.article("alias.md", articleText({ title: "Alias", extra: 'summary: &a "x"\nslug: *a' }));
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    const lines = result.diagnostics.map(formatDiagnostic);
    expect(lines.some((l) => l.startsWith(`${archive.display("articles/alias.md")}:7:7: error: les alias YAML (*a) ne sont pas permis`))).toBe(true);
    expect(lines).toContain(
      fr`${archive.display("articles/tag.md")}:6:10: error: « summary » porte l’étiquette YAML « !!js/function », que l’archive ne lit pas : écrivez le texte seul, entre guillemets doubles, par exemple ${'summary: "function () { return 1 }"'}`,
    );
  });

  it("refuses a list as a key, as an unknown key at its line, with no warning of Node's own", async () => {
    archive = makeArchive();
    archive.article("cle.md", articleText({ extra: "? [a, b]\n: c" }));
    const warnings: string[] = [];
    const listen = (warning: Error): void => void warnings.push(warning.message);
    process.on("warning", listen);
    try {
      const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
      await new Promise((resolve) => setImmediate(resolve));
      expect(result.diagnostics.map(formatDiagnostic)).toEqual([
        fr`${archive.display("articles/cle.md")}:6:3: error: clé inconnue « a,b » ; les clés sont title, date, sources, topics, shortLink, summary, updated, slug, draft, aliases, image`,
      ]);
      expect(warnings).toEqual([]);
    } finally {
      process.off("warning", listen);
    }
  });
});

describe("text is read as the editor meant it", () => {
  it("normalises decomposed accents to NFC: same title, same slug", async () => {
    archive = makeArchive();
    archive.article("nfd.md", articleText({ title: "Le de\u0301fi de l’e\u0301te\u0301" }));
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.content?.articles[0]?.title).toBe("Le défi de l’été");
    expect(result.content?.articles[0]?.url).toBe("/2021/12/09/le-defi-de-l-ete/");
  });

  it("accepts CRLF line endings with a BOM and points at the right lines", async () => {
    archive = makeArchive();
    archive.write("articles/crlf.md", `\uFEFF${articleText({ topics: "[Irack]" }).replace(/\n/g, "\r\n")}`);
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      fr`${archive.display("articles/crlf.md")}:5:10: error: sujet inconnu « Irack » (vouliez-vous dire « Irak » ?) : utilisez une entrée de topics.yaml, ou ajoutez-la`,
    ]);
  });

  it("refuses a NUL byte and does not follow symbolic links", async () => {
    const { symlinkSync, writeFileSync } = await import("node:fs");
    archive = makeArchive();
    archive.write("articles/nul.md", articleText().replace("Le gouvernement", "Le\0gouvernement"));
    const outside = join(archive.root, "outside.md");
    writeFileSync(outside, articleText({ title: "Dehors" }));
    symlinkSync(outside, join(archive.dir, "articles/link.md"));
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      fr`${archive.display("articles/link.md")}:1:1: error: les liens symboliques ne sont pas suivis : mettez l’article lui-même dans le dossier du contenu`,
      fr`${archive.display("articles/nul.md")}:7:3: error: le fichier contient un octet NUL : il est binaire ou abîmé ; réenregistrez-le en texte UTF-8`,
    ]);
  });

  it("names a missing registry", async () => {
    archive = makeArchive();
    rmSync(join(archive.dir, "sources.yaml"));
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      fr`${archive.display("sources.yaml")}:1:1: error: sources.yaml manque : toute archive a besoin de site.yaml, topics.yaml et sources.yaml dans son dossier du contenu (--content est-il le bon dossier ?)`,
      fr`${archive.display("sources.yaml")}:1:1: warning: tant que sources.yaml ne se lit pas jusqu’au bout, ses autres règles (entrées en double…), les « sources » des articles et les liens vers ses pages ne sont pas vérifiés : ils le seront une fois les erreurs de ce fichier corrigées`,
    ]);
  });
});

describe("a registry with errors hides no error of the articles that does not depend on it", () => {
  const TOPICS = "- slug: irak\n  label: Irak\n- slug: irak\n  label: Irak bis\n- slug: defense\n  label: Défense\n- slug: syrie\n  label: Syrie\n";
  const articles = (a: TestArchive): void => {
    a.article("2021/12/09-decale.md", { title: "Décalé", date: "2021-12-09T10:00:00+25:00" });
    a.article("2021/12/09-mise-a-jour.md", { title: "Mise à jour", extra: "updated: 2021-12-08" });
    a.article("2021/12/09-un.md", { title: "Un", topics: "[Irack]", extra: "shortLink: https://turquie2023.com/Ivo58D" });
    a.article("2021/12/09-deux.md", { title: "Deux", extra: "shortLink: https://turquie2023.com/Ivo58D" });
  };
  const said = async (a: TestArchive): Promise<string[]> => {
    const result = await loadContent({ contentDir: a.dir, nowMs: NOW });
    expect(result.content).toBeUndefined();
    return result.diagnostics.map((d) => `${d.severity} ${d.file.split("/").pop()}:${d.line}: ${d.message.split(/\u00a0: | \(/)[0]}`);
  };

  it("tells a registry's errors together with the articles' own, and the articles' topics when topics.yaml reads", async () => {
    archive = makeArchive({ "topics.yaml": TOPICS });
    articles(archive);
    expect(await said(archive)).toEqual([
      fr`error 09-decale.md:3: « date »`,
      fr`error 09-mise-a-jour.md:6: « updated »`,
      fr`error 09-un.md:5: sujet inconnu « Irack »`,
      fr`error 09-un.md:6: le lien court https://turquie2023.com/Ivo58D est déjà celui de ${archive.display("articles/2021/12/09-deux.md")}`,
      fr`error topics.yaml:3: le slug de sujet « irak » est déjà celui du sujet de la ligne 1`,
    ]);
  });

  it("holds back the articles' topics, and says so, when topics.yaml can't be read, and tells the rest", async () => {
    archive = makeArchive({ "topics.yaml": TOPICS.replace("label: Syrie", "label: Syrie : pays") });
    articles(archive);
    expect(await said(archive)).toEqual([
      fr`error 09-decale.md:3: « date »`,
      fr`error 09-mise-a-jour.md:6: « updated »`,
      fr`error 09-un.md:6: le lien court https://turquie2023.com/Ivo58D est déjà celui de ${archive.display("articles/2021/12/09-deux.md")}`,
      fr`warning topics.yaml:1: tant que topics.yaml ne se lit pas jusqu’au bout, ses autres règles`,
      fr`error topics.yaml:8: la valeur de « label » contient « : » suivi d’une espace, que YAML lit comme une nouvelle clé`,
    ]);
  });

  it("checks the articles' links in the same run, but those to the pages of a registry that can't be read", async () => {
    const links = (a: TestArchive): void => {
      a.article("2021/12/09-liens.md", { title: "Liens", body: "Voir [ici](/2021/12/01/nulle-part/), [l’Irak](/sujets/irak/) et [AA](/sources/aa/)." });
    };
    archive = makeArchive({ "topics.yaml": TOPICS.replace("label: Syrie", "label: Syrie : pays") });
    links(archive);
    const unread = (await said(archive)).filter((line) => line.startsWith("error 09-liens"));
    expect(unread).toEqual([fr`error 09-liens.md:7: lien vers /2021/12/01/nulle-part/, une page que le site n’a pas`]);
    archive.remove();
    // topics.yaml read through (a duplicate in it): its pages are known, a link to one it lacks is told.
    archive = makeArchive({ "topics.yaml": TOPICS });
    archive.article("2021/12/09-liens.md", { title: "Liens", body: "Voir [ici](/2021/12/01/nulle-part/) et [le Liban](/sujets/liban/)." });
    const read = (await said(archive)).filter((line) => line.startsWith("error 09-liens"));
    expect(read).toEqual([
      fr`error 09-liens.md:7: lien vers /2021/12/01/nulle-part/, une page que le site n’a pas`,
      fr`error 09-liens.md:7: lien vers /sujets/liban/, une page que le site n’a pas`,
    ]);
  });

  it("holds back the articles, and says so, while site.yaml is not valid", async () => {
    archive = makeArchive({ "site.yaml": "title: Archives\nbaseUrl: https://archives.example.org\nlocale: fr\ntimezone: Europe/Pariss\n" });
    articles(archive);
    expect((await said(archive)).map((line) => line.split(":")[0])).toEqual(["warning site.yaml", "error site.yaml"]);
  });
});

describe("nothing in the content folder is read through a symbolic link", () => {
  it.each([
    ["articles", "le dossier des articles"],
    ["site.yaml", "le fichier"],
    ["topics.yaml", "le fichier"],
    ["sources.yaml", "le fichier"],
    ["urls.txt", "le fichier"],
  ])("refuses a linked %s at its path", async (name, what) => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    archive.write("urls.txt", "/2021/12/09/un/\n");
    // The link leads to a copy that would pass: only the link itself is wrong.
    const outside = join(archive.root, `outside-${name}`);
    renameSync(join(archive.dir, name), outside);
    symlinkSync(outside, join(archive.dir, name));
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.content).toBeUndefined();
    // A registry not read also says what waits for it (a warning).
    expect(result.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic)).toEqual([
      fr`${archive.display(name)}:1:1: error: les liens symboliques ne sont pas suivis : mettez ${what} lui-même dans le dossier du contenu`,
    ]);
  });
});

describe("no article is left out unseen", () => {
  it("warns of each file in articles/ that is not a .md article, and not of what systems and editors leave", async () => {
    archive = makeArchive();
    archive.article("2021/a.md", { title: "Un" });
    for (const name of ["b.MD", "c.markdown", "d.txt", "e.md.bak", ".DS_Store", ".a.md.swp", "a.md~", "#a.md#", "Thumbs.db", ".cache/x.md"])
      archive.article(`2021/${name}`, articleText({ title: name }));
    // Emacs's lock while an article is edited: a symbolic link to nowhere, named like an article.
    symlinkSync("redaction@poste.12345:1700000000", join(archive.dir, "articles/2021/.#a.md"));
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.content?.articles.map((a) => a.title)).toEqual(["Un"]);
    const warning = fr`warning: pas un article, donc laissé hors du site : les articles sont des fichiers .md (en minuscules) ; renommez-le si c’en est un, ou sortez-le du dossier des articles`;
    expect(result.diagnostics.map(formatDiagnostic)).toEqual(
      ["b.MD", "c.markdown", "d.txt", "e.md.bak"].map((name) => `${archive.display(`articles/2021/${name}`)}:1:1: ${warning}`),
    );
  });

  it("fails on a folder of articles that can't be read, at its path (through bin/depeche.js)", () => {
    archive = makeArchive();
    archive.article("2021/12/09-un.md", { title: "Un" });
    archive.article("2022/01/01-deux.md", { title: "Deux", date: "2022-01-01" });
    chmodSync(join(archive.dir, "articles/2022"), 0o000);
    const r = depecheUnprivileged(archive, ["check", "--content", archive.dir]);
    chmodSync(join(archive.dir, "articles/2022"), 0o755);
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n").filter((l) => l.includes(": error: "))).toEqual([
      fr`${archive.display("articles/2022")}:1:1: error: impossible de lire le dossier (permission refusée) : ses articles seraient laissés hors du site ; vérifiez ses droits d’accès`,
    ]);
  });
});

const shared = resolve(import.meta.dirname, "../../../shared");
describe("the shared corpus", () => {
  it.skipIf(!existsSync(join(shared, "corpus/generate.mjs")))("checks clean at 1,000 articles (needs ../shared, which CI has)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "depeche-corpus-"));
    try {
      execFileSync(process.execPath, [join(shared, "corpus/generate.mjs"), "--count", "1000", "--out", dir], { stdio: "ignore" });
      const result = await loadContent({ contentDir: dir, nowMs: Date.parse("2030-01-01T00:00:00Z") });
      expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
      expect(result.content?.articles).toHaveLength(1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("validation on two threads", () => {
  it("gives the same articles and errors as one thread, linked to the same registry entries", async () => {
    archive = makeArchive();
    for (let i = 0; i < 30; i++)
      archive.article(`2021/${String(i).padStart(2, "0")}.md`, {
        title: `Dépêche ${i}`,
        date: `2021-12-${String(1 + (i % 28)).padStart(2, "0")}`,
        topics: i % 2 ? "[Irak]" : "[Économie, Défense]",
      });
    archive.article("2021/bad.md", { topics: "[Irack]" });
    const one = await loadContent({ contentDir: archive.dir, nowMs: NOW, helperThread: false });
    const two = await loadContent({ contentDir: archive.dir, nowMs: NOW, helperThread: true });
    expect(two.diagnostics).toEqual(one.diagnostics);
    archive.write("articles/2021/bad.md", articleText({ title: "Réparée", topics: "[Irak]" }));
    const fixed = await loadContent({ contentDir: archive.dir, nowMs: NOW, helperThread: true });
    const single = await loadContent({ contentDir: archive.dir, nowMs: NOW, helperThread: false });
    expect(fixed.content?.articles.map((a) => a.url)).toEqual(single.content?.articles.map((a) => a.url));
    const topics = fixed.content!.topics;
    for (const article of fixed.content!.articles) for (const topic of article.topics) expect(topics).toContain(topic);
  });
});
