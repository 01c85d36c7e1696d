import type { Day } from "../content/model.ts";

export interface CalendarCell {
  /** Day of the month; absent for the padding cells before the 1st and after the last day. */
  date?: number;
  day?: Day;
  count: number;
}

/** Weeks of a month, Monday first as in France; each week has seven cells. */
export function monthCalendar(year: number, month: number, counts: ReadonlyMap<Day, number>): CalendarCell[][] {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // getUTCDay: 0 is Sunday; shift so Monday is 0.
  const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  const cells: CalendarCell[] = Array.from({ length: lead }, () => ({ count: 0 }));
  for (let date = 1; date <= daysInMonth; date++) {
    const day = `${year}-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}` as Day;
    cells.push({ date, day, count: counts.get(day) ?? 0 });
  }
  while (cells.length % 7 !== 0) cells.push({ count: 0 });
  const weeks: CalendarCell[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
