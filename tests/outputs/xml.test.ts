import { describe, expect, it } from "vitest";
import { buildXml, xmlElement } from "../../src/outputs/xml.ts";

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
