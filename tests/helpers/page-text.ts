/** The search page's text, both ways (public/recherche-texte.js: a script of the page, with no types of its own). */
interface PageText {
  /** A reader's query as the words the index holds. */
  indexedWords(query: string): string;
  /** A query wholly between quotation marks of any pair, between straight ones. */
  withStraightQuotes(query: string): string;
  /** The index's text (a title, an excerpt's markup) as the article prints it. */
  asPrinted(text: string): string;
  /** A query wholly within quotation marks, without them, as the page's messages quote it. */
  unquoted(query: string): string;
  /** A topic's label, a source's name or code, or a query, as compared with each other. */
  nameKey(text: string): string;
  /** A result's excerpt from the words after its title: its markup (matches in <mark>) and the text it was cut from. */
  bodyExcerpt(data: ExcerptData, length?: number): { markup: string; text: string };
  /** A message of `ui.searchClient` with its values, numbers written as the pages write them. */
  format(template: string, values: Record<string, string | number>): string;
}

/** What the excerpt reads of Pagefind's data for a result. */
export interface ExcerptData {
  content: string;
  meta: { title?: string };
  locations?: number[];
  weighted_locations?: { location: number; balanced_score: number }[];
}

export const { indexedWords, withStraightQuotes, asPrinted, nameKey, unquoted, bodyExcerpt, format } = (await import(
  new URL("../../public/recherche-texte.js", import.meta.url).href
)) as PageText;
