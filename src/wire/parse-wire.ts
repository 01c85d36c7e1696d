/** Reading raw agency copy: title, body paragraphs, and the source and share lines at the end. */
import { messages } from "../i18n/messages.ts";

export interface WireCopy {
  title: string;
  /** 1-based line of the title in the file. */
  titleLine: number;
  /** 1-based column of the title's first character. */
  titleColumn: number;
  /** Body paragraphs in order, text as the agency wrote it; unrecognised end lines included. */
  paragraphs: string[];
  /** The same paragraphs with where each is in the file, for problems to point at. */
  paragraphLines: WireLine[];
  /** Source codes as `findSource` returned them, in the order of the copy. */
  sources: string[];
  /** The share link from the "Partager cet article?" line. */
  shortLink?: string;
  /** The "Partager cet article?" line the share link was on. */
  shareLine?: WireLine;
  /** Lines at the end that were neither sources nor the share line: kept in `paragraphs`, reported. */
  leftovers: WireLine[];
  /**
   * Lines that read as agency codes all the same (« Reuters »: no sentence, a few words) where
   * agencies are named: above a source line, or at the end when there is no source line. Kept in
   * `paragraphs`.
   */
  unknownSources: WireLine[];
}

export type WireParse = { ok: true; wire: WireCopy } | { ok: false; line: number; message: string };

/** A non-blank line of the copy, trimmed, and where it was. */
export interface WireLine {
  text: string;
  /** 1-based. */
  line: number;
  /** 1-based column of the text's first character. */
  column: number;
}

// A line with only spaces, no-break spaces or zero-width characters separates paragraphs.
const BLANK = /^[\s\u200b\u2060]*$/u;
// "Partager cet article? https://…", with or without the space, "?" or ":".
// Body text ends its lines with punctuation; agency codes and footers don't.
const SENTENCE_END = /[.!?…»"”)]$/u;
// Any link: one that is not https is told, never kept as text.
const SHARE_LINE = /^partager cet article\s*[?:]?\s*(\S+)$/iu;
// Longer than this, an end line is text, not an agency's code or name ("Agence France-Presse").
const MAX_AGENCY_LINE = 40;
// An agency's code or name has letters ("AA", "Anadolu Ajansı"); a file that is not wire copy
// (JSON, HTML given by mistake) ends with brackets and tags, which are told as no source line.
const AGENCY_NAME = /\p{L}/u;
const MARKUP = /[<>{}[\]]/u;

/**
 * Splits wire copy into its parts. The second line is dropped when it repeats the title (agencies
 * send it again with straight apostrophes); source codes and the share line are taken from the
 * end; every other line stays in the body, one paragraph a line.
 * @example parseWire("Titre\n\nTitre\n\nTexte.\n\nAA", (l) => (l === "AA" ? "AA" : undefined)) // { ok: true, wire: { title: "Titre", paragraphs: ["Texte."], sources: ["AA"], … } }
 */
export function parseWire(text: string, findSource: (line: string) => string | undefined): WireParse {
  const lines: WireLine[] = [];
  text.split("\n").forEach((raw, i) => {
    if (!BLANK.test(raw)) lines.push({ text: raw.trim(), line: i + 1, column: raw.length - raw.trimStart().length + 1 });
  });
  const [title, ...rest] = lines;
  if (!title) return { ok: false, line: 1, message: messages().wire.empty() };
  if (rest[0] && sameTitle(rest[0].text, title.text)) rest.shift();

  const { sources, shortLink, extracted, leftovers, unknown } = readEnd(rest, findSource);
  const body = rest.filter((_, i) => !extracted.has(i));
  if (body.length === 0) {
    return { ok: false, line: title.line, message: messages().wire.noBody() };
  }
  const stray = strayEndLine(body, shortLink?.line, findSource);
  if (stray) return { ok: false, ...stray };
  return {
    ok: true,
    wire: {
      title: title.text,
      titleLine: title.line,
      titleColumn: title.column,
      paragraphs: body.map((l) => l.text),
      paragraphLines: body,
      sources,
      ...(shortLink ? { shortLink: shortLink.url, shareLine: shortLink.line } : {}),
      leftovers,
      unknownSources: sources.length === 0 ? agencyLikeEnd(body) : unknown,
    },
  };
}

// The lines that end the body and read as agency codes: no sentence, a few words.
function agencyLikeEnd(body: readonly WireLine[]): WireLine[] {
  let start = body.length;
  while (start > 0 && isAgencyLike(body[start - 1]!.text)) start--;
  return body.slice(start);
}

function isAgencyLike(line: string): boolean {
  return !SENTENCE_END.test(line) && line.length <= MAX_AGENCY_LINE && AGENCY_NAME.test(line) && !MARKUP.test(line);
}

/**
 * Whether two title lines are the same text up to apostrophes, quotes and spacing.
 * @example sameTitle("L’Irak « libre »", "L'Irak \"libre\"") // true
 */
export function sameTitle(a: string, b: string): boolean {
  return comparable(a) === comparable(b);
}

function comparable(text: string): string {
  return text
    .replace(/[’‘‛ʼ′`´]/g, "'")
    .replace(/[«»“”„‟"]/g, " ")
    .replace(/\s+/gu, " ")
    .trim();
}

// Walks up from the last line, taking source codes and the share line. Unrecognised lines met
// before the first source (a footer) are kept; above a source, a line that reads as an agency's is
// one sources.yaml doesn't know (« Anadolu Ajansı » above « TRT FR »), and the walk stops at the
// first line of text.
function readEnd(
  rest: readonly WireLine[],
  findSource: (line: string) => string | undefined,
): { sources: string[]; shortLink?: { url: string; line: WireLine }; extracted: Set<number>; leftovers: WireLine[]; unknown: WireLine[] } {
  const sources: string[] = [];
  const extracted = new Set<number>();
  const leftovers: WireLine[] = [];
  const unknown: WireLine[] = [];
  let shortLink: { url: string; line: WireLine } | undefined;
  const markerAt = (i: number): "source" | "share" | undefined => {
    const line = rest[i]?.text;
    if (line === undefined) return undefined;
    if (findSource(line) !== undefined) return "source";
    return shortLink === undefined && isShareLine(line) ? "share" : undefined;
  };
  for (let i = rest.length - 1; i >= 0; i--) {
    const line = rest[i]!.text;
    const kind = markerAt(i);
    if (kind === "source") {
      const code = findSource(line)!;
      if (!sources.includes(code)) sources.unshift(code);
      extracted.add(i);
    } else if (kind === "share") {
      shortLink = { url: SHARE_LINE.exec(line)![1]!, line: rest[i]! };
      extracted.add(i);
    } else if (sources.length === 0) leftovers.unshift(rest[i]!);
    else if (isAgencyLike(line)) unknown.unshift(rest[i]!);
    else break;
  }
  // With no source line, the walk went through the whole body: nothing there is a leftover.
  return { sources, ...(shortLink ? { shortLink } : {}), extracted, leftovers: sources.length === 0 ? [] : leftovers, unknown };
}

function isShareLine(line: string): boolean {
  const url = SHARE_LINE.exec(line)?.[1];
  return url !== undefined && isHttpsLink(url);
}

function isHttpsLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && parsed.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * A line of the body that belongs to a dispatch's end: a share line (a second one, one above the
 * text's end, or one whose link is not https) or a source line. Kept as text, it would be
 * published; it most often means the file holds two dispatches, which would make one article with
 * the first's title and the second's short link.
 */
function strayEndLine(
  body: readonly WireLine[],
  shareLine: WireLine | undefined,
  findSource: (line: string) => string | undefined,
): { line: number; message: string } | undefined {
  const say = messages().wire;
  for (const line of body) {
    const link = SHARE_LINE.exec(line.text)?.[1];
    if (link !== undefined) {
      if (!isHttpsLink(link)) return { line: line.line, message: say.shareNotHttps(link) };
      return { line: line.line, message: shareLine ? say.secondShareLine(shareLine.line) : say.shareLineInText() };
    }
    if (findSource(line.text) !== undefined) return { line: line.line, message: say.sourceLineInText(line.text) };
  }
  return undefined;
}
