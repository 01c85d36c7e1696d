import { describe, expect, it } from "vitest";
import { BundleQueue, servicesPeakMb } from "../../src/search/index-memory.ts";
import type { PlannedBundle } from "../../src/search/records.ts";

function bundle(key: string, articles: number): PlannedBundle {
  return { key, articles, digest: key, prefix: key, records: () => [] };
}

describe("the services' estimated peak", () => {
  it("counts every service adding and the records written at once", () => {
    expect(servicesPeakMb([], 10_000)).toBe(0);
    expect(servicesPeakMb([7_700], 10_000)).toBe(594);
    // Two bundles of 7,700 never write together within a budget of 10,000 records.
    expect(servicesPeakMb([7_700, 7_700], 10_000)).toBe(898);
    expect(servicesPeakMb([7_700, 7_700], 10_000)).toBeLessThan(2 * servicesPeakMb([7_700], 10_000));
  });
});

describe("the bundles handed out as memory allows", () => {
  const options = (residentMb: number, more: Partial<ConstructorParameters<typeof BundleQueue>[1]> = {}) => ({
    budgetMb: 2_048,
    writeBudget: 10_000,
    stopped: () => false,
    residentMb: () => residentMb,
    ...more,
  });

  it("hands out the largest first, two at once when both fit", async () => {
    const queue = new BundleQueue([bundle("a", 1_000), bundle("b", 7_700), bundle("c", 5_000)], options(500));
    expect((await queue.take())?.key).toBe("b");
    expect((await queue.take())?.key).toBe("c");
    expect(queue.left).toBe(1);
  });

  it("takes a smaller bundle that fits beside a running one, and waits for the others", async () => {
    const queue = new BundleQueue([bundle("big", 7_700), bundle("small", 1_000)], options(1_300));
    const big = await queue.take();
    expect(big?.key).toBe("big");
    // 1,300 MB + the big one's 594 MB leave room for the small one's estimate, not for another big one.
    expect((await queue.take())?.key).toBe("small");
    expect(await queue.take()).toBeUndefined();
  });

  it("waits for a running service to finish when the next does not fit", async () => {
    const queue = new BundleQueue([bundle("a", 7_700), bundle("b", 7_700)], options(1_300));
    await expectSecondAfterFirst(queue);
  });

  it("takes the largest anyway when none is running, however little room there is", async () => {
    const queue = new BundleQueue([bundle("a", 7_700), bundle("b", 7_700)], options(1_900));
    await expectSecondAfterFirst(queue);
  });

  it("beside the page writers, waits with none running until a bundle fits or the pages are written", async () => {
    let writing = true;
    const queue = new BundleQueue([bundle("big", 7_700), bundle("small", 1_000)], options(1_900, { mustFit: () => writing }));
    // 1,900 MB leave room for the small one's estimate (103 MB), not the big one's (594 MB).
    const small = await queue.take();
    expect(small?.key).toBe("small");
    let big: PlannedBundle | undefined;
    const next = queue.take().then((b) => (big = b));
    queue.done(small!);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(big).toBeUndefined();
    writing = false;
    queue.wake();
    await next;
    expect(big?.key).toBe("big");
  });

  it("without a budget, hands out every bundle at once", async () => {
    const queue = new BundleQueue([bundle("a", 7_700), bundle("b", 7_700), bundle("c", 7_700)], options(1_900, { budgetMb: Number.POSITIVE_INFINITY }));
    expect((await Promise.all([queue.take(), queue.take(), queue.take()])).map((b) => b?.key)).toEqual(["a", "b", "c"]);
  });

  it("hands out nothing once stopped, and wakes those waiting", async () => {
    let stopped = false;
    const queue = new BundleQueue([bundle("a", 7_700), bundle("b", 7_700)], options(1_300, { stopped: () => stopped }));
    await queue.take();
    const waiting = queue.take();
    stopped = true;
    queue.wake();
    expect(await waiting).toBeUndefined();
    expect(queue.left).toBe(1);
  });
});

// The queue hands out "a" at once, then "b" only once "a" is done.
async function expectSecondAfterFirst(queue: BundleQueue): Promise<void> {
  const first = (await queue.take())!;
  expect(first.key).toBe("a");
  let second: PlannedBundle | undefined;
  const taking = queue.take().then((b) => (second = b));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(second).toBeUndefined();
  queue.done(first);
  await taking;
  expect(second?.key).toBe("b");
}
