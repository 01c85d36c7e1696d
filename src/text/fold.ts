/**
 * Folds text for matching names: accents removed, lower case, spaces collapsed.
 * @example foldForMatch("  États-Unis ") // "etats-unis"
 */
export function foldForMatch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
