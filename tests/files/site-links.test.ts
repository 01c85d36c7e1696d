import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { catchUpStaging, linkSiteInto } from "../../src/files/site-links.ts";
import { siteFiles, siteFolders } from "../helpers/site.ts";

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(folder: string, path: string, text: string): void {
  mkdirSync(dirname(join(folder, path)), { recursive: true });
  writeFileSync(join(folder, path), text);
}

// Every file below `folder` (`siteFiles`), with its text.
function files(folder: string): Record<string, string> {
  return Object.fromEntries(siteFiles(folder).map((path) => [path, readFileSync(join(folder, path), "utf8")]));
}

describe("the spare brought up to date with the site (catchUpStaging)", () => {
  it("takes each path the last build changed from the site, by link, and only those; the site is left as it was", () => {
    root = mkdtempSync(join(tmpdir(), "depeche-catch-up-"));
    const site = join(root, "site");
    const staging = join(root, "staging");
    // The site before the last build, as the spare holds it.
    for (const [path, text] of Object.entries({
      "index.html": "accueil 1",
      "2021/12/09/irak/index.html": "irak 1",
      "2021/12/09/liban/index.html": "liban 1",
      "2021/12/10/retire/index.html": "retiré",
      "images/abc/photo-640.jpg": "photo 1",
      "images/abc/photo-1280.jpg": "photo 1 grande",
      "sujets/irak/index.html": "sujet 1",
    }))
      write(staging, path, text);
    // The last build's site: a page changed, one in a new folder, one removed with its day, a
    // photo's folder made anew, a page it left alone.
    for (const [path, text] of Object.entries({
      "index.html": "accueil 2",
      "2021/12/09/irak/index.html": "irak 1",
      "2021/12/09/liban/index.html": "liban 2",
      "2021/12/11/neuf/index.html": "neuf",
      "images/abc/photo-640.jpg": "photo 2",
      "sujets/irak/index.html": "sujet 1",
    }))
      write(site, path, text);
    const changed = [
      "index.html",
      "2021/12/09/liban/index.html",
      "2021/12/11/neuf/index.html",
      "2021/12/10/retire/index.html",
      "images/abc",
      "/pagefind/absent.pf",
    ];
    const before = files(site);
    const trash = join(root, "trash");

    catchUpStaging(site, staging, changed, trash);

    expect(files(staging)).toEqual(before);
    expect(siteFolders(staging)).toEqual(siteFolders(site));
    expect(files(site)).toEqual(before);
    // Taken by link: the site's own files, never copies.
    for (const path of ["index.html", "2021/12/09/liban/index.html", "2021/12/11/neuf/index.html", "images/abc/photo-640.jpg"])
      expect(lstatSync(join(staging, path)).ino, path).toBe(lstatSync(join(site, path)).ino);
    // The folders the removal emptied went too; what it replaced waits in the trash.
    expect(existsSync(join(staging, "2021/12/10"))).toBe(false);
    expect(Object.values(files(trash)).sort()).toEqual(["accueil 1", "liban 1", "photo 1", "photo 1 grande", "retiré"]);
  });

  it("brings a spare linked from an older site to the same files as the site", () => {
    root = mkdtempSync(join(tmpdir(), "depeche-catch-up-"));
    const site = join(root, "site");
    const staging = join(root, "staging");
    write(site, "index.html", "accueil 1");
    write(site, "2021/12/09/irak/index.html", "irak 1");
    linkSiteInto(site, staging);
    // The site rebuilt: its files replaced, never written into (the spare's links keep the old text).
    rmSync(join(site, "index.html"));
    write(site, "index.html", "accueil 2");
    write(site, "2021/12/09/irak/page/2/index.html", "irak, page 2");
    expect(readFileSync(join(staging, "index.html"), "utf8")).toBe("accueil 1");
    catchUpStaging(site, staging, ["index.html", "2021/12/09/irak/page/2/index.html"], join(root, "trash"));
    expect(files(staging)).toEqual(files(site));
  });

  it("gives the same folder when stopped halfway and done again, or done twice", () => {
    root = mkdtempSync(join(tmpdir(), "depeche-catch-up-"));
    const site = join(root, "site");
    const spare = join(root, "spare");
    for (const [path, text] of Object.entries({ "index.html": "accueil 1", "2021/12/09/irak/index.html": "irak 1", "2021/12/10/retire/index.html": "retiré" }))
      write(spare, path, text);
    for (const [path, text] of Object.entries({ "index.html": "accueil 2", "2021/12/09/irak/index.html": "irak 2", "2021/12/11/neuf/index.html": "neuf" }))
      write(site, path, text);
    const changed = ["index.html", "2021/12/09/irak", "2021/12/10/retire/index.html", "2021/12/11/neuf/index.html"];
    // A run stopped after two paths, one of them taken out and not linked again yet.
    catchUpStaging(site, spare, changed.slice(0, 2), join(root, "trash-1"));
    renameSync(join(spare, "2021/12/10/retire/index.html"), join(root, "trash-1", "retiré"));
    catchUpStaging(site, spare, changed, join(root, "trash-2"));
    expect(files(spare)).toEqual(files(site));
    expect(siteFolders(spare)).toEqual(siteFolders(site));
    catchUpStaging(site, spare, changed, join(root, "trash-3"));
    expect(files(spare)).toEqual(files(site));
    expect(siteFolders(spare)).toEqual(siteFolders(site));
  });
});
