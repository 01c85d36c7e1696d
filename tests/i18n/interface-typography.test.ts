import { describe, expect, it } from "vitest";
import { ui } from "../../src/i18n/fr.ts";
import { typesetText } from "../../src/text/typography.ts";

// Every piece of interface text readers see follows the French typography the editors' text gets
// (src/text/typography.ts): a no-break space before « : », a narrow one before « ; ! ? » and
// inside « », curly apostrophes. A function is read with 2 for each of its arguments.
function texts(value: unknown, name: string): [string, string][] {
  if (typeof value === "string") return [[name, value]];
  if (typeof value === "function") return [[name, String(value(...Array.from({ length: value.length }, () => 2)))]];
  if (Array.isArray(value)) return value.flatMap((item, i) => texts(item, `${name}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => texts(item, name ? `${name}.${key}` : key));
  return [];
}

describe("interface text", () => {
  it.each(texts(ui, ""))("%s reads as French typography", (_, text) => {
    expect(text).toBe(typesetText(text));
  });
});
