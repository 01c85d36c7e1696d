import { describe, expect, it } from "vitest";
import { parseFrontMatter, type FrontMatter } from "../../src/content/frontmatter.ts";
import { fr } from "../helpers/french.ts";

function parsed(text: string): FrontMatter {
  const result = parseFrontMatter(text);
  if (!result.ok) throw new Error(`expected front matter, got ${JSON.stringify(result.problems)}`);
  return result.frontMatter;
}

describe("parseFrontMatter", () => {
  it("splits the keys from the body, which starts on the line after the closing ---", () => {
    const fm = parsed('---\ntitle: "Alger"\ndate: 2021-12-09\n---\nPremier paragraphe.\n\nSecond.\n');
    expect(fm.data).toEqual({ title: "Alger", date: "2021-12-09" });
    expect(fm.body).toBe("Premier paragraphe.\n\nSecond.\n");
    expect(fm.bodyLine).toBe(5);
  });

  it("takes a closing line with trailing spaces, and keeps a blank first body line as it is", () => {
    const fm = parsed("---\ntitle: x\n---  \n\nTexte\n");
    expect(fm.body).toBe("\nTexte\n");
    expect(fm.bodyLine).toBe(4);
  });

  it("gives an empty body to a file that ends on its closing line, with or without a newline", () => {
    expect(parsed("---\ntitle: x\n---").body).toBe("");
    expect(parsed("---\ntitle: x\n---\n").body).toBe("");
  });

  it("reads an empty block as no keys", () => {
    const fm = parsed("---\n---\nTexte\n");
    expect(fm.data).toEqual({});
    expect(fm.body).toBe("Texte\n");
  });

  it("refuses a line starting with --- before the closing one, pointing at it, instead of dropping the keys after it", () => {
    for (const stray of ["----", "--- a"]) {
      const result = parseFrontMatter(`---\ntitle: x\n${stray}\ndate: 2021-01-01\n---\nTexte\n`);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.problems[0]!.at).toEqual({ line: 3, column: 1 });
      expect(result.problems[0]!.message).toContain(fr`seule celle-là peut être « --- »`);
    }
    // Indented, it belongs to a value.
    expect(parsed("---\ntitle: x\nsummary: |\n  ---\n---\nTexte\n").data).toEqual({ title: "x", summary: "---\n" });
  });

  it("keeps a --- inside the body in the body", () => {
    expect(parsed("---\ntitle: x\n---\nAvant\n---\nAprès\n").body).toBe("Avant\n---\nAprès\n");
  });
});
