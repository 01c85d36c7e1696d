/**
 * The words editors write for a front-matter key, in French or English: `sujets:` and `tags:` are
 * `topics`. The edit-distance suggestion catches typos (`topcis`); these catch the other word.
 */
import { foldForMatch } from "../text/fold.ts";

const SYNONYMS: Record<string, readonly string[]> = {
  title: ["titre", "headline", "titres", "name", "nom"],
  date: ["jour", "publie", "publication", "published", "datetime", "pubdate", "date-publication"],
  sources: ["source", "agence", "agences", "agency", "agencies", "credit", "credits"],
  topics: [
    "sujets",
    "sujet",
    "tags",
    "tag",
    "themes",
    "theme",
    "categories",
    "category",
    "categorie",
    "keywords",
    "mots-cles",
    "rubriques",
    "rubrique",
    "topic",
  ],
  shortLink: ["lien", "lien-court", "liencourt", "short-link", "short_link", "url", "link", "permalien", "partage"],
  summary: ["resume", "chapo", "chapeau", "description", "excerpt", "extrait", "lead", "standfirst", "intro"],
  updated: ["mis-a-jour", "mise-a-jour", "maj", "modifie", "modified", "update", "lastmod", "updated_at"],
  slug: ["adresse", "permalink"],
  draft: ["brouillon", "unpublished"],
  aliases: ["alias", "redirections", "redirection", "redirects", "anciennes-adresses", "ancienne-adresse"],
  // The keys of `image`.
  src: ["fichier", "file", "chemin", "path"],
  caption: ["legende", "legend"],
};

const BY_WORD = new Map(Object.entries(SYNONYMS).flatMap(([key, words]) => words.map((word) => [foldForMatch(word), key] as const)));

/**
 * The key an editor meant by another word, among `keys`, or nothing.
 * @example keyForSynonym("Sujets", ARTICLE_KEYS) // "topics"
 */
export function keyForSynonym(word: string, keys: readonly string[]): string | undefined {
  const key = BY_WORD.get(foldForMatch(word));
  return key !== undefined && keys.includes(key) ? key : undefined;
}
