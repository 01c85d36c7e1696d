import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load, CORE_SCHEMA } from "js-yaml";
import markdownIt from "markdown-it";
import { parseHTML } from "linkedom";
import { afterAll, describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../src/content/frontmatter.ts";
import { formatArticle, toMarkdownParagraph, writeNewArticle, yamlFlowList, yamlString } from "../../src/wire/write-article.ts";

// Plain CommonMark, as the site renders it but without typography: the text must come back as is.
const md = markdownIt("commonmark", { html: false });
function renderedParagraphs(markdown: string): string[] {
  const { document } = parseHTML(`<body>${md.render(markdown)}</body>`);
  return [...document.querySelectorAll("body > *")].map((e) => `${e.tagName.toLowerCase()}:${e.textContent}`);
}

describe("toMarkdownParagraph renders to exactly the wire text, as one paragraph", () => {
  const lines = [
    "Le gouvernement irakien a officiellement annoncé, jeudi, la fin des missions.",
    "C’est ce qu’a déclaré le conseiller, dans un tweet : « nous avons achevé ».",
    "2021. Une année de combats.",
    "1) Premier point",
    "- Une réplique",
    "+ plus",
    "* étoile",
    "# Pas un titre",
    "> Pas une citation",
    "---",
    "___",
    "~~~",
    "```js",
    "Les *étoiles* et les _tirets_ et les `guillemets`",
    "[Lien](https://example.org) et <https://example.org> et <b>gras</b>",
    "AT&T, &amp; et &#233; restent écrits",
    "Un \\ antislash, et un autre à la fin \\",
    "=== soulignés",
    "3 000 soldats, dont 2 500 Américains",
  ];
  for (const line of lines) {
    it(JSON.stringify(line), () => expect(renderedParagraphs(toMarkdownParagraph(line))).toEqual([`p:${line}`]));
  }

  it("leaves ordinary text byte for byte", () => {
    expect(toMarkdownParagraph(lines[1]!)).toBe(lines[1]);
  });
});

describe("front matter values read back as written", () => {
  const titles = [
    "L’Irak annonce la fin",
    'Il dit "non" : # pas un commentaire',
    "Titre avec \\ antislash",
    "Contrôle \u0085 et \u0092 C1",
    "yes",
    "2021",
    "- liste ? non",
  ];
  for (const title of titles) {
    it(`title ${JSON.stringify(title)}`, () => {
      expect(load(`title: ${yamlString(title)}`, { schema: CORE_SCHEMA })).toEqual({ title });
    });
  }

  const lists: string[][] = [
    ["AA", "TRT FR"],
    ["Irak", "États-Unis", "Arabie saoudite"],
    ["true", "2021", "a, b", "x: y", "[z]", "Côte d’Ivoire"],
  ];
  for (const list of lists) {
    it(`list ${JSON.stringify(list)}`, () => expect(load(`k: ${yamlFlowList(list)}`, { schema: CORE_SCHEMA })).toEqual({ k: list }));
  }
});

describe("formatArticle", () => {
  it("writes the contract's keys in order, plain where safe", () => {
    const text = formatArticle({
      title: "L’Irak annonce la fin",
      date: "2021-12-09",
      sources: ["AA", "TRT FR"],
      shortLink: "https://turquie2023.com/Ivo58D",
      topics: ["Irak", "États-Unis"],
      body: "Texte.",
    });
    expect(text).toBe(
      '---\ntitle: "L’Irak annonce la fin"\ndate: 2021-12-09\nsources: [AA, TRT FR]\nshortLink: https://turquie2023.com/Ivo58D\ntopics: [Irak, États-Unis]\n---\nTexte.\n',
    );
  });

  it("adds slug and draft, and the result parses as front matter", () => {
    const text = formatArticle({
      title: "Titre",
      date: "2021-12-09 15:10",
      sources: [],
      topics: [],
      slug: "titre-2",
      draft: true,
      body: "Texte.\n\n",
    });
    expect(text).toContain('date: "2021-12-09 15:10"\nsources: []\ntopics: []\nslug: titre-2\ndraft: true\n---\nTexte.\n');
    const parsed = parseFrontMatter(text);
    expect(parsed.ok && parsed.frontMatter.data).toEqual({ title: "Titre", date: "2021-12-09 15:10", sources: [], topics: [], slug: "titre-2", draft: true });
  });
});

describe("writeNewArticle", () => {
  const root = mkdtempSync(join(tmpdir(), "depeche-write-"));
  const content = join(root, "content");
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("refuses a symbolic link on the way down from the content folder, writing nothing where it leads", () => {
    const outside = join(root, "elsewhere");
    mkdirSync(outside);
    mkdirSync(join(content, "articles/2021"), { recursive: true });
    symlinkSync(outside, join(content, "articles/2021/12"));
    expect(() => writeNewArticle(content, join(content, "articles/2021/12/09-un.md"), "texte\n")).toThrow(
      /articles\/2021\/12 est un lien symbolique, à travers lequel Dépêche n’écrit jamais\u00a0: remplacez-le par le dossier lui-même$/,
    );
    expect(readdirSync(outside)).toEqual([]);
  });

  it("writes the file whole, and never over an existing one", () => {
    const path = join(content, "articles/2022/01/01-un.md");
    writeNewArticle(content, path, "texte\n");
    expect(readFileSync(path, "utf8")).toBe("texte\n");
    writeFileSync(path, "notes\n");
    expect(() => writeNewArticle(content, path, "autre\n")).toThrow(/01-un\.md existe déjà et n’est jamais écrasé$/);
    expect(readFileSync(path, "utf8")).toBe("notes\n");
    expect(readdirSync(join(content, "articles/2022/01"))).toEqual(["01-un.md"]);
  });

  it("refuses a path outside the content folder", () => {
    expect(() => writeNewArticle(content, join(root, "ailleurs.md"), "texte\n")).toThrow(/n’est pas dans .*content, le seul dossier où cette commande écrit$/);
  });
});
