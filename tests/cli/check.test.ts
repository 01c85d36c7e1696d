import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
let archive: TestArchive;
afterEach(() => archive?.remove());

function depeche(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("depeche check", () => {
  it("prints one summary line and exits 0 on a valid archive", () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    archive.article("b.md", { title: "Deux", date: "2021-12-10" });
    const r = depeche("check", "--content", archive.dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^depeche check: 2 articles, 5 sujets, 2 sources, 2 jours : tout est valide ; 0 avertissement \(\d+,\d\d s\)\n$/);
    expect(r.stderr).toBe("");
  });

  it("prints every error to standard error, compiler style, and exits 1", () => {
    archive = makeArchive();
    archive.article("a.md", { topics: "[Irack]" });
    archive.article("b.md", { extra: "topic: Irak", title: "Deux" });
    const r = depeche("check", "--content", archive.dir);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toBe(
      `${archive.display("articles/a.md")}:5:10: error: sujet inconnu « Irack » (vouliez-vous dire « Irak » ?) : utilisez une entrée de topics.yaml, ou ajoutez-la`,
    );
    expect(lines[1]).toMatch(new RegExp(`^${archive.display("articles/b.md")}:6:1: error: clé inconnue « topic » \\(vouliez-vous dire « topics » \\?\\)`));
    expect(lines[2]).toMatch(/^depeche check: 2 erreurs, 0 avertissement dans 2 fichiers d’articles ; rien n’a été écrit/);
  });

  it("exits 2 on a usage mistake", () => {
    expect(depeche("check", "--contnt", "x").status).toBe(2);
    expect(depeche("frobnicate").status).toBe(2);
    // Names an object has of its own must not pass for commands either.
    for (const name of ["constructor", "__proto__", "toString"]) {
      const r = depeche(name);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`depeche: commande inconnue « ${name} »`);
    }
  });
});
