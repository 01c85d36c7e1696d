import { describe, expect, it } from "vitest";
import { isSiteAddress, parsedShortLinkKey, shortLinkKey, siteAddress } from "../../src/text/web-links.ts";

describe("a short link is known by what it points at", () => {
  const original = shortLinkKey("https://turquie2023.com/Ivo58D");

  it.each([
    "https://TURQUIE2023.COM/Ivo58D",
    "HTTPS://turquie2023.com/Ivo58D",
    "https://turquie2023.com/Ivo58D/",
    "https://turquie2023.com:443/Ivo58D",
    "https://turquie2023.com/Ivo58D#x",
    "https://turquie2023.com/Ivo58D?#",
    "https://turquie2023.com/%49vo58D",
    " https://turquie2023.com/Ivo58D ",
  ])("%s is the same link", (link) => {
    expect(shortLinkKey(link)).toBe(original);
  });

  it.each([
    "https://turquie2023.com/ivo58d",
    "https://turquie2023.com/Ivo58D?id=2",
    "https://turquie2023.com:8443/Ivo58D",
    "https://trt.turquie2023.com/Ivo58D",
    "http://turquie2023.com/Ivo58D",
  ])("%s is another link", (link) => {
    expect(shortLinkKey(link)).not.toBe(original);
  });

  it("reads percent-escapes per RFC 3986 and host names as punycode", () => {
    expect(shortLinkKey("https://t.example/a%2fb")).toBe(shortLinkKey("https://t.example/a%2Fb"));
    expect(shortLinkKey("https://t.example/%7Eab")).toBe(shortLinkKey("https://t.example/~ab"));
    expect(shortLinkKey("https://actualité.example/a")).toBe(shortLinkKey("https://xn--actualit-i1a.example/a"));
  });

  // Plain links skip the URL parser: their key must be the one it gives, and anything it would rewrite must go through it.
  it.each([
    "https://turquie2023.com/Ivo58D",
    "https://turquie2023.com/Ivo58D///",
    "https://turquie2023.com",
    "https://turquie2023.com/",
    "http://localhost/a-b_c~d/e.f",
    "https://1.2.example/x",
    "https://0x7f.1/a",
    "https://127.0.0.1/a",
    "https://a.b.c.d.e/..",
    "https://t.example/a/../b",
    "https://t.example/a/./b/",
    "https://t.example/.well-known/x",
    "https://t.example//a",
    "https://xn--actualit-i1a.example/a/",
    "https://www.xn--actualit-i1a.example/a/",
    "https://xn--a.example/a/",
    "https://t.example./a",
    "https://t.example:443/a",
    "https://T.example/a",
    "https://t.example/a%7e",
    "https://t.example/a?b",
    "https://t.example/a#b",
    "https://t.example/a b",
    "https://t.example\\a",
    "https:t.example/a",
    "https://user@t.example/a",
    "ftp://t.example/a",
    "https://-a-.example/b",
    "https://a.123/b",
    "https://a.0x1f/b",
  ])("gives %s the key the URL parser gives", (link) => {
    expect(shortLinkKey(link)).toBe(parsedShortLinkKey(link));
  });
});

describe("a site's address", () => {
  it.each(["https://archives.example.org", "http://localhost:8080/archives/", "https:archives.example.org"])("may be %s", (url) => {
    expect(isSiteAddress(url)).toBe(true);
  });

  it.each([
    "javascript:alert(1)//",
    "",
    "/archives",
    "//archives.example.org",
    "mailto:a@example.org",
    "https://archives.example.org/?a=1",
    "https://archives.example.org/#x",
    "data:text/html,x",
    "https://editor@archives.example.org",
  ])("may not be %j", (url) => {
    expect(isSiteAddress(url)).toBe(false);
  });

  it("is spelled as the URL parser spells it, without a trailing slash", () => {
    expect(siteAddress("HTTPS://Archives.Example.org:443/archives/")).toBe("https://archives.example.org/archives");
    expect(siteAddress("https:archives.example.org")).toBe("https://archives.example.org");
    expect(siteAddress("https://archives.example.org/les archives")).toBe("https://archives.example.org/les%20archives");
    expect(siteAddress("https://archives.example.org/?#")).toBe("https://archives.example.org");
  });
});
