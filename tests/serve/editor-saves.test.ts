/**
 * `depeche serve` sees every save, however the editor's tool saves: in place, by renaming a
 * temporary file over the article (vim, emacs, JetBrains' safe write, gedit, `sed -i`), by
 * deleting and writing it again; in folders made while it serves, and as files and folders are
 * moved in and out of the content.
 */
import http from "node:http";
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningDevServer } from "../../src/serve/dev-server.ts";
import { articleText, makeArchive, type TestArchive } from "../helpers/archive.ts";
import { startPreview } from "../helpers/site.ts";

let archive: TestArchive;
let server: RunningDevServer;
let article: string;

const PAGE = "/2021/12/09/premier-titre/";
const version = (body: string): string => articleText({ title: "Premier titre", date: "2021-12-09T10:00:00", body });

beforeAll(async () => {
  archive = makeArchive();
  article = archive.article("2021/12/09-a.md", version("Version 1."));
  server = await startPreview(archive);
});
afterAll(async () => {
  await server?.close();
  archive?.remove();
});

// As `sed -i` (and vim, emacs, gedit) save: a new file beside the article, renamed over it.
function saveByRename(path: string, text: string): void {
  const temporary = join(dirname(path), "sedX1b2c3");
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, server.url), (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

// The preview updates within a few tens of milliseconds; a save it never sees leaves the page as it was.
async function eventually(path: string, expected: string | 404): Promise<void> {
  const shows = (page: { status: number; body: string }): boolean =>
    expected === 404 ? page.status === 404 : page.status === 200 && page.body.includes(expected);
  const deadline = Date.now() + 10_000;
  let page = await get(path);
  while (!shows(page) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    page = await get(path);
  }
  expect(shows(page), `${path} should show ${expected}, and is still: ${page.status}`).toBe(true);
}

describe("depeche serve sees every save", () => {
  it("of an article saved again and again by renaming a new file over it, then in place", async () => {
    await eventually(PAGE, "Version 1.");
    saveByRename(article, version("Version 2."));
    await eventually(PAGE, "Version 2.");
    saveByRename(article, version("Version 3."));
    await eventually(PAGE, "Version 3.");
    archive.article("2021/12/09-a.md", version("Version 4."));
    await eventually(PAGE, "Version 4.");
  });

  it("of an article deleted and written again, with a pause between or at once (the old one kept as a backup)", async () => {
    unlinkSync(article);
    await eventually(PAGE, 404);
    writeFileSync(article, version("Version 5."));
    await eventually(PAGE, "Version 5.");
    renameSync(article, `${article}~`);
    writeFileSync(article, version("Version 6."));
    await eventually(PAGE, "Version 6.");
    saveByRename(article, version("Version 7."));
    await eventually(PAGE, "Version 7.");
  });

  it("in folders made while it serves, and of articles and folders moved in and out", async () => {
    const march = archive.article("2022/03/15-mars.md", articleText({ title: "Mars", date: "2022-03-15T10:00:00", body: "Mars 1." }));
    await eventually("/2022/03/15/mars/", "Mars 1.");
    saveByRename(march, articleText({ title: "Mars", date: "2022-03-15T10:00:00", body: "Mars 2." }));
    await eventually("/2022/03/15/mars/", "Mars 2.");

    const outside = join(archive.root, "outside");
    mkdirSync(join(outside, "2023/05"), { recursive: true });
    writeFileSync(join(outside, "10-arrivee.md"), articleText({ title: "Arrivée", date: "2021-12-10T10:00:00", body: "Arrivée 1." }));
    renameSync(join(outside, "10-arrivee.md"), join(archive.dir, "articles/2021/12/10-arrivee.md"));
    await eventually("/2021/12/10/arrivee/", "Arrivée 1.");
    renameSync(join(archive.dir, "articles/2021/12/10-arrivee.md"), join(outside, "10-arrivee.md"));
    await eventually("/2021/12/10/arrivee/", 404);

    writeFileSync(join(outside, "2023/05/20-mai.md"), articleText({ title: "Mai", date: "2023-05-20T10:00:00", body: "Mai 1." }));
    renameSync(join(outside, "2023"), join(archive.dir, "articles/2023"));
    await eventually("/2023/05/20/mai/", "Mai 1.");
    saveByRename(join(archive.dir, "articles/2023/05/20-mai.md"), articleText({ title: "Mai", date: "2023-05-20T10:00:00", body: "Mai 2." }));
    await eventually("/2023/05/20/mai/", "Mai 2.");
    renameSync(join(archive.dir, "articles/2023"), join(outside, "2023"));
    await eventually("/2023/05/20/mai/", 404);
    // Moved back under the same name: watched again, and its saves seen.
    renameSync(join(outside, "2023"), join(archive.dir, "articles/2023"));
    await eventually("/2023/05/20/mai/", "Mai 2.");
    saveByRename(join(archive.dir, "articles/2023/05/20-mai.md"), articleText({ title: "Mai", date: "2023-05-20T10:00:00", body: "Mai 3." }));
    await eventually("/2023/05/20/mai/", "Mai 3.");
  });
});
