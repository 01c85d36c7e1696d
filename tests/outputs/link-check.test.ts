/** The link checker: every internal href and src of a built site resolves to one of its files. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkLinks, formatBrokenLinks, type LinkReport } from "../helpers/link-check.ts";
import { onceForAll } from "../helpers/prerequisites.ts";
import { buildTestSites } from "../helpers/test-sites.ts";

const page = (body: string, head = ""): string => `<!doctype html><html lang="fr"><head><title>t</title>${head}</head><body>${body}</body></html>`;

/** A site folder written from path → text. */
function siteOf(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "depeche-links-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const FILES = {
  "index.html": page(`<main id="contenu"><a name="ancre">x</a></main>`, `<link rel="stylesheet" href="/style.css">`),
  "style.css": "body{}",
  "2021/index.html": page(`<h1 id="titre">2021</h1>`),
  "2021/12/09/l-irak/index.html": page("article"),
  "sujets/été/index.html": page("sujet"),
  "img/photo.jpg": "jpg",
  "404.html": page("introuvable"),
};

describe("checkLinks on a small site", () => {
  let root: string;
  beforeEach(() => {
    root = siteOf(FILES);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  // Each link is written in a page at /2021/12/09/l-irak/, then checked.
  const cases: [string, string, "ok" | "missing file" | "missing anchor" | "external"][] = [
    ["a root-relative folder", `<a href="/2021/">`, "ok"],
    ["a relative path", `<a href="../../../">`, "ok"],
    ["the page itself", `<a href="./">`, "ok"],
    ["a folder without its slash (a host redirects it)", `<a href="/2021">`, "ok"],
    ["a query string", `<a href="/2021/?q=irak&amp;page=2">`, "ok"],
    ["an anchor of the page", `<a href="#x">`, "missing anchor"],
    ["an id of another page", `<a href="/2021/#titre">`, "ok"],
    ["an a name of another page", `<a href="/#ancre">`, "ok"],
    ["a missing id", `<a href="/2021/#absent">`, "missing anchor"],
    ["a percent-encoded accent", `<a href="/sujets/%C3%A9t%C3%A9/">`, "ok"],
    ["a raw accent", `<a href="/sujets/été/">`, "ok"],
    ["the site's own absolute address", `<link rel="canonical" href="https://archives.example.org/2021/">`, "ok"],
    ["a missing page", `<a href="/2022/">`, "missing file"],
    ["a missing page at the site's absolute address", `<a href="https://archives.example.org/2022/">`, "missing file"],
    ["a missing image", `<img src="/img/absente.jpg" alt="">`, "missing file"],
    ["an image", `<img src="/img/photo.jpg" alt="">`, "ok"],
    ["a srcset candidate", `<img src="/img/photo.jpg" srcset="/img/photo.jpg 1x, /img/grande.jpg 2x" alt="">`, "missing file"],
    ["a script", `<script src="/recherche.js"></script>`, "missing file"],
    ["a form action", `<form action="/recherche/"></form>`, "missing file"],
    ["a meta refresh", `<meta http-equiv="refresh" content="0; url=/2021/12/09/autre/">`, "missing file"],
    ["an entity in a path", `<a href="/2021/&#x69;ndex.html">`, "ok"],
    ["another site", `<a href="https://www.aa.com.tr/fr">`, "external"],
    ["another scheme", `<a href="mailto:redaction@example.org">`, "external"],
    ["a protocol-relative link", `<a href="//cdn.example.net/x.js">`, "external"],
  ];

  it.each(cases)("%s: %s → %s", (_, link, expected) => {
    writeFileSync(join(root, "2021/12/09/l-irak/index.html"), page(link));
    const report = checkLinks(root, { baseUrl: "https://archives.example.org" });
    if (expected === "external") {
      expect(report.broken).toEqual([]);
      expect(report.external).toHaveLength(1);
    } else {
      expect(report.external).toEqual([]);
      expect(report.broken.map((b) => b.reason)).toEqual(expected === "ok" ? [] : [expected]);
    }
  });

  it("says which page, which attribute and which link", () => {
    writeFileSync(join(root, "2021/12/09/l-irak/index.html"), page(`<a href="/2022/">2022</a>`));
    const report = checkLinks(root, { baseUrl: "https://archives.example.org" });
    expect(formatBrokenLinks(report.broken)).toBe(`/2021/12/09/l-irak/: a href "/2022/": missing file`);
  });

  it("lists each external link once, sorted", () => {
    writeFileSync(join(root, "2021/12/09/l-irak/index.html"), page(`<a href="https://b.example/">b</a><a href="https://a.example/x">a</a>`));
    writeFileSync(join(root, "2021/index.html"), page(`<h1 id="titre">2021</h1><a href="https://b.example/">b</a>`));
    expect(checkLinks(root).external).toEqual(["https://a.example/x", "https://b.example/"]);
  });

  it("ignores data: and javascript: links and empty attributes", () => {
    writeFileSync(
      join(root, "2021/12/09/l-irak/index.html"),
      page(`<img src="data:image/png;base64,AAAA" alt=""><a href="javascript:void(0)">x</a><a href="">vide</a>`),
    );
    const report = checkLinks(root);
    expect([report.broken, report.external]).toEqual([[], []]);
  });
});

describe("checkLinks on a site under a base path", () => {
  it("resolves links below the base path in the output folder, and treats the rest of the host as external", () => {
    const root = siteOf({
      "index.html": page(`<a href="/archives/2021/">2021</a><a href="/archives/2022/">2022</a><a href="/ailleurs/">ailleurs</a>`),
      "2021/index.html": page("2021"),
    });
    try {
      const report = checkLinks(root, { baseUrl: "https://example.org/archives/" });
      expect(formatBrokenLinks(report.broken)).toBe(`/: a href "/archives/2022/": missing file`);
      expect(report.external).toEqual(["https://example.org/ailleurs/"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("every internal link of the built test sites", () => {
  const reports = new Map<string, LinkReport>();
  const ready = onceForAll(async () => {
    const sites = await buildTestSites();
    try {
      for (const site of [sites.sample, sites.generated]) reports.set(site.name, checkLinks(site.out, { baseUrl: site.baseUrl }));
    } finally {
      sites.remove();
    }
  });
  beforeAll(() => ready().catch(() => undefined), 180_000);

  it.each(["sample", "generated"])("resolves on the %s site", async (name) => {
    await ready();
    const report = reports.get(name)!;
    console.info(
      `links (${name}): ${report.pages} pages, ${report.links.toLocaleString("en-US")} internal links checked in ${Math.round(report.ms)} ms, ${report.external.length} external: ${report.external.slice(0, 5).join(" ")}${report.external.length > 5 ? " …" : ""}`,
    );
    expect(report.pages).toBeGreaterThan(40);
    expect(report.broken, formatBrokenLinks(report.broken)).toEqual([]);
  });
});
