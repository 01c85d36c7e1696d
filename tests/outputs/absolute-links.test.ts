import { describe, expect, it } from "vitest";
import { absoluteLinks } from "../../src/outputs/absolute-links.ts";
import { renderMarkdown } from "../../src/text/markdown.ts";

const PAGE = "https://archives.example.org/2021/12/09/l-irak/";

describe("links of a body made absolute for feeds", () => {
  it("resolve relative, root-relative and fragment links against the article's page, as a browser there would", () => {
    expect(absoluteLinks('<a href="../">x</a> <a href="/sujets/irak/">y</a> <a href="#note">z</a>', PAGE)).toBe(
      '<a href="https://archives.example.org/2021/12/09/">x</a> <a href="https://archives.example.org/sujets/irak/">y</a> <a href="https://archives.example.org/2021/12/09/l-irak/#note">z</a>',
    );
  });

  it("keep absolute links and other schemes as written, and the escaping of what they resolve to", () => {
    expect(absoluteLinks('<a href="https://Example.com/a?b=1&amp;c=2">x</a> <a href="mailto:redaction@example.org">y</a>', PAGE)).toBe(
      '<a href="https://Example.com/a?b=1&amp;c=2">x</a> <a href="mailto:redaction@example.org">y</a>',
    );
    expect(absoluteLinks('<a href="?q=a&amp;b=%22c%22">x</a>', PAGE)).toBe(`<a href="${PAGE}?q=a&amp;b=%22c%22">x</a>`);
  });

  it("touch nothing the editor wrote as text, only what markdown-it rendered as a link or an image", () => {
    const html = renderMarkdown('Écrivez `href="/x/"` ou href="/y/" : [lien](page/) et ![photo](photo.jpg "Légende")');
    const absolute = absoluteLinks(html, PAGE);
    expect(absolute).toContain(`href="${PAGE}page/"`);
    expect(absolute).toContain(`src="${PAGE}photo.jpg"`);
    expect(absolute).toContain("<code>href=&quot;/x/&quot;</code>");
    expect(absolute).not.toContain("archives.example.org/x/");
    expect(absolute).not.toContain("archives.example.org/y/");
  });
});
