import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { runNew } from "../../src/cli/new.ts";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { loadContent } from "../../src/content/load.ts";
import { BODY_PLACEHOLDER } from "../../src/content/validate.ts";
import { runInProcess, type Run } from "../helpers/cli.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
let archive: TestArchive;
afterEach(() => archive?.remove());

function newCli(...args: string[]): Promise<Run> {
  return runInProcess("new", runNew, [...args, "--content", archive.dir]);
}

async function diagnosticsOf(): Promise<string[]> {
  const result = await loadContent({ contentDir: archive.dir, nowMs: Date.parse("2030-01-01T00:00:00Z") });
  return result.diagnostics.map(formatDiagnostic);
}

describe("depeche new", () => {
  it("creates a draft to fill in and prints its path (through bin/depeche.js)", async () => {
    archive = makeArchive();
    const r = spawnSync(process.execPath, [bin, "new", "L’Irak vote", "--topics", "irak,Défense", "--date", "2021-12-09", "--content", "content"], {
      cwd: archive.root,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("content/articles/2021/12/09-l-irak-vote.md\n");
    expect(readFileSync(join(archive.dir, "articles/2021/12/09-l-irak-vote.md"), "utf8")).toBe(
      `---\ntitle: "L’Irak vote"\ndate: 2021-12-09\nsources: [] # codes de sources.yaml : [AA, TRT FR]\ntopics: [Irak, Défense] # entrées de topics.yaml, par exemple Irak, Défense\ndraft: true\n---\n${BODY_PLACEHOLDER}\n`,
    );
  });

  it("is a draft that check accepts with a warning per unfinished field, and refuses once draft is removed until they are written", async () => {
    archive = makeArchive();
    const r = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(r.status).toBe(0);
    const path = join(archive.dir, "articles/2021/12/09-l-irak-vote.md");
    const file = archive.display("articles/2021/12/09-l-irak-vote.md");
    const inDraft = ' (a warning in a draft, an error once "draft" is removed)';
    expect(await diagnosticsOf()).toEqual([
      `${file}:4:10: warning: "sources" is empty: list the codes of sources.yaml, e.g. sources: [AA, TRT FR]${inDraft}`,
      `${file}:5:9: warning: "topics" is empty: list entries of topics.yaml, e.g. topics: [Irak, Défense]${inDraft}`,
      `${file}:8:1: warning: the body still holds the placeholder "${BODY_PLACEHOLDER}": replace it with the article's text${inDraft}`,
    ]);
    const edit = (from: RegExp | string, to: string): void => writeFileSync(path, readFileSync(path, "utf8").replace(from, to));
    edit("draft: true\n", "");
    expect(await diagnosticsOf()).toEqual([
      `${file}:4:10: error: "sources" must list at least one entry, e.g. sources: [AA, TRT FR]`,
      `${file}:5:9: error: "topics" must list at least one entry, e.g. topics: [Irak, Défense]`,
      `${file}:7:1: error: the body still holds the placeholder "${BODY_PLACEHOLDER}": replace it with the article's text`,
    ]);
    edit(/^sources: .*$/m, "sources: [AA]");
    edit(/^topics: .*$/m, "topics: [Irak]");
    expect(await diagnosticsOf()).toEqual([
      `${file}:7:1: error: the body still holds the placeholder "${BODY_PLACEHOLDER}": replace it with the article's text`,
    ]);
    edit(BODY_PLACEHOLDER, "Le Parlement irakien a voté.");
    expect(await diagnosticsOf()).toEqual([]);
  });

  it("writes from the newsroom's template in modeles/article.md, and the draft passes check", async () => {
    archive = makeArchive();
    archive.write(
      "modeles/article.md",
      '---\ntitle: {{ titre }}\ndate: {{ date }}\nsources: [AA]\ntopics: {{ sujets }}\nsummary: ""\n---\n## {{ titre }}\n\nÉcrivez ici le texte de l’article.\n\n*Avec AFP.*\n',
    );
    const r = await newCli("L’Irak *vote*", "--topics", "Irak", "--date", "2021-12-09");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const file = archive.display("articles/2021/12/09-l-irak-vote.md");
    expect(readFileSync(join(archive.dir, "articles/2021/12/09-l-irak-vote.md"), "utf8")).toBe(
      `---\ntitle: "L’Irak *vote*"\ndate: 2021-12-09\nsources: [AA]\ntopics: [Irak]\nsummary: ""\ndraft: true\n---\n## L’Irak \\*vote\\*\n\n${BODY_PLACEHOLDER}\n\n*Avec AFP.*\n`,
    );
    const inDraft = ' (a warning in a draft, an error once "draft" is removed)';
    expect(await diagnosticsOf()).toEqual([
      `${file}:6:10: warning: "summary" is empty: write the standfirst or remove the key${inDraft}`,
      `${file}:11:1: warning: the body still holds the placeholder "${BODY_PLACEHOLDER}": replace it with the article's text${inDraft}`,
    ]);
  });

  it("refuses a template with an unknown variable or one check would refuse, at its line, writing nothing", async () => {
    archive = makeArchive();
    const template = archive.display("modeles/article.md");
    archive.write("modeles/article.md", "---\ntitle: {{ titre }}\ndate: {{ date }}\nauteur: {{ auteur }}\n---\nTexte.\n");
    const unknown = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(`${template}:4:9: error: variable inconnue « {{ auteur }} »`);
    expect(unknown.stderr).toContain(`depeche new: the template ${template} can't make a draft that check accepts`);

    archive.write("modeles/article.md", "---\ntitle: {{ titre }}\ndate: {{ date }}\nsources: [AA]\ntopics: [Irack]\ntags: [x]\n---\nTexte.\n");
    const invalid = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain(`${template}:5:10: error: unknown topic "Irack"`);
    expect(invalid.stderr).toContain(`${template}:6:1: error:`);
    expect(existsSync(join(archive.dir, "articles/2021"))).toBe(false);
  });

  it("dates the article today in the site's timezone", async () => {
    archive = makeArchive();
    const before = DateTime.now().setZone("Europe/Paris").toISODate()!;
    const r = await newCli("Dépêche du jour");
    const after = DateTime.now().setZone("Europe/Paris").toISODate()!;
    expect(r.status).toBe(0);
    const [year, month, day] = (r.stdout.includes(`/${after.slice(8)}-`) ? after : before).split("-");
    expect(r.stdout.trim()).toBe(archive.display(`articles/${year}/${month}/${day}-depeche-du-jour.md`));
    expect(readFileSync(join(archive.dir, `articles/${year}/${month}/${day}-depeche-du-jour.md`), "utf8")).toContain(`date: ${year}-${month}-${day}\n`);
  });

  it("refuses a URL already used, and an existing file, writing nothing", async () => {
    archive = makeArchive();
    archive.article("irak.md", { title: "L’Irak vote", date: "2021-12-09T10:00:00" });
    const taken = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(taken.status).toBe(1);
    expect(taken.stderr).toBe(
      `depeche new: /2021/12/09/l-irak-vote/ is already the URL of ${archive.display("articles/irak.md")}: choose another title; nothing was written\n`,
    );
    expect(existsSync(join(archive.dir, "articles/2021/12/09-l-irak-vote.md"))).toBe(false);

    archive.write("articles/2021/12/10-l-irak-vote.md", "notes\n");
    const exists = await newCli("L’Irak vote", "--date", "2021-12-10");
    expect(exists.status).toBe(1);
    expect(exists.stderr).toContain("already exists and is never overwritten");
    expect(readFileSync(join(archive.dir, "articles/2021/12/10-l-irak-vote.md"), "utf8")).toBe("notes\n");
  });

  it("refuses a URL that urls.txt remembers", async () => {
    archive = makeArchive();
    archive.write("urls.txt", "/2021/12/09/l-irak-vote/\n");
    const r = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `/2021/12/09/l-irak-vote/ was published before (${archive.display("urls.txt")}:1) and no article holds it now: choose another title`,
    );
  });

  it("refuses a topics.yaml that is a symbolic link, at its path, writing nothing", async () => {
    archive = makeArchive();
    const outside = join(archive.root, "topics.yaml");
    renameSync(join(archive.dir, "topics.yaml"), outside);
    symlinkSync(outside, join(archive.dir, "topics.yaml"));
    const r = await newCli("L’Irak vote", "--date", "2021-12-09");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${archive.display("topics.yaml")}:1:1: error: symbolic links are not followed: put the file itself in the content folder\n` +
        `depeche new: the content folder ${archive.dir} can't take articles until these errors are fixed; nothing was written\n`,
    );
    expect(existsSync(join(archive.dir, "articles/2021"))).toBe(false);
  });

  it.each([
    { args: [] as string[], status: 2, message: "give one title, in quotes" },
    { args: ["Un", "Deux"], status: 2, message: "give one title, in quotes" },
    { args: ["  "], status: 2, message: "the title is empty" },
    { args: ["Titre", "--date", "demain"], status: 2, message: '--date "demain" is not a date' },
    {
      args: ["Titre", "--date", "2021-12-09T10:00:00+24:00"],
      status: 2,
      message: '--date "2021-12-09T10:00:00+24:00" is not a date: the UTC offset +24:00 does not exist: write one from -12:00 to +14:00',
    },
    { args: ["Titre", "--topics", "Irack"], status: 2, message: 'unknown topic "Irack" in --topics (did you mean "Irak"?)' },
    { args: ["!!!"], status: 1, message: "the title has no letters or digits" },
    { args: ["x".repeat(201)], status: 1, message: "the title is longer than 200 characters" },
    { args: ["Titre", "--date", "9999-01-01"], status: 2, message: '--date "9999-01-01" is in the year 9999: Dépêche accepts the years 1900 to 2100' },
  ])("exits $status: $message", async ({ args, status, message }) => {
    archive = makeArchive();
    const r = await newCli(...args);
    expect(r.status).toBe(status);
    expect(r.stderr).toContain(message);
  });

  it("makes a file every disk can hold from a title that transliteration lengthens, or that Windows keeps for a device", async () => {
    archive = makeArchive();
    const long = Array.from({ length: 40 }, () => "Щука").join(" ");
    const r = await newCli(long, "--date", "2021-12-09");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const slug = `${Array.from({ length: 31 }, () => "schuka").join("-")}`;
    expect(r.stdout).toBe(`${archive.display(`articles/2021/12/09-${slug}.md`)}\n`);
    const nul = await newCli("Nul", "--date", "2021-12-09");
    expect(nul.stdout).toBe(`${archive.display("articles/2021/12/09-nul-1.md")}\n`);
    // check reads the same URLs as new wrote: drafts to fill, but no URL error.
    expect((await diagnosticsOf()).filter((e) => /URL|slug/.test(e))).toEqual([]);
  });
});
