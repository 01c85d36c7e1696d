/**
 * An archive edited as editors edit one, kept valid (urls.txt guards the first articles' URLs), and
 * random sequences of such edits: for the proofs that an incremental build, and the preview after
 * each save, make the site a clean build makes.
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { makeArchive, TOPICS_YAML, type TestArchive } from "./archive.ts";
import { makePhoto } from "./photos.ts";
import { FIXED_NOW } from "./site.ts";

interface Doc {
  id: number;
  title: string;
  date: string;
  topics: string[];
  body: string;
  draft: boolean;
  aliases: string[];
  /** Its photo's `src`, under the content folder. */
  photo?: string;
  /** Its photo's alt text and caption told otherwise (`caption` edits): that of another view. */
  view?: number;
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
// Dates after the builds' first "now" (FIXED_NOW, 2026-01-15T12:00:00Z) for the articles added:
// held back until a `clock` edit moves the builds' date past them (an embargo lifted).
const LATER = ["2026-01-16T09:00:00", "2026-01-17T18:30:00"];
const ADD_DATES = [...DATES, ...LATER];
const TITLES = ["L’Irak annonce la fin de la mission", "Budget : l’État « rassure »", "Le cœur & l’œuvre", "Un titre bien plus long que les autres, pour voir"];
const TOPICS = ["irak", "etats-unis", "defense", "terrorisme", "economie"];
// topics.yaml as editors might rewrite it: a label reworded, a description added, an old slug kept.
const TOPICS_FILES = [
  TOPICS_YAML,
  TOPICS_YAML.replace("label: Terrorisme", "label: Terrorisme et sécurité"),
  TOPICS_YAML.replace("label: Irak\n", "label: Irak\n  description: « L’Irak » au jour le jour.\n"),
  TOPICS_YAML.replace("label: Irak\n", "label: Irak\n  aliases: [irak-guerre]\n"),
  // The largest topic under an old slug too: a page its list gains has a redirect beside it.
  TOPICS_YAML.replace('label: "Économie"\n', 'label: "Économie"\n  aliases: [eco]\n'),
];

export type Edit =
  | { kind: "add"; date: number; title: number; topics: number[] }
  | { kind: "body" | "title" | "redate" | "delete" | "alias" | "topics" | "draft" | "photo" | "caption"; doc: number; value: number; topics: number[] }
  | { kind: "topicsYaml"; value: number }
  | { kind: "photoFile"; value: number }
  // The builds' date moved on by a day or more: an article added with a later date may be published.
  | { kind: "clock"; value: number };

// The photo files articles share (`photo` edits), each replaced in turn by the next of the pool (`photoFile`).
const SHARED_PHOTOS = ["images/commune-1.jpg", "images/commune-2.jpg"];

/**
 * Small photos (fast to encode) the edits give articles, and write over one another: made once
 * (`photoPool`), handed to each archive.
 */
export type PhotoPool = readonly Buffer[];

/** Three small photos of other proportions and colours (a photo under 1,200 pixels wide is only a warning). */
export function photoPool(): Promise<PhotoPool> {
  return Promise.all([
    makePhoto({ width: 480, height: 270, hue: 20 }),
    makePhoto({ width: 400, height: 400, hue: 140 }),
    makePhoto({ width: 360, height: 480, hue: 260 }),
  ]);
}

const pick = fc.nat({ max: 99 });
const topicSet = fc.uniqueArray(fc.nat({ max: TOPICS.length - 1 }), { minLength: 1, maxLength: 3 });
export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), date: pick, title: pick, topics: topicSet }),
  fc.record({
    kind: fc.constantFrom(
      "body" as const,
      "title" as const,
      "redate" as const,
      "delete" as const,
      "alias" as const,
      "topics" as const,
      "draft" as const,
      "photo" as const,
      "caption" as const,
    ),
    doc: pick,
    value: pick,
    topics: topicSet,
  }),
  fc.record({ kind: fc.constant("topicsYaml" as const), value: pick }),
  fc.record({ kind: fc.constant("photoFile" as const), value: pick }),
  fc.record({ kind: fc.constant("clock" as const), value: pick }),
);

/** An archive the test edits as editors would, keeping it valid: urls.txt guards the first articles' URLs. */
export class EditedArchive {
  readonly archive: TestArchive = makeArchive();
  /** The date the builds of the archive as it is now are given (`clock` edits move it on; a preview keeps its own). */
  nowMs = FIXED_NOW;
  private docs: Doc[] = [];
  private nextId = 0;
  private readonly urlLines: string[] = [];
  private readonly published = new Set<string>();
  private aliasCount = 0;
  private topics = TOPICS_YAML;
  /** Which of the pool each shared photo file holds now. */
  private readonly sharedHeld = SHARED_PHOTOS.map((_, i) => i);

  /** With a pool of photos, articles added get one of their own, one in two, and the photo edits apply. */
  constructor(private readonly photos: PhotoPool = []) {
    if (photos.length > 0) for (const [i, src] of SHARED_PHOTOS.entries()) this.archive.write(src, photos[i % photos.length]!);
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
    if (e.kind === "photoFile") {
      // Another picture under the same name, of other proportions perhaps.
      if (this.photos.length === 0) return false;
      const i = e.value % SHARED_PHOTOS.length;
      this.sharedHeld[i] = (this.sharedHeld[i]! + 1) % this.photos.length;
      this.archive.write(SHARED_PHOTOS[i]!, this.photos[this.sharedHeld[i]!]!);
      return false;
    }
    if (e.kind === "clock") {
      this.nowMs += ((e.value % 3) + 1) * 86_400_000;
      return false;
    }
    if (e.kind === "add") {
      const doc = this.newDoc(
        ADD_DATES[e.date % ADD_DATES.length]!,
        TITLES[e.title % TITLES.length]!,
        e.topics.map((t) => TOPICS[t]!),
      );
      // A photo of its own, new to the site, or one the site may show already.
      if (this.photos.length > 0 && e.title % 2 === 0) {
        doc.photo = e.date % 3 === 0 ? SHARED_PHOTOS[e.date % SHARED_PHOTOS.length]! : `images/propre-${doc.id}.jpg`;
        if (doc.photo.includes("propre")) this.archive.write(doc.photo, this.photos[(doc.id + e.date) % this.photos.length]!);
      }
      this.docs.push(doc);
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
    // A shared photo given, changed or taken away (its file stays, unshown).
    if (e.kind === "photo" && this.photos.length > 0) doc.photo = e.value % 3 === 2 ? undefined : SHARED_PHOTOS[e.value % 3];
    // The same photo told otherwise: its alt text and caption, or its caption taken away.
    if (e.kind === "caption") doc.view = e.value % 3 === 2 ? undefined : e.value;
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

  /** Every file the archive holds now that a save may have touched (absolute paths): its articles, photos, topics.yaml and urls.txt. */
  files(): string[] {
    const articles = join(this.archive.dir, "articles");
    const images = join(this.archive.dir, "images");
    return [
      ...readdirSync(articles, { recursive: true }).map((name) => join(articles, String(name))),
      ...(existsSync(images) ? readdirSync(images).map((name) => join(images, name)) : []),
      join(this.archive.dir, "topics.yaml"),
      join(this.archive.dir, "urls.txt"),
    ];
  }

  private newDoc(date: string, title: string, topics: string[]): Doc {
    const id = this.nextId++;
    return { id, title, date, topics, body: `Le corps de la dépêche ${id}, premier paragraphe.`, draft: false, aliases: [] };
  }

  /**
   * Gives one article (the `doc`th, as an edit picks it) a link to no page, in its file alone: an
   * error of the rules across articles, the article valid on its own, until `rewrite`.
   */
  linkToNoPage(doc: number): void {
    const picked = this.docs[doc % Math.max(1, this.docs.length)];
    if (picked) this.writeDoc(picked, "\n\nVoir [ceci](/2099/01/01/nulle-part/).");
  }

  /** Writes every file again as the archive holds it. */
  rewrite(): void {
    this.writeAll();
  }

  private writeAll(): void {
    rmSync(join(this.archive.dir, "articles"), { recursive: true, force: true });
    for (const doc of this.docs) this.writeDoc(doc);
    writeFileSync(join(this.archive.dir, "urls.txt"), `${this.urlLines.join("\n")}\n`);
  }

  private writeDoc(doc: Doc, more = ""): void {
    this.archive.article(`depeche-${doc.id}.md`, {
      title: doc.title,
      date: doc.date,
      topics: `[${doc.topics.join(", ")}]`,
      extra: [
        `slug: depeche-${doc.id}`,
        ...(doc.draft ? ["draft: true"] : []),
        ...(doc.aliases.length > 0 ? [`aliases: [${doc.aliases.join(", ")}]`] : []),
        ...(doc.photo
          ? [
              `image:\n  src: ${doc.photo}\n  alt: "${photoText(doc)}"\n  credit: "AA / Photographe"${doc.view === undefined ? "" : `\n  caption: "Vue ${doc.view} : « la légende »."`}`,
            ]
          : []),
      ].join("\n"),
      body: doc.body + more,
    });
  }
}

function urlOf(doc: Doc): string {
  const [day] = doc.date.split("T");
  // The dates above are all far enough from midnight in Paris (UTC+1 in winter) to keep their day.
  const [y, m, d] = day!.split("-");
  return `/${y}/${m}/${d}/depeche-${doc.id}/`;
}

// A photo's alt text: another for each view.
function photoText(doc: Doc): string {
  return `La photo de la dépêche ${doc.id}${doc.view === undefined ? "" : `, vue ${doc.view}`}`;
}
