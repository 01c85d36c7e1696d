import http from "node:http";
import { existsSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningDevServer } from "../../src/serve/dev-server.ts";
import { DevSession, type Update } from "../../src/serve/dev-session.ts";
import { articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";
import { startPreview } from "../helpers/site.ts";

let archive: TestArchive;
let server: RunningDevServer;
// Each search index made, as the terminal is told: whole (after a full build), or again for the saves.
const searchIndexed: ("whole" | "again")[] = [];
// Why an index could not be made, if one could not: a test that finds the index made again says why.
const searchFailures: string[] = [];

beforeAll(async () => {
  archive = makeArchive();
  archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
  archive.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économie]" });
  archive.article("2021/12/11-draft.md", { title: "Brouillon visible", date: "2021-12-11T10:00:00", extra: "draft: true" });
  server = await startPreview(archive, {
    onSearchIndexed: (_ms, whole) => searchIndexed.push(whole ? "whole" : "again"),
    onSearchFailed: (error) => searchFailures.push(error instanceof Error ? error.message : String(error)),
  });
});
afterAll(async () => {
  await server?.close();
  archive?.remove();
});

// The dev server's live-reload client, inlined in a page other than a 200.
const RELOAD_CLIENT = '<script type="module" integrity="';

// As a browser navigates: the dev server adds its reload client to navigations only (and
// fetch() always says "cors", so plain http it is).
function get(path: string, at = server): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, at.url), { headers: { "sec-fetch-mode": "navigate" } }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

describe("depeche serve", () => {
  it("serves the preview, drafts included, with the live-reload client", async () => {
    const page = await get("/2021/12/09/premier-titre/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>Premier titre</h1>");
    expect(page.body).toContain("reload-client.js");
    expect((await get("/2021/12/11/brouillon-visible/")).status).toBe(200);
  });

  it("answers a path out of the preview folder with a 400, and goes on serving", async () => {
    expect((await get("/..%2f..%2fetc%2fpasswd")).status).toBe(400);
    expect((await get("/2021/12/09/")).status).toBe(200);
  });

  it("listens on this machine's loopback only, unless asked for another address", async () => {
    // Linux routes all of 127.0.0.0/8 to the loopback: only a server listening on every interface
    // answers at 127.0.0.2, as it would answer the network.
    const port = new URL(server.url).port;
    expect(server.url).toBe(`http://localhost:${port}/`);
    await expect(get(`http://127.0.0.2:${port}/`)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    const open = await startPreview(archive, { outDir: join(archive.root, "preview-lan"), host: "0.0.0.0" });
    try {
      expect((await get(`http://127.0.0.2:${new URL(open.url).port}/2021/12/09/`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it("stops, said, when asked for an address that is not this machine's", async () => {
    // 192.0.2.0/24 is kept for documentation: never an address of this machine.
    await expect(startPreview(archive, { outDir: join(archive.root, "preview-away"), port: 0, host: "192.0.2.1" })).rejects.toThrow(
      fr`impossible d’écouter sur 192.0.2.1 (ce n’est pas une adresse de cette machine) : donnez à --host une adresse de cette machine (localhost par défaut)`,
    );
    // Before its first build: nothing written.
    expect(existsSync(join(archive.root, "preview-away"))).toBe(false);
  });

  it("serves the search page with nothing to say while its index is the pages' archive", async () => {
    // The index of the first build, made while the server served its pages, once.
    const search = await get("/recherche/");
    expect(search.status).toBe(200);
    expect(search.body).toContain('class="search-form"');
    expect(search.body).not.toContain("depeche-search-behind");
    expect((await get("/pagefind/pagefind.js")).status).toBe(200);
    expect(searchFailures).toEqual([]);
    expect(searchIndexed).toEqual(["whole"]);
  });

  it("rewrites the pages of a saved article, and only those", async () => {
    const updated = server.nextUpdate();
    archive.article("2021/12/09-a.md", { title: "Titre corrigé", date: "2021-12-09T10:00:00" });
    const update = await updated;
    expect(update.outcome).toBe("updated");
    expect(update.urls).toContain("/2021/12/09/titre-corrige/");
    expect(update.urls).toContain("/2021/12/09/premier-titre/");
    expect(update.urls).not.toContain("/sujets/economie/");
    expect((await get("/2021/12/09/titre-corrige/")).body).toContain("<h1>Titre corrigé</h1>");
    expect((await get("/2021/12/09/")).body).toContain("Titre corrigé");
    // The editor's browser, reloaded on the old address, is told where the article went.
    const old = await get("/2021/12/09/premier-titre/");
    expect(old.status).toBe(404);
    expect(old.body).toContain(fr`Page introuvable`);
    expect(old.body).toMatch(
      /id="depeche-moved"[^>]*>L’article que vous modifiez a changé d’adresse\u00a0: <a href="\/2021\/12\/09\/titre-corrige\/">Titre corrigé<\/a>/,
    );
    expect((await get("/nexiste/")).body).not.toContain("depeche-moved");
    // The search page, opened after the save, searches an index made again for it; once.
    expect((await get("/recherche/")).body).not.toContain("depeche-search-behind");
    expect(searchIndexed).toEqual(["whole", "again"]);
    expect((await get("/pagefind/pagefind.js")).status).toBe(200);
    expect(searchIndexed).toEqual(["whole", "again"]);
  });

  it("serves the feeds and the sitemap as the saves left them, made when asked for", async () => {
    const updated = server.nextUpdate();
    archive.article("2021/12/12-zorglub.md", { title: "Zorglub à Bagdad", date: "2021-12-12T10:00:00" });
    expect((await updated).outcome).toBe("updated");
    expect((await get("/feed.xml")).body).toContain('<title type="text">Zorglub à Bagdad</title>');
    expect((await get("/sitemap.xml")).body).toContain("/2021/12/12/zorglub-a-bagdad/</loc>");
  });

  it("shows an invalid edit in the page and keeps serving the last good version, then recovers", async () => {
    let updated = server.nextUpdate();
    archive.article("2021/12/10-b.md", articleText({ title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économi]" }));
    const invalid = await updated;
    expect(invalid.outcome).toBe("invalid");
    const page = await get("/2021/12/10/autre-depeche/");
    expect(page.status).toBe(200);
    expect(page.body).toContain('role="alert"');
    expect(page.body).toContain(`${archive.display("articles/2021/12/10-b.md")}:5:10`);
    expect(page.body).toContain(fr`sujet inconnu « Économi »`);
    expect(page.body).toContain("<h1>Autre dépêche</h1>");
    // An article was added since the index was made: the search page says it waits for the fix.
    const search = await get("/recherche/");
    expect(search.body).toMatch(/<main[^>]*><p id="depeche-search-behind"/);
    expect(search.body).toContain(
      fr`La recherche de l’aperçu porte sur la dernière version sans erreur de l’archive : elle reprendra vos derniers enregistrements dès que les erreurs seront corrigées.`,
    );
    expect(searchIndexed).toEqual(["whole", "again"]);
    const missing = await get("/nexiste/");
    expect(missing.status).toBe(404);
    expect(missing.body).toContain(fr`Page introuvable`);
    expect(missing.body).toContain('id="depeche-errors"');
    expect(missing.body).toContain(fr`sujet inconnu « Économi »`);
    expect(missing.body).toContain(RELOAD_CLIENT);

    updated = server.nextUpdate();
    archive.article("2021/12/10-b.md", articleText({ title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économie, Irak]" }));
    expect((await updated).outcome).toBe("updated");
    const fixed = await get("/2021/12/10/autre-depeche/");
    expect(fixed.body).not.toContain('role="alert"');
    expect(fixed.body).toContain('href="/sujets/irak/"');
    expect((await get("/nexiste/")).body).not.toContain("depeche-errors");
    expect((await get("/recherche/")).body).not.toContain("depeche-search-behind");
    expect(searchIndexed).toEqual(["whole", "again", "again"]);
  });
});

describe("depeche serve, started on an archive with errors", () => {
  it("shows the errors at every URL until they are fixed, then the site", { timeout: 15_000 }, async () => {
    const a = makeArchive();
    a.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économi]" });
    const updates: Update[] = [];
    const started = await startPreview(a, { onUpdate: (u) => updates.push(u) });
    try {
      expect(updates.map((u) => [u.outcome, u.unbuilt])).toEqual([["invalid", true]]);
      for (const path of ["/", "/2021/12/10/autre-depeche/"]) {
        const page = await get(path, started);
        expect(page.status).toBe(503);
        expect(page.body).not.toContain("Cannot GET");
        expect(page.body).toContain('id="depeche-errors"');
        expect(page.body).toContain(`${a.display("articles/2021/12/10-b.md")}:5:10`);
        expect(page.body).toContain(fr`sujet inconnu « Économi »`);
        expect(page.body).toContain(fr`L’aperçu sera construit dès que ces erreurs seront corrigées ; la page se rechargera d’elle-même.`);
        expect(page.body).toContain(RELOAD_CLIENT);
      }
      const updated = started.nextUpdate();
      a.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économie]" });
      expect((await updated).outcome).toBe("rebuilt");
      const page = await get("/2021/12/10/autre-depeche/", started);
      expect(page.status).toBe(200);
      expect(page.body).not.toContain("depeche-errors");
    } finally {
      await started.close();
      a.remove();
    }
  });
});

// The editor saves once the first build has read the content, before it is done: at 100,000
// articles, a minute in which the server is not up yet.
function saveDuringFirstBuild(save: () => void): void {
  const rebuild = DevSession.prototype.rebuild;
  vi.spyOn(DevSession.prototype, "rebuild").mockImplementationOnce(async function (this: DevSession) {
    const built = await rebuild.call(this);
    save();
    return built;
  });
}

describe("depeche serve, saves made during its first build", () => {
  let own: TestArchive | undefined;
  let started: RunningDevServer | undefined;
  const ownArchive = (): TestArchive => (own = makeArchive());
  afterEach(async () => {
    vi.restoreAllMocks();
    await started?.close();
    own?.remove();
    started = own = undefined;
  });

  // A save the preview missed leaves the page as first built, and nextUpdate waiting: the test times out.
  it("make one update once the server is up, a file saved then deleted included", { timeout: 15_000 }, async () => {
    const a = ownArchive();
    a.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", body: "Version 1." });
    a.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00" });
    saveDuringFirstBuild(() => {
      a.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", body: "Version 2." });
      a.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", body: "Corrigé une fois." });
      a.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", body: "Corrigé deux fois." });
      unlinkSync(a.article("2021/12/11-c.md", { title: "Sitôt écrite", date: "2021-12-11T10:00:00" }));
    });
    const updates: Update[] = [];
    started = await startPreview(a, { onUpdate: (u) => updates.push(u) });
    const update = await started.nextUpdate();

    expect(updates.map((u) => u.outcome)).toEqual(["rebuilt", "updated"]);
    expect(update.urls).toContain("/2021/12/09/premier-titre/");
    expect(update.urls).toContain("/2021/12/10/autre-depeche/");
    expect((await get("/2021/12/09/premier-titre/", started)).body).toContain("Version 2.");
    expect((await get("/2021/12/10/autre-depeche/", started)).body).toContain("Corrigé deux fois.");
    expect((await get("/2021/12/11/sitot-ecrite/", started)).status).toBe(404);
  });

  it("show the fix of the error the first build stopped on", { timeout: 15_000 }, async () => {
    const a = ownArchive();
    a.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économi]" });
    saveDuringFirstBuild(() => a.article("2021/12/10-b.md", { title: "Autre dépêche", date: "2021-12-10T10:00:00", topics: "[Économie]" }));
    const updates: Update[] = [];
    started = await startPreview(a, { onUpdate: (u) => updates.push(u) });
    expect(started.session.currentErrors).not.toEqual([]);
    const update = await started.nextUpdate();

    expect(updates.map((u) => u.outcome)).toEqual(["invalid", "rebuilt"]);
    expect(update.outcome).toBe("rebuilt");
    const page = await get("/2021/12/10/autre-depeche/", started);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('role="alert"');
    expect(page.body).toContain('href="/sujets/economie/"');
  });
});
