import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { findControlEntities } from "../../src/text/control-entities.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

const NOW = Date.parse("2026-01-01T00:00:00Z");

// The problems of one article, as check prints them without its file's name.
async function problemsOf(spec: Parameters<TestArchive["article"]>[1]): Promise<string[]> {
  archive = makeArchive();
  archive.article("2021/12/09-a.md", spec);
  const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
  return result.diagnostics.map((d) => formatDiagnostic(d).slice(formatDiagnostic(d).indexOf(":", d.file.length) + 1));
}

const HTTPS_RULE = fr`error: « shortLink » doit être une adresse https complète, commençant par https:// et sans nom d’utilisateur ni « @ » avant le site, comme https://turquie2023.com/Ivo58D`;

describe("shortLink, printed on the article's page as written", () => {
  it.each([
    ["a user name and password", "https://user:pw@ex.example/x"],
    ["a user name that looks like the site", "https://turquie2023.com@evil.example/"],
    ["no slashes after https:", "https:evil.example"],
    ["http", "http://turquie2023.com/x"],
  ])("is refused with %s, at its value", async (_, link) => {
    expect(await problemsOf({ extra: `shortLink: ${link}` })).toEqual([`6:12: ${HTTPS_RULE}`]);
  });

  it("is refused with a letter of another alphabet in the site's name, or a character no address holds, at that character", async () => {
    // « turquie2023.cоm », a Cyrillic о: it prints as the real link and leads elsewhere.
    expect(await problemsOf({ extra: 'shortLink: "https://turquie2023.c\\u043em/Ivo58D"' })).toEqual([
      fr`6:34: error: « shortLink » écrit le nom du site avec « \u043e » (U+043E), une lettre d’un autre alphabet qui imite une lettre latine et mène à un autre site : retapez le nom du site au clavier, comme https://turquie2023.com/Ivo58D (un nom vraiment écrit dans un autre alphabet s’écrit sous sa forme xn--)`,
    ]);
    expect(await problemsOf({ extra: `shortLink: 'https://turquie2023.com/a?x="><script>'` })).toEqual([
      fr`6:41: error: « shortLink » contient ici « " », qu’une adresse ne peut pas contenir telle quelle : recopiez l’adresse exacte depuis la barre d’adresse du navigateur, comme https://turquie2023.com/Ivo58D`,
    ]);
    // The same letters in the path are the path's: the site is the one written.
    expect(await problemsOf({ extra: 'shortLink: "https://turquie2023.com/\\u043e"' })).toEqual([]);
  });

  it("is refused with a space or an invisible character, at that character", async () => {
    expect(await problemsOf({ extra: 'shortLink: "https://ex.example/a b"' })).toEqual([
      fr`6:34: error: « shortLink » contient ici une espace, qu’une adresse ne peut pas contenir : supprimez-la, l’adresse s’écrit d’un seul tenant, comme https://turquie2023.com/Ivo58D`,
    ]);
    expect(await problemsOf({ extra: 'shortLink: "https://ex.example/\\u202Ex"' })).toEqual([
      fr`6:32: error: « shortLink » contient ici le caractère invisible U+202E, qu’une adresse ne peut pas contenir : retapez l’adresse sans lui, comme https://turquie2023.com/Ivo58D`,
    ]);
  });

  it("is told at its value's line when written on the line after its key, a block's too, and as going on to a line it does", async () => {
    expect(await problemsOf({ extra: "shortLink:\n  http://turquie2023.com/x" })).toEqual([`7:3: ${HTTPS_RULE}`]);
    expect(await problemsOf({ extra: "shortLink: |\n  http://turquie2023.com/x" })).toEqual([`7:3: ${HTTPS_RULE}`]);
    expect(await problemsOf({ extra: "shortLink:\n  https://turquie2023.com/Ivo58D" })).toEqual([]);
    expect(await problemsOf({ extra: "shortLink: >-\n  https://turquie2023.com/Ivo58D" })).toEqual([]);
    const onTwoLines = fr`error: « shortLink » continue sur cette ligne : une adresse s’écrit d’un seul tenant, sur une seule ligne (celle de la clé, ou la suivante) ; joignez les deux morceaux sans espace, ou supprimez ce qui n’est pas l’adresse, comme https://turquie2023.com/Ivo58D`;
    for (const extra of [
      "shortLink:\n  https://turquie2023.com/Ivo\n  58D",
      "shortLink: https://turquie2023.com/Ivo\n  58D",
      "shortLink: |\n  https://turquie2023.com/Ivo\n  58D",
      "shortLink: >\n  https://turquie2023.com/Ivo\n  58D",
      "shortLink: 'https://turquie2023.com/Ivo\n  58D'",
    ]) {
      expect(await problemsOf({ extra }), extra).toEqual([`${extra.startsWith("shortLink: h") || extra.startsWith("shortLink: '") ? 7 : 8}:3: ${onTwoLines}`]);
    }
    // A space on the value's own line is a space.
    expect(await problemsOf({ extra: "shortLink:\n  https://turquie2023.com/Ivo 58D" })).toEqual([
      fr`7:31: error: « shortLink » contient ici une espace, qu’une adresse ne peut pas contenir : supprimez-la, l’adresse s’écrit d’un seul tenant, comme https://turquie2023.com/Ivo58D`,
    ]);
  });

  it("is accepted written whole, with spaces around it", async () => {
    expect(await problemsOf({ extra: 'shortLink: " HTTPS://turquie2023.com/Ivo58D "' })).toEqual([]);
  });
});

describe("characters that reorder or hide text", () => {
  it.each([
    ["U+202E", "\u202e"],
    ["U+202A", "\u202a"],
    ["U+2066", "\u2066"],
    ["U+2069", "\u2069"],
    ["U+200B", "\u200b"],
    ["U+200F", "\u200f"],
    ["U+FEFF", "\ufeff"],
  ])("are refused in a title, at the character: %s", async (code, character) => {
    expect(await problemsOf({ title: `Titre${character}live` })).toEqual([
      fr`2:14: error: « title » contient ici le caractère de contrôle ${code} : supprimez-le (retapez le texte autour s’il est invisible)`,
    ]);
  });

  it("are refused in a summary written as a YAML escape, and in a body, at the character", async () => {
    expect(await problemsOf({ extra: 'summary: "Chapô \\u2067inversé"', body: "Un texte.\n\nPuis \u202dce passage." })).toEqual([
      fr`6:17: error: « summary » contient ici le caractère de contrôle U+2067 : supprimez-le (retapez le texte autour s’il est invisible)`,
      fr`10:6: error: le texte contient ici le caractère de contrôle U+202D : supprimez-le (retapez le texte autour s’il est invisible)`,
    ]);
  });

  it("are refused as half a character, a surrogate without its pair written as a YAML escape, which no page shows nor the search reads; a pair is one character", async () => {
    expect(await problemsOf({ extra: 'summary: "Chapô \\uD800 cassé"' })).toEqual([
      fr`6:17: error: « summary » contient ici le caractère de contrôle U+D800 : supprimez-le (retapez le texte autour s’il est invisible)`,
    ]);
    expect(await problemsOf({ extra: 'summary: "Chapô \\uD83D\\uDE00 entier"' })).toEqual([]);
  });

  it("are refused written as entities or escapes the page decodes, at each, naming it as written; in code they are text", async () => {
    const body = [
      "Un &#x202E;titre, &#8238;, &#X202e; et &rlm;, [ici](https://ex.example/&#x202E;).",
      "",
      "## Intertitre &ZeroWidthSpace;",
      "",
      '[lien &lrm;](/feed.xml "titre &#x2066;") ![photo &#xFEFF;](data:image/png;base64,AA==) <https://ex.example/%E2%80%AE>',
      "",
      "`&#x202E;` et %E2%80%AE dans le texte, &zwnj; &zwj; &amp; &#x202F;.",
      "",
      "    &#x202E;",
    ].join("\n");
    const say = (written: string, code: string) =>
      fr`error: le texte écrit ici « ${written} », que la page changerait en caractère de contrôle ${code} : supprimez « ${written} »`;
    const expected = [
      `7:4: ${say("&#x202E;", "U+202E")}`,
      `7:19: ${say("&#8238;", "U+202E")}`,
      `7:28: ${say("&#X202e;", "U+202E")}`,
      `7:40: ${say("&rlm;", "U+200F")}`,
      `7:72: ${say("&#x202E;", "U+202E")}`,
      `9:15: ${say("&ZeroWidthSpace;", "U+200B")}`,
      `11:7: ${say("&lrm;", "U+200E")}`,
      `11:31: ${say("&#x2066;", "U+2066")}`,
      `11:50: ${say("&#xFEFF;", "U+FEFF")}`,
      `11:108: ${say("%E2%80%AE", "U+202E")}`,
    ];
    expect(await problemsOf({ body })).toEqual(expected);
    // In a draft too, as the character itself.
    expect(await problemsOf({ body, extra: "draft: true" })).toEqual(
      expected.map((line) => line.replace(/^7:/, "8:").replace(/^(9|11):/, (_, n) => `${Number(n) + 1}:`)),
    );
  });

  it("are found in a paragraph of 150,000 lines (a table pasted as one), more children than a call's arguments may be", () => {
    const body = `Un &#x202E;titre\n${"ligne;valeur\n".repeat(150_000)}`;
    expect(findControlEntities(body, 7)).toEqual([{ written: "&#x202E;", character: "\u202e", line: 7, column: 4 }]);
  });

  it("are not read from entities in the front matter, which YAML does not decode and the pages print as written", async () => {
    expect(await problemsOf({ title: "Le &#x202E; reste écrit", extra: 'summary: "Un &rlm; écrit"' })).toEqual([]);
  });

  it("leaves the joiners emoji and other scripts need", async () => {
    expect(
      await problemsOf({
        title: "La famille \u{1f468}\u200d\u{1f469}\u200d\u{1f467} réunie",
        body: "Un mot persan : \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645.",
      }),
    ).toEqual([]);
  });
});

describe("links the pages refuse", () => {
  it("are errors at their destination, naming the scheme, however written", async () => {
    const body = [
      "Voir [js](javascript:alert(1)) et [ent](&#106;avascript:alert(1)).",
      "",
      "[file](file:///etc/passwd) [vb](VBScript:msgbox) [data](data:text/html;base64,PHNjcmlwdD4=)",
      "",
      "Un exemple : `[code](javascript:x)`, et une photo ![ok](data:image/png;base64,AAAA) [aa](https://www.aa.com.tr/fr?a&b).",
    ].join("\n");
    const told = (scheme: string): string =>
      fr`ce lien commence par « ${scheme}: », que les pages refusent (il pourrait lancer un programme ou ouvrir un fichier) : la page l’afficherait comme du texte ; écrivez une adresse https, comme [AA](https://www.aa.com.tr/fr)`;
    expect(await problemsOf({ body })).toEqual([
      `7:11: error: ${told("javascript")}`,
      `7:41: error: ${told("javascript")}`,
      `9:8: error: ${told("file")}`,
      `9:33: error: ${told("vbscript")}`,
      `9:57: error: ${told("data")}`,
    ]);
  });

  it("are errors in a draft too, from a reference or an autolink", async () => {
    const found = await problemsOf({ extra: "draft: true", body: "Texte [ici][r] et <javascript:alert(1)>.\n\n[r]: javascript:alert(1)" });
    expect(found.map((problem) => problem.split(",")[0])).toEqual([
      fr`8:20: error: ce lien commence par « javascript: »`,
      fr`10:6: error: ce lien commence par « javascript: »`,
    ]);
  });
});

describe("images of a body from another site", () => {
  const told = (host: string): string =>
    fr`error: cette image est prise sur un autre site (${host}) : le navigateur de chaque lecteur la demanderait à ce site, qui saurait qui lit la page, et elle pourrait disparaître ou changer sans que rien ne le dise ; mettez la photo dans l’archive (content/images/AAAA/MM/) et donnez-la dans le champ « image » de l’en-tête, avec alt et credit (voir le README)`;

  it("are errors at their address, naming the host: inline, through a reference, without a scheme, inside a link", async () => {
    const body = [
      "Une photo : ![photo](https://other.example/x.jpg), [la même](https://other.example/x.jpg).",
      "",
      "[![vignette](//cdn.example:8080/v.png)](https://other.example/page) et ![carte][c].",
      "",
      "[c]: <https://maps.example/c.png>",
    ].join("\n");
    expect(await problemsOf({ body })).toEqual([`7:22: ${told("other.example")}`, `9:14: ${told("cdn.example:8080")}`, `11:7: ${told("maps.example")}`]);
  });

  it("are errors in a draft too", async () => {
    expect(await problemsOf({ extra: "draft: true", body: "Texte.\n\n![p](http://other.example/p.jpg)" })).toEqual([`10:6: ${told("other.example")}`]);
  });

  it("leave alone the site's own images, images in the page (data:), links to other sites and code", async () => {
    const body = [
      "![logo](https://ARCHIVES.example.org/site-image.png) ![point](data:image/png;base64,AAAA)",
      "",
      "[la photo](https://other.example/x.jpg) et `![code](https://other.example/y.jpg)`.",
      "",
      "    ![bloc](https://other.example/z.jpg)",
    ].join("\n");
    expect(await problemsOf({ body })).toEqual([]);
  });
});
