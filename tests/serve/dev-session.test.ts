import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { DevSession } from "../../src/serve/dev-session.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

async function startSession(nowMs?: number): Promise<DevSession> {
  const session = new DevSession({ contentDir: archive.dir, outDir: join(archive.root, "preview"), drafts: true, ...(nowMs === undefined ? {} : { nowMs }) });
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
