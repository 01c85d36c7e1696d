import { describe, expect, it } from "vitest";
import { zoneName } from "../../src/text/zone-names.ts";

describe("zoneName names a site's timezone as French and English write it, whatever the machine's zone", () => {
  it.each([
    ["Europe/Paris", { kind: "place", fr: "Paris", en: "Paris" }],
    ["europe/paris", { kind: "place", fr: "Paris", en: "Paris" }],
    // An alias whose CLDR city is Toronto: the place the site chose is kept, with its French accent.
    ["America/Montreal", { kind: "place", fr: "Montréal", en: "Montreal" }],
    ["America/Toronto", { kind: "place", fr: "Toronto", en: "Toronto" }],
    ["America/Sao_Paulo", { kind: "place", fr: "São Paulo", en: "São Paulo" }],
    ["America/Argentina/Buenos_Aires", { kind: "place", fr: "Buenos Aires", en: "Buenos Aires" }],
    ["Asia/Tokyo", { kind: "place", fr: "Tokyo", en: "Tokyo" }],
    ["America/New_York", { kind: "place", fr: "New York", en: "New York" }],
    ["Indian/Reunion", { kind: "place", fr: "La Réunion", en: "Réunion" }],
    ["Pacific/Noumea", { kind: "place", fr: "Nouméa", en: "Noumea" }],
    ["Antarctica/DumontDUrville", { kind: "place", fr: "Dumont-d’Urville", en: "DumontDUrville" }],
    ["UTC", { kind: "clock", name: "UTC" }],
    ["Etc/UTC", { kind: "clock", name: "UTC" }],
    ["GMT", { kind: "clock", name: "UTC" }],
    ["Etc/GMT+5", { kind: "clock", name: "UTC\u22125" }],
    ["Etc/GMT-14", { kind: "clock", name: "UTC+14" }],
    ["CET", { kind: "clock", name: "CET" }],
    ["EST5EDT", { kind: "clock", name: "EST5EDT" }],
  ])("%s", (zone, name) => {
    expect(zoneName(zone)).toEqual(name);
  });
});
