import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
let archive: TestArchive;
afterEach(() => archive?.remove());

/** `depeche build` run from the archive's folder, with the default content/ and _site/ there. */
function buildFromArchiveFolder() {
  return spawnSync(process.execPath, [bin, "build", "--no-search", "--now", "2026-01-15T12:00:00Z"], {
    cwd: archive.root,
    encoding: "utf8",
    env: { ...process.env, GITHUB_ACTIONS: "" },
  });
}

describe("depeche run from another working directory", () => {
  it("builds with the tool's own templates and configuration", () => {
    archive = makeArchive();
    archive.article("2021/12/09-irak.md", { title: "L’Irak annonce la fin de la mission de combat" });
    const run = buildFromArchiveFolder();
    expect(run.stderr).not.toContain("Error");
    expect(run.status).toBe(0);
    expect(readFileSync(join(archive.root, "_site/2021/12/09/l-irak-annonce-la-fin-de-la-mission-de-combat/index.html"), "utf8")).toContain("L’Irak annonce");
  });

  it("never runs a templates/ folder of the working directory", () => {
    archive = makeArchive();
    archive.article("2021/12/09-irak.md", { title: "L’Irak annonce la fin de la mission de combat" });
    const ran = join(archive.root, "hostile-template-ran");
    archive.write(
      "../templates/x.11ty.ts",
      `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(ran)}, "ran");\nexport const data = {};\nexport function render() { return "hostile"; }\n`,
    );
    archive.write("../package.json", `{ "type": "module" }`);
    const run = buildFromArchiveFolder();
    expect(existsSync(ran)).toBe(false);
    expect(run.stderr).not.toContain("Error");
    expect(run.status).toBe(0);
    expect(readdirSync(join(archive.root, "_site"))).not.toContain("x");
  });

  it("builds the same whatever package.json or .gitignore the working directory holds", () => {
    archive = makeArchive();
    archive.article("2021/12/09-irak.md", { title: "L’Irak annonce la fin de la mission de combat" });
    archive.write("../package.json", "{ not json");
    archive.write("../.gitignore", "*\n**/*.ts\n");
    const run = buildFromArchiveFolder();
    expect(run.stderr).not.toContain("Error");
    expect(run.status).toBe(0);
    expect(existsSync(join(archive.root, "_site/2021/12/09/l-irak-annonce-la-fin-de-la-mission-de-combat/index.html"))).toBe(true);
  });
});
