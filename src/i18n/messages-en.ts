/** The messages of `messages-fr.ts` in English, for developers (`DEPECHE_LANG=en`): the same keys, the same arguments. */
import type { Messages, RunHolder, ZoneName } from "./messages-fr.ts";

const number = (n: number, fractionDigits?: { minimumFractionDigits?: number; maximumFractionDigits?: number }): string =>
  n.toLocaleString("en-US", fractionDigits);

/** A count and its noun: in English only 1 takes the singular. */
const countEn = (n: number, one: string, many = `${one}s`): string => `${number(n)} ${n === 1 ? one : many}`;

// Rounded up: a file a few bytes over 20 MB weighs "20.1 MB", never "20 MB, more than the 20 MB allowed".
const megabytes = (bytes: number): string => `${number(Math.ceil((bytes / 1024 / 1024) * 10) / 10, { maximumFractionDigits: 1 })} MB`;
const megapixels = (pixels: number): string => `${number(pixels / 1_000_000, { maximumFractionDigits: 1 })} megapixels`;
const upper = (formats: readonly string[]): string => formats.map((f) => f.toUpperCase()).join(", ");
const seconds = (s: number): string => `${number(s, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s`;
// The width a photo is best exported at: a large preview's 1,200 pixels, twice for sharp screens.
const EXPORT_WIDTH = 2400;

/** A list as English says it: "AA", "AA and TRT FR", "AA, AFP and TRT FR". */
/** Places as `file:line`, the first few, then how many others: "a.md:4, b.md:4 and 297 more". */
const placesEn = (shown: readonly string[], others: number): string => `${shown.join(", ")}${others > 0 ? ` and ${number(others)} more` : ""}`;
const listEn = (items: readonly string[]): string => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/** The site's timezone as English names it, where French would say « de Paris » or « UTC »: "Paris time", "UTC day". */
const placeEn = (zone: ZoneName): string => (zone.kind === "clock" ? zone.name : zone.en);

// A time on this machine's clock, and how long ago: "14:05", "3 min ago".
const clockEn = (hour: number, minute: number): string => `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
const agoEn = (minutes: number): string =>
  minutes < 1
    ? "less than a minute ago"
    : minutes < 60
      ? `${minutes} min ago`
      : minutes < 1440
        ? `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} ago`
        : `${countEn(Math.floor(minutes / 1440), "day")} ago`;
const holderEn = (holder: RunHolder): string =>
  `process ${holder.pid}${holder.host === undefined ? "" : ` of the machine ${holder.host}`} ("${holder.command}", started at ${clockEn(holder.hour, holder.minute)}, ${agoEn(holder.minutesAgo)})`;

// What a value needs, for a value written with a YAML tag (see messages-fr.ts).
function valueNeed(key: string): string {
  switch (key) {
    case "date":
    case "updated":
      return `"${key}" is a date, for example ${key}: 2021-12-09 or ${key}: 2021-12-09T15:10:00+01:00`;
    case "draft":
      return `"draft" is true or false, without quotes, for example draft: true`;
    case "topics":
      return `"topics" is a plain list, for example topics: [Irak, Défense]`;
    case "sources":
      return `"sources" is a plain list, for example sources: [AA, TRT FR]`;
    case "aliases":
      return `"aliases" is a plain list of old addresses, for example aliases: [/2019/03/05/old-title/]`;
    case "image":
      return `"image" gives the photo's keys (src, alt, credit, caption), each on its own indented line`;
    default:
      return `write the value of "${key}" alone`;
  }
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

// "2026-03-29" → "March 29, 2026".
const dateEn = (day: string): string => {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return `${MONTHS[month - 1]} ${date}, ${year}`;
};

// What YAML makes of a value that starts with one of its characters (the others it reserves).
const VALUE_STARTS_EN: Record<string, string> = {
  "[": "which YAML reads as the start of a list",
  "{": "which YAML reads as the start of keys",
  "-": "which YAML reads as the start of a list",
  "?": "which YAML reads as announcing a key",
  ">": "which YAML reads as announcing text on the next lines",
  "|": "which YAML reads as announcing text on the next lines",
  "*": "which YAML reads as an alias",
  "&": "which YAML reads as an anchor and drops from the value",
  "!": "which YAML reads as a tag and drops from the value",
  "]": "which YAML reads as the end of a list",
  "}": "which YAML reads as the end of keys",
};

// The names Windows keeps for devices, which no file or folder may take (see src/text/slug.ts).
const DEVICE_NAMES = "con, prn, aux, nul, com0 to com9, lpt0 to lpt9";

const DRAFT = ' (a warning in a draft, an error once "draft" is removed)';

const didYouMean = (suggestion: string | undefined): string => (suggestion ? ` (did you mean "${suggestion}"?)` : "");

const IO_REASONS_EN: Record<string, string> = {
  ENOSPC: "disk full",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  EEXIST: "it already exists",
  ENAMETOOLONG: "a file name is too long",
  EMFILE: "too many open files",
  EIO: "input/output error",
  EFBIG: "a file is larger than the system allows",
  ELOOP: "too many symbolic links",
  EBUSY: "the file is busy",
  EADDRNOTAVAIL: "not an address of this machine",
  ENOTFOUND: "unknown name",
  EAI_AGAIN: "the name server does not answer",
};

export const messagesEn: Messages = {
  language: "en",
  count: countEn,
  seconds,
  sizeInBytes: (bytes) =>
    bytes < 1024
      ? `${bytes} bytes`
      : bytes < 1024 * 1024
        ? `${Math.ceil(bytes / 1024)} KB`
        : `${(Math.ceil((bytes / 1024 / 1024) * 10) / 10).toLocaleString("en-US")} MB`,

  diagnostics: {
    unknownKey: (key, suggestion, keys) => `unknown key "${key}"${didYouMean(suggestion)}; the keys are ${keys}`,
    missingKey: (key) => `missing required key "${key}": ${requiredHint(key)}`,
    misspeltKey: (key, meant) => `unknown key "${key}", and the required key "${meant}" is missing: rename "${key}" to "${meant}"`,
    mustBeText: (key, example) => `"${key}" must be text, e.g. ${key}: "${example}"`,
    listNeedsEntry: (key, example) => `"${key}" must list at least one entry, e.g. ${key}: [${example}]`,
    listEntryNotText: (key) => `each entry of "${key}" must be text`,
    listEntryEmpty: (key) => `an entry of "${key}" is empty: write it or remove it`,
    dateNotText: (key) => `"${key}" must be a date such as 2021-12-09 or 2021-12-09T15:10:00+01:00`,
    titleEmpty: () => '"title" is empty: write the headline',
    titleTooLong: (max) => `"title" is longer than ${max} characters: shorten it, and put the rest in "summary"`,
    shortLinkNotText: () => '"shortLink" must be a URL such as https://turquie2023.com/Ivo58D',
    shortLinkNotHttps: () =>
      '"shortLink" must be an absolute https URL, starting with https:// and without a user name or "@" before the site, such as https://turquie2023.com/Ivo58D',
    characterNotInAddress: (key, character, example) =>
      `"${key}" holds "${character}" here, which a URL can't hold as it is: copy the exact URL from the browser's address bar, such as ${example}`,
    lookAlikeHost: (key, letter, code, example) =>
      `"${key}" writes the site's name with "${letter}" (${code}), a letter of another alphabet that imitates a Latin one and leads to another site: retype the site's name on the keyboard, such as ${example} (a name really written in another script is written in its xn-- form)`,
    characterInLink: (key, character, example) =>
      character === undefined
        ? `"${key}" holds a space here, which a URL can't hold: delete it, a URL is written in one piece, such as ${example}`
        : `"${key}" holds the invisible character ${character} here, which a URL can't hold: retype the URL without it, such as ${example}`,
    linkOnTwoLines: (key, example) =>
      `"${key}" goes on to this line: an address is written in one piece, on one line (the key's, or the next); join the two pieces without a space, or delete what is not the address, like ${example}`,
    summaryEmpty: () => '"summary" is empty: write the standfirst or remove the key',
    imageNotMap: () => '"image" must describe the photo: src, alt and credit, e.g. image: { src: images/2021/12/irak.jpg, alt: "…", credit: "AA / …" }',
    imageSrcNotText: () => '"image.src" must be a path under content/, e.g. src: images/2021/12/irak.jpg',
    imageSrcEmpty: () => '"image.src" is empty: give the photo\'s path under content/, e.g. src: images/2021/12/irak.jpg',
    imageAltEmpty: () => '"image.alt" is empty: describe what the photo shows for those who can\'t see it',
    imageCreditEmpty: () => '"image.credit" is empty: give the agency and the photographer, e.g. credit: "AA / Photographer\'s name"',
    imageCaptionEmpty: () => '"image.caption" is empty: write the caption or remove the key',
    slugNotText: () => '"slug" must be text',
    slugPattern: () => '"slug" may only hold lower-case letters a-z, digits and single dashes, e.g. slug: l-irak-annonce-la-fin',
    slugTooLong: (max) => `"slug" is longer than ${max} characters, more than a file name can hold: shorten it`,
    slugDeviceName: () => `"slug" is a name Windows keeps for devices (${DEVICE_NAMES}), where the page could not be written: add a word, e.g. slug: nul-1`,
    draftNotBoolean: () => '"draft" must be true or false',
    aliasesNotList: () => '"aliases" must be a list of paths such as [/2021/12/09/ancien-titre/]',
    aliasNotText: () => "each alias must be a path such as /2021/12/09/ancien-titre/",
    controlCharacter: (key, character) => `"${key}" holds the control character ${character} here: delete it (retype the text around it if it is invisible)`,
    lineBreakInText: (key) => `"${key}" holds a line break here, though this text shows on one line: write it on one line (no "\\n", blank line or "|" block)`,
    tabInText: (key) => `"${key}" holds a tab here: replace it with a space`,
    bodyLinkRefusedScheme: (scheme) =>
      `this link starts with "${scheme}:", which pages refuse (it could run a program or open a file): the page would show it as text; write an https URL, such as [AA](https://www.aa.com.tr/fr)`,
    bodyImageOutside: (host) =>
      `this image is taken from another site (${host}): every reader's browser would ask that site for it, telling it who reads the page, and it may vanish or change without a word; put the photo in the archive (content/images/YYYY/MM/) and give it in the front matter's "image" field, with alt and credit (see the README)`,
    bodyControlCharacter: (character) => `the text holds the control character ${character} here: delete it (retype the text around it if it is invisible)`,
    bodyControlEntity: (written, character) =>
      `the text writes "${written}" here, which the page would turn into the control character ${character}: delete "${written}"`,
    invalidDate: (key, text, zone) =>
      `"${key}" is not a valid date: "${text}"; write 2021-12-09, 2021-12-09T15:10:00 (${placeEn(zone)} time) or 2021-12-09T15:10:00+01:00`,
    dayDoesNotExist: (key, day, month, year) =>
      month === 2 && day === 29
        ? `"${key}": February 29, ${year} does not exist (${year} is not a leap year); check the year and the day`
        : `"${key}": ${MONTHS[month - 1]} ${day} does not exist; check the day and the month`,
    monthDoesNotExist: (key, month) => `"${key}": there is no month ${month}; months go from 01 to 12, and a date is year-month-day (2021-12-09)`,
    timeDoesNotExist: (key, time) => `"${key}": the time ${time} does not exist; times go from 00:00 to 23:59:59`,
    offsetDoesNotExist: (key, offset, zone, offsets) =>
      `"${key}": the UTC offset ${offset} does not exist: write one from -12:00 to +14:00, minutes 00 to 59, such as ${offsets.summer ? `${offsets.winter} (${placeEn(zone)} in winter) or ${offsets.summer} (in summer)` : `${offsets.winter} (${placeEn(zone)} time)`}`,
    skippedTime: (key, time, day, zone, summer, next) =>
      `"${key}": ${time} does not exist in ${placeEn(zone)} on ${dateEn(day)} (${summer ? "clocks go forward to summer time" : "clocks go forward"}); write ${next}, or check the source's time`,
    repeatedTime: (key, time, day, zone, summer, takenFirst, text, taken, other) =>
      `"${key}": clocks show ${time} twice in ${placeEn(zone)} on ${dateEn(day)} (${summer ? "summer time ends" : "clocks go back"}); Dépêche takes the ${takenFirst ? "first" : "second"}, ${text}${taken}: write it so, or ${text}${other} for the ${takenFirst ? "second" : "first"}`,
    yearOutOfRange: (key, year, first, last) => `"${key}" is in the year ${year}: Dépêche accepts the years ${first} to ${last}; check the year`,
    updatedBeforeDate: (updated, date) => `"updated" (${updated}) is before "date" (${date}): an article can't be updated before it is published`,
    heldBack: (iso) =>
      `dated in the future (${iso}): the article is held back (pages, feeds, sitemaps, search) until then, and appears with the first build after it; to publish it now, give it a past date`,
    tooFarAhead: (days, iso) =>
      `dated more than ${days} days in the future (${iso}): probably a typo; correct the date (an embargo is dated at most ${days} days ahead)`,
    updatedAhead: (iso) => `updated in the future (${iso}): feeds and the sitemap would announce a change to come; give the time of the last change made`,
    pastRedirectLimit: (limit, total) =>
      `this alias is past the ${limit.toLocaleString("en-US")} redirects Cloudflare Pages reads in _redirects (the site has ${total.toLocaleString("en-US")}): beyond them Cloudflare ignores the rules, and these old URLs are served only by their redirect page (meta refresh), with no 301; Netlify has no such limit`,
    unknownTopic: (name, suggestion) => `unknown topic "${name}"${didYouMean(suggestion)}: use an entry of topics.yaml, or add one there`,
    unknownSource: (name, suggestion) => `unknown source "${name}"${didYouMean(suggestion)}: use an entry of sources.yaml, or add one there`,
    unknownTopicRenamed: (name, articles, shown, others, aliases) =>
      `unknown topic "${name}", named by ${countEn(articles, "article")} (${placesEn(shown, others)}): if it is this topic's former slug, keep it among its former slugs, aliases: [${aliases}], and these articles stay with it; else replace "${name}" in these articles, or add a topic of that slug to topics.yaml`,
    unknownTopicInMany: (name, suggestion, articles, shown, others, alias) =>
      `unknown topic "${name}"${didYouMean(suggestion)}, named by ${countEn(articles, "article")} (${placesEn(shown, others)}): use an entry of topics.yaml in these articles, or add one there${alias ? `; if it is the former slug of a renamed topic, keep it among its former slugs (aliases: [${alias}] on that topic in topics.yaml)` : ""}`,
    unknownSourceRenamed: (name, articles, shown, others, aliases) =>
      `unknown source "${name}", named by ${countEn(articles, "article")} (${placesEn(shown, others)}): if it is this source's former code, keep it among its former codes, aliases: [${aliases}], and these articles stay with it; else replace "${name}" in these articles, or add a source of that code to sources.yaml`,
    unknownSourceInMany: (name, suggestion, articles, shown, others, alias) =>
      `unknown source "${name}"${didYouMean(suggestion)}, named by ${countEn(articles, "article")} (${placesEn(shown, others)}): use an entry of sources.yaml in these articles, or add one there${alias ? `; if it is the former code of a renamed source, keep it among its former codes (aliases: [${alias}] on that source in sources.yaml)` : ""}`,
    namesInOneText: (key, text, names) => {
      const corrected = names.filter((n) => n.meant !== n.written).map((n) => `"${n.meant}" for "${n.written}"`);
      return `"${key}": "${text}" is read as one name; to give several, write a list in brackets, ${key}: [${names.map((n) => n.meant).join(", ")}]${corrected.length ? ` (did you mean ${listEn(corrected)}?)` : ""}`;
    },
    noSlugFromTitle: () => 'the title has no letters or digits to make a URL from: add a "slug" such as slug: depeche-du-jour',
    summaryTooLong: (length, max) => `"summary" is ${length} characters long; feed readers and search results show about ${max}`,
    noText: (draft) => `the article has no text: write the body below the closing ---${draft ? DRAFT : ""}`,
    bodyTitleHeading: () =>
      'a first-level heading in the body: the article\'s title is the only one at that level, so this one is shown as a subheading; write "##" before it for a subheading',
    placeholder: (placeholder, draft) => `the body still holds the placeholder "${placeholder}": replace it with the article's text${draft ? DRAFT : ""}`,
    bodyLinkMissing: (url, nearest, draft) =>
      `link to ${url}, a page the site does not have${nearest ? ` (did you mean ${nearest}?)` : ""}: fix the address or remove the link${draft ? DRAFT : ""}`,
    bodyImageMissing: (url, archivePhoto, draft) =>
      archivePhoto
        ? `image ${url}, a file the site does not have: a photo of the archive (content/images/) appears only through the front matter's "image" field, which makes a size of it for each screen; give it there, with alt and credit (see the README), and remove the image from the text${draft ? DRAFT : ""}`
        : `image ${url}, a file the site does not have: fix the address or remove the image; the article's photo goes in the front matter's "image" field (see the README)${draft ? DRAFT : ""}`,
    withoutHost: (address, path) => `${address} (to be written without the site, from its root: ${path})`,
    bodyLinkToDraft: (url, file, draft) =>
      `link to ${url}, the page of a draft (${file}) that will not be published: remove the link, or publish that article by removing "draft"${draft ? DRAFT : ""}`,
    bodyLinkToHeldBack: (url, file, when, draft) =>
      `link to ${url}, the page of an article dated in the future (${file}), held back until ${when.en}: remove the link, or wait until it appears to publish this one${draft ? DRAFT : ""}`,
    misplacedFile: (day, expected, zone, published) =>
      published === undefined
        ? `the file is filed under another date than its own (${day}, ${placeEn(zone)} day): its place is ${expected}; move it (the article's URL follows its date, not its folder)`
        : `the file is filed under another date than its own (${day}, ${placeEn(zone)} day): its place is ${expected}; first add "${published}" to its "aliases", then move it (moved before, nothing would tie the published URL to this article any more)`,
    // The photos
    photoOutsideContent: (src) => `the photo "${src}" is not under the content/ folder: give a path relative to content/, e.g. images/2021/12/irak.jpg`,
    photoMissing: (src, withoutContent) =>
      `the photo "${src}" is not found: check the path, relative to content/${withoutContent ? ` (write "${withoutContent}", without "content/")` : ""}`,
    photoSymlink: (src) => `the photo "${src}" is a symbolic link: Dépêche does not follow links; copy the file itself into content/images/`,
    photoNotAFile: (src) => `"${src}" is not a file: give the path of a photo`,
    photoUnreadable: (src, reason) => `the photo "${src}" can't be read (${reason}): check its permissions`,
    photoTooLarge: (src, bytes, max) =>
      `the photo "${src}" weighs ${megabytes(bytes)}, more than the ${megabytes(max)} allowed: export it as a quality-85 JPEG ${number(EXPORT_WIDTH)} pixels wide`,
    photoTooManyPixels: (src, width, height, max) =>
      `the photo "${src}" is ${number(width)} × ${number(height)} pixels (${megapixels(width * height)}), more than the ${megapixels(max)} allowed: reduce it to ${number(EXPORT_WIDTH)} pixels wide`,
    photoUnsupported: (src, format, formats) =>
      `the photo "${src}" is in ${format.toUpperCase()}, which Dépêche does not publish: export it in one of ${upper(formats)}`,
    photoCorrupt: (src) => `the photo "${src}" is damaged or not an image: export it again (JPEG preferably) and replace the file`,
    photoNarrow: (src, width, min) =>
      `the photo "${src}" is ${number(width)} pixels wide, less than the ${number(min)} that large previews need (social networks, Google): use a larger one if you have it`,
    photoTall: (src, width, height) =>
      `the photo "${src}" is ${number(width)} × ${number(height)} pixels, ${number(height / width, { maximumFractionDigits: 1 })} times taller than wide: the page shows an article's photo on 60 % of the screen's height at most, where this one would be a narrow strip; crop it to what matters (at most three times taller than wide), or show another`,
    photoHasGps: (src) =>
      `the photo "${src}" holds the GPS position where it was taken: the repository, often public, publishes it with the file (the site does not show it); replace the file with the same photo attached by depeche import --image, or exported without location metadata`,
    photoUnused: (srcs) =>
      srcs.length === 1
        ? `the photo "${srcs[0]}" is shown by no article: the repository, often public, publishes it though the site does not show it; give it to an article (the "image" field of its front matter), or delete it (git rm) if it is no longer needed`
        : `${countEn(srcs.length, "photo")} are shown by no article: ${listEn(srcs.map((src) => `"${src}"`))}; the repository, often public, publishes them though the site does not show them; give each to an article (the "image" field of its front matter), or delete those no longer needed (git rm)`,
    photoUndecodable: (src, reason) => `the photo "${src}" could not be converted (${reason}): it is probably damaged; export it again and replace the file`,
    missingInDraft: (key) => `missing key "${key}": ${requiredHint(key)}${DRAFT}`,
    sourcesUnfinished: () => `"sources" is empty: list the codes of sources.yaml, e.g. sources: [AA, TRT FR]${DRAFT}`,
    topicsUnfinished: () => `"topics" is empty: list entries of topics.yaml, e.g. topics: [Irak, Défense]${DRAFT}`,
    summaryUnfinished: () => `"summary" is empty: write the standfirst or remove the key${DRAFT}`,
    sameUrl: (url, other) => `same URL ${url} as ${other}: change the title or add a distinct "slug"`,
    shortLinkTaken: (link, other, spelled) =>
      `short link ${link} is already used by ${other}${spelled ? ` (as ${spelled})` : ""}: each article has its own share link`,
    noFrontMatter: () => 'no front matter: the file must start with a line "---", then the YAML keys (title, date, sources, topics), then "---"',
    frontMatterNotYaml: (language, line) =>
      `front matter must be YAML, not "${language}": replace the first line "${line}" with "---" (code in front matter is never run)`,
    frontMatterNotClosed: () => 'front matter is not closed: add a line "---" after the last key',
    strayDashes: () =>
      'this line starts with "---" before the line that closes the front matter: only that line may be "---"; remove this one, or indent it if it belongs to a value',
    frontMatterNotMap: () => "front matter must be a list of keys (title: …, date: …), not a single value or a list",
    yamlColon: (key, example) =>
      `the value of "${key}" holds ": ", which YAML reads as a new key: put ${key === "title" ? "the title" : "the value"} in quotes, e.g. ${example}`,
    yamlKeyOnKeyLine: (key, inner) =>
      `"${inner}:" follows "${key}:" on the same line: a key does not go in another's value; write ${inner}: … on the next line, indented by two spaces`,
    yamlSpaceAfterColon: (example) => `a space is missing after ":", without which YAML reads no key on this line: write ${example}`,
    yamlNotAKey: (example) =>
      `this line is neither a key followed by ":" nor indented under the line above: add ":" after the key's name, e.g. ${example}, or, if it continues the value above, indent it by two spaces`,
    yamlBlockNotIndented: (indicator) =>
      `the text announced by "${indicator}" on the line above must be indented under its key: start each of its lines with two spaces`,
    yamlAlign: (key, column) =>
      `this line is not lined up with the key "${key}" above, and YAML cannot tell what it belongs to: start it at the same column as "${key}" (column ${column})`,
    yamlIndentedText: (key, example) =>
      `this indented line continues the value of "${key}", but its ": " makes it read as a key: if it is a key, line it up with "${key}"; if it continues the text, put the whole value in double quotes, e.g. ${example}`,
    yamlTab: (spaces) =>
      spaces === 0
        ? "this line starts with a tab, though it takes no indentation: delete the indentation, so that it starts at the left edge"
        : `a tab is used as indentation: YAML only takes spaces; replace it with ${spaces === 2 ? "two" : spaces} spaces`,
    yamlUnclosedQuote: (quote) => `the quote ${quote} opened here is never closed: add ${quote} at the end of the value, on the same line`,
    yamlDuplicateKey: (key, firstLine) => `the key "${key}" is written twice (already on line ${firstLine}): keep one`,
    yamlListDash: () => 'in a list, each entry starts with "-" and a space, lined up under the others: - Irak',
    yamlListOnKeyLine: (key) => `a list does not start on its key's line: write ${key}: [Irak, Défense], or each entry on its own line (- Irak)`,
    yamlUnclosedList: (example) => `a list opened with "[" is not closed: add "]" at its end, on the same line, e.g. ${example}`,
    yamlUnclosedMap: (example) => `keys opened with "{" are not closed: add "}" at their end, on the same line, e.g. ${example}`,
    yamlTextAfterList: (example) => `text follows the "]" that closes the list: put every entry inside the same brackets, separated by commas, e.g. ${example}`,
    yamlStrayBracket: (bracket, opener, example) =>
      `this "${bracket}" closes no "${opener}" opened before it: remove it${example === undefined ? "" : `, e.g. ${example}`}`,
    yamlEmptyEntry: (example) => `this comma follows no entry: remove it, e.g. ${example}`,
    yamlMissingComma: (example) => `a comma is missing here: between brackets or braces, entries are separated by ",", e.g. ${example}`,
    yamlListWithoutBrackets: (example) => `several values follow one another without brackets: a list is written between "[" and "]", e.g. ${example}`,
    yamlCommentNoSpace: (example) => `this "#" starts a comment stuck to the value: YAML wants a space before it; write ${example}`,
    yamlTextAfterQuote: (example) => `text follows the quote that closes the value: put the whole value inside the quotes, e.g. ${example}`,
    yamlBackslash: (example) =>
      `inside double quotes, "\\" announces a special character (\\" for a quote, \\n for a line break): to write "\\" itself, double it, e.g. ${example}`,
    yamlApostropheInQuotes: (example) =>
      `this apostrophe closes the value opened with an apostrophe: put the whole value in double quotes, e.g. ${example}, or write the typographic apostrophe ’`,
    yamlQuoteInQuotes: (guillemets, apostrophes) =>
      `this quote closes the value opened with a quote: inside the text, use the quotes « », e.g. ${guillemets}, or put the whole value in apostrophes: ${apostrophes}`,
    yamlTag: (key, tag) => `"${key}" carries the YAML tag "${tag}", which the archive doesn't read: remove it; ${valueNeed(key)}`,
    yamlTextTag: (key, tag, example) =>
      `"${key}" carries the YAML tag "${tag}", which the archive doesn't read: write the text alone, in double quotes, for example ${example}`,
    yamlValueStart: (key, character, example) =>
      `${key === undefined ? "a value" : `the value of "${key}"`} starts with "${character}", ${VALUE_STARTS_EN[character] ?? "which YAML reserves"}: put the whole value in double quotes, e.g. ${example}`,
    yamlCommentCutsText: (key, kept, lost, example) =>
      `the value of "${key}" is cut at "#", which after a space starts a YAML comment: ${kept === "" ? "it would be empty" : `"${lost}" would be lost`}; put the whole value in double quotes, e.g. ${example} (a comment goes on a line of its own)`,
    yamlCommentLineCutsText: (key, kept, lost, example) =>
      `the value of "${key}" is cut by this line, which "#" makes a YAML comment: it would stop at "${kept}", and "${lost}" would be lost; put the whole value in double quotes, e.g. ${example} (a comment goes on a line of its own, indented no further than the key)`,
    yamlDocumentEnd: () => 'a line "..." ends the YAML: the keys after it would not be read; remove it',
    yamlIndent: () => "this line is indented but belongs to no key above: start each key at the beginning of its line",
    yamlOther: (parser) => `invalid YAML (${parser}): check the quotes, the colons and the indentation of this line`,
    yamlAlias: (name) => `YAML aliases (*${name}) are not allowed: write the value out in full`,
    yamlTooDeep: (max) => `lists or maps nested more than ${max} levels deep: an archive needs a few; remove the others`,
    notUtf8: (byte, windows1252) =>
      `the file is not UTF-8: byte ${byte} ("${windows1252}" in Windows-1252) shows it was saved as Windows-1252; convert it with iconv -f WINDOWS-1252 -t UTF-8 file.md > converted.md, or "Save as…" UTF-8 in your editor`,
    strayBytesInUtf8: (byte, windows1252, count) =>
      `the file is UTF-8, but ${count === 1 ? "one byte is not" : `${countEn(count, "byte")} are not`}, ${count === 1 ? "here" : "the first here"}: ${byte} ("${windows1252}" in Windows-1252), likely pasted from another text; retype the character here${count === 1 ? "" : " and at the others"}, without converting the file, whose other accents are UTF-8 already`,
    nulByte: () => "file contains a NUL byte: it is binary or damaged; re-save it as plain UTF-8 text",
    mergeConflictUrls: () =>
      "unresolved git merge conflict: git left both versions of the file here between <<<<<<<, ======= and >>>>>>> lines; keep the lines of both sides (every address), then delete the marker lines <<<<<<<, ======= and >>>>>>> (and, if there is one, the ||||||| line with the lines after it up to =======)",
    mergeConflict: () =>
      "unresolved git merge conflict: git left two versions of the text here between <<<<<<<, ======= and >>>>>>> lines; choose one of them or combine them, then delete the marker lines <<<<<<<, ======= and >>>>>>> (and, if there is one, the ||||||| line with the lines after it up to =======)",
    utf16: (encoding) =>
      `the file is not UTF-8: it was saved as UTF-16 ("Unicode" in Windows Notepad); convert it with iconv -f ${encoding} -t UTF-8 file.md > converted.md, or "Save as…" UTF-8 in your editor`,
    tooLarge: (what, size, limit) =>
      ({
        article: `the file is ${size}; the limit is ${limit}: an article is text: split it, or take out what is not (pasted data, images as text)`,
        frontMatter: `the front matter is ${size}; the limit is ${limit}: it holds a few short keys (title, date, sources, topics…); the article's text goes below the closing ---`,
        registry: `the file is ${size}; the limit is ${limit}: is it the right file? A topic or a source takes about 100 bytes`,
        urlManifest: `the file is ${size}; the limit is ${limit}: is it the right file? Each published page adds a line of about 70 bytes`,
        wire: `the file is ${size}; the limit is ${limit}: is it the right file? A dispatch is a few KB of text; import it alone, without what surrounds it`,
        photo: `the photo weighs ${size}, more than the ${limit} allowed: export it as a quality-85 JPEG ${number(EXPORT_WIDTH)} pixels wide`,
      })[what],
    symbolicLink: (what) =>
      `symbolic links are not followed: put the ${{ file: "file", article: "article", folder: "folder", articlesFolder: "articles folder" }[what]} itself in the content folder`,
    notAnArticle: () =>
      "not an article, so left out of the site: articles are .md files (lower case); rename it if it is one, or move it out of the articles folder",
    noArticlesFolder: () => "missing articles folder: create it and put one .md file per article in it",
    articlesFolderIsFile: () => "the articles folder is a file: make it a folder, with one .md file per article in it",
    folderUnreadable: (reason) => `cannot read the folder (${reason}): the articles in it would be left out of the site; check its permissions`,
    fileUnreadable: (reason, permissions) => `cannot read the file (${reason})${permissions ? ": check its permissions" : ""}`,
    fileNotRegular: () => "cannot read the file: it is not a regular file (a pipe, a device, a socket); put the file itself in its place",
    fileIsFolder: () => "cannot read the file: it is a folder; rename or move that folder, Dépêche expects a file in its place",
    registryHoldsArticles: () =>
      "until site.yaml is valid, articles are not checked (their dates are read in the site's timezone): fix this file's errors first",
    registryHoldsNames: (name, key) =>
      `until ${name} reads through, its other rules (duplicate entries…), the articles' "${key}" and the links to its pages are not checked: they will be once this file's errors are fixed`,
    registryMissing: (name) =>
      `missing ${name}: every archive needs site.yaml, topics.yaml and sources.yaml in its content folder (is --content the right folder?)`,
    addressNotText: (key, example) => `"${key}" must be an absolute URL such as ${example}`,
    addressRule: (key, example) => `"${key}" must be an absolute http(s) URL without user name, query or fragment, such as ${example}`,
    siteTitleNotText: () => '"title" must be text, e.g. title: "Archives de l’actualité"',
    siteTitleEmpty: () => '"title" is empty: name the site',
    localeNotFr: () => '"locale" must be fr: Dépêche publishes French archives',
    timezoneNotText: () => '"timezone" must be an IANA name such as Europe/Paris',
    timezoneUnknown: () => '"timezone" is not a known IANA timezone: use a name such as Europe/Paris',
    descriptionNotText: () => '"description" must be text',
    topicKeywordsNotList: () => 'a topic\'s "keywords" is a list of non-empty words, e.g. keywords: [Bagdad, irakien]',
    topicKeywordsTooMany: (max) => `a topic's "keywords" holds at most ${max} words: keep those that say the topic`,
    topicSlugMissing: () => 'each topic needs a "slug" such as etats-unis',
    topicSlugPattern: () => 'a topic "slug" may only hold a-z, 0-9 and single dashes, e.g. etats-unis',
    topicSlugTooLong: (max) => `a topic "slug" is at most ${max} characters long, more than a file name can hold: shorten it`,
    topicSlugDeviceName: () =>
      `a topic "slug" may not be a name Windows keeps for devices (${DEVICE_NAMES}), where its pages could not be written: add a word, e.g. nul-1`,
    topicLabelMissing: () => 'each topic needs a "label" such as "États-Unis"',
    topicLabelEmpty: () => 'a topic "label" is empty: write it',
    topicsNotList: () => "topics.yaml must be a list of topics: - slug: irak, then label: Irak indented",
    sourceCodeMissing: () => 'each source needs a "code" such as AA',
    sourceCodeEmpty: () => 'a source "code" is empty: write it',
    sourceNameMissing: () => 'each source needs a "name" such as "Agence Anadolu"',
    sourceNameEmpty: () => 'a source "name" is empty: write it',
    sourcesNotList: () => "sources.yaml must be a list of sources: - code: AA, then name: Agence Anadolu and url: https://www.aa.com.tr/fr indented",
    topicTaken: (key, name, firstLine, firstSlug) =>
      `topic ${key} "${name}" is already used by the topic on line ${firstLine} ("${firstSlug}"): each topic needs its own slug and label; give this one another ${key}, or, if it is the same topic, merge the two entries into one`,
    sourceCodeTaken: (code, firstLine, firstCode) =>
      `source code "${code}" is already used by the source on line ${firstLine} ("${firstCode}"): give each agency its own code; if it is the same agency, merge the two entries into one`,
    sourceCodeNoSlug: (code) =>
      `source code "${code}" has no letters or digits to make its page URL from: give it a code with at least one letter or digit, such as AA, and write that code in the articles that cite this source`,
    topicAliasesNotList: () => 'a topic\'s "aliases" is the list of its former slugs, e.g. aliases: [irak-guerre]',
    topicAliasTaken: (alias, firstLine, firstSlug) =>
      `former slug "${alias}" is already the slug or a former slug of the topic on line ${firstLine} ("${firstSlug}"): a URL leads to one topic only; keep it for one of the two`,
    topicAliasIsLabel: (alias, labelLine, label) =>
      `former slug "${alias}" is the label of the topic on line ${labelLine} ("${label}"): an article that writes it would not say which topic it means; remove this former slug, or change that label`,
    sourceAliasesNotList: () => 'a source\'s "aliases" is the list of its former codes, e.g. aliases: [TRT]',
    sourceAliasTaken: (alias, firstLine, firstCode) =>
      `former code "${alias}" makes the URL of the source on line ${firstLine} ("${firstCode}"), by its code or a former code: a URL leads to one source only; keep it for one of the two`,
    aliasNotPath: () =>
      "an alias must be a path on this site such as /2021/12/09/ancien-titre/ (no host, no query, no spaces; other characters as %XX, their UTF-8 code: é is written %C3%A9)",
    aliasMalformedEscape: (written) =>
      `"${written}" in an alias is not an escape: % takes two hexadecimal digits, the character's UTF-8 code (é is written %C3%A9, a space %20, % itself %25)`,
    aliasNotUtf8: (escapes, latin1, utf8) =>
      `"${escapes}" in an alias is no character in UTF-8, and its redirect page could not be written: write it in UTF-8 (if it is Latin-1, "${latin1}", write ${utf8})`,
    aliasEscapeNotInName: (written) =>
      `"${written}" in an alias is a character a file name can't hold on every disk (/ \\ : * ? " < > | or a control): its redirect page could not be written; remove the alias`,
    aliasDots: () => "an alias may not contain . or .. segments: write the whole old URL, without . or .., such as /2021/12/09/ancien-titre/",
    aliasHiddenName: (segment) =>
      `"${segment}" in an alias starts with a dot: the site would write a hidden folder or file, which hosts don't serve; write the article's old address (like /2019/03/05/title/) or remove the alias`,
    aliasTooLong: (max, length) => `an alias is at most ${max} characters long, this one has ${length}: no disk holds every path that long`,
    aliasSegmentTooLong: (max, start, length) =>
      `a segment of an alias is at most ${max} characters long, "${start}…" has ${length}: longer file names can't be written`,
    aliasSegmentDot: (segment) =>
      `a segment of an alias may not end with a dot or a space ("${segment}"): Windows drops them, and the redirect would land elsewhere`,
    aliasSegmentDeviceName: (segment) =>
      `"${segment}" in an alias is a name Windows keeps for devices (${DEVICE_NAMES}): its redirect page could not be written there; remove the alias`,
    aliasInSearch: (alias, folder) => `alias ${alias} lies in ${folder}, the folder of the search index: remove it`,
    aliasInPhotos: (alias, folder) => `alias ${alias} lies in ${folder}, the folder of the photos, which every build rewrites: remove it`,
    aliasInside: (alias, shown, what) => `alias ${alias} would be written inside ${shown}, ${what}: remove it`,
    aliasInsideAlias: (owner) => `an alias of ${owner}`,
    aliasInsideSiteFile: () => "a file the site writes itself",
    aliasOver: (alias, shown) => `alias ${alias} would be written where ${shown} needs a folder: remove it`,
    aliasTwice: (alias, as) => `alias ${alias} is listed twice${as ? ` (as ${as}: disks and servers don't tell them apart)` : ""}: remove one`,
    aliasTaken: (alias, owner, as) =>
      `alias ${alias} is already an alias of ${owner}${as ? ` (as ${as}: disks and servers don't tell them apart)` : ""}: an old URL can redirect to one article only`,
    aliasIsOwnUrl: (alias, as) =>
      `alias ${alias} is this article's own URL${as ? ` (as ${as}: disks and servers don't tell them apart)` : ""}: a redirect there would hide a page; remove it`,
    aliasIsUrlOf: (alias, owner, as) =>
      `alias ${alias} is the URL of ${owner}${as ? ` (as ${as}: disks and servers don't tell them apart)` : ""}: a redirect there would hide a page; remove it`,
    aliasIsSiteFile: (alias, shown, as) =>
      `alias ${alias} is the address of ${shown}, which the site writes itself${as ? ` (as ${as}: disks and servers don't tell them apart)` : ""}: a redirect there would hide it; remove it`,
    publishedUrlMoved: (url, key, to, line, slug) =>
      `${url} was published, and this article's "${key}" moved it to ${to}: ${slug === undefined ? "" : `to keep its URL, write "slug: ${slug}" under its title; or `}add "${url}" to its "aliases" (a redirect), or, to remove it on purpose, put a "!" at the start of its line, ${line}`,
    publishedUrlTaken: (url, key, to, holder, line) =>
      `${url} was published, and this article's "${key}" moved it to ${to}; ${holder} now has that URL in its place: give this article back its former "${key}", and change the other file's title (or give it a distinct "slug"), ${line}`,
    publishedUrlGone: (url, typo, typoLine) =>
      `${url} was published, but no article has this URL any more: add it to the "aliases" of the article that replaces it, or, to remove it on purpose, put a "!" at the start of this line${typo === undefined || typoLine === undefined ? "" : `; line ${typoLine} removes ${typo}: a typo?`}`,
    publishedLineNotPath: (written, meant) =>
      `"${written}" is no address of the site: a line of this file is a published address, written without the domain from the slash (/2021/12/09/title/), an address removed on purpose (! /2021/12/09/title/) or a comment (# …); ${meant ? `write "${meant}"` : "delete this line, or write it so"}`,
    publishedTopicGone: (url, slug, line, kept = []) =>
      line === undefined
        ? `${url} was published, but no topic has the slug "${slug}" any more: give it as a former slug to the topic that replaces it (aliases: [${slug}] in topics.yaml), a redirect, or, to remove this page on purpose, put a "!" at the start of this line`
        : `${url} was published, but no topic has the slug "${slug}" any more: if this topic replaces it, keep it as a former slug (aliases: [${[...kept, slug].join(", ")}]), a redirect, or, to remove this page on purpose, write "! ${url}" in urls.txt, ${line}`,
    publishedSourceGone: (url, slug, line, kept = []) =>
      line === undefined
        ? `${url} was published, but no source's code makes "${slug}" any more: give it as a former code to the source that replaces it (aliases: [${slug}] in sources.yaml), a redirect, or, to remove this page on purpose, put a "!" at the start of this line`
        : `${url} was published, but no source's code makes "${slug}" any more: if this source replaces it, keep the former code as an alias (aliases: [${[...kept, slug].join(", ")}]), a redirect, or, to remove this page on purpose, write "! ${url}" in urls.txt, ${line}`,
    publishedUrlDrafted: (url, line) =>
      `${url} was published: as a draft, this article would take it off the site; remove "draft", or, to take it off on purpose while you decide, put a "!" at the start of its line, ${line}`,
    publishedUrlHeldBack: (url, when, line) =>
      `${url} was published: dated ${when.en}, this article would take it off the site until then; give it back its date, or, to take it off on purpose, put a "!" at the start of its line, ${line}`,
    removedUrlOnline: (url, article, publishedLine) =>
      `${url} is marked removed, but ${article} is online at this URL: ${publishedLine === undefined ? 'delete the "!" at the start of this line' : `delete this line (line ${publishedLine} publishes the URL)`}, or its removal would no longer be reported`,
    removedListOnline: (url, kind, where) =>
      `${url} is marked removed, but ${kind === "topic" ? "a topic" : "a source"} gives it again (${where}): delete the "!" at the start of this line, or its removal would no longer be reported`,
    removedUrlTypo: (url, published, publishedLine) =>
      `"! ${url}" removes no published URL, but line ${publishedLine} publishes ${published}: a typo? To remove that one, write "! ${published}"`,
    removedUrlEmpty: () => `"!" alone removes nothing: write the URL to remove after it, such as "! /2021/12/09/title/", or delete the line`,
    removedUrlNotPath: (url, meant) =>
      `"! ${url}" removes nothing: a URL in this file is written without a domain, from the slash on; write ${meant ? `"! ${meant}"` : 'for example "! /2021/12/09/title/"'}`,
    moreProblems: (n, max) => `and ${countEn(n, "more problem", "more problems")} in this file, not shown: fix the first ${max} and check again`,
  },

  wire: {
    wireSymlink: () => "it is a symbolic link, which depeche import does not follow: give the dispatch's file itself",
    folderSymlink: () => "it is a symbolic link to a folder, which depeche import does not follow: give the folder itself",
    cannotRead: (why) => `can't read the file (${why}): check the path`,
    folderSkips: (names) =>
      `left aside: ${names.join(", ")}; of a folder, import reads the .txt files, not its subfolders: give those on their own (depeche import folder/subfolder)`,
    folderWithoutWire: () => "no .txt file in this folder: check the path, or give the dispatches' files themselves",
    nulByte: () => "file contains a NUL byte: it is binary or damaged, not wire copy; ask the agency feed for the text again",
    readAsWindows1252: () => "not valid UTF-8: read as Windows-1252, as older agency feeds send it; check the accents and quotes of the article",
    empty: () => "the file is empty: there is no title and no text to import",
    noBody: () => "the copy has a title but no body: there is no paragraph between the title and the source lines",
    leftovers: (lines) => `kept at the end of the body, not recognised as a source or share line: ${lines.map((l) => `"${l}"`).join(", ")}`,
    shareNotHttps: (link) =>
      `the share link ${link} is not an https address, as a short link is: in the copy, correct the line (https://…) or remove it, then import again`,
    secondShareLine: (line) =>
      `a second share line, where a dispatch has one (line ${line}): if the file holds several dispatches, put each in a file of its own; otherwise remove the extra line`,
    shareLineInText: () =>
      "a share line in the middle of the text: it comes at the end of the dispatch, after the source lines; if the file holds several dispatches, put each in a file of its own",
    sourceLineInText: (line) =>
      `"${line}" is a source line in the middle of the text: source lines come at the end of the dispatch; if the file holds several dispatches, put each in a file of its own`,
    unknownAgency: (names, suggestion, codes) =>
      names.length === 1
        ? `unknown agency "${names[0]}"${didYouMean(suggestion)}: the copy has no other source line, and sources.yaml knows only ${listEn(codes)}; for another agency, add it to sources.yaml (- code: ${names[0]}, then name and url indented)`
        : `unknown agencies ${listEn(names.map((n) => `"${n}"`))}: the copy has no other source line, and sources.yaml knows only ${listEn(codes)}; for other agencies, add them to sources.yaml (- code: ${names[0]}, then name and url indented)`,
    unknownAgencyAboveSources: (names, suggestion, codes) =>
      names.length === 1
        ? `unknown agency "${names[0]}"${didYouMean(suggestion)} above the source lines: sources.yaml knows only ${listEn(codes)}; in the copy, replace the line with the agency's code, or add the agency to sources.yaml; if it is the end of the text, end it with a full stop`
        : `unknown agencies ${listEn(names.map((n) => `"${n}"`))} above the source lines: sources.yaml knows only ${listEn(codes)}; in the copy, replace each line with its agency's code, or add the agencies to sources.yaml; if it is the end of the text, end it with a full stop`,
    oneCodePerLine: (line, codes) => `"${line}" names several agencies on one line: in the copy, put one code a line (${codes.join(", then ")})`,
    titleNoSlug: () => "the title has no letter or digit to make an address of: in the copy, rewrite the title line with words, then import it again",
    titleTooLong: (max) =>
      `the title is over ${max} characters: in the copy, shorten the title line (and the line that repeats it, if any) and move the rest to the start of the text, then import it again`,
    noSource: (codes) =>
      `no source line at the end of the copy: the agency's code (${codes}) must be on a line of its own after the text; for another agency, add it to sources.yaml`,
    datedNow: (when, zone, path) =>
      `without --date, the article is dated now, ${when.en} (${placeEn(zone)} time): if the agency published the dispatch on another day or at another time, delete ${path} and import it again with its date, e.g. --date 2021-12-09 or --date 2021-12-09T15:10:00 (until a deploy from main puts it online, its URL is not published)`,
    noTopic: () => "no topic of topics.yaml is named in the title or the text: pass --topics, e.g. --topics Irak,Défense",
    noFreeSlug: (why, max) => `${why}; no free slug up to -${max}`,
    sameTitleThatDay: (url, file, slug) => `${url} is already ${file}, another dispatch with the same title that day: this one gets slug ${slug}`,
    fileExists: (path) => `${path} already exists and is never overwritten: delete or rename it first if this copy should replace it`,
    wouldNotBeValid: (message) => `the article would not be valid: ${message}`,
    shortLinkTaken: (link, file, spelled) =>
      `short link ${link} is already used by ${file}${spelled ? ` (as ${spelled})` : ""}: this dispatch is already in the archive`,
    sameUrl: (url, file) => `same URL ${url} as ${file}: this dispatch is probably already in the archive; if it is another one, change its title line`,
    oldUrl: (url, file) => `${url} is an old URL (alias) of ${file}: this dispatch is probably already in the archive`,
    retiredUrl: (url, note) =>
      `${url} was published before, then removed on purpose (${note}): a new article there would take its old readers; change the title line, or, to put this same dispatch back online, delete that "!"`,
    restoresPublishedUrl: (url, note) =>
      `${url} was published (${note}) and no article held it any more: this dispatch, with the same title that day, puts the published article back there; if it is another one, delete the file written and change its title line`,
  },

  moreOfKind: (n) => `… and ${countEn(n, "other warning", "other warnings")} of the same kind (--json gives them all)`,

  cli: {
    unknownCommand: (name, suggestion) => `unknown command "${name}"${didYouMean(suggestion)}`,
    unknownOption: (option, suggestion) => `unknown option "${option}"${didYouMean(suggestion)}`,
    missingValue: (option) => `option ${option} needs a value`,
    noValueTaken: (option) => `option ${option} takes no value`,
    unexpectedArgument: (argument) => `unexpected argument "${argument}"`,
    errorsAndWarnings: (errors, warnings) => `${countEn(errors, "error")}, ${countEn(warnings, "warning")}`,
    checkInvalid: (counts, files, time) => `${counts} in ${countEn(files, "article file")} (${time})`,
    checkValid: (articles, topics, sources, days, warnings, time) =>
      `${countEn(articles, "article")}, ${countEn(topics, "topic")}, ${countEn(sources, "source")}, ${countEn(days, "day")} are valid; ${countEn(warnings, "warning")} (${time})`,
    buildRead: (files, time) => `read ${countEn(files, "article file")} (${time})`,
    nowNotADate: (text) =>
      `--now "${text}" is not a date: write 2021-12-10T12:00:00Z, or with an offset (from -12:00 to +14:00, minutes 00 to 59) such as 2021-12-10T13:00:00+01:00; without one it is UTC`,
    sourceDateEpochNotNumber: (value) =>
      `SOURCE_DATE_EPOCH=${value} is not a number of seconds since 1970-01-01 UTC: set it to a count such as 1639134000, or unset it`,
    buildDateOutOfYears: (what, first, last) => `${what} is outside the years ${first} to ${last} that the build's date may fall in`,
    recordUrlsUnreadable: (file, reason) => `cannot record the published URLs in ${file}: ${reason}`,
    // Writing files (src/files/)
    ioReason: (code) => IO_REASONS_EN[code] ?? code,
    writeFailed: (file, reason, hadFile) => `cannot write ${file}: ${reason}; ${hadFile ? "the previous file is unchanged" : "nothing was written"}`,
    folderFailed: (file, reason) => `cannot create the folder of ${file}: ${reason}; nothing was written`,
    neverOverwritten: (file) => `${file} already exists and is never overwritten`,
    writeThroughLink: (path, isFile) =>
      `${path} is a symbolic link, which Dépêche never writes through: replace it with the ${isFile ? "file" : "folder"} itself`,
    outsideWritable: (path, root) => `${path} is not inside ${root}, the only folder this command writes in`,
    siteWriteFailed: (out, reason, hadSite) =>
      `cannot write the site into ${out}/: ${reason}; ${hadSite ? "the previous site is unchanged" : "nothing was written"}`,
    outRefused: (option, out, why) => `${option} ${out} ${why}; nothing was touched`,
    outNoFolder: (example) => `names no folder (an unset variable?): give the folder to build the site into, such as ${example}`,
    outWorkingDirectory: (holds, example) =>
      `${holds ? "holds" : "is"} the working directory, which a build never replaces: give the site a folder of its own, such as ${example}`,
    outProject: (holds, example) =>
      `${holds ? "holds" : "is"} Dépêche's own folder, which a build never replaces: give the site a folder of its own, such as ${example}`,
    outContent: (where, example) =>
      `${where === "is" ? "is" : where === "holds" ? "holds" : "lies inside"} the content folder, where a build never writes a site: give a folder outside the content, such as ${example}`,
    outPublishedSite: (inside, example, preview) =>
      preview
        ? `${inside ? "lies inside" : "is"} the published site's folder, where the preview never writes (it shows drafts): give the preview a folder of its own, such as ${example}`
        : `${inside ? "lies inside" : "is"} the published site's folder, where a build with --drafts never writes: give it a folder apart, such as ${example}`,
    outBuiltWithoutDrafts: (example) =>
      `is a site built without drafts, perhaps the one that is published, where the preview never writes (it shows drafts): give the preview a folder of its own, such as ${example}`,
    outSymlink: () => "is a symbolic link, which a build never replaces: give the folder it points to",
    cacheInContent: (example) =>
      `is in the content folder, which belongs to the editors and their repository: give the cache a folder outside the content, like --cache ${example}`,
    cacheInSite: () => "is in the site's folder, which is published with everything in it: give the cache a folder outside the site, like .depeche/cache",
    cacheNoFolder: (example) => `names no folder (an empty variable?): give the cache's folder, like --cache ${example}`,
    cacheInRepository: (example) =>
      `is a repository's .git folder, or lies in one, where Dépêche never writes: give the cache a folder of its own, like --cache ${example}`,
    cacheIsFile: (example) => `is a file, not a folder: give the cache a folder of its own, like --cache ${example}`,
    cacheNotACache: (names, count, example) =>
      `holds ${count === 1 ? "a file or folder" : "files or folders"} that Dépêche's cache did not write (${names.map((n) => `"${n}"`).join(", ")}${count > names.length ? ` and ${count - names.length} more` : ""}): the cache only writes into an empty, new or cache folder; give it a folder of its own, like --cache ${example}`,
    outIsFile: () => "is a file, not a folder: give a folder for the site",
    outUnreadable: (reason) => `cannot be read (${reason}): give a folder that can`,
    outRepository: () =>
      `holds a git repository (.git), which a build would delete when it replaces the whole folder: build the site into a folder of its own, outside the repository, then copy its content into the repository`,
    outNestedRepository: (paths, more) =>
      paths.length + Math.max(more, 0) === 1
        ? `holds a git repository no build wrote, ${paths[0]}, which a build would delete when it replaces the whole folder: move it out of the site's folder, or delete it yourself if it is no longer needed, then build again`
        : `holds git repositories no build wrote, ${paths.join(", ")}${more > 0 ? ` (and ${more} more)` : ""}, which a build would delete when it replaces the whole folder: move them out of the site's folder, or delete them yourself if they are no longer needed, then build again`,
    outStrayEntries: (paths, more) =>
      paths.length + Math.max(more, 0) === 1
        ? `holds ${paths[0]}, which no build wrote and a build would delete when it replaces the whole folder: move it out of the site's folder, or delete it yourself if it is no longer needed, then build again`
        : `holds ${paths.join(", ")}${more > 0 ? ` (and ${more} more)` : ""}, which no build wrote and a build would delete when it replaces the whole folder: move them out of the site's folder, or delete them yourself if they are no longer needed, then build again`,
    outNotASite: (marker) =>
      `is not empty and has no ${marker} file, so it is not a site Dépêche built and a build never replaces it: give an empty or new folder, or delete this one by hand if it is a site built before Dépêche marked its sites`,
    buildPlanned: (pages, time) => `planned ${countEn(pages, "page")} (${time})`,
    buildPlannedSome: (pages, of, time) => `planned ${number(pages)} of ${countEn(of, "page")}, the others kept from the previous build (${time})`,
    buildWrote: (pages, time) => `wrote ${countEn(pages, "page")} (${time})`,
    buildProgress: (written, total) => `${written}/${total} pages`,
    buildIncremental: (changed, removed, outputs, time) =>
      `incremental build: ${countEn(changed, "page rewritten", "pages rewritten")}, ${countEn(removed, "page removed", "pages removed")}, ${countEn(outputs, "feed or sitemap replaced", "feeds or sitemaps replaced")}; the rest is kept from the previous site (${time})`,
    buildPublished: (files, time) => `wrote ${countEn(files, "feed, sitemap and robots file", "feed, sitemap and robots files")} (${time})`,
    buildCacheUnsaved: (folder, reason) => `the cache could not be saved in ${folder} (${reason}): the site is built, but the next build will be a full one`,
    buildIndexed: (articles, bundles, time) => `indexed ${countEn(articles, "article")} for search in ${countEn(bundles, "bundle")} (${time})`,
    buildPhotosReady: (done, total) => `${number(done)}/${number(total)} photos ready`,
    buildPhotosEncoded: (encoded, cached, time) => `encoded ${countEn(encoded, "photo")}, ${number(cached)} cached (${time})`,
    imageNotAFile: (file) => `--image ${file}: this file is not found or is not a file`,
    imageNeedsCredit: () => '--image needs --credit "AA / Photographer\'s name": a published photo always carries its credit',
    imageCreditWithoutImage: () => "--credit, --alt and --caption go with --image: name the photo to attach",
    imageOneArticle: () => "--image attaches a photo to one article: import the dispatches one by one",
    imageNeedsAlt: () => '--image needs --alt "…": describe what the photo shows, for those who can\'t see it',
    imageFormat: (file) => `--image ${file}: this format is not published; export the photo as JPEG, PNG, WebP, AVIF or TIFF`,
    imageSymlink: (file) => `--image ${file}: it is a symbolic link, which Dépêche does not follow; give the photo's file itself. Nothing was imported`,
    imageRefused: (reason) => `--image: ${reason}. Nothing was imported`,
    imageUnreadable: (file, reason) => `--image ${file}: ${reason}. Nothing was imported`,
    imageNoFreeName: (file) => `--image ${file}: every name for this photo is taken this month in content/images/; rename the file`,
    buildInvalid: (counts, out, time) => `${counts}; nothing was written, ${out} is unchanged (${time})`,
    buildDone: (articles, out, kinds, warnings, time) => `${countEn(articles, "article")} → ${out}/ (${kinds}); ${countEn(warnings, "warning")} (${time})`,
    pageKind: (kind, n) => {
      const nouns: Record<string, [string, string]> = {
        articles: ["article", "articles"],
        home: ["home", "homes"],
        indexes: ["index", "indexes"],
        lists: ["topic/source", "topics/sources"],
        years: ["year", "years"],
        months: ["month", "months"],
        days: ["day", "days"],
        notFound: ["404", "404"],
        search: ["search", "search"],
        redirects: ["redirect", "redirects"],
      };
      const [one, many] = nouns[kind] ?? [kind, kind];
      return countEn(n, one, many);
    },
    contentFolderMissing: (dir) => `--content ${dir}: no such folder; give the content folder (the one of site.yaml), or run the command where content/ is`,
    recordUrlsWithDrafts: () => "--record-urls and --drafts go apart: drafts are never published",
    badBaseUrl: (url) => `--base-url "${url}" must be an absolute http(s) URL without user name, query or fragment, such as https://archives.example.org`,
    badPort: (value) => `--port must be a port number (0 to 65535), not "${value}"`,
    portTaken: (port, next) =>
      `port ${port} is already taken, perhaps by another preview: stop it (Ctrl-C in its terminal), or give another port, for example --port ${next}`,
    portUnusable: (port, reason) => `can't listen on port ${port} (${reason}): give another port, for example --port 8080`,
    listenFailed: (host, port, reason) =>
      port === 0
        ? `can't listen on ${host} (${reason}): give --host an address of this machine (localhost by default)`
        : `can't listen on ${host}, port ${port} (${reason}): give --host an address of this machine (localhost by default), or another port with --port`,
    runLockHeld: (kind, folder, holder, lockFile) =>
      `${kind === "site" ? folder : `the cache ${folder}`} is being written already by ${holderEn(holder)}; nothing was written. ${
        holder.untilStopped
          ? `A preview runs until it is stopped: stop it (Ctrl-C in its terminal), or give this command another folder with ${kind === "site" ? "--out" : "--cache"}`
          : holder.host !== undefined
            ? `Wait for it to finish, then run the command again; if that machine stopped before, its lock ${lockFile} is taken over by itself in ${holder.takeOverInMinutes ?? 0} min, or remove it if you are sure it no longer runs`
            : `Wait for it to finish, then run the command again; if it is stuck, stop it (Ctrl-C in its terminal, or kill ${holder.pid}): the lock ${lockFile} of a process that stopped, even killed, is taken over by itself`
      }`,
    runLockFailed: (lockFile, reason) => `cannot make the lock ${lockFile} (${reason}): the command must be able to write in that folder; nothing was written`,
    runLockTakenOver: (kind, folder, holder, why, lockFile) =>
      holder === undefined || why === "unreadable"
        ? `the unreadable lock of ${kind === "site" ? "" : "the cache "}${folder} (${lockFile}) is taken over`
        : `the lock of ${kind === "site" ? "" : "the cache "}${folder} (${lockFile}) left by ${holderEn(holder)} is taken over: ${
            why === "ended"
              ? "that process no longer runs"
              : why === "restarted"
                ? "the machine has restarted since"
                : `its machine has given no sign for ${holder.silentMinutes ?? 0} min`
          }`,
    serveInvalid: (counts, time) => `${counts}; the preview keeps the last good version (${time})`,
    serveNotBuilt: (counts, time) => `${counts}; the preview will be built once they are fixed, and shows them until then (${time})`,
    serveRebuilt: (time) => `built the preview (${time})`,
    serveUpdated: (pages, time) => `updated ${countEn(pages, "page")} (${time})`,
    serveFixed: (time) => `no errors left, the pages are those from before (${time})`,
    serveFailed: (why) => `update failed: ${why}`,
    serveSearchIndexed: (time) => `made the search index again for the saves since the last (${time})`,
    serveSearchReady: (time) => `search index ready: the search page searches the whole preview (${time})`,
    serveStopsBeforeIndex: () => "stopping without waiting for the search index under way: the next depeche serve makes it",
    serveSearchUnmade: (why) => `could not make the search index, the search page is unavailable; open it again to retry: ${why}`,
    serveSearchFailed: (why) => `could not make the search index again, the search page searches the previous one: ${why}`,
    serveUnwatched: (folder, reason) => `cannot watch ${folder}/ (${reason}): saves in it do not update the preview; fix that, then start depeche serve again`,
    watchLimit: () => "the system already watches as many folders as it allows, fs.inotify.max_user_watches",
    serveListening: (url, content) => `${url} (drafts included); watching ${content}/, Ctrl-C to stop`,
    importNeedsFiles: () => "name the wire files to import, e.g. depeche import depeche.txt --date 2021-12-09",
    photoMetadataRemoved: (path) => `${path}: metadata removed (GPS position, camera…)`,
    imported: (path, topics, suggested) => `${path} (topics${suggested ? " suggested" : ""}: ${topics})`,
    importSummary: (written, refused, warnings, time) =>
      `${countEn(written, "article")} written, ${countEn(refused, "file")} refused, ${countEn(warnings, "warning")} (${time})`,
    importRefused: (summary) => `${summary}; nothing was written for the refused files`,
    importStopped: (why, imported, left) => `${why} (${countEn(imported, "article")} imported before it, ${countEn(left, "file")} left)`,
    contentNotReady: (content) => `the content folder ${content} can't take articles until these errors are fixed`,
    dateOptionYear: (text, year, first, last) => `--date "${text}" is in the year ${year}: Dépêche accepts the years ${first} to ${last}`,
    dateOptionInvalid: (text, zone) =>
      `--date "${text}" is not a date: write 2021-12-09, 2021-12-09T15:10:00 (${placeEn(zone)} time) or 2021-12-09T15:10:00+01:00`,
    dateOptionRepeated: (text, time, day, zone, summer, takenFirst, taken, other) =>
      `--date ${text}: clocks show ${time} twice in ${placeEn(zone)} on ${dateEn(day)} (${summer ? "summer time ends" : "clocks go back"}); Dépêche takes the ${takenFirst ? "first" : "second"} and writes ${text}${taken}; for the ${takenFirst ? "second" : "first"}, pass --date ${text}${other}`,
    topicsOptionEmpty: () => "--topics is empty: list entries of topics.yaml, e.g. --topics Irak,Défense",
    topicsOptionUnknown: (name, suggestion) => `unknown topic "${name}" in --topics${didYouMean(suggestion)}: use entries of topics.yaml, or add one there`,
    newOneTitle: () => 'give one title, in quotes: depeche new "L’Irak annonce la fin de la mission de combat"',
    newTitleEmpty: () => 'the title is empty: depeche new "L’Irak annonce la fin de la mission de combat"',
    nothingWritten: (why) => `${why}; nothing was written`,
    newTitleTooLong: () => "the title is longer than 200 characters: shorten it, and put the rest in the summary",
    newNoSlug: () => "the title has no letters or digits to make a URL from",
    newTitleLineBreak: (tab) => `the title holds ${tab ? "a tab" : "a line break"}, while it shows on one line: give it on one line, in quotes`,
    newTitleControlCharacter: (character) =>
      `the title holds the control character ${character}, invisible: retype the title without it (without copying and pasting)`,
    newUrlTaken: (url, owner) => `${url} is already the URL of ${owner}: choose another title`,
    newUrlRetired: (url, note) => `${url} was published before (${note}) and no article holds it now: choose another title`,
    newFileExists: (path) => `${path} already exists and is never overwritten`,
    newTemplateBuiltIn: (path) => `${path} (built in)`,
    newTemplateRefused: (file) => `the template ${file} can't make a draft that check accepts: fix it, or delete it to use the built-in one`,
    templateUnknownVariable: (name, names) => `unknown variable "{{ ${name} }}": the template knows ${names.map((n) => `{{ ${n} }}`).join(", ")}`,
    templateNoFrontMatter: () => "the template must start with a --- line and its front matter (title, date…), closed by another --- line",
    templateTitleNotGiven: () =>
      "the template's front matter must have the line title: {{ titre }}, as it is: the title given to depeche new names the article's file and makes its address, which another title would change; a section or a prefix goes in the text",
    templateNotDraft: () => 'the template sets "draft" to something other than true: depeche new always makes a draft; write draft: true or remove the line',
    templateUnreadable: (why) => `the template can't be read (${why}): fix it, or delete it to use the built-in one`,
    hookNoRepository: () => "not inside a git repository",
    hookOutside: (content, top) => `the content folder ${content} is outside the git repository ${top}: a hook there never sees it change`,
    hookNotOurs: (hook) => `${hook} exists and is not Dépêche's: add "node bin/depeche.js check" to it by hand`,
    hookRefused: () =>
      "commit refused: these errors are those of the files as staged for the commit (git add), whether or not the file on disk is already fixed; fix them and git add again, or skip this check once with git commit --no-verify",
    mergeHookRefused: () =>
      "merge refused: these errors are those of the archive as the merge would make it, though each branch may be valid alone; fix them in a branch and merge again, or merge without committing (git merge --no-commit), fix, git add, then git commit; or skip this check once with git merge --no-verify",
    hookInstalled: (hook, mergeHook, content) => `${hook} and ${mergeHook} now check ${content}/ before each commit, merges included`,
  },

  usage: {
    intro: "usage: depeche <command> [options]\n\ncommands:",
    more: "\n`depeche <command> --help` describes a command.\n",
    commands: {
      check: {
        synopsis: "check  [--content DIR] [--cache DIR | --no-cache] [--json] [--annotate]",
        summary: "validate the archive, write nothing",
        options: [
          "--content DIR  the content folder (content by default)",
          "--cache DIR    reads (never writes) the last build's cache: only the files changed since are read again (.depeche/cache by default)",
          "--no-cache     reads and validates every file",
          "--json         the summary and every error as JSON on standard output",
          "--annotate     also print errors as GitHub Actions annotations (on by itself in Actions)",
        ],
      },
      build: {
        synopsis:
          "build  [--content DIR] [--out DIR] [--drafts | --record-urls] [--base-url URL] [--now ISO] [--cache DIR | --no-cache] [--no-search] [--json] [--annotate]",
        summary: "validate, then build the site",
        options: [
          "--content DIR   the content folder (content by default)",
          "--out DIR       the site's folder (_site by default), replaced whole",
          "--drafts        drafts too (never to publish)",
          "--record-urls   add the published URLs to urls.txt (the deploy from main only)",
          "--base-url URL  the site's public address, instead of site.yaml's baseUrl",
          "--now ISO       the build's date (news sitemap); else SOURCE_DATE_EPOCH, else the clock",
          "--cache DIR     the build's state (.depeche/cache by default): the next build rewrites only what changed; photos are encoded there once",
          "--no-cache      build everything, keep nothing",
          "--no-search     without the search index",
          "--json          the summary and every error as JSON on standard output",
          "--annotate      also print errors as GitHub Actions annotations (on by itself in Actions)",
        ],
      },
      import: {
        synopsis: 'import FILE… [--date ISO] [--topics a,b] [--content DIR] [--image FILE --credit "…" --alt "…" [--caption "…"]]',
        summary: "turn raw wire copy into articles",
        options: [
          "--date ISO     the dispatches' day (2021-12-09) or time (2021-12-09T15:10:00), in the site's timezone; without it, now (SOURCE_DATE_EPOCH, else the clock), with a warning",
          "--topics a,b   the topics (entries of topics.yaml); without it they are suggested",
          "--content DIR  the content folder (content by default)",
          "--image FILE   a photo to attach (one dispatch only), copied into content/images/YYYY/MM/",
          '--credit "…"   with --image, required: the credit, e.g. "AA / Photographer\'s name"',
          '--alt "…"      with --image, required: what the photo shows, for those who can\'t see it',
          '--caption "…"  with --image: the caption',
        ],
      },
      new: {
        synopsis: 'new    "Titre" [--topics a,b] [--date ISO] [--content DIR]',
        summary: "create a draft article ready to fill",
        options: [
          "--topics a,b   the topics (entries of topics.yaml)",
          "--date ISO     the article's day or time (today in the site's timezone by default)",
          "--content DIR  the content folder (content by default)",
        ],
      },
      serve: {
        synopsis: "serve  [--content DIR] [--port N] [--host ADDR] [--out DIR] [--cache DIR] [--now ISO]",
        summary: "preview with live reload, drafts included",
        options: [
          "--content DIR  the content folder (content by default)",
          "--port N       the port (8080 by default)",
          "--host ADDR    the address to listen on (localhost by default, this machine only; 0.0.0.0 to open it from a phone on the same network)",
          "--out DIR      the preview's folder (.depeche/preview by default)",
          "--cache DIR    where photos are encoded once, as for build (.depeche/cache by default)",
          "--now ISO      the preview's date, as for build",
        ],
      },
      "install-hook": {
        synopsis: "install-hook [--content DIR]",
        summary: "check the archive before each git commit",
        options: ["--content DIR  the content folder (content by default)"],
      },
    },
    environment: ["DEPECHE_LANG=en  messages in English (for developers)", "NO_COLOR         no colours (colours only show on a terminal anyway)"],
    help: "-h, --help     this help",
    optionsTitle: "options:",
    environmentTitle: "environment:",
    commandUsage: (synopsis) => `usage: depeche ${synopsis}`,
  },
};

function requiredHint(key: string): string {
  switch (key) {
    case "title":
      return 'add a line such as title: "L’Irak annonce la fin de la mission de combat"';
    case "date":
      return "add a line such as date: 2021-12-09 or date: 2021-12-09T15:10:00+01:00";
    case "sources":
      return "add a line such as sources: [AA, TRT FR] with codes from sources.yaml";
    case "topics":
      return "add a line such as topics: [Irak, Défense] with entries of topics.yaml";
    case "baseUrl":
      return "add the published address, e.g. baseUrl: https://archives.example.org";
    case "timezone":
      return "add timezone: Europe/Paris";
    case "src":
      return "add the photo's path under content/, e.g. src: images/2021/12/irak.jpg";
    case "alt":
      return 'add a description of the photo, e.g. alt: "Soldiers leave a base in Baghdad"';
    case "credit":
      return 'add the agency and the photographer, e.g. credit: "AA / Photographer\'s name"';
    default:
      return `add a line "${key}: …"`;
  }
}
