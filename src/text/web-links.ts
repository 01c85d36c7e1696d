/** Web addresses read as the WHATWG URL parser (and so every browser) reads them, not as spelled. */

/**
 * Whether a text is a web address a site can be published at, or link to: http(s), a host, no
 * user name (every page would show it), query or fragment (links append paths to it).
 * @example isSiteAddress("javascript:alert(1)//") // false
 */
export function isSiteAddress(text: string): boolean {
  const url = parse(text);
  return (
    url !== undefined &&
    (url.protocol === "https:" || url.protocol === "http:") &&
    url.hostname !== "" &&
    url.username === "" &&
    url.password === "" &&
    url.search === "" &&
    url.hash === "" &&
    url.port !== "0"
  );
}

/**
 * Whether a text is written as a link pages may print as an article's short link: `https://` in
 * full (`https:evil.example` is read as https://evil.example/), a host, and no user name
 * (`https://turquie2023.com@evil.example/` goes to evil.example). See `findCharacterNotInLink` for the characters.
 * @example isShortLinkAddress("https://turquie2023.com/Ivo58D") // true
 */
export function isShortLinkAddress(text: string): boolean {
  const url = /^https:\/\//i.test(text.trim()) ? parse(text) : undefined;
  return url !== undefined && url.protocol === "https:" && url.hostname !== "" && url.username === "" && url.password === "";
}

// Spaces, controls and the invisible characters that reorder or hide text, and the characters no
// address holds as written (RFC 3986: `"`, `<`, `>`…): the parser escapes or drops them, so that the
// link printed is not the link written (`https://x.example/a?x="><script>`).
const NOT_IN_LINK = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"<>\\^`{|}]/;

/**
 * The index of the first character a link written whole may not hold (a space, a control or
 * invisible character, or one no address holds: `"`, `<`, `>`, `\\`, `^`, `` ` ``, `{`, `|`,
 * `}`), or -1; what trimming removes is left alone.
 * @example findCharacterNotInLink("https://ex.example/a b") // 20
 */
export function findCharacterNotInLink(text: string): number {
  const start = text.length - text.trimStart().length;
  const found = text.trim().search(NOT_IN_LINK);
  return found === -1 ? -1 : start + found;
}

/**
 * The index of the first letter of a link's host written out of ASCII, or -1: a letter of another
 * alphabet that looks like a Latin one (`turquie2023.cоm`, a Cyrillic о) leads elsewhere and
 * prints the same. A host in another script is written in its ASCII form (`xn--…`).
 * @example findLookAlikeHost("https://turquie2023.c\u043em/Ivo58D") // 22
 */
export function findLookAlikeHost(text: string): number {
  const host = /^\s*[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#]*)/i.exec(text);
  if (!host) return -1;
  const found = host[1]!.search(/[^\x00-\x7f]/);
  return found === -1 ? -1 : host.index + host[0].length - host[1]!.length + found;
}

/**
 * A site address as pages print it: the parser's own spelling (host in lower case, default port
 * dropped, spaces escaped), without an empty `?` or `#`, nor the trailing slash paths are appended after.
 * @example siteAddress("HTTPS://Archives.Example.org:443/archives/") // "https://archives.example.org/archives"
 */
export function siteAddress(text: string): string {
  const url = parse(text);
  return (url ? `${url.protocol}//${url.host}${url.pathname}` : text.trim()).replace(/\/+$/, "");
}

/**
 * What makes two short links the same link: scheme, host (lower case, IDN as punycode), port
 * unless the default, path (case kept: shorteners tell `Ivo58D` from `ivo58d`) without a trailing
 * slash, percent-escapes read per RFC 3986, and the query (the server sees it). Not the fragment:
 * the browser keeps it, the shortener never sees it. Text no parser reads is its own key.
 * @example shortLinkKey("https://TURQUIE2023.COM:443/Ivo58D/#x") === shortLinkKey("https://turquie2023.com/Ivo58D") // true
 */
export function shortLinkKey(link: string): string {
  return PLAIN_LINK.test(link) ? link.replace(/\/+$/, "") : parsedShortLinkKey(link);
}

// A link already written as its key: http(s), a lower-case host that no parser rewrites (no
// punycode, not a number), a path of unreserved characters without `.` or `..` segments, no
// query, fragment or space. Reading 100,000 of them with the URL parser took a fifth of a second.
const PLAIN_LINK = /^https?:\/\/(?!xn--)(?:[a-z0-9-]+\.(?!xn--))*[a-z][a-z0-9-]*(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*\/*$/;

/** `shortLinkKey` as the URL parser reads any link (exported for the tests that hold the plain links' key to it). */
export function parsedShortLinkKey(link: string): string {
  const url = parse(link);
  if (!url) return link.trim();
  return `${url.protocol}//${url.host}${normaliseEscapes(url.pathname).replace(/\/+$/, "")}${normaliseEscapes(url.search)}`;
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text.trim());
  } catch {
    return undefined;
  }
}

const ESCAPE = /%([0-9a-f]{2})/gi;
const UNRESERVED = /^[A-Za-z0-9._~-]$/;

// `%7e` and `%7E` and `~` are one character (RFC 3986, 6.2.2): unreserved ones decoded, the rest in upper case.
function normaliseEscapes(text: string): string {
  return text.replace(ESCAPE, (sequence, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : sequence.toUpperCase();
  });
}
