import { hash } from "node:crypto";
import type { ArticleRenderer } from "./article-view.ts";
import type { SitePages } from "./pages.ts";
import type { SiteView } from "./site-data.ts";

/**
 * The digest of every planned page, by URL: a function of all that its template reads (the
 * page's data, the site's, its kind), computed without rendering it. An article's text enters as
 * its source (body and summary), not as the HTML its getters would render, so an incremental build
 * finds the changed pages without parsing an unchanged body. The templates and the code that
 * renders are not in it: a change to them changes the build cache's key instead.
 */
export function pageDigests(site: SiteView, pages: SitePages, renderer: ArticleRenderer): Map<string, string> {
  const text = new DigestText(renderer);
  const siteText = text.of(site);
  const digests = new Map<string, string>();
  for (const [kind, list] of Object.entries(pages) as [string, object[]][]) {
    for (const page of list) {
      const url = (page as { url: string }).url;
      digests.set(url, hash("sha1", `${kind}\u0000${siteText}\u0000${text.of(page)}`, "base64"));
    }
  }
  return digests;
}

const SHARED_LIST = 16;

// Plain data as text that differs whenever the data do (JSON-like, `undefined` kept apart from a
// missing key). An object with getters on an article's text is digested once, with the getters'
// inputs instead of their results, and its digest remembered: one article item is shown by many lists.
class DigestText {
  private readonly known = new WeakMap<object, string>();

  constructor(private readonly renderer: ArticleRenderer) {}

  of(value: unknown): string {
    if (value === undefined) return "u";
    if (value === null || typeof value !== "object") return JSON.stringify(value);
    const known = this.known.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      let out = "[";
      for (const item of value) out += `${this.of(item)},`;
      out += "]";
      // A long list is shared by many pages (a topic's page URLs, by each of its pages): digested once.
      if (value.length < SHARED_LIST) return out;
      const digest = `#${hash("sha1", out, "base64")}`;
      this.known.set(value, digest);
      return digest;
    }
    const inputs = this.renderer.lazyInputs(value);
    let out = "{";
    for (const key of Object.keys(value)) {
      // Getters stand for the article's text, written below as their inputs; any other getter is read.
      if (inputs !== undefined && Object.getOwnPropertyDescriptor(value, key)?.get) continue;
      out += `${JSON.stringify(key)}:${this.of((value as Record<string, unknown>)[key])},`;
    }
    if (inputs === undefined) return `${out}}`;
    // Its digest stands for it: an article's whole text is hashed once, not once per list showing it.
    const digest = `#${hash("sha1", `${out}${JSON.stringify(inputs)}}`, "base64")}`;
    this.known.set(value, digest);
    return digest;
  }
}
