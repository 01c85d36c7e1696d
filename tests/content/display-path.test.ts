import { mkdirSync } from "node:fs";
import { join, sep } from "node:path";
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";
import { displayPath } from "../../src/content/diagnostics.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";

let archive: TestArchive | undefined;
afterEach(() => {
  archive?.remove();
  vi.restoreAllMocks();
});

describe("displayPath", () => {
  const cases: [string, string][] = [
    ["/work/depeche/content/site.yaml", "content/site.yaml"],
    ["/work/depeche", "."],
    ["/work/depeche/..fichier", "..fichier"],
    ["/dev/shm/x/site.yaml", "/dev/shm/x/site.yaml"],
    ["/work/autre/content", "/work/autre/content"],
    ["/work", "/work"],
    ["content/../../ailleurs/a.md", "/work/ailleurs/a.md"],
  ];
  it.skipIf(sep !== "/").each(cases)("working in /work/depeche, %s → %s: relative inside, absolute outside", (path, shown) => {
    vi.spyOn(process, "cwd").mockReturnValue("/work/depeche");
    expect(displayPath(path)).toBe(shown);
  });

  it("prints a content folder outside the working folder as an absolute path, line and column after it", () => {
    archive = makeArchive();
    archive.article("a.md", { topics: "[Irack]" });
    const cwd = join(archive.root, "ailleurs");
    mkdirSync(cwd);
    const bin = join(import.meta.dirname, "../../bin/depeche.js");
    const r = spawnSync(process.execPath, [bin, "check", "--content", archive.dir], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(archive.dir, "articles", "a.md")}:5:10: error:`);
  });
});
