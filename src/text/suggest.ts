import { distance } from "fastest-levenshtein";
import { foldForMatch } from "./fold.ts";

/**
 * Finds the candidate closest to a mistyped name, or nothing when none is close enough to help.
 * Comparison ignores case and accents, and a name typed short counts as close; linear in the number of candidates.
 * @example suggestName("Irack", ["Irak", "Iran", "Syrie"]) // "Irak"
 */
export function suggestName(typed: string, candidates: Iterable<string>): string | undefined {
  const wanted = foldForMatch(typed);
  // A name typed short ("TRT" for "TRT FR") is as good a hint as a one-letter typo.
  const edits = (folded: string): number =>
    wanted.length >= 2 && (folded.startsWith(wanted) || wanted.startsWith(folded)) ? Math.min(1, distance(wanted, folded)) : distance(wanted, folded);
  return closest(wanted, [...candidates], foldForMatch, Math.max(1, Math.floor(wanted.length / 3)), (_, folded) => edits(folded));
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
