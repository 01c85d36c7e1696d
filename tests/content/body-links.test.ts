import { afterEach, describe, expect, it } from "vitest";
import { linksReachArticles } from "../../src/content/body-links.ts";
import { loadContent } from "../../src/content/load.ts";
import { articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

const NOW = Date.parse("2026-01-01T00:00:00Z");

async function problems(a: TestArchive): Promise<{ severity: string; file: string; line: number; column: number; message: string }[]> {
  return (await loadContent({ contentDir: a.dir, nowMs: NOW })).diagnostics;
}

function archiveWithTarget(): TestArchive {
  const a = makeArchive();
  a.article("2021/12/08-cible.md", { title: "La mission de combat prend fin", date: "2021-12-08" });
  return a;
}

describe("links between article bodies", () => {
  it("accepts links to articles, aliases, topics, days and feeds the site writes", async () => {
    archive = archiveWithTarget();
    archive.article("2021/12/08-alias.md", { title: "Autre", date: "2021-12-08", extra: "aliases: [/ancienne/adresse/]" });
    const body =
      "[a](/2021/12/08/la-mission-de-combat-prend-fin/#suite) [b](/ancienne/adresse/) [c](/sujets/irak/) [d](/2021/12/08/) [e](/feed.xml) [f](/2021/12/08/la-mission-de-combat-prend-fin)";
    archive.article("2021/12/09-source.md", { title: "Source", body });
    expect(await problems(archive)).toEqual([]);
  });

  it("accepts a link to an escaped alias however it is written, as servers decode both", async () => {
    archive = archiveWithTarget();
    archive.article("2021/12/08-alias.md", { title: "Autre", date: "2021-12-08", extra: "aliases: [/2020/caf%C3%A9/, /2020/100%2525/]" });
    // Decoded once, as servers do: `/2020/100%2525/` is the folder `100%25`.
    const body = "[a](/2020/caf%C3%A9/) [b](/2020/caf%c3%a9/) [c](/2020/café/) [d](../../../../2020/caf%C3%A9/) [e](/2020/100%2525/)";
    archive.article("2021/12/09-source.md", { title: "Source", body });
    expect(await problems(archive)).toEqual([]);
  });

  it("reads a destination as the page's link has it: parentheses balanced, entities decoded, dot segments resolved", async () => {
    archive = archiveWithTarget();
    const body = [
      "[a](/2021/12/08/./la-mission-de-combat-prend-fin/) [b](/2021/12/07/../08/la-mission-de-combat-prend-fin/) [c](/sujets/&#105;rak/) [d](./../../08/la-mission-de-combat-prend-fin/)",
      "",
      "[g](/2021/12/08/la-fin-(suite)/) [h](/sujets/caf&eacute;/) [i](/2021/12/08/./absente/)",
    ].join("\n");
    archive.article("2021/12/09-source.md", { title: "Source", body });
    const found = await problems(archive);
    expect(found.map((d) => [d.line, d.column, d.message.split(",")[0]])).toEqual([
      [9, 5, "lien vers /2021/12/08/la-fin-(suite)/"],
      [9, 38, "lien vers /sujets/café/"],
      [9, 64, "lien vers /2021/12/08/./absente/"],
    ]);
  });

  it("refuses a link to no page, at the link's line and column in the file, and suggests the nearest article of that day", async () => {
    archive = archiveWithTarget();
    archive.article("2021/12/09-source.md", { title: "Source", body: "Un paragraphe.\n\nLire aussi [la fin](/2021/12/08/la-mission-de-combat-prend-fn/)." });
    const found = await problems(archive);
    // The front matter takes lines 1 to 6: the body's third line is the file's ninth.
    expect(found).toEqual([
      {
        severity: "error",
        file: archive.display("articles/2021/12/09-source.md"),
        line: 9,
        column: 21,
        message: fr`lien vers /2021/12/08/la-mission-de-combat-prend-fn/, une page que le site n’a pas (vouliez-vous dire /2021/12/08/la-mission-de-combat-prend-fin/ ?) : corrigez l’adresse ou retirez le lien`,
      },
    ]);
  });

  it("says of an image the site does not have that it is an image, and sends a photo of the archive to the « image » field", async () => {
    archive = archiveWithTarget();
    archive.write("images/2021/12/soldats.jpg", "une photo");
    archive.article("2021/12/09-source.md", {
      title: "Source",
      body: "![Des soldats](/images/2021/12/soldats.jpg)\n\n![Un logo](/logo-absent.png) et [le logo](/logo-absent.png)",
    });
    expect((await problems(archive)).map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      {
        line: 7,
        column: 16,
        message: fr`image /images/2021/12/soldats.jpg, un fichier que le site n’a pas : une photo de l’archive (content/images/) ne paraît que par le champ « image » de l’en-tête, qui en fait une taille pour chaque écran ; donnez-la là, avec alt et credit (voir le README), et retirez l’image du texte`,
      },
      // The same address as an image and as a link: the image is the one that fails to show.
      {
        line: 9,
        column: 12,
        message: fr`image /logo-absent.png, un fichier que le site n’a pas : corrigez l’adresse ou retirez l’image ; une photo de l’article se donne dans le champ « image » de l’en-tête (voir le README)`,
      },
      {
        line: 9,
        column: 43,
        message: fr`image /logo-absent.png, un fichier que le site n’a pas : corrigez l’adresse ou retirez l’image ; une photo de l’article se donne dans le champ « image » de l’en-tête (voir le README)`,
      },
    ]);
  });

  it("tells an image as an image in a file that has other errors too, whose body is not kept", async () => {
    archive = archiveWithTarget();
    archive.article("2021/12/09-source.md", {
      title: "Source",
      topics: "[Irack]",
      body: "![Des soldats](/images/2021/12/soldats.jpg)\n\n![Les mêmes](images/2021/12/soldats.jpg), écrite comme le champ « image » l’écrit",
    });
    const messages = (await problems(archive)).map((d) => d.message);
    expect(messages).toContainEqual(expect.stringContaining(fr`image /images/2021/12/soldats.jpg, un fichier que le site n’a pas : une photo de l’archive`));
    expect(messages).toContainEqual(
      expect.stringContaining(
        fr`image images/2021/12/soldats.jpg (/2021/12/09/source/images/2021/12/soldats.jpg), un fichier que le site n’a pas : une photo de l’archive`,
      ),
    );
    expect(messages.some((m) => m.startsWith("lien vers"))).toBe(false);
  });

  it("suggests the same slug on its real day when the link has the wrong date, and nothing when no page is close", async () => {
    archive = archiveWithTarget();
    archive.article("2021/12/09-source.md", { title: "Source", body: "[a](/2021/12/07/la-mission-de-combat-prend-fin/)\n\n[b](/2021/12/08/n-existe-pas/)" });
    const messages = (await problems(archive)).map((d) => d.message);
    expect(messages).toEqual([
      fr`lien vers /2021/12/07/la-mission-de-combat-prend-fin/, une page que le site n’a pas (vouliez-vous dire /2021/12/08/la-mission-de-combat-prend-fin/ ?) : corrigez l’adresse ou retirez le lien`,
      fr`lien vers /2021/12/08/n-existe-pas/, une page que le site n’a pas : corrigez l’adresse ou retirez le lien`,
    ]);
  });

  it("suggests the article of that day whose title the link shortens, as the guide writes it, or whose words it takes", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-irak.md", { title: "L’Irak annonce la fin de la mission de combat des forces de la Coalition internationale dans le pays" });
    archive.article("2021/12/09-liban.md", { title: "Le Liban annonce la fin de la grève" });
    archive.article("2021/12/10-source.md", {
      title: "Source",
      date: "2021-12-10",
      body: "[a](/2021/12/09/l-irak-annonce-la-fin/) [b](/2021/12/09/fin-mission-combat-irak/) [c](/2021/12/09/annonce-de-la-fin/)",
    });
    const irak = "/2021/12/09/l-irak-annonce-la-fin-de-la-mission-de-combat-des-forces-de-la-coalition-internationale-dans-le-pays/";
    expect((await problems(archive)).map((d) => d.message)).toEqual([
      fr`lien vers /2021/12/09/l-irak-annonce-la-fin/, une page que le site n’a pas (vouliez-vous dire ${irak} ?) : corrigez l’adresse ou retirez le lien`,
      fr`lien vers /2021/12/09/fin-mission-combat-irak/, une page que le site n’a pas (vouliez-vous dire ${irak} ?) : corrigez l’adresse ou retirez le lien`,
      // Its two words of three letters or more are in each title: the nearest in length.
      fr`lien vers /2021/12/09/annonce-de-la-fin/, une page que le site n’a pas (vouliez-vous dire /2021/12/09/le-liban-annonce-la-fin-de-la-greve/ ?) : corrigez l’adresse ou retirez le lien`,
    ]);
  });

  it("reads a relative link from the article's URL, as the guide's example: ../../08/ is the day before", async () => {
    archive = archiveWithTarget();
    archive.article("2021/12/09-source.md", {
      title: "Titre",
      body: "[a](../../08/la-mission-de-combat-prend-fin/) [b](../08/la-mission-de-combat-prend-fin/)",
    });
    expect((await problems(archive)).map((d) => d.message)).toEqual([
      fr`lien vers ../08/la-mission-de-combat-prend-fin/ (/2021/12/09/08/la-mission-de-combat-prend-fin/), une page que le site n’a pas : corrigez l’adresse ou retirez le lien`,
    ]);
  });

  it("suggests the nearest topic page for a mistyped one, and leaves a link written in code alone", async () => {
    archive = archiveWithTarget();
    archive.article("2021/12/09-source.md", { title: "Source", body: "[a](/sujets/irack/) et `[b](/nulle-part/)`" });
    expect((await problems(archive)).map((d) => d.message)).toEqual([
      fr`lien vers /sujets/irack/, une page que le site n’a pas (vouliez-vous dire /sujets/irak/ ?) : corrigez l’adresse ou retirez le lien`,
    ]);
  });

  it.each([
    ["/sources/trt/", "/sources/trt-fr/"],
    ["/sujets/def/", "/sujets/defense/"],
    ["/sources/trt-fr-x/", "/sources/trt-fr/"],
  ])("suggests, for %s, the page whose segment it starts or extends (%s) before a short slug a few letters away", async (link, meant) => {
    archive = archiveWithTarget();
    archive.article("2021/12/09-source.md", { title: "Source", body: `[a](${link})` });
    expect((await problems(archive)).map((d) => d.message)).toEqual([
      fr`lien vers ${link}, une page que le site n’a pas (vouliez-vous dire ${meant} ?) : corrigez l’adresse ou retirez le lien`,
    ]);
  });

  it("refuses a published article's link to a draft, and only warns about a draft's broken link", async () => {
    archive = makeArchive();
    const draft = "articles/2021/12/08-brouillon.md";
    archive.write(draft, articleText({ title: "Brouillon", date: "2021-12-08", extra: "draft: true", body: "[x](/2021/12/08/absent/)" }));
    archive.article("2021/12/09-source.md", { title: "Source", body: "[a](/2021/12/08/brouillon/)" });
    const found = await problems(archive);
    expect(found.map((d) => [d.severity, d.file === archive.display(draft), d.message])).toEqual([
      [
        "warning",
        true,
        fr`lien vers /2021/12/08/absent/, une page que le site n’a pas : corrigez l’adresse ou retirez le lien (un avertissement dans un brouillon, une erreur une fois « draft » retiré)`,
      ],
      [
        "error",
        false,
        fr`lien vers /2021/12/08/brouillon/, la page d’un brouillon (${archive.display(draft)}) qui ne sera pas publiée : retirez le lien, ou publiez cet article en retirant « draft »`,
      ],
    ]);
  });

  it("refuses a link to an article held back until a later date, and accepts it once that date has come", async () => {
    archive = makeArchive();
    const later = "articles/2026/01/20-embargo.md";
    archive.write(later, articleText({ title: "Embargo", date: "2026-01-20T08:00:00" }));
    archive.article("2021/12/09-source.md", { title: "Source", body: "Voir [la suite](/2026/01/20/embargo/)." });
    const found = await problems(archive);
    expect(found.filter((d) => d.severity === "error").map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`)).toEqual([
      fr`${archive.display("articles/2021/12/09-source.md")}:7:17: lien vers /2026/01/20/embargo/, la page d’un article daté dans le futur (${archive.display(later)}), retenu jusqu’au mardi 20${"\u00a0"}janvier 2026 à 8\u00a0h\u00a000 : retirez le lien, ou attendez sa parution pour publier celui-ci`,
    ]);
    const published = await loadContent({ contentDir: archive.dir, nowMs: Date.parse("2026-01-20T07:00:00Z") });
    expect(published.diagnostics).toEqual([]);
  });

  it("lets an article held back link to one that appears no later than it, and refuses one that appears after it", async () => {
    archive = makeArchive();
    archive.article("2026/01/20-embargo.md", { title: "Embargo", date: "2026-01-20T08:00:00" });
    archive.article("2026/01/25-suite.md", { title: "Suite", date: "2026-01-25T08:00:00", body: "Voir [l’embargo](/2026/01/20/embargo/)." });
    archive.article("2026/01/22-avant.md", { title: "Avant", date: "2026-01-22T08:00:00", body: "Voir [la suite](/2026/01/25/suite/)." });
    archive.article("2026/01/20-meme.md", { title: "Même heure", date: "2026-01-20T08:00:00", body: "Voir [l’embargo](/2026/01/20/embargo/)." });
    const found = await problems(archive);
    expect(found.filter((d) => d.severity === "error").map((d) => `${d.file.split("/").pop()}: ${d.message.split(",")[0]}`)).toEqual([
      "22-avant.md: lien vers /2026/01/25/suite/",
    ]);
    const { articles } = (await loadContent({ contentDir: archive.dir, nowMs: Date.parse("2026-01-26T00:00:00Z") })).content!;
    const byUrl = new Map(articles.map((a) => [a.url, a]));
    expect(linksReachArticles([byUrl.get("/2026/01/25/suite/")!, byUrl.get("/2026/01/20/meme-heure/")!], byUrl, NOW)).toBe(true);
  });

  it("never lets articles added to a checked archive skip the rules when they link to an article held back", async () => {
    archive = makeArchive();
    archive.article("2026/01/20-embargo.md", { title: "Embargo", date: "2026-01-20T08:00:00" });
    archive.article("2021/12/09-source.md", { title: "Source", body: "Voir [la suite](/2026/01/20/embargo/)." });
    const { articles } = (await loadContent({ contentDir: archive.dir, nowMs: Date.parse("2026-01-21T00:00:00Z") })).content!;
    const byUrl = new Map(articles.map((a) => [a.url, a]));
    const source = articles.filter((a) => a.links.length > 0);
    expect(linksReachArticles(source, byUrl, NOW)).toBe(false);
    expect(linksReachArticles(source, byUrl, Date.parse("2026-01-20T07:00:00Z"))).toBe(true);
  });

  it("checks relative links from the article's own address, a web address without https:// among them", async () => {
    archive = archiveWithTarget();
    const body =
      "[a](../../08/la-mission-de-combat-prend-fin/) [b](../../../../../sujets/irak/) [c](../../08/la-mission-de-combat-prend-fn/)\n\n[d](www.aa.com.tr/fr) [e](mailto:redaction@example.org) [f](#suite) [g](?q=1)";
    archive.article("2021/12/09-source.md", { title: "Source", body });
    expect((await problems(archive)).map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([
      fr`7:84: lien vers ../../08/la-mission-de-combat-prend-fn/ (/2021/12/08/la-mission-de-combat-prend-fn/), une page que le site n’a pas (vouliez-vous dire /2021/12/08/la-mission-de-combat-prend-fin/ ?) : corrigez l’adresse ou retirez le lien`,
      fr`9:5: lien vers www.aa.com.tr/fr (/2021/12/09/source/www.aa.com.tr/fr), une page que le site n’a pas : corrigez l’adresse ou retirez le lien`,
    ]);
  });

  it("leaves a link to an article with errors to that article's own error, not reported as a missing page", async () => {
    archive = makeArchive();
    archive.article("2021/12/08-cible.md", { title: "La cible", date: "2021-12-08", topics: "[Irack]" });
    archive.article("2021/12/09-source.md", { title: "Source", body: "[a](/2021/12/08/la-cible/) [b](/2021/12/08/autre/)" });
    expect((await problems(archive)).map((d) => `${d.file.split("/").pop()}: ${d.message.split(",")[0]}`)).toEqual([
      fr`08-cible.md: sujet inconnu « Irack » (vouliez-vous dire « Irak » ?) : utilisez une entrée de topics.yaml`,
      "09-source.md: lien vers /2021/12/08/autre/",
    ]);
  });

  it("checks the links of a file with another error in the same run, relative ones from its address when it is written right", async () => {
    archive = archiveWithTarget();
    archive.article("2021/12/10-l2.md", {
      title: "L2",
      date: "2021-12-10",
      topics: "[Irack]",
      body: "[lien](/2021/12/10/n-existe-pas-non-plus/) [b](../../08/autre/)",
    });
    // A draft's broken link is a warning, as in a valid draft; CRLF and a BOM change nothing.
    archive.write(
      "articles/2021/12/11-l3.md",
      `\uFEFF${articleText({ title: "L3", date: "2021-12-11", topics: "[Irack]", extra: "draft: true", body: "[c](/nulle-part/) `[d](/en-code/)`" }).replaceAll("\n", "\r\n")}`,
    );
    expect((await problems(archive)).map((d) => `${d.severity} ${d.file.split("/").pop()}:${d.line}:${d.column}: ${d.message.split(",")[0]}`)).toEqual([
      fr`error 10-l2.md:5:10: sujet inconnu « Irack » (vouliez-vous dire « Irak » ?) : utilisez une entrée de topics.yaml`,
      "error 10-l2.md:7:8: lien vers /2021/12/10/n-existe-pas-non-plus/",
      "error 10-l2.md:7:48: lien vers ../../08/autre/ (/2021/12/08/autre/)",
      fr`error 11-l3.md:5:10: sujet inconnu « Irack » (vouliez-vous dire « Irak » ?) : utilisez une entrée de topics.yaml`,
      "warning 11-l3.md:8:5: lien vers /nulle-part/",
    ]);
  });

  // The file 10-autre-nom.md holds « La fin »: its slug is known when its `slug` line or its title can be read.
  it.each([
    // With a comment on its line, the quotes it needs are in doubt: the front matter is not mended.
    ["an unquoted colon and a comment", "title: La suite : tout # à revoir\nslug: la-suite", []],
    // Without, it is read with the quotes: its URL is known, and a link to another day is refused.
    ["an unquoted colon", "title: La suite : tout\nslug: la-suite", ["lien vers /2021/12/09/la-suite/"]],
    ["a duplicated key", "title: La suite\ntitle: La suite", ["lien vers /2021/12/10/la-fin/"]],
    ["a date that can't be read", "title: La suite\ndate: demain", []],
  ])(
    "leaves a link that may reach a file whose address can't be read (%s) to its error, by its name or slug, and still refuses the others",
    async (_, lines, refused) => {
      archive = makeArchive();
      const yaml = `---\n${lines}\n${lines.includes("date:") ? "" : "date: 2021-12-10\n"}sources: [AA]\ntopics: [Irak]\n---\nTexte.\n`;
      archive.write("articles/2021/12/10-la-suite.md", yaml);
      archive.write("articles/2021/12/10-autre-nom.md", yaml.replace("la-suite", "la-fin").replace("title: La suite", "title: La fin"));
      archive.article("2021/12/11-renvoi.md", {
        title: "Renvoi",
        date: "2021-12-11",
        body: "[a](/2021/12/10/la-suite/) [b](/2021/12/09/la-suite/) [c](/2021/12/10/la-fin/) [d](/2021/12/10/autre-chose/)",
      });
      const found = (await problems(archive)).filter((d) => d.file.endsWith("renvoi.md"));
      expect(found.map((d) => d.message.split(",")[0])).toEqual([...refused, "lien vers /2021/12/10/autre-chose/"]);
    },
  );

  it("checks an address written whole on the site's own host as written from its root, and says to write it so", async () => {
    archive = archiveWithTarget();
    const draft = "articles/2021/12/08-brouillon.md";
    archive.write(draft, articleText({ title: "Brouillon", date: "2021-12-08", extra: "draft: true" }));
    archive.article("2021/12/09-source.md", {
      title: "Source",
      body: [
        // Reaching a page: nothing to say, whatever the scheme, case or www.
        "[a](https://archives.example.org/2021/12/08/la-mission-de-combat-prend-fin/) [b](http://WWW.Archives.Example.org/sujets/irak/#x) <https://archives.example.org/feed.xml>",
        "",
        "[c](https://archives.example.org/2021/12/08/la-mission-de-combat-prend-fn/) <https://archives.example.org/sujets/irack/>",
        "",
        "![Photo](HTTPS://www.archives.example.org/images/0123456789abcdef/photo-800.jpg) [d](//archives.example.org/2021/12/08/brouillon/)",
        "",
        // Another site, and the site's address in code: left alone.
        "[e](https://autre.example.org/2021/12/08/x/) `[f](https://archives.example.org/absent/)`",
      ].join("\n"),
    });
    const found = await problems(archive);
    expect(found.map(({ severity, line, column, message }) => ({ severity, line, column, message }))).toEqual([
      {
        severity: "error",
        line: 9,
        column: 5,
        message: fr`lien vers https://archives.example.org/2021/12/08/la-mission-de-combat-prend-fn/ (à écrire sans le site, depuis sa racine : /2021/12/08/la-mission-de-combat-prend-fn/), une page que le site n’a pas (vouliez-vous dire /2021/12/08/la-mission-de-combat-prend-fin/ ?) : corrigez l’adresse ou retirez le lien`,
      },
      {
        severity: "error",
        line: 9,
        column: 78,
        message: fr`lien vers https://archives.example.org/sujets/irack/ (à écrire sans le site, depuis sa racine : /sujets/irack/), une page que le site n’a pas (vouliez-vous dire /sujets/irak/ ?) : corrigez l’adresse ou retirez le lien`,
      },
      {
        severity: "error",
        line: 11,
        column: 10,
        message: fr`image HTTPS://www.archives.example.org/images/0123456789abcdef/photo-800.jpg (à écrire sans le site, depuis sa racine : /images/0123456789abcdef/photo-800.jpg), un fichier que le site n’a pas : une photo de l’archive (content/images/) ne paraît que par le champ « image » de l’en-tête, qui en fait une taille pour chaque écran ; donnez-la là, avec alt et credit (voir le README), et retirez l’image du texte`,
      },
      {
        severity: "error",
        line: 11,
        column: 86,
        message: fr`lien vers //archives.example.org/2021/12/08/brouillon/ (à écrire sans le site, depuis sa racine : /2021/12/08/brouillon/), la page d’un brouillon (${archive.display(draft)}) qui ne sera pas publiée : retirez le lien, ou publiez cet article en retirant « draft »`,
      },
    ]);
  });

  it("checks an address on the site's host under the site's path only, and a draft's as warnings", async () => {
    archive = archiveWithTarget();
    archive.write("site.yaml", 'title: "Archives de test"\nbaseUrl: https://user.example.io/depeche\nlocale: fr\ntimezone: Europe/Paris\n');
    archive.write(
      "articles/2021/12/09-source.md",
      articleText({
        title: "Source",
        extra: "draft: true",
        body: "[a](https://user.example.io/depeche/2021/12/08/la-mission-de-combat-prend-fin/) [b](https://user.example.io/autre/) [c](https://user.example.io/depeche/absent/)",
      }),
    );
    const found = await problems(archive);
    expect(found.map(({ severity, message }) => [severity, message.split(",")[0]])).toEqual([
      ["warning", fr`lien vers https://user.example.io/depeche/absent/ (à écrire sans le site`],
    ]);
  });

  it("makes an invalid archive of a broken link, so nothing is built", async () => {
    archive = archiveWithTarget();
    archive.article("2021/12/09-source.md", { title: "Source", body: "[a](/2021/12/08/n-existe-pas/)" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: NOW });
    expect(result.content).toBeUndefined();
  });
});
