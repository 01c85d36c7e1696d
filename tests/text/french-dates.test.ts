import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import type { Day, Moment } from "../../src/content/model.ts";
import { parseContractDate } from "../../src/text/dates.ts";
import {
  capitalize,
  formatDay,
  formatDayMedium,
  formatDayOfMonth,
  formatDayShort,
  formatMoment,
  formatMonth,
  formatTime,
  formatWeekday,
  monthName,
} from "../../src/text/french-dates.ts";

const NB = "\u00a0";
const ZONE = "Europe/Paris";

function moment(text: string): Moment {
  const m = parseContractDate(text, ZONE);
  if (!m) throw new Error(`unreadable date ${text}`);
  return m;
}

// The first of each month of 2022, with its weekday (checked against another calendar).
const firstOfMonth: [day: Day, full: string, short: string][] = [
  ["2022-01-01", "samedi 1er\u00a0janvier 2022", "1er\u00a0janvier"],
  ["2022-02-01", "mardi 1er\u00a0février 2022", "1er\u00a0février"],
  ["2022-03-01", "mardi 1er\u00a0mars 2022", "1er\u00a0mars"],
  ["2022-04-01", "vendredi 1er\u00a0avril 2022", "1er\u00a0avril"],
  ["2022-05-01", "dimanche 1er\u00a0mai 2022", "1er\u00a0mai"],
  ["2022-06-01", "mercredi 1er\u00a0juin 2022", "1er\u00a0juin"],
  ["2022-07-01", "vendredi 1er\u00a0juillet 2022", "1er\u00a0juillet"],
  ["2022-08-01", "lundi 1er\u00a0août 2022", "1er\u00a0août"],
  ["2022-09-01", "jeudi 1er\u00a0septembre 2022", "1er\u00a0septembre"],
  ["2022-10-01", "samedi 1er\u00a0octobre 2022", "1er\u00a0octobre"],
  ["2022-11-01", "mardi 1er\u00a0novembre 2022", "1er\u00a0novembre"],
  ["2022-12-01", "jeudi 1er\u00a0décembre 2022", "1er\u00a0décembre"],
];

describe("French dates", () => {
  test.each(firstOfMonth)("%s → %s", (day, full, short) => {
    expect(formatDay(day)).toBe(full);
    expect(formatDayShort(day)).toBe(short);
    expect(formatDayMedium(day)).toBe(full.slice(full.indexOf(" ") + 1));
  });

  test.each([
    ["2021-12-09", "jeudi 9\u00a0décembre 2021", "9\u00a0décembre", "9\u00a0décembre 2021"],
    ["2021-12-31", "vendredi 31\u00a0décembre 2021", "31\u00a0décembre", "31\u00a0décembre 2021"],
    ["2024-02-29", "jeudi 29\u00a0février 2024", "29\u00a0février", "29\u00a0février 2024"],
    ["2000-01-01", "samedi 1er\u00a0janvier 2000", "1er\u00a0janvier", "1er\u00a0janvier 2000"],
    ["2021-08-02", "lundi 2\u00a0août 2021", "2\u00a0août", "2\u00a0août 2021"],
  ] as [Day, string, string, string][])("%s → %s", (day, full, short, medium) => {
    expect(formatDay(day)).toBe(full);
    expect(formatDayShort(day)).toBe(short);
    expect(formatDayMedium(day)).toBe(medium);
  });

  test("names the seven weekdays in lower case", () => {
    const week: Day[] = ["2021-12-06", "2021-12-07", "2021-12-08", "2021-12-09", "2021-12-10", "2021-12-11", "2021-12-12"];
    expect(week.map(formatWeekday)).toEqual(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]);
  });

  test.each([
    [1, "janvier 2021"],
    [2, "février 2021"],
    [3, "mars 2021"],
    [4, "avril 2021"],
    [5, "mai 2021"],
    [6, "juin 2021"],
    [7, "juillet 2021"],
    [8, "août 2021"],
    [9, "septembre 2021"],
    [10, "octobre 2021"],
    [11, "novembre 2021"],
    [12, "décembre 2021"],
  ])("month %i → %s", (month, text) => {
    expect(formatMonth(2021, month)).toBe(text);
    expect(monthName(month)).toBe(text.split(" ")[0]);
  });

  test("writes the first of the month 1er, other days as numbers", () => {
    expect([1, 2, 9, 10, 21, 31].map(formatDayOfMonth)).toEqual(["1er", "2", "9", "10", "21", "31"]);
  });

  test("refuses what is not a month or a calendar day", () => {
    expect(() => monthName(0)).toThrow(RangeError);
    expect(() => monthName(13)).toThrow(RangeError);
    expect(() => formatDay("2021-02-30" as Day)).toThrow(RangeError);
    expect(() => formatDay("9\u00a0décembre" as Day)).toThrow(RangeError);
  });

  test.each([
    ["2021-12-09T15:10:00+01:00", `15${NB}h${NB}10`, `jeudi 9\u00a0décembre 2021 à 15${NB}h${NB}10`],
    ["2021-12-10T08:05", `8${NB}h${NB}05`, `vendredi 10\u00a0décembre 2021 à 8${NB}h${NB}05`],
    ["2022-01-01T00:10:00+01:00", `0${NB}h${NB}10`, `samedi 1er\u00a0janvier 2022 à 0${NB}h${NB}10`],
    // Given in UTC, shown on the site's clock, the day included: 23:30 in Paris, in summer.
    ["2021-07-14T21:30:00Z", `23${NB}h${NB}30`, `mercredi 14\u00a0juillet 2021 à 23${NB}h${NB}30`],
    ["2021-12-31T23:30:00Z", `0${NB}h${NB}30`, `samedi 1er\u00a0janvier 2022 à 0${NB}h${NB}30`],
    ["2021-10-31T02:30:00+01:00", `2${NB}h${NB}30`, `dimanche 31\u00a0octobre 2021 à 2${NB}h${NB}30`],
  ])("%s → %s", (text, time, full) => {
    expect(formatTime(moment(text))).toBe(time);
    expect(formatMoment(moment(text))).toBe(full);
  });

  test("shows no time for a bare date", () => {
    expect(formatMoment(moment("2021-12-09"))).toBe("jeudi 9\u00a0décembre 2021");
  });

  test("capitalises at the start of a heading only", () => {
    expect(capitalize(formatDay("2021-12-09"))).toBe("Jeudi 9\u00a0décembre 2021");
    expect(capitalize(formatMonth(2021, 8))).toBe("Août 2021");
    expect(capitalize("été")).toBe("Été");
    expect(capitalize("1er\u00a0décembre")).toBe("1er\u00a0décembre");
    expect(capitalize("")).toBe("");
  });

  test("uses no relative forms and no capital letters", () => {
    const texts = [...firstOfMonth.flatMap(([day]) => [formatDay(day), formatDayShort(day)]), formatMoment(moment("2021-12-09T15:10:00+01:00"))];
    for (const text of texts) {
      expect(text).toBe(text.toLowerCase());
      expect(text).not.toMatch(/hier|demain|aujourd|il y a|dans \d/);
    }
  });

  // Luxon and Date read the process's TZ when it starts: a child process with another TZ shows
  // that the build machine's zone changes nothing.
  const module = resolve(import.meta.dirname, "../../src/text/french-dates.ts");
  const dates = resolve(import.meta.dirname, "../../src/text/dates.ts");
  const script = `
    const f = await import(${JSON.stringify(module)});
    const d = await import(${JSON.stringify(dates)});
    const out = [];
    for (const text of ["2021-12-09T15:10:00+01:00", "2021-07-14T21:30:00Z", "2021-12-31T23:30:00Z", "2021-03-28T03:30", "2021-12-01"]) {
      out.push(f.formatMoment(d.parseContractDate(text, "Europe/Paris")));
    }
    for (const day of ["2022-01-01", "2022-05-01", "2024-02-29"]) out.push(f.formatDay(day), f.formatDayShort(day), f.formatWeekday(day));
    console.log(JSON.stringify(out));`;

  test.each(["America/Los_Angeles", "Asia/Tokyo", "Pacific/Kiritimati", "UTC"])("formats the same under TZ=%s", (tz) => {
    const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: resolve(import.meta.dirname, "../.."),
      env: { ...process.env, TZ: tz },
      encoding: "utf8",
    });
    expect(JSON.parse(output)).toEqual([
      `jeudi 9\u00a0décembre 2021 à 15${NB}h${NB}10`,
      `mercredi 14\u00a0juillet 2021 à 23${NB}h${NB}30`,
      `samedi 1er\u00a0janvier 2022 à 0${NB}h${NB}30`,
      `dimanche 28\u00a0mars 2021 à 3${NB}h${NB}30`,
      "mercredi 1er\u00a0décembre 2021",
      "samedi 1er\u00a0janvier 2022",
      "1er\u00a0janvier",
      "samedi",
      "dimanche 1er\u00a0mai 2022",
      "1er\u00a0mai",
      "dimanche",
      "jeudi 29\u00a0février 2024",
      "29\u00a0février",
      "jeudi",
    ]);
  });
});
