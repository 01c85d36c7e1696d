import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import type { Content } from "../../src/content/model.ts";
import { foldPath, siteFiles, SitePaths } from "../../src/content/site-files.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { buildArchive, siteFiles as filesBelow } from "../helpers/site.ts";
import { fileOfUrl, SEARCH_INDEX_URL } from "../../src/urls/site-urls.ts";

let archive: TestArchive;
let content: Content;

beforeAll(async () => {
  archive = makeArchive();
  for (let i = 1; i <= 22; i++)
    archive.article(`2021/12/09-${i}.md`, { title: `Article ${i}`, topics: "[Irak]", sources: "[AA]", extra: i === 22 ? "draft: true" : undefined });
  archive.article("2022/01/03-b.md", {
    title: "B",
    date: "2022-01-03T23:30:00",
    topics: "[Défense, Économie]",
    sources: "[TRT FR]",
    extra: "aliases: [/ancien/, /vieux/page.html]",
  });
  const loaded = await loadContent({ contentDir: archive.dir });
  content = loaded.content!;
});
afterAll(() => archive.remove());

describe("the list of the paths the site writes", () => {
  it.each([
    ["with drafts and the search index", { drafts: true, search: true }],
    ["without drafts", { drafts: false, search: false }],
  ])(
    "holds every file a build writes, %s, but the redirect pages",
    async (_, options) => {
      const built = await buildArchive(archive, { ...options, outDir: `${archive.root}/_site-${options.drafts}` });
      expect(built.result.ok).toBe(true);
      const listed = new Set(siteFiles(content).map((f) => f.path));
      const redirects = new Set(content.articles.flatMap((a) => a.aliases.map(fileOfUrl)));
      const written = filesBelow(built.out);
      expect(written.some((path) => path.startsWith(SEARCH_INDEX_URL))).toBe(options.search);
      const unlisted = written.filter((path) => !listed.has(path) && !redirects.has(path) && !path.startsWith(SEARCH_INDEX_URL));
      expect(unlisted).toEqual([]);
      expect([...redirects].every((path) => written.includes(path))).toBe(true);
    },
    120_000,
  );

  it("writes a URL's page at its path decoded, where static servers look for it", () => {
    expect(fileOfUrl("/2021/12/09/caf%C3%A9/")).toBe("/2021/12/09/café/index.html");
    expect(fileOfUrl("/caf%c3%a9%20cr%C3%A8me.html")).toBe("/café crème.html");
    expect(fileOfUrl("/100%25/")).toBe("/100%/index.html");
    expect(fileOfUrl("/2021/12/09/titre/")).toBe("/2021/12/09/titre/index.html");
    // A malformed escape (in a link: check refuses it in an alias) reaches no page.
    expect(fileOfUrl("/caf%E9/")).toBe("/caf%E9/index.html");
  });

  it("tells a path from another as case-insensitive disks and decoding servers do", () => {
    expect(foldPath(fileOfUrl("/Caf%C3%A9/"))).toBe(foldPath(fileOfUrl("/cafe%CC%81/")));
    expect(foldPath(fileOfUrl("/%41/"))).toBe("/a/index.html");
    // Decoded once: `%2541` is the name `%41`, not `A`.
    expect(foldPath(fileOfUrl("/%2541/"))).toBe("/%41/index.html");
    const paths = new SitePaths([{ path: "/feed.xml" }, { path: "/2021/12/09/titre/index.html" }]);
    expect(paths.claim({ path: "/FEED.xml/index.html" })).toMatchObject({ kind: "inside", other: { path: "/feed.xml" } });
    expect(paths.claim({ path: "/2021/12/09/TITRE/index.html" })).toMatchObject({ kind: "same" });
    expect(paths.claim({ path: "/2021/12/09.html" })).toBeUndefined();
    expect(paths.claim({ path: "/2021/12/09.html/x/index.html" })).toMatchObject({ kind: "inside", other: { path: "/2021/12/09.html" } });
    expect(paths.claim({ path: "/2021.html/index.html" })).toBeUndefined();
    expect(paths.claim({ path: "/2021.html" })).toMatchObject({ kind: "over" });
    expect(paths.claim({ path: "/PageFind/index.html" })).toEqual({ kind: "folder", folder: "/pagefind/" });
    expect(paths.claim({ path: "/images/index.html" })).toEqual({ kind: "folder", folder: "/images/" });
    expect(paths.claim({ path: "/images-anciennes/index.html" })).toBeUndefined();
  });
});
