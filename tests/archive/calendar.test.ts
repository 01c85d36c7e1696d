import { describe, expect, it } from "vitest";
import { monthCalendar } from "../../src/archive/calendar.ts";
import type { Day } from "../../src/content/model.ts";

const dates = (weeks: ReturnType<typeof monthCalendar>): (number | null)[][] => weeks.map((w) => w.map((c) => c.date ?? null));

describe("monthCalendar", () => {
  it("starts weeks on Monday, padding before the 1st and after the last day", () => {
    // 1 December 2021 was a Wednesday; 31 December a Friday.
    const weeks = dates(monthCalendar(2021, 12, new Map()));
    expect(weeks[0]).toEqual([null, null, 1, 2, 3, 4, 5]);
    expect(weeks.at(-1)).toEqual([27, 28, 29, 30, 31, null, null]);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it.each([
    [2021, 2, 28, 4], // February 2021 starts on a Monday: exactly four weeks
    [2024, 2, 29, 5],
    [2023, 4, 30, 6 - 1],
    [2022, 1, 31, 6], // 1 January 2022 was a Saturday
  ])("%i-%i has %i days in %i weeks", (year, month, days, weekCount) => {
    const weeks = monthCalendar(year, month, new Map());
    expect(weeks.flat().filter((c) => c.date !== undefined)).toHaveLength(days);
    expect(weeks).toHaveLength(weekCount);
  });

  it("carries each day's article count and its Day", () => {
    const counts = new Map<Day, number>([["2021-12-09", 3]]);
    const cell = monthCalendar(2021, 12, counts)
      .flat()
      .find((c) => c.date === 9)!;
    expect(cell).toEqual({ date: 9, day: "2021-12-09", count: 3 });
    expect(
      monthCalendar(2021, 12, counts)
        .flat()
        .find((c) => c.date === 10)!.count,
    ).toBe(0);
  });
});
