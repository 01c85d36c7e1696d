import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { makeArchive, REGISTRY_URLS, SOURCES_YAML, TOPICS_YAML, type TestArchive } from "../helpers/archive.ts";
import { runInProcess } from "../helpers/cli.ts";
import { buildArchive, treeDigest } from "../helpers/site.ts";
import { depecheUnprivileged } from "../helpers/unprivileged.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

describe("a URL is published when a deploy records it, not when someone builds", () => {
  it("leaves urls.txt absent after a plain build, and a build with drafts", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    archive.article("b.md", { title: "Brouillon", extra: "draft: true" });
    expect((await buildArchive(archive)).result.ok).toBe(true);
    expect((await buildArchive(archive, { drafts: true })).result.ok).toBe(true);
    expect(readdirSync(archive.dir).sort()).toEqual(["articles", "site.yaml", "sources.yaml", "topics.yaml"]);
  });

  it("leaves urls.txt byte for byte after a plain build, so a title fixed before pushing is no published URL", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    const manifest = "# nos notes\n/2021/12/09/un/\n";
    archive.write("urls.txt", manifest);
    archive.article("b.md", { title: "Deux" });
    expect((await buildArchive(archive)).result.ok).toBe(true);
    archive.article("b.md", { title: "Deux, corrigé" });
    expect((await buildArchive(archive)).result.ok).toBe(true);
    expect(readFileSync(join(archive.dir, "urls.txt"), "utf8")).toBe(manifest);
  });

  it("appends the URLs it lacks with --record-urls (through the command)", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    archive.article("b.md", { title: "Brouillon", extra: "draft: true" });
    const out = join(archive.root, "_site");
    const r = await runInProcess("build", runBuild, ["--no-cache", "--content", archive.dir, "--out", out, "--no-search", "--record-urls"]);
    expect(r.status, r.stderr).toBe(0);
    expect(
      readFileSync(join(archive.dir, "urls.txt"), "utf8")
        .split("\n")
        .filter((l) => l.startsWith("/")),
    ).toEqual(["/2021/12/09/un/", ...REGISTRY_URLS.trim().split("\n")]);
  });

  it("refuses --record-urls with --drafts: exit 2, nothing written", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    const out = join(archive.root, "_site");
    const r = await runInProcess("build", runBuild, ["--no-cache", "--content", archive.dir, "--out", out, "--record-urls", "--drafts"]);
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(fr`depeche build: --record-urls et --drafts ne vont pas ensemble : les brouillons ne sont jamais publiés`);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(archive.dir, "urls.txt"))).toBe(false);
  });
});

describe("urls.txt keeps what people wrote", () => {
  it("keeps every comment, note, blank line and their order, and only appends the URLs it lacks, sorted", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un", extra: "aliases: [/ancien/]" });
    archive.article("b.md", { title: "Trois" });
    archive.article("c.md", { title: "Deux" });
    // The last line has no line end: the next URL must still start a line of its own.
    const written =
      "# Adresses publiées : ne rien effacer\n\n/2021/12/09/un/   publiée le 9, voir le ticket 42\n# retraits\n! /2021/12/09/vieux/ retiré exprès\n! /sujets/economie/\n/ancien/";
    archive.write("urls.txt", written);
    expect((await buildArchive(archive, { recordUrls: true })).result.ok).toBe(true);
    const path = join(archive.dir, "urls.txt");
    expect(readFileSync(path, "utf8")).toBe(`${written}\n/2021/12/09/deux/\n/2021/12/09/trois/\n${REGISTRY_URLS.replace("/sujets/economie/\n", "")}`);

    const modified = statSync(path).mtimeMs;
    expect((await buildArchive(archive, { recordUrls: true })).result.ok).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(`${written}\n/2021/12/09/deux/\n/2021/12/09/trois/\n${REGISTRY_URLS.replace("/sujets/economie/\n", "")}`);
    expect(statSync(path).mtimeMs).toBe(modified);
  });
});

describe("the build never writes through a link nor leaves urls.txt cut", () => {
  it("refuses a urls.txt that is a symbolic link, and leaves the file it points to as it was", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    archive.article("b.md", { title: "Deux" });
    const outside = join(archive.root, "elsewhere.txt");
    writeFileSync(outside, "# un autre fichier\n/2021/12/09/un/\n");
    symlinkSync(outside, join(archive.dir, "urls.txt"));
    const built = await buildArchive(archive, { recordUrls: true });
    expect(built.result.ok).toBe(false);
    expect(built.result.diagnostics.map(formatDiagnostic)).toEqual([
      fr`${archive.display("urls.txt")}:1:1: error: les liens symboliques ne sont pas suivis : mettez le fichier lui-même dans le dossier du contenu`,
    ]);
    expect(readFileSync(outside, "utf8")).toBe("# un autre fichier\n/2021/12/09/un/\n");
    expect(existsSync(built.out)).toBe(false);
  });

  it("fails with one line when urls.txt can't be written, leaving it and the previous site whole (through bin/depeche.js)", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    const manifest = "# nos notes\n/2021/12/09/un/ la première\n";
    archive.write("urls.txt", manifest);
    // The site's folder is open to the unprivileged user; the content folder is not writable.
    const www = join(archive.root, "www");
    mkdirSync(www, { mode: 0o777 });
    chmodSync(www, 0o777);
    const before = await buildArchive(archive, { outDir: join(www, "site") });
    expect(before.result.ok).toBe(true);
    const site = treeDigest(before.out);
    archive.article("b.md", { title: "Deux" });
    chmodSync(archive.dir, 0o555);
    const r = depecheUnprivileged(archive, ["build", "--no-cache", "--content", archive.dir, "--out", join(www, "site"), "--no-search", "--record-urls"]);
    chmodSync(archive.dir, 0o755);
    expect(r.stderr.split("\n").filter((l) => l.includes("error"))).toEqual([
      fr`depeche build: error: impossible d’écrire ${archive.display("urls.txt")} : permission refusée ; le fichier d’avant est inchangé`,
    ]);
    expect(r.status).toBe(1);
    expect(readFileSync(join(archive.dir, "urls.txt"), "utf8")).toBe(manifest);
    expect(treeDigest(before.out)).toBe(site);
    expect(readdirSync(www)).toEqual(["site"]);
  });
});

describe("a published URL taken away is an error at the article that moved it", () => {
  const recorded = "# nos notes\n/2021/12/09/un/\n";
  it.each([
    // Its headline corrected: the slug it had keeps its URL, the simplest fix.
    ["renamed", { title: "Un, corrigé" }, 2, "title", "/2021/12/09/un-corrige/", fr`pour lui garder son adresse, écrivez « slug: un » sous son titre ; ou `],
    ["re-dated", { title: "Un", date: "2021-12-10" }, 3, "date", "/2021/12/10/un/", ""],
    ["given another slug", { title: "Un", extra: "slug: premier" }, 6, "slug", "/2021/12/09/premier/", ""],
  ])("%s: at its line, naming the old URL and the fixes", async (_, spec, line, key, now, keep) => {
    archive = makeArchive({ "urls.txt": recorded });
    archive.article("2021/12/09-un.md", spec);
    const built = await buildArchive(archive);
    // Re-dated, it is also filed under its old day: that warning is article-place.test.ts's.
    expect(built.result.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic)).toEqual([
      fr`${archive.display("articles/2021/12/09-un.md")}:${line}:${key.length + 3}: error: /2021/12/09/un/ a été publiée, et « ${key} » de cet article l’a déplacée vers ${now} : ${keep}ajoutez « /2021/12/09/un/ » à ses « aliases » (une redirection), ou, pour la retirer exprès, mettez un « ! » au début de sa ligne, ${archive.display("urls.txt")}:2`,
    ]);
    expect(readFileSync(join(archive.dir, "urls.txt"), "utf8")).toBe(recorded);
  });

  it("renamed, keeps its URL with the slug the error gives, the page showing the corrected title", async () => {
    archive = makeArchive({ "urls.txt": recorded });
    archive.article("2021/12/09-un.md", { title: "Un, corrigé", extra: "slug: un" });
    const built = await buildArchive(archive);
    expect(built.result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(built.page("/2021/12/09/un/").querySelector("h1")?.textContent).toBe("Un, corrigé");
  });

  it.each([
    ["removed", () => archive.article("2021/12/09-deux.md", { title: "Deux" })],
    ["in a file named otherwise", () => archive.article("a.md", { title: "Un, corrigé" })],
  ])("%s: at the URL's line of urls.txt", async (_, write) => {
    archive = makeArchive({ "urls.txt": recorded });
    write();
    const built = await buildArchive(archive);
    expect(built.result.diagnostics.map(formatDiagnostic)).toEqual([
      fr`${archive.display("urls.txt")}:2:1: error: /2021/12/09/un/ a été publiée, mais aucun article n’a plus cette adresse : ajoutez-la aux « aliases » de l’article qui la remplace, ou, pour la retirer exprès, mettez un « ! » au début de cette ligne`,
    ]);
  });
});

describe("a published URL kept off the site, or left to another error", () => {
  const recorded = "# nos notes\n/2021/12/09/un/\n";
  const errors = (built: Awaited<ReturnType<typeof buildArchive>>): string[] =>
    built.result.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);

  it("made a draft: an error at its draft line, with both ways out", async () => {
    archive = makeArchive({ "urls.txt": recorded });
    archive.article("2021/12/09-un.md", { title: "Un", extra: "draft: true" });
    expect(errors(await buildArchive(archive))).toEqual([
      fr`${archive.display("articles/2021/12/09-un.md")}:6:8: error: /2021/12/09/un/ a été publiée : en brouillon, cet article la retirerait du site ; retirez « draft », ou, pour la retirer exprès le temps d’en décider, mettez un « ! » au début de sa ligne, ${archive.display("urls.txt")}:2`,
    ]);
    archive.write("urls.txt", `${recorded}! /2021/12/09/un/ en attente\n`);
    expect((await buildArchive(archive)).result.diagnostics).toEqual([]);
  });

  it("dated later the same day: an error at its date, not a page gone until then", async () => {
    archive = makeArchive({ "urls.txt": recorded });
    archive.article("2021/12/09-un.md", { title: "Un", date: "2021-12-09T18:00:00" });
    const built = await buildArchive(archive, { nowMs: Date.parse("2021-12-09T12:00:00Z") });
    expect(errors(built)).toEqual([
      fr`${archive.display("articles/2021/12/09-un.md")}:3:7: error: /2021/12/09/un/ a été publiée : daté du jeudi 9${"\u00a0"}décembre 2021 à 18\u00a0h\u00a000, cet article la retirerait du site jusque-là ; redonnez-lui sa date, ou, pour la retirer exprès, mettez un « ! » au début de sa ligne, ${archive.display("urls.txt")}:2`,
    ]);
  });

  it.each([
    ["still at its URL", { title: "Un", topics: "[Irack]" }],
    ["re-dated, its file named for the old URL", { title: "Un", date: "2021-12-10", topics: "[Irack]" }],
  ])("%s, with an error of its own: that error alone, not the URL said gone", async (_, spec) => {
    archive = makeArchive({ "urls.txt": recorded });
    archive.article("2021/12/09-un.md", spec);
    expect(errors(await buildArchive(archive)).map((e) => e.split(": error: ")[1]!.split(" (")[0])).toEqual([fr`sujet inconnu « Irack »`]);
  });

  it.each([
    ["its title's slug", "a.md", { title: "Un", date: "2021-02-30" }, "30 février"],
    ["its slug", "2021/12/09-a.md", { title: "Autre", date: "2021-12-32", extra: "slug: un" }, "32 décembre"],
  ])("in a file named otherwise whose date can't be read, holding it by %s: the date's error alone, as for a link to it", async (_, path, spec, day) => {
    archive = makeArchive({ "urls.txt": `${recorded}/2021/12/09/deux/\n` });
    archive.article(path, spec);
    archive.article("2021/12/09-trois.md", { title: "Trois", body: "Voir [un](/2021/12/09/un/)." });
    const found = errors(await buildArchive(archive));
    expect(found).toEqual([
      fr`${archive.display(`articles/${path}`)}:3:7: error: « date » : le ${day} n’existe pas ; vérifiez le jour et le mois`,
      // A URL no file may hold is still said gone.
      fr`${archive.display("urls.txt")}:3:1: error: /2021/12/09/deux/ a été publiée, mais aucun article n’a plus cette adresse : ajoutez-la aux « aliases » de l’article qui la remplace, ou, pour la retirer exprès, mettez un « ! » au début de cette ligne`,
    ]);
  });

  it("warns of a removal that names an article online, or no page of the site, at its line; one alone removes the URL it names", async () => {
    archive = makeArchive({
      "urls.txt": `${recorded}! /2021/12/09/un/\n! https://archives.example.org/2021/12/08/deux/ retiré\n! /2021/12/07/trois/\n/2021/12/08/deux/\n`,
    });
    archive.article("2021/12/09-un.md", { title: "Un" });
    const built = await buildArchive(archive);
    expect(built.result.ok).toBe(false);
    const file = archive.display("urls.txt");
    expect(built.result.diagnostics.map(formatDiagnostic)).toEqual([
      fr`${file}:3:1: warning: /2021/12/09/un/ est marquée retirée, mais ${archive.display("articles/2021/12/09-un.md")} est en ligne à cette adresse : effacez cette ligne (la ligne 2 publie l’adresse), sans quoi son retrait ne serait plus signalé`,
      fr`${file}:4:1: warning: « ! https://archives.example.org/2021/12/08/deux/ » ne retire rien : une adresse de ce fichier s’écrit sans domaine, à partir de la barre oblique ; écrivez « ! /2021/12/08/deux/ »`,
      fr`${file}:6:1: error: /2021/12/08/deux/ a été publiée, mais aucun article n’a plus cette adresse : ajoutez-la aux « aliases » de l’article qui la remplace, ou, pour la retirer exprès, mettez un « ! » au début de cette ligne`,
    ]);
  });
});

describe("a topic's or a source's published page never disappears silently", () => {
  // What a deploy records of the fixture's registries: every topic's page and every source's.
  const lists = ["/sujets/irak/", "/sujets/etats-unis/", "/sujets/defense/", "/sujets/terrorisme/", "/sujets/economie/", "/sources/aa/", "/sources/trt-fr/"];
  const recorded = `# nos notes\n/2021/12/09/un/\n${lists.join("\n")}\n`;
  const renamed = (extra = ""): string => TOPICS_YAML.replace("- slug: irak\n  label: Irak\n", `- slug: irak-guerre\n  label: Irak\n${extra}`);
  const errors = (built: Awaited<ReturnType<typeof buildArchive>>): string[] =>
    built.result.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);

  it("records each topic's and source's page, not their pages 2, 3… (which follow the articles)", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-un.md", { title: "Un" });
    expect((await buildArchive(archive, { recordUrls: true })).result.ok).toBe(true);
    const urls = readFileSync(join(archive.dir, "urls.txt"), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("/"));
    expect(urls).toEqual(["/2021/12/09/un/", ...lists].sort());
  });

  it("says nothing of a renamed topic while urls.txt holds only articles, as archives recorded before did", async () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/un/\n", "topics.yaml": renamed() });
    archive.article("2021/12/09-un.md", { title: "Un" });
    expect(errors(await buildArchive(archive))).toEqual([]);
  });

  it("a renamed topic's slug: an error at its slug's line of topics.yaml, naming the old URL and both fixes", async () => {
    archive = makeArchive({ "urls.txt": recorded, "topics.yaml": renamed() });
    archive.article("2021/12/09-un.md", { title: "Un" });
    expect(errors(await buildArchive(archive))).toEqual([
      fr`${archive.display("topics.yaml")}:1:9: error: /sujets/irak/ a été publiée, mais aucun sujet n’a plus le slug « irak » : si ce sujet le remplace, gardez-le en ancien slug (aliases: [irak]), une redirection, ou, pour retirer cette page exprès, écrivez « ! /sujets/irak/ » dans urls.txt, ${archive.display("urls.txt")}:3`,
    ]);
  });

  it("the old slug as an alias: no error, the old page redirects to the new one, and the topic's feed stays at the old URL", async () => {
    archive = makeArchive({ "urls.txt": recorded, "topics.yaml": renamed("  aliases: [irak]\n") });
    archive.article("2021/12/09-un.md", { title: "Un" });
    const built = await buildArchive(archive);
    expect(errors(built)).toEqual([]);
    expect(built.page("/sujets/irak/").querySelector('meta[http-equiv="refresh"]')?.getAttribute("content")).toBe("0; url=/sujets/irak-guerre/");
    // A list, not an article, has moved.
    expect(built.page("/sujets/irak/").querySelector("h1")?.textContent).toBe("Cette page a changé d’adresse");
    expect(built.page("/sujets/irak/").querySelector("main p")?.textContent).toBe(
      fr`Cette page a changé d’adresse. Si elle ne s’ouvre pas d’elle-même, suivez ce lien : Irak`,
    );
    expect(built.text("/sujets/irak-guerre/feed.xml")).toContain(`<title type="text">Un</title>`);
    expect(built.text("/sujets/irak/feed.xml")).toBe(built.text("/sujets/irak-guerre/feed.xml"));
    expect(built.text("/_redirects")).toContain("/sujets/irak/ /sujets/irak-guerre/ 301!\n");
  });

  it("the old slug's every page leads to the same page of the renamed topic: page/1/, page/2/…, none in _redirects", async () => {
    archive = makeArchive({ "urls.txt": recorded, "topics.yaml": renamed("  aliases: [irak]\n") });
    archive.article("2021/12/09-un.md", { title: "Un" });
    for (let i = 1; i <= 21; i++) archive.article(`2021/12/09-a${i}.md`, { title: `Dépêche ${i}`, topics: "[Irak]" });
    const built = await buildArchive(archive);
    expect(errors(built)).toEqual([]);
    const refresh = (url: string): string | null | undefined => built.page(url).querySelector('meta[http-equiv="refresh"]')?.getAttribute("content");
    expect(refresh("/sujets/irak/page/1/")).toBe("0; url=/sujets/irak-guerre/");
    expect(refresh("/sujets/irak/page/2/")).toBe("0; url=/sujets/irak-guerre/page/2/");
    expect(built.text("/sujets/irak-guerre/page/2/")).toContain("Dépêche");
    expect(built.text("/_redirects")).not.toContain("/page/");
  });

  it("a removal on purpose (`! /sujets/irak/`): no error", async () => {
    archive = makeArchive({ "urls.txt": `${recorded}! /sujets/irak/ fusionné avec Défense\n`, "topics.yaml": renamed() });
    archive.article("2021/12/09-un.md", { title: "Un" });
    expect(errors(await buildArchive(archive))).toEqual([]);
  });

  it("a page removed on purpose that a topic gives again: a warning at its line, to delete the « ! »", async () => {
    archive = makeArchive({ "urls.txt": `${recorded}! /sujets/irak/ fusionné avec Défense\n` });
    archive.article("2021/12/09-un.md", { title: "Un" });
    const built = await buildArchive(archive);
    expect(errors(built)).toEqual([]);
    expect(built.result.diagnostics.filter((d) => d.severity === "warning").map(formatDiagnostic)).toContainEqual(
      fr`${archive.display("urls.txt")}:10:1: warning: /sujets/irak/ est marquée retirée, mais un sujet la donne de nouveau (${archive.display("topics.yaml")}:1) : effacez le « ! » du début de cette ligne, sans quoi son retrait ne serait plus signalé`,
    );
  });

  it("a source removed: an error at the URL's line of urls.txt, fixed by a removal on purpose", async () => {
    archive = makeArchive({ "urls.txt": recorded, "sources.yaml": SOURCES_YAML.slice(0, SOURCES_YAML.indexOf("- code: TRT FR")) });
    archive.article("2021/12/09-un.md", { title: "Un", sources: "[AA]" });
    expect(errors(await buildArchive(archive))).toEqual([
      fr`${archive.display("urls.txt")}:9:1: error: /sources/trt-fr/ a été publiée, mais le code d’aucune source ne donne plus « trt-fr » : donnez-le en ancien code à la source qui la remplace (aliases: [trt-fr] dans sources.yaml), une redirection, ou, pour retirer cette page exprès, mettez un « ! » au début de cette ligne`,
    ]);
    archive.write("urls.txt", recorded.replace("/sources/trt-fr/", "! /sources/trt-fr/"));
    expect(errors(await buildArchive(archive))).toEqual([]);
  });

  it("a source's code changed, its old code kept as an alias: its old page redirects", async () => {
    const sources = SOURCES_YAML.replace("- code: TRT FR\n", "- code: TRT\n  aliases: [TRT FR]\n");
    archive = makeArchive({ "urls.txt": recorded, "sources.yaml": sources });
    archive.article("2021/12/09-un.md", { title: "Un", sources: "[AA, TRT]" });
    const built = await buildArchive(archive);
    expect(errors(built)).toEqual([]);
    expect(built.page("/sources/trt-fr/").querySelector('meta[http-equiv="refresh"]')?.getAttribute("content")).toBe("0; url=/sources/trt/");
  });

  it("articles that name a topic by its old slug, or a source by its old code, still name it, as they were never rewritten", async () => {
    const topics = TOPICS_YAML.replace("- slug: irak\n  label: Irak\n", "- slug: mesopotamie\n  label: Mésopotamie\n  aliases: [irak]\n");
    const sources = SOURCES_YAML.replace("- code: TRT FR\n", "- code: TRT\n  aliases: [TRT FR]\n");
    archive = makeArchive({ "topics.yaml": topics, "sources.yaml": sources });
    archive.article("2021/12/09-un.md", { title: "Un", topics: "[irak]", sources: "[AA, TRT FR]" });
    const built = await buildArchive(archive);
    expect(errors(built)).toEqual([]);
    const linksTo = (url: string): boolean => [...built.page(url).querySelectorAll("a")].some((a) => a.getAttribute("href") === "/2021/12/09/un/");
    expect(linksTo("/sujets/mesopotamie/")).toBe(true);
    expect(linksTo("/sources/trt/")).toBe(true);
  });

  it("an old slug that is another topic's label: an error at its line, one name meaning one topic", async () => {
    archive = makeArchive({ "topics.yaml": `${renamed("  aliases: [irak, levant]\n")}- slug: syrie\n  label: Levant\n` });
    archive.article("2021/12/09-un.md", { title: "Un" });
    expect(errors(await buildArchive(archive))).toEqual([
      fr`${archive.display("topics.yaml")}:3:19: error: l’ancien slug « levant » est le label du sujet de la ligne 13 (« Levant ») : un article qui l’écrit ne dirait pas de quel sujet il parle ; retirez cet ancien slug, ou changez ce label`,
    ]);
  });

  it("a topic renamed again keeps its former slugs: the fix adds the new old slug to them", async () => {
    const twice = TOPICS_YAML.replace("- slug: irak\n  label: Irak\n", "- slug: irak-et-levant\n  label: Irak\n  aliases: [irak]\n");
    archive = makeArchive({ "urls.txt": `${recorded}/sujets/irak-guerre/\n`, "topics.yaml": twice });
    archive.article("2021/12/09-un.md", { title: "Un" });
    expect(errors(await buildArchive(archive))).toEqual([expect.stringContaining("gardez-le en ancien slug (aliases: [irak, irak-guerre])")]);
  });

  it("an old slug that is another topic's slug: an error at its line", async () => {
    archive = makeArchive({ "topics.yaml": renamed("  aliases: [defense]\n") });
    archive.article("2021/12/09-un.md", { title: "Un" });
    expect(errors(await buildArchive(archive))).toEqual([
      fr`${archive.display("topics.yaml")}:3:13: error: l’ancien slug « defense » est déjà le slug ou un ancien slug du sujet de la ligne 6 (« defense ») ; une adresse ne menant qu’à un sujet, gardez-le à l’un des deux seulement`,
    ]);
  });
});
