import { describe, expect, it } from "vitest";
import { findSiteLinks, isLinkIn } from "../../src/text/site-links.ts";
import { withBasePath, renderMarkdown } from "../../src/text/markdown.ts";

describe("findSiteLinks", () => {
  it("finds inline links and reference definitions to the site's pages, at their line and column in the file", () => {
    const body = ["Premier paragraphe.", "", "Voir [ceci](/2021/12/09/l-irak/) et [le sujet][s].", "", "[s]: /sujets/irak/"].join("\n");
    expect(findSiteLinks(body, 7)).toEqual([
      { url: "/2021/12/09/l-irak/", line: 9, column: 13 },
      { url: "/sujets/irak/", line: 11, column: 6 },
    ]);
  });

  it("leaves out absolute links, protocol-relative ones, other schemes, and fragments or queries of the same page", () => {
    expect(findSiteLinks("[a](https://aa.com.tr/fr) [b](//cdn.example/x) [c](#note) [d](?q=1) [e](MAILTO:x@example.org) [f](tel:+33100)", 1)).toEqual([]);
  });

  it("finds relative links, which reach the site's own pages", () => {
    expect(findSiteLinks("[a](<relative/x>) [b](../10/autre/)\n\n[ref]: www.aa.com.tr", 1)).toEqual([
      { url: "relative/x", line: 1, column: 6 },
      { url: "../10/autre/", line: 1, column: 23 },
      { url: "www.aa.com.tr", line: 3, column: 8 },
    ]);
  });

  it("reads a destination as CommonMark does: parentheses balanced, entities and backslash escapes decoded, spaces within <…>", () => {
    const body = "[g](/2021/12/08/la-fin-(suite)/) [c](/sujets/caf&eacute;/) [e](/a\\(b/) [s](</2021/12/09/un titre/>)\n\n[r]: /x/(y)/&amp;";
    expect(findSiteLinks(body, 1)).toEqual([
      { url: "/2021/12/08/la-fin-(suite)/", line: 1, column: 5 },
      { url: "/sujets/café/", line: 1, column: 38 },
      { url: "/a(b/", line: 1, column: 64 },
      { url: "/2021/12/09/un titre/", line: 1, column: 77 },
      { url: "/x/(y)/&", line: 3, column: 6 },
    ]);
    // Decoded, an address on another host is not the site's.
    expect(findSiteLinks("[h](&#x2F;&#x2F;example.org/x/)", 1)).toEqual([]);
  });

  it("reads a destination in angle brackets and stops at a title", () => {
    expect(findSiteLinks('[a](</2021/12/09/x/>) [b](/sujets/ "Sujets")', 1).map((l) => l.url)).toEqual(["/2021/12/09/x/", "/sujets/"]);
  });
});

describe("isLinkIn", () => {
  it("tells a link from the same text in a code span or a code block", () => {
    expect(isLinkIn("Voir [ceci](/x/).", "/x/")).toBe(true);
    expect(isLinkIn("Écrivez `[ceci](/x/)`.", "/x/")).toBe(false);
    expect(isLinkIn("```\n[ceci](/x/)\n```", "/x/")).toBe(false);
    expect(isLinkIn("![photo](/images/a.jpg)", "/images/a.jpg")).toBe(true);
  });

  it("reads a paragraph of 150,000 lines, more children than a call's arguments may be (a table pasted as one paragraph)", () => {
    const body = `Voir [la suite](/2021/12/08/la-suite/).\n${"ligne;valeur\n".repeat(150_000)}`;
    expect(isLinkIn(body, "/2021/12/08/la-suite/")).toBe(true);
  });
});

describe("withBasePath", () => {
  it("gives the body's links to the site's pages the base path, and only them", () => {
    const html = renderMarkdown('[a](/2014/01/02/x/) [b](https://aa.com.tr/) [c](//cdn.example/y) ![d](/images/p.jpg) `href="/z"` "/w"');
    const based = withBasePath(html, "/depeche");
    expect(based).toContain('href="/depeche/2014/01/02/x/"');
    expect(based).toContain('src="/depeche/images/p.jpg"');
    expect(based).toContain('href="https://aa.com.tr/"');
    expect(based).toContain('href="//cdn.example/y"');
    // Text that looks like an attribute is escaped by markdown-it, so it is never rewritten.
    expect(based).toContain("href=&quot;/z&quot;");
    expect(withBasePath(html, "")).toBe(html);
  });
});
