import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Parser } from "htmlparser2";

export interface LinkCheckOptions {
  /** The site's public address (site.yaml's `baseUrl`): absolute links to it are internal. */
  baseUrl?: string;
}

export interface BrokenLink {
  /** The page holding the link, as a site-relative URL (`/2021/`). */
  page: string;
  /** The link as written in the page. */
  url: string;
  /** Where it was written: `a href`, `img src`, `meta refresh`… */
  attribute: string;
  reason: "missing file" | "missing anchor";
}

export interface LinkReport {
  pages: number;
  /** Internal references checked (every occurrence, not unique URLs). */
  links: number;
  broken: BrokenLink[];
  /** Every link out of the site, once each, sorted: listed, never fetched. */
  external: string[];
  ms: number;
}

// Attributes that point at another resource (`srcset`, a list, is read apart).
const URL_ATTRIBUTES = new Set(["href", "src", "poster", "action", "cite"]);
const NO_TARGET = /^(?:data|javascript|about|blob):/i;
type Resolved = { kind: "external"; href: string } | { kind: "broken" } | { kind: "internal"; file: string; id?: string };

const PLACEHOLDER_ORIGIN = "http://depeche.invalid";

/**
 * Checks that every internal `href`, `src`, `srcset`, `action` and meta refresh of every HTML
 * page of a built site resolves to a file of the site (and a `#fragment` to an `id` of its page);
 * links out of the site are only collected.
 * @example checkLinks("_site", { baseUrl: "https://archives.example.org" }).broken // → []
 */
export function checkLinks(siteDir: string, options: LinkCheckOptions = {}): LinkReport {
  const start = performance.now();
  const base = new URL(`${(options.baseUrl ?? PLACEHOLDER_ORIGIN).replace(/\/+$/, "")}/`);
  const basePath = base.pathname.slice(0, -1);
  const files = listFiles(siteDir);
  const pages = [...files].filter((f) => f.endsWith(".html"));
  const external = new Set<string>();
  const broken: BrokenLink[] = [];
  const ids = new Map<string, Set<string>>();
  const anchors: { page: string; url: string; attribute: string; file: string; id: string }[] = [];
  let links = 0;

  // A site-relative path (no query, no fragment) → the file serving it, or undefined.
  const fileOf = (path: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return undefined;
    }
    if (decoded.endsWith("/")) decoded += "index.html";
    if (files.has(decoded)) return decoded;
    // A static host answers `/x` with `/x/index.html` (after a redirect).
    if (files.has(`${decoded}/index.html`)) return `${decoded}/index.html`;
    return undefined;
  };

  // What a link resolves to, by its text, for links whose meaning doesn't depend on the page.
  const absolute = new Map<string, Resolved>();
  const resolve = (value: string, pageUrl: URL): Resolved => {
    let url: URL;
    try {
      url = new URL(value, pageUrl);
    } catch {
      return { kind: "broken" };
    }
    if (url.origin !== base.origin || !(url.pathname === basePath || url.pathname.startsWith(`${basePath}/`))) return { kind: "external", href: url.href };
    const file = fileOf(url.pathname.slice(basePath.length) || "/");
    if (!file) return { kind: "broken" };
    return url.hash.length > 1 && file.endsWith(".html") ? { kind: "internal", file, id: decodeURIComponent(url.hash.slice(1)) } : { kind: "internal", file };
  };

  for (const file of pages) {
    const page = file.endsWith("/index.html") ? file.slice(0, -"index.html".length) : file;
    const pageUrl = new URL(basePath + page, base);
    const pageIds = new Set<string>();
    ids.set(file, pageIds);
    const check = (raw: string, attribute: string): void => {
      const value = raw.trim();
      if (value === "" || NO_TARGET.test(value)) return;
      const cacheable = /^(?:\/(?!\/)|[a-z][a-z0-9+.-]*:)/i.test(value);
      let resolved = cacheable ? absolute.get(value) : undefined;
      if (!resolved) {
        resolved = resolve(value, pageUrl);
        if (cacheable) absolute.set(value, resolved);
      }
      if (resolved.kind === "external") {
        external.add(resolved.href);
        return;
      }
      links++;
      if (resolved.kind === "broken") broken.push({ page, url: raw, attribute, reason: "missing file" });
      else if (resolved.id !== undefined) anchors.push({ page, url: raw, attribute, file: resolved.file, id: resolved.id });
    };
    // Attributes one by one: no object per element (a site of 10,000 articles has millions).
    let tag = "";
    let refresh: { equiv?: string; content?: string } = {};
    const parser = new Parser(
      {
        onopentagname(name) {
          tag = name;
          refresh = {};
        },
        onattribute(attribute, value) {
          if (attribute === "id") pageIds.add(value);
          else if (attribute === "srcset") for (const candidate of value.split(",")) check(candidate.trim().split(/\s+/)[0] ?? "", `${tag} srcset`);
          else if (URL_ATTRIBUTES.has(attribute) || (tag === "object" && attribute === "data")) check(value, `${tag} ${attribute}`);
          else if (tag === "a" && attribute === "name") pageIds.add(value);
          else if (tag === "meta" && (attribute === "http-equiv" || attribute === "content")) {
            refresh[attribute === "content" ? "content" : "equiv"] = value;
            const target = refresh.equiv?.toLowerCase() === "refresh" ? /;\s*url\s*=\s*['"]?([^'"]*)/i.exec(refresh.content ?? "")?.[1] : undefined;
            if (target) check(target, "meta refresh");
          }
        },
      },
      { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
    );
    parser.end(readFileSync(join(siteDir, file), "utf8"));
  }

  for (const a of anchors) {
    if (!ids.get(a.file)?.has(a.id)) broken.push({ page: a.page, url: a.url, attribute: a.attribute, reason: "missing anchor" });
  }
  return { pages: pages.length, links, broken, external: [...external].sort(), ms: performance.now() - start };
}

/** One line per broken link, `page: attribute "url": reason`, for a test failure or a terminal. */
export function formatBrokenLinks(broken: BrokenLink[]): string {
  return broken.map((b) => `${b.page}: ${b.attribute} "${b.url}": ${b.reason}`).join("\n");
}

// Site-relative paths (`/a/index.html`) of every file below a folder.
function listFiles(root: string): Set<string> {
  const files = new Set<string>();
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else files.add(`${prefix}${entry.name}`);
    }
  };
  walk(root, "/");
  return files;
}
