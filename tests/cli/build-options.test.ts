import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
let archive: TestArchive;
afterEach(() => archive?.remove());

function build(...args: string[]): { status: number | null; stdout: string; stderr: string; out: string } {
  const out = join(archive.root, "_site");
  const r = spawnSync(process.execPath, [bin, "build", "--no-cache", "--content", archive.dir, "--out", out, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", CI: "1" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, out };
}

describe("depeche build checks the values of its options as the content's are checked", () => {
  it.each([
    "javascript:alert(1)//",
    "",
    "/archives",
    "//preview.example.org",
    "ftp://preview.example.org",
    "https://preview.example.org/?x=1",
    "https://preview.example.org/#top",
    "https://editor:secret@preview.example.org",
  ])("refuses --base-url %j in one line, exit 2, writing nothing", (url) => {
    archive = makeArchive();
    archive.article("a.md");
    const r = build("--base-url", url);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      fr`depeche build: error: --base-url « ${url} » doit être une adresse http(s) complète, sans nom d’utilisateur, requête ni fragment, comme https://archives.example.org\n`,
    );
    expect(existsSync(r.out)).toBe(false);
  });

  it.each(["2021-12-10T12:00:00+99:00", "2021-12-10T12:00:00+01:99", "demain"])("refuses --now %s in one line, exit 2, writing nothing", (now) => {
    archive = makeArchive();
    archive.article("a.md");
    const r = build("--now", now);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      fr`depeche build: error: --now « ${now} » n’est pas une date : écrivez 2021-12-10T12:00:00Z, ou avec un décalage (de -12:00 à +14:00, minutes de 00 à 59) comme 2021-12-10T13:00:00+01:00 ; sans décalage, c’est l’heure UTC\n`,
    );
    expect(existsSync(r.out)).toBe(false);
  });

  it("publishes at a --base-url as the URL parser spells it", () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Un" });
    const r = build("--base-url", "HTTPS://Preview.Example.org:443/essai/", "--now", "2021-12-10T12:00:00Z", "--no-search");
    expect(r.status, r.stderr).toBe(0);
    const page = readFileSync(join(r.out, "2021/12/09/un/index.html"), "utf8");
    expect(page).toContain('<link rel="canonical" href="https://preview.example.org/essai/2021/12/09/un/">');
    expect(page).toContain('"url":"https://preview.example.org/essai/2021/12/09/un/"');
  });
});
