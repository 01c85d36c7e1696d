/**
 * HTML built from template literals where every interpolation is escaped unless it is already
 * SafeHtml: a value can only reach a page unescaped by being marked safe in code, never by
 * what an editor wrote.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const ESCAPABLE = /[&<>"']/g;
const NEEDS_ESCAPE = /[&<>"']/; // no g flag: test() must not carry lastIndex between calls

/**
 * Escapes text for HTML content and quoted attributes.
 * @example escapeHtml(`<a href="x">`) // "&lt;a href=&quot;x&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPABLE, (c) => ESCAPES[c]!) : text;
}

function interpolate(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(interpolate).join("");
  return escapeHtml(String(value));
}

/**
 * Tagged template: escapes interpolations, keeps nested `html` fragments as they are.
 * @example html`<h1>${title}</h1>` // title "<b>" → "<h1>&lt;b&gt;</h1>"
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += interpolate(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks HTML produced by our own renderers (markdown-it with raw HTML off) as safe. */
export function trusted(renderedHtml: string): SafeHtml {
  return new SafeHtml(renderedHtml);
}

const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/;
const SCRIPT_UNSAFE_ALL = /[<>&\u2028\u2029]/g;

/** JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so no text can close the script. */
export function jsonForScript(value: unknown): SafeHtml {
  const json = JSON.stringify(value);
  return new SafeHtml(SCRIPT_UNSAFE.test(json) ? json.replace(SCRIPT_UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : json);
}
