/** English messages (DEPECHE_LANG=en) name moments in English, on the site's clock, whatever the machine's timezone. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { parseContractDate } from "../../src/text/dates.ts";
import { formatMomentEn, momentName } from "../../src/text/moment-names.ts";
import { articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";

let archive: TestArchive | undefined;
afterEach(() => {
  archive?.remove();
  archive = undefined;
  vi.unstubAllEnvs();
});

// A French date or time, as formatMoment writes them: no English message may hold one.
const FRENCH_DATE = /lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|décembre|\d\u00a0h\u00a0\d/u;

async function errors(a: TestArchive, nowMs: number): Promise<string[]> {
  const result = await loadContent({ contentDir: a.dir, nowMs });
  return result.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);
}

describe("English messages' dates (DEPECHE_LANG=en)", () => {
  it("says when a published URL would come back in English", async () => {
    vi.stubEnv("DEPECHE_LANG", "en");
    archive = makeArchive({ "urls.txt": "/2026/12/05/un/\n" });
    archive.article("2026/12/05-un.md", { title: "Un", date: "2026-12-05T02:16:00" });
    const found = await errors(archive, Date.parse("2026-12-04T12:00:00Z"));
    expect(found).toEqual([
      `${archive.display("articles/2026/12/05-un.md")}:3:7: error: /2026/12/05/un/ was published: dated Saturday, December 5, 2026 at 02:16, this article would take it off the site until then; give it back its date, or, to take it off on purpose, put a "!" at the start of its line, ${archive.display("urls.txt")}:1`,
    ]);
  });

  it("says until when a linked article is held back in English", async () => {
    vi.stubEnv("DEPECHE_LANG", "en");
    archive = makeArchive();
    archive.write("articles/2026/01/20-embargo.md", articleText({ title: "Embargo", date: "2026-01-20T08:00:00" }));
    archive.article("2021/12/09-source.md", { title: "Source", body: "Voir [la suite](/2026/01/20/embargo/)." });
    const found = await errors(archive, Date.parse("2025-12-31T12:00:00Z"));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("held back until Tuesday, January 20, 2026 at 08:00: remove the link");
    expect(found[0]).not.toMatch(FRENCH_DATE);
  });

  it("formats a moment in English on the site's clock, whatever TZ says, and a bare day without a time", () => {
    for (const tz of ["America/Los_Angeles", "Pacific/Auckland"]) {
      vi.stubEnv("TZ", tz);
      expect(formatMomentEn(parseContractDate("2026-12-05T02:16", "Europe/Paris")!)).toBe("Saturday, December 5, 2026 at 02:16");
      expect(formatMomentEn(parseContractDate("2021-12-01", "Europe/Paris")!)).toBe("Wednesday, December 1, 2021");
      expect(momentName(parseContractDate("2026-12-05T02:16", "Europe/Paris")!)).toEqual({
        fr: "samedi 5\u00a0décembre 2026 à 2\u00a0h\u00a016",
        en: "Saturday, December 5, 2026 at 02:16",
      });
    }
  });
});
