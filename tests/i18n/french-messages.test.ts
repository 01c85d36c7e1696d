import { afterEach, describe, expect, it, vi } from "vitest";
import { messages } from "../../src/i18n/messages.ts";
import { zoneOffsets } from "../../src/text/dates.ts";
import { zoneName } from "../../src/text/zone-names.ts";
import { fr } from "../helpers/french.ts";

const NNBSP = "\u202f";

afterEach(() => vi.unstubAllEnvs());

describe("the command line's French", () => {
  it("writes numbers the French way: a narrow no-break space between thousands, a decimal comma", () => {
    expect(messages().seconds(5.182)).toBe("5,18 s");
    expect(messages().seconds(1234.5)).toBe(`1${NNBSP}234,50 s`);
    expect(messages().diagnostics.aliasTooLong(400, 1200)).toContain(`celui-ci en a 1${NNBSP}200`);
  });

  // Every message that names the site's timezone, in the language of the moment.
  const zoneMessages = (zone: string): string => {
    const [say, name] = [messages().diagnostics, zoneName(zone)];
    return [
      say.invalidDate("date", "demain", name),
      messages().cli.dateOptionInvalid("demain", name),
      say.misplacedFile("2021-12-09", "2021/12/09-un.md", name),
      say.offsetDoesNotExist("date", "+99:00", name, zoneOffsets(zone)),
      say.skippedTime("date", "02:30", "2026-03-29", name, true, "2026-03-29T03:30"),
      say.repeatedTime("date", "02:30", "2026-10-25", name, true, true, "x", "+02:00", "+01:00"),
    ].join("\n");
  };

  it.each([
    // The zone; French after « heure » and « jour », then where clocks change, then its offsets; English.
    ["Europe/Paris", "de Paris", "à Paris", "+01:00 (Paris en hiver) ou +02:00 (en été)", "Paris"],
    ["America/New_York", "de New York", "à New York", "-05:00 (New York en hiver) ou -04:00 (en été)", "New York"],
    ["Europe/Istanbul", "d’Istanbul", "à Istanbul", "+03:00 (heure d’Istanbul)", "Istanbul"],
    ["America/Montreal", "de Montréal", "à Montréal", "-05:00 (Montréal en hiver) ou -04:00 (en été)", "Montreal"],
    ["America/Sao_Paulo", "de São Paulo", "à São Paulo", "-03:00 (heure de São Paulo)", "São Paulo"],
    ["Asia/Tokyo", "de Tokyo", "à Tokyo", "+09:00 (heure de Tokyo)", "Tokyo"],
    ["UTC", "UTC", "à l’heure UTC", "+00:00 (heure UTC)", "UTC"],
    ["Etc/UTC", "UTC", "à l’heure UTC", "+00:00 (heure UTC)", "UTC"],
    ["Etc/GMT+5", "UTC\u22125", "à l’heure UTC\u22125", "-05:00 (heure UTC\u22125)", "UTC\u22125"],
    ["CET", "CET", "à l’heure CET", "+01:00 (heure CET en hiver) ou +02:00 (en été)", "CET"],
  ])("names the site's time zone %s in every message that says it, in French and in English", (zone, of, at, offsets, en) => {
    const french = zoneMessages(zone);
    for (const said of [`(heure ${of})`, `(2021-12-09, jour ${of})`, `comme ${offsets}`, `n’existe pas ${at} le`, `deux fois 02:30 ${at} le`]) {
      expect(french).toContain(said);
    }
    vi.stubEnv("DEPECHE_LANG", "en");
    const english = zoneMessages(zone);
    for (const said of [`(${en} time)`, `(2021-12-09, ${en} day)`, `does not exist in ${en} on`, `twice in ${en} on`]) expect(english).toContain(said);
  });

  // The help is printed before any site is read: it names the site's timezone, whichever it is.
  it("says no city in the help of --date", () => {
    const { commands } = messages().usage;
    expect([...commands.import.options, ...commands.new.options].filter((line) => line.startsWith("--date"))).toEqual([
      fr`--date ISO     le jour (2021-12-09) ou l’heure (2021-12-09T15:10:00) des dépêches, dans le fuseau horaire du site ; sans elle, maintenant (SOURCE_DATE_EPOCH, sinon l’horloge), avec un avertissement`,
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
    expect(messages().diagnostics.invalidDate("date", "tomorrow", zoneName("Europe/Paris"))).toContain("(Paris time)");
    expect(messages().diagnostics.slugDeviceName()).toContain("com0 to com9");
    expect(messages().wire.unknownAgency(["Reuters", "DPA"], undefined, ["AA", "TRT FR"])).toMatch(
      /^unknown agencies "Reuters" and "DPA": .* knows only AA and TRT FR;/,
    );
  });
});
