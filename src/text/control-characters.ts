/**
 * Control characters: refused in the text that pages show (with the invisible ones that reorder it), and escaped in everything printed.
 *
 * HTML forbids C0 controls but whitespace, DEL and C1 controls in a document; in a terminal or a CI
 * log they move the cursor, recolour the screen or, after a line break, start a line that GitHub
 * Actions reads as a workflow command.
 */

// C0 except tab and line feed (CRLF is already LF when text is read), DEL, C1; and the invisible
// characters that reorder or hide text: the bidirectional embeddings, overrides and isolates (a
// title with U+202E shows its end reversed in lists and feeds), the direction marks, the
// zero-width space and the byte order mark inside text. French needs none of them; the joiners
// U+200C and U+200D, which emoji and some scripts need, stay. And half a character: a surrogate
// without its pair (YAML's `"\uD800"`), which no page can show and the search indexer can't read
// (matched alone in `u` mode, where a pair is one character).
const IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/u;

// Everything a terminal or a log could act on: every C0 control, DEL, C1, the Unicode line and
// paragraph separators, and the bidirectional overrides that can reorder what a line shows.
const IN_OUTPUT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/**
 * Index of the first control character that text shown to readers may not hold, or -1.
 * @example findControlCharacter("a\u001bb") // 1
 */
export function findControlCharacter(text: string): number {
  return text.search(IN_TEXT);
}

/**
 * A control character as an editor can look it up.
 * @example describeControlCharacter("\u001b") // "U+001B"
 */
export function describeControlCharacter(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Text made safe to print on a terminal or in a CI log, readably: `\n`, `\x1b`, `\u0085`.
 * @example escapeControlCharacters("x\n::error::") // "x\\n::error::"
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(IN_OUTPUT, (c) => NAMED[c] ?? escapeCode(c.charCodeAt(0)));
}

function escapeCode(code: number): string {
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
