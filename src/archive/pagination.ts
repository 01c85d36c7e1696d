import { PAGE_SIZE, pageUrl } from "../urls/site-urls.ts";
/** One page of a paginated list. */
export interface Pagination<T> {
  /** 1-based. */
  number: number;
  total: number;
  items: T[];
  url: string;
  prevUrl?: string;
  nextUrl?: string;
  /** The URL of every page, for numbered links. */
  pageUrls: string[];
}

/**
 * Splits a list into pages of `size`; an empty list still has one (empty) page, so its URL exists.
 * With `wanted`, only the pages whose URL it picks are made (an incremental build plans a dozen of
 * the 19,500 pages of topics and sources at 100,000 articles: slicing every one was a tenth of it).
 * @example paginate([1, 2, 3], "/x/", 2).map((p) => p.url) // ["/x/", "/x/page/2/"]
 */
export function paginate<T>(items: readonly T[], base: string, size = PAGE_SIZE, wanted?: (url: string) => boolean): Pagination<T>[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  const pageUrls = Array.from({ length: total }, (_, i) => pageUrl(base, i + 1));
  const pages: Pagination<T>[] = [];
  pageUrls.forEach((url, i) => {
    if (wanted && !wanted(url)) return;
    pages.push({
      number: i + 1,
      total,
      items: items.slice(i * size, (i + 1) * size),
      url,
      ...(i > 0 ? { prevUrl: pageUrls[i - 1]! } : {}),
      ...(i < total - 1 ? { nextUrl: pageUrls[i + 1]! } : {}),
      pageUrls,
    });
  });
  return pages;
}

/**
 * The page numbers worth a link: first, last, and two either side of the current page, with
 * gaps between, so a 400-page list doesn't print 400 links on each of its pages.
 * @example pageWindow(10, 40) // [1, "gap", 8, 9, 10, 11, 12, "gap", 40]
 */
export function pageWindow(current: number, total: number, radius = 2): (number | "gap")[] {
  const shown: (number | "gap")[] = [];
  for (let n = 1; n <= total; n++) {
    // A gap standing for a single page would take as much room as its number: show the number.
    const near = Math.abs(n - current) <= radius || (n === 2 && current - radius === 3) || (n === total - 1 && current + radius === total - 2);
    if (n === 1 || n === total || near) shown.push(n);
    else if (shown.at(-1) !== "gap") shown.push("gap");
  }
  return shown;
}
