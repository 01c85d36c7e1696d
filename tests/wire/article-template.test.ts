import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../src/content/frontmatter.ts";
import { DEFAULT_TEMPLATE, fillTemplate } from "../../src/wire/article-template.ts";
import { fr } from "../helpers/french.ts";

const values = { title: "L’Irak vote", date: "2021-12-09", topics: ["Irak", "Défense"], sourceCodes: ["AA", "TRT FR"] };

describe("fillTemplate", () => {
  it("fills the default template in: a draft with the title, date and topics", () => {
    const filled = fillTemplate(DEFAULT_TEMPLATE, values);
    expect("text" in filled && filled.text).toBe(
      '---\ntitle: "L’Irak vote"\ndate: 2021-12-09\nsources: [] # codes de sources.yaml : [AA, TRT FR]\ntopics: [Irak, Défense] # entrées de topics.yaml, par exemple Irak, Défense\ndraft: true\n---\nÉcrivez ici le texte de l’article.\n',
    );
  });

  it("keeps a hostile title a YAML string in the front matter and plain text in the body", () => {
    const title = 'Titre"\ndraft: false\nx: "*gras* [lien](javascript:alert(1)) <b>';
    const template = "---\ntitle: {{ titre }}\ndate: {{ date }}\nsources: [AA]\ntopics: {{ sujets }}\n---\n# {{ titre }}\n\nTexte.\n";
    const filled = fillTemplate(template, { ...values, title });
    if (filled.text === undefined) throw new Error(JSON.stringify(filled));
    const parsed = parseFrontMatter(filled.text);
    expect(parsed.ok && parsed.frontMatter.data).toEqual({ title, date: "2021-12-09", sources: ["AA"], topics: ["Irak", "Défense"], draft: true });
    expect(filled.text).toContain("\\*gras\\* \\[lien\\](javascript:alert(1)) \\<b>");
  });

  it("adds draft: true to a template without it, and refuses one that says otherwise", () => {
    const filled = fillTemplate("---\ntitle: {{ titre }}\n---\nTexte.\n", values);
    expect("text" in filled && filled.text).toBe('---\ntitle: "L’Irak vote"\ndraft: true\n---\nTexte.\n');
    expect(fillTemplate("---\ntitle: {{ titre }}\ndraft: false\n---\nTexte.\n", values).problems).toEqual([
      { line: 3, column: 1, message: expect.stringContaining("depeche new crée toujours un brouillon") },
    ]);
  });

  it("reports every unknown variable at its line and column, and a template without front matter", () => {
    expect(fillTemplate("---\ntitle: {{ titre }}\nauthor: {{ auteur }}\n---\n{{auteur}} et {{ x }}\n", values).problems).toEqual([
      { line: 3, column: 9, message: expect.stringContaining(fr`variable inconnue « {{ auteur }} »`) },
      { line: 5, column: 1, message: expect.stringContaining(fr`variable inconnue « {{ auteur }} »`) },
      { line: 5, column: 15, message: expect.stringContaining(fr`variable inconnue « {{ x }} »`) },
    ]);
    expect(fillTemplate("# {{ titre }}\n", values)).toEqual({
      problems: [{ line: 1, column: 1, message: expect.stringContaining("doit commencer par une ligne ---") }],
    });
  });

  it("fills in the rest of a template with problems, to check it all in one run: an unknown variable an empty value, draft: true in place of another", () => {
    expect(fillTemplate("---\ntitle: {{ titre }}\nauteur: {{ auteur }}\nsummary: 'Par {{ auteur }}'\ndraft: false\n---\n{{ x }}\n", values)).toEqual({
      problems: [
        expect.objectContaining({ line: 3, column: 9 }),
        expect.objectContaining({ line: 4, column: 15 }),
        expect.objectContaining({ line: 7, column: 1 }),
        expect.objectContaining({ line: 5, column: 1 }),
      ],
      text: "---\ntitle: \"L’Irak vote\"\nauteur: ''\nsummary: 'Par '''\ndraft: true\n---\n{{ x }}\n",
    });
  });

  it.each([
    ["another title", '---\ntitle: "{{ sujets }} {{ titre }}"\n---\nTexte.\n', 2],
    ["a fixed title", "---\ntitle: À remplir\n---\nTexte.\n", 2],
    ["no title", "---\ndate: {{ date }}\n---\n# {{ titre }}\n", 1],
  ])("refuses a template whose draft would not have the title given to new (its file's name and address): %s", (_, template, line) => {
    expect(fillTemplate(template, values).problems).toEqual([
      {
        line,
        column: 1,
        message: fr`l’en-tête du modèle doit avoir la ligne title: {{ titre }}, telle quelle : le titre donné à depeche new fait le nom du fichier et l’adresse de l’article, que sinon un autre titre changerait ; une rubrique ou un préfixe vont dans le texte`,
      },
    ]);
    expect(fillTemplate("---\ntitle:   {{titre}} # le titre\n---\nTexte.\n", values).problems).toEqual([]);
  });

  it("says which line of the draft the template does not have: the draft: true it added", () => {
    expect(fillTemplate("---\ntitle: {{ titre }}\n---\nTexte.\n", values).addedLine).toBe(3);
    expect(fillTemplate("---\ntitle: {{ titre }}\ndraft: true\n---\nTexte.\n", values).addedLine).toBeUndefined();
  });
});
