import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestArchive } from "../helpers/archive.ts";
import { makeSampleArchive } from "../helpers/sample-archive.ts";

// A copy of the tool in a temporary folder, so that its sources can be edited between runs.
const repo = resolve(import.meta.dirname, "../..");
let tool: string;
let archive: TestArchive;
const compiled = (): string[] => readdirSync(join(tool, ".depeche/compiled")).sort();
const MAIN = "src/cli/main.ts";
let original: string;

function depeche(env: NodeJS.ProcessEnv = {}, ...args: string[]): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [join(tool, "bin/depeche.js"), ...args], {
    encoding: "utf8",
    env: { ...process.env, DEPECHE_TSX: undefined, ...env },
  });
  return { status: run.status, stderr: run.stderr };
}
const check = (env: NodeJS.ProcessEnv = {}) => depeche(env, "check", "--content", archive.dir);
// On two threads, so that a page-writing helper runs the compiled code too.
const build = () =>
  depeche({ DEPECHE_WRITERS: "2" }, "build", "--no-cache", "--content", archive.dir, "--out", join(tool, "site"), "--now", "2026-11-30T12:00:00Z");
/** Makes the copy's command print `marker` on each start, as a change to its code would (after its first line, `#!`: the command exits at its end). */
const edit = (marker: string): void => {
  const shebang = original.indexOf("\n") + 1;
  writeFileSync(join(tool, MAIN), `${original.slice(0, shebang)}console.error(${JSON.stringify(marker)});\n${original.slice(shebang)}`);
};

beforeAll(() => {
  tool = mkdtempSync(join(tmpdir(), "depeche-tool-"));
  for (const part of ["bin", "src", "templates", "public", ".eleventy.ts", "tsconfig.json", "package.json", "package-lock.json"])
    cpSync(join(repo, part), join(tool, part), { recursive: true });
  symlinkSync(join(repo, "node_modules"), join(tool, "node_modules"));
  original = readFileSync(join(tool, MAIN), "utf8");
  archive = makeSampleArchive();
});
afterAll(() => {
  rmSync(tool, { recursive: true, force: true });
  archive.remove();
});

describe("the commands' compiled JavaScript", () => {
  it("is compiled on the first run and used by the next ones, threads included", () => {
    const first = check();
    expect(first.status).toBe(0);
    expect(compiled()).toHaveLength(1);
    expect(readdirSync(join(tool, ".depeche/compiled", compiled()[0]!))).toEqual(
      expect.arrayContaining(["main.js", "helper-thread.js", "validate-thread.js", "indexer-thread.js", "eleventy-config.js"]),
    );
    const built = build();
    expect(built.status).toBe(0);
    expect(readFileSync(join(tool, "site/index.html"), "utf8")).toContain("<html");
    expect(compiled()).toHaveLength(1);
  });

  it("never runs stale: a change to the sources runs at once, from new bundles", () => {
    const before = compiled();
    edit("modifié après la compilation");
    const run = check();
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("modifié après la compilation");
    expect(compiled()).toHaveLength(before.length + 1);
    // Back to the first sources: their bundles are found again, none is compiled.
    writeFileSync(join(tool, MAIN), original);
    const again = check();
    expect(again.stderr).not.toContain("modifié après la compilation");
    expect(compiled()).toHaveLength(before.length + 1);
  });

  it("sees a change to the module a page-writing thread runs", () => {
    appendFileSync(join(tool, "src/pages/helper-thread.ts"), `\nconsole.error("aide modifiée");\n`);
    const run = build();
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("aide modifiée");
  });

  it("compiles again when the installed libraries change", () => {
    const before = compiled();
    appendFileSync(join(tool, "package-lock.json"), "\n");
    expect(check().status).toBe(0);
    expect(compiled()).toHaveLength(before.length + 1);
  });

  it("removes the bundles no run has started from for an hour, when it compiles others", () => {
    const unused = join(tool, ".depeche/compiled/000000000000000000000000");
    mkdirSync(unused);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    utimesSync(unused, twoHoursAgo, twoHoursAgo);
    const inUse = compiled().filter((name) => !name.startsWith("0000"));
    edit("encore une modification");
    expect(check().status).toBe(0);
    expect(compiled()).not.toContain("000000000000000000000000");
    expect(compiled()).toEqual(expect.arrayContaining(inUse));
  });

  it("runs the sources through tsx with DEPECHE_TSX=1, compiling nothing", () => {
    const before = compiled();
    edit("par tsx");
    const run = check({ DEPECHE_TSX: "1" });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("par tsx");
    expect(compiled()).toEqual(before);
  });

  it("runs the sources through tsx when the bundles can't be written", () => {
    rmSync(join(tool, ".depeche"), { recursive: true });
    writeFileSync(join(tool, ".depeche"), "not a folder\n");
    edit("sans dossier de compilation");
    const run = check();
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("sans dossier de compilation");
  });
});
