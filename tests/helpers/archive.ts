/** Fixture builder: tests write the small archives they need, in a fresh temporary folder. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { displayPath } from "../../src/content/diagnostics.ts";

export const SITE_YAML = `title: "Archives de test"
baseUrl: https://archives.example.org
locale: fr
timezone: Europe/Paris
description: "Une archive écrite par les tests."
`;

export const TOPICS_YAML = `- slug: irak
  label: Irak
- slug: etats-unis
  label: "États-Unis"
- slug: defense
  label: "Défense"
- slug: terrorisme
  label: Terrorisme
- slug: economie
  label: "Économie"
`;

export const SOURCES_YAML = `- code: AA
  name: "Agence Anadolu"
  url: https://www.aa.com.tr/fr
- code: TRT FR
  name: "TRT Français"
  url: https://www.trtfrance.com
`;

/** The pages of the registries above as urls.txt lists them once a deploy recorded them: each topic's and source's. */
export const REGISTRY_URLS = "/sources/aa/\n/sources/trt-fr/\n/sujets/defense/\n/sujets/economie/\n/sujets/etats-unis/\n/sujets/irak/\n/sujets/terrorisme/\n";

export interface ArticleSpec {
  title?: string;
  date?: string;
  sources?: string;
  topics?: string;
  /** Extra front-matter lines, written as given. */
  extra?: string;
  body?: string;
}

/** One article file's text, with sensible defaults for what the test doesn't care about. */
export function articleText(spec: ArticleSpec = {}): string {
  const lines = [
    "---",
    `title: ${JSON.stringify(spec.title ?? "L’Irak annonce la fin de la mission de combat")}`,
    `date: ${spec.date ?? "2021-12-09"}`,
    `sources: ${spec.sources ?? "[AA, TRT FR]"}`,
    `topics: ${spec.topics ?? "[Irak, Défense]"}`,
    ...(spec.extra ? [spec.extra] : []),
    "---",
    spec.body ?? "Le gouvernement irakien a officiellement annoncé, jeudi, la fin des missions de combat.",
    "",
  ];
  return lines.join("\n");
}

export interface TestArchive {
  /** The content folder. */
  dir: string;
  /** The temporary folder holding it, free for outputs. */
  root: string;
  /** Writes a file below the content folder (text or bytes). */
  write(path: string, data: string | Uint8Array): string;
  /** Writes an article under articles/. */
  article(path: string, spec?: ArticleSpec | string): string;
  /** A path below the content folder as the CLI prints it (see displayPath). */
  display(path: string): string;
  remove(): void;
}

/** Creates an archive with valid registries and no articles, unless told otherwise. */
export function makeArchive(files: Record<string, string> = {}): TestArchive {
  const root = mkdtempSync(join(tmpdir(), "depeche-test-"));
  const dir = join(root, "content");
  const write = (path: string, data: string | Uint8Array): string => {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
    return full;
  };
  const defaults: Record<string, string> = { "site.yaml": SITE_YAML, "topics.yaml": TOPICS_YAML, "sources.yaml": SOURCES_YAML, ...files };
  for (const [path, text] of Object.entries(defaults)) write(path, text);
  mkdirSync(join(dir, "articles"), { recursive: true });
  return {
    dir,
    root,
    write,
    article: (path, spec = {}) => write(join("articles", path), typeof spec === "string" ? spec : articleText(spec)),
    display: (path) => displayPath(join(dir, path)),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
