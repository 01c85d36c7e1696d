/**
 * Issue 17's targets, as `npm run bench` reports them: what, the target, what this run measured,
 * pass or fail. Each target is a row computed from the bench's own runs, beside Hugo's in
 * alternating rounds where the target is a ratio to Hugo.
 */

/** One timed run of a command: wall time, the peak memory of its whole process tree. */
export interface Measured {
  seconds: number;
  peakMb?: number;
  ok: boolean;
}

/** The clean builds of one corpus size: Dépêche's and Hugo's (`--no-search`), alternating round by round, then Dépêche's with search. */
export interface CleanBuilds {
  size: number;
  depeche: Measured[];
  hugo: Measured[];
  withSearch?: Measured;
}

/** What `npm run bench` measured, for the targets to be read from. */
export interface BenchResults {
  cleanBuilds: CleanBuilds[];
}

/** A row of the targets table; `pass` is undefined when this run did not measure it. */
export interface TargetRow {
  what: string;
  target: string;
  measured: string;
  pass: boolean | undefined;
}

/** Computes some of the targets' rows from the bench's results. */
export type Targets = (results: BenchResults) => TargetRow[];

/** The middle value; the mean of the middle two for an even count. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Ours over theirs, round by round; undefined when a round failed or was not measured. */
export function roundRatios(ours: readonly Measured[], theirs: readonly Measured[], of: (run: Measured) => number | undefined): number[] | undefined {
  if (ours.length === 0 || ours.length !== theirs.length) return undefined;
  const ratios = ours.map((run, i) => (run.ok && theirs[i]!.ok ? (of(run) ?? NaN) / (of(theirs[i]!) ?? NaN) : NaN));
  return ratios.some(Number.isNaN) ? undefined : ratios;
}

const count = (n: number): string => n.toLocaleString("en-US");

/** A target on the median of round-by-round ratios to Hugo: at most `limit` times Hugo's figure. */
function ratioRow(builds: CleanBuilds | undefined, size: number, what: string, quantity: "time" | "memory", limit: number): TargetRow {
  const target = `≤ ${limit.toFixed(2)} × Hugo's ${quantity}`;
  const of = quantity === "time" ? (run: Measured) => run.seconds : (run: Measured) => run.peakMb;
  if (!builds) return { what, target, measured: `not measured: add ${count(size)} to --sizes`, pass: undefined };
  if (builds.hugo.length === 0) return { what, target, measured: "not measured: Hugo is not installed (apt-get install hugo)", pass: undefined };
  const ratios = roundRatios(builds.depeche, builds.hugo, of);
  if (!ratios) return { what, target, measured: "not measured: a build failed", pass: false };
  const middle = median(ratios);
  return {
    what,
    target,
    measured: `${middle.toFixed(2)} × (median of ${ratios.length} round${ratios.length === 1 ? "" : "s"}: ${ratios.map((r) => r.toFixed(2)).join(", ")})`,
    pass: middle <= limit,
  };
}

/** The clean-build targets: 1,000 and 10,000 articles beside Hugo, 100,000 with search. */
export const cleanBuildTargets: Targets = ({ cleanBuilds }) => {
  const at = (size: number): CleanBuilds | undefined => cleanBuilds.find((b) => b.size === size);
  const withSearch = at(100_000)?.withSearch;
  const searchLimitMb = 2048;
  return [
    ratioRow(at(10_000), 10_000, "clean build, 10,000 articles", "time", 0.75),
    ratioRow(at(10_000), 10_000, "clean build, 10,000 articles", "memory", 0.6),
    ratioRow(at(1_000), 1_000, "clean build, 1,000 articles", "time", 1.0),
    {
      what: "clean build with search, 100,000 articles",
      target: "≤ 2 GB peak",
      measured: !withSearch
        ? "not measured: add 100000 to --sizes"
        : withSearch.ok && withSearch.peakMb !== undefined
          ? `${count(Math.round(withSearch.peakMb))} MB peak, ${withSearch.seconds.toFixed(1)} s`
          : "not measured: the build failed",
      pass: withSearch ? withSearch.ok && withSearch.peakMb !== undefined && withSearch.peakMb <= searchLimitMb : undefined,
    },
  ];
};

/**
 * Every group of targets the bench reports, in the table's order. The incremental builds' rows
 * (add 10 articles at 10,000 and 100,000, edit one body at 100,000) go here as a function of their own.
 */
export const TARGETS: readonly Targets[] = [cleanBuildTargets];

/** The targets table, in markdown: what, target, measured, pass or fail. */
export function formatTargets(rows: readonly TargetRow[]): string {
  const verdict = (pass: boolean | undefined): string => (pass === undefined ? "n/a" : pass ? "pass" : "FAIL");
  return [
    "| what | target | measured | pass/fail |",
    "|---|---|---|---|",
    ...rows.map((row) => `| ${row.what} | ${row.target} | ${row.measured} | ${verdict(row.pass)} |`),
  ].join("\n");
}
