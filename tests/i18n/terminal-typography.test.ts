import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { COMMAND_EXAMPLES, DIAGNOSTIC_EXAMPLES, WIRE_EXAMPLES } from "../../src/i18n/guide-messages.ts";
import { messagesFr } from "../../src/i18n/messages-fr.ts";

const NNBSP = "\u202f";
const NBSP = "\u00a0";

// A space a terminal may break a line at, before « : ; ! ? » or inside « »; or the wrong no-break
// space: U+00A0 before « : », U+202F before the others and inside « » (which wins in « : »).
const LOOSE = / [:;!?»]|« /;
const WRONG = /(?<!«)\u202f:|\u00a0[;!?»]|«\u00a0/;

type Message = (...args: unknown[]) => string;

// The strings a message is given, longest first: what it quotes is left as written, so it is masked.
const strings = (value: unknown): string[] =>
  typeof value === "string"
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : value && typeof value === "object"
        ? Object.values(value).flatMap(strings)
        : [];

/**
 * Every message of a part of the catalogue, from the guide's examples, and again with each flag
 * turned over and each missing value given (a draft, a suggestion), to reach both branches.
 */
function messagesOf(part: string, catalogue: object, examples: object): [string, string][] {
  return Object.entries(examples).flatMap(([key, { args }]: [string, { args: unknown[] }]) => {
    const say = (catalogue as Record<string, Message>)[key]!;
    const other = args.map((a) => (typeof a === "boolean" ? !a : a === undefined ? "autre" : a));
    const quoted = strings([...args, ...other])
      .filter((s) => s !== "")
      .sort((a, b) => b.length - a.length);
    const masked = (text: string): string => quoted.reduce((t, s) => t.replaceAll(s, "◊"), text);
    return [
      [`${part}.${key}`, masked(say(...args))],
      [`${part}.${key} (other branch)`, masked(say(...other))],
    ];
  });
}

// The help: every text of it, and what its functions make of a synopsis.
const helpTexts = (value: unknown, name: string): [string, string][] =>
  typeof value === "string"
    ? [[name, value]]
    : typeof value === "function"
      ? [[name, String(value("check"))]]
      : value && typeof value === "object"
        ? Object.entries(value).flatMap(([key, item]) => helpTexts(item, `${name}.${key}`))
        : [];

const ALL: [string, string][] = [
  ...messagesOf("diagnostics", messagesFr.diagnostics, DIAGNOSTIC_EXAMPLES),
  ...messagesOf("wire", messagesFr.wire, WIRE_EXAMPLES),
  ...messagesOf("cli", messagesFr.cli, COMMAND_EXAMPLES),
  ...helpTexts(messagesFr.usage, "usage"),
  ["moreOfKind", messagesFr.moreOfKind(609)],
];

describe("the command line's French typography", () => {
  it.each(ALL)("%s keeps a word and its mark on one line", (_, text) => {
    expect(text).not.toMatch(LOOSE);
    expect(text).not.toMatch(WRONG);
  });

  it("spaces as the pages do: U+00A0 before « : », U+202F before « ; ! ? » and inside « »", () => {
    expect(messagesFr.diagnostics.unknownKey("sujets", "topics", "title, topics")).toBe(
      `clé inconnue «${NNBSP}sujets${NNBSP}» (vouliez-vous dire «${NNBSP}topics${NNBSP}»${NNBSP}?)${NNBSP}; les clés sont title, topics`,
    );
    expect(messagesFr.diagnostics.titleEmpty()).toBe(`«${NNBSP}title${NNBSP}» est vide${NBSP}: écrivez le titre`);
    expect(messagesFr.usage.commandUsage("check")).toBe(`usage${NBSP}: depeche check`);
  });

  it("leaves as written what an editor is told to type, the addresses and times, and the compiler-style prefix", () => {
    const say = messagesFr.diagnostics;
    expect(say.yamlColon("title", `title: "L’Irak : la fin de la mission"`)).toContain(`par exemple title: "L’Irak : la fin de la mission"`);
    expect(say.yamlQuoteInQuotes(`title: "Le « choc » de Bagdad"`, `title: 'Le "choc" de Bagdad'`)).toContain(`par exemple title: "Le « choc » de Bagdad"`);
    expect(say.unknownTopic("Irack ?", undefined)).toContain(`«${NNBSP}Irack ?${NNBSP}»`);
    expect(say.shortLinkNotText()).toContain("comme https://turquie2023.com/Ivo58D");
    expect(say.dateNotText("date")).toContain("2021-12-09T15:10:00+01:00");
    expect(formatDiagnostic({ severity: "warning", file: "content/a.md", line: 3, column: 7, message: say.titleEmpty() })).toMatch(
      /^content\/a\.md:3:7: warning: «\u202ftitle/,
    );
  });
});
