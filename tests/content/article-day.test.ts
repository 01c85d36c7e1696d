import { execFileSync } from "node:child_process";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { momentOf, parseContractDate, readContractDate } from "../../src/text/dates.ts";

describe("the day of an article is its day in Europe/Paris", () => {
  const cases: [string, string, string][] = [
    ["2021-12-09", "2021-12-09", "2021-12-09T00:00:00+01:00"],
    ["2021-12-09T23:30:00+01:00", "2021-12-09", "2021-12-09T23:30:00+01:00"],
    ["2021-12-09T23:30Z", "2021-12-10", "2021-12-10T00:30:00+01:00"],
    ["2021-12-09T23:30:00", "2021-12-09", "2021-12-09T23:30:00+01:00"],
    ["2021-12-09 23:30:00", "2021-12-09", "2021-12-09T23:30:00+01:00"],
    ["2021-07-14T22:30:00Z", "2021-07-15", "2021-07-15T00:30:00+02:00"],
    ["2021-12-09T06:00:00-08:00", "2021-12-09", "2021-12-09T15:00:00+01:00"],
    ["2021-12-09T01:00:00+09:00", "2021-12-08", "2021-12-08T17:00:00+01:00"],
    // The night the clocks go forward: 02:30 does not exist in Paris, luxon moves it on.
    ["2021-03-28T02:30:00", "2021-03-28", "2021-03-28T03:30:00+02:00"],
    ["2021-10-31T23:59:59", "2021-10-31", "2021-10-31T23:59:59+01:00"],
  ];
  it.each(cases)("%s is on %s", (text, day, iso) => {
    const moment = parseContractDate(text, "Europe/Paris");
    expect(moment?.day).toBe(day);
    expect(moment?.iso).toBe(iso);
  });

  it.each(["2021-02-30", "2021-13-01", "2021-12-09T24:00", "2021-12-09T12:60", "09/12/2021", "2021", "2021-W49-4", "hier"])("refuses %s", (text) => {
    expect(parseContractDate(text, "Europe/Paris")).toBeUndefined();
  });

  it("gives the same days whatever the build machine's timezone", () => {
    const script = `import { parseContractDate } from "./src/text/dates.ts";
      console.log(JSON.stringify(["2021-12-09", "2021-12-09T23:30:00", "2021-12-09T23:30Z", "2021-12-09 23:30:00", "2021-03-28T02:30:00", "1900-06-01T00:05:00"].map((t) => parseContractDate(t, "Europe/Paris"))));`;
    const run = (tz: string): unknown =>
      JSON.parse(
        execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { ...process.env, TZ: tz }, encoding: "utf8" }),
      );
    const utc = run("UTC");
    expect(run("America/Los_Angeles")).toEqual(utc);
    expect(run("Asia/Tokyo")).toEqual(utc);
    expect((utc as { day: string }[]).map((m) => m.day)).toEqual(["2021-12-09", "2021-12-09", "2021-12-10", "2021-12-09", "2021-03-28", "1900-06-01"]);
  });
});

describe("a UTC offset is one that clocks use", () => {
  it.each(["+99:00", "+24:00", "+01:99", "+01:60", "+14:30", "-12:30", "-13:00"])("refuses %s, and says which offsets are", (offset) => {
    expect(readContractDate(`2021-12-09T10:00:00${offset}`, "Europe/Paris")).toEqual({
      ok: false,
      problem: { kind: "offset", offset },
    });
  });

  it.each([
    ["+14:00", "2021-12-08T21:00:00+01:00"],
    ["-12:00", "2021-12-09T23:00:00+01:00"],
    ["+05:45", "2021-12-09T05:15:00+01:00"],
    ["-00:00", "2021-12-09T11:00:00+01:00"],
    ["+0100", "2021-12-09T10:00:00+01:00"],
    ["+01", "2021-12-09T10:00:00+01:00"],
  ])("accepts %s", (offset, iso) => {
    expect(parseContractDate(`2021-12-09T10:00:00${offset}`, "Europe/Paris")?.iso).toBe(iso);
  });

  it("refuses an offset cut short after its colon", () => {
    expect(readContractDate("2021-12-09T10:00:00+01:", "Europe/Paris")).toEqual({ ok: false });
  });
});

describe("the ISO text of a date is its instant, to the second", () => {
  it("is in UTC when the site's offset has seconds (Paris before 1911: +00:09:21), with Paris's day and clock kept for pages", () => {
    expect(parseContractDate("1900-01-01", "Europe/Paris")).toEqual({
      iso: "1899-12-31T23:50:39Z",
      epochMs: Date.parse("1899-12-31T23:50:39Z"),
      day: "1900-01-01",
      time: "00:00",
      hasTime: false,
    });
    expect(parseContractDate("1900-06-01T12:00:00Z", "Europe/Paris")).toMatchObject({ iso: "1900-06-01T12:00:00Z", day: "1900-06-01", time: "12:09" });
    // The night Paris left local mean time: at 00:01 its clocks went back to 23:51:39.
    expect(parseContractDate("1911-03-10T23:55:00", "Europe/Paris")).toMatchObject({ iso: "1911-03-10T23:45:39Z", day: "1911-03-10", time: "23:55" });
    expect(parseContractDate("1911-03-11T12:00:00", "Europe/Paris")).toMatchObject({ iso: "1911-03-11T12:00:00+00:00", time: "12:00" });
  });
});

describe("the fast path agrees with luxon everywhere", () => {
  const zones = ["Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/Sao_Paulo", "UTC"];
  // Deterministic pseudo-random instants, plus every hour around two DST changes.
  let seed = 42;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pad = (n: number): string => String(n).padStart(2, "0");
  const texts: string[] = [];
  // Most in 2000–2030; some from 1880, when zones still kept local mean time, offsets in seconds.
  for (let i = 0; i < 500; i++) {
    const t = new Date(
      i < 400 ? Date.UTC(2000, 0, 1) + Math.floor(rand() * 30 * 365 * 86400) * 1000 : Date.UTC(1880, 0, 1) + Math.floor(rand() * 120 * 365 * 86400) * 1000,
    );
    const wall = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
    texts.push(wall, `${wall}Z`, `${wall}+05:30`, wall.slice(0, 10));
  }
  for (const day of ["2021-03-28", "2021-10-31", "2021-03-14", "2021-11-07", "2021-04-04", "2021-10-03"]) {
    for (let h = 0; h < 24; h++) texts.push(`${day}T${pad(h)}:30:00`, `${day}T${pad(h)}:30:00Z`);
  }
  it.each(zones)("in %s", (zone) => {
    for (const text of texts) {
      const reference = DateTime.fromISO(text.replace(" ", "T"), { zone });
      expect(parseContractDate(text, zone), `${text} in ${zone}`).toEqual(momentOf(reference, text.length > 10));
    }
  });

  // What datetime attributes, feeds and sitemaps say is what the editor wrote, local mean time included.
  it.each(zones)("and its ISO text is the instant itself, in %s", (zone) => {
    for (const text of texts) {
      const moment = parseContractDate(text, zone)!;
      expect(moment.iso, `${text} in ${zone}`).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?(?:Z|[+-]\d{2}:\d{2})$/);
      expect(Date.parse(moment.iso), `${text} in ${zone}: ${moment.iso}`).toBe(moment.epochMs);
    }
  });
});
