import { spawnSync } from "node:child_process";
import { truncateSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { articleText, makeArchive, SITE_YAML, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

const NOW = Date.parse("2026-01-01T00:00:00Z");
const KB = 1024;

async function errorsOf(a: TestArchive): Promise<string[]> {
  const result = await loadContent({ contentDir: a.dir, nowMs: NOW });
  // Each registry with errors also warns of what waits for it (tests/content/loading.test.ts): left out here.
  return result.diagnostics.filter((d) => d.kind !== "registryHolds").map(formatDiagnostic);
}

describe("files past their size limit are refused, whole, with the limit in the message", () => {
  it("an article, measured before it is read (a sparse file of 100 MB)", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    truncateSync(archive.article("big.md", { title: "Deux" }), 100 * 1024 * KB);
    expect(await errorsOf(archive)).toEqual([
      fr`${archive.display("articles/big.md")}:1:1: error: le fichier fait 100 Mo ; la limite est de 16 Mo : un article est du texte ; découpez-le, ou retirez ce qui n’en est pas (données collées, images en texte)`,
    ]);
  });

  it("a front matter of 70 KB, counted in UTF-8 bytes", async () => {
    archive = makeArchive();
    archive.article("a.md", { extra: `summary: "${"é".repeat(35 * KB)}"` });
    expect(await errorsOf(archive)).toEqual([
      fr`${archive.display("articles/a.md")}:1:1: error: l’en-tête fait 71 Ko ; la limite est de 64 Ko : il tient quelques clés courtes (title, date, sources, topics…) ; le texte de l’article va sous la ligne --- qui le ferme`,
    ]);
  });

  it("a front matter just under the limit is read", async () => {
    archive = makeArchive();
    archive.article("a.md", { extra: `summary: "${"é".repeat(32 * KB - 200)}"` });
    expect(await errorsOf(archive)).toEqual([expect.stringContaining(fr`warning: « summary » fait 32\u202f568 caractères`)]);
  });

  it.each(["site.yaml", "topics.yaml", "sources.yaml"])("%s of 300 KB", async (registry) => {
    archive = makeArchive();
    truncateSync(archive.write(registry, "# padding\n"), 300 * KB);
    expect(await errorsOf(archive)).toEqual([
      fr`${archive.display(registry)}:1:1: error: le fichier fait 300 Ko ; la limite est de 256 Ko : est-ce le bon fichier ? Un sujet ou une source tient en 100 octets environ`,
    ]);
  });

  it("urls.txt of 20 MB", async () => {
    archive = makeArchive();
    truncateSync(archive.write("urls.txt", "/2021/12/09/un/\n"), 20 * 1024 * KB);
    expect(await errorsOf(archive)).toEqual([
      fr`${archive.display("urls.txt")}:1:1: error: le fichier fait 20 Mo ; la limite est de 16 Mo : est-ce le bon fichier ? Chaque page publiée y ajoute une ligne de 70 octets environ`,
    ]);
  });
});

describe("past 100 problems in a file, the rest are counted on one line", () => {
  it("7,000 unknown keys: the first 100, then how many more; other files keep theirs", async () => {
    archive = makeArchive();
    archive.article("a.md", { extra: Array.from({ length: 7000 }, (_, i) => `k${i}: 1`).join("\n") });
    archive.article("b.md", { title: "Autre", topics: "[Irack]" });
    const errors = await errorsOf(archive);
    const inA = errors.filter((e) => e.startsWith(archive.display("articles/a.md")));
    expect(inA).toHaveLength(101);
    expect(inA[0]).toContain(fr`:6:1: error: clé inconnue « k0 » ; les clés sont`);
    expect(inA[100]).toBe(
      fr`${archive.display("articles/a.md")}:106:1: error: et 6\u202f900 autres problèmes dans ce fichier, non montrés : corrigez les 100 premiers et relancez la vérification`,
    );
    expect(errors.filter((e) => e.startsWith(archive.display("articles/b.md")))).toEqual([
      expect.stringContaining(fr`sujet inconnu « Irack » (vouliez-vous dire « Irak » ?)`),
    ]);
  });

  it("2,000 published URLs gone from urls.txt", async () => {
    archive = makeArchive({ "urls.txt": Array.from({ length: 2000 }, (_, i) => `/2021/12/09/x${i}/`).join("\n") });
    const errors = await errorsOf(archive);
    expect(errors).toHaveLength(101);
    expect(errors[100]).toBe(
      fr`${archive.display("urls.txt")}:101:1: error: et 1\u202f900 autres problèmes dans ce fichier, non montrés : corrigez les 100 premiers et relancez la vérification`,
    );
  });

  it("warnings past the limit make an error line only when an error is among them", async () => {
    archive = makeArchive();
    archive.article("a.md", { topics: `[${Array.from({ length: 150 }, (_, i) => `t${i}`).join(", ")}]` });
    const errors = await errorsOf(archive);
    expect(errors).toHaveLength(101);
    expect(errors[100]).toContain("error: et 50 autres problèmes dans ce fichier, non montrés");
  });
});

describe("lists and maps nested more than 32 levels deep are refused before parsing", () => {
  const cases: [name: string, extra: string, at: string][] = [
    ["brackets", `x: ${"[".repeat(40)}${"]".repeat(40)}`, "6:35"],
    ["braces and brackets", `x: ${"{a: [".repeat(20)}1${"]}".repeat(20)}`, "6:83"],
    ["dashes on one line", `x:\n  ${"- ".repeat(40)}a`, "7:63"],
    ["ever deeper indentation", Array.from({ length: 40 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n"), "38:33"],
  ];
  it.each(cases)("%s", async (_name, extra, at) => {
    archive = makeArchive();
    archive.article("a.md", { extra });
    expect(await errorsOf(archive)).toEqual([
      fr`${archive.display("articles/a.md")}:${at}: error: listes ou clés imbriquées sur plus de 32 niveaux : une archive en demande quelques-uns ; retirez les autres`,
    ]);
  });

  it("in a registry", async () => {
    archive = makeArchive({ "topics.yaml": `${"- ".repeat(100_000)}a\n` });
    expect(await errorsOf(archive)).toEqual([
      fr`${archive.display("topics.yaml")}:1:63: error: listes ou clés imbriquées sur plus de 32 niveaux : une archive en demande quelques-uns ; retirez les autres`,
    ]);
  });

  it("usual nesting and a key written twice are read as before", async () => {
    archive = makeArchive();
    archive.article("a.md", { extra: "aliases:\n  - /2021/12/08/un/\n  - /2021/12/08/deux/" });
    archive.article("b.md", articleText({ title: "Deux" }).replace("date:", "title: Trois\ndate:"));
    expect(await errorsOf(archive)).toEqual([
      fr`${archive.display("articles/b.md")}:3:1: error: la clé « title » est écrite deux fois (déjà à la ligne 2) : gardez-en une seule`,
    ]);
  });
});

describe("no input is slow", () => {
  it("a site.yaml of 40,000 unknown keys (240 KB) is answered, not parsed in quadratic time", () => {
    // The YAML library compared each key with every one before it (100,000 keys: 95 s; these,
    // 15 s). The child process is killed at the deadline, ten times the second this takes, so a
    // regression fails here instead of slowing the suite down.
    archive = makeArchive({ "site.yaml": SITE_YAML + Array.from({ length: 40_000 }, (_, i) => `k${i.toString(36)}:`).join("\n") });
    const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
    const run = spawnSync(process.execPath, [bin, "check", "--content", archive.dir], {
      encoding: "utf8",
      timeout: 10_000,
      env: { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "" },
    });
    expect(run.signal, "still checking after 10 s").toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${archive.display("site.yaml")}:106:1: error: et 39\u202f900 autres problèmes dans ce fichier, non montrés`);
  }, 30_000);
});
