import { describe, expect, it } from "vitest";
import { ThreadBudget } from "../../src/threads/budget.ts";

describe("the thread budget", () => {
  it("never grants more threads than it holds, across every user at once", () => {
    const budget = new ThreadBudget(3);
    const validation = budget.take(1);
    const helpers = budget.take(3);
    const indexers = budget.take(4);
    expect([validation, helpers, indexers]).toEqual([1, 2, 0]);
    budget.give(helpers);
    expect(budget.take(4)).toBe(2);
    expect(budget.free).toBe(0);
  });

  it.each([
    [0, 2, 0],
    [1, 0, 0],
    [1, -1, 0],
    [2, 1.5, 1],
  ])("a budget of %i asked for %d grants %i", (size, wanted, granted) => {
    expect(new ThreadBudget(size).take(wanted)).toBe(granted);
  });
});
