import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { completeRepositoryWalk, nestedRepositories, repositoriesOutsidePages } from "../../src/files/output-folder.ts";

let site: string;
afterEach(() => rmSync(site, { recursive: true, force: true }));

/** A site's folder with repositories no build wrote, outside the pages' own folders and in them. */
function siteWithRepositories(): string {
  const root = mkdtempSync(join(tmpdir(), "depeche-nested-"));
  const file = (path: string, text = ""): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  file("index.html");
  file(".git/HEAD", "ref: refs/heads/gh-pages\n"); // the site's own clone: not below its top
  file("2021/travail/.git/HEAD", "ref: refs/heads/main\n");
  file("2021/12/.git", "gitdir: ../../.git/worktrees/12\n");
  file("2021/12/09/irak/index.html");
  file("2021/12/09/irak/.git", "gitdir: ../../../../.git/worktrees/irak\n");
  file("2021/12/09/irak/brouillons/notes/.git/HEAD", "ref: refs/heads/main\n");
  file("2021/12/10/été/index.html");
  file("2021/12/10/été/.git/HEAD", "ref: refs/heads/main\n");
  file("2021/12/11/calme/index.html");
  file("2021/12/11/.git", "gitdir: ../../../.git/worktrees/11\n"); // a day's own: looked for, not listed
  file("sujets/irak/index.html");
  file("sujets/irak/page/2/index.html");
  file("sujets/irak/page/2/.git/HEAD", "ref: refs/heads/main\n");
  file("sujets/irak/page/brouillon/.git/HEAD", "ref: refs/heads/main\n"); // no page's folder
  file("sources/aa/page/.git/HEAD", "ref: refs/heads/main\n");
  file("ailleurs/.git/HEAD", "ref: refs/heads/main\n");
  symlinkSync(join(root, "ailleurs"), join(root, "2021/12/11/calme/lien")); // not followed
  return root;
}

describe("the site read for repositories no build wrote", () => {
  it("outside the pages' folders names those it left out; completed with them, finds what a whole read finds", () => {
    site = siteWithRepositories();
    const outside = repositoriesOutsidePages(site);
    expect(outside.found).toEqual([
      "2021/12/.git",
      "2021/12/11/.git",
      "2021/travail/.git",
      "ailleurs/.git",
      "sources/aa/page/.git",
      "sujets/irak/page/brouillon/.git",
    ]);
    expect(outside.pagesIn.sort()).toEqual(["2021/12/09", "2021/12/10", "2021/12/11", "sujets/irak/page"]);
    expect(nestedRepositories(site, { pageFolders: false })).toEqual(outside.found);
    const all = completeRepositoryWalk(site, outside);
    expect(all).toEqual(nestedRepositories(site));
    expect(all).toEqual([
      "2021/12/.git",
      "2021/12/09/irak/.git",
      "2021/12/09/irak/brouillons/notes/.git",
      "2021/12/10/été/.git",
      "2021/12/11/.git",
      "2021/travail/.git",
      "ailleurs/.git",
      "sources/aa/page/.git",
      "sujets/irak/page/2/.git",
      "sujets/irak/page/brouillon/.git",
    ]);
  });

  it("completed, reads the pages' folders left out alone, not the rest of the site again", () => {
    site = siteWithRepositories();
    // What the survey's thread answered: trusted for the rest of the site, whatever lies there now.
    const walk = { found: ["2021/zz/.git"], pagesIn: ["2021/12/09", "2021/12/11"] };
    expect(completeRepositoryWalk(site, walk)).toEqual(["2021/12/09/irak/.git", "2021/12/09/irak/brouillons/notes/.git", "2021/zz/.git"]);
    expect(completeRepositoryWalk(site, { found: ["2021/zz/.git"], pagesIn: ["2021/12/11"] })).toEqual(["2021/zz/.git"]);
    expect(completeRepositoryWalk(site, { found: [], pagesIn: ["sujets/irak/page"] })).toEqual(["sujets/irak/page/2/.git"]);
    // A day's own .git was the first read's to find, not found again.
    expect(completeRepositoryWalk(site, { found: [], pagesIn: ["2021/12/11"] })).toEqual([]);
  });
});
