import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { expectedPlace } from "../../src/content/article-place.ts";
import { loadContent } from "../../src/content/load.ts";
import { makeArchive, SITE_YAML, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

describe("expectedPlace", () => {
  it.each([
    ["2021/11/28-irak.md", "2021-12-09", "2021/12/09-irak.md"],
    ["2021/12/09-irak.md", "2021-12-09", undefined],
    ["2021/11/irak.md", "2021-12-09", "2021/12/irak.md"],
    ["2021/12/irak.md", "2021-12-09", undefined],
    ["2020/irak.md", "2021-12-09", "2021/irak.md"],
    ["irak.md", "2021-12-09", undefined],
    ["guerre/irak.md", "2021-12-09", undefined],
  ] as const)("%s dated %s belongs at %s", (path, day, expected) => {
    expect(expectedPlace(path, day)).toBe(expected);
  });
});

describe("an article filed under another day", () => {
  it("gets a warning at its date saying where it belongs, and still builds", async () => {
    archive = makeArchive();
    archive.article("2021/11/28-irak.md", { date: "2021-12-09T15:10:00" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: Date.parse("2026-01-01T00:00:00Z") });
    expect(result.content?.articles).toHaveLength(1);
    expect(result.diagnostics).toEqual([
      {
        severity: "warning",
        file: archive.display("articles/2021/11/28-irak.md"),
        line: 3,
        column: 7,
        message: fr`le fichier est rangé à une autre date que la sienne (2021-12-09, jour de Paris) : sa place est ${archive.display("articles/2021/12/09-irak.md")} ; déplacez-le (l’adresse de l’article suit sa date, pas son dossier)`,
        kind: "misplacedFile",
      },
    ]);
  });

  it("says to add the published URL its path names as an alias before moving it, since the move would lose it", async () => {
    archive = makeArchive({ "urls.txt": "/2021/12/09/un/\n" });
    archive.article("2021/12/09-un.md", { title: "Un", date: "2021-12-10" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: Date.parse("2026-01-01T00:00:00Z") });
    expect(result.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column}: ${d.message}`)).toEqual([
      fr`error 3:7: /2021/12/09/un/ a été publiée, et « date » de cet article l’a déplacée vers /2021/12/10/un/ : ajoutez « /2021/12/09/un/ » à ses « aliases » (une redirection), ou, pour la retirer exprès, mettez un « ! » au début de sa ligne, ${archive.display("urls.txt")}:1`,
      fr`warning 3:7: le fichier est rangé à une autre date que la sienne (2021-12-10, jour de Paris) : sa place est ${archive.display("articles/2021/12/10-un.md")} ; ajoutez d’abord « /2021/12/09/un/ » à ses « aliases », puis déplacez-le (déplacé avant, plus rien ne relierait l’adresse publiée à cet article)`,
    ]);
  });

  // 23:30 in Paris on 8 December is already 9 December in UTC+14 and still 8 December in UTC−10.
  it("takes the day in Paris, whatever the offset written or the machine's timezone", async () => {
    archive = makeArchive();
    archive.article("2021/12/08-tard.md", { title: "Tard", date: "2021-12-08T23:30:00" });
    archive.article("2021/12/09-decale.md", { title: "Décalé", date: "2021-12-08T23:30:00Z" });
    archive.article("2021/12/08-ecrit-a-l-est.md", { title: "Écrit à l’est", date: "2021-12-09T09:00:00+14:00" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: Date.parse("2026-01-01T00:00:00Z") });
    // The article written 23:30 UTC is 00:30 on 9 December in Paris: it is in its place.
    expect(result.diagnostics.map((d) => d.file)).toEqual([]);
  });

  // 23:30 on 9 December in Montreal is already 10 December in Paris and in Tokyo, the machine's timezone here.
  it("takes the day in the site's timezone, and names its place, not Paris", () => {
    archive = makeArchive({ "site.yaml": SITE_YAML.replace("timezone: Europe/Paris", "timezone: America/Montreal") });
    archive.article("2021/12/10-tard.md", { title: "Tard", date: "2021-12-09T23:30:00" });
    const child = spawnSync(process.execPath, ["bin/depeche.js", "check", "--content", archive.dir], {
      env: { ...process.env, TZ: "Asia/Tokyo", NO_COLOR: "1" },
      encoding: "utf8",
    });
    expect(child.stderr).toContain(
      fr`${archive.display("articles/2021/12/10-tard.md")}:3:7: warning: le fichier est rangé à une autre date que la sienne (2021-12-09, jour de Montréal) : sa place est ${archive.display("articles/2021/12/09-tard.md")} ;`,
    );
  });

  // 00:30 in Paris on 9 December is still 8 December in UTC: a zone named for no place is said as its clock.
  it.each([
    ["UTC", "jour UTC"],
    ["Etc/GMT+5", "jour UTC\u22125"],
  ])("names the day of a site set to %s as French says it", async (zone, day) => {
    archive = makeArchive({ "site.yaml": SITE_YAML.replace("timezone: Europe/Paris", `timezone: ${zone}`) });
    archive.article("2021/12/09-tot.md", { title: "Tôt", date: "2021-12-09T00:30:00+01:00" });
    const result = await loadContent({ contentDir: archive.dir, nowMs: Date.parse("2026-01-01T00:00:00Z") });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      fr`le fichier est rangé à une autre date que la sienne (2021-12-08, ${day}) : sa place est ${archive.display("articles/2021/12/08-tot.md")} ; déplacez-le (l’adresse de l’article suit sa date, pas son dossier)`,
    ]);
  });

  it.each(["Pacific/Honolulu", "Pacific/Kiritimati"])("warns the same under TZ=%s as in Paris", (tz) => {
    archive = makeArchive();
    archive.article("2021/12/09-tard.md", { title: "Tard", date: "2021-12-08T23:30:00" });
    archive.article("2021/12/08-tot.md", { title: "Tôt", date: "2021-12-09T00:30:00" });
    const run = (zone: string): string[] => {
      const child = spawnSync(process.execPath, ["bin/depeche.js", "check", "--content", archive.dir], { env: { ...process.env, TZ: zone }, encoding: "utf8" });
      return child.stderr.split("\n").filter((line) => line.includes("warning:"));
    };
    const paris = run("Europe/Paris");
    expect(paris.map((line) => /sa place est (\S+)/.exec(line)?.[1])).toEqual([
      archive.display("articles/2021/12/09-tot.md"),
      archive.display("articles/2021/12/08-tard.md"),
    ]);
    expect(run(tz)).toEqual(paris);
  });
});
