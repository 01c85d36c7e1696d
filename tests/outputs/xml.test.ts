import { describe, expect, it } from "vitest";
import { buildListXml, buildXml, xmlElement } from "../../src/outputs/xml.ts";

describe("XML documents with elements serialised ahead", () => {
  it("gives the bytes the library writes with those elements in place, characters XML cannot carry dropped", () => {
    const entries = [
      { id: "a", content: { "@type": "html", "#text": "<p>un & deux\u0007</p>" } },
      { id: "b", title: { "#text": "« trois »" }, empty: "" },
    ];
    const head = { "@xmlns": "urn:x", id: "feed", link: [{ "@href": "/?a=1&b=2" }] };
    expect(
      buildXml(
        { feed: head },
        entries.map((e) => xmlElement("entry", e)),
      ),
    ).toBe(buildXml({ feed: { ...head, entry: entries } }));
    expect(xmlElement("entry", entries[0]!)).toBe('<entry><id>a</id><content type="html">&lt;p&gt;un &amp; deux&lt;/p&gt;</content></entry>');
  });

  it("leaves a document without such elements as it was", () => {
    expect(buildXml({ a: { "@x": "1", "#text": "<b>" } }, [])).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1">&lt;b&gt;</a>\n');
  });
});

describe("XML lists written directly", () => {
  it("gives the bytes the library writes: entities in text and attributes, characters XML cannot carry dropped, empty elements closed", () => {
    const items = [
      { loc: "https://exemple.fr/2021/03/09/l-irak/?a=1&b=<2>", lastmod: "2021-03-09T10:00:00.000Z" },
      { loc: "l’« Irak » 'x' \"y\" \u0001\u0008\uFFFE \uD800 😀 \t\n\r", lastmod: "" },
      { loc: "https://exemple.fr/", lastmod: "2021-12-09T00:00:00+01:00" },
      // One character that needs care each.
      ...["&", "<", ">", "'", '"', "\u0000", "\u001f", "\uFFFF", "\uDC00"].map((c) => ({ loc: `a${c}b`, lastmod: "z" })),
    ];
    const library = (list: typeof items) => buildXml({ urlset: { "@xmlns": "urn:x&'y", url: list } });
    expect(buildListXml("urlset", { xmlns: "urn:x&'y" }, "url", items, ["loc", "lastmod"])).toBe(library(items));
    expect(buildListXml("urlset", { xmlns: "urn:x&'y" }, "url", [], ["loc", "lastmod"])).toBe(library([]));
    expect(buildListXml("urlset", { xmlns: "urn:x" }, "url", items.slice(0, 1), ["loc", "lastmod"])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="urn:x"><url><loc>https://exemple.fr/2021/03/09/l-irak/?a=1&amp;b=&lt;2&gt;</loc><lastmod>2021-03-09T10:00:00.000Z</lastmod></url></urlset>\n',
    );
  });
});
