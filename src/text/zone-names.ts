import { IANAZone } from "luxon";
import type { ZoneName } from "../i18n/messages.ts";
import { foldForMatch } from "./fold.ts";

type Language = "fr" | "en";

// CLDR's generic location format, which names a zone of a country with several by its city:
// « heure : São Paulo », "São Paulo Time". A zone alone in its country gets the country instead
// (« heure : France »), an alias its target's city (America/Montreal: Toronto).
const GENERIC_LOCATION: Record<Language, RegExp> = { fr: /^heure\s*:\s*(.+)$/u, en: /^(.+) Time$/u };

// Spellings the platform can't give: America/Montreal is an alias whose CLDR city is Toronto, and
// New Caledonia, Togo and Chad have one zone each, named by the country. English keeps the IANA spelling.
const FRENCH_SPELLINGS: Record<string, string> = {
  "america/montreal": "Montréal",
  "pacific/noumea": "Nouméa",
  "africa/lome": "Lomé",
  "africa/ndjamena": "N’Djaména",
};

// A name without area that only abbreviates a clock (CET, EST5EDT, MST7MDT): a place it is not.
const CLOCK_ABBREVIATION = /^[A-Z]{3,4}(?:\d[A-Z]{3,4})?$/;

const FRENCH_ARTICLE = /^(?:La |Le |Les |L’)/u;

const platformNames = new Map<string, string | undefined>();

/**
 * How messages name an IANA timezone: the place its clocks are, in French and in English, with
 * the accents its IANA name drops; or, for a zone named for no place (UTC and its aliases,
 * `Etc/GMT+5`, `CET`), the clock itself, `UTC−5` for `Etc/GMT+5` (the Etc names count westward).
 * @example zoneName("America/Sao_Paulo") // { kind: "place", fr: "São Paulo", en: "São Paulo" }
 * @example zoneName("America/Montreal") // { kind: "place", fr: "Montréal", en: "Montreal" }
 * @example zoneName("Etc/GMT+5") // { kind: "clock", name: "UTC−5" }
 */
export function zoneName(zone: string): ZoneName {
  // Asked once per message, and a misplaced file each gets one: the platform's answer costs some 80 µs.
  let name = zoneNames.get(zone);
  if (name === undefined) zoneNames.set(zone, (name = nameOfZone(zone)));
  return name;
}

const zoneNames = new Map<string, ZoneName>();

function nameOfZone(zone: string): ZoneName {
  const resolved = new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  // UTC's aliases (GMT, Etc/UTC, Zulu) resolve to it; Etc/GMT+5 and its kind stay themselves.
  if (resolved === "UTC" || resolved.startsWith("Etc/")) return { kind: "clock", name: utcOffsetName(resolved) };
  // The ID as the platform spells it (`europe/paris` → `Europe/Paris`); an alias stays as written.
  const id = resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  if (!id.includes("/") && CLOCK_ABBREVIATION.test(id)) return { kind: "clock", name: id };
  const city = id.slice(id.lastIndexOf("/") + 1).replaceAll("_", " ");
  return { kind: "place", fr: placeName(id, city, "fr"), en: placeName(id, city, "en") };
}

// `UTC`, `UTC+14`, `UTC−5`, `UTC+5:30`, with the minus sign of typography.
function utcOffsetName(id: string): string {
  const minutes = IANAZone.create(id).offset(0);
  if (minutes === 0) return "UTC";
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? "\u2212" : "+"}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, "0")}` : ""}`;
}

// The platform's name for the zone's city when it names that city (São Paulo for Sao_Paulo,
// La Réunion for Reunion), else a spelling it can't give, else the IANA name's.
function placeName(id: string, city: string, language: Language): string {
  const platform = platformPlace(id, language);
  if (platform !== undefined && namesCity(platform, city)) return platform;
  return (language === "fr" ? FRENCH_SPELLINGS[id.toLowerCase()] : undefined) ?? city;
}

function platformPlace(id: string, language: Language): string | undefined {
  const key = `${language} ${id}`;
  if (!platformNames.has(key)) {
    const format = new Intl.DateTimeFormat(language, { timeZone: id, timeZoneName: "shortGeneric" });
    const name = format.formatToParts(Date.now()).find((part) => part.type === "timeZoneName")?.value ?? "";
    platformNames.set(key, GENERIC_LOCATION[language].exec(name)?.[1]);
  }
  return platformNames.get(key);
}

// Whether the platform's name is the city's, its article aside (« La Réunion » for Reunion).
function namesCity(platform: string, city: string): boolean {
  const letters = lettersOf(city);
  return lettersOf(platform) === letters || lettersOf(platform.replace(FRENCH_ARTICLE, "")) === letters;
}

// What two spellings of a place share: its letters and digits, without accents or case (`Dumont-d’Urville`, `DumontDUrville`).
function lettersOf(text: string): string {
  return foldForMatch(text).replace(/[^\p{L}\p{N}]/gu, "");
}
