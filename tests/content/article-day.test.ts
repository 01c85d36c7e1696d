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
    // The nights the clocks change: 02:30 written with its offset is one instant, either way.
    ["2021-03-28T02:30:00+01:00", "2021-03-28", "2021-03-28T03:30:00+02:00"],
    ["2021-10-31T02:30:00+02:00", "2021-10-31", "2021-10-31T02:30:00+02:00"],
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
      console.log(JSON.stringify(["2021-12-09", "2021-12-09T23:30:00", "2021-12-09T23:30Z", "2021-12-09 23:30:00", "2021-03-28T03:30:00", "1900-06-01T00:05:00"].map((t) => parseContractDate(t, "Europe/Paris"))));`;
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

describe("a time the clocks skip is no date, one they show twice is read with the other named", () => {
  it.each([
    ["2026-03-29T02:30", "Europe/Paris", { time: "02:30", day: "2026-03-29", next: "2026-03-29T03:30", summer: true }],
    ["2026-03-29 02:00:00", "Europe/Paris", { time: "02:00:00", day: "2026-03-29", next: "2026-03-29T03:00:00", summer: true }],
    ["2021-03-14T02:30", "America/New_York", { time: "02:30", day: "2021-03-14", next: "2021-03-14T03:30", summer: true }],
    // Lord Howe moves its clocks half an hour; Samoa skipped 30 December 2011 whole.
    ["2021-10-03T02:15", "Australia/Lord_Howe", { time: "02:15", day: "2021-10-03", next: "2021-10-03T02:45", summer: true }],
    ["2011-12-30T12:00", "Pacific/Apia", { time: "12:00", day: "2011-12-30", next: "2011-12-31T12:00", summer: true }],
  ] as const)("%s in %s is skipped", (text, zone, problem) => {
    expect(readContractDate(text, zone)).toEqual({ ok: false, problem: { kind: "skipped", ...problem } });
  });

  it.each([
    ["2026-10-25T02:30", "Europe/Paris", "2026-10-25T02:30:00+01:00", { taken: "+01:00", other: "+02:00", takenFirst: false }],
    ["2021-11-07T01:30", "America/New_York", "2021-11-07T01:30:00-05:00", { taken: "-05:00", other: "-04:00", takenFirst: false }],
    ["2021-04-04T01:45", "Australia/Lord_Howe", "2021-04-04T01:45:00+11:00", { taken: "+11:00", other: "+10:30", takenFirst: true }],
  ] as const)("%s in %s is shown twice", (text, zone, iso, offsets) => {
    const read = readContractDate(text, zone);
    expect(read.ok && read.moment.iso).toBe(iso);
    expect(read.ok && read.repeated).toEqual({ time: text.slice(11), day: text.slice(0, 10), summer: true, ...offsets });
  });

  it.each([
    "2026-03-29",
    "2026-03-29T01:59:59",
    "2026-03-29T03:00",
    "2026-10-25",
    "2026-10-25T01:59:59",
    "2026-10-25T03:00",
    "2026-10-25T02:30+02:00",
    "2026-07-14T02:30",
  ])("%s names one instant in Paris", (text) => {
    expect(readContractDate(text, "Europe/Paris")).toEqual({ ok: true, moment: parseContractDate(text, "Europe/Paris") });
  });

  // When Paris left local mean time, 23:51:39 to 00:00:59 came twice; no offset an editor writes can name the first.
  it("names no other instant that only an offset in seconds could choose", () => {
    expect(readContractDate("1911-03-10T23:55:00", "Europe/Paris")).toEqual({ ok: true, moment: parseContractDate("1911-03-10T23:55:00", "Europe/Paris") });
  });

  it("says the same whatever the build machine's timezone", () => {
    const script = `import { readContractDate } from "./src/text/dates.ts";
      console.log(JSON.stringify(["2026-03-29T02:30", "2026-10-25T02:30", "2026-10-25T02:30+02:00"].map((t) => readContractDate(t, "Europe/Paris"))));`;
    const run = (tz: string): unknown =>
      JSON.parse(
        execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { ...process.env, TZ: tz }, encoding: "utf8" }),
      );
    const paris = run("Europe/Paris");
    expect(paris).toMatchObject([{ ok: false, problem: { kind: "skipped" } }, { ok: true, repeated: { taken: "+01:00" } }, { ok: true }]);
    expect(run("America/Los_Angeles")).toEqual(paris);
    expect(run("Asia/Tokyo")).toEqual(paris);
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
    // Minutes after, once on the new clock: luxon's guess of the offset misses it, which is no skipped time.
    expect(readContractDate("1911-03-11T00:05:00", "Europe/Paris")).toEqual({
      ok: true,
      moment: { iso: "1911-03-11T00:05:00+00:00", epochMs: Date.parse("1911-03-11T00:05:00Z"), day: "1911-03-11", time: "00:05", hasTime: true },
    });
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
      // A wall time the clocks skip, which luxon moves on, is no date.
      const skipped = text.length === 19 && reference.toFormat("yyyy-MM-dd'T'HH:mm:ss") !== text;
      expect(parseContractDate(text, zone), `${text} in ${zone}`).toEqual(skipped ? undefined : momentOf(reference, text.length > 10));
    }
  });

  // What datetime attributes, feeds and sitemaps say is what the editor wrote, local mean time included.
  it.each(zones)("and its ISO text is the instant itself, in %s", (zone) => {
    for (const text of texts) {
      const moment = parseContractDate(text, zone);
      if (!moment) continue;
      expect(moment.iso, `${text} in ${zone}`).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?(?:Z|[+-]\d{2}:\d{2})$/);
      expect(Date.parse(moment.iso), `${text} in ${zone}: ${moment.iso}`).toBe(moment.epochMs);
    }
  });
});
