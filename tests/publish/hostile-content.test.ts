import { readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";
import { buildArchive, siteFiles, type BuiltSite } from "../helpers/site.ts";
import { fr } from "../helpers/french.ts";

const XSS = `<script>alert(1)</script><img src=x onerror=alert(2)>`;
// Template syntax of every engine Eleventy knows, and of JavaScript template literals.
// biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax an editor might type, which must reach pages as text
const TEMPLATES = "{{ 7*7 }} {% if true %}liquid{% endif %} {{#each x}}hbs{{/each}} <%= 7*7 %> ${7*7} {{= 7*7 }} <webc:root>";

let archive: TestArchive;
let site: BuiltSite;
const files: string[] = [];

beforeAll(async () => {
  archive = makeArchive({
    "site.yaml": `title: ${JSON.stringify(`Archives ${XSS}`)}\nbaseUrl: https://archives.example.org\nlocale: fr\ntimezone: Europe/Paris\ndescription: ${JSON.stringify(TEMPLATES)}\n`,
    "topics.yaml": `- slug: irak\n  label: ${JSON.stringify(`Irak ${XSS}`)}\n  description: ${JSON.stringify(TEMPLATES)}\n- slug: defense\n  label: Défense\n`,
    "sources.yaml": `- code: AA\n  name: ${JSON.stringify(`Anadolu ${XSS}`)}\n  url: https://www.aa.com.tr/fr\n- code: TRT FR\n  name: TRT\n  url: https://www.trtfrance.com\n`,
  });
  archive.article("a.md", {
    title: `Titre ${XSS} ${TEMPLATES}`,
    topics: "[irak]",
    extra: `summary: ${JSON.stringify(`Chapô ${XSS} ${TEMPLATES}`)}\naliases: ["/ancien/<script>/"]`.replace('"/ancien/<script>/"', '"/ancien/x/"'),
    body: [
      XSS,
      TEMPLATES,
      // Markdown links to javascript:, data: or vbscript: are refused by check (tests/content/unsafe-text.test.ts).
      '<a href="javascript:alert(6)">lien</a> <iframe src="https://evil.example"></iframe> <svg onload=alert(7)>',
      "`<script>alert(8)</script>` et\n\n```html\n<script>alert(9)</script>\n```",
      `${"- ".repeat(10_000)}profond`,
    ].join("\n\n"),
  });
  // A 10 MB article: it builds, it is not dropped.
  archive.article("big.md", { title: "Très longue dépêche", date: "2021-12-10", body: "Un paragraphe assez long pour peser. ".repeat(280_000) });
  site = await buildArchive(archive);
  files.push(...siteFiles(site.out).map((path) => join(site.out, path)));
}, 180_000);
afterAll(() => archive.remove());

describe("hostile text in every field renders as inert text", () => {
  it("builds, the 10 MB article included", () => {
    expect(site.result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(site.result.ok).toBe(true);
    expect(site.has("/2021/12/10/tres-longue-depeche/")).toBe(true);
  });

  it("puts no script, event handler, frame or dangerous URL from content into any page", () => {
    const pages = files.filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(10);
    for (const file of pages) {
      const { document } = parseHTML(readFileSync(file, "utf8"));
      for (const script of document.querySelectorAll("script")) {
        const type = script.getAttribute("type") ?? "";
        const src = script.getAttribute("src") ?? "";
        // JSON-LD data, and the search page's own scripts, only.
        expect(
          type === "application/ld+json" || src.startsWith("/pagefind/") || src.startsWith("/recherche") || /pagefind|recherche/.test(script.textContent ?? ""),
          `${file}: <script ${type} ${src}>`,
        ).toBe(true);
        if (type === "application/ld+json") expect(() => JSON.parse(script.textContent ?? ""), file).not.toThrow();
      }
      for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
          expect(attribute.name.startsWith("on"), `${file}: ${element.tagName} ${attribute.name}`).toBe(false);
          if (["href", "src", "action", "formaction"].includes(attribute.name))
            expect(attribute.value, `${file}: ${attribute.name}`).not.toMatch(/^\s*(javascript|vbscript|data):/i);
        }
      }
      expect(document.querySelectorAll("iframe, svg, object, embed, img[onerror]").length, file).toBe(0);
    }
  });

  it("shows the text itself, and never evaluates template syntax", () => {
    const page = site.page("/2021/12/09/titre-script-alert-1-script-img-src-x-onerror-alert-2-7-7-if-true-liquid-endif-each-x-hbs-each-7-7-7-7-7-7-webc-root/");
    expect(page.querySelector("h1")?.textContent).toContain("<script>alert(1)</script>");
    expect(page.querySelector("h1")?.textContent).toContain("{{ 7*7 }}");
    // In the body, markdown reads 7*7 … 7*7 as emphasis: the markup shows as text all the same.
    expect(page.querySelector(".body")?.textContent).toContain("<%=");
    expect(page.querySelector(".site-title")?.textContent).toContain("<img src=x onerror=alert(2)>");
    for (const file of files.filter((f) => /\.(html|xml|json)$/.test(f))) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/\b49\b/);
      expect(text, file).not.toContain("liquid</");
    }
  });

  it("keeps feeds and sitemaps well-formed", () => {
    const parser = new XMLParser();
    for (const file of files.filter((f) => f.endsWith(".xml"))) expect(() => parser.parse(readFileSync(file, "utf8"), true), file).not.toThrow();
    for (const file of files.filter((f) => f.endsWith(".json") && f.includes("feed"))) expect(() => JSON.parse(readFileSync(file, "utf8")), file).not.toThrow();
    expect(readFileSync(join(site.out, "feed.xml"), "utf8")).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});

describe("hostile files are refused with a clear error, and nothing is written outside the output folder", () => {
  it("refuses escaping slugs and aliases, anchors, merge keys, NUL bytes and symbolic links", async () => {
    const a = makeArchive();
    a.article("slug.md", { title: "Un", extra: "slug: ../../etc" });
    a.article("alias.md", { title: "Deux", extra: "aliases: [/../../../tmp/x/]" });
    a.article("absolute.md", { title: "Trois", extra: "aliases: [//evil.example/x/]" });
    a.article("bomb.md", articleText({ title: "Quatre", extra: "a: &a [x, x]\nb: [*a, *a]" }));
    a.article("merge.md", articleText({ title: "Cinq", extra: "<<: {draft: true}" }));
    a.write("articles/nul.md", articleText({ title: "Six" }).replace("Texte", "Te\0xte").replace("gouvernement", "gouv\0ernement"));
    const outside = join(a.root, "outside.md");
    writeFileSync(outside, articleText({ title: "Sept" }));
    symlinkSync(outside, join(a.dir, "articles/link.md"));
    symlinkSync(a.root, join(a.dir, "articles/loop"));
    const before = readdirSync(a.root).sort();
    const built = await buildArchive(a);
    expect(built.result.ok).toBe(false);
    const messages = built.result.diagnostics.map((d) => `${d.file.split("/").pop()}:${d.line}: ${d.message}`);
    expect(messages.find((m) => m.startsWith("slug.md:6:"))).toContain(fr`« slug » ne peut contenir que des lettres minuscules`);
    expect(messages.find((m) => m.startsWith("alias.md:6:"))).toContain("un alias ne peut pas contenir de segment . ou ..");
    expect(messages.find((m) => m.startsWith("absolute.md:6:"))).toBeDefined();
    expect(messages.find((m) => m.startsWith("bomb.md:"))).toContain("les alias YAML (*a) ne sont pas permis");
    expect(messages.find((m) => m.startsWith("merge.md:"))).toBeDefined();
    expect(messages.find((m) => m.startsWith("nul.md:7:"))).toContain("octet NUL");
    expect(messages.find((m) => m.startsWith("link.md:1:"))).toContain("les liens symboliques ne sont pas suivis");
    expect(messages.find((m) => m.startsWith("loop:1:"))).toContain("les liens symboliques ne sont pas suivis");
    expect(readdirSync(a.root).sort()).toEqual(before);
    a.remove();
  });
});
