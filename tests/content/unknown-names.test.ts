import { afterEach, describe, expect, it } from "vitest";
import { Diagnostics, formatDiagnostic, type Diagnostic } from "../../src/content/diagnostics.ts";
import { MAX_DIAGNOSTICS_PER_FILE } from "../../src/content/limits.ts";
import { loadContent } from "../../src/content/load.ts";
import { makeArchive, SOURCES_YAML, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

const NOW = Date.parse("2026-01-01T00:00:00Z");

async function errorsOf(a: TestArchive): Promise<Diagnostic[]> {
  const result = await loadContent({ contentDir: a.dir, nowMs: NOW });
  return result.diagnostics.filter((d) => d.severity === "error");
}

// `n` articles, one a day from 2021-12-01, each naming what `spec` gives (a source on line 4, topics on line 5).
function writeArticles(a: TestArchive, n: number, spec: { sources?: string; topics?: string }, from = 1): string[] {
  return Array.from({ length: n }, (_, i) => {
    const day = String(from + i).padStart(2, "0");
    a.article(`2021/12/${day}-a.md`, { title: `Dépêche du ${day}`, date: `2021-12-${day}`, ...spec });
    return a.display(`articles/2021/12/${day}-a.md`);
  });
}

const RENAMED_AA = SOURCES_YAML.replace("code: AA\n", "code: AAJ\n");

describe("a source's code renamed without its old one in aliases", () => {
  it("is one error at the renamed entry's line, with the line to paste there, counting every article", async () => {
    archive = makeArchive({ "sources.yaml": RENAMED_AA });
    const files = writeArticles(archive, 6, { sources: "[AA, TRT FR]" });
    const errors = await errorsOf(archive);
    expect(errors.map(formatDiagnostic)).toEqual([
      fr`${archive.display("sources.yaml")}:1:9: error: source inconnue « AA », nommée par 6 articles (${files[0]}:4, ${files[1]}:4, ${files[2]}:4 et 3 autres) : si c’est l’ancien code de cette source, gardez-le dans ses anciens codes, aliases: [AA], et ces articles lui restent rattachés ; sinon, remplacez « AA » dans ces articles, ou ajoutez à sources.yaml une source de ce code`,
    ]);
    // Every article's place is there, for --json.
    expect(errors[0]!.places).toEqual(files.map((file) => ({ file, line: 4, column: 11 })));
  });

  it("keeps its former codes in the line to paste", async () => {
    archive = makeArchive({ "sources.yaml": SOURCES_YAML.replace("code: AA\n", "code: AAJ\n  aliases: [Anadolu]\n") });
    writeArticles(archive, 4, { sources: "[AA]" });
    const [error, ...others] = await errorsOf(archive);
    expect(others).toEqual([]);
    expect(error!.message).toContain("aliases: [anadolu, AA]");
    expect(`${error!.file}:${error!.line}`).toBe(`${archive.display("sources.yaml")}:1`);
  });

  it("is one error for every way of writing the code, named as most articles write it", async () => {
    archive = makeArchive({ "sources.yaml": RENAMED_AA });
    writeArticles(archive, 2, { sources: "[aa]" });
    writeArticles(archive, 3, { sources: "[AA]" }, 10);
    const errors = await errorsOf(archive);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(fr`nommée par 5 articles`);
    expect(errors[0]!.message).toContain("aliases: [AA]");
    expect(errors[0]!.places).toHaveLength(5);
  });

  it("leaves one error to each article when three or fewer name the code, each at its line", async () => {
    archive = makeArchive({ "sources.yaml": RENAMED_AA });
    const files = writeArticles(archive, 3, { sources: "[AA]" });
    const errors = await errorsOf(archive);
    expect(errors.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(files.map((file) => `${file}:4:11`));
    expect(errors.every((d) => d.message.startsWith(fr`source inconnue « AA » (vouliez-vous dire « AAJ » ?)`))).toBe(true);
  });

  it("counts articles, not mentions: one article naming the code twice is one", async () => {
    archive = makeArchive({ "sources.yaml": RENAMED_AA });
    writeArticles(archive, 2, { sources: "[AA, aa]" });
    writeArticles(archive, 1, { sources: "[AA]" }, 10);
    expect(await errorsOf(archive)).toHaveLength(5);
  });
});

describe("a topic's slug renamed without its old one in aliases", () => {
  const TOPICS = `- slug: irak
  label: Irak
- slug: etats-unis
  label: "États-Unis"
  aliases: [us]
`;

  it("is one error at the only topic no article names, when the old slug is near no other", async () => {
    archive = makeArchive({ "topics.yaml": TOPICS });
    const files = writeArticles(archive, 5, { topics: "[Irak, usa]" });
    const errors = await errorsOf(archive);
    expect(errors.map(formatDiagnostic)).toEqual([
      fr`${archive.display("topics.yaml")}:3:9: error: sujet inconnu « usa », nommé par 5 articles (${files[0]}:5, ${files[1]}:5, ${files[2]}:5 et 2 autres) : si c’est l’ancien slug de ce sujet, gardez-le dans ses anciens slugs, aliases: [us, usa], et ces articles lui restent rattachés ; sinon, remplacez « usa » dans ces articles, ou ajoutez à topics.yaml un sujet de ce slug`,
    ]);
  });

  it("gives the old name as a slug, which is what aliases take", async () => {
    archive = makeArchive({ "topics.yaml": TOPICS });
    writeArticles(archive, 4, { topics: '[Irak, "Amérique du Nord"]' });
    const [error] = await errorsOf(archive);
    expect(error!.message).toContain("aliases: [us, amerique-du-nord]");
  });

  it("with several topics no article names, stands at the first article, and says what to paste where", async () => {
    archive = makeArchive({ "topics.yaml": `${TOPICS}- slug: economie\n  label: "Économie"\n` });
    const files = writeArticles(archive, 4, { topics: "[Irak, usa]" });
    const errors = await errorsOf(archive);
    expect(errors.map(formatDiagnostic)).toEqual([
      fr`${files[0]}:5:16: error: sujet inconnu « usa », nommé par 4 articles (${files[0]}:5, ${files[1]}:5, ${files[2]}:5 et 1 autre) : utilisez une entrée de topics.yaml dans ces articles, ou ajoutez-la ; si c’est l’ancien slug d’un sujet renommé, gardez-le dans ses anciens slugs (aliases: [usa] à ce sujet de topics.yaml)`,
    ]);
    expect(errors[0]!.places).toHaveLength(4);
  });

  it("an old slug near a topic articles name stands at the only other one when urls.txt published its page, else at the first article", async () => {
    // « irak-guerre » starts like « irak », which articles name: a typo of it, or the old slug of the topic no article names?
    archive = makeArchive({ "topics.yaml": '- slug: irak\n  label: Irak\n- slug: conflit-irakien\n  label: "Conflit irakien"\n' });
    const files = writeArticles(archive, 4, { topics: "[Irak, irak-guerre]" });
    const where = async (): Promise<string[]> => (await errorsOf(archive)).filter((d) => d.places).map((d) => `${d.file}:${d.line}`);
    expect(await where()).toEqual([`${files[0]}:5`]);
    archive.write("urls.txt", "/sujets/irak/\n/sujets/irak-guerre/\n");
    expect(await where()).toEqual([`${archive.display("topics.yaml")}:3`]);
  });
});

describe("many articles naming a name that was never an entry's", () => {
  it("a typo of a topic articles name is told with the name meant, at the first article, not as a rename", async () => {
    // Économie, named by no article, is the only entry left: a rename would have lost its articles.
    archive = makeArchive({ "topics.yaml": '- slug: irak\n  label: Irak\n- slug: economie\n  label: "Économie"\n' });
    writeArticles(archive, 2, { topics: "[Irak]" });
    const files = writeArticles(archive, 4, { topics: "[Irack]" }, 10);
    const errors = await errorsOf(archive);
    expect(errors).toHaveLength(1);
    expect(formatDiagnostic(errors[0]!)).toMatch(
      new RegExp(`^${files[0]}:5:10: error: ${fr`sujet inconnu « Irack » (vouliez-vous dire « Irak » ?), nommé par 4 articles`.replace(/[()?]/g, "\\$&")}`),
    );
  });

  it("a new agency, with every source named, is one error at the first article", async () => {
    archive = makeArchive();
    writeArticles(archive, 1, { sources: "[AA, TRT FR]" });
    const files = writeArticles(archive, 5, { sources: "[Reuters]" }, 10);
    const errors = await errorsOf(archive);
    expect(errors.map(formatDiagnostic)).toEqual([
      fr`${files[0]}:4:11: error: source inconnue « Reuters », nommée par 5 articles (${files[0]}:4, ${files[1]}:4, ${files[2]}:4 et 2 autres) : utilisez un code de sources.yaml dans ces articles, ou ajoutez-le ; si c’est l’ancien code d’une source renommée, gardez-le dans ses anciens codes (aliases: [Reuters] à cette source de sources.yaml)`,
    ]);
  });

  it("an old code that another source's code already makes is not told to be made an alias, which would be refused", async () => {
    archive = makeArchive({ "sources.yaml": SOURCES_YAML.replace("code: AA\n", "code: AAJ\n") });
    writeArticles(archive, 1, { sources: "[AAJ]" });
    writeArticles(archive, 4, { sources: "[TRT-FR]" }, 10);
    const errors = await errorsOf(archive);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).not.toContain("aliases");
    expect(errors[0]!.message).toContain(fr`(vouliez-vous dire « TRT FR » ?)`);
  });
});

describe("the line that counts a file's problems past its limit", () => {
  it("is no error of a name, though the first it counts is one: it stands for problems of every kind", () => {
    const diagnostics = new Diagnostics();
    for (let i = 0; i <= MAX_DIAGNOSTICS_PER_FILE; i++)
      diagnostics.error("a.md", { line: i + 1, column: 11 }, "source inconnue", { kind: "unknownSource", name: "AA" });
    const more = diagnostics.items.at(-1)!;
    expect(more.message).toContain("100");
    expect(more).not.toHaveProperty("name");
    expect(more).not.toHaveProperty("kind");
  });
});
