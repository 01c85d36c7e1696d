import { describe, expect, it } from "vitest";
import { appendUrls, parseUrlManifest } from "../../src/content/url-manifest.ts";

describe("appendUrls keeps urls.txt byte for byte and adds lines at its end", () => {
  it.each([
    ["a file ending with a line end", "# notes\n/a/ note\n", "# notes\n/a/ note\n/b/\n/c/\n"],
    ["a last line without one", "/a/", "/a/\n/b/\n/c/\n"],
    ["Windows line ends", "# notes\r\n/a/\r\n", "# notes\r\n/a/\r\n/b/\r\n/c/\r\n"],
    ["a byte order mark and blank lines", "\uFEFF# notes\n\n\n/a/\n\n", "\uFEFF# notes\n\n\n/a/\n\n/b/\n/c/\n"],
    ["an empty file", "", "/b/\n/c/\n"],
  ])("%s", (_, before, after) => {
    expect(appendUrls(Buffer.from(before), ["/b/", "/c/"]).toString("utf8")).toBe(after);
  });

  it("starts a new file with a header that says what it is, which parses as no URL", () => {
    const text = appendUrls(undefined, ["/b/"]).toString("utf8");
    expect(text.startsWith("# ")).toBe(true);
    expect(parseUrlManifest(text).published.map((p) => p.url)).toEqual(["/b/"]);
  });
});
