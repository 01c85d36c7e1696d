import { describe, expect, it } from "vitest";
import { type CleanBuilds, cleanBuildTargets, formatTargets, median, type Measured, roundRatios, TARGETS } from "../../bench/targets.ts";

const run = (seconds: number, peakMb: number, ok = true): Measured => ({ seconds, peakMb, ok });
/** Clean builds of `size` articles where each of Dépêche's rounds takes these shares of Hugo's time and memory. */
function builds(size: number, shares: [time: number, memory: number][], withSearch?: Measured): CleanBuilds {
  return {
    size,
    depeche: shares.map(([t, m], i) => run(10 * t * (i + 1), 800 * m * (i + 1))),
    hugo: shares.map((_, i) => run(10 * (i + 1), 800 * (i + 1))),
    withSearch,
  };
}
const row = (rows: ReturnType<typeof cleanBuildTargets>, what: string, target: string) => rows.find((r) => r.what === what && r.target.startsWith(target))!;

describe("issue 17's clean-build targets", () => {
  it("compare Dépêche with Hugo round by round, on the median ratio", () => {
    const rows = cleanBuildTargets({
      cleanBuilds: [
        builds(10_000, [
          [0.7, 0.5],
          [0.9, 0.55],
          [0.74, 0.7],
        ]),
      ],
    });
    expect(row(rows, "clean build, 10,000 articles", "≤ 0.75 × Hugo's time")).toEqual({
      what: "clean build, 10,000 articles",
      target: "≤ 0.75 × Hugo's time",
      measured: "0.74 × (median of 3 rounds: 0.70, 0.90, 0.74)",
      pass: true,
    });
    expect(row(rows, "clean build, 10,000 articles", "≤ 0.60 × Hugo's memory")).toMatchObject({ measured: expect.stringMatching(/^0\.55 ×/), pass: true });
  });

  it("fail a target the median misses, even when some rounds meet it", () => {
    const rows = cleanBuildTargets({
      cleanBuilds: [
        builds(1_000, [
          [0.9, 1],
          [1.2, 1],
          [1.1, 1],
        ]),
      ],
    });
    expect(row(rows, "clean build, 1,000 articles", "≤ 1.00 × Hugo's time")).toMatchObject({ measured: expect.stringMatching(/^1\.10 ×/), pass: false });
  });

  it("fail when a build failed, and say what to add when a size or Hugo is missing", () => {
    const failed = builds(10_000, [[0.5, 0.5]]);
    failed.depeche[0]!.ok = false;
    expect(row(cleanBuildTargets({ cleanBuilds: [failed] }), "clean build, 10,000 articles", "≤ 0.75")).toMatchObject({ pass: false });
    const rows = cleanBuildTargets({ cleanBuilds: [{ size: 1_000, depeche: [run(1, 100)], hugo: [] }] });
    expect(row(rows, "clean build, 1,000 articles", "≤ 1.00")).toMatchObject({ measured: expect.stringContaining("Hugo is not installed"), pass: undefined });
    expect(row(rows, "clean build, 10,000 articles", "≤ 0.75")).toMatchObject({ measured: "not measured: add 10,000 to --sizes", pass: undefined });
  });

  it("hold the whole 100,000-article build with search to 2 GB of peak memory", () => {
    const within = cleanBuildTargets({ cleanBuilds: [builds(100_000, [[1, 1]], run(90, 1900))] });
    expect(row(within, "clean build with search, 100,000 articles", "≤ 2 GB")).toMatchObject({ measured: "1,900 MB peak, 90.0 s", pass: true });
    const over = cleanBuildTargets({ cleanBuilds: [builds(100_000, [[1, 1]], run(90, 2100))] });
    expect(row(over, "clean build with search, 100,000 articles", "≤ 2 GB").pass).toBe(false);
  });

  it("are printed as a table: what, target, measured, pass or fail", () => {
    const table = formatTargets(TARGETS.flatMap((targets) => targets({ cleanBuilds: [builds(1_000, [[0.8, 1]])] })));
    expect(table.split("\n").slice(0, 2)).toEqual(["| what | target | measured | pass/fail |", "|---|---|---|---|"]);
    expect(table).toContain("| clean build, 1,000 articles | ≤ 1.00 × Hugo's time | 0.80 × (median of 1 round: 0.80) | pass |");
    expect(table).toContain("| clean build, 10,000 articles | ≤ 0.75 × Hugo's time | not measured: add 10,000 to --sizes | n/a |");
  });
});

describe("ratios round by round", () => {
  it("divide each of our runs by the other tool's run of the same round", () => {
    expect(roundRatios([run(2, 1), run(3, 1)], [run(4, 1), run(2, 1)], (r) => r.seconds)).toEqual([0.5, 1.5]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
