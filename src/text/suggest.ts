import { distance } from "fastest-levenshtein";
import { foldForMatch } from "./fold.ts";

/**
 * Finds the candidate closest to a mistyped name, or nothing when none is close enough to help.
 * Comparison ignores case and accents, and a name typed short counts as close; linear in the number of candidates.
 * @example suggestName("Irack", ["Irak", "Iran", "Syrie"]) // "Irak"
 */
export function suggestName(typed: string, candidates: Iterable<string>): string | undefined {
  const wanted = foldForMatch(typed);
  const tolerance = Math.max(1, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const folded = foldForMatch(candidate);
    // A name typed short ("TRT" for "TRT FR") is as good a hint as a one-letter typo.
    const isPrefix = wanted.length >= 2 && (folded.startsWith(wanted) || wanted.startsWith(folded));
    const d = isPrefix ? Math.min(1, distance(wanted, folded)) : distance(wanted, folded);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= tolerance ? best : undefined;
}

/** Formats a suggestion as the tail of an error message. */
export function didYouMean(typed: string, candidates: Iterable<string>): string {
  const suggestion = suggestName(typed, candidates);
  return suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
}

/**
 * The candidate whose key is nearest to `typed`, within `tolerance` edits (by `measure`, Levenshtein by default); the first of equals.
 * @example closest("irack", ["irak", "iran"], (name) => name, 1) // "irak"
 */
export function closest<T>(
  typed: string,
  candidates: readonly T[],
  key: (candidate: T) => string,
  tolerance: number,
  measure: (typed: string, key: string) => number = distance,
): T | undefined {
  let best: T | undefined;
  let bestDistance = tolerance + 1;
  for (const candidate of candidates) {
    const d = measure(typed, key(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
