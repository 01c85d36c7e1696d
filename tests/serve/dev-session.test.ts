import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { DevSession } from "../../src/serve/dev-session.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { readFileSync } from "node:fs";
import { makePhoto } from "../helpers/photos.ts";

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
    const published = `${archive.display("urls.txt")}:1:1: error: /2021/12/09/premier-titre/ was published, but no article has this URL any more`;
    expect(update.outcome).toBe("invalid");
    expect(update.diagnostics.map(formatDiagnostic)).toEqual([expect.stringContaining(published)]);
    expect(session.currentErrors.map(formatDiagnostic)).toEqual([expect.stringContaining(published)]);

    archive.article("2021/12/09-a.md", { title: "Titre corrigé", date: "2021-12-09T10:00:00", extra: "aliases: [/2021/12/09/premier-titre/]" });
    expect((await session.update([file])).outcome).toBe("updated");
    expect(session.currentErrors).toEqual([]);
  });

  it("dates the future-date warning by the session's now, not the clock", async () => {
    archive = makeArchive();
    archive.article("2021/12/08-a.md", { title: "Veille", date: "2021-12-08" });
    const session = await startSession(Date.parse("2021-12-08T12:00:00Z"));
    const file = archive.article("2021/12/09-b.md", { title: "Demain", date: "2021-12-09T10:00:00" });
    const update = await session.update([file]);
    expect(update.outcome).toBe("updated");
    expect(update.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringContaining(`${archive.display("articles/2021/12/09-b.md")}:3:7: warning: dated in the future`),
    ]);
  });
});

describe("a preview shows photos", () => {
  it("checks and encodes the photo an edit gives an article, then shows it; an unknown one is an error", async () => {
    archive = makeArchive();
    const file = archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    const session = await startSession();
    const image = (src: string): string => `image:\n  src: ${src}\n  alt: "Des soldats"\n  credit: "AA / Photographe"`;
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", extra: image("images/absente.jpg") });
    const missing = await session.update([file]);
    expect(missing.outcome).toBe("invalid");
    expect(missing.diagnostics.map(formatDiagnostic)).toEqual([expect.stringContaining(":7:8: error: la photo « images/absente.jpg » est introuvable")]);
    archive.write("images/a.jpg", await makePhoto());
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", extra: image("images/a.jpg") });
    expect((await session.update([file])).outcome).toBe("rebuilt");
    const page = readFileSync(join(archive.root, "preview/2021/12/09/premier-titre/index.html"), "utf8");
    expect(page).toMatch(/<figure class="photo"><picture>.*alt="Des soldats"/);
    // The photo known, a later edit of the text rewrites only its pages.
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", extra: image("images/a.jpg"), body: "Texte corrigé." });
    expect((await session.update([file])).outcome).toBe("updated");
  });
});
