/** Every piece of interface text readers see, in one place. */

/**
 * How readers' pages and messages name the site's timezone (src/text/zone-names.ts): the place its
 * clocks are, as each language spells it (« Montréal », "Montreal"), or a clock named for no place (« UTC », « UTC−5 »).
 */
export type ZoneName = { kind: "place"; fr: string; en: string } | { kind: "clock"; name: string };

const thousands = (n: number): string => n.toLocaleString("fr-FR");
// « Dépêche » is feminine: une autre, d’autres.
// A number and what it counts stay on one line (no-break space).
const otherDispatches = (n: number): string => (n === 0 ? "aucune autre dépêche" : n === 1 ? "une autre dépêche" : `${thousands(n)}\u00a0autres dépêches`);
// « Irak », « Union européenne »: a topic's label quoted, so that it reads after any preposition.
const quoted = (label: string): string => `«\u202f${label}\u202f»`;

const articles = (n: number): string => (n === 0 ? "aucun article" : n === 1 ? "1\u00a0article" : `${thousands(n)}\u00a0articles`);

/**
 * A zone after « heure » or « jour », as French writes it: « de Paris », « d’Istanbul », or a clock's name (« UTC−5 »).
 * @example ofZone({ kind: "place", fr: "Paris", en: "Paris" }) // "de Paris"
 */
export const ofZone = (zone: ZoneName): string =>
  zone.kind === "clock" ? zone.name : /^[aeiouyàâéèêîôûAEIOUYÀÂÉÈÊÎÔÛ]/u.test(zone.fr) ? `d’${zone.fr}` : `de ${zone.fr}`;

export const ui = {
  home: "Accueil",
  skipToContent: "Aller au contenu",
  mainNav: "Navigation principale",
  breadcrumb: "Fil d’Ariane",
  topics: "Sujets",
  sources: "Sources",
  archives: "Archives",
  search: "Recherche",
  latest: "Dernières dépêches",
  byYear: "Les archives par année",
  byTopic: "Les sujets",
  allTopics: "Tous les sujets",
  published: "Publié le",
  draft: "Brouillon",
  updated: "Mis à jour le",
  sourcesLabel: "Sources",
  topicsLabel: "Sujets",
  share: "Partager cet article",
  /** A photo's credit, after its caption: "Photo : AA / Nom du photographe". */
  photoCredit: (credit: string): string => `Photo\u00a0: ${credit}`,
  olderArticle: "Article précédent",
  newerArticle: "Article suivant",
  // An article's previous and next follow its main topic: the reader knows which thread they follow.
  topicThread: (topic: string): string => `Le fil du sujet ${quoted(topic)}`,
  olderOnTopic: (topic: string): string => `Précédent sur le sujet ${quoted(topic)}`,
  newerOnTopic: (topic: string): string => `Suivant sur le sujet ${quoted(topic)}`,
  /** What comes before the i-th of n names in a list: « A », « A et B », « A, B et C ». */
  listSeparator: (i: number, n: number): string => (i === 0 ? "" : i === n - 1 ? " et " : ", "),
  related: "Sur le même sujet",
  latestDay: (day: string): string => `Les dépêches du ${day}`,
  earlier: "Les jours précédents",
  browseByDate: "Parcourir par date",
  moreThatDay: (n: number): string => `… et ${otherDispatches(n)} ce jour-là`,
  moreThatMonth: (n: number): string => `… et ${otherDispatches(n)} ce mois-là`,
  monthHeadlines: "Les titres, jour par jour",
  feedLink: "S’abonner aux dernières dépêches (Atom)",
  // A source has no feed of its own: its page links the site's, and says so.
  siteFeedLink: "S’abonner à toutes les dépêches du site (Atom)",
  topicFeedLink: (topic: string): string => `S’abonner au sujet ${quoted(topic)} (Atom)`,
  olderDay: "Jour précédent",
  newerDay: "Jour suivant",
  olderMonth: "Mois précédent",
  newerMonth: "Mois suivant",
  olderYear: "Année précédente",
  newerYear: "Année suivante",
  pagination: "Pagination",
  previousPage: "Page précédente",
  nextPage: "Page suivante",
  page: (n: number): string => `Page ${n}`,
  pageTitle: (name: string, n: number, total: number): string => `${name} — page ${n} sur ${total}`,
  /** After a list's name in its heading, from page 2: « Irak — page 2 sur 8 », as its title. */
  pageOfList: (n: number, total: number): string => `— page ${n} sur ${total}`,
  noArticles: "Aucun article pour l’instant.",
  articles,
  weekdays: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"] as const,
  weekdaysShort: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."] as const,
  calendarCaption: (month: string, count: number): string => `${month}\u00a0: ${articles(count)}`,
  /** A day of the calendar, for screen readers: « mardi 3 novembre 2026 : 1 article ». */
  calendarDay: (day: string, count: number): string => `${day}\u00a0: ${articles(count)}`,
  topicsDescription: "Tous les sujets de l’archive, avec le nombre d’articles de chacun.",
  sourcesDescription: "Les agences dont l’archive publie les dépêches.",
  // « Articles » is masculine: récents, anciens; an order only means something from two.
  listDescription: (name: string, count: number): string => `${name}\u00a0: ${articles(count)}${count > 1 ? ", des plus récents aux plus anciens" : ""}.`,
  /** From page 2, each page of a list its own description. */
  listPageDescription: (name: string, count: number, n: number, total: number): string =>
    `${name}\u00a0: ${articles(count)}, des plus récents aux plus anciens. Page ${n} sur ${total}.`,
  /** The home page's description when site.yaml gives none: what the archive holds. */
  homeDescription: (title: string, count: number, from: number | undefined, to: number | undefined): string =>
    `${title}\u00a0: ${articles(count)}${from === undefined ? "" : from === to ? ` de ${from}` : ` de ${from} à ${to}`}.`,
  yearDescription: (year: number, count: number): string => `Les dépêches de ${year}, mois par mois\u00a0: ${articles(count)}.`,
  monthDescription: (month: string, count: number): string => `Les dépêches de ${month}, jour par jour\u00a0: ${articles(count)}.`,
  dayDescription: (day: string, count: number): string => `Les dépêches du ${day}\u00a0: ${articles(count)}.`,
  notFoundTitle: "Page introuvable",
  notFoundText: "Cette page n’existe pas ou plus. Elle a peut-être été déplacée\u202f; la recherche ou les archives vous aideront à la retrouver.",
  backHome: "Retour à l’accueil",
  movedTitle: "Cet article a changé d’adresse",
  movedTo: (title: string): string => `Cet article a changé d’adresse\u00a0: ${title}.`,
  movedText: "Cet article a changé d’adresse. Si la page ne s’ouvre pas d’elle-même, suivez ce lien\u00a0:",
  /** A topic's or a source's former page (its `aliases`), sent on to its page now. */
  listMovedTitle: "Cette page a changé d’adresse",
  listMovedTo: (list: string): string => `La page «\u202f${list}\u202f» a changé d’adresse.`,
  listMovedText: "Cette page a changé d’adresse. Si elle ne s’ouvre pas d’elle-même, suivez ce lien\u00a0:",
  /** A list's `page/1/`, sent on to the list itself. */
  firstPageOf: (list: string): string => `La première page de «\u202f${list}\u202f» est à l’adresse de la liste.`,
  firstPageText: "La première page de cette liste est à l’adresse de la liste. Si la page ne s’ouvre pas d’elle-même, suivez ce lien\u00a0:",
  footer: "Archive de dépêches publiée avec Dépêche.",
  /** The clock every time of the site is on, said once on every page: readers are anywhere. */
  clockNote: (zone: ZoneName): string =>
    zone.kind === "clock" ? `Toutes les heures sont données en heure ${zone.name}.` : `Toutes les heures sont données à l’heure ${ofZone(zone)}.`,
  devErrors: (n: number): string =>
    `Aperçu pas à jour\u00a0: ${n === 0 ? "aucune erreur" : n === 1 ? "une erreur" : `${n.toLocaleString("fr-FR")} erreurs`} à corriger dans l’archive.`,
  devMovedTo: "L’article que vous modifiez a changé d’adresse\u00a0:",
  devSearchAfterErrors:
    "La recherche de l’aperçu porte sur la dernière version sans erreur de l’archive\u00a0: elle reprendra vos derniers enregistrements dès que les erreurs seront corrigées.",
  devSearchFailed: (why: string): string =>
    `La recherche de l’aperçu n’a pas pu être refaite pour vos derniers enregistrements (${why})\u00a0: elle porte sur l’archive d’avant. Rechargez la page pour réessayer.`,
  devSearchUnmade: (why: string): string =>
    `La recherche de l’aperçu n’est pas disponible\u00a0: son index n’a pas pu être fait (${why}). Rechargez la page pour réessayer.`,
  devNotBuilt: "L’aperçu sera construit dès que ces erreurs seront corrigées\u202f; la page se rechargera d’elle-même.",
  devMoreErrors: (n: number): string => `… et ${n === 0 ? "aucune autre" : n === 1 ? "une autre" : `${n.toLocaleString("fr-FR")} autres`} (voir le terminal)`,
  feedTitle: (site: string): string => `${site}\u00a0: les dernières dépêches`,
  topicFeedTitle: (topic: string, site: string): string => `${topic} — ${site}`,
  // A feed's subtitle describes the feed: not the page's count of articles, which the feed's 50 are not.
  topicFeedDescription: (topic: string): string => `Les dernières dépêches du sujet ${quoted(topic)}.`,
  siteFeedDescription: (title: string): string => `Les dernières dépêches de ${quoted(title)}.`,
  /** The link that ends a feed entry whose body is too long to carry whole. */
  feedReadMore: "Lire la suite de l’article sur le site",
  searchLabel: "Rechercher dans les archives",
  searchButton: "Rechercher",
  // Two search landmarks on /recherche/: each needs its own name.
  searchQuick: "Recherche rapide",
  searchFull: "Recherche détaillée",
  searchDescription: "Retrouver une dépêche dans toute l’archive, par ses mots, son sujet, sa source ou son année.",
  searchNoScript: "La recherche a besoin de JavaScript. Sans lui, parcourez les sujets, les sources ou les archives par date.",
  searchFilters: "Affiner",
  // Each filter's "any" agrees with its noun: un sujet, une source, une année.
  searchAnyTopic: "Tous",
  searchAnySource: "Toutes",
  searchAnyYear: "Toutes",
  searchTopic: "Sujet",
  searchSource: "Source",
  searchYear: "Année",
  searchOrder: "Ordre",
  searchNewest: "Les plus récents d’abord",
  searchRelevant: "Les plus pertinents d’abord",
  // Read by the search page's script: {q} is the query, {n} a count, written as the pages write it
  // (thousands apart by narrow no-break spaces), and joined to what it counts by a no-break space.
  searchClient: {
    loading: "Recherche en cours…",
    empty: "Tapez un ou plusieurs mots.",
    // {f}: the filters chosen (`within`), or nothing: on a phone they are folded under « Affiner ».
    none: "Aucun résultat pour «\u202f{q}\u202f»{f}.",
    one: "1\u00a0résultat pour «\u202f{q}\u202f»{f}.",
    many: "{n}\u00a0résultats pour «\u202f{q}\u202f»{f}.",
    noneAll: "Aucune dépêche{f}.",
    oneAll: "1\u00a0dépêche{f}.",
    manyAll: "{n}\u00a0dépêches{f}.",
    /** The filters chosen, after the count: « (sujet : Turquie, année : 2026) ». */
    within: " ({f})",
    filter: "{f}\u00a0: {v}",
    /** Below a search that its filters leave without results, a link {a} to the same search without them. */
    unfiltered: "Ces filtres excluent tous les résultats\u00a0: {a}.",
    /** The page's title for a search: « « Turquie » (sujet : Irak) : 2 résultats — Recherche — … », {t} the page's own; without words, the count ({c}, as said without its full stop) first. */
    title: "«\u202f{q}\u202f»{f}\u00a0: {c} — {t}",
    titleAll: "{c} — {t}",
    titleNone: "aucun résultat",
    titleOne: "1\u00a0résultat",
    titleMany: "{n}\u00a0résultats",
    /** Below a search whose words find nothing, above the ways into the archive. */
    noResultHelp: "Vérifiez l’orthographe ou essayez moins de mots. Vous pouvez aussi parcourir les sujets et les archives par date\u00a0:",
    unfilteredOne: "voir le résultat sans filtre",
    unfilteredMany: "voir les {n}\u00a0résultats sans filtre",
    more: "Plus de résultats",
    /** A topic or a source the query names, above the results: « Sujet : Économie, 217 articles », its name a link to its page. */
    named: "{f}\u00a0: {v}, {c}",
    namedOne: "1\u00a0article",
    namedMany: "{n}\u00a0articles",
    /** Lists the named topic's or source's articles here, as its filter. */
    applyNamed: "Filtrer par {v}",
    /** A filter's value in the address that the archive has no choice for (an old or mistyped link): the search goes on without it. */
    ignored: "{f}\u00a0: «\u202f{v}\u202f» n’est pas dans l’archive, ce filtre est laissé de côté.",
    /** Beside « Affiner » on a phone, where the filters fold: how many of its menus are not at their first choice. */
    chosen: " ({n}\u00a0choix)",
    /** A filter's choice with its count of results: « Irak (12) ». */
    option: "{v} ({n})",
    failed: "La recherche n’a pas pu être chargée. Réessayez plus tard, ou parcourez les archives.",
  },
} as const;
