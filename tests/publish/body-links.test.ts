import { afterEach, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { buildArchive } from "../helpers/site.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

function archiveWithLink(body: string): TestArchive {
  const a = makeArchive();
  a.article("2021/12/08-cible.md", { title: "La cible", date: "2021-12-08" });
  a.article("2021/12/09-source.md", { title: "La source", body });
  return a;
}

describe("links in article bodies, built", () => {
  it("get the site's base path on the page and in the feed, so they reach the page under a project site", async () => {
    archive = archiveWithLink("Lire aussi [la cible](/2021/12/08/la-cible/) et [l’agence](https://www.aa.com.tr/fr).");
    const site = await buildArchive(archive, { baseUrl: "https://user.github.io/depeche" });
    expect(site.result.ok).toBe(true);
    const links = [...site.page("/2021/12/09/la-source/").querySelectorAll(".body a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual(["/depeche/2021/12/08/la-cible/", "https://www.aa.com.tr/fr"]);
    expect(site.text("/feed.xml")).toContain("href=&quot;https://user.github.io/depeche/2021/12/08/la-cible/&quot;");
    expect(site.has("/2021/12/08/la-cible/")).toBe(true);
  });

  it("stay as written on a site at the root of its domain", async () => {
    archive = archiveWithLink("Lire aussi [la cible](/2021/12/08/la-cible/).");
    const site = await buildArchive(archive);
    expect(site.page("/2021/12/09/la-source/").querySelector(".body a")?.getAttribute("href")).toBe("/2021/12/08/la-cible/");
  });

  it("stop the build when one reaches no page, and nothing is written", async () => {
    archive = archiveWithLink("Lire aussi [la cible](/2021/12/08/n-existe-pas/).");
    const site = await buildArchive(archive);
    expect(site.result.ok).toBe(false);
    expect(site.result.diagnostics.map((d) => [d.severity, d.line, d.message.split(",")[0]])).toEqual([["error", 7, "lien vers /2021/12/08/n-existe-pas/"]]);
    expect(existsSync(site.out)).toBe(false);
  });
});
