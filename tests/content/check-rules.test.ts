import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

const NOW = Date.parse("2026-01-01T00:00:00Z");

async function errorsOf(a: TestArchive): Promise<string[]> {
  const result = await loadContent({ contentDir: a.dir, nowMs: NOW });
  return result.diagnostics.map(formatDiagnostic);
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
      expected: '5:16: error: unknown topic "Irack" (did you mean "Irak"?): use an entry of topics.yaml, or add one there',
    },
    {
      name: "unknown source with suggestion",
      spec: { sources: "[AA, TRT]" },
      expected: '4:15: error: unknown source "TRT" (did you mean "TRT FR"?): use an entry of sources.yaml, or add one there',
    },
    {
      name: "unknown key with suggestion",
      spec: { extra: "shortlink: https://turquie2023.com/x" },
      expected: '6:1: error: unknown key "shortlink" (did you mean "shortLink"?)',
    },
    { name: "typo topic: key", spec: { extra: "topic: Irak" }, expected: '6:1: error: unknown key "topic" (did you mean "topics"?)' },
    { name: "empty title", spec: { title: "" }, expected: '2:8: error: "title" is empty: write the headline' },
    { name: "title too long", spec: { title: "x".repeat(201) }, expected: '2:8: error: "title" is longer than 200 characters' },
    { name: "invalid date", spec: { date: "2021-02-30" }, expected: '3:7: error: "date" is not a valid date: "2021-02-30"' },
    { name: "date as a number", spec: { date: "2021" }, expected: '3:7: error: "date" must be a date such as 2021-12-09' },
    { name: "updated before date", spec: { extra: "updated: 2021-12-08" }, expected: '6:10: error: "updated" (2021-12-08) is before "date" (2021-12-09)' },
    { name: "shortLink not https", spec: { extra: "shortLink: http://turquie2023.com/x" }, expected: '6:12: error: "shortLink" must be an absolute https URL' },
    { name: "slug with capitals", spec: { extra: "slug: Mon-Slug" }, expected: '6:7: error: "slug" may only hold lower-case letters' },
    { name: "draft not boolean", spec: { extra: "draft: oui" }, expected: '6:8: error: "draft" must be true or false' },
    { name: "alias with ..", spec: { extra: "aliases: [/2021/../../etc/]" }, expected: "6:11: error: an alias may not contain . or .. segments" },
    { name: "alias with a host", spec: { extra: "aliases: [https://evil.example/x]" }, expected: "6:11: error: an alias must be a path on this site" },
    {
      name: "slug longer than a file name",
      spec: { extra: `slug: ${"a".repeat(221)}` },
      expected: '6:7: error: "slug" is longer than 220 characters, more than a file name can hold: shorten it',
    },
    {
      name: "slug Windows keeps for a device",
      spec: { extra: "slug: prn" },
      expected: '6:7: error: "slug" is a name Windows keeps for devices (con, prn, aux, nul, com0 to com9, lpt0 to lpt9)',
    },
    {
      name: "alias with a device name",
      spec: { extra: "aliases: [/2021/12/09/con/]" },
      expected: '6:11: error: "con" in an alias is a name Windows keeps for devices',
    },
    {
      name: "alias segment ending in a dot",
      spec: { extra: "aliases: [/2021/12/09/fin./]" },
      expected: '6:11: error: a segment of an alias may not end with a dot ("fin.")',
    },
    {
      name: "alias segment longer than a file name",
      spec: { extra: `aliases: [/${"a".repeat(221)}/]` },
      expected: "6:11: error: a segment of an alias is at most 220 characters long",
    },
    { name: "alias with a broken escape", spec: { extra: "aliases: [/caf%E/]" }, expected: "6:11: error: an alias must be a path on this site" },
    {
      name: "date in the year 9999",
      spec: { date: "9999-12-31T23:59:00-12:00" },
      expected: '3:7: error: "date" is in the year 9999: Dépêche accepts the years 1900 to 2100; check the year',
    },
    { name: "date in the year 0001", spec: { date: "0001-01-01" }, expected: '3:7: error: "date" is in the year 0001: Dépêche accepts the years 1900 to 2100' },
    {
      name: "updated in the year 2101",
      spec: { extra: "updated: 2101-01-01" },
      expected: '6:10: error: "updated" is in the year 2101: Dépêche accepts the years 1900 to 2100',
    },
    { name: "empty sources list", spec: { sources: "[]" }, expected: '4:10: error: "sources" must list at least one entry' },
    { name: "empty body", spec: { body: "" }, expected: "7:1: error: the article has no text" },
    { name: "body placeholder", spec: { body: "Chapô.\n\nÉcrivez ici le texte de l’article." }, expected: "9:1: error: the body still holds the placeholder" },
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

  it("names each missing required key at line 1", async () => {
    archive = makeArchive();
    archive.article("a.md", "---\ntitle: Sans date\n---\nTexte.\n");
    const errors = await errorsOf(archive);
    const file = archive.display("articles/a.md");
    expect(errors).toEqual([
      `${file}:1:1: error: missing required key "date": add a line such as date: 2021-12-09 or date: 2021-12-09T15:10:00+01:00`,
      `${file}:1:1: error: missing required key "sources": add a line such as sources: [AA, TRT FR] with codes from sources.yaml`,
      `${file}:1:1: error: missing required key "topics": add a line such as topics: [Irak, Défense] with entries of topics.yaml`,
    ]);
  });

  it("reports a file without front matter, and one with invalid YAML, at their lines", async () => {
    archive = makeArchive();
    archive.article("a.md", "Juste du texte.\n");
    archive.article("b.md", "---\ntitle: [oops\ndate: 2021-12-09\n---\nTexte.\n");
    const errors = await errorsOf(archive);
    expect(errors[0]).toBe(
      `${archive.display("articles/a.md")}:1:1: error: no front matter: the file must start with a line "---", then the YAML keys (title, date, sources, topics), then "---"`,
    );
    expect(errors[1]).toMatch(new RegExp(`^${archive.display("articles/b.md")}:\\d+:\\d+: error: invalid YAML: `));
  });

  it("refuses a file that is not UTF-8, and accepts a BOM and CRLF", async () => {
    archive = makeArchive();
    archive.article("latin1.md", Buffer.from(articleText({ title: "Été" }), "latin1").toString("binary"));
    archive.write("articles/latin1.md", Buffer.from(articleText({ title: "Été à Bagdad" }), "latin1"));
    archive.write("articles/bom.md", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(articleText({ title: "Avec BOM" }).replace(/\n/g, "\r\n"))]));
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      `${archive.display("articles/latin1.md")}:1:1: error: file is not valid UTF-8: save it as UTF-8 in your editor`,
    ]);
    const loaded = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(loaded.content).toBeUndefined();
  });

  it("reports every error in every file in one run, sorted by path and line", async () => {
    archive = makeArchive();
    archive.article("b.md", { topics: "[Irack]", extra: "shortlink: x" });
    archive.article("a.md", { sources: "[AFP]" });
    const errors = await errorsOf(archive);
    expect(errors.map((e) => e.split(": error")[0])).toEqual([
      `${archive.display("articles/a.md")}:4:11`,
      `${archive.display("articles/b.md")}:5:10`,
      `${archive.display("articles/b.md")}:6:1`,
    ]);
  });
});

describe("control characters in text that pages show: an error at the character itself", () => {
  const held = (key: string, code: string) =>
    `error: "${key}" holds the control character ${code} here: delete it (retype the text around it if it is invisible)`;
  const cases: { name: string; spec: Parameters<TestArchive["article"]>[1]; expected: string }[] = [
    { name: "ESC as a JSON-style escape in a quoted title", spec: { title: "L’Irak\u001b[31m" }, expected: `2:15: ${held("title", "U+001B")}` },
    { name: "BEL typed raw in a plain summary", spec: { extra: "summary: Bagdad\u0007 annonce" }, expected: `6:16: ${held("summary", "U+0007")}` },
    { name: "YAML's \\e escape after an escaped quote", spec: { extra: 'summary: "Il a dit \\"oui\\"\\e"' }, expected: `6:27: ${held("summary", "U+001B")}` },
    { name: "NEL (C1) as YAML's \\N", spec: { extra: 'summary: "a b\\Nc"' }, expected: `6:14: ${held("summary", "U+0085")}` },
    { name: "DEL as \\x7f", spec: { extra: 'summary: "\\x7f"' }, expected: `6:11: ${held("summary", "U+007F")}` },
    { name: "a quote doubled in single quotes", spec: { extra: "summary: 'l''\u0001'" }, expected: `6:14: ${held("summary", "U+0001")}` },
    { name: "on the second line of a block scalar", spec: { extra: "summary: |\n  ligne un\n  deux \u0002" }, expected: `8:8: ${held("summary", "U+0002")}` },
    { name: "on a folded line of a plain scalar", spec: { extra: "summary: un\n    deux\u0003" }, expected: `7:9: ${held("summary", "U+0003")}` },
    { name: "a carriage return as \\r, even where trimming would remove it", spec: { title: "Titre\r" }, expected: `2:14: ${held("title", "U+000D")}` },
    {
      name: "in the body, at its line and column",
      spec: { body: "Premier paragraphe.\n\nDeux \u001b[2J" },
      expected: "9:6: error: the text holds the control character U+001B here",
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

  it("accepts tabs and line breaks", async () => {
    archive = makeArchive();
    archive.article("a.md", { extra: 'summary: "Un\\tdeux\\ntrois"', body: "Un\tdeux\n\ntrois" });
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
      `${archive.display("sources.yaml")}:1:1: error: file contains a NUL byte: it is binary or damaged; re-save it as plain UTF-8 text`,
      `${archive.display("topics.yaml")}:2:13: ${held("label", "U+0085")}`,
      `${archive.display("topics.yaml")}:3:18: ${held("description", "U+009B")}`,
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
      `${archive.display("articles/b.md")}:2:8: error: same URL /2021/12/09/meme-titre/ as ${archive.display("articles/a.md")}: change the title or add a distinct "slug"`,
    ]);
  });

  it("refuses two articles with the same short link", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un", extra: "shortLink: https://turquie2023.com/Ivo58D" });
    archive.article("b.md", { title: "Deux", extra: "shortLink: https://turquie2023.com/Ivo58D" });
    const errors = await errorsOf(archive);
    expect(errors).toEqual([
      `${archive.display("articles/b.md")}:6:12: error: short link https://turquie2023.com/Ivo58D is already used by ${archive.display("articles/a.md")}: each article has its own share link`,
    ]);
  });

  it("refuses an alias that is another article's URL", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    archive.article("b.md", { title: "Deux", extra: "aliases: [/2021/12/09/un/]" });
    const errors = await errorsOf(archive);
    expect(errors).toEqual([
      `${archive.display("articles/b.md")}:6:11: error: alias /2021/12/09/un/ is the URL of ${archive.display("articles/a.md")}: a redirect there would hide a page; remove it`,
    ]);
  });
});

describe("an alias never takes a path the site writes", () => {
  const file = () => archive.display("articles/2021/12/09-a.md");
  it.each([
    ["/index.html", "alias /index.html is the address of /, which the site writes itself: a redirect there would hide it; remove it"],
    ["/", "alias / is the address of /, which the site writes itself"],
    ["/404.html", "alias /404.html is the address of /404.html, which the site writes itself"],
    ["/feed.xml", "alias /feed.xml/ would be written inside /feed.xml, a file the site writes itself: remove it"],
    ["/feed.json/", "alias /feed.json/ would be written inside /feed.json, a file the site writes itself"],
    ["/sitemap.xml", "alias /sitemap.xml/ would be written inside /sitemap.xml, a file the site writes itself"],
    ["/sitemap-news.xml", "alias /sitemap-news.xml/ would be written inside /sitemap-news.xml"],
    ["/robots.txt", "alias /robots.txt/ would be written inside /robots.txt"],
    ["/_redirects", "alias /_redirects/ would be written inside /_redirects"],
    ["/style.css", "alias /style.css/ would be written inside /style.css"],
    ["/recherche.js/x/", "alias /recherche.js/x/ would be written inside /recherche.js"],
    ["/sujets/irak/feed.xml", "alias /sujets/irak/feed.xml/ would be written inside /sujets/irak/feed.xml"],
    ["/sujets/economie/feed.xml", "alias /sujets/economie/feed.xml/ would be written inside /sujets/economie/feed.xml"],
    ["/pagefind/", "alias /pagefind/ lies in /pagefind/, the folder of the search index: remove it"],
    ["/pagefind/2021/pagefind.js", "alias /pagefind/2021/pagefind.js/ lies in /pagefind/"],
    ["/2021/12/09/", "alias /2021/12/09/ is the address of /2021/12/09/, which the site writes itself"],
    ["/2021/12/", "alias /2021/12/ is the address of /2021/12/"],
    ["/2021/", "alias /2021/ is the address of /2021/"],
    ["/sujets/", "alias /sujets/ is the address of /sujets/"],
    ["/sources/trt-fr/", "alias /sources/trt-fr/ is the address of /sources/trt-fr/"],
    ["/recherche/index.html", "alias /recherche/index.html is the address of /recherche/"],
    ["/2021/12/09/a/index.html", "alias /2021/12/09/a/index.html is this article's own URL: a redirect there would hide a page; remove it"],
    ["/2021/12/09/A/", "alias /2021/12/09/A/ is this article's own URL (as /2021/12/09/a/: disks and servers don't tell them apart)"],
    ["/Feed.XML", "alias /Feed.XML/ would be written inside /feed.xml"],
    ["/SUJETS/Irak/", "alias /SUJETS/Irak/ is the address of /sujets/irak/, which the site writes itself (as /sujets/irak/"],
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
      "alias /sujets/irak/page/2/ is the address of /sujets/irak/page/2/, which the site writes itself: a redirect there would hide it; remove it",
      "alias /sources/aa/page/2/ is the address of /sources/aa/page/2/, which the site writes itself: a redirect there would hide it; remove it",
    ]);
  });

  it("refuses two aliases that are one file, even written differently, and one inside another", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un", extra: "aliases: [/ancien/, /ancien/index.html, /vieux.html, /vieux.html/page/]" });
    archive.article("b.md", { title: "Deux", extra: "aliases: [/Ancien/, /caf%C3%A9/, /CAFE%CC%81/]" });
    const errors = await errorsOf(archive);
    expect(errors.map((e) => e.replace(/^.*\/(\w\.md:\d+:\d+): error: /, "$1 "))).toEqual([
      "a.md:6:21 alias /ancien/index.html is listed twice (as /ancien/: disks and servers don't tell them apart): remove one",
      "a.md:6:54 alias /vieux.html/page/ would be written inside /vieux.html, an alias of this article: remove it",
      `b.md:6:11 alias /Ancien/ is already an alias of ${archive.display("articles/a.md")} (as /ancien/: disks and servers don't tell them apart): an old URL can redirect to one article only`,
      "b.md:6:34 alias /CAFE%CC%81/ is listed twice (as /caf%C3%A9/: disks and servers don't tell them apart): remove one",
    ]);
  });
});

describe("values are read for what they mean, not how they are spelled", () => {
  it.each(["+99:00", "+24:00", "+01:99"])("refuses the UTC offset %s in date and updated, at each value, saying which offsets exist", async (offset) => {
    archive = makeArchive();
    archive.article("a.md", { date: `2021-12-09T10:00:00${offset}`, extra: `updated: 2021-12-10T10:00:00${offset}` });
    const errors = await errorsOf(archive);
    const fix = `the UTC offset ${offset} does not exist: write one from -12:00 to +14:00, minutes 00 to 59, such as +01:00 (Paris in winter) or +02:00 (in summer)`;
    expect(errors).toEqual([
      `${archive.display("articles/a.md")}:3:7: error: "date" is not a valid date: "2021-12-09T10:00:00${offset}"; ${fix}`,
      `${archive.display("articles/a.md")}:6:10: error: "updated" is not a valid date: "2021-12-10T10:00:00${offset}"; ${fix}`,
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
      `${archive.display("articles/b.md")}:6:12: error: short link ${link} is already used by ${archive.display("articles/a.md")} (as https://turquie2023.com/Ivo58D): each article has its own share link`,
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

describe("registries", () => {
  it("refuses duplicate topic slugs and source codes", async () => {
    archive = makeArchive({
      "topics.yaml": "- slug: irak\n  label: Irak\n- slug: irak\n  label: Irak bis\n",
      "sources.yaml": "- code: AA\n  name: A\n  url: https://a.example\n- code: aa\n  name: B\n  url: https://b.example\n",
    });
    const errors = await errorsOf(archive);
    expect(errors).toEqual([
      `${archive.display("sources.yaml")}:4:9: error: source code "aa" is already used by source 1 ("AA"): give each agency its own code`,
      `${archive.display("topics.yaml")}:3:9: error: topic slug "irak" is already used by topic 1 ("irak"): each topic needs its own slug and label`,
    ]);
  });

  it("refuses a topic slug that Windows keeps for a device or longer than a file name", async () => {
    archive = makeArchive({
      "topics.yaml": `- slug: nul\n  label: Nul\n- slug: ${"a".repeat(221)}\n  label: Long\n- slug: irak\n  label: Irak\n- slug: defense\n  label: Défense\n`,
    });
    const errors = await errorsOf(archive);
    expect(errors).toEqual([
      `${archive.display("topics.yaml")}:1:9: error: a topic "slug" may not be a name Windows keeps for devices (con, prn, aux, nul, com0 to com9, lpt0 to lpt9), where its pages could not be written: add a word, e.g. nul-1`,
      `${archive.display("topics.yaml")}:3:9: error: a topic "slug" is at most 220 characters long, more than a file name can hold: shorten it`,
    ]);
  });

  it("gives a source whose code Windows keeps for a device a page of its own", async () => {
    archive = makeArchive({ "sources.yaml": "- code: AUX\n  name: Auxiliaire\n  url: https://aux.example\n- code: AA\n  name: A\n  url: https://a.example\n" });
    archive.article("a.md", { sources: "[AUX]" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics).toEqual([]);
    expect(result.content?.sources.map((s) => s.slug)).toEqual(["aux-1", "aa"]);
  });

  it("refuses an unknown timezone and a relative baseUrl", async () => {
    archive = makeArchive({ "site.yaml": "title: T\nbaseUrl: /archives\nlocale: fr\ntimezone: Europe/Pariss\n" });
    const errors = await errorsOf(archive);
    expect(errors).toEqual([
      `${archive.display("site.yaml")}:2:10: error: "baseUrl" must be an absolute http(s) URL without user name, query or fragment, such as https://archives.example.org`,
      `${archive.display("site.yaml")}:4:11: error: "timezone" is not a known IANA timezone: use a name such as Europe/Paris`,
    ]);
  });

  it("suggests the right key for a typo in site.yaml", async () => {
    archive = makeArchive({ "site.yaml": "title: T\nbaseURL: https://a.example\nlocale: fr\ntimezone: Europe/Paris\n" });
    const errors = await errorsOf(archive);
    expect(errors).toContain(
      `${archive.display("site.yaml")}:2:1: error: unknown key "baseURL" (did you mean "baseUrl"?); the keys are title, baseUrl, locale, timezone, description`,
    );
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
        new RegExp(`^${archive.display("articles/a.md")}:3:7: warning: daté dans le futur \\(${soon}T00:00:00\\+0[12]:00\\) : l’article est retenu`),
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
    expect(result.diagnostics[0]?.message).toContain('"summary" is 399 characters long');
  });
});

describe("a draft: what is yet to be written is a warning, what is written wrong an error", () => {
  const inDraft = ' (a warning in a draft, an error once "draft" is removed)';
  it.each([
    {
      name: "empty sources",
      spec: { sources: "[]" },
      expected: `4:10: warning: "sources" is empty: list the codes of sources.yaml, e.g. sources: [AA, TRT FR]${inDraft}`,
    },
    {
      name: "blank topics",
      spec: { topics: '""' },
      expected: `5:9: warning: "topics" is empty: list entries of topics.yaml, e.g. topics: [Irak, Défense]${inDraft}`,
    },
    {
      name: "null topics",
      spec: { topics: "" },
      expected: `5:9: warning: "topics" is empty: list entries of topics.yaml, e.g. topics: [Irak, Défense]${inDraft}`,
    },
    {
      name: "empty summary",
      spec: { extra: 'draft: true\nsummary: ""' },
      expected: `7:10: warning: "summary" is empty: write the standfirst or remove the key${inDraft}`,
    },
    { name: "empty body", spec: { body: "" }, expected: `8:1: warning: the article has no text: write the body below the closing ---${inDraft}` },
  ])("$name: a warning, and the draft is kept", async ({ spec, expected }) => {
    archive = makeArchive();
    archive.article("a.md", { extra: "draft: true", ...spec });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([`${archive.display("articles/a.md")}:${expected}`]);
    expect(result.content?.articles.map((a) => a.draft)).toEqual([true]);
  });

  it("warns about missing sources and topics at the top of the file", async () => {
    archive = makeArchive();
    archive.article("a.md", '---\ntitle: "Brouillon"\ndate: 2021-12-09\ndraft: true\n---\nTexte.\n');
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column}`)).toEqual(["warning 1:1", "warning 1:1"]);
    expect(result.content?.articles[0]).toMatchObject({ draft: true, sources: [], topics: [] });
  });

  it.each([
    { name: "unknown topic", spec: { topics: "[Irack]" }, expected: /^5:10: error: unknown topic "Irack"/ },
    { name: "bad date", spec: { date: "2021-13-45" }, expected: /^3:7: error: "date" is not a valid date/ },
    { name: "malformed short link", spec: { extra: "draft: true\nshortLink: http://x" }, expected: /^7:12: error: "shortLink" must be an absolute https URL/ },
    { name: "control character", spec: { body: "Texte\u0007." }, expected: /^8:6: error: the text holds the control character/ },
    { name: "unknown key", spec: { extra: "draft: true\nsoruces: [AA]" }, expected: /^7:1: error: unknown key "soruces"/ },
    { name: "empty entry in a list", spec: { sources: '[AA, ""]' }, expected: /^4:\d+: error: an entry of "sources" is empty/ },
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
      `${archive.display("articles/b.md")}:6:26: warning: cet alias dépasse les 2\u202f000 redirections que Cloudflare Pages lit dans _redirects (le site en a 2\u202f002) : au-delà, Cloudflare ignore les règles, et ces anciennes adresses ne sont servies que par leur page de redirection (meta refresh), sans code 301 ; Netlify n’a pas cette limite`,
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
