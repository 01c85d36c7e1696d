import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  COMMAND_EXAMPLES,
  DIAGNOSTIC_EXAMPLES,
  GUIDE_END,
  GUIDE_START,
  guideMessages,
  WIRE_EXAMPLES,
  withGuideMessages,
} from "../../src/i18n/guide-messages.ts";
import { messages } from "../../src/i18n/messages.ts";
import { messagesEn } from "../../src/i18n/messages-en.ts";
import { countFr, messagesFr } from "../../src/i18n/messages-fr.ts";
import { fr } from "../helpers/french.ts";

const guidePath = new URL("../../docs/guide-de-redaction.md", import.meta.url);

// The shape of a catalogue: its keys, nested, and which are functions.
function shape(value: unknown): unknown {
  if (typeof value === "function") return "function";
  if (Array.isArray(value)) return value.map(() => "line");
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

describe("the message catalogue", () => {
  it("has the same keys in English as in French", () => {
    expect(shape(messagesEn)).toEqual(shape(messagesFr));
  });

  it("is French by default and English with DEPECHE_LANG=en", () => {
    expect(messages({})).toBe(messagesFr);
    expect(messages({ DEPECHE_LANG: "fr" })).toBe(messagesFr);
    expect(messages({ DEPECHE_LANG: "en" })).toBe(messagesEn);
    expect(messages({ DEPECHE_LANG: "en_GB.UTF-8" })).toBe(messagesEn);
  });

  it("counts as French does: 0 and 1 in the singular, thousands with a narrow space", () => {
    expect([0, 1, 2, 1000].map((n) => countFr(n, "article"))).toEqual(["0 article", "1 article", "2 articles", "1\u202f000 articles"]);
    expect([0, 1, 2].map((n) => messagesFr.cli.errorsAndWarnings(n, n))).toEqual([
      "0 erreur, 0 avertissement",
      "1 erreur, 1 avertissement",
      "2 erreurs, 2 avertissements",
    ]);
    expect([1, 2].map((n) => messagesEn.cli.errorsAndWarnings(n, n))).toEqual(["1 error, 1 warning", "2 errors, 2 warnings"]);
    expect(messagesFr.cli.serveUpdated(1, "9 ms")).toBe("1 page mise à jour (9 ms)");
    expect(messagesFr.cli.serveUpdated(3, "9 ms")).toBe("3 pages mises à jour (9 ms)");
    // The build's summary: "2 article" and "1 redirects" were the English slips.
    expect([messagesFr.cli.pageKind("articles", 2), messagesFr.cli.pageKind("articles", 1), messagesFr.cli.pageKind("redirects", 1)]).toEqual([
      "2 articles",
      "1 article",
      "1 redirection",
    ]);
    expect([messagesEn.cli.pageKind("articles", 2), messagesEn.cli.pageKind("redirects", 1)]).toEqual(["2 articles", "1 redirect"]);
    expect(messagesFr.moreOfKind(609)).toBe("… et 609 autres avertissements du même type (--json les donne tous)");
    expect(messagesFr.moreOfKind(1)).toBe("… et 1 autre avertissement du même type (--json les donne tous)");
  });
});

describe("the guide's list of messages", () => {
  it("has an example of every diagnostic and every command message, and no other", () => {
    expect(Object.keys(DIAGNOSTIC_EXAMPLES).sort()).toEqual(Object.keys(messagesFr.diagnostics).sort());
    expect(Object.keys(COMMAND_EXAMPLES).sort()).toEqual(Object.keys(messagesFr.cli).sort());
    expect(Object.keys(WIRE_EXAMPLES).sort()).toEqual(Object.keys(messagesFr.wire).sort());
  });

  it("is in docs/guide-de-redaction.md as the catalogue makes it (npm run guide:messages)", () => {
    const guide = readFileSync(guidePath, "utf8");
    const listed = guide.slice(guide.indexOf(GUIDE_START), guide.indexOf(GUIDE_END) + GUIDE_END.length);
    expect(listed).toBe(guideMessages());
    expect(withGuideMessages(guide)).toBe(guide);
  });

  it("shows a part of a message in the whole message it completes", () => {
    const list = guideMessages().split("\n");
    expect(list).not.toContain(`- \`error: ${messagesFr.diagnostics.aliasInsideAlias("content/articles/2021/12/09-a.md")}\``);
    expect(list).not.toContain(`- \`error: ${messagesFr.diagnostics.aliasInsideSiteFile()}\``);
    expect(list).toContain(
      `- \`error: ${messagesFr.diagnostics.aliasInside("/2021/12/08/ancien/suite/", "/2021/12/08/ancien/", messagesFr.diagnostics.aliasInsideAlias("content/articles/2021/12/09-a.md"))}\``,
    );
    expect(list).toContain(`- \`error: ${messagesFr.diagnostics.aliasInside("/2021/12/ancien/", "/2021/12/", messagesFr.diagnostics.aliasInsideSiteFile())}\``);
  });

  it("shows each message once, with its severity word in English", () => {
    const list = guideMessages()
      .split("\n")
      .filter((line) => line.startsWith("- `"));
    expect(list).toHaveLength(Object.keys(DIAGNOSTIC_EXAMPLES).length + Object.keys(COMMAND_EXAMPLES).length + Object.keys(WIRE_EXAMPLES).length);
    expect(new Set(list).size).toBe(list.length);
    expect(list).toContain(fr`- \`error: « date » : le 31 novembre n’existe pas ; vérifiez le jour et le mois\``);
    expect(list).toContain(
      fr`- \`warning: daté dans le futur (2026-12-30T12:56:00+01:00) : l’article est retenu (pages, flux, plans du site, recherche) jusqu’au mercredi 30 décembre 2026 à 12\u00a0h\u00a056, et paraît à la première publication qui suit ; pour le publier maintenant, donnez-lui une date passée\``,
    );
  });

  it("would list a message added to the catalogue", () => {
    const more = { ...messagesFr, diagnostics: { ...messagesFr.diagnostics, titleEmpty: () => fr`« title » est vide : un nouveau message` } };
    expect(guideMessages(more)).toContain(fr`- \`error: « title » est vide : un nouveau message\``);
  });
});
