import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as indexer from "../../src/search/indexer.ts";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { DevSession, searchNoticeHtml } from "../../src/serve/dev-session.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { makePhoto } from "../helpers/photos.ts";
import { buildArchive, siteFiles, treeDigest } from "../helpers/site.ts";
import { fr } from "../helpers/french.ts";

// The index's maker, as it is, but for a failure a test asks for once.
vi.mock("../../src/search/indexer.ts", async (actual) => {
  const module = await actual<typeof import("../../src/search/indexer.ts")>();
  return { ...module, indexSearchBundles: vi.fn(module.indexSearchBundles) };
});

let archive: TestArchive;
afterEach(() => archive?.remove());

async function startSession(nowMs?: number): Promise<DevSession> {
  const session = new DevSession({
    contentDir: archive.dir,
    outDir: join(archive.root, "preview"),
    drafts: true,
    cacheDir: join(archive.root, "cache"),
    ...(nowMs === undefined ? {} : { nowMs }),
  });
  expect((await session.rebuild()).outcome).toBe("rebuilt");
  return session;
}

describe("a preview checks a saved article as a build does", () => {
  it("shows the urls.txt error of an edit that takes a published URL away", async () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/premier-titre/\n" });
    const file = archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    const session = await startSession();
    archive.article("2021/12/09-a.md", { title: "Titre corrigé", date: "2021-12-09T10:00:00" });
    const update = await session.update([file]);
    const published = `${archive.display("urls.txt")}:1:1: error: /2021/12/09/premier-titre/ a été publiée, mais aucun article n’a plus cette adresse`;
    expect(update.outcome).toBe("invalid");
    expect(update.diagnostics.map(formatDiagnostic)).toEqual([expect.stringContaining(published)]);
    expect(session.currentErrors.map(formatDiagnostic)).toEqual([expect.stringContaining(published)]);

    archive.article("2021/12/09-a.md", { title: "Titre corrigé", date: "2021-12-09T10:00:00", extra: "aliases: [/2021/12/09/premier-titre/]" });
    expect((await session.update([file])).outcome).toBe("updated");
    expect(session.currentErrors).toEqual([]);
    // The article's old page gives way to the redirect written at its address in the same update.
    expect(readFileSync(join(archive.root, "preview/2021/12/09/premier-titre/index.html"), "utf8")).toContain(
      'http-equiv="refresh" content="0; url=/2021/12/09/titre-corrige/"',
    );
  });

  it("serves the redirect of a title changed with its old address made an alias, in the same save", async () => {
    archive = makeArchive();
    const file = archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    const session = await startSession();
    archive.article("2021/12/09-a.md", { title: "Titre corrigé", date: "2021-12-09T10:00:00", extra: "aliases: [/2021/12/09/premier-titre/]" });
    const update = await session.update([file]);
    expect(update.outcome).toBe("updated");
    expect(update.urls.filter((url) => url === "/2021/12/09/premier-titre/")).toHaveLength(1);
    expect(readFileSync(join(archive.root, "preview/2021/12/09/premier-titre/index.html"), "utf8")).toContain(
      'http-equiv="refresh" content="0; url=/2021/12/09/titre-corrige/"',
    );
    expect(readFileSync(join(archive.root, "preview/2021/12/09/titre-corrige/index.html"), "utf8")).toContain("Titre corrigé");
  });

  it("dates the future-date warning by the session's now, not the clock", async () => {
    archive = makeArchive();
    archive.article("2021/12/08-a.md", { title: "Veille", date: "2021-12-08" });
    const session = await startSession(Date.parse("2021-12-08T12:00:00Z"));
    const file = archive.article("2021/12/09-b.md", { title: "Demain", date: "2021-12-09T10:00:00" });
    const update = await session.update([file]);
    expect(update.outcome).toBe("updated");
    expect(update.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringContaining(`${archive.display("articles/2021/12/09-b.md")}:3:7: warning: daté dans le futur`),
    ]);
  });
});

describe("a preview tells where an article's page went", () => {
  it("links an article's new address from its old one when its file is renamed, in one save or two", async () => {
    archive = makeArchive();
    const first = archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    archive.article("2021/12/09-b.md", { title: "Autre dépêche", date: "2021-12-09T11:00:00" });
    const session = await startSession();
    // Moved to the next day, its file renamed: gone and added in one save.
    rmSync(first);
    const moved = archive.article("2021/12/10-a.md", { title: "Premier titre", date: "2021-12-10T10:00:00" });
    expect((await session.update([first, moved])).outcome).toBe("updated");
    expect(session.movedTo("/2021/12/09/premier-titre/")).toEqual({ url: "/2021/12/10/premier-titre/", title: "Premier titre" });
    // Renamed again, in two saves (the file gone, then back under another name): the oldest address follows.
    rmSync(moved);
    expect((await session.update([moved])).outcome).toBe("updated");
    const back = archive.article("2021/12/11-a.md", { title: "Premier titre", date: "2021-12-11T10:00:00" });
    expect((await session.update([back])).outcome).toBe("updated");
    expect(session.movedTo("/2021/12/09/premier-titre/")).toEqual({ url: "/2021/12/11/premier-titre/", title: "Premier titre" });
    expect(session.movedTo("/2021/12/10/premier-titre/")).toEqual({ url: "/2021/12/11/premier-titre/", title: "Premier titre" });
    // Another article's file, removed, moves nothing.
    expect(session.movedTo("/2021/12/09/autre-depeche/")).toBeUndefined();
  });

  it("follows a file renamed with its title (by its body), in one save, or saved as the new name before the old one is deleted", async () => {
    archive = makeArchive();
    const body = "Le texte de la dépêche, inchangé quand son titre et son fichier changent.";
    const first = archive.article("2021/12/09-alpha.md", { title: "Alpha texte", body });
    archive.article("2021/12/09-autre.md", { title: "Autre dépêche", date: "2021-12-09T11:00:00" });
    const session = await startSession();
    rmSync(first);
    const beta = archive.article("2021/12/09-beta.md", { title: "Beta texte", body });
    expect((await session.update([first, beta])).outcome).toBe("updated");
    expect(session.movedTo("/2021/12/09/alpha-texte/")).toEqual({ url: "/2021/12/09/beta-texte/", title: "Beta texte" });
    // "Save as" a new name, then the old file deleted: two saves, the new file first.
    const gamma = archive.article("2021/12/09-gamma.md", { title: "Gamma texte", body });
    await session.update([gamma]);
    rmSync(beta);
    expect((await session.update([beta])).outcome).toBe("updated");
    expect(session.movedTo("/2021/12/09/alpha-texte/")).toEqual({ url: "/2021/12/09/gamma-texte/", title: "Gamma texte" });
    expect(session.movedTo("/2021/12/09/beta-texte/")).toEqual({ url: "/2021/12/09/gamma-texte/", title: "Gamma texte" });
    // Another body is another dispatch.
    const delta = archive.article("2021/12/09-delta.md", { title: "Delta texte", body: "Un autre texte." });
    await session.update([delta]);
    rmSync(gamma);
    await session.update([gamma]);
    expect(session.movedTo("/2021/12/09/gamma-texte/")).toBeUndefined();
  });
});

describe("a preview rewrites only what a change of the registries touches", () => {
  it("rewrites a renamed topic's pages and its articles' pages, and no other, without a full build", async () => {
    archive = makeArchive();
    // Six topics with more articles fill the masthead, which names the most-used topics on every
    // page: Irak, out of it, appears only on its own pages and its article's.
    const busy = ["Santé", "Sport", "Culture", "Climat", "Justice", "Diplomatie"];
    archive.write(
      "topics.yaml",
      `${readFileSync(join(archive.dir, "topics.yaml"), "utf8")}${busy.map((label, i) => `- slug: t${i}\n  label: ${label}\n`).join("")}`,
    );
    busy.forEach((label, i) => {
      for (const day of [11, 12])
        archive.article(`2021/12/${day}-t${i}.md`, { title: `${label} ${day}`, date: `2021-12-${day}T10:00:00`, topics: `[${label}]` });
    });
    archive.article("2021/12/09-a.md", { title: "Irak", date: "2021-12-09T10:00:00", topics: "[Irak]" });
    archive.article("2021/12/10-b.md", { title: "Économie", date: "2021-12-10T10:00:00", topics: "[Économie]" });
    const session = await startSession();
    const topics = archive.write("topics.yaml", readFileSync(join(archive.dir, "topics.yaml"), "utf8").replace("label: Irak", "label: Irak (pays)"));
    const update = await session.update([topics]);
    expect(update.outcome).toBe("updated");
    expect(update.urls).toContain("/sujets/irak/");
    expect(update.urls).toContain("/2021/12/09/irak/");
    expect(update.urls).toContain("/sujets/");
    expect(update.urls).not.toContain("/2021/12/10/economie/");
    expect(update.urls).not.toContain("/sujets/economie/");
    expect(readFileSync(join(archive.root, "preview/2021/12/09/irak/index.html"), "utf8")).toContain("Irak (pays)");
  });

  it("shows an error of topics.yaml, then recovers when it is fixed", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Irak", date: "2021-12-09T10:00:00", topics: "[Irak]" });
    const session = await startSession();
    const original = readFileSync(join(archive.dir, "topics.yaml"), "utf8");
    const topics = archive.write("topics.yaml", original.replace("- slug: irak\n  label: Irak\n", ""));
    const broken = await session.update([topics]);
    expect(broken.outcome).toBe("invalid");
    expect(broken.diagnostics.map(formatDiagnostic)).toEqual([expect.stringContaining(fr`sujet inconnu « Irak »`)]);
    archive.write("topics.yaml", original);
    // The topics are as the pages were built: nothing to write, and the errors are gone.
    expect((await session.update([topics])).outcome).toBe("fixed");
    expect(session.currentErrors).toEqual([]);
  });

  it("tells a source renamed in sources.yaml without its old code as one error, in the terminal and the banner", async () => {
    archive = makeArchive();
    for (let day = 1; day <= 5; day++) archive.article(`2021/12/0${day}-a.md`, { title: `Jour ${day}`, date: `2021-12-0${day}T10:00:00`, sources: "[AA]" });
    const session = await startSession();
    const original = readFileSync(join(archive.dir, "sources.yaml"), "utf8");
    const sources = archive.write("sources.yaml", original.replace("code: AA\n", "code: AAJ\n"));
    // Every article is validated again, and each names AA: one error counts them.
    const renamed = await session.update([sources]);
    expect(renamed.outcome).toBe("invalid");
    const one = [expect.stringContaining(fr`${archive.display("sources.yaml")}:1:9: error: source inconnue « AA », nommée par 5 articles`)];
    expect(renamed.diagnostics.map(formatDiagnostic)).toEqual(one);
    expect(session.currentErrors.map(formatDiagnostic)).toEqual(one);
    archive.write("sources.yaml", original.replace("code: AA\n", "code: AAJ\n  aliases: [AA]\n"));
    expect((await session.update([sources])).outcome).not.toBe("invalid");
    expect(session.currentErrors).toEqual([]);
  });
});

describe("a preview's feeds and sitemaps follow each change, as a build writes them, once asked for", () => {
  const preview = (path: string): string => readFileSync(join(archive.root, "preview", path), "utf8");

  it("lists an added article in the sitemap and the feeds, and a topic's new label in its feed", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", topics: "[Irak]" });
    const session = await startSession();
    const file = archive.article("2021/12/10-zorglub.md", { title: "Zorglub à Bagdad", date: "2021-12-10T10:00:00", topics: "[Irak]" });
    const added = await session.update([file]);
    // The save rewrites the pages alone; the feeds and sitemaps wait until one is asked for.
    expect(added.urls).not.toContain("/sitemap.xml");
    expect(preview("sitemap.xml")).not.toContain("zorglub");
    expect(session.freshOutputs()).toEqual(expect.arrayContaining(["/sitemap.xml", "/feed.xml", "/sujets/irak/feed.xml"]));
    expect(session.freshOutputs()).toEqual([]);
    expect(preview("sitemap.xml")).toContain("<loc>https://archives.example.org/2021/12/10/zorglub-a-bagdad/</loc>");
    expect(preview("feed.xml")).toContain('<title type="text">Zorglub à Bagdad</title>');
    expect(preview("feed.json")).toContain('"title": "Zorglub à Bagdad"');
    expect(preview("sujets/irak/feed.xml")).toContain('<title type="text">Zorglub à Bagdad</title>');

    const topics = archive.write("topics.yaml", readFileSync(join(archive.dir, "topics.yaml"), "utf8").replace("label: Irak", "label: Irak (pays)"));
    expect((await session.update([topics])).outcome).toBe("updated");
    session.freshOutputs();
    expect(preview("sujets/irak/feed.xml")).toContain("<title>Irak (pays) — Archives de test</title>");
    expect(preview("sujets/irak/feed.xml")).toContain('term="Irak (pays)"');
    expect(preview("sujets/irak/feed.xml")).not.toContain('term="Irak"');
  });

  it("removes the feed of a topic taken out of topics.yaml", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", topics: "[Irak]" });
    const session = await startSession();
    expect(preview("sujets/terrorisme/feed.xml")).toContain("<feed");
    const topics = archive.write(
      "topics.yaml",
      readFileSync(join(archive.dir, "topics.yaml"), "utf8").replace("- slug: terrorisme\n  label: Terrorisme\n", ""),
    );
    expect((await session.update([topics])).outcome).toBe("updated");
    expect(session.freshOutputs()).toContain("/sujets/terrorisme/feed.xml");
    expect(existsSync(join(archive.root, "preview/sujets/terrorisme/feed.xml"))).toBe(false);
  });
});

describe("a preview checks the links between bodies", () => {
  it("shows a saved article's link to no page in the banner's errors, then drops it once fixed", async () => {
    archive = makeArchive();
    archive.article("2021/12/08-cible.md", { title: "La cible", date: "2021-12-08" });
    const session = await startSession();
    const file = archive.article("2021/12/09-source.md", { title: "La source", body: "Lire [la cible](/2021/12/08/la-cibl/)." });
    const broken = await session.update([file]);
    expect(broken.outcome).toBe("invalid");
    expect(session.currentErrors.map(formatDiagnostic)).toEqual([
      expect.stringContaining(`${archive.display("articles/2021/12/09-source.md")}:7:17: error: lien vers /2021/12/08/la-cibl/`),
    ]);
    archive.article("2021/12/09-source.md", { title: "La source", body: "Lire [la cible](/2021/12/08/la-cible/)." });
    expect((await session.update([file])).outcome).toBe("updated");
    expect(session.currentErrors).toEqual([]);
  });
});

describe("a preview shows photos", () => {
  // The preview's folder as a clean build with drafts makes it (the feeds and sitemaps made again as a request makes them).
  async function expectAsBuilt(session: DevSession): Promise<void> {
    const preview = join(archive.root, "preview");
    const compared = (path: string): boolean => !path.startsWith("/pagefind/") && !path.endsWith(".depeche-site");
    session.freshOutputs();
    const clean = await buildArchive(archive, {
      drafts: true,
      outDir: join(archive.root, "clean"),
      cacheDir: join(archive.root, "clean-cache"),
      search: false,
    });
    expect(clean.result.ok).toBe(true);
    expect(siteFiles(preview).filter(compared)).toEqual(siteFiles(clean.out).filter(compared));
    expect(treeDigest(preview, compared)).toBe(treeDigest(clean.out, compared));
  }
  const image = (src: string, alt = "Des soldats"): string => `image:\n  src: ${src}\n  alt: "${alt}"\n  credit: "AA / Photographe"`;

  it("shows every error of a save at once: a missing photo beside another article's error", async () => {
    archive = makeArchive();
    archive.article("2021/12/08-a.md", { title: "Veille", date: "2021-12-08" });
    const session = await startSession();
    const photo = archive.article("2021/12/09-b.md", {
      title: "Avec photo",
      date: "2021-12-09T10:00:00",
      extra: `image:\n  src: images/absente.jpg\n  alt: "Des soldats"\n  credit: "AA / Photographe"`,
    });
    const topic = archive.article("2021/12/09-c.md", { title: "Sujet", date: "2021-12-09T11:00:00", topics: "[Irack]" });
    const update = await session.update([photo, topic]);
    expect(update.outcome).toBe("invalid");
    const errors = [
      expect.stringContaining(fr`${archive.display("articles/2021/12/09-b.md")}:7:8: error: la photo « images/absente.jpg » est introuvable`),
      expect.stringContaining(fr`${archive.display("articles/2021/12/09-c.md")}:5:10: error: sujet inconnu « Irack »`),
    ];
    expect(update.diagnostics.map(formatDiagnostic)).toEqual(errors);
    expect(session.currentErrors.map(formatDiagnostic)).toEqual(errors);
  });

  it("checks and encodes the photo an edit gives an article, then shows it; an unknown one is an error", async () => {
    archive = makeArchive();
    const file = archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    const session = await startSession();
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", extra: image("images/absente.jpg") });
    const missing = await session.update([file]);
    expect(missing.outcome).toBe("invalid");
    expect(missing.diagnostics.map(formatDiagnostic)).toEqual([expect.stringContaining(fr`:7:8: error: la photo « images/absente.jpg » est introuvable`)]);
    archive.write("images/a.jpg", await makePhoto());
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", extra: image("images/a.jpg") });
    // Checked and encoded alone, not by a full build.
    expect((await session.update([file])).outcome).toBe("updated");
    const page = readFileSync(join(archive.root, "preview/2021/12/09/premier-titre/index.html"), "utf8");
    expect(page).toMatch(/<figure class="photo"><picture>.*alt="Des soldats"/);
    // The photo known, a later edit of the text rewrites only its pages.
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", extra: image("images/a.jpg"), body: "Texte corrigé." });
    expect((await session.update([file])).outcome).toBe("updated");
  });

  it("follows the photo files themselves, as a build with drafts shows them: one copied in after the article named it, one replaced, one removed", async () => {
    archive = makeArchive();
    const file = archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    const session = await startSession();
    const photo = join(archive.dir, "images/a.jpg");
    const preview = join(archive.root, "preview");
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", extra: image("images/a.jpg") });
    expect((await session.update([file])).outcome).toBe("invalid");
    // The editor copies the photo in: the article, unchanged, now shows it.
    archive.write("images/a.jpg", await makePhoto({ width: 1600, height: 900 }));
    expect((await session.update([photo])).outcome).toBe("updated");
    await expectAsBuilt(session);
    // Replaced by another photo (other proportions) under the same name: only its article's pages planned.
    archive.write("images/a.jpg", await makePhoto({ width: 1200, height: 1000, hue: 90 }));
    expect(await session.update([photo])).toMatchObject({ outcome: "updated", planned: "text" });
    await expectAsBuilt(session);
    // Removed: the article names a photo that is no longer there.
    rmSync(photo);
    const gone = await session.update([photo]);
    expect(gone.outcome).toBe("invalid");
    expect(gone.diagnostics.map(formatDiagnostic)).toEqual([expect.stringContaining(fr`:7:8: error: la photo « images/a.jpg » est introuvable`)]);
    // Its text saved meanwhile: the error stands, and no page is written with the photo gone.
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", extra: image("images/a.jpg"), body: "Texte corrigé." });
    expect((await session.update([file])).outcome).toBe("invalid");
    expect(readFileSync(join(preview, "2021/12/09/premier-titre/index.html"), "utf8")).not.toContain("Texte corrigé.");
    // Put back: the error goes, and the pages show the text and the photo.
    archive.write("images/a.jpg", await makePhoto({ width: 1200, height: 1000, hue: 90 }));
    expect((await session.update([photo])).outcome).toBe("updated");
    expect(session.currentErrors).toEqual([]);
    await expectAsBuilt(session);
  });

  it("checks and encodes only the photos a save needs, and writes only the pages that show them, as a build shows them", async () => {
    archive = makeArchive();
    const shared = await makePhoto({ hue: 30 });
    archive.write("images/a.jpg", await makePhoto({ hue: 10 }));
    // The same bytes in two files of the same name: one folder of derivatives, the same files.
    archive.write("images/b.jpg", shared);
    archive.write("images/copies/b.jpg", shared);
    const a = archive.article("2021/12/07-a.md", { title: "Avec photo A", date: "2021-12-07T10:00:00", extra: image("images/a.jpg") });
    archive.article("2021/12/08-b.md", { title: "Avec photo B", date: "2021-12-08T10:00:00", extra: image("images/b.jpg") });
    const c = archive.article("2021/12/08-c.md", { title: "Avec sa copie", date: "2021-12-08T11:00:00", extra: image("images/copies/b.jpg") });
    archive.article("2021/12/08-d.md", { title: "Sans photo", date: "2021-12-08T12:00:00" });
    const session = await startSession();
    await expectAsBuilt(session);

    // An article added with a new photo, in one save: the pages it enters.
    const photoE = join(archive.dir, "images/e.jpg");
    archive.write("images/e.jpg", await makePhoto({ hue: 300, width: 1000, height: 1000 }));
    const e = archive.article("2021/12/09-e.md", { title: "Nouvelle avec photo", date: "2021-12-09T10:00:00", extra: image("images/e.jpg") });
    expect(await session.update([photoE, e])).toMatchObject({ outcome: "updated", planned: "added" });
    await expectAsBuilt(session);

    // The copy replaced by other bytes: its own folder; the first name's files stay where they were.
    // Its article's pages are planned as an edit's of its text (the related lists show the photo too).
    const copy = join(archive.dir, "images/copies/b.jpg");
    archive.write("images/copies/b.jpg", await makePhoto({ hue: 150 }));
    const replaced = await session.update([copy]);
    expect(replaced).toMatchObject({ outcome: "updated", planned: "text" });
    expect(replaced.urls).toContain("/2021/12/08/avec-sa-copie/");
    await expectAsBuilt(session);

    // The copy's article shows the first name again: the copy's folder goes.
    archive.article("2021/12/08-c.md", { title: "Avec sa copie", date: "2021-12-08T11:00:00", extra: image("images/b.jpg") });
    expect((await session.update([c])).outcome).toBe("updated");
    await expectAsBuilt(session);

    // An article's photo taken away, and its alt text changed on another: no photo to check.
    archive.article("2021/12/07-a.md", { title: "Avec photo A", date: "2021-12-07T10:00:00" });
    archive.article("2021/12/09-e.md", { title: "Nouvelle avec photo", date: "2021-12-09T10:00:00", extra: image("images/e.jpg", "Une foule") });
    expect((await session.update([a, e])).outcome).toBe("updated");
    await expectAsBuilt(session);

    // The photo no article shows any more is replaced, then named again: the new one is shown.
    archive.write("images/a.jpg", await makePhoto({ hue: 250 }));
    expect((await session.update([join(archive.dir, "images/a.jpg")])).outcome).toBe("unchanged");
    archive.article("2021/12/07-a.md", { title: "Avec photo A", date: "2021-12-07T10:00:00", extra: image("images/a.jpg") });
    expect((await session.update([a])).outcome).toBe("updated");
    await expectAsBuilt(session);

    // A topic renamed validates every article again: the pages keep their photos.
    const topics = archive.write("topics.yaml", readFileSync(join(archive.dir, "topics.yaml"), "utf8").replace("label: Irak", "label: Irak (pays)"));
    expect((await session.update([topics])).outcome).toBe("updated");
    await expectAsBuilt(session);

    // A damaged photo is an error at its article, the pages kept; once mended, shown.
    archive.write("images/e.jpg", Buffer.from("pas une photo"));
    const damaged = await session.update([photoE]);
    expect(damaged.outcome).toBe("invalid");
    expect(session.currentErrors.map(formatDiagnostic)).toEqual([expect.stringContaining(`${archive.display("articles/2021/12/09-e.md")}:7:8: error:`)]);
    archive.write("images/e.jpg", await makePhoto({ hue: 60 }));
    expect((await session.update([photoE])).outcome).toBe("updated");
    expect(session.currentErrors).toEqual([]);
    await expectAsBuilt(session);
  });
});

describe("a preview's search index follows the saves, as a build makes it", () => {
  const NOW = Date.parse("2022-01-10T12:00:00Z");
  const index = (dir: string): string => join(dir, "pagefind");
  // The same content built clean, drafts included as the preview shows them: its index is the one the preview's must equal.
  async function cleanIndex(): Promise<string> {
    const built = await buildArchive(archive, { drafts: true, nowMs: NOW, outDir: join(archive.root, "clean"), cacheDir: join(archive.root, "clean-cache") });
    expect(built.result.ok).toBe(true);
    return treeDigest(index(built.out));
  }
  // Each file of the index by its inode: a file kept from the index before is the same file.
  const inodes = (dir: string): Map<number, string> => new Map(siteFiles(dir).map((path) => [statSync(join(dir, path)).ino, path]));

  // A session whose index was made once, as the dev server has it made after its first build.
  async function indexedSession(): Promise<DevSession> {
    const session = await startSession(NOW);
    expect(await session.freshSearch()).toBe(true);
    return session;
  }

  // A session on one article, whose body was saved with a new word since its index was made.
  async function oneBodySaved(): Promise<{ file: string; session: DevSession; preview: string; first: string }> {
    archive = makeArchive();
    const file = archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    const session = await indexedSession();
    const preview = index(join(archive.root, "preview"));
    const first = treeDigest(preview);
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", body: "Un mot nouveau : zorglubesque." });
    expect((await session.update([file])).outcome).toBe("updated");
    return { file, session, preview, first };
  }

  it("leaves the index out of a full build, and makes it whole when first asked for, as a clean build makes it", async () => {
    archive = makeArchive();
    archive.article("2020/06/01-a.md", { title: "Une dépêche de l’an passé", date: "2020-06-01T10:00:00" });
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    const session = await startSession(NOW);
    const preview = join(archive.root, "preview");
    expect(existsSync(join(preview, "2021/12/09/premier-titre/index.html"))).toBe(true);
    expect(existsSync(join(preview, "recherche/index.html"))).toBe(true);
    expect(existsSync(index(preview))).toBe(false);
    // No error stands: the search page is not said to be behind while its index is made.
    expect(session.searchBehind).toBeUndefined();
    expect(await session.freshSearch()).toBe(true);
    expect(treeDigest(index(preview))).toBe(await cleanIndex());
    expect(await session.freshSearch()).toBe(false);
  });

  it("patches the bundle of an edited body, keeps the others, and says nothing more is to be done", async () => {
    archive = makeArchive();
    archive.article("2020/06/01-a.md", { title: "Une dépêche de l’an passé", date: "2020-06-01T10:00:00" });
    const edited = archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    archive.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00" });
    const session = await indexedSession();
    const preview = join(archive.root, "preview");
    expect(await session.freshSearch()).toBe(false);
    const before = inodes(index(preview));

    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", body: "Un mot nouveau : zorglubesque." });
    expect((await session.update([edited])).outcome).toBe("updated");
    expect(await session.freshSearch()).toBe(true);
    expect(treeDigest(index(preview))).toBe(await cleanIndex());
    expect(session.searchBehind).toBeUndefined();
    // The other year's bundle is the same files; in the edited one, only the edited page's are new.
    const after = inodes(index(preview));
    const kept = [...after].filter(([ino]) => before.has(ino)).map(([, path]) => path);
    const lastYear = siteFiles(index(preview)).filter((path) => path.startsWith("/2020/"));
    expect(lastYear).toContain("/2020/bundle.digest");
    expect(kept.filter((path) => path.startsWith("/2020/"))).toEqual(lastYear);
    expect(kept.filter((path) => path.startsWith("/2021/fragment/"))).toHaveLength(1);
    expect(await session.freshSearch()).toBe(false);
  });

  it("patches the bundle an article enters or leaves, and one whose file is removed: the pages kept are the same files, moved", async () => {
    archive = makeArchive();
    archive.article("2020/06/01-a.md", { title: "Une dépêche de l’an passé", date: "2020-06-01T10:00:00" });
    const gone = archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    const session = await indexedSession();
    const preview = join(archive.root, "preview");
    // The fragments of a bundle the previous index's files (by inode) are kept in.
    const keptFragments = (before: Map<number, string>, bundle: string): string[] =>
      [...inodes(index(preview))].filter(([ino, path]) => before.has(ino) && path.startsWith(`/${bundle}/fragment/`)).map(([, path]) => path);
    const first = inodes(index(preview));
    const added = archive.article("2021/12/11-c.md", { title: "Zorglub à Bagdad", date: "2021-12-11T10:00:00" });
    expect((await session.update([added])).outcome).toBe("updated");
    // Two saves before the search page is opened: both are in the index made then. The only
    // article of 2020 moved (other topics): nothing of its bundle is left as it was, indexed whole.
    const moved = archive.article("2020/06/01-a.md", { title: "Une dépêche de l’an passé", date: "2020-06-01T10:00:00", topics: "[Économie]" });
    expect((await session.update([moved])).outcome).toBe("updated");
    expect(await session.freshSearch()).toBe(true);
    expect(treeDigest(index(preview))).toBe(await cleanIndex());
    expect(keptFragments(first, "2021")).toHaveLength(1);
    expect(keptFragments(first, "2020")).toEqual([]);
    const second = inodes(index(preview));
    rmSync(gone);
    expect((await session.update([gone])).outcome).toBe("updated");
    expect(await session.freshSearch()).toBe(true);
    expect(treeDigest(index(preview))).toBe(await cleanIndex());
    expect(keptFragments(second, "2021")).toHaveLength(1);
  });

  it("waits while errors stand, saying so, then takes every save made meanwhile", async () => {
    const { file, session, preview, first } = await oneBodySaved();
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", topics: "[Irack]" });
    expect((await session.update([file])).outcome).toBe("invalid");
    expect(await session.freshSearch()).toBe(false);
    expect(treeDigest(preview)).toBe(first);
    expect(session.searchBehind).toEqual({});
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", body: "Un autre mot : zorglubissime." });
    expect((await session.update([file])).outcome).toBe("updated");
    expect(session.searchBehind).toBeUndefined();
    expect(await session.freshSearch()).toBe(true);
    expect(treeDigest(preview)).toBe(await cleanIndex());
  });

  it("says the search is unavailable when a full build's index cannot be made, and makes it at the next request", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    const session = await startSession(NOW);
    vi.mocked(indexer.indexSearchBundles).mockRejectedValueOnce(new Error("disque plein"));
    await expect(session.freshSearch()).rejects.toThrow("disque plein");
    expect(session.searchBehind).toEqual({ failure: "disque plein", unmade: true });
    expect(searchNoticeHtml(session.searchBehind!)).toContain(
      fr`La recherche de l’aperçu n’est pas disponible : son index n’a pas pu être fait (disque plein). Rechargez la page pour réessayer.`,
    );
    expect(existsSync(index(join(archive.root, "preview")))).toBe(false);
    expect(await session.freshSearch()).toBe(true);
    expect(session.searchBehind).toBeUndefined();
    expect(treeDigest(index(join(archive.root, "preview")))).toBe(await cleanIndex());
  });

  it("keeps the index it had when one cannot be made, says why, and makes it at the next request", async () => {
    const { session, preview, first } = await oneBodySaved();
    vi.mocked(indexer.indexSearchBundles).mockRejectedValueOnce(new Error("disque plein"));
    await expect(session.freshSearch()).rejects.toThrow("disque plein");
    expect(session.searchBehind).toEqual({ failure: "disque plein" });
    expect(searchNoticeHtml(session.searchBehind!)).toContain(
      fr`La recherche de l’aperçu n’a pas pu être refaite pour vos derniers enregistrements (disque plein) : elle porte sur l’archive d’avant. Rechargez la page pour réessayer.`,
    );
    expect(treeDigest(preview)).toBe(first);
    expect(siteFiles(archive.root).filter((path) => path.includes(".preview."))).toEqual([]);
    expect(await session.freshSearch()).toBe(true);
    expect(session.searchBehind).toBeUndefined();
    expect(treeDigest(preview)).toBe(await cleanIndex());
  });
});
