import { describe, expect, it } from "vitest";
import { ui } from "../../src/i18n/fr.ts";
import { format } from "../helpers/page-text.ts";

// Every interface string that takes a count, at 0, 1, 2 and 1,000: the number, the noun and every
// word that agrees with it must read as French.
describe("interface strings agree with their counts", () => {
  const counts = [0, 1, 2, 1000] as const;

  it.each([
    ["articles", (n: number) => ui.articles(n), ["aucun article", "1\u00a0article", "2\u00a0articles", "1\u202f000\u00a0articles"]],
    [
      "list description",
      (n: number) => ui.listDescription("Irak", n),
      [
        "Irak\u00a0: aucun article.",
        "Irak\u00a0: 1\u00a0article.",
        "Irak\u00a0: 2\u00a0articles, des plus récents aux plus anciens.",
        "Irak\u00a0: 1\u202f000\u00a0articles, des plus récents aux plus anciens.",
      ],
    ],
    [
      "year description",
      (n: number) => ui.yearDescription(2021, n),
      [
        "Les dépêches de 2021, mois par mois\u00a0: aucun article.",
        "Les dépêches de 2021, mois par mois\u00a0: 1\u00a0article.",
        "Les dépêches de 2021, mois par mois\u00a0: 2\u00a0articles.",
        "Les dépêches de 2021, mois par mois\u00a0: 1\u202f000\u00a0articles.",
      ],
    ],
    [
      "calendar caption",
      (n: number) => ui.calendarCaption("décembre 2021", n),
      [
        "décembre 2021\u00a0: aucun article",
        "décembre 2021\u00a0: 1\u00a0article",
        "décembre 2021\u00a0: 2\u00a0articles",
        "décembre 2021\u00a0: 1\u202f000\u00a0articles",
      ],
    ],
    [
      "the rest of a day",
      (n: number) => ui.moreThatDay(n),
      [
        "… et aucune autre dépêche ce jour-là",
        "… et une autre dépêche ce jour-là",
        "… et 2\u00a0autres dépêches ce jour-là",
        "… et 1\u202f000\u00a0autres dépêches ce jour-là",
      ],
    ],
    [
      "the rest of a month",
      (n: number) => ui.moreThatMonth(n),
      [
        "… et aucune autre dépêche ce mois-là",
        "… et une autre dépêche ce mois-là",
        "… et 2\u00a0autres dépêches ce mois-là",
        "… et 1\u202f000\u00a0autres dépêches ce mois-là",
      ],
    ],
    [
      "preview errors",
      (n: number) => ui.devErrors(n),
      [
        "Aperçu pas à jour\u00a0: aucune erreur à corriger dans l’archive.",
        "Aperçu pas à jour\u00a0: une erreur à corriger dans l’archive.",
        "Aperçu pas à jour\u00a0: 2 erreurs à corriger dans l’archive.",
        "Aperçu pas à jour\u00a0: 1\u202f000 erreurs à corriger dans l’archive.",
      ],
    ],
    [
      "more preview errors",
      (n: number) => ui.devMoreErrors(n),
      [
        "… et aucune autre (voir le terminal)",
        "… et une autre (voir le terminal)",
        "… et 2 autres (voir le terminal)",
        "… et 1\u202f000 autres (voir le terminal)",
      ],
    ],
  ] as const)("%s", (_name, render, expected) => {
    expect(counts.map((n) => render(n))).toEqual(expected);
  });

  it("never pairs a feminine adjective with « articles », nor a plural with one item", () => {
    for (const n of counts) {
      for (const text of [
        ui.listDescription("Irak", n),
        ui.yearDescription(2021, n),
        ui.monthDescription("décembre 2021", n),
        ui.dayDescription("9 décembre 2021", n),
      ]) {
        expect(text).not.toMatch(/articles?, des plus récentes|plus anciennes/);
        if (n <= 1) expect(text).not.toMatch(/\b(?:articles|des plus)\b/);
      }
    }
  });

  it.each([
    ["many", { q: "Irak", f: "" }, "1\u202f010\u00a0résultats pour «\u202fIrak\u202f»."],
    ["one", { q: "Irak", f: "" }, "1\u00a0résultat pour «\u202fIrak\u202f»."],
    ["manyAll", { f: "" }, "1\u202f010\u00a0dépêches."],
    ["oneAll", { f: "" }, "1\u00a0dépêche."],
    ["titleMany", {}, "1\u202f010\u00a0résultats"],
    ["titleOne", {}, "1\u00a0résultat"],
    ["unfilteredMany", {}, "voir les 1\u202f010\u00a0résultats sans filtre"],
    ["namedMany", {}, "1\u202f010\u00a0articles"],
    ["namedOne", {}, "1\u00a0article"],
    ["chosen", {}, " (1\u202f010\u00a0choix)"],
  ] as const)("writes the search page's %s count as the pages do: thousands apart by U+202F, the noun after a no-break space", (key, values, expected) => {
    expect(format(ui.searchClient[key], { n: 1010, ...values })).toBe(expected);
  });

  it("gives each search filter's first choice the gender of its noun", () => {
    expect([ui.searchTopic, ui.searchAnyTopic]).toEqual(["Sujet", "Tous"]);
    expect([ui.searchSource, ui.searchAnySource]).toEqual(["Source", "Toutes"]);
    expect([ui.searchYear, ui.searchAnyYear]).toEqual(["Année", "Toutes"]);
  });
});
