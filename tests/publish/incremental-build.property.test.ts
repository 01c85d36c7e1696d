import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSite, type BuildPhase } from "../../src/publish/build-site.ts";
import { spareFolder } from "../../src/publish/stage-from-site.ts";
import { makeArchive, TOPICS_YAML, type TestArchive } from "../helpers/archive.ts";
import { FIXED_NOW, siteFiles, treeDigest } from "../helpers/site.ts";

// The proof that an incremental build is a clean build: random sequences of editors' edits, and
// after every one the site the cache-driven build leaves equals, byte for byte, the site a clean
// build of the same content writes. An incremental build stages in the spare: after an
// incremental build, the site it replaced, brought up to date with only what that build changed;
// after a clean one (of a large archive, as all are here), that build's own site, linked. The spare is checked to be that site.

interface Doc {
  id: number;
  title: string;
  date: string;
  topics: string[];
  body: string;
  draft: boolean;
  aliases: string[];
}

// Then, for the articles added: an older year, day and month than any; a newer year; a new day in a
// month that has others; a time within a day that has others (mid-list in every list).
const DATES = [
  "2021-12-09T12:00:00",
  "2021-12-10T09:30:00",
  "2021-11-02T18:00:00",
  "2022-01-05T07:00:00",
  "2022-01-05T23:30:00",
  "2020-06-15T10:00:00",
  "2023-03-01T08:00:00",
  "2021-12-25T11:00:00",
  "2021-12-09T15:00:00",
];
const TITLES = ["L’Irak annonce la fin de la mission", "Budget : l’État « rassure »", "Le cœur & l’œuvre", "Un titre bien plus long que les autres, pour voir"];
const TOPICS = ["irak", "etats-unis", "defense", "terrorisme", "economie"];
// topics.yaml as editors might rewrite it: a label reworded, a description added, an old slug kept.
const TOPICS_FILES = [
  TOPICS_YAML,
  TOPICS_YAML.replace("label: Terrorisme", "label: Terrorisme et sécurité"),
  TOPICS_YAML.replace("label: Irak\n", "label: Irak\n  description: « L’Irak » au jour le jour.\n"),
  TOPICS_YAML.replace("label: Irak\n", "label: Irak\n  aliases: [irak-guerre]\n"),
];

type Edit =
  | { kind: "add"; date: number; title: number; topics: number[] }
  | { kind: "body" | "title" | "redate" | "delete" | "alias" | "topics" | "draft"; doc: number; value: number; topics: number[] }
  | { kind: "topicsYaml"; value: number };

const pick = fc.nat({ max: 99 });
const topicSet = fc.uniqueArray(fc.nat({ max: TOPICS.length - 1 }), { minLength: 1, maxLength: 3 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), date: pick, title: pick, topics: topicSet }),
  fc.record({
    kind: fc.constantFrom("body" as const, "title" as const, "redate" as const, "delete" as const, "alias" as const, "topics" as const, "draft" as const),
    doc: pick,
    value: pick,
    topics: topicSet,
  }),
  fc.record({ kind: fc.constant("topicsYaml" as const), value: pick }),
);

/** An archive the test edits as editors would, keeping it valid: urls.txt guards the first articles' URLs. */
class EditedArchive {
  readonly archive: TestArchive = makeArchive();
  private docs: Doc[] = [];
  private nextId = 0;
  private readonly urlLines: string[] = [];
  private readonly published = new Set<string>();
  private aliasCount = 0;
  private topics = TOPICS_YAML;

  constructor() {
    for (let i = 0; i < 5; i++) this.docs.push(this.newDoc(DATES[i % 5]!, TITLES[i % TITLES.length]!, [TOPICS[i % TOPICS.length]!]));
    // A topic listed on two pages (20 a page): an article added within it shifts the second page.
    for (let i = 0; i < 18; i++)
      this.docs.push(
        this.newDoc(DATES[i % 5]!.replace(/T\d\d/, `T${String(8 + (i % 12)).padStart(2, "0")}`), TITLES[i % TITLES.length]!, [
          "economie",
          ...(i % 3 === 0 ? ["defense"] : []),
        ]),
      );
    for (const doc of this.docs) {
      this.urlLines.push(urlOf(doc));
      this.published.add(urlOf(doc));
    }
    this.writeAll();
  }

  /** Applies an edit; says whether it changed the registries (topics.yaml). */
  apply(e: Edit): boolean {
    if (e.kind === "topicsYaml") {
      const topics = TOPICS_FILES[e.value % TOPICS_FILES.length]!;
      if (topics === this.topics) return false;
      this.topics = topics;
      this.archive.write("topics.yaml", topics);
      return true;
    }
    if (e.kind === "add") {
      this.docs.push(
        this.newDoc(
          DATES[e.date % DATES.length]!,
          TITLES[e.title % TITLES.length]!,
          e.topics.map((t) => TOPICS[t]!),
        ),
      );
      this.writeAll();
      return false;
    }
    const doc = this.docs[e.doc % Math.max(1, this.docs.length)];
    if (!doc) return false;
    // At the end, or at the start, which changes the standfirst that lists show.
    if (e.kind === "body" && e.value % 2 === 0) doc.body += `\n\nUn paragraphe de plus (${e.value}), avec « guillemets ».`;
    if (e.kind === "body" && e.value % 2 === 1) doc.body = `Un nouveau premier paragraphe (${e.value}).\n\n${doc.body}`;
    if (e.kind === "title") doc.title = TITLES[e.value % TITLES.length]!;
    if (e.kind === "topics") doc.topics = e.topics.map((t) => TOPICS[t]!);
    // Escaped too: its redirect page is written at the path decoded (`/archives/café-2/`).
    if (e.kind === "alias") doc.aliases.push(e.value % 2 === 0 ? `/archives/ancien-${++this.aliasCount}/` : `/archives/caf%C3%A9-${++this.aliasCount}/`);
    // A published article is never a draft: only the ones added since. An article that answers a
    // published URL through an alias (re-dated) is published too: as a draft, that URL would be lost.
    if (e.kind === "draft" && ![urlOf(doc), ...doc.aliases].some((url) => this.published.has(url))) doc.draft = !doc.draft;
    if (e.kind === "redate") {
      // A published URL moves with an alias, the fix `check` asks for.
      const old = urlOf(doc);
      doc.date = DATES[e.value % DATES.length]!;
      if (this.published.has(old) && !doc.aliases.includes(old)) doc.aliases.push(old);
      doc.aliases = doc.aliases.filter((a) => a !== urlOf(doc));
    }
    if (e.kind === "delete") {
      // Withdrawn with a `! URL` line for each published URL it answered.
      for (const url of [urlOf(doc), ...doc.aliases]) if (this.published.has(url)) this.urlLines.push(`! ${url}`);
      this.docs = this.docs.filter((d) => d !== doc);
    }
    this.writeAll();
    return false;
  }

  private newDoc(date: string, title: string, topics: string[]): Doc {
    const id = this.nextId++;
    return { id, title, date, topics, body: `Le corps de la dépêche ${id}, premier paragraphe.`, draft: false, aliases: [] };
  }

  private writeAll(): void {
    rmSync(join(this.archive.dir, "articles"), { recursive: true, force: true });
    for (const doc of this.docs)
      this.archive.article(`depeche-${doc.id}.md`, {
        title: doc.title,
        date: doc.date,
        topics: `[${doc.topics.join(", ")}]`,
        extra: [
          `slug: depeche-${doc.id}`,
          ...(doc.draft ? ["draft: true"] : []),
          ...(doc.aliases.length > 0 ? [`aliases: [${doc.aliases.join(", ")}]`] : []),
        ].join("\n"),
        body: doc.body,
      });
    writeFileSync(join(this.archive.dir, "urls.txt"), `${this.urlLines.join("\n")}\n`);
  }
}

function urlOf(doc: Doc): string {
  const [day] = doc.date.split("T");
  // The dates above are all far enough from midnight in Paris (UTC+1 in winter) to keep their day.
  const [y, m, d] = day!.split("-");
  return `/${y}/${m}/${d}/depeche-${doc.id}/`;
}

/** The incremental build's output and what it staged in, checked against a clean build's. */
interface Built {
  incremental: boolean | undefined;
  /** The pages it planned: all, or some only (the fast paths). */
  planned?: "all" | "text" | "added";
  /** Whether it staged in the spare (an incremental build only). */
  spare: boolean;
  /** The digest of the site it wrote. */
  digest: string;
  /** The search bundles it patched rather than indexed again. */
  patched: number;
}

async function sameAsClean(edited: EditedArchive, search: boolean, before?: Built): Promise<Built> {
  const { root, dir } = edited.archive;
  const common = { contentDir: dir, drafts: false, nowMs: FIXED_NOW, search };
  const out = join(root, "incremental");
  const phases: BuildPhase[] = [];
  // Every clean build leaves a spare, as a large archive's does (`CLEAN_SPARE_PAGES`).
  const incremental = await buildSite({ ...common, outDir: out, cacheDir: join(root, "cache"), cleanSpareFrom: 0, onPhase: (p) => phases.push(p) });
  const clean = await buildSite({ ...common, outDir: join(root, "clean") });
  expect(incremental.ok, JSON.stringify(incremental.diagnostics)).toBe(true);
  expect(clean.ok).toBe(true);
  expect(siteFiles(out)).toEqual(siteFiles(join(root, "clean")));
  const digest = treeDigest(out);
  expect(digest).toBe(treeDigest(join(root, "clean")));
  // An incremental build keeps the site it replaced as the spare, whole; a clean build its own site.
  expect(treeDigest(spareFolder(out))).toBe(incremental.incremental && before ? before.digest : digest);
  const staged = phases.find((p) => p.name === "incremental");
  const indexed = phases.find((p) => p.name === "indexed");
  return {
    patched: indexed?.name === "indexed" ? (indexed.patched ?? 0) : 0,
    incremental: incremental.incremental,
    spare: staged?.name === "incremental" && staged.spare,
    ...(staged?.name === "incremental" ? { planned: staged.planned } : {}),
    digest,
  };
}

// How often each way of planning ran, by the edit that led to it: the fast paths must be exercised.
const plannedBy = new Map<string, number>();
// The search bundles patched, by the edit that led to it: the patch must be exercised.
const patchedBy = new Map<string, number>();

async function runEdits(edits: Edit[], search: boolean): Promise<void> {
  const edited = new EditedArchive();
  try {
    let built = await sameAsClean(edited, search);
    expect(built.incremental).toBe(false);
    for (const e of edits) {
      const registriesChanged = edited.apply(e);
      built = await sameAsClean(edited, search, built);
      // Every step but a new topics.yaml starts from the previous build's state, and stages in the
      // spare the previous build left, clean or incremental.
      expect(built.incremental).toBe(!registriesChanged);
      expect(built.spare).toBe(!registriesChanged);
      const key = `${e.kind} → ${built.planned ?? "clean"}`;
      plannedBy.set(key, (plannedBy.get(key) ?? 0) + 1);
      if (built.patched > 0) patchedBy.set(e.kind, (patchedBy.get(e.kind) ?? 0) + built.patched);
    }
  } finally {
    edited.archive.remove();
  }
}

describe("an incremental build", () => {
  it("writes, after any sequence of edits, the very site a clean build writes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 3, maxLength: 7 }), (edits) => runEdits(edits, false)),
      // Besides the random ones, one sequence sure to take both fast paths: articles added to the
      // largest topic (the masthead's order stays) mid-list, before all, in a new year, on a new
      // day; a body edited.
      {
        numRuns: 8,
        examples: [
          [
            [
              { kind: "add", date: 8, title: 0, topics: [4] },
              { kind: "add", date: 5, title: 1, topics: [4, 2] },
              { kind: "body", doc: 3, value: 1, topics: [0] },
              { kind: "add", date: 6, title: 2, topics: [4] },
              { kind: "add", date: 7, title: 3, topics: [4] },
            ],
          ],
          // Escaped aliases: their redirect pages written at the paths decoded, then removed with their article.
          [
            [
              { kind: "alias", doc: 2, value: 1, topics: [0] },
              { kind: "alias", doc: 2, value: 3, topics: [0] },
              { kind: "body", doc: 2, value: 2, topics: [0] },
              { kind: "delete", doc: 2, value: 0, topics: [0] },
            ],
          ],
        ],
      },
    );
    // Added articles took their fast path, and text edits theirs, at least once each.
    expect(plannedBy.get("add → added") ?? 0, JSON.stringify([...plannedBy])).toBeGreaterThan(0);
    expect(plannedBy.get("body → text") ?? 0, JSON.stringify([...plannedBy])).toBeGreaterThan(0);
    console.log(JSON.stringify(Object.fromEntries([...plannedBy].sort())));
  }, 240_000);

  it("with the search index, re-indexing only what changed, writes the very site a clean build writes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 3, maxLength: 4 }), (edits) => runEdits(edits, true)),
      // Besides the random ones, a sequence sure to patch bundles: bodies and a title edited, an
      // article added between them; then an article's topics changed, which no patch may take.
      {
        numRuns: 2,
        examples: [
          [
            [
              { kind: "body", doc: 3, value: 2, topics: [0] },
              { kind: "title", doc: 7, value: 1, topics: [0] },
              { kind: "add", date: 8, title: 0, topics: [4] },
              { kind: "body", doc: 12, value: 1, topics: [0] },
              { kind: "topics", doc: 5, value: 0, topics: [1, 2] },
            ],
          ],
        ],
      },
    );
    expect(patchedBy.get("body") ?? 0, JSON.stringify([...patchedBy])).toBeGreaterThan(0);
    expect(patchedBy.get("title") ?? 0, JSON.stringify([...patchedBy])).toBeGreaterThan(0);
    // An article whose topics changed changes its record's filters: its bundle is indexed whole.
    expect(patchedBy.has("topics"), JSON.stringify([...patchedBy])).toBe(false);
  }, 240_000);
});
