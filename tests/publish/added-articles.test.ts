import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite, type BuildPhase } from "../../src/publish/build-site.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { siteFiles, treeDigest } from "../helpers/site.ts";

// The fast path for added articles plans the pages those articles enter; an article the build's
// date publishes (held back by the previous build) is one of them, and enters its pages as a file
// added would.
let archive: TestArchive;
afterEach(() => archive.remove());

async function incrementalThenClean(nowMs: number, search = false): Promise<{ planned: string | undefined }> {
  const phases: BuildPhase[] = [];
  const common = { contentDir: archive.dir, drafts: false, nowMs, search };
  const incremental = await buildSite({ ...common, outDir: join(archive.root, "site"), cacheDir: join(archive.root, "cache"), onPhase: (p) => phases.push(p) });
  const clean = await buildSite({ ...common, outDir: join(archive.root, "clean") });
  expect(incremental.ok && clean.ok).toBe(true);
  expect(siteFiles(join(archive.root, "site"))).toEqual(siteFiles(join(archive.root, "clean")));
  expect(treeDigest(join(archive.root, "site"))).toBe(treeDigest(join(archive.root, "clean")));
  const phase = phases.find((p) => p.name === "incremental");
  return { planned: phase?.name === "incremental" ? phase.planned : undefined };
}

describe("an incremental build with articles added", () => {
  it("plans only the pages they enter", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-premier.md", { title: "Premier", date: "2021-12-09T10:00:00", topics: "[Irak]" });
    await incrementalThenClean(Date.parse("2021-12-11T00:00:00Z"));
    archive.article("2021/12/09-ajoute.md", { title: "Ajouté", date: "2021-12-09T12:00:00", topics: "[Irak]" });
    expect((await incrementalThenClean(Date.parse("2021-12-11T00:00:00Z"))).planned).toBe("added");
  });

  it.each([
    ["without search", false],
    ["with search", true],
  ])("plans only the pages it enters when the build's date publishes an article held back until then (%s)", async (_, search) => {
    archive = makeArchive();
    archive.article("2021/12/09-premier.md", { title: "Premier", date: "2021-12-09T10:00:00", topics: "[Irak]" });
    archive.article("2021/12/10-second.md", { title: "Second", date: "2021-12-10T08:00:00", topics: "[Irak]" });
    // Held back by the first build (its date is the evening's), published by the second.
    archive.article("2021/12/09-sous-embargo.md", {
      title: "Sous embargo",
      date: "2021-12-09T20:00:00",
      topics: "[Irak]",
      body: "Un mot rare : anticonstitutionnellement.",
    });
    await incrementalThenClean(Date.parse("2021-12-09T12:00:00Z"), search);
    expect(existsSync(join(archive.root, "site", "2021/12/09/sous-embargo/index.html"))).toBe(false);
    // As one removed as the last build read it (held back: no page of its own went) and one added.
    expect((await incrementalThenClean(Date.parse("2021-12-10T12:00:00Z"), search)).planned).toBe("moved");
    expect(existsSync(join(archive.root, "site", "2021/12/09/sous-embargo/index.html"))).toBe(true);
    // And an hour later, with nothing to publish, the text path again.
    archive.article("2021/12/10-second.md", { title: "Second", date: "2021-12-10T08:00:00", topics: "[Irak]", body: "Corps revu." });
    expect((await incrementalThenClean(Date.parse("2021-12-10T13:00:00Z"), search)).planned).toBe("text");
  });

  it("plans the whole site when the build's date publishes an article held back until then onto lists of its own", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-premier.md", { title: "Premier", date: "2021-12-09T10:00:00", topics: "[Irak]" });
    // Held back by the first build, published by the second, on a day that has another article and on other lists.
    archive.article("2021/12/09-sous-embargo.md", { title: "Sous embargo", date: "2021-12-09T20:00:00", topics: "[Économie]", sources: "[TRT FR]" });
    await incrementalThenClean(Date.parse("2021-12-09T12:00:00Z"));
    archive.article("2021/12/09-ajoute.md", { title: "Ajouté", date: "2021-12-09T11:00:00", topics: "[Irak]" });
    expect((await incrementalThenClean(Date.parse("2021-12-10T12:00:00Z"))).planned).toBe("all");
  });
});
