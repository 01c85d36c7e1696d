import { hash } from "node:crypto";
import type { Article } from "../content/model.ts";
import type { ArticleRenderer } from "./article-view.ts";
import type { SitePages } from "./pages.ts";
import type { SiteView } from "./site-data.ts";

/**
 * The digest of every planned page, by URL: a function of all that its template reads (the
 * page's data, the site's, its kind), computed without rendering it. An article's text (body and
 * summary) enters as the digest of its source, `sources` (the archive store's digest of its file,
 * which the store computed when it read it), else a hash of the text: never as the HTML the
 * getters would render, so an incremental build finds the changed pages without parsing an
 * unchanged body, and hashes no body at all when the store knows the files. The templates and the
 * code that renders are not in it: a change to them changes the build cache's key instead.
 */
export function pageDigests(
  site: SiteView,
  pages: Partial<SitePages>,
  renderer: ArticleRenderer,
  sources: ReadonlyMap<Article, string> = new Map(),
): Map<string, string> {
  const text = new DigestText(renderer, sources);
  const siteText = text.of(site);
  const digests = new Map<string, string>();
  for (const [kind, list] of Object.entries(pages) as [string, object[]][]) {
    const prefix = `${kind}\u0000${siteText}\u0000`;
    for (const page of list) {
      const url = (page as { url: string }).url;
      digests.set(url, hash("sha1", prefix + text.of(page), "base64"));
    }
  }
  return digests;
}

const SHARED_LIST = 16;

// Plain data as text that differs whenever the data do. Strings are written with their length
// (`s5:Paris`) rather than quoted and escaped, which makes the text unambiguous for a fraction of
// JSON's cost; `undefined` is kept apart from a missing key. An object with getters on an
// article's text is written with the digest of the article's source instead of the getters'
// results; an item, which many lists show, is hashed once and its digest written in its place.
class DigestText {
  private readonly known = new WeakMap<object, string>();
  // Property names as written: a few dozen distinct ones, written millions of times.
  private readonly keys = new Map<string, string>();
  private readonly hashedSources = new Map<Article, string>();

  constructor(
    private readonly renderer: ArticleRenderer,
    private readonly sources: ReadonlyMap<Article, string>,
  ) {}

  of(value: unknown): string {
    switch (typeof value) {
      case "string":
        return `s${value.length}:${value}`;
      case "number":
        return `n${value};`;
      case "boolean":
        return value ? "t" : "f";
      case "undefined":
        return "u";
      case "object":
        return value === null ? "z" : (this.known.get(value) ?? this.write(value));
      default:
        return `j${JSON.stringify(value)};`;
    }
  }

  private write(value: object): string {
    if (Array.isArray(value)) {
      let out = "[";
      for (const item of value) out += this.of(item);
      out += "]";
      // A long list is shared by many pages (a topic's page URLs, by each of its pages): digested once.
      if (value.length < SHARED_LIST) return out;
      const digest = `#${hash("sha1", out, "base64")}`;
      this.known.set(value, digest);
      return digest;
    }
    const lazy = this.renderer.lazySource(value);
    let out = "{";
    for (const key in value) {
      // The getters on the article's text are written below as its source's digest; any other getter is read.
      if (lazy?.getters.includes(key)) continue;
      out += this.key(key) + this.of((value as Record<string, unknown>)[key]);
    }
    if (lazy === undefined) return `${out}}`;
    out += `${this.source(lazy.article)}}`;
    if (!lazy.shared) return out;
    // An item is shown by many lists: its digest stands for it, written once.
    const digest = `#${hash("sha1", out, "base64")}`;
    this.known.set(value, digest);
    return digest;
  }

  private key(key: string): string {
    let text = this.keys.get(key);
    if (text === undefined) this.keys.set(key, (text = `${key.length}:${key}=`));
    return text;
  }

  // The file's digest stands for the text it holds; without it, the text is hashed (once per article).
  private source(article: Article): string {
    const known = this.sources.get(article);
    if (known !== undefined) return `f${known}`;
    let hashed = this.hashedSources.get(article);
    if (hashed === undefined) {
      hashed = `t${hash("sha1", `${article.body}\u0000${article.summary ?? ""}`, "base64")}`;
      this.hashedSources.set(article, hashed);
    }
    return hashed;
  }
}
