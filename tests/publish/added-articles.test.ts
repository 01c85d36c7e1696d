import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite, type BuildPhase } from "../../src/publish/build-site.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { siteFiles } from "../helpers/site.ts";

// The fast path for added articles plans the pages those articles enter: an article the build's
// date publishes at the same time (held back by the previous build) enters others, and the whole
// site must be planned then.
let archive: TestArchive;
afterEach(() => archive.remove());

async function incrementalThenClean(nowMs: number): Promise<{ planned: string | undefined }> {
  const phases: BuildPhase[] = [];
  const common = { contentDir: archive.dir, drafts: false, nowMs, search: false };
  const incremental = await buildSite({ ...common, outDir: join(archive.root, "site"), cacheDir: join(archive.root, "cache"), onPhase: (p) => phases.push(p) });
  const clean = await buildSite({ ...common, outDir: join(archive.root, "clean") });
  expect(incremental.ok && clean.ok).toBe(true);
  expect(siteFiles(join(archive.root, "site"))).toEqual(siteFiles(join(archive.root, "clean")));
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

  it("plans the whole site when the build's date publishes an article held back until then", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-premier.md", { title: "Premier", date: "2021-12-09T10:00:00", topics: "[Irak]" });
    // Held back by the first build, published by the second, on a day that has another article and on other lists.
    archive.article("2021/12/09-sous-embargo.md", { title: "Sous embargo", date: "2021-12-09T20:00:00", topics: "[Économie]", sources: "[TRT FR]" });
    await incrementalThenClean(Date.parse("2021-12-09T12:00:00Z"));
    archive.article("2021/12/09-ajoute.md", { title: "Ajouté", date: "2021-12-09T11:00:00", topics: "[Irak]" });
    expect((await incrementalThenClean(Date.parse("2021-12-10T12:00:00Z"))).planned).toBe("all");
  });
});
