import { XMLBuilder } from "fast-xml-parser";

/**
 * An XML element as fast-xml-parser builds it: `@name` keys are attributes, `#text` is the text,
 * arrays repeat the element.
 */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | number | XmlNode | XmlNode[] | string[] | undefined;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@", textNodeName: "#text", format: false, suppressEmptyNode: true });

// XML 1.0 allows no C0 control character but tab, LF and CR, no lone surrogate, no U+FFFE/U+FFFF:
// a title or body holding one would make the whole file unreadable to a strict parser.
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Serialises an element tree as an XML document: the library escapes text and attributes, and
 * characters XML cannot carry are dropped.
 * @example buildXml({ a: { "@x": "1", "#text": "<b>" } }) // '<?xml version="1.0" encoding="UTF-8"?>\n<a x="1">&lt;b&gt;</a>\n'
 */
export function buildXml(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(root).replace(NOT_XML_CHAR, "")}\n`;
}
