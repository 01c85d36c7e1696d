import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { buildArchive, treeDigest } from "../helpers/site.ts";
import { depecheUnprivileged } from "../helpers/unprivileged.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

describe("urls.txt keeps what people wrote", () => {
  it("keeps every comment, note, blank line and their order, and only appends the URLs it lacks, sorted", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un", extra: "aliases: [/ancien/]" });
    archive.article("b.md", { title: "Trois" });
    archive.article("c.md", { title: "Deux" });
    // The last line has no line end: the next URL must still start a line of its own.
    const written =
      "# Adresses publiées : ne rien effacer\n\n/2021/12/09/un/   publiée le 9, voir le ticket 42\n# retraits\n! /2021/12/09/vieux/ retiré exprès\n/ancien/";
    archive.write("urls.txt", written);
    expect((await buildArchive(archive)).result.ok).toBe(true);
    const path = join(archive.dir, "urls.txt");
    expect(readFileSync(path, "utf8")).toBe(`${written}\n/2021/12/09/deux/\n/2021/12/09/trois/\n`);

    const modified = statSync(path).mtimeMs;
    expect((await buildArchive(archive)).result.ok).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(`${written}\n/2021/12/09/deux/\n/2021/12/09/trois/\n`);
    expect(statSync(path).mtimeMs).toBe(modified);
  });
});

describe("the build never writes through a link nor leaves urls.txt cut", () => {
  it("refuses a urls.txt that is a symbolic link, and leaves the file it points to as it was", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    archive.article("b.md", { title: "Deux" });
    const outside = join(archive.root, "elsewhere.txt");
    writeFileSync(outside, "# un autre fichier\n/2021/12/09/un/\n");
    symlinkSync(outside, join(archive.dir, "urls.txt"));
    const built = await buildArchive(archive);
    expect(built.result.ok).toBe(false);
    expect(built.result.diagnostics.map(formatDiagnostic)).toEqual([
      `${archive.display("urls.txt")}:1:1: error: symbolic links are not followed: put the file itself in the content folder`,
    ]);
    expect(readFileSync(outside, "utf8")).toBe("# un autre fichier\n/2021/12/09/un/\n");
    expect(existsSync(built.out)).toBe(false);
  });

  it("fails with one line when urls.txt can't be written, leaving it and the previous site whole (through bin/depeche.js)", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    const manifest = "# nos notes\n/2021/12/09/un/ la première\n";
    archive.write("urls.txt", manifest);
    // The site's folder is open to the unprivileged user; the content folder is not writable.
    const www = join(archive.root, "www");
    mkdirSync(www, { mode: 0o777 });
    chmodSync(www, 0o777);
    const before = await buildArchive(archive, { outDir: join(www, "site") });
    expect(before.result.ok).toBe(true);
    const site = treeDigest(before.out);
    archive.article("b.md", { title: "Deux" });
    chmodSync(archive.dir, 0o555);
    const r = depecheUnprivileged(archive, ["build", "--content", archive.dir, "--out", join(www, "site"), "--no-search"]);
    chmodSync(archive.dir, 0o755);
    expect(r.stderr.split("\n").filter((l) => l.includes("error"))).toEqual([
      `depeche build: error: cannot write ${archive.display("urls.txt")}: permission denied; the previous file is unchanged`,
    ]);
    expect(r.status).toBe(1);
    expect(readFileSync(join(archive.dir, "urls.txt"), "utf8")).toBe(manifest);
    expect(treeDigest(before.out)).toBe(site);
    expect(readdirSync(www)).toEqual(["site"]);
  });
});
