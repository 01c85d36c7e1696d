/**
 * Every message the command line gives, in French: the default. `messages-en.ts` holds the same
 * keys in English (`DEPECHE_LANG=en`); its type is this object's, so a key missing there, or added
 * there only, is a type error. `diagnostics` are what an editor meets in `check`, `build` and
 * `serve`: docs/guide-de-redaction.md lists each of them (tests/i18n/guide.test.ts checks it).
 * The words `error` and `warning` of `file:line:col: error: …` are not here: problem matchers read them.
 */

import { ofZone, type ZoneName } from "./fr.ts";

// A plain space before « : ; ! ? », or inside « », where a terminal may break the line.
const LOOSE_SPACE = /« | ([:;!?»])/g;

/**
 * A message with French spacing, as the pages have it (src/text/typography.ts): U+00A0 before « : »,
 * U+202F before « ; ! ? » and inside « », so that no line breaks between a word and its mark. Only
 * the message's own words are spaced: what it quotes (an editor's text, a path, a line of YAML to
 * copy) comes in as a value and is left as written. Every message holding one of these marks is
 * written so: tests/i18n/terminal-typography.test.ts fails on one that is not.
 * @example fr`« ${key} » : vide` // "«\u202ftitle\u202f»\u00a0: vide"
 */
function fr(words: TemplateStringsArray, ...values: (string | number | undefined)[]): string {
  const parts = spacedWords(words);
  let text = parts[0]!;
  for (let i = 0; i < values.length; i++) text += String(values[i]) + parts[i + 1]!;
  return text;
}

// A message's words are the same at every call from its place in the code (a template's strings
// are one object there): spaced once, not for each of 780,000 lost URLs.
const SPACED = new WeakMap<TemplateStringsArray, readonly string[]>();
function spacedWords(words: TemplateStringsArray): readonly string[] {
  let parts = SPACED.get(words);
  if (parts === undefined) {
    parts = words.map((part) => part.replace(LOOSE_SPACE, (_, mark?: string) => (mark === undefined ? "«\u202f" : mark === ":" ? "\u00a0:" : `\u202f${mark}`)));
    SPACED.set(words, parts);
  }
  return parts;
}

/**
 * A number as French writes it, the one way every message does: digits grouped by three with a
 * narrow no-break space (U+202F), a decimal comma.
 * @example number(25000) // "25 000" (U+202F)
 */
// A line's indentation in words, as the guide writes it.
const SPACES: Record<number, string> = { 2: "deux", 4: "quatre", 6: "six", 8: "huit" };

const number = (n: number, fractionDigits?: { minimumFractionDigits?: number; maximumFractionDigits?: number }): string =>
  n.toLocaleString("fr-FR", fractionDigits);

/** A count and its noun: in French 0 and 1 take the singular (« 0 erreur », « 1 article », « 2 articles »). */
export const countFr = (n: number, one: string, many = `${one}s`): string => `${number(n)} ${n < 2 ? one : many}`;

const seconds = (s: number): string => `${number(s, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s`;

// Rounded up, as `sizeInBytes`: a file a few bytes over 20 Mo weighs « 20,1 Mo », never « 20 Mo, plus que les 20 Mo permis ».
const megabytes = (bytes: number): string => `${number(Math.ceil((bytes / 1024 / 1024) * 10) / 10, { maximumFractionDigits: 1 })} Mo`;
const megapixels = (pixels: number): string => `${number(pixels / 1_000_000, { maximumFractionDigits: 1 })} mégapixels`;
// The width a photo is best exported at: a large preview's 1,200 pixels, twice for sharp screens.
const EXPORT_WIDTH = 2400;

/** Places as `file:line`, the first few, then how many others: « a.md:4, b.md:4 et 297 autres ». */
const placesFr = (shown: readonly string[], others: number): string => `${shown.join(", ")}${others > 0 ? ` et ${countFr(others, "autre")}` : ""}`;

/** A list as French says it: « AA », « AA et TRT FR », « AA, AFP et TRT FR ». */
const listFr = (items: readonly string[]): string => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`);

export type { ZoneName };

/**
 * How messages name a moment on the site's clock (src/text/moment-names.ts), in each language:
 * « samedi 5 décembre 2026 à 2 h 16 », "Saturday, December 5, 2026 at 02:16".
 */
export type MomentName = { fr: string; en: string };

/** Which folder a run's lock keeps (src/files/run-lock.ts): a site's (the build's, the preview's), or the build cache. */
export type RunLockKind = "site" | "cache";

/** The run that holds a lock, as messages name it; its start on this machine's clock. */
export interface RunHolder {
  command: string;
  pid: number;
  /** Another machine's name; none for this one. */
  host?: string;
  hour: number;
  minute: number;
  minutesAgo: number;
  /** Held until it is stopped (a preview), not until it is done. */
  untilStopped: boolean;
  /** Another machine's lock: in how long it is taken over if it is not marked alive again. */
  takeOverInMinutes?: number;
  /** Another machine's lock taken over: how long it had not been marked alive. */
  silentMinutes?: number;
}

// A time on this machine's clock, and how long ago, as French writes them: « 14 h 05 », « il y a 3 min ».
const clockFr = (hour: number, minute: number): string => `${hour}\u00a0h\u00a0${String(minute).padStart(2, "0")}`;
const agoFr = (minutes: number): string =>
  minutes < 1
    ? "il y a moins d’une minute"
    : minutes < 60
      ? `il y a ${minutes}\u00a0min`
      : minutes < 1440
        ? `il y a ${clockFr(Math.floor(minutes / 60), minutes % 60)}`
        : `il y a ${countFr(Math.floor(minutes / 1440), "jour")}`;
const holderFr = (holder: RunHolder): string =>
  `le processus ${holder.pid}${holder.host === undefined ? "" : ` de la machine ${holder.host}`} (${fr`« ${holder.command} »`}, lancé à ${clockFr(holder.hour, holder.minute)}, ${agoFr(holder.minutesAgo)})`;
const lockedFr = (kind: RunLockKind, folder: string): string => (kind === "site" ? folder : `le cache ${folder}`);

/** The zone after « heure » or « jour »: « de Paris », « d’Istanbul », but « UTC », « UTC−5 ». */
/** Where the zone's clocks show a time: « à Paris », « à l’heure CET ». */
const inZone = (zone: ZoneName): string => (zone.kind === "clock" ? `à l’heure ${zone.name}` : `à ${zone.fr}`);
/** The zone before « en hiver »: « Paris », « heure CET ». */
const zoneInSeason = (zone: ZoneName): string => (zone.kind === "clock" ? `heure ${zone.name}` : zone.fr);
const upper = (formats: readonly string[]): string => formats.map((f) => f.toUpperCase()).join(", ");

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

// "2026-03-29" → "29 mars 2026".
const dateFr = (day: string): string => {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return `${date === 1 ? "1er" : date} ${MONTHS[month - 1]} ${year}`;
};

// The names Windows keeps for devices, which no file or folder may take (see src/text/slug.ts).
const DEVICE_NAMES = "con, prn, aux, nul, com0 à com9, lpt0 à lpt9";

const DRAFT = fr` (un avertissement dans un brouillon, une erreur une fois « draft » retiré)`;

// What YAML makes of a value that starts with one of its characters (the others it reserves).
const VALUE_STARTS_FR: Record<string, string> = {
  "[": "que YAML lit comme le début d’une liste",
  "{": "que YAML lit comme le début d’une suite de clés",
  "-": "que YAML lit comme le début d’une liste",
  "?": "que YAML lit comme l’annonce d’une clé",
  ">": "que YAML lit comme l’annonce d’un texte sur les lignes suivantes",
  "|": "que YAML lit comme l’annonce d’un texte sur les lignes suivantes",
  "*": "que YAML lit comme un alias",
  "&": "que YAML lit comme une ancre et retire de la valeur",
  "!": "que YAML lit comme une étiquette et retire de la valeur",
  "]": "que YAML lit comme la fin d’une liste",
  "}": "que YAML lit comme la fin d’une suite de clés",
};

const IO_REASONS_FR: Record<string, string> = {
  ENOSPC: "disque plein",
  EDQUOT: "quota du disque dépassé",
  EROFS: "système de fichiers en lecture seule",
  EACCES: "permission refusée",
  EPERM: "opération non permise",
  ENOENT: "fichier ou dossier introuvable",
  ENOTDIR: "une partie du chemin est un fichier, pas un dossier",
  EISDIR: "c’est un dossier",
  EEXIST: "il existe déjà",
  ENAMETOOLONG: "un nom de fichier est trop long",
  EMFILE: "trop de fichiers ouverts",
  EIO: "erreur d’entrée-sortie",
  EFBIG: "un fichier dépasse la taille que le système permet",
  ELOOP: "trop de liens symboliques",
  EBUSY: "le fichier est occupé",
  EADDRNOTAVAIL: "ce n’est pas une adresse de cette machine",
  ENOTFOUND: "nom inconnu",
  EAI_AGAIN: "le serveur de noms ne répond pas",
};

export const messagesFr = {
  language: "fr",
  count: countFr,
  seconds,
  /** A size as people read it: « 80 Ko ». */
  sizeInBytes: (bytes: number): string =>
    bytes < 1024
      ? countFr(bytes, "octet")
      : bytes < 1024 * 1024
        ? `${number(Math.ceil(bytes / 1024))} Ko`
        : `${number(Math.ceil((bytes / 1024 / 1024) * 10) / 10, { maximumFractionDigits: 1 })} Mo`,

  diagnostics: {
    // The front matter's keys
    unknownKey: (key: string, suggestion: string | undefined, keys: string) =>
      fr`clé inconnue « ${key} »${suggestion ? fr` (vouliez-vous dire « ${suggestion} » ?)` : ""} ; les clés sont ${keys}`,
    missingKey: (key: string) => fr`clé obligatoire « ${key} » absente : ${requiredHint(key)}`,
    misspeltKey: (key: string, meant: string) => fr`clé inconnue « ${key} », et la clé obligatoire « ${meant} » manque : renommez « ${key} » en « ${meant} »`,
    mustBeText: (key: string, example: string) => fr`« ${key} » doit être du texte, par exemple ${key}: "${example}"`,
    listNeedsEntry: (key: string, example: string) => fr`« ${key} » doit donner au moins une entrée, par exemple ${key}: [${example}]`,
    listEntryNotText: (key: string) => fr`chaque entrée de « ${key} » doit être du texte`,
    listEntryEmpty: (key: string) => fr`une entrée de « ${key} » est vide : écrivez-la ou retirez-la`,
    dateNotText: (key: string) => fr`« ${key} » doit être une date comme 2021-12-09 ou 2021-12-09T15:10:00+01:00`,
    titleEmpty: () => fr`« title » est vide : écrivez le titre`,
    titleTooLong: (max: number) => fr`« title » dépasse ${number(max)} caractères : raccourcissez-le, et mettez la suite dans « summary »`,
    shortLinkNotText: () => fr`« shortLink » doit être une adresse comme https://turquie2023.com/Ivo58D`,
    shortLinkNotHttps: () =>
      fr`« shortLink » doit être une adresse https complète, commençant par https:// et sans nom d’utilisateur ni « @ » avant le site, comme https://turquie2023.com/Ivo58D`,
    characterNotInAddress: (key: string, character: string, example: string) =>
      fr`« ${key} » contient ici « ${character} », qu’une adresse ne peut pas contenir telle quelle : recopiez l’adresse exacte depuis la barre d’adresse du navigateur, comme ${example}`,
    lookAlikeHost: (key: string, letter: string, code: string, example: string) =>
      fr`« ${key} » écrit le nom du site avec « ${letter} » (${code}), une lettre d’un autre alphabet qui imite une lettre latine et mène à un autre site : retapez le nom du site au clavier, comme ${example} (un nom vraiment écrit dans un autre alphabet s’écrit sous sa forme xn--)`,
    characterInLink: (key: string, character: string | undefined, example: string) =>
      character === undefined
        ? fr`« ${key} » contient ici une espace, qu’une adresse ne peut pas contenir : supprimez-la, l’adresse s’écrit d’un seul tenant, comme ${example}`
        : fr`« ${key} » contient ici le caractère invisible ${character}, qu’une adresse ne peut pas contenir : retapez l’adresse sans lui, comme ${example}`,
    linkOnTwoLines: (key: string, example: string) =>
      fr`« ${key} » continue sur cette ligne : une adresse s’écrit d’un seul tenant, sur une seule ligne (celle de la clé, ou la suivante) ; joignez les deux morceaux sans espace, ou supprimez ce qui n’est pas l’adresse, comme ${example}`,
    summaryEmpty: () => fr`« summary » est vide : écrivez le chapô, ou retirez la clé`,
    imageNotMap: () =>
      fr`« image » doit décrire la photo : src, alt et credit, par exemple image: { src: images/2021/12/irak.jpg, alt: "…", credit: "AA / …" }`,
    imageSrcNotText: () => fr`« image.src » doit être un chemin sous content/, par exemple src: images/2021/12/irak.jpg`,
    imageSrcEmpty: () => fr`« image.src » est vide : indiquez le chemin de la photo sous content/, par exemple src: images/2021/12/irak.jpg`,
    imageAltEmpty: () => fr`« image.alt » est vide : décrivez ce que montre la photo pour qui ne la voit pas`,
    imageCreditEmpty: () => fr`« image.credit » est vide : indiquez l’agence et le photographe, par exemple credit: "AA / Nom du photographe"`,
    imageCaptionEmpty: () => fr`« image.caption » est vide : écrivez la légende ou retirez la clé`,
    slugNotText: () => fr`« slug » doit être du texte`,
    slugPattern: () =>
      fr`« slug » ne peut contenir que des lettres minuscules a-z, des chiffres et des tirets simples, par exemple slug: l-irak-annonce-la-fin`,
    slugTooLong: (max: number) => fr`« slug » dépasse ${number(max)} caractères, plus qu’un nom de fichier n’en peut tenir : raccourcissez-le`,
    slugDeviceName: () =>
      fr`« slug » est un nom que Windows réserve aux périphériques (${DEVICE_NAMES}), où la page ne pourrait pas être écrite : ajoutez un mot, par exemple slug: nul-1`,
    draftNotBoolean: () => fr`« draft » doit valoir true ou false`,
    aliasesNotList: () => fr`« aliases » doit être une liste d’adresses comme [/2021/12/09/ancien-titre/]`,
    aliasNotText: () => "chaque alias doit être une adresse comme /2021/12/09/ancien-titre/",
    controlCharacter: (key: string, character: string) =>
      fr`« ${key} » contient ici le caractère de contrôle ${character} : supprimez-le (retapez le texte autour s’il est invisible)`,
    lineBreakInText: (key: string) =>
      fr`« ${key} » contient ici un saut de ligne, alors que ce texte s’affiche sur une seule ligne : écrivez-le sur une ligne (sans « \\n », ligne vide ni bloc « | »)`,
    tabInText: (key: string) => fr`« ${key} » contient ici une tabulation : remplacez-la par une espace`,
    bodyLinkRefusedScheme: (scheme: string) =>
      fr`ce lien commence par « ${scheme}: », que les pages refusent (il pourrait lancer un programme ou ouvrir un fichier) : la page l’afficherait comme du texte ; écrivez une adresse https, comme [AA](https://www.aa.com.tr/fr)`,
    bodyImageOutside: (host: string) =>
      fr`cette image est prise sur un autre site (${host}) : le navigateur de chaque lecteur la demanderait à ce site, qui saurait qui lit la page, et elle pourrait disparaître ou changer sans que rien ne le dise ; mettez la photo dans l’archive (content/images/AAAA/MM/) et donnez-la dans le champ « image » de l’en-tête, avec alt et credit (voir le README)`,
    bodyControlCharacter: (character: string) =>
      fr`le texte contient ici le caractère de contrôle ${character} : supprimez-le (retapez le texte autour s’il est invisible)`,
    bodyControlEntity: (written: string, character: string) =>
      fr`le texte écrit ici « ${written} », que la page changerait en caractère de contrôle ${character} : supprimez « ${written} »`,
    // Dates
    invalidDate: (key: string, text: string, zone: ZoneName) =>
      fr`« ${key} » n’est pas une date valide : « ${text} » ; écrivez 2021-12-09, 2021-12-09T15:10:00 (heure ${ofZone(zone)}) ou 2021-12-09T15:10:00+01:00`,
    dayDoesNotExist: (key: string, day: number, month: number, year: number) =>
      month === 2 && day === 29
        ? fr`« ${key} » : le 29 février ${year} n’existe pas (${year} n’est pas bissextile) ; vérifiez l’année et le jour`
        : fr`« ${key} » : le ${day === 1 ? "1er" : day} ${MONTHS[month - 1]} n’existe pas ; vérifiez le jour et le mois`,
    monthDoesNotExist: (key: string, month: number) =>
      fr`« ${key} » : il n’y a pas de mois ${month} ; le mois va de 01 à 12, la date s’écrit année-mois-jour (2021-12-09)`,
    timeDoesNotExist: (key: string, time: string) => fr`« ${key} » : l’heure ${time} n’existe pas ; l’heure va de 00:00 à 23:59:59`,
    offsetDoesNotExist: (key: string, offset: string, zone: ZoneName, offsets: { winter: string; summer?: string }) =>
      fr`« ${key} » : le décalage horaire ${offset} n’existe pas ; écrivez-en un de -12:00 à +14:00 (minutes de 00 à 59), comme ${offsets.summer ? `${offsets.winter} (${zoneInSeason(zone)} en hiver) ou ${offsets.summer} (en été)` : `${offsets.winter} (heure ${ofZone(zone)})`}`,
    skippedTime: (key: string, time: string, day: string, zone: ZoneName, summer: boolean, next: string) =>
      fr`« ${key} » : ${time} n’existe pas ${inZone(zone)} le ${dateFr(day)} (${summer ? "passage à l’heure d’été" : "changement d’heure"}) ; écrivez ${next}, ou vérifiez l’heure de la source`,
    repeatedTime: (key: string, time: string, day: string, zone: ZoneName, summer: boolean, takenFirst: boolean, text: string, taken: string, other: string) =>
      fr`« ${key} » : les horloges affichent deux fois ${time} ${inZone(zone)} le ${dateFr(day)} (${summer ? "retour à l’heure d’hiver" : "changement d’heure"}) ; Dépêche retient la ${takenFirst ? "première" : "seconde"}, ${text}${taken} : écrivez-la ainsi, ou ${text}${other} pour la ${takenFirst ? "seconde" : "première"}`,
    yearOutOfRange: (key: string, year: string, first: number, last: number) =>
      fr`« ${key} » est en l’an ${year} : Dépêche accepte les années ${first} à ${last} ; vérifiez l’année`,
    updatedBeforeDate: (updated: string, date: string) =>
      fr`« updated » (${updated}) précède « date » (${date}) : un article ne peut pas être mis à jour avant sa publication`,
    heldBack: (iso: string, when: MomentName) =>
      fr`daté dans le futur (${iso}) : l’article est retenu (pages, flux, plans du site, recherche) jusqu’au ${when.fr}, et paraît à la première publication qui suit ; pour le publier maintenant, donnez-lui une date passée`,
    tooFarAhead: (days: number, iso: string, when: MomentName) =>
      fr`daté à plus de ${number(days)} jours dans le futur (${iso}, ${when.fr}) : sans doute une faute de frappe ; corrigez la date (un embargo se date au plus ${number(days)} jours à l’avance)`,
    updatedAhead: (iso: string, when: MomentName) =>
      fr`mis à jour dans le futur (${iso}, ${when.fr}) : les flux et le plan du site annonceraient une modification à venir ; donnez l’heure de la dernière modification faite`,
    pastRedirectLimit: (limit: number, total: number) =>
      fr`cet alias dépasse les ${number(limit)} redirections que Cloudflare Pages lit dans _redirects (le site en a ${number(total)}) : au-delà, Cloudflare ignore les règles, et ces anciennes adresses ne sont servies que par leur page de redirection (meta refresh), sans code 301 ; Netlify n’a pas cette limite`,
    // Names resolved against the registries
    unknownTopic: (name: string, suggestion: string | undefined) =>
      fr`sujet inconnu « ${name} »${suggestion ? fr` (vouliez-vous dire « ${suggestion} » ?)` : ""} : utilisez une entrée de topics.yaml, ou ajoutez-la`,
    unknownSource: (name: string, suggestion: string | undefined) =>
      fr`source inconnue « ${name} »${suggestion ? fr` (vouliez-vous dire « ${suggestion} » ?)` : ""} : utilisez un code de sources.yaml, ou ajoutez-le`,
    // One unknown name in many articles (src/content/unknown-names.ts): one error, which names the first places and counts the others.
    unknownTopicRenamed: (name: string, articles: number, shown: readonly string[], others: number, aliases: string) =>
      fr`sujet inconnu « ${name} », nommé par ${countFr(articles, "article")} (${placesFr(shown, others)}) : si c’est l’ancien slug de ce sujet, gardez-le dans ses anciens slugs, aliases: [${aliases}], et ces articles lui restent rattachés ; sinon, remplacez « ${name} » dans ces articles, ou ajoutez à topics.yaml un sujet de ce slug`,
    unknownTopicInMany: (name: string, suggestion: string | undefined, articles: number, shown: readonly string[], others: number, alias: string | undefined) =>
      fr`sujet inconnu « ${name} »${suggestion ? fr` (vouliez-vous dire « ${suggestion} » ?)` : ""}, nommé par ${countFr(articles, "article")} (${placesFr(shown, others)}) : utilisez une entrée de topics.yaml dans ces articles, ou ajoutez-la${alias ? fr` ; si c’est l’ancien slug d’un sujet renommé, gardez-le dans ses anciens slugs (aliases: [${alias}] à ce sujet de topics.yaml)` : ""}`,
    unknownSourceRenamed: (name: string, articles: number, shown: readonly string[], others: number, aliases: string) =>
      fr`source inconnue « ${name} », nommée par ${countFr(articles, "article")} (${placesFr(shown, others)}) : si c’est l’ancien code de cette source, gardez-le dans ses anciens codes, aliases: [${aliases}], et ces articles lui restent rattachés ; sinon, remplacez « ${name} » dans ces articles, ou ajoutez à sources.yaml une source de ce code`,
    unknownSourceInMany: (
      name: string,
      suggestion: string | undefined,
      articles: number,
      shown: readonly string[],
      others: number,
      alias: string | undefined,
    ) =>
      fr`source inconnue « ${name} »${suggestion ? fr` (vouliez-vous dire « ${suggestion} » ?)` : ""}, nommée par ${countFr(articles, "article")} (${placesFr(shown, others)}) : utilisez un code de sources.yaml dans ces articles, ou ajoutez-le${alias ? fr` ; si c’est l’ancien code d’une source renommée, gardez-le dans ses anciens codes (aliases: [${alias}] à cette source de sources.yaml)` : ""}`,
    namesInOneText: (key: string, text: string, names: readonly { written: string; meant: string }[]) => {
      const corrected = names.filter((n) => n.meant !== n.written).map((n) => fr`« ${n.meant} » pour « ${n.written} »`);
      return fr`« ${key} » : « ${text} » est lu comme un seul nom ; pour en donner plusieurs, écrivez une liste entre crochets, ${key}: [${names.map((n) => n.meant).join(", ")}]${corrected.length ? fr` (vouliez-vous dire ${listFr(corrected)} ?)` : ""}`;
    },
    // Title, body, summary
    noSlugFromTitle: () => fr`le titre n’a ni lettre ni chiffre pour en faire une adresse : ajoutez un « slug », par exemple slug: depeche-du-jour`,
    summaryTooLong: (length: number, max: number) =>
      fr`« summary » fait ${number(length)} caractères ; les lecteurs de flux et les résultats de recherche en montrent environ ${number(max)}`,
    noText: (draft: boolean) => fr`l’article n’a pas de texte : écrivez-le sous la ligne --- qui ferme l’en-tête${draft ? DRAFT : ""}`,
    bodyTitleHeading: () =>
      fr`un titre de premier niveau dans le texte : le titre de l’article est seul à ce niveau, celui-ci est affiché comme un intertitre ; écrivez « ## » devant pour un intertitre`,
    placeholder: (placeholder: string, draft: boolean) =>
      fr`le texte contient encore « ${placeholder} » : remplacez-le par le texte de l’article${draft ? DRAFT : ""}`,
    bodyLinkMissing: (url: string, nearest: string | undefined, draft: boolean) =>
      fr`lien vers ${url}, une page que le site n’a pas${nearest ? fr` (vouliez-vous dire ${nearest} ?)` : ""} : corrigez l’adresse ou retirez le lien${draft ? DRAFT : ""}`,
    bodyImageMissing: (url: string, archivePhoto: boolean, draft: boolean) =>
      archivePhoto
        ? fr`image ${url}, un fichier que le site n’a pas : une photo de l’archive (content/images/) ne paraît que par le champ « image » de l’en-tête, qui en fait une taille pour chaque écran ; donnez-la là, avec alt et credit (voir le README), et retirez l’image du texte${draft ? DRAFT : ""}`
        : fr`image ${url}, un fichier que le site n’a pas : corrigez l’adresse ou retirez l’image ; une photo de l’article se donne dans le champ « image » de l’en-tête (voir le README)${draft ? DRAFT : ""}`,
    withoutHost: (address: string, path: string) => fr`${address} (à écrire sans le site, depuis sa racine : ${path})`,
    bodyLinkToDraft: (url: string, file: string, draft: boolean) =>
      fr`lien vers ${url}, la page d’un brouillon (${file}) qui ne sera pas publiée : retirez le lien, ou publiez cet article en retirant « draft »${draft ? DRAFT : ""}`,
    bodyLinkToHeldBack: (url: string, file: string, when: MomentName, draft: boolean) =>
      fr`lien vers ${url}, la page d’un article daté dans le futur (${file}), retenu jusqu’au ${when.fr} : retirez le lien, ou attendez sa parution pour publier celui-ci${draft ? DRAFT : ""}`,
    misplacedFile: (day: string, expected: string, zone: ZoneName, published?: string) =>
      published === undefined
        ? fr`le fichier est rangé à une autre date que la sienne (${day}, jour ${ofZone(zone)}) : sa place est ${expected} ; déplacez-le (l’adresse de l’article suit sa date, pas son dossier)`
        : fr`le fichier est rangé à une autre date que la sienne (${day}, jour ${ofZone(zone)}) : sa place est ${expected} ; ajoutez d’abord « ${published} » à ses « aliases », puis déplacez-le (déplacé avant, plus rien ne relierait l’adresse publiée à cet article)`,
    // The photos
    photoOutsideContent: (src: string) =>
      fr`la photo « ${src} » n’est pas sous le dossier content/ : indiquez un chemin relatif à content/, par exemple images/2021/12/irak.jpg`,
    photoMissing: (src: string, withoutContent: string | undefined) =>
      fr`la photo « ${src} » est introuvable : vérifiez le chemin, relatif à content/${withoutContent ? fr` (écrivez « ${withoutContent} », sans « content/ »)` : ""}`,
    photoSymlink: (src: string) =>
      fr`la photo « ${src} » est un lien symbolique : Dépêche ne suit pas les liens, copiez le fichier lui-même dans content/images/`,
    photoNotAFile: (src: string) => fr`« ${src} » n’est pas un fichier : indiquez le chemin d’une photo`,
    photoUnreadable: (src: string, reason: string) => fr`la photo « ${src} » ne peut pas être lue (${reason}) : vérifiez ses droits d’accès`,
    photoTooLarge: (src: string, bytes: number, max: number) =>
      fr`la photo « ${src} » pèse ${megabytes(bytes)}, plus que les ${megabytes(max)} permis : exportez-la en JPEG de qualité 85 à ${number(EXPORT_WIDTH)} pixels de large`,
    photoTooManyPixels: (src: string, width: number, height: number, max: number) =>
      fr`la photo « ${src} » fait ${number(width)} × ${number(height)} pixels (${megapixels(width * height)}), plus que les ${megapixels(max)} permis : réduisez-la à ${number(EXPORT_WIDTH)} pixels de large`,
    photoUnsupported: (src: string, format: string, formats: readonly string[]) =>
      fr`la photo « ${src} » est au format ${format.toUpperCase()}, que Dépêche ne publie pas : exportez-la dans l’un des formats ${upper(formats)}`,
    photoCorrupt: (src: string) =>
      fr`la photo « ${src} » est endommagée ou n’est pas une image : exportez-la de nouveau (JPEG de préférence) et remplacez le fichier`,
    photoNarrow: (src: string, width: number, min: number) =>
      fr`la photo « ${src} » fait ${countFr(width, "pixel")} de large, moins que les ${number(min)} qu’il faut aux grands aperçus (réseaux sociaux, Google) : utilisez-en une plus grande si vous l’avez`,
    photoTall: (src: string, width: number, height: number) =>
      fr`la photo « ${src} » fait ${number(width)} × ${number(height)} pixels, ${number(height / width, { maximumFractionDigits: 1 })} fois plus haute que large : la page montre la photo d’un article sur 60\u202f% de la hauteur de l’écran au plus, celle-ci n’y serait qu’une bande étroite ; recadrez-la sur ce qui compte (au plus trois fois plus haute que large), ou montrez-en une autre`,
    photoHasGps: (src: string) =>
      fr`la photo « ${src} » porte la position GPS de la prise de vue : le dépôt, souvent public, la publie avec le fichier (le site, lui, ne la montre pas) ; remplacez le fichier par la même photo jointe avec depeche import --image, ou exportée sans métadonnées de localisation`,
    photoUnused: (srcs: readonly string[]) =>
      srcs.length === 1
        ? fr`la photo « ${srcs[0]} » n’est montrée par aucun article : le dépôt, souvent public, la publie sans que le site la montre ; donnez-la à un article (champ « image » de l’en-tête), ou supprimez-la (git rm) si elle ne sert plus`
        : fr`${countFr(srcs.length, "photo")} ne sont montrées par aucun article : ${listFr(srcs.map((src) => fr`« ${src} »`))} ; le dépôt, souvent public, les publie sans que le site les montre ; donnez chacune à un article (champ « image » de l’en-tête), ou supprimez celles qui ne servent plus (git rm)`,
    photoUndecodable: (src: string, reason: string) =>
      fr`la photo « ${src} » n’a pas pu être convertie (${reason}) : elle est sans doute endommagée ; exportez-la de nouveau et remplacez le fichier`,
    missingInDraft: (key: string) => fr`clé « ${key} » absente : ${requiredHint(key)}${DRAFT}`,
    sourcesUnfinished: () => fr`« sources » est vide : donnez des codes de sources.yaml, par exemple sources: [AA, TRT FR]${DRAFT}`,
    topicsUnfinished: () => fr`« topics » est vide : donnez des entrées de topics.yaml, par exemple topics: [Irak, Défense]${DRAFT}`,
    summaryUnfinished: () => fr`« summary » est vide : écrivez le chapô, ou retirez la clé${DRAFT}`,
    // Across articles
    sameUrl: (url: string, other: string) => fr`même adresse ${url} que ${other} : changez le titre, ou ajoutez un « slug » distinct`,
    shortLinkTaken: (link: string, other: string, spelled: string | undefined) =>
      fr`le lien court ${link} est déjà celui de ${other}${spelled ? ` (écrit ${spelled})` : ""} : chaque article a son propre lien de partage`,
    // The front matter as a whole
    noFrontMatter: () => fr`pas d’en-tête : le fichier doit commencer par une ligne « --- », puis les clés YAML (title, date, sources, topics), puis « --- »`,
    frontMatterNotYaml: (language: string, line: string) =>
      fr`l’en-tête doit être en YAML, pas en « ${language} » : remplacez la première ligne « ${line} » par « --- » (le code d’un en-tête n’est jamais exécuté)`,
    frontMatterNotClosed: () => fr`l’en-tête n’est pas fermé : ajoutez une ligne « --- » après la dernière clé`,
    strayDashes: () =>
      fr`cette ligne commence par « --- » avant celle qui ferme l’en-tête : seule celle-là peut être « --- » ; supprimez celle-ci, ou mettez-la en retrait si elle fait partie d’une valeur`,
    frontMatterNotMap: () => "l’en-tête doit être une suite de clés (title: …, date: …), pas une valeur seule ni une liste",
    // YAML as editors get it wrong
    yamlColon: (key: string, example: string) =>
      fr`la valeur de « ${key} » contient « : » suivi d’une espace, que YAML lit comme une nouvelle clé : mettez ${key === "title" ? "le titre" : "la valeur"} entre guillemets, par exemple ${example}`,
    yamlKeyOnKeyLine: (key: string, inner: string) =>
      fr`« ${inner}: » suit « ${key}: » sur la même ligne : une clé ne se met pas dans la valeur d’une autre ; écrivez ${inner}: … sur la ligne suivante, en retrait de deux espaces`,
    yamlSpaceAfterColon: (example: string) => fr`il manque une espace après « : », sans laquelle YAML ne lit pas de clé sur cette ligne : écrivez ${example}`,
    yamlNotAKey: (example: string) =>
      fr`cette ligne n’est ni une clé suivie de « : » ni en retrait sous la précédente : ajoutez « : » après le nom de la clé, par exemple ${example}, ou, si elle continue la valeur du dessus, mettez-la en retrait de deux espaces`,
    yamlBlockNotIndented: (indicator: string) =>
      fr`le texte annoncé par « ${indicator} » sur la ligne du dessus doit être en retrait sous sa clé : commencez chacune de ses lignes par deux espaces`,
    yamlAlign: (key: string, column: number) =>
      fr`cette ligne n’est pas alignée sur la clé « ${key} » du dessus, et YAML ne sait pas à quoi elle appartient : faites-la commencer à la même colonne que « ${key} » (colonne ${number(column)})`,
    yamlIndentedText: (key: string, example: string) =>
      fr`cette ligne en retrait continue la valeur de « ${key} », mais son « : » suivi d’une espace la fait lire comme une clé : si c’est une clé, alignez-la sur « ${key} » ; si c’est la suite du texte, mettez toute la valeur entre guillemets doubles, par exemple ${example}`,
    yamlTab: (spaces: number) =>
      spaces === 0
        ? fr`cette ligne commence par une tabulation, alors qu’elle ne prend pas de retrait : supprimez le retrait, pour qu’elle commence au bord gauche`
        : fr`une tabulation sert de retrait : YAML n’accepte que des espaces ; remplacez-la par ${SPACES[spaces] ?? number(spaces)} espaces`,
    yamlUnclosedQuote: (quote: string) =>
      fr`le guillemet ${quote} ouvert ici n’est jamais fermé : ajoutez ${quote} à la fin de la valeur, sur la même ligne (ou employez les guillemets « » dans le texte)`,
    yamlDuplicateKey: (key: string, firstLine: number) =>
      fr`la clé « ${key} » est écrite deux fois (déjà à la ligne ${number(firstLine)}) : gardez-en une seule`,
    yamlListDash: () => fr`dans une liste, chaque entrée commence par « - » suivi d’une espace, alignée sous les autres : - Irak`,
    yamlListOnKeyLine: (key: string) =>
      fr`une liste ne commence pas sur la ligne de sa clé : écrivez ${key}: [Irak, Défense], ou chaque entrée sur sa ligne (- Irak)`,
    yamlUnclosedList: (example: string) => fr`une liste ouverte par « [ » n’est pas fermée : ajoutez « ] » à la fin, sur la même ligne, par exemple ${example}`,
    yamlUnclosedMap: (example: string) =>
      fr`des clés ouvertes par « { » ne sont pas fermées : ajoutez « } » à la fin, sur la même ligne, par exemple ${example}`,
    yamlTextAfterList: (example: string) =>
      fr`du texte suit le « ] » qui ferme la liste : mettez toutes les entrées entre les mêmes crochets, séparées par des virgules, par exemple ${example}`,
    yamlStrayBracket: (bracket: string, opener: string, example: string | undefined) =>
      fr`ce « ${bracket} » ne ferme aucun « ${opener} » ouvert avant lui : retirez-le${example === undefined ? "" : `, par exemple ${example}`}`,
    yamlEmptyEntry: (example: string) => fr`cette virgule ne suit aucune entrée : retirez-la, par exemple ${example}`,
    yamlMissingComma: (example: string) =>
      fr`il manque une virgule ici : entre crochets ou entre accolades, les entrées se séparent par « , », par exemple ${example}`,
    yamlListWithoutBrackets: (example: string) =>
      fr`plusieurs valeurs se suivent sans crochets : une liste s’écrit entre « [ » et « ] », par exemple ${example}`,
    yamlCommentNoSpace: (example: string) => fr`ce « # » commence un commentaire collé à la valeur : YAML veut une espace avant lui ; écrivez ${example}`,
    yamlTextAfterQuote: (example: string) =>
      fr`du texte suit le guillemet qui ferme la valeur : mettez toute la valeur entre les guillemets, par exemple ${example}`,
    yamlBackslash: (example: string) =>
      fr`entre guillemets doubles, « \\ » annonce un caractère spécial (\\" pour un guillemet, \\n pour un retour à la ligne) : pour écrire « \\ » lui-même, doublez-le, par exemple ${example}`,
    yamlApostropheInQuotes: (example: string) =>
      fr`cette apostrophe ferme la valeur ouverte par une apostrophe : mettez toute la valeur entre guillemets doubles, par exemple ${example}, ou écrivez l’apostrophe typographique ’`,
    yamlQuoteInQuotes: (guillemets: string, apostrophes: string) =>
      fr`ce guillemet ferme la valeur ouverte par un guillemet : dans le texte, employez les guillemets « », par exemple ${guillemets}, ou mettez toute la valeur entre apostrophes : ${apostrophes}`,
    yamlTag: (key: string, tag: string) => fr`« ${key} » porte l’étiquette YAML « ${tag} », que l’archive ne lit pas : retirez-la ; ${valueNeed(key)}`,
    yamlTextTag: (key: string, tag: string, example: string) =>
      fr`« ${key} » porte l’étiquette YAML « ${tag} », que l’archive ne lit pas : écrivez le texte seul, entre guillemets doubles, par exemple ${example}`,
    yamlValueStart: (key: string | undefined, character: string, example: string) =>
      fr`${key === undefined ? "une valeur" : fr`la valeur de « ${key} »`} commence par « ${character} », ${VALUE_STARTS_FR[character] ?? "que YAML réserve"} : mettez toute la valeur entre guillemets doubles, par exemple ${example}`,
    yamlCommentCutsText: (key: string, kept: string, lost: string, example: string) =>
      fr`la valeur de « ${key} » est coupée par « # », qui après une espace commence un commentaire YAML : ${kept === "" ? "elle serait vide" : fr`« ${lost} » serait perdu`} ; mettez toute la valeur entre guillemets doubles, par exemple ${example} (un commentaire va sur sa propre ligne)`,
    yamlCommentLineCutsText: (key: string, kept: string, lost: string, example: string) =>
      fr`la valeur de « ${key} » est coupée par cette ligne, que « # » fait lire comme un commentaire YAML : elle s’arrêterait à « ${kept} », et « ${lost} » serait perdu ; mettez toute la valeur entre guillemets doubles, par exemple ${example} (un commentaire va sur sa propre ligne, pas plus en retrait que la clé)`,
    yamlDocumentEnd: () => fr`une ligne « ... » termine le YAML : les clés qui la suivent ne seraient pas lues ; retirez-la`,
    yamlIndent: () => fr`cette ligne est en retrait sans appartenir à la précédente : alignez chaque clé au début de la ligne`,
    yamlOther: (parser: string) => fr`YAML invalide (${parser}) : vérifiez les guillemets, les « : » et les retraits de cette ligne`,
    yamlAlias: (name: string) => fr`les alias YAML (*${name}) ne sont pas permis : écrivez la valeur en entier`,
    yamlTooDeep: (max: number) => fr`listes ou clés imbriquées sur plus de ${number(max)} niveaux : une archive en demande quelques-uns ; retirez les autres`,
    // Reading the files
    notUtf8: (byte: string, windows1252: string) =>
      fr`le fichier n’est pas en UTF-8 : l’octet ${byte} (« ${windows1252} » en Windows-1252) montre qu’il a été enregistré en Windows-1252 ; convertissez-le avec iconv -f WINDOWS-1252 -t UTF-8 fichier.md > converti.md, ou « Enregistrer sous… » en UTF-8 dans votre éditeur`,
    strayBytesInUtf8: (byte: string, windows1252: string, count: number) =>
      fr`le fichier est en UTF-8, mais ${count === 1 ? "un octet n’en est pas" : fr`${countFr(count, "octet")} n’en sont pas`}, ${count === 1 ? "ici" : "le premier ici"} : ${byte} (« ${windows1252} » en Windows-1252), sans doute collé d’un autre texte ; retapez le caractère à cet endroit${count === 1 ? "" : " et aux autres"}, sans convertir le fichier, dont les autres accents sont déjà en UTF-8`,
    nulByte: () => fr`le fichier contient un octet NUL : il est binaire ou abîmé ; réenregistrez-le en texte UTF-8`,
    mergeConflictUrls: () =>
      fr`conflit de fusion git non résolu : git a laissé ici les deux versions du fichier entre des lignes <<<<<<<, ======= et >>>>>>> ; gardez les lignes des deux côtés (chaque adresse), puis supprimez les lignes de marque <<<<<<<, ======= et >>>>>>> (et, s’il y en a une, la ligne ||||||| avec les lignes qui la suivent jusqu’à =======)`,
    mergeConflict: () =>
      fr`conflit de fusion git non résolu : git a laissé ici deux versions du texte entre des lignes <<<<<<<, ======= et >>>>>>> ; choisissez l’une des deux versions ou combinez-les, puis supprimez les lignes de marque <<<<<<<, ======= et >>>>>>> (et, s’il y en a une, la ligne ||||||| avec les lignes qui la suivent jusqu’à =======)`,
    utf16: (encoding: string) =>
      fr`le fichier n’est pas en UTF-8 : il a été enregistré en UTF-16 (« Unicode » dans le Bloc-notes de Windows) ; convertissez-le avec iconv -f ${encoding} -t UTF-8 fichier.md > converti.md, ou « Enregistrer sous… » en UTF-8 dans votre éditeur`,
    tooLarge: (what: "article" | "frontMatter" | "registry" | "urlManifest" | "wire" | "photo", size: string, limit: string) =>
      ({
        article: fr`le fichier fait ${size} ; la limite est de ${limit} : un article est du texte ; découpez-le, ou retirez ce qui n’en est pas (données collées, images en texte)`,
        frontMatter: fr`l’en-tête fait ${size} ; la limite est de ${limit} : il tient quelques clés courtes (title, date, sources, topics…) ; le texte de l’article va sous la ligne --- qui le ferme`,
        registry: fr`le fichier fait ${size} ; la limite est de ${limit} : est-ce le bon fichier ? Un sujet ou une source tient en 100 octets environ`,
        urlManifest: fr`le fichier fait ${size} ; la limite est de ${limit} : est-ce le bon fichier ? Chaque page publiée y ajoute une ligne de 70 octets environ`,
        wire: fr`le fichier fait ${size} ; la limite est de ${limit} : est-ce le bon fichier ? Une dépêche tient en quelques Ko de texte ; importez-la seule, sans ce qui l’entoure`,
        photo: fr`la photo pèse ${size}, plus que les ${limit} permis : exportez-la en JPEG de qualité 85 à ${number(EXPORT_WIDTH)} pixels de large`,
      })[what],
    symbolicLink: (what: "file" | "article" | "folder" | "articlesFolder") =>
      fr`les liens symboliques ne sont pas suivis : mettez ${{ file: "le fichier", article: "l’article", folder: "le dossier", articlesFolder: "le dossier des articles" }[what]} lui-même dans le dossier du contenu`,
    notAnArticle: () =>
      fr`pas un article, donc laissé hors du site : les articles sont des fichiers .md (en minuscules) ; renommez-le si c’en est un, ou sortez-le du dossier des articles`,
    noArticlesFolder: () => fr`dossier des articles absent : créez-le, avec un fichier .md par article`,
    articlesFolderIsFile: () => fr`le dossier des articles est un fichier : faites-en un dossier, avec un fichier .md par article`,
    folderUnreadable: (reason: string) =>
      fr`impossible de lire le dossier (${reason}) : ses articles seraient laissés hors du site ; vérifiez ses droits d’accès`,
    fileUnreadable: (reason: string, permissions: boolean) =>
      `impossible de lire le fichier (${reason})${permissions ? fr` : vérifiez ses droits d’accès` : ""}`,
    fileNotRegular: () =>
      fr`impossible de lire le fichier : ce n’est pas un fichier ordinaire (un tube, un périphérique, une socket) ; mettez à cette place le fichier lui-même`,
    fileIsFolder: () => fr`impossible de lire le fichier : c’est un dossier ; renommez ou déplacez ce dossier, Dépêche attend un fichier à cette place`,
    // The registries: site.yaml, topics.yaml, sources.yaml
    registryHoldsArticles: () =>
      fr`tant que site.yaml n’est pas valide, les articles ne sont pas vérifiés (leurs dates se lisent dans le fuseau du site) : corrigez d’abord les erreurs de ce fichier`,
    registryHoldsNames: (name: string, key: "topics" | "sources") =>
      fr`tant que ${name} ne se lit pas jusqu’au bout, ses autres règles (entrées en double…), les « ${key} » des articles et les liens vers ses pages ne sont pas vérifiés : ils le seront une fois les erreurs de ce fichier corrigées`,
    registryMissing: (name: string) =>
      fr`${name} manque : toute archive a besoin de site.yaml, topics.yaml et sources.yaml dans son dossier du contenu (--content est-il le bon dossier ?)`,
    addressNotText: (key: string, example: string) => fr`« ${key} » doit être une adresse complète, comme ${example}`,
    addressRule: (key: string, example: string) =>
      fr`« ${key} » doit être une adresse http(s) complète, sans nom d’utilisateur, requête ni fragment, comme ${example}`,
    siteTitleNotText: () => fr`« title » doit être du texte, par exemple title: "Archives de l’actualité"`,
    siteTitleEmpty: () => fr`« title » est vide : donnez le nom du site`,
    localeNotFr: () => fr`« locale » doit valoir fr : Dépêche publie des archives en français`,
    timezoneNotText: () => fr`« timezone » doit être un nom IANA comme Europe/Paris`,
    timezoneUnknown: () => fr`« timezone » n’est pas un fuseau IANA connu : écrivez un nom comme Europe/Paris`,
    descriptionNotText: () => fr`« description » doit être du texte`,
    topicKeywordsNotList: () => fr`« keywords » d’un sujet est une liste de mots non vides, par exemple keywords: [Bagdad, irakien]`,
    topicKeywordsTooMany: (max: number) => fr`« keywords » d’un sujet compte au plus ${number(max)} mots : gardez ceux qui disent le sujet`,
    topicSlugMissing: () => fr`chaque sujet a besoin d’un « slug » comme etats-unis`,
    topicSlugPattern: () => fr`le « slug » d’un sujet ne peut contenir que a-z, 0-9 et des tirets simples, par exemple etats-unis`,
    topicSlugTooLong: (max: number) =>
      fr`le « slug » d’un sujet tient en ${number(max)} caractères au plus, plus qu’un nom de fichier n’en peut tenir : raccourcissez-le`,
    topicSlugDeviceName: () =>
      fr`le « slug » d’un sujet ne peut pas être un nom que Windows réserve aux périphériques (${DEVICE_NAMES}), où ses pages ne pourraient pas être écrites : ajoutez un mot, par exemple nul-1`,
    topicLabelMissing: () => fr`chaque sujet a besoin d’un « label » comme "États-Unis"`,
    topicLabelEmpty: () => fr`le « label » d’un sujet est vide : écrivez-le`,
    topicsNotList: () => fr`topics.yaml doit être une liste de sujets : - slug: irak, puis label: Irak en retrait`,
    sourceCodeMissing: () => fr`chaque source a besoin d’un « code » comme AA`,
    sourceCodeEmpty: () => fr`le « code » d’une source est vide : écrivez-le`,
    sourceNameMissing: () => fr`chaque source a besoin d’un « name » comme "Agence Anadolu"`,
    sourceNameEmpty: () => fr`le « name » d’une source est vide : écrivez-le`,
    sourcesNotList: () => fr`sources.yaml doit être une liste de sources : - code: AA, puis name: Agence Anadolu et url: https://www.aa.com.tr/fr en retrait`,
    topicTaken: (key: string, name: string, firstLine: number, firstSlug: string) =>
      fr`le ${key} de sujet « ${name} » est déjà celui du sujet de la ligne ${number(firstLine)} (« ${firstSlug} ») : chaque sujet a son propre slug et son propre label ; donnez à celui-ci un autre ${key}, ou, si c’est le même sujet, fusionnez les deux entrées en une`,
    sourceCodeTaken: (code: string, firstLine: number, firstCode: string) =>
      fr`le code de source « ${code} » est déjà celui de la source de la ligne ${number(firstLine)} (« ${firstCode} ») : donnez à chaque agence son propre code ; si c’est la même agence, fusionnez les deux entrées en une`,
    sourceCodeNoSlug: (code: string) =>
      fr`le code de source « ${code} » n’a ni lettre ni chiffre pour en faire l’adresse de sa page : donnez-lui un code avec au moins une lettre ou un chiffre, comme AA, et écrivez ce code dans les articles qui citent cette source`,
    topicAliasesNotList: () => fr`« aliases » d’un sujet est la liste de ses anciens slugs, par exemple aliases: [irak-guerre]`,
    topicAliasTaken: (alias: string, firstLine: number, firstSlug: string) =>
      fr`l’ancien slug « ${alias} » est déjà le slug ou un ancien slug du sujet de la ligne ${number(firstLine)} (« ${firstSlug} ») ; une adresse ne menant qu’à un sujet, gardez-le à l’un des deux seulement`,
    topicAliasIsLabel: (alias: string, labelLine: number, label: string) =>
      fr`l’ancien slug « ${alias} » est le label du sujet de la ligne ${number(labelLine)} (« ${label} ») : un article qui l’écrit ne dirait pas de quel sujet il parle ; retirez cet ancien slug, ou changez ce label`,
    sourceAliasesNotList: () => fr`« aliases » d’une source est la liste de ses anciens codes, par exemple aliases: [TRT]`,
    sourceAliasTaken: (alias: string, firstLine: number, firstCode: string) =>
      fr`l’ancien code « ${alias} » donne l’adresse de la source de la ligne ${number(firstLine)} (« ${firstCode} »), par son code ou un ancien code ; une adresse ne menant qu’à une source, gardez-le à l’une des deux seulement`,
    // Old addresses: aliases and urls.txt
    aliasNotPath: () =>
      fr`un alias doit être une adresse de ce site comme /2021/12/09/ancien-titre/ (sans domaine, ni requête, ni espace ; les autres caractères en %XX, leur code UTF-8 : é s’écrit %C3%A9)`,
    aliasMalformedEscape: (written: string) =>
      fr`« ${written} » dans un alias n’est pas un caractère échappé : % est suivi de deux chiffres hexadécimaux, le code UTF-8 du caractère (é s’écrit %C3%A9, une espace %20, % lui-même %25)`,
    aliasNotUtf8: (escapes: string, latin1: string, utf8: string) =>
      fr`« ${escapes} » dans un alias n’est pas un caractère en UTF-8, et sa page de redirection ne pourrait pas être écrite : écrivez-le en UTF-8 (si c’est du Latin-1, « ${latin1} », écrivez ${utf8})`,
    aliasEscapeNotInName: (written: string) =>
      fr`« ${written} » dans un alias est un caractère qu’un nom de fichier ne peut pas contenir sur tous les disques (/ \\ : * ? " < > | ou de contrôle) : sa page de redirection ne pourrait pas être écrite ; retirez l’alias`,
    aliasDots: () =>
      fr`un alias ne peut pas contenir de segment . ou .. : écrivez l’ancienne adresse entière, sans . ni .., par exemple /2021/12/09/ancien-titre/`,
    aliasHiddenName: (segment: string) =>
      fr`« ${segment} » dans un alias commence par un point : le site écrirait un dossier ou un fichier caché, que les hébergeurs ne servent pas ; écrivez l’ancienne adresse de l’article (comme /2019/03/05/titre/) ou retirez l’alias`,
    aliasTooLong: (max: number, length: number) =>
      fr`un alias tient en ${number(max)} caractères au plus, celui-ci en a ${number(length)} : aucun disque ne tient tous les chemins aussi longs`,
    aliasSegmentTooLong: (max: number, start: string, length: number) =>
      fr`un segment d’alias tient en ${number(max)} caractères au plus, « ${start}… » en a ${number(length)} : un nom de fichier plus long ne peut pas être écrit`,
    aliasSegmentDot: (segment: string) =>
      fr`un segment d’alias ne peut pas finir par un point ni par une espace (« ${segment} ») : Windows les retire, et la redirection tomberait ailleurs`,
    aliasSegmentDeviceName: (segment: string) =>
      fr`« ${segment} » dans un alias est un nom que Windows réserve aux périphériques (${DEVICE_NAMES}) : sa page de redirection ne pourrait pas y être écrite ; retirez l’alias`,
    aliasInSearch: (alias: string, folder: string) => fr`l’alias ${alias} est dans ${folder}, le dossier de l’index de recherche : retirez-le`,
    aliasInPhotos: (alias: string, folder: string) =>
      fr`l’alias ${alias} est dans ${folder}, le dossier des photos, que chaque construction réécrit : retirez-le`,
    aliasInside: (alias: string, shown: string, what: string) => fr`l’alias ${alias} serait écrit dans ${shown}, ${what} : retirez-le`,
    aliasInsideAlias: (owner: string) => `un alias de ${owner}`,
    aliasInsideSiteFile: () => "un fichier que le site écrit lui-même",
    aliasOver: (alias: string, shown: string) => fr`l’alias ${alias} serait écrit là où ${shown} a besoin d’un dossier : retirez-le`,
    aliasTwice: (alias: string, as: string | undefined) =>
      fr`l’alias ${alias} est écrit deux fois${as ? fr` (comme ${as} : disques et serveurs ne les distinguent pas)` : ""} : retirez-en un`,
    aliasTaken: (alias: string, owner: string, as: string | undefined) =>
      fr`l’alias ${alias} est déjà un alias de ${owner}${as ? fr` (comme ${as} : disques et serveurs ne les distinguent pas)` : ""} : une ancienne adresse ne mène qu’à un seul article`,
    aliasIsOwnUrl: (alias: string, as: string | undefined) =>
      fr`l’alias ${alias} est l’adresse de cet article même${as ? fr` (comme ${as} : disques et serveurs ne les distinguent pas)` : ""} : une redirection y cacherait une page ; retirez-le`,
    aliasIsUrlOf: (alias: string, owner: string, as: string | undefined) =>
      fr`l’alias ${alias} est l’adresse de ${owner}${as ? fr` (comme ${as} : disques et serveurs ne les distinguent pas)` : ""} : une redirection y cacherait une page ; retirez-le`,
    aliasIsSiteFile: (alias: string, shown: string, as: string | undefined) =>
      fr`l’alias ${alias} est l’adresse de ${shown}, que le site écrit lui-même${as ? fr` (comme ${as} : disques et serveurs ne les distinguent pas)` : ""} : une redirection la cacherait ; retirez-le`,
    publishedUrlMoved: (url: string, key: string, to: string, line: string, slug?: string) =>
      fr`${url} a été publiée, et « ${key} » de cet article l’a déplacée vers ${to} : ${slug === undefined ? "" : fr`pour lui garder son adresse, écrivez « slug: ${slug} » sous son titre ; ou `}ajoutez « ${url} » à ses « aliases » (une redirection), ou, pour la retirer exprès, mettez un « ! » au début de sa ligne, ${line}`,
    publishedUrlTaken: (url: string, key: string, to: string, holder: string, line: string) =>
      fr`${url} a été publiée, et « ${key} » de cet article l’a déplacée vers ${to} ; ${holder} porte maintenant cette adresse à sa place : rendez à cet article son « ${key} » d’avant, et changez le titre de l’autre fichier (ou donnez-lui un « slug » distinct), ${line}`,
    publishedUrlGone: (url: string, typo: string | undefined, typoLine: number | undefined) =>
      fr`${url} a été publiée, mais aucun article n’a plus cette adresse : ajoutez-la aux « aliases » de l’article qui la remplace, ou, pour la retirer exprès, mettez un « ! » au début de cette ligne${typo === undefined || typoLine === undefined ? "" : fr` ; la ligne ${number(typoLine)} retire ${typo} : faute de frappe ?`}`,
    publishedLineNotPath: (written: string, meant: string | undefined) =>
      fr`« ${written} » n’est pas une adresse du site : une ligne de ce fichier est une adresse publiée, écrite sans domaine à partir de la barre oblique (/2021/12/09/titre/), une adresse retirée exprès (! /2021/12/09/titre/) ou un commentaire (# …) ; ${meant ? fr`écrivez « ${meant} »` : "supprimez cette ligne, ou écrivez-la ainsi"}`,
    publishedTopicGone: (url: string, slug: string, line: string | undefined, kept: readonly string[] = []) =>
      line === undefined
        ? fr`${url} a été publiée, mais aucun sujet n’a plus le slug « ${slug} » : donnez-le en ancien slug au sujet qui le remplace (aliases: [${slug}] dans topics.yaml), une redirection, ou, pour retirer cette page exprès, mettez un « ! » au début de cette ligne`
        : fr`${url} a été publiée, mais aucun sujet n’a plus le slug « ${slug} » : si ce sujet le remplace, gardez-le en ancien slug (aliases: [${[...kept, slug].join(", ")}]), une redirection, ou, pour retirer cette page exprès, écrivez « ! ${url} » dans urls.txt, ${line}`,
    publishedSourceGone: (url: string, slug: string, line: string | undefined, kept: readonly string[] = []) =>
      line === undefined
        ? fr`${url} a été publiée, mais le code d’aucune source ne donne plus « ${slug} » : donnez-le en ancien code à la source qui la remplace (aliases: [${slug}] dans sources.yaml), une redirection, ou, pour retirer cette page exprès, mettez un « ! » au début de cette ligne`
        : fr`${url} a été publiée, mais le code d’aucune source ne donne plus « ${slug} » : si cette source la remplace, gardez l’ancien code en alias (aliases: [${[...kept, slug].join(", ")}]), une redirection, ou, pour retirer cette page exprès, écrivez « ! ${url} » dans urls.txt, ${line}`,
    publishedUrlDrafted: (url: string, line: string) =>
      fr`${url} a été publiée : en brouillon, cet article la retirerait du site ; retirez « draft », ou, pour la retirer exprès le temps d’en décider, mettez un « ! » au début de sa ligne, ${line}`,
    publishedUrlHeldBack: (url: string, when: MomentName, line: string) =>
      fr`${url} a été publiée : daté du ${when.fr}, cet article la retirerait du site jusque-là ; redonnez-lui sa date, ou, pour la retirer exprès, mettez un « ! » au début de sa ligne, ${line}`,
    removedUrlOnline: (url: string, article: string, publishedLine: number | undefined) =>
      fr`${url} est marquée retirée, mais ${article} est en ligne à cette adresse : ${publishedLine === undefined ? fr`effacez le « ! » du début de cette ligne` : `effacez cette ligne (la ligne ${number(publishedLine)} publie l’adresse)`}, sans quoi son retrait ne serait plus signalé`,
    removedListOnline: (url: string, kind: "topic" | "source", where: string) =>
      fr`${url} est marquée retirée, mais ${kind === "topic" ? "un sujet" : "une source"} la donne de nouveau (${where}) : effacez le « ! » du début de cette ligne, sans quoi son retrait ne serait plus signalé`,
    removedUrlTypo: (url: string, published: string, publishedLine: number) =>
      fr`« ! ${url} » ne retire aucune adresse publiée, mais la ligne ${number(publishedLine)} publie ${published} : faute de frappe ? Pour retirer celle-ci, écrivez « ! ${published} »`,
    removedUrlEmpty: () => fr`« ! » seul ne retire rien : écrivez après lui l’adresse à retirer, par exemple « ! /2021/12/09/titre/ », ou effacez la ligne`,
    removedUrlNotPath: (url: string, meant: string | undefined) =>
      fr`« ! ${url} » ne retire rien : une adresse de ce fichier s’écrit sans domaine, à partir de la barre oblique ; écrivez ${meant ? fr`« ! ${meant} »` : fr`par exemple « ! /2021/12/09/titre/ »`}`,
    moreProblems: (n: number, max: number) =>
      fr`et ${countFr(n, "autre problème", "autres problèmes")} dans ce fichier, non ${n < 2 ? "montré" : "montrés"} : corrigez les ${number(max)} premiers et relancez la vérification`,
  },

  /** What `import` says of a wire file: at its path and line, like the diagnostics of `check`. */
  wire: {
    wireSymlink: () => fr`c’est un lien symbolique, que depeche import ne suit pas : indiquez le fichier de la dépêche lui-même`,
    folderSymlink: () => fr`c’est un lien symbolique vers un dossier, que depeche import ne suit pas : indiquez le dossier lui-même`,
    cannotRead: (why: string) => fr`impossible de lire le fichier (${why}) : vérifiez le chemin`,
    folderSkips: (names: readonly string[]) =>
      fr`${names.length === 1 ? "laissé" : "laissés"} de côté : ${listFr(names)} ; d’un dossier, import lit les fichiers .txt, pas ses sous-dossiers : donnez-les à part (depeche import dossier/sous-dossier)`,
    folderWithoutWire: () => fr`aucun fichier .txt dans ce dossier : vérifiez le chemin, ou donnez les fichiers des dépêches eux-mêmes`,
    nulByte: () => fr`le fichier contient un octet NUL : il est binaire ou abîmé, ce n’est pas une dépêche ; redemandez le texte au fil de l’agence`,
    readAsWindows1252: () =>
      fr`pas en UTF-8 : lu en Windows-1252, comme l’envoient les fils d’agence anciens ; vérifiez les accents et les guillemets de l’article`,
    empty: () => fr`le fichier est vide : il n’y a ni titre ni texte à importer`,
    noBody: () => fr`la dépêche a un titre mais pas de texte : aucun paragraphe entre le titre et les lignes de source`,
    leftovers: (lines: readonly string[]) => fr`gardé à la fin du texte, ni ligne de source ni ligne de partage : ${lines.map((l) => fr`« ${l} »`).join(", ")}`,
    shareNotHttps: (link: string) =>
      fr`le lien de partage ${link} n’est pas une adresse https, comme l’est un lien court : dans la dépêche, corrigez la ligne (https://…) ou supprimez-la, puis relancez l’import`,
    secondShareLine: (line: number) =>
      fr`une deuxième ligne de partage, quand la dépêche n’en a qu’une (ligne ${line}) : si le fichier tient plusieurs dépêches, mettez chacune dans son propre fichier ; sinon, supprimez la ligne en trop`,
    shareLineInText: () =>
      fr`une ligne de partage au milieu du texte : elle vient à la fin de la dépêche, après les lignes de source ; si le fichier tient plusieurs dépêches, mettez chacune dans son propre fichier`,
    sourceLineInText: (line: string) =>
      fr`« ${line} » est une ligne de source au milieu du texte : les lignes de source viennent à la fin de la dépêche ; si le fichier tient plusieurs dépêches, mettez chacune dans son propre fichier`,
    noSource: (codes: string) =>
      fr`pas de ligne de source à la fin de la dépêche : le code de l’agence (${codes}) doit être sur une ligne à lui, après le texte ; pour une autre agence, ajoutez-la à sources.yaml`,
    unknownAgency: (names: readonly string[], suggestion: string | undefined, codes: readonly string[]) =>
      names.length === 1
        ? fr`agence inconnue « ${names[0]} »${suggestion ? fr` (vouliez-vous dire « ${suggestion} » ?)` : ""} : la dépêche n’a pas d’autre ligne de source, et sources.yaml ne connaît que ${listFr(codes)} ; pour une autre agence, ajoutez-la à sources.yaml (- code: ${names[0]}, puis name et url en retrait)`
        : fr`agences inconnues ${listFr(names.map((n) => fr`« ${n} »`))} : la dépêche n’a pas d’autre ligne de source, et sources.yaml ne connaît que ${listFr(codes)} ; pour d’autres agences, ajoutez-les à sources.yaml (- code: ${names[0]}, puis name et url en retrait)`,
    unknownAgencyAboveSources: (names: readonly string[], suggestion: string | undefined, codes: readonly string[]) =>
      names.length === 1
        ? fr`agence inconnue « ${names[0]} »${suggestion ? fr` (vouliez-vous dire « ${suggestion} » ?)` : ""} au-dessus des lignes de source : sources.yaml ne connaît que ${listFr(codes)} ; dans la dépêche, remplacez la ligne par le code de l’agence, ou ajoutez l’agence à sources.yaml ; si c’est la fin du texte, finissez-la par un point`
        : fr`agences inconnues ${listFr(names.map((n) => fr`« ${n} »`))} au-dessus des lignes de source : sources.yaml ne connaît que ${listFr(codes)} ; dans la dépêche, remplacez chaque ligne par le code de son agence, ou ajoutez les agences à sources.yaml ; si c’est la fin du texte, finissez-la par un point`,
    oneCodePerLine: (line: string, codes: readonly string[]) =>
      fr`« ${line} » nomme plusieurs agences sur une ligne : dans la dépêche, mettez un code par ligne (${codes.join(", puis ")})`,
    titleNoSlug: () =>
      fr`le titre n’a ni lettre ni chiffre pour en faire une adresse : dans la dépêche, récrivez la ligne du titre avec des mots, puis relancez l’import`,
    titleTooLong: (max: number) =>
      fr`le titre dépasse ${number(max)} caractères : dans la dépêche, raccourcissez la ligne du titre (et la ligne qui le répète, s’il y en a une) et mettez la suite en tête du texte, puis relancez l’import`,
    datedNow: (when: MomentName, zone: ZoneName, path: string) =>
      fr`sans --date, l’article est daté de maintenant, le ${when.fr} (heure ${ofZone(zone)}) : si l’agence a publié la dépêche un autre jour ou à une autre heure, supprimez ${path} et importez-la de nouveau avec sa date, par exemple --date 2021-12-09 ou --date 2021-12-09T15:10:00 (tant qu’un déploiement de main ne l’a pas mise en ligne, son adresse n’est pas publiée)`,
    noTopic: () => fr`aucun sujet de topics.yaml n’est nommé dans le titre ni dans le texte : donnez --topics, par exemple --topics Irak,Défense`,
    noFreeSlug: (why: string, max: number) => fr`${why} ; aucun slug libre jusqu’à -${max}`,
    sameTitleThatDay: (url: string, file: string, slug: string) =>
      fr`${url} est déjà ${file}, une autre dépêche du même titre ce jour-là : celle-ci reçoit le slug ${slug}`,
    fileExists: (path: string) => fr`${path} existe déjà et n’est jamais écrasé : supprimez-le ou renommez-le d’abord si cette copie doit le remplacer`,
    wouldNotBeValid: (message: string) => fr`l’article ne serait pas valide : ${message}`,
    shortLinkTaken: (link: string, file: string, spelled: string | undefined) =>
      fr`le lien court ${link} est déjà celui de ${file}${spelled ? ` (écrit ${spelled})` : ""} : cette dépêche est déjà dans l’archive`,
    sameUrl: (url: string, file: string) =>
      fr`même adresse ${url} que ${file} : cette dépêche est sans doute déjà dans l’archive ; si c’en est une autre, changez sa ligne de titre`,
    oldUrl: (url: string, file: string) => fr`${url} est une ancienne adresse (alias) de ${file} : cette dépêche est sans doute déjà dans l’archive`,
    retiredUrl: (url: string, note: string) =>
      fr`${url} a déjà été publiée, puis retirée exprès (${note}) : un nouvel article y prendrait ses anciens lecteurs ; changez la ligne de titre, ou, pour remettre en ligne cette même dépêche, effacez ce « ! »`,
    restoresPublishedUrl: (url: string, note: string) =>
      fr`${url} a été publiée (${note}) et aucun article ne la portait plus : cette dépêche, du même titre ce jour-là, y remet l’article publié ; si c’en est une autre, supprimez le fichier écrit et changez sa ligne de titre`,
  },

  /** The tail of a grouped kind of warning: all of them stay in --json. */
  moreOfKind: (n: number) => `… et ${countFr(n, "autre avertissement", "autres avertissements")} du même type (--json les donne tous)`,

  cli: {
    unknownCommand: (name: string, suggestion: string | undefined) =>
      fr`commande inconnue « ${name} »${suggestion ? fr` (vouliez-vous dire « ${suggestion} » ?)` : ""}`,
    unknownOption: (option: string, suggestion: string | undefined) =>
      fr`option inconnue « ${option} »${suggestion ? fr` (vouliez-vous dire « ${suggestion} » ?)` : ""}`,
    missingValue: (option: string) => `l’option ${option} attend une valeur`,
    noValueTaken: (option: string) => `l’option ${option} ne prend pas de valeur`,
    unexpectedArgument: (argument: string) => fr`argument en trop « ${argument} »`,
    errorsAndWarnings: (errors: number, warnings: number) => `${countFr(errors, "erreur")}, ${countFr(warnings, "avertissement")}`,
    checkInvalid: (counts: string, files: number, time: string) => `${counts} dans ${countFr(files, "fichier d’article", "fichiers d’articles")} (${time})`,
    checkValid: (articles: number, topics: number, sources: number, days: number, warnings: number, time: string) =>
      fr`${countFr(articles, "article")}, ${countFr(topics, "sujet")}, ${countFr(sources, "source")}, ${countFr(days, "jour")} : tout est valide ; ${countFr(warnings, "avertissement")} (${time})`,
    buildRead: (files: number, time: string) => `${countFr(files, "fichier d’article lu", "fichiers d’articles lus")} (${time})`,
    nowNotADate: (text: string) =>
      fr`--now « ${text} » n’est pas une date : écrivez 2021-12-10T12:00:00Z, ou avec un décalage (de -12:00 à +14:00, minutes de 00 à 59) comme 2021-12-10T13:00:00+01:00 ; sans décalage, c’est l’heure UTC`,
    sourceDateEpochNotNumber: (value: string) =>
      fr`SOURCE_DATE_EPOCH=${value} n’est pas un nombre de secondes depuis le 1er janvier 1970 UTC : donnez un nombre comme 1639134000, ou retirez la variable`,
    buildDateOutOfYears: (what: string, first: number, last: number) =>
      `${what} tombe hors des années ${first} à ${last} où peut tomber la date d’une construction`,
    recordUrlsUnreadable: (file: string, reason: string) => fr`impossible d’ajouter les adresses publiées à ${file} : ${reason}`,
    // Writing files (src/files/)
    ioReason: (code: string) => IO_REASONS_FR[code] ?? code,
    writeFailed: (file: string, reason: string, hadFile: boolean) =>
      fr`impossible d’écrire ${file} : ${reason} ; ${hadFile ? "le fichier d’avant est inchangé" : "rien n’a été écrit"}`,
    folderFailed: (file: string, reason: string) => fr`impossible de créer le dossier de ${file} : ${reason} ; rien n’a été écrit`,
    neverOverwritten: (file: string) => `${file} existe déjà et n’est jamais écrasé`,
    writeThroughLink: (path: string, isFile: boolean) =>
      fr`${path} est un lien symbolique, à travers lequel Dépêche n’écrit jamais : remplacez-le par le ${isFile ? "fichier" : "dossier"} lui-même`,
    outsideWritable: (path: string, root: string) => `${path} n’est pas dans ${root}, le seul dossier où cette commande écrit`,
    siteWriteFailed: (out: string, reason: string, hadSite: boolean) =>
      fr`impossible d’écrire le site dans ${out}/ : ${reason} ; ${hadSite ? "le site d’avant est inchangé" : "rien n’a été écrit"}`,
    outRefused: (option: string, out: string, why: string) => fr`${option} ${out} ${why} ; rien n’a été touché`,
    outNoFolder: (example: string) => fr`ne nomme aucun dossier (une variable vide ?) : donnez le dossier où construire le site, comme ${example}`,
    outWorkingDirectory: (holds: boolean, example: string) =>
      fr`${holds ? "contient" : "est"} le dossier de travail, qu’une construction ne remplace jamais : donnez au site un dossier à lui, comme ${example}`,
    outProject: (holds: boolean, example: string) =>
      fr`${holds ? "contient" : "est"} le dossier de Dépêche, qu’une construction ne remplace jamais : donnez au site un dossier à lui, comme ${example}`,
    outContent: (where: "is" | "holds" | "inside", example: string) =>
      fr`${where === "is" ? "est" : where === "holds" ? "contient" : "est dans"} le dossier du contenu, où une construction n’écrit jamais de site : donnez un dossier hors du contenu, comme ${example}`,
    outPublishedSite: (inside: boolean, example: string, preview: boolean) =>
      preview
        ? fr`${inside ? "est dans" : "est"} le dossier du site publié, où l’aperçu n’écrit jamais (il montre les brouillons) : donnez à l’aperçu un dossier à lui, comme ${example}`
        : fr`${inside ? "est dans" : "est"} le dossier du site publié, où une construction avec --drafts n’écrit jamais : donnez-lui un dossier à part, comme ${example}`,
    outBuiltWithoutDrafts: (example: string) =>
      fr`est un site construit sans les brouillons, peut-être celui qu’on publie, où l’aperçu n’écrit jamais (il montre les brouillons) : donnez à l’aperçu un dossier à lui, comme ${example}`,
    outSymlink: () => fr`est un lien symbolique, qu’une construction ne remplace jamais : donnez le dossier vers lequel il pointe`,
    cacheInContent: (example: string) =>
      fr`est dans le dossier du contenu, qui appartient aux éditeurs et à leur dépôt : donnez au cache un dossier hors du contenu, comme --cache ${example}`,
    cacheInSite: () =>
      fr`est dans le dossier du site, qui est publié avec tout ce qu’il contient : donnez au cache un dossier hors du site, comme .depeche/cache`,
    cacheNoFolder: (example: string) => fr`ne nomme aucun dossier (une variable vide ?) : donnez le dossier du cache, comme --cache ${example}`,
    cacheInRepository: (example: string) =>
      fr`est le dossier .git d’un dépôt, ou en est dans un, où Dépêche n’écrit jamais : donnez au cache un dossier à lui, comme --cache ${example}`,
    cacheIsFile: (example: string) => fr`est un fichier, pas un dossier : donnez au cache un dossier à lui, comme --cache ${example}`,
    cacheNotACache: (names: readonly string[], count: number, example: string) =>
      fr`contient ${count === 1 ? "un fichier ou dossier" : "des fichiers ou dossiers"} qui ne ${count === 1 ? "vient" : "viennent"} pas du cache de Dépêche (${count > names.length ? fr`${names.map((n) => fr`« ${n} »`).join(", ")} et ${countFr(count - names.length, "autre")}` : listFr(names.map((n) => fr`« ${n} »`))}) : le cache n’écrit que dans un dossier vide, nouveau ou à lui ; donnez-lui un dossier à lui, comme --cache ${example}`,
    outIsFile: () => fr`est un fichier, pas un dossier : donnez un dossier pour le site`,
    outUnreadable: (reason: string) => fr`ne peut pas être lu (${reason}) : donnez un dossier lisible`,
    outRepository: () =>
      fr`contient un dépôt git (.git), qu’une construction effacerait en remplaçant le dossier entier : construisez le site dans un dossier à lui, hors du dépôt, puis copiez-en le contenu dans le dépôt`,
    outNestedRepository: (paths: readonly string[], more: number) => {
      const one = paths.length + Math.max(more, 0) === 1;
      const others = more > 0 ? fr` (et ${countFr(more, "autre")})` : "";
      return one
        ? fr`contient un dépôt git qu’aucune construction n’a écrit, ${paths[0]}, qu’une construction effacerait en remplaçant le dossier entier : sortez-le du dossier du site, ou supprimez-le vous-même s’il ne sert plus, puis relancez la construction`
        : fr`contient des dépôts git qu’aucune construction n’a écrits, ${listFr(paths)}${others}, qu’une construction effacerait en remplaçant le dossier entier : sortez-les du dossier du site, ou supprimez-les vous-même s’ils ne servent plus, puis relancez la construction`;
    },
    outStrayEntries: (paths: readonly string[], more: number) => {
      const one = paths.length + Math.max(more, 0) === 1;
      const others = more > 0 ? fr` (et ${countFr(more, "autre")})` : "";
      return one
        ? fr`contient ${paths[0]}, qu’aucune construction n’a écrit et qu’une construction effacerait en remplaçant le dossier entier : sortez-le du dossier du site, ou supprimez-le vous-même s’il ne sert plus, puis relancez la construction`
        : fr`contient ${listFr(paths)}${others}, qu’aucune construction n’a écrits et qu’une construction effacerait en remplaçant le dossier entier : sortez-les du dossier du site, ou supprimez-les vous-même s’ils ne servent plus, puis relancez la construction`;
    },
    outNotASite: (marker: string) =>
      fr`n’est pas vide et n’a pas de fichier ${marker} : ce n’est pas un site construit par Dépêche, et une construction ne le remplace jamais ; donnez un dossier vide ou nouveau, ou supprimez celui-ci à la main si c’est un site construit avant que Dépêche ne marque ses sites`,
    buildPlanned: (pages: number, time: string) => `${countFr(pages, "page prévue", "pages prévues")} (${time})`,
    buildPlannedSome: (pages: number, of: number, time: string) =>
      `${countFr(pages, "page prévue", "pages prévues")} sur ${number(of)}, les autres reprises de la construction précédente (${time})`,
    buildWrote: (pages: number, time: string) => `${countFr(pages, "page écrite", "pages écrites")} (${time})`,
    buildProgress: (written: number, total: number) => `${number(written)}/${number(total)} pages`,
    buildPublished: (files: number, time: string) =>
      `${countFr(files, "flux, plan du site ou fichier robots écrit", "flux, plans du site et fichiers robots écrits")} (${time})`,
    buildIncremental: (changed: number, removed: number, outputs: number, time: string) =>
      fr`construction incrémentale : ${countFr(changed, "page réécrite", "pages réécrites")}, ${countFr(removed, "page supprimée", "pages supprimées")}, ${countFr(outputs, "flux ou plan du site remplacé", "flux ou plans du site remplacés")} ; le reste est repris du site précédent (${time})`,
    buildCacheUnsaved: (folder: string, reason: string) =>
      fr`le cache n’a pas pu être enregistré dans ${folder} (${reason}) : le site est construit, mais la prochaine construction sera complète`,
    buildIndexed: (articles: number, bundles: number, time: string) =>
      `${countFr(articles, "article indexé", "articles indexés")} pour la recherche en ${countFr(bundles, "lot")} (${time})`,
    buildPhotosReady: (done: number, total: number) => `${number(done)}/${number(total)} photos prêtes`,
    buildPhotosEncoded: (encoded: number, cached: number, time: string) =>
      `${encoded === 0 ? "aucune photo encodée" : countFr(encoded, "photo encodée", "photos encodées")}, ${number(cached)} en cache (${time})`,
    imageNotAFile: (file: string) => fr`--image ${file} : ce fichier est introuvable ou n’est pas un fichier`,
    imageNeedsCredit: () => fr`--image demande --credit "AA / Nom du photographe" : une photo publiée porte toujours son crédit`,
    imageCreditWithoutImage: () => fr`--credit, --alt et --caption vont avec --image : indiquez la photo à joindre`,
    imageOneArticle: () => fr`--image joint une photo à un seul article : importez les dépêches une à une`,
    imageNeedsAlt: () => fr`--image demande --alt "…" : décrivez ce que montre la photo, pour qui ne la voit pas`,
    imageFormat: (file: string) => fr`--image ${file} : ce format n’est pas publié ; exportez la photo en JPEG, PNG, WebP, AVIF ou TIFF`,
    imageSymlink: (file: string) =>
      fr`--image ${file} : c’est un lien symbolique, que Dépêche ne suit pas ; indiquez le fichier de la photo lui-même. Rien n’a été importé`,
    imageRefused: (reason: string) => fr`--image : ${reason}. Rien n’a été importé`,
    imageUnreadable: (file: string, reason: string) => fr`--image ${file} : ${reason}. Rien n’a été importé`,
    imageNoFreeName: (file: string) => fr`--image ${file} : les noms de cette photo sont tous pris ce mois-ci dans content/images/ ; renommez le fichier`,
    buildInvalid: (counts: string, out: string, time: string) => fr`${counts} ; rien n’a été écrit, ${out} est inchangé (${time})`,
    buildDone: (articles: number, out: string, kinds: string, warnings: number, time: string) =>
      fr`${countFr(articles, "article")} → ${out}/ (${kinds}) ; ${countFr(warnings, "avertissement")} (${time})`,
    pageKind: (kind: string, n: number) => {
      const nouns: Record<string, [string, string]> = {
        articles: ["article", "articles"],
        home: ["accueil", "accueils"],
        indexes: ["index", "index"],
        lists: ["sujet ou source", "sujets ou sources"],
        years: ["année", "années"],
        months: ["mois", "mois"],
        days: ["jour", "jours"],
        notFound: ["page 404", "pages 404"],
        search: ["recherche", "recherches"],
        redirects: ["redirection", "redirections"],
      };
      const [one, many] = nouns[kind] ?? [kind, kind];
      return countFr(n, one, many);
    },
    contentFolderMissing: (dir: string) =>
      fr`--content ${dir} : ce dossier n’existe pas ; donnez le dossier du contenu (celui de site.yaml), ou lancez la commande là où se trouve content/`,
    recordUrlsWithDrafts: () => fr`--record-urls et --drafts ne vont pas ensemble : les brouillons ne sont jamais publiés`,
    badBaseUrl: (url: string) =>
      fr`--base-url « ${url} » doit être une adresse http(s) complète, sans nom d’utilisateur, requête ni fragment, comme https://archives.example.org`,
    badPort: (value: string) => fr`--port doit être un numéro de port (0 à 65535), pas « ${value} »`,
    portTaken: (port: number, next: number) =>
      fr`le port ${port} est déjà pris, peut-être par un autre aperçu : arrêtez-le (Ctrl-C dans son terminal), ou donnez un autre port, par exemple --port ${next}`,
    portUnusable: (port: number, reason: string) => fr`impossible d’écouter sur le port ${port} (${reason}) : donnez un autre port, par exemple --port 8080`,
    // Port 0 is any free port: only the address can be at fault.
    listenFailed: (host: string, port: number, reason: string) =>
      port === 0
        ? fr`impossible d’écouter sur ${host} (${reason}) : donnez à --host une adresse de cette machine (localhost par défaut)`
        : fr`impossible d’écouter sur ${host}, port ${port} (${reason}) : donnez à --host une adresse de cette machine (localhost par défaut), ou un autre port avec --port`,
    runLockHeld: (kind: RunLockKind, folder: string, holder: RunHolder, lockFile: string) =>
      `${lockedFr(kind, folder)} est déjà en cours d’écriture par ${holderFr(holder)}${fr` ; rien n’a été écrit. `}${
        holder.untilStopped
          ? fr`Un aperçu tourne jusqu’à ce qu’on l’arrête : arrêtez-le (Ctrl-C dans son terminal), ou donnez à cette commande un autre dossier avec ${kind === "site" ? "--out" : "--cache"}`
          : holder.host !== undefined
            ? fr`Attendez qu’il se termine, puis relancez la commande ; si cette machine s’est arrêtée avant, son verrou ${lockFile} sera repris tout seul dans ${holder.takeOverInMinutes ?? 0}\u00a0min, ou supprimez-le si vous êtes sûr qu’il ne tourne plus`
            : fr`Attendez qu’il se termine, puis relancez la commande ; s’il est bloqué, arrêtez-le (Ctrl-C dans son terminal, ou kill ${holder.pid}) : le verrou ${lockFile} d’un processus arrêté, même tué, est repris tout seul`
      }`,
    runLockFailed: (lockFile: string, reason: string) =>
      fr`impossible de poser le verrou ${lockFile} (${reason}) : la commande doit pouvoir écrire dans ce dossier ; rien n’a été écrit`,
    runLockTakenOver: (
      kind: RunLockKind,
      folder: string,
      holder: RunHolder | undefined,
      why: "ended" | "restarted" | "silent" | "unreadable",
      lockFile: string,
    ) =>
      holder === undefined || why === "unreadable"
        ? `le verrou illisible ${kind === "site" ? "de" : "du cache"} ${folder} (${lockFile}) est repris`
        : `le verrou ${kind === "site" ? "de" : "du cache"} ${folder} (${lockFile}) laissé par ${holderFr(holder)} est repris${fr` : `}${
            why === "ended"
              ? "ce processus ne tourne plus"
              : why === "restarted"
                ? "la machine a redémarré depuis"
                : `sa machine n’en a plus donné de nouvelles depuis ${holder.silentMinutes ?? 0}\u00a0min`
          }`,
    serveInvalid: (counts: string, time: string) => fr`${counts} ; l’aperçu garde la dernière version correcte (${time})`,
    serveNotBuilt: (counts: string, time: string) => fr`${counts} ; l’aperçu sera construit dès qu’elles seront corrigées, et les montre d’ici là (${time})`,
    serveRebuilt: (time: string) => `aperçu reconstruit (${time})`,
    serveUpdated: (pages: number, time: string) => `${countFr(pages, "page mise à jour", "pages mises à jour")} (${time})`,
    serveFixed: (time: string) => `plus aucune erreur, les pages sont celles d’avant (${time})`,
    serveFailed: (why: string) => fr`la mise à jour a échoué : ${why}`,
    serveSearchIndexed: (time: string) => `index de recherche refait pour les derniers enregistrements (${time})`,
    serveSearchReady: (time: string) => fr`index de recherche prêt : la page de recherche cherche dans tout l’aperçu (${time})`,
    serveStopsBeforeIndex: () => fr`arrêt sans attendre l’index de recherche en cours : le prochain depeche serve le refera`,
    serveSearchUnmade: (why: string) =>
      fr`l’index de recherche n’a pas pu être fait, la page de recherche est indisponible ; rouvrez-la pour réessayer : ${why}`,
    serveSearchFailed: (why: string) => fr`l’index de recherche n’a pas pu être refait, la page de recherche cherche dans le précédent : ${why}`,
    serveUnwatched: (folder: string, reason: string) =>
      fr`impossible de surveiller ${folder}/ (${reason}) : ce qui y est enregistré ne met pas l’aperçu à jour ; corrigez, puis relancez depeche serve`,
    watchLimit: () => "le système surveille déjà autant de dossiers qu’il le permet, fs.inotify.max_user_watches",
    serveListening: (url: string, content: string) => fr`${url} (brouillons compris) ; surveille ${content}/, Ctrl-C pour arrêter`,
    importNeedsFiles: () => "nommez les dépêches à importer, par exemple depeche import depeche.txt --date 2021-12-09",
    photoMetadataRemoved: (path: string) => fr`${path} : métadonnées retirées (position GPS, appareil…)`,
    imported: (path: string, topics: string, suggested: boolean) => fr`${path} (sujets${suggested ? " suggérés" : ""} : ${topics})`,
    importSummary: (written: number, refused: number, warnings: number, time: string) =>
      `${countFr(written, "article écrit", "articles écrits")}, ${countFr(refused, "fichier refusé", "fichiers refusés")}, ${countFr(warnings, "avertissement")} (${time})`,
    importRefused: (summary: string) => fr`${summary} ; rien n’a été écrit pour les fichiers refusés`,
    importStopped: (why: string, imported: number, left: number) =>
      `${why} (${countFr(imported, "article importé", "articles importés")} avant, ${countFr(left, "fichier restant", "fichiers restants")})`,
    contentNotReady: (content: string) => `le dossier du contenu ${content} ne peut pas recevoir d’articles tant que ces erreurs demeurent`,
    dateOptionYear: (text: string, year: number, first: number, last: number) =>
      fr`--date « ${text} » est en l’an ${year} : Dépêche accepte les années ${first} à ${last}`,
    dateOptionInvalid: (text: string, zone: ZoneName) =>
      fr`--date « ${text} » n’est pas une date : écrivez 2021-12-09, 2021-12-09T15:10:00 (heure ${ofZone(zone)}) ou 2021-12-09T15:10:00+01:00`,
    dateOptionRepeated: (text: string, time: string, day: string, zone: ZoneName, summer: boolean, takenFirst: boolean, taken: string, other: string) =>
      fr`--date ${text} : les horloges affichent deux fois ${time} ${inZone(zone)} le ${dateFr(day)} (${summer ? "retour à l’heure d’hiver" : "changement d’heure"}) ; Dépêche retient la ${takenFirst ? "première" : "seconde"} et écrit ${text}${taken} ; pour la ${takenFirst ? "seconde" : "première"}, donnez --date ${text}${other}`,
    topicsOptionEmpty: () => fr`--topics est vide : donnez des entrées de topics.yaml, par exemple --topics Irak,Défense`,
    topicsOptionUnknown: (name: string, suggestion: string | undefined) =>
      fr`sujet inconnu « ${name} » dans --topics${suggestion ? fr` (vouliez-vous dire « ${suggestion} » ?)` : ""} : donnez des entrées de topics.yaml, ou ajoutez-y ce sujet`,
    newOneTitle: () => fr`donnez un titre, entre guillemets : depeche new "L’Irak annonce la fin de la mission de combat"`,
    newTitleEmpty: () => fr`le titre est vide : depeche new "L’Irak annonce la fin de la mission de combat"`,
    nothingWritten: (why: string) => fr`${why} ; rien n’a été écrit`,
    newTitleTooLong: () => fr`le titre dépasse 200 caractères : raccourcissez-le, et mettez la suite dans le chapô`,
    newNoSlug: () => "le titre n’a ni lettre ni chiffre pour en faire une adresse",
    newTitleLineBreak: (tab: boolean) =>
      fr`le titre contient ${tab ? "une tabulation" : "un saut de ligne"}, alors qu’il s’affiche sur une seule ligne : donnez-le sur une ligne, entre guillemets`,
    newTitleControlCharacter: (character: string) =>
      fr`le titre contient le caractère de contrôle ${character}, invisible : retapez le titre sans lui (sans le copier-coller)`,
    newUrlTaken: (url: string, owner: string) => fr`${url} est déjà l’adresse de ${owner} : choisissez un autre titre`,
    newUrlRetired: (url: string, note: string) => fr`${url} a déjà été publiée (${note}) et aucun article ne la porte plus : choisissez un autre titre`,
    newFileExists: (path: string) => `${path} existe déjà et n’est jamais écrasé`,
    newTemplateBuiltIn: (path: string) => `${path} (intégré)`,
    newTemplateRefused: (file: string) =>
      fr`le modèle ${file} ne peut pas donner un brouillon que check accepte : corrigez-le, ou supprimez-le pour revenir au modèle intégré`,
    templateUnknownVariable: (name: string, names: readonly string[]) =>
      fr`variable inconnue « {{ ${name} }} » : le modèle connaît ${names.map((n) => `{{ ${n} }}`).join(", ")}`,
    templateNoFrontMatter: () => "le modèle doit commencer par une ligne --- et son en-tête (title, date…), fermé par une autre ligne ---",
    templateTitleNotGiven: () =>
      fr`l’en-tête du modèle doit avoir la ligne title: {{ titre }}, telle quelle : le titre donné à depeche new fait le nom du fichier et l’adresse de l’article, que sinon un autre titre changerait ; une rubrique ou un préfixe vont dans le texte`,
    templateNotDraft: () =>
      fr`le modèle donne à « draft » une autre valeur que true : depeche new crée toujours un brouillon ; écrivez draft: true ou retirez la ligne`,
    templateUnreadable: (why: string) => fr`le modèle ne peut pas être lu (${why}) : corrigez-le, ou supprimez-le pour revenir au modèle par défaut`,
    hookNoRepository: () => "pas dans un dépôt git",
    hookOutside: (content: string, top: string) => fr`le dossier du contenu ${content} est hors du dépôt git ${top} : un crochet n’y verrait aucun changement`,
    hookNotOurs: (hook: string) => fr`${hook} existe et n’est pas celui de Dépêche : ajoutez-y « node bin/depeche.js check » à la main`,
    hookRefused: () =>
      fr`commit refusé : ces erreurs sont celles des fichiers tels qu’ils sont indexés pour le commit (git add), que le fichier sur le disque soit déjà corrigé ou non ; corrigez-les puis refaites git add, ou passez outre une fois avec git commit --no-verify`,
    mergeHookRefused: () =>
      fr`fusion refusée : ces erreurs sont celles de l’archive telle que la fusion la ferait, chaque branche fût-elle valide seule ; corrigez-les dans une branche puis refaites la fusion, ou fusionnez sans commit (git merge --no-commit), corrigez, git add, puis git commit ; ou passez outre une fois avec git merge --no-verify`,
    hookInstalled: (hook: string, mergeHook: string, content: string) =>
      fr`${hook} et ${mergeHook} vérifient désormais ${content}/ avant chaque commit, fusions comprises`,
  },

  usage: {
    intro: fr`usage : depeche <commande> [options]\n\ncommandes :`,
    more: "\n`depeche <commande> --help` décrit une commande.\n",
    commands: {
      check: {
        synopsis: "check  [--content DIR] [--cache DIR | --no-cache] [--json] [--annotate]",
        summary: "vérifie toute l’archive, n’écrit rien",
        options: [
          "--content DIR  le dossier du contenu (content par défaut)",
          fr`--cache DIR    lit (sans jamais l’écrire) le cache de la dernière construction : seuls les fichiers modifiés depuis sont relus (.depeche/cache par défaut)`,
          "--no-cache     relit et vérifie tous les fichiers",
          "--json         le bilan et chaque erreur en JSON sur la sortie standard",
          "--annotate     les erreurs aussi en annotations GitHub Actions (d’office dans Actions)",
        ],
      },
      build: {
        synopsis:
          "build  [--content DIR] [--out DIR] [--drafts | --record-urls] [--base-url URL] [--now ISO] [--cache DIR | --no-cache] [--no-search] [--json] [--annotate]",
        summary: "vérifie, puis construit le site",
        options: [
          "--content DIR   le dossier du contenu (content par défaut)",
          "--out DIR       le dossier du site (_site par défaut), remplacé d’un coup",
          "--drafts        les brouillons aussi (jamais pour publier)",
          "--record-urls   ajoute les adresses publiées à urls.txt (le déploiement de main seulement)",
          "--base-url URL  l’adresse publique du site, à la place de baseUrl de site.yaml",
          fr`--now ISO       la date de la construction (plan du site des actualités) ; sinon SOURCE_DATE_EPOCH, sinon l’horloge`,
          fr`--cache DIR     l’état de la construction (.depeche/cache par défaut) : la suivante ne réécrit que ce qui a changé ; les photos n’y sont encodées qu’une fois`,
          "--no-cache      construit tout, sans rien garder",
          "--no-search     sans l’index de recherche",
          "--json          le bilan et chaque erreur en JSON sur la sortie standard",
          "--annotate      les erreurs aussi en annotations GitHub Actions (d’office dans Actions)",
        ],
      },
      import: {
        synopsis: 'import FICHIER… [--date ISO] [--topics a,b] [--content DIR] [--image FICHIER --credit "…" --alt "…" [--caption "…"]]',
        summary: "fait des articles de dépêches d’agence brutes",
        options: [
          fr`--date ISO     le jour (2021-12-09) ou l’heure (2021-12-09T15:10:00) des dépêches, dans le fuseau horaire du site ; sans elle, maintenant (SOURCE_DATE_EPOCH, sinon l’horloge), avec un avertissement`,
          fr`--topics a,b   les sujets (entrées de topics.yaml) ; sans elle, ils sont suggérés`,
          "--content DIR  le dossier du contenu (content par défaut)",
          "--image FICHIER  une photo à joindre (une seule dépêche), copiée dans content/images/AAAA/MM/",
          fr`--credit "…"   avec --image, obligatoire : le crédit, par exemple "AA / Nom du photographe"`,
          fr`--alt "…"      avec --image, obligatoire : ce que montre la photo, pour qui ne la voit pas`,
          fr`--caption "…"  avec --image : la légende`,
        ],
      },
      new: {
        synopsis: 'new    "Titre" [--topics a,b] [--date ISO] [--content DIR]',
        summary: "crée un brouillon d’article à remplir",
        options: [
          "--topics a,b   les sujets (entrées de topics.yaml)",
          "--date ISO     le jour ou l’heure de l’article (aujourd’hui dans le fuseau horaire du site par défaut)",
          "--content DIR  le dossier du contenu (content par défaut)",
        ],
      },
      serve: {
        synopsis: "serve  [--content DIR] [--port N] [--host ADDR] [--out DIR] [--cache DIR] [--now ISO]",
        summary: "aperçu du site, rechargé à chaque enregistrement, brouillons compris",
        options: [
          "--content DIR  le dossier du contenu (content par défaut)",
          "--port N       le port (8080 par défaut)",
          "--host ADDR    l’adresse où écouter (localhost par défaut, cette machine seule ; 0.0.0.0 pour l’ouvrir depuis un téléphone du même réseau)",
          "--out DIR      le dossier de l’aperçu (.depeche/preview par défaut)",
          "--cache DIR    où les photos sont encodées une fois, comme pour build (.depeche/cache par défaut)",
          "--now ISO      la date de l’aperçu, comme pour build",
        ],
      },
      "install-hook": {
        synopsis: "install-hook [--content DIR]",
        summary: "vérifie l’archive avant chaque commit git",
        options: ["--content DIR  le dossier du contenu (content par défaut)"],
      },
    },
    environment: [
      "DEPECHE_LANG=en  messages en anglais (pour les développeurs)",
      "NO_COLOR         sans couleurs (les couleurs ne s’affichent que dans un terminal)",
    ],
    help: "-h, --help     cette aide",
    optionsTitle: fr`options :`,
    environmentTitle: fr`variables d’environnement :`,
    commandUsage: (synopsis: string) => fr`usage : depeche ${synopsis}`,
  },
};

// What a value needs, for a value written with a YAML tag: never the tagged value itself, which
// may not fit (`draft: !!bool "yes"`, `topics: !!set {irak}`).
function valueNeed(key: string): string {
  switch (key) {
    case "date":
    case "updated":
      return fr`« ${key} » est une date, par exemple ${key}: 2021-12-09 ou ${key}: 2021-12-09T15:10:00+01:00`;
    case "draft":
      return fr`« draft » vaut true ou false, sans guillemets, par exemple draft: true`;
    case "topics":
      return fr`« topics » est une liste simple, par exemple topics: [Irak, Défense]`;
    case "sources":
      return fr`« sources » est une liste simple, par exemple sources: [AA, TRT FR]`;
    case "aliases":
      return fr`« aliases » est une liste simple d’anciennes adresses, par exemple aliases: [/2019/03/05/ancien-titre/]`;
    case "image":
      return fr`« image » donne les clés de la photo (src, alt, credit, caption), chacune sur sa ligne en retrait`;
    default:
      return fr`écrivez la valeur de « ${key} » seule`;
  }
}

function requiredHint(key: string): string {
  switch (key) {
    case "title":
      return 'ajoutez une ligne comme title: "L’Irak annonce la fin de la mission de combat"';
    case "date":
      return "ajoutez une ligne comme date: 2021-12-09 ou date: 2021-12-09T15:10:00+01:00";
    case "sources":
      return "ajoutez une ligne comme sources: [AA, TRT FR], avec des codes de sources.yaml";
    case "topics":
      return "ajoutez une ligne comme topics: [Irak, Défense], avec des entrées de topics.yaml";
    case "baseUrl":
      return "ajoutez l’adresse publiée, par exemple baseUrl: https://archives.example.org";
    case "timezone":
      return "ajoutez timezone: Europe/Paris";
    case "src":
      return "ajoutez le chemin de la photo sous content/, par exemple src: images/2021/12/irak.jpg";
    case "alt":
      return 'ajoutez une description de la photo, par exemple alt: "Des soldats quittent une base à Bagdad"';
    case "credit":
      return 'ajoutez l’agence et le photographe, par exemple credit: "AA / Nom du photographe"';
    default:
      return fr`ajoutez une ligne « ${key}: … »`;
  }
}

/** The shape every language's catalogue has: this one's. */
export type Messages = typeof messagesFr;
