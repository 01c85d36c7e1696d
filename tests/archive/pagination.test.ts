import { describe, expect, it } from "vitest";
import { pageWindow, paginate } from "../../src/archive/pagination.ts";
import { pageUrl } from "../../src/urls/site-urls.ts";

describe("paginate", () => {
  it.each([
    [0, ["/x/"], [0]],
    [1, ["/x/"], [1]],
    [20, ["/x/"], [20]],
    [21, ["/x/", "/x/page/2/"], [20, 1]],
    [45, ["/x/", "/x/page/2/", "/x/page/3/"], [20, 20, 5]],
  ])("%i items give pages %j of sizes %j", (count, urls, sizes) => {
    const pages = paginate(
      Array.from({ length: count }, (_, i) => i),
      "/x/",
    );
    expect(pages.map((p) => p.url)).toEqual(urls);
    expect(pages.map((p) => p.items.length)).toEqual(sizes);
    expect(pages.every((p) => p.total === urls.length && p.pageUrls.length === urls.length)).toBe(true);
  });

  it("links each page to the previous and next one", () => {
    const [first, second, third] = paginate(
      Array.from({ length: 45 }, (_, i) => i),
      "/sujets/irak/",
    );
    expect([first!.prevUrl, first!.nextUrl]).toEqual([undefined, "/sujets/irak/page/2/"]);
    expect([second!.prevUrl, second!.nextUrl]).toEqual(["/sujets/irak/", "/sujets/irak/page/3/"]);
    expect([third!.prevUrl, third!.nextUrl]).toEqual(["/sujets/irak/page/2/", undefined]);
    expect(second!.items[0]).toBe(20);
  });

  it("puts page 1 at the list's own URL", () => {
    expect(pageUrl("/sources/aa/", 1)).toBe("/sources/aa/");
    expect(pageUrl("/sources/aa/", 7)).toBe("/sources/aa/page/7/");
  });
});

describe("pageWindow", () => {
  it.each([
    [1, 1, [1]],
    [1, 5, [1, 2, 3, 4, 5]],
    [1, 40, [1, 2, 3, "gap", 40]],
    [10, 40, [1, "gap", 8, 9, 10, 11, 12, "gap", 40]],
    [4, 40, [1, 2, 3, 4, 5, 6, "gap", 40]],
    [40, 40, [1, "gap", 38, 39, 40]],
    // A gap never stands for a single page.
    [5, 40, [1, 2, 3, 4, 5, 6, 7, "gap", 40]],
    [36, 40, [1, "gap", 34, 35, 36, 37, 38, 39, 40]],
    [6, 40, [1, "gap", 4, 5, 6, 7, 8, "gap", 40]],
  ] as const)("page %i of %i shows %j", (current, total, expected) => {
    expect(pageWindow(current, total)).toEqual(expected);
  });
});
