import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent, type LoadResult } from "../../src/content/load.ts";
import { appendUrls, parseUrlManifest, unlistedUrls, urlLinesChange, withUrlLinesChange } from "../../src/content/url-manifest.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("appendUrls keeps urls.txt byte for byte and adds lines at its end", () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    ["a file ending with a line end", "# notes\n/a/ note\n", "# notes\n/a/ note\n/b/\n/c/\n"],
    ["a last line without one", "/a/", "/a/\n/b/\n/c/\n"],
    ["Windows line ends", "# notes\r\n/a/\r\n", "# notes\r\n/a/\r\n/b/\r\n/c/\r\n"],
    ["a byte order mark and blank lines", "\uFEFF# notes\n\n\n/a/\n\n", "\uFEFF# notes\n\n\n/a/\n\n/b/\n/c/\n"],
    ["an empty file", "", "/b/\n/c/\n"],
  ])("%s", (_, before, after) => {
    expect(appendUrls(Buffer.from(before), ["/b/", "/c/"]).toString("utf8")).toBe(after);
  });

  it("starts a new file with a header that says what it is, which parses as no URL", () => {
    const text = appendUrls(undefined, ["/b/"]).toString("utf8");
    expect(text.startsWith("# ")).toBe(true);
    expect(parseUrlManifest(text).published.map((p) => p.url)).toEqual(["/b/"]);
  });

  // The file is the French archive's, shared in git; DEPECHE_LANG only sets the terminal's language.
  it("writes that header in French whatever language the messages are set to", () => {
    vi.stubEnv("DEPECHE_LANG", "en");
    expect(appendUrls(undefined, ["/b/"]).toString("utf8")).toMatch(/^# Les adresses publiées par Dépêche, une par ligne/);
  });
});

describe("a change of urls.txt's lines, as a cache's journal records it", () => {
  // A file of a few URLs, comments, blank lines and removals, each edit as an editor or a build makes it.
  const line = fc.oneof(fc.constantFrom("/a/", "/b/", "/c/", "/2021/12/09/titre/"), fc.constantFrom("! /a/", "! /b/ retirée", "!", "# note", ""));
  const file = fc.array(line, { maxLength: 12 });
  type Edit = { kind: "append"; lines: string[] } | { kind: "remove" | "mark"; at: number } | { kind: "insert"; at: number; line: string };
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ kind: fc.constant("append" as const), lines: fc.array(line, { minLength: 1, maxLength: 4 }) }),
    fc.record({ kind: fc.constantFrom("remove" as const, "mark" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), line }),
  );
  const edited = (lines: string[], e: Edit): string[] => {
    if (e.kind === "append") return [...lines, ...e.lines];
    const at = lines.length === 0 ? 0 : e.at % lines.length;
    if (e.kind === "remove") return lines.filter((_, i) => i !== at);
    if (e.kind === "insert") return [...lines.slice(0, at), e.line, ...lines.slice(at)];
    // A published line turned into a removal in place, as urls.txt's header says to.
    return lines.map((l, i) => (i === at && !l.startsWith("!") ? `! ${l}` : l));
  };

  it("applied to the lines before, gives the lines after, for any edits", () => {
    fc.assert(
      fc.property(file, fc.array(edit, { minLength: 1, maxLength: 4 }), (start, edits) => {
        const before = parseUrlManifest(start.join("\n"));
        const after = parseUrlManifest(edits.reduce(edited, start).join("\n"));
        const change = urlLinesChange(before, after);
        const gone = new Set(change.gone);
        expect(withUrlLinesChange(before.published, gone, change.published)).toEqual(after.published);
        expect(withUrlLinesChange(before.removals, gone, change.removals)).toEqual(after.removals);
        // From no file, every line is new.
        expect(urlLinesChange(undefined, after)).toEqual({ gone: [], published: after.published, removals: after.removals });
      }),
      { numRuns: 300 },
    );
  });

  it("of a published line turned into a removal in place, is that line alone", () => {
    const before = parseUrlManifest("# en tête\n/a/\n/b/\n/c/\n");
    const after = parseUrlManifest("# en tête\n/a/\n! /b/ retirée le 1er décembre\n/c/\n/d/\n");
    expect(urlLinesChange(before, after)).toEqual({ gone: [3], published: [{ url: "/d/", line: 5 }], removals: [{ url: "/b/", line: 3 }] });
  });
});

describe("urls.txt compares URLs by the page they lead to, however their escapes are spelled", () => {
  let archive: TestArchive;
  afterEach(() => archive?.remove());
  const load = async (): Promise<LoadResult> => loadContent({ contentDir: archive.dir, nowMs: NOW });
  const said = (result: LoadResult): string[] => result.diagnostics.map(formatDiagnostic);

  it.each([
    ["in lower case escapes", "/2021/12/09/caf%C3%A9/", "/2021/12/09/caf%c3%a9/"],
    ["escaped, published decoded", "/2021/12/09/café/", "/2021/12/09/caf%C3%A9/"],
    ["with an unreserved character escaped", "/2021/12/09/ancien/", "/2021/12/09/anci%65n/"],
  ])("keeps a published URL given as an alias spelled %s, and records no line for it", async (_, published, alias) => {
    archive = makeArchive({ "urls.txt": `${published}\n/2021/12/09/un/\n` });
    archive.article("2021/12/09-un.md", { title: "Un", extra: `aliases: [${alias}]` });
    const result = await load();
    expect(said(result)).toEqual([]);
    expect(unlistedUrls(parseUrlManifest(`${published}\n/2021/12/09/un/\n`), result.content!.articles)).toEqual([]);
  });

  it("leaves to its file's error a published URL its alias holds in another spelling", async () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/caf%C3%A9/\n/2021/12/09/un/\n" });
    archive.article("2021/12/09-un.md", { title: "Un", topics: "[Irack]", extra: "aliases: [/2021/12/09/caf%c3%a9/]" });
    expect(said(await load()).map((d) => d.split(": error: ")[1]!.split(" (")[0])).toEqual([fr`sujet inconnu « Irack »`]);
  });

  it("records a URL not yet listed as the article writes it", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-un.md", { title: "Un", extra: "aliases: [/2021/12/09/caf%c3%a9/]" });
    const result = await load();
    expect(unlistedUrls(parseUrlManifest("/2021/12/09/un/\n"), result.content!.articles)).toEqual(["/2021/12/09/caf%c3%a9/"]);
  });

  it("takes a removal written in another spelling than the published line as that URL's", async () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/caf%C3%A9/\n/2021/12/09/un/\n! /2021/12/09/caf%c3%a9/ retiré exprès\n! /2021/12/09/%75n/\n" });
    archive.article("2021/12/09-un.md", { title: "Un" });
    const file = archive.display("urls.txt");
    expect(said(await load())).toEqual([
      fr`${file}:4:1: warning: /2021/12/09/%75n/ est marquée retirée, mais ${archive.display("articles/2021/12/09-un.md")} est en ligne à cette adresse : effacez cette ligne (la ligne 2 publie l’adresse), sans quoi son retrait ne serait plus signalé`,
    ]);
  });

  it("names the published line, as written, that a whole URL in another spelling meant to remove", async () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/caf%C3%A9/\n! https://archives.example.org/2021/12/09/caf%c3%a9/\n" });
    expect(said(await load())).toEqual([
      fr`${archive.display("urls.txt")}:1:1: error: /2021/12/09/caf%C3%A9/ a été publiée, mais aucun article n’a plus cette adresse : ajoutez-la aux « aliases » de l’article qui la remplace, ou, pour la retirer exprès, mettez un « ! » au début de cette ligne`,
      fr`${archive.display("urls.txt")}:2:1: warning: « ! https://archives.example.org/2021/12/09/caf%c3%a9/ » ne retire rien : une adresse de ce fichier s’écrit sans domaine, à partir de la barre oblique ; écrivez « ! /2021/12/09/caf%C3%A9/ »`,
    ]);
  });

  it("says of a line that is no site path what the lines of urls.txt are, and the path it meant when it can tell", async () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/un/\nbonjour le monde\nhttps://archives.example.org/2021/12/09/un/\n2021/12/09/un/\n" });
    archive.article("2021/12/09-un.md", { title: "Un" });
    const file = archive.display("urls.txt");
    const lines = fr` n’est pas une adresse du site : une ligne de ce fichier est une adresse publiée, écrite sans domaine à partir de la barre oblique (/2021/12/09/titre/), une adresse retirée exprès (! /2021/12/09/titre/) ou un commentaire (# …) ; `;
    expect(said(await load())).toEqual([
      `${file}:2:1: error: ${fr`« bonjour »`}${lines}supprimez cette ligne, ou écrivez-la ainsi`,
      `${file}:3:1: error: ${fr`« https://archives.example.org/2021/12/09/un/ »`}${lines}${fr`écrivez « /2021/12/09/un/ »`}`,
      `${file}:4:1: error: ${fr`« 2021/12/09/un/ »`}${lines}${fr`écrivez « /2021/12/09/un/ »`}`,
    ]);
  });

  it("warns of a « ! » with no URL after it, at its line", async () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/un/\n  !  \n" });
    archive.article("2021/12/09-un.md", { title: "Un" });
    expect(said(await load())).toEqual([
      fr`${archive.display("urls.txt")}:2:1: warning: « ! » seul ne retire rien : écrivez après lui l’adresse à retirer, par exemple « ! /2021/12/09/titre/ », ou effacez la ligne`,
    ]);
  });

  it("still reports a malformed escape, and compares a URL that holds one as written", async () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/caf%C3%A/\n/2021/12/09/un/\n" });
    archive.article("2021/12/09-un.md", { title: "Un", extra: "aliases: [/2021/12/09/caf%c3%a/]" });
    expect(said(await load())).toEqual([
      fr`${archive.display("articles/2021/12/09-un.md")}:6:11: error: « %a » dans un alias n’est pas un caractère échappé : % est suivi de deux chiffres hexadécimaux, le code UTF-8 du caractère (é s’écrit %C3%A9, une espace %20, % lui-même %25)`,
      fr`${archive.display("urls.txt")}:1:1: error: /2021/12/09/caf%C3%A/ a été publiée, mais aucun article n’a plus cette adresse : ajoutez-la aux « aliases » de l’article qui la remplace, ou, pour la retirer exprès, mettez un « ! » au début de cette ligne`,
    ]);
  });
});

describe("a « ! » put at the start of a published line removes that URL, as a « ! » line of its own does", () => {
  let archive: TestArchive;
  afterEach(() => archive?.remove());
  const said = async (): Promise<string[]> => (await loadContent({ contentDir: archive.dir, nowMs: NOW })).diagnostics.map(formatDiagnostic);
  const online = (): void => {
    archive.article("2021/12/09-un.md", { title: "Un" });
  };

  it.each([
    ["its article deleted", "# nos notes\n! /2021/12/09/deux/ retiré le 3 janvier\n/2021/12/09/un/\n", undefined],
    ["its article made a draft", "! /2021/12/09/deux/ en attente\n/2021/12/09/un/\n", { title: "Deux", extra: "draft: true" }],
    ["its article renamed", "! /2021/12/09/deux/\n/2021/12/09/un/\n", { title: "Deux, corrigé" }],
  ])("%s: nothing to say", async (_, manifest, deux) => {
    archive = makeArchive({ "urls.txt": manifest });
    online();
    if (deux) archive.article("2021/12/09-deux.md", deux);
    expect(await said()).toEqual([]);
  });

  it.each([
    ["on the published line itself: to delete the « ! »", "! /2021/12/09/un/ retiré\n", fr`effacez le « ! » du début de cette ligne`, 1],
    ["on a line of its own: to delete that line", "/2021/12/09/un/\n! /2021/12/09/un/ retiré\n", "effacez cette ligne (la ligne 1 publie l’adresse)", 2],
  ])("names an article back online at that URL %s", async (_, manifest, fix, line) => {
    archive = makeArchive({ "urls.txt": manifest });
    online();
    expect(await said()).toEqual([
      fr`${archive.display("urls.txt")}:${line}:1: warning: /2021/12/09/un/ est marquée retirée, mais ${archive.display("articles/2021/12/09-un.md")} est en ligne à cette adresse : ${fix}, sans quoi son retrait ne serait plus signalé`,
    ]);
  });

  it.each([
    ["a whole URL, its path as written", "https://archives.example.org/2021/12/09/caf%c3%a9/", fr`écrivez « ! /2021/12/09/caf%c3%a9/ »`],
    ["a path without its first slash", "2021/12/09/deux/", fr`écrivez par exemple « ! /2021/12/09/titre/ »`],
  ])("warns of %s, which is no page of the site", async (_, url, fix) => {
    archive = makeArchive({ "urls.txt": `! ${url} retiré\n` });
    online();
    expect(await said()).toEqual([
      fr`${archive.display("urls.txt")}:1:1: warning: « ! ${url} » ne retire rien : une adresse de ce fichier s’écrit sans domaine, à partir de la barre oblique ; ${fix}`,
    ]);
  });
});

describe("a « ! » line of its own a few letters from a published URL it leaves gone points at it, and the URL at it", () => {
  let archive: TestArchive;
  afterEach(() => {
    archive?.remove();
    vi.unstubAllEnvs();
  });
  const said = async (): Promise<string[]> => (await loadContent({ contentDir: archive.dir, nowMs: NOW })).diagnostics.map(formatDiagnostic);
  const GONE = fr`a été publiée, mais aucun article n’a plus cette adresse : ajoutez-la aux « aliases » de l’article qui la remplace, ou, pour la retirer exprès, mettez un « ! » au début de cette ligne`;

  it.each([
    ["without its accent", "/2021/12/09/un-titre-mal-écrit/", "/2021/12/09/un-titre-mal-ecrit/"],
    ["with a letter left out", "/2021/12/09/la-fin-de-la-mission/", "/2021/12/09/la-fin-de-la-misson/"],
    ["with two letters swapped", "/2021/12/09/la-fin-de-la-mission/", "/2021/12/09/la-fin-de-la-misison/"],
    ["in another case, without its last slash", "/2021/12/09/la-fin/", "/2021/12/09/La-Fin"],
  ])("a removal written %s", async (_, published, removal) => {
    archive = makeArchive({ "urls.txt": `# retraits\n${published}\n/2021/12/09/un/\n! ${removal} retiré le 3 janvier\n` });
    archive.article("2021/12/09-un.md", { title: "Un" });
    const file = archive.display("urls.txt");
    expect(await said()).toEqual([
      fr`${file}:2:1: error: ${published} ${GONE} ; la ligne 4 retire ${removal} : faute de frappe ?`,
      fr`${file}:4:1: warning: « ! ${removal} » ne retire aucune adresse publiée, mais la ligne 2 publie ${published} : faute de frappe ? Pour retirer celle-ci, écrivez « ! ${published} »`,
    ]);
  });

  it.each([
    ["on another day", "/2021/12/09/la-fin-de-la-mission/", "/2021/12/10/la-fin-de-la-mission/"],
    ["three letters off", "/2021/12/09/la-fin-de-la-mission/", "/2021/12/09/la-fin-de-la-pension/"],
    ["a letter off a slug of three, another word", "/2021/12/09/une/", "/2021/12/09/un/"],
  ])("leaves apart a removal %s", async (_, published, removal) => {
    archive = makeArchive({ "urls.txt": `${published}\n! ${removal}\n` });
    expect(await said()).toEqual([fr`${archive.display("urls.txt")}:1:1: error: ${published} ${GONE}`]);
  });

  it("leaves apart a removal of a URL an article has online, which is said as such", async () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/la-fin-de-la-mission/\n! /2021/12/09/la-fin-de-la-misson/\n" });
    archive.article("2021/12/09-la-fin-de-la-misson.md", { title: "La fin de la misson" });
    const file = archive.display("urls.txt");
    expect(await said()).toEqual([
      fr`${file}:1:1: error: /2021/12/09/la-fin-de-la-mission/ ${GONE}`,
      fr`${file}:2:1: warning: /2021/12/09/la-fin-de-la-misson/ est marquée retirée, mais ${archive.display("articles/2021/12/09-la-fin-de-la-misson.md")} est en ligne à cette adresse : effacez le « ! » du début de cette ligne, sans quoi son retrait ne serait plus signalé`,
    ]);
  });

  it("says both in English with DEPECHE_LANG=en", async () => {
    vi.stubEnv("DEPECHE_LANG", "en");
    archive = makeArchive({ "urls.txt": "/2021/12/09/la-fin-de-la-mission/\n! /2021/12/09/la-fin-de-la-misson/\n" });
    const file = archive.display("urls.txt");
    expect(await said()).toEqual([
      `${file}:1:1: error: /2021/12/09/la-fin-de-la-mission/ was published, but no article has this URL any more: add it to the "aliases" of the article that replaces it, or, to remove it on purpose, put a "!" at the start of this line; line 2 removes /2021/12/09/la-fin-de-la-misson/: a typo?`,
      `${file}:2:1: warning: "! /2021/12/09/la-fin-de-la-misson/" removes no published URL, but line 1 publishes /2021/12/09/la-fin-de-la-mission/: a typo? To remove that one, write "! /2021/12/09/la-fin-de-la-mission/"`,
    ]);
  });
});
