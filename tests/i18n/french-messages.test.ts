import { afterEach, describe, expect, it, vi } from "vitest";
import { messages } from "../../src/i18n/messages.ts";
import { fr } from "../helpers/french.ts";

const NNBSP = "\u202f";

afterEach(() => vi.unstubAllEnvs());

describe("the command line's French", () => {
  it("writes numbers the French way: a narrow no-break space between thousands, a decimal comma", () => {
    expect(messages().seconds(5.182)).toBe("5,18 s");
    expect(messages().seconds(1234.5)).toBe(`1${NNBSP}234,50 s`);
    expect(messages().diagnostics.aliasTooLong(400, 1200)).toContain(`celui-ci en a 1${NNBSP}200`);
  });

  it.each([
    ["Paris", "(heure de Paris)"],
    ["New York", "(heure de New York)"],
    ["Istanbul", "(heure d’Istanbul)"],
  ])("names the site's time zone by its place: %s", (place, said) => {
    expect(messages().diagnostics.invalidDate("date", "demain", place)).toContain(said);
    expect(messages().cli.dateOptionInvalid("demain", place)).toContain(said);
  });

  // The help is printed before any site is read: it names the site's timezone, whichever it is.
  it("says no city in the help of --date", () => {
    const { commands } = messages().usage;
    expect([...commands.import.options, ...commands.new.options].filter((line) => line.startsWith("--date"))).toEqual([
      fr`--date ISO     obligatoire : le jour (2021-12-09) ou l’heure (2021-12-09T15:10:00) des dépêches, dans le fuseau horaire du site`,
      "--date ISO     le jour ou l’heure de l’article (aujourd’hui dans le fuseau horaire du site par défaut)",
    ]);
  });

  it("lists the names Windows keeps in French", () => {
    const say = messages().diagnostics;
    for (const text of [say.slugDeviceName(), say.topicSlugDeviceName(), say.aliasSegmentDeviceName("con")]) {
      expect(text).toContain("(con, prn, aux, nul, com0 à com9, lpt0 à lpt9)");
    }
  });

  it("agrees an unknown agency's message with how many there are", () => {
    const say = messages().wire;
    expect(say.unknownAgency(["Reuters"], undefined, ["AA"])).toMatch(
      /^agence inconnue «\u202fReuters\u202f»\u00a0: .* ne connaît que AA\u202f; pour une autre agence, ajoutez-la /,
    );
    expect(say.unknownAgency(["TRT"], "TRT FR", ["AA", "AFP", "TRT FR"])).toMatch(
      /^agence inconnue «\u202fTRT\u202f» \(vouliez-vous dire «\u202fTRT FR\u202f»\u202f\?\)\u00a0: .* ne connaît que AA, AFP et TRT FR\u202f;/,
    );
    expect(say.unknownAgency(["Reuters", "DPA"], undefined, ["AA"])).toMatch(
      /^agences inconnues «\u202fReuters\u202f» et «\u202fDPA\u202f»\u00a0: .* pour d’autres agences, ajoutez-les /,
    );
  });

  it("says the same in English with DEPECHE_LANG=en", () => {
    vi.stubEnv("DEPECHE_LANG", "en");
    expect(messages().diagnostics.invalidDate("date", "tomorrow", "Paris")).toContain("(Paris time)");
    expect(messages().diagnostics.slugDeviceName()).toContain("com0 to com9");
    expect(messages().wire.unknownAgency(["Reuters", "DPA"], undefined, ["AA", "TRT FR"])).toMatch(
      /^unknown agencies "Reuters" and "DPA": .* knows only AA and TRT FR;/,
    );
  });
});
