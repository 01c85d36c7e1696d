/**
 * The list of messages in docs/guide-de-redaction.md, made from the catalogue: every diagnostic an
 * editor can meet in `check`, `build` or `serve`, and every message of the commands, each shown
 * with an example. A key of the catalogue without its example here is a type error;
 * tests/i18n/guide.test.ts fails while the guide's list differs from this one
 * (`npm run guide:messages` writes it).
 */
import { messagesFr, type Messages } from "./messages-fr.ts";

type Examples<T> = { [K in keyof T]: T[K] extends (...args: infer A) => string ? { args: A; warning?: true } : never };

const DRAFT_KEYS = { warning: true } as const;

/** An example of each diagnostic: what it is called with, and whether it is a warning. */
export const DIAGNOSTIC_EXAMPLES: Examples<Messages["diagnostics"]> = {
  unknownKey: { args: ["sujets", "topics", "title, date, sources, topics, shortLink, summary, updated, slug, draft, aliases"] },
  missingKey: { args: ["date"] },
  mustBeText: { args: ["title", "L’Irak annonce la fin de la mission de combat"] },
  listNeedsEntry: { args: ["topics", "Irak, Défense"] },
  listEntryNotText: { args: ["topics"] },
  listEntryEmpty: { args: ["sources"] },
  dateNotText: { args: ["date"] },
  titleEmpty: { args: [] },
  titleTooLong: { args: [200] },
  shortLinkNotText: { args: [] },
  shortLinkNotHttps: { args: [] },
  summaryEmpty: { args: [] },
  slugNotText: { args: [] },
  slugPattern: { args: [] },
  slugTooLong: { args: [220] },
  slugDeviceName: { args: ["con, prn, aux, nul, com0 to com9, lpt0 to lpt9"] },
  draftNotBoolean: { args: [] },
  aliasesNotList: { args: [] },
  aliasNotText: { args: [] },
  controlCharacter: { args: ["title", "U+0007"] },
  bodyControlCharacter: { args: ["U+001B"] },
  invalidDate: { args: ["date", "9 décembre 2021", "Europe/Paris"] },
  dayDoesNotExist: { args: ["date", 31, 11, 2026] },
  monthDoesNotExist: { args: ["date", 13] },
  timeDoesNotExist: { args: ["date", "24:30"] },
  offsetDoesNotExist: { args: ["date", "+99:00"] },
  yearOutOfRange: { args: ["date", "2201", 1900, 2100] },
  updatedBeforeDate: { args: ["2021-12-08", "2021-12-09"] },
  heldBack: { args: ["2026-12-30T12:56:00+01:00", "mercredi 30 décembre 2026 à 12 h 56"], warning: true },
  tooFarAhead: { args: [31, "2062-12-09T00:00:00+01:00", "samedi 9 décembre 2062"] },
  updatedAhead: { args: ["2026-12-30T12:56:00+01:00", "mercredi 30 décembre 2026 à 12 h 56"], warning: true },
  pastRedirectLimit: { args: [2000, 2150], warning: true },
  unknownTopic: { args: ["Irack", "Irak"] },
  unknownSource: { args: ["TRT", "TRT FR"] },
  noSlugFromTitle: { args: [] },
  summaryTooLong: { args: [412, 300], warning: true },
  noText: { args: [false] },
  placeholder: { args: ["Écrivez ici le texte de l’article.", false] },
  sourcesUnfinished: { args: [], ...DRAFT_KEYS },
  topicsUnfinished: { args: [], ...DRAFT_KEYS },
  summaryUnfinished: { args: [], ...DRAFT_KEYS },
  sameUrl: { args: ["/2021/12/09/meme-titre/", "content/articles/2021/12/09-a.md"] },
  shortLinkTaken: { args: ["https://turquie2023.com/Ivo58D", "content/articles/2021/12/09-a.md", undefined] },
  noFrontMatter: { args: [] },
  frontMatterNotYaml: { args: ["js", "---js"] },
  frontMatterNotClosed: { args: [] },
  strayDashes: { args: [] },
  frontMatterNotMap: { args: [] },
  yamlColon: { args: ["title"] },
  yamlTab: { args: [] },
  yamlUnclosedQuote: { args: ['"'] },
  yamlDuplicateKey: { args: ["title", 2] },
  yamlListDash: { args: [] },
  yamlListOnKeyLine: { args: ["topics"] },
  yamlUnclosedList: { args: [] },
  yamlTextAfterQuote: { args: [] },
  yamlReservedStart: { args: ["@"] },
  yamlIndent: { args: [] },
  yamlOther: { args: ["Unresolved tag: !!js/function"] },
  yamlAlias: { args: ["a"] },
  yamlTooDeep: { args: [32] },
  notUtf8: { args: ["0xE9", "é"] },
  nulByte: { args: [] },
  tooLarge: { args: ["article", "20 Mo", "16 Mo"] },
  symbolicLink: { args: ["article"] },
  notAnArticle: { args: [], warning: true },
  noArticlesFolder: { args: [] },
  articlesFolderIsFile: { args: [] },
  registryMissing: { args: ["sources.yaml"] },
  addressNotText: { args: ["baseUrl", "https://archives.example.org"] },
  addressRule: { args: ["url", "https://www.aa.com.tr/fr"] },
  siteTitleNotText: { args: [] },
  siteTitleEmpty: { args: [] },
  localeNotFr: { args: [] },
  timezoneNotText: { args: [] },
  timezoneUnknown: { args: [] },
  descriptionNotText: { args: [] },
  topicKeywordsNotList: { args: [] },
  topicKeywordsTooMany: { args: [50] },
  topicSlugMissing: { args: [] },
  topicSlugPattern: { args: [] },
  topicSlugTooLong: { args: [220] },
  topicSlugDeviceName: { args: ["con, prn, aux, nul, com0 to com9, lpt0 to lpt9"] },
  topicLabelMissing: { args: [] },
  topicLabelEmpty: { args: [] },
  topicsNotList: { args: [] },
  sourceCodeMissing: { args: [] },
  sourceCodeEmpty: { args: [] },
  sourceNameMissing: { args: [] },
  sourceNameEmpty: { args: [] },
  sourcesNotList: { args: [] },
  topicTaken: { args: ["label", "Irak", 1, "irak"] },
  sourceCodeTaken: { args: ["aa", 1, "AA"] },
  sourceCodeNoSlug: { args: ["!!"] },
  aliasNotPath: { args: [] },
  aliasDots: { args: [] },
  aliasTooLong: { args: [400, 411] },
  aliasSegmentTooLong: { args: [220, "aaaaaaaaaaaaaaaaaaaa", 221] },
  aliasSegmentDot: { args: ["fin."] },
  aliasSegmentDeviceName: { args: ["con", "con, prn, aux, nul, com0 to com9, lpt0 to lpt9"] },
  aliasInSearch: { args: ["/pagefind/ancien/", "/pagefind/"] },
  aliasInside: { args: ["/2021/12/09/un/ancien/", "/2021/12/09/un/", "un fichier que le site écrit lui-même"] },
  aliasInsideAlias: { args: ["content/articles/2021/12/09-a.md"] },
  aliasInsideSiteFile: { args: [] },
  aliasOver: { args: ["/feed.xml/", "/feed.xml"] },
  aliasTwice: { args: ["/2021/12/08/ancien/", undefined] },
  aliasTaken: { args: ["/2021/12/08/ancien/", "content/articles/2021/12/09-a.md", undefined] },
  aliasIsOwnUrl: { args: ["/2021/12/09/un/", undefined] },
  aliasIsUrlOf: { args: ["/2021/12/09/un/", "content/articles/2021/12/09-un.md", undefined] },
  aliasIsSiteFile: { args: ["/2021/12/09/", "/2021/12/09/", undefined] },
  publishedUrlMoved: { args: ["/2021/12/09/ancien-titre/", "title", "/2021/12/09/nouveau-titre/", "content/urls.txt"] },
  publishedUrlGone: { args: ["/2021/12/09/ancien-titre/"] },
  moreProblems: { args: [25, 100] },
};

/** An example of each message of `import` about a wire file. */
export const WIRE_EXAMPLES: Examples<Messages["wire"]> = {
  cannotRead: { args: ["ENOENT"] },
  nulByte: { args: [] },
  readAsWindows1252: { args: [], warning: true },
  empty: { args: [] },
  noBody: { args: [] },
  leftovers: { args: ['"© Anadolu"'], warning: true },
  noSource: { args: ["AA, TRT FR"] },
  noDate: { args: [] },
  noTopic: { args: [] },
  noFreeSlug: { args: ["même adresse /2021/12/09/l-irak-vote/ que content/articles/2021/12/09-l-irak-vote.md", 99] },
  sameTitleThatDay: { args: ["/2021/12/09/l-irak-vote/", "content/articles/2021/12/09-l-irak-vote.md", "l-irak-vote-2"], warning: true },
  fileExists: { args: ["content/articles/2021/12/09-l-irak-vote.md"] },
  wouldNotBeValid: { args: ["« title » dépasse 200 caractères : raccourcissez-le, et mettez la suite dans « summary »"] },
  shortLinkTaken: { args: ["https://turquie2023.com/Ivo58D", "content/articles/2021/12/09-l-irak-vote.md", undefined] },
  sameUrl: { args: ["/2021/12/09/l-irak-vote/", "content/articles/2021/12/09-l-irak-vote.md"] },
  oldUrl: { args: ["/2021/12/09/l-irak-compte/", "content/articles/2021/12/10-renomme.md"] },
  retiredUrl: { args: ["/2021/12/09/l-irak-dit/", "content/urls.txt:4"] },
};

/** An example of each message of the commands. */
export const COMMAND_EXAMPLES: Examples<Messages["cli"]> = {
  unknownCommand: { args: ["constuire"] },
  unknownOption: { args: ["--dat"] },
  missingValue: { args: ["--date"] },
  noValueTaken: { args: ["--json"] },
  unexpectedArgument: { args: ["irak.txt"] },
  errorsAndWarnings: { args: [2, 1] },
  checkInvalid: { args: ["2 erreurs, 0 avertissement", 120, "0,31 s"] },
  checkValid: { args: [120, 12, 2, 45, 1, "0,31 s"] },
  buildRead: { args: [120, "0,31 s"] },
  buildPlanned: { args: [431, "0,05 s"] },
  buildWrote: { args: [431, "1,20 s"] },
  buildProgress: { args: [500, 1200] },
  buildPublished: { args: [6, "0,02 s"] },
  buildIndexed: { args: [120, 1, "0,80 s"] },
  buildInvalid: { args: ["1 erreur, 0 avertissement", "_site", "0,30 s"] },
  buildDone: { args: [120, "_site", "120 articles, 1 accueil, 45 jours", 0, "2,41 s"] },
  pageKind: { args: ["days", 45] },
  recordUrlsWithDrafts: { args: [] },
  badBaseUrl: { args: ["/archives"] },
  badPort: { args: ["huit"] },
  serveInvalid: { args: ["1 erreur, 0 avertissement", "35 ms"] },
  serveRebuilt: { args: ["2 400 ms"] },
  serveUpdated: { args: [3, "40 ms"] },
  serveFixed: { args: ["40 ms"] },
  serveFailed: { args: ["disque plein"] },
  serveListening: { args: ["http://localhost:8080/", "content"] },
  importNeedsFiles: { args: [] },
  importNeedsDate: { args: [] },
  imported: { args: ["content/articles/2021/12/09-l-irak-annonce.md", "Irak, Défense", true] },
  importSummary: { args: [2, 1, 0, "0,40 s"] },
  importRefused: { args: ["depeche import: 2 articles écrits, 1 fichier refusé, 0 avertissement (0,40 s)"] },
  importStopped: { args: ["cannot write content/articles/2021/12/09-a.md: disk full", 3, 2] },
  contentNotReady: { args: ["content"] },
  dateOptionYear: { args: ["2201-01-01", 2201, 1900, 2100] },
  dateOptionInvalid: { args: ["demain", "Europe/Paris"] },
  topicsOptionEmpty: { args: [] },
  topicsOptionUnknown: { args: ["Irack", "Irak"] },
  newOneTitle: { args: [] },
  newTitleEmpty: { args: [] },
  newRefused: { args: ["le titre dépasse 200 caractères : raccourcissez-le, et mettez la suite dans le chapô"] },
  newTitleTooLong: { args: [] },
  newNoSlug: { args: [] },
  newUrlTaken: { args: ["/2021/12/09/l-irak-vote/", "content/articles/2021/12/09-l-irak-vote.md"] },
  newUrlRetired: { args: ["/2021/12/09/l-irak-vote/", "content/urls.txt:12"] },
  newFileExists: { args: ["content/articles/2021/12/09-l-irak-vote.md"] },
  hookNoRepository: { args: [] },
  hookOutside: { args: ["../ailleurs", "/home/redaction/archive"] },
  hookNotOurs: { args: [".git/hooks/pre-commit"] },
  hookInstalled: { args: [".git/hooks/pre-commit", "content"] },
};

export const GUIDE_START = "<!-- messages: début. Cette liste est faite depuis src/i18n/messages-fr.ts : npm run guide:messages la réécrit. -->";
export const GUIDE_END = "<!-- messages: fin -->";

// Messages quote what editors wrote and hold « : », never a line break; a backtick would end the code span.
const asCode = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function render<T>(catalogue: T, examples: Examples<T>, line: (text: string, warning: boolean) => string): string[] {
  return (Object.keys(examples) as (keyof T)[]).map((key) => {
    const { args, warning } = examples[key] as { args: unknown[]; warning?: true };
    const text = (catalogue[key] as (...a: unknown[]) => string)(...args);
    return line(text, warning === true);
  });
}

/** The guide's list of messages, between its two markers, as the catalogue makes it. */
export function guideMessages(catalogue: Messages = messagesFr): string {
  const diagnostics = render(catalogue.diagnostics, DIAGNOSTIC_EXAMPLES, (text, warning) => `- ${asCode(`${warning ? "warning" : "error"}: ${text}`)}`);
  const commands = render(catalogue.cli, COMMAND_EXAMPLES, (text) => `- ${asCode(text)}`);
  const wire = render(catalogue.wire, WIRE_EXAMPLES, (text, warning) => `- ${asCode(`${warning ? "warning" : "error"}: ${text}`)}`);
  return [
    GUIDE_START,
    "",
    "#### Dans les fichiers (`check`, `build`, `serve`)",
    "",
    "Chaque ligne commence par `fichier:ligne:colonne:`, comme celles des compilateurs ; les mots `error` et",
    "`warning` restent en anglais pour que les éditeurs et la CI les reconnaissent. Exemples :",
    "",
    ...diagnostics,
    "",
    `Au-delà de dix avertissements d’un même type, les suivants sont comptés sur une ligne : ${asCode(catalogue.moreOfKind(609))}.`,
    "",
    "#### En important une dépêche (`import`)",
    "",
    "À la ligne du fichier de la dépêche, comme ci-dessus :",
    "",
    ...wire,
    "",
    "#### Les commandes",
    "",
    ...commands,
    "",
    GUIDE_END,
  ].join("\n");
}

/** The guide with its list of messages made again (added at the end when it has no markers yet). */
export function withGuideMessages(guide: string, catalogue: Messages = messagesFr): string {
  const start = guide.indexOf(GUIDE_START);
  const end = guide.indexOf(GUIDE_END);
  if (start === -1 || end === -1) return `${guide.trimEnd()}\n\n${guideMessages(catalogue)}\n`;
  return `${guide.slice(0, start)}${guideMessages(catalogue)}${guide.slice(end + GUIDE_END.length)}`;
}
