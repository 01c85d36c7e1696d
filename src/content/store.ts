/**
 * The one store of an archive: every article file as an entry keyed by its path, with the digest
 * of its bytes, its diagnostics and the validated article. A sync serves the first load and every
 * later change alike (a full load is a sync of every file), so nothing is loaded two ways.
 */
import { lstatSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { CommandError } from "../files/file-errors.ts";
import { isClutter, listArticleFiles } from "./article-files.ts";
import { sameSurveyedStat, type ArticleSurvey, type SyncAhead } from "./article-survey.ts";
import { unchangedInIndex } from "./git-files.ts";
import { Diagnostics, displayPath, FILE_START, sortDiagnostics, type Diagnostic, type Position } from "./diagnostics.ts";
import { parseFrontMatter } from "./frontmatter.ts";
import { ARTICLE_LIMIT, MAX_DIAGNOSTICS_PER_FILE, URL_MANIFEST_LIMIT } from "./limits.ts";
import { messages } from "../i18n/messages.ts";
import { type Article, byPublication, type Content, type PhotoUse, sameExcept } from "./model.ts";
import { decodeContentFile, readContentFile } from "./read-text.ts";
import { SitePaths, siteFiles, type SiteFile } from "./site-files.ts";
import type { Claimant } from "./claims.ts";
import { checkAcrossArticles, FUTURE_HORIZON_MS } from "./validate.ts";
import { expectedPlace, misplacedMessage } from "./article-place.ts";
import { checkBodyLinks, type LinkCheck, type LinkingFile } from "./body-links.ts";
import { additionsPassRules } from "./added-articles.ts";
import { removalsPassRules } from "./removed-articles.ts";
import { indexSources, indexTopics, locateRegistryEntry, readRegistries, type Registries, type RegistriesRead, type RegistryName } from "./registries.ts";
import {
  checkPublishedLists,
  checkPublishedUrls,
  listedPages,
  pageOfUrl,
  readUrlManifestFile,
  URL_MANIFEST,
  urlManifestOf,
  urlLinesChange,
  urlNamedBy,
  withUrlLinesChange,
  type UrlLinesChange,
  type UrlManifest,
  type UrlManifestFile,
} from "./url-manifest.ts";
import { groupUnknownNames, type RegistryUse } from "./unknown-names.ts";
import { digestOf, readArticleEntry, sameStat, trustedStat, validateFiles, ValidationWorker, type ArticleEntry } from "./validate-files.ts";
import { fileOfUrl, SOURCES_URL, TOPICS_URL } from "../urls/site-urls.ts";

export interface LoadResult {
  /** Present when there is no error. */
  content?: Content;
  /** Every error and warning, sorted by file and line. */
  diagnostics: Diagnostic[];
  /** Articles read, valid or not. */
  fileCount: number;
}

export interface StoreOptions {
  /** The content folder. */
  contentDir: string;
  /** "Now" for the future-date warning, taken once for the store's life; defaults to the clock. */
  nowMs?: number;
  /** Validate half the files of a first load in a worker thread; by default only for large archives. */
  helperThread?: boolean;
  /** A missing articles folder is an empty archive (`import` and `new` create it). */
  articlesMayBeMissing?: boolean;
}

export interface SyncHooks {
  /** Called as files are read, for progress on large archives. */
  onProgress?: (done: number, total: number) => void;
  /** Called on a full sync with the number of article files found, before any is read. */
  onListed?: (fileCount: number) => void;
  /** Called with the articles just validated, before the rules across articles are checked. */
  onArticles?: (articles: Article[]) => void;
  /** Called on a sync of a store already loaded, for each entry read again or removed, with what it was (`after`: undefined when removed). */
  onReplaced?: (before: ArticleEntry, after: ArticleEntry | undefined) => void;
}

/** The article files a sync compares with its entries, in order: with a full sync's, each one's entry (`held`) and the survey's stats. */
interface Listed {
  candidates: string[];
  held?: (ArticleEntry | undefined)[];
  survey?: ArticleSurvey;
}

/** What a sync changed: absolute paths of article files, and whether the other files did. */
export interface StoreChange {
  added: string[];
  changed: string[];
  removed: string[];
  registries: boolean;
  urlManifest: boolean;
}

/** Bumped whenever the snapshot's shape or the meaning of its entries changes. */
export const STORE_FORMAT = 20;

/** The store as plain JSON-able data, to be saved to disk and read back. */
export interface StoreSnapshot {
  format: typeof STORE_FORMAT;
  nowMs: number;
  registries: RegistriesState;
  urlManifest: { digest: string; diagnostics: Diagnostic[]; manifest?: { published: UrlManifest["published"]; removals: UrlManifest["removals"] } };
  listing: { diagnostics: Diagnostic[]; complete: boolean };
  /**
   * Paths relative to the content folder, `/`-separated: the entries' paths, the articles'
   * `sourcePath` and every diagnostic's `file`, so that a snapshot reads back from any working directory.
   */
  entries: SavedEntry[];
  /** What the rules across articles said of these entries (`result`), when the store knew it. */
  rules?: Diagnostic[];
}

/**
 * An entry as a snapshot keeps it: its article without its path (the entry's), its topics and
 * sources by slug, and without its body, which stays in its file (see `restoredArticle`).
 */
export interface SavedEntry extends Omit<ArticleEntry, "article"> {
  article?: Omit<Article, "sourcePath" | "topics" | "sources" | "body"> & { topics: string[]; sources: string[] };
}

/**
 * What changed in a store restored from a snapshot (`ArchiveStore.patch`): applied to that
 * snapshot (`patchSnapshot`), it gives the store's snapshot now. It never carries the registries
 * (a change to them makes no patch: the whole snapshot is saved); of urls.txt, the lines that
 * changed, when it reads without an error.
 */
export interface StorePatch {
  nowMs: number;
  /** urls.txt's digest now, and how its lines changed since the snapshot. */
  urlManifest?: { digest: string; lines: UrlLinesChange };
  listing: StoreSnapshot["listing"];
  /** The entries set since the snapshot, as a snapshot saves them. */
  entries: SavedEntry[];
  /** The paths (as saved) of the entries removed since. */
  removed: string[];
  /** What the rules across articles said of the entries now, when the store knows it. */
  rules?: Diagnostic[];
}

interface RegistriesState {
  digest: string;
  diagnostics: Diagnostic[];
  value?: Registries;
  /** When they are not valid, what reads of them: articles are checked against it meanwhile (see RegistriesRead). */
  read?: RegistriesRead;
  /** The files that do not read through: what waits for them is said at each (`result`). */
  unread?: RegistryName[];
}

const REGISTRY_FILES = ["site.yaml", "topics.yaml", "sources.yaml"];
// Below this many files a second thread costs more to start than it saves.
const FILES_PER_EXTRA_THREAD = 20_000;
const NOT_READ = "";

export class ArchiveStore {
  private readonly root: string;
  private readonly articlesDir: string;
  private readonly nowMs: number;
  private registries: RegistriesState = { digest: NOT_READ, diagnostics: [] };
  private urlManifest: { digest: string; diagnostics: Diagnostic[]; manifest?: UrlManifest } = { digest: NOT_READ, diagnostics: [] };
  // What listing the articles folder reported, and whether it saw every file.
  private listing: { diagnostics: Diagnostic[]; complete: boolean } = { diagnostics: [], complete: false };
  private readonly entries = new Map<string, ArticleEntry>();
  // Of a store restored from a snapshot: the paths whose entry was set or removed since, with the
  // entry each had then (undefined: none, or one not restored); the digests of the registries (what
  // a patch of it may not change) and of urls.txt it held, and urls.txt's lines then (what a patch
  // says the change of); what the rules across articles said then.
  private restored?: {
    touched: Map<string, ArticleEntry | undefined>;
    registries: string;
    urlManifest: string;
    urlLines?: UrlManifest;
    complete: boolean;
    rules?: Diagnostic[];
  };
  // Bumped at every change of an entry: the rules' diagnostics are saved only for the entries they were found for.
  private generation = 0;
  private rules?: { diagnostics: Diagnostic[]; generation: number };
  // Of the last full sync that asked git: the other files than articles (photos…) its index holds
  // unchanged, with their blob ids; null when git could not tell (`filesInIndex`).
  private otherFilesInIndex?: Map<string, string> | null;

  constructor(private readonly options: StoreOptions) {
    this.root = resolve(options.contentDir);
    this.articlesDir = join(this.root, "articles");
    this.nowMs = options.nowMs ?? Date.now();
  }

  /**
   * Brings the store up to date with the files: with no paths, every file (the articles folder is
   * listed); else only those (absolute, existing or deleted). A file whose digest is unchanged is
   * not validated again; a change to the registries validates every article again. `ahead` has
   * listed the files, taken their stats and asked git meanwhile (a full sync of a restored store).
   */
  async sync(paths?: readonly string[], hooks: SyncHooks = {}, ahead?: SyncAhead): Promise<StoreChange> {
    const change: StoreChange = { added: [], changed: [], removed: [], registries: this.syncRegistries(), urlManifest: this.syncUrlManifest() };
    const listed = paths === undefined ? await this.listAll(hooks, ahead, change) : this.listGiven(paths, change);
    for (const path of change.removed) {
      hooks.onReplaced?.(this.entries.get(path)!, undefined);
      this.deleteEntry(path);
    }

    const registries = this.registries.value ?? this.registries.read;
    if (!registries) {
      // Articles are validated against the registries: until the site's settings read, files are only counted.
      for (const path of listed.candidates.filter((p) => !this.entries.has(p))) {
        change.added.push(path);
        this.setEntry(path, { path, diagnostics: [] });
      }
      return change;
    }
    // New registries (the first sync reads them too) change what every article resolves to.
    if (change.registries) {
      const all = paths === undefined ? listed.candidates : [...new Set([...this.entries.keys(), ...listed.candidates])].sort();
      for (const path of all) (this.entries.has(path) ? change.changed : change.added).push(path);
      for (const entry of await this.validateAll(all, registries, hooks)) this.setEntry(entry.path, entry);
      return change;
    }
    // In a git work tree, the files git's index holds unchanged, with their blob ids: a fresh clone
    // changes every file's stat, never a blob id. Asked only when there are entries to compare, of
    // the whole content folder: the photos' check takes its answer for the other files.
    const inIndex = paths === undefined && this.entries.size > 0 ? await (ahead?.inIndex ?? unchangedInIndex(this.root)) : undefined;
    if (paths === undefined && this.entries.size > 0) this.otherFilesInIndex = inIndex === undefined ? null : otherThanArticles(inIndex);
    const fresh = this.readChanged(listed, inIndex, registries, change, hooks);
    hooks.onProgress?.(listed.candidates.length, listed.candidates.length);
    if (fresh.length > 0) hooks.onArticles?.(fresh);
    return change;
  }

  // Every article file, listed by the survey's thread when it has (`ahead`), else here; the entries
  // of files no longer listed are the change's removed.
  private async listAll(hooks: SyncHooks, ahead: SyncAhead | undefined, change: StoreChange): Promise<Listed> {
    this.otherFilesInIndex = undefined;
    let candidates: string[];
    // The survey lists a folder that must exist: a store whose folder may be missing lists it itself.
    const survey = this.options.articlesMayBeMissing ? undefined : await ahead?.survey();
    if (survey) {
      candidates = survey.paths;
      this.listing = { diagnostics: survey.diagnostics, complete: !survey.diagnostics.some((d) => d.severity === "error") };
    } else {
      const diagnostics = new Diagnostics();
      candidates = listArticleFiles(this.articlesDir, displayPath, diagnostics, { mayBeMissing: this.options.articlesMayBeMissing ?? false });
      this.listing = { diagnostics: diagnostics.items, complete: diagnostics.errorCount === 0 };
    }
    hooks.onListed?.(candidates.length);
    // Each file's entry, looked up once: at 100,000 articles, each pass of lookups hashes and
    // compares paths of 90 characters for some 30 ms.
    const held = candidates.map((path) => this.entries.get(path));
    // Every entry listed again (the usual case, counted without a set of 100,000 paths): none removed.
    let known = 0;
    for (const entry of held) if (entry) known++;
    if (known < this.entries.size) {
      const listed = new Set(candidates);
      for (const path of this.entries.keys()) if (!listed.has(path)) change.removed.push(path);
    }
    return { candidates, held, ...(survey ? { survey } : {}) };
  }

  // The given files (absolute, existing or deleted) that are articles; a deleted file, or a deleted
  // folder and every article in it, are the change's removed.
  private listGiven(paths: readonly string[], change: StoreChange): Listed {
    const candidates: string[] = [];
    for (const path of paths.map((p) => resolve(p))) {
      if (
        !path.startsWith(this.articlesDir + sep) ||
        path
          .slice(this.articlesDir.length + 1)
          .split(sep)
          .some(isClutter)
      )
        continue;
      const present = lstatSync(path, { throwIfNoEntry: false }) !== undefined;
      if (path.endsWith(".md") && present) candidates.push(path);
      else if (!present) for (const known of this.entries.keys()) if (known === path || known.startsWith(path + sep)) change.removed.push(known);
    }
    return { candidates };
  }

  // Reads and validates the listed files that changed, and returns their articles. The blob id git
  // vouches for (`inIndex`), when it is the one of the bytes read, spares the file any stat or read,
  // and leaves the entry as it was (a build's record then holds no entry for it). Else an unchanged
  // stat spares reading the file; a changed one (a touch, a checkout without git) compares the
  // bytes, read as an article is (never through a symbolic link), and the same bytes keep the stat
  // of the file read (taken before the read: a change while reading is read next time).
  private readChanged(
    { candidates, held, survey }: Listed,
    inIndex: ReadonlyMap<string, string> | undefined,
    registries: RegistriesRead,
    change: StoreChange,
    hooks: SyncHooks,
  ): Article[] {
    const ctx = { site: registries.site, topics: indexTopics(registries.topics), sources: indexSources(registries.sources), nowMs: this.nowMs };
    const fresh: Article[] = [];
    for (let i = 0; i < candidates.length; i++) {
      const path = candidates[i]!;
      const before = held ? held[i] : this.entries.get(path);
      if (before?.digest !== undefined) {
        if (inIndex !== undefined && inIndex.get(path) === before.digest) continue;
        if (before.stat && (survey ? sameSurveyedStat(survey, i, before.stat) : sameStat(before.stat, path))) continue;
        const read = readContentFile(path, ARTICLE_LIMIT);
        if (read.ok && digestOf(read.bytes) === before.digest) {
          const stat = trustedStat(read.stats, Date.now());
          if (stat || before.stat) {
            const { stat: _, ...kept } = before;
            this.setEntry(path, stat ? { ...kept, stat } : kept);
          }
          continue;
        }
      }
      const entry = readArticleEntry(path, ctx);
      if (before) hooks.onReplaced?.(before, entry);
      (before ? change.changed : change.added).push(path);
      this.setEntry(path, entry);
      if (entry.article) fresh.push(entry.article);
    }
    return fresh;
  }

  /**
   * What the last full sync learned from git of the content folder's other files than articles
   * (photos…): those its index holds unchanged, by absolute path, with their blob ids; null when
   * git could not tell (no git, no work tree), undefined when no sync asked (a store with no
   * entries to compare).
   */
  filesInIndex(): ReadonlyMap<string, string> | null | undefined {
    return this.otherFilesInIndex;
  }

  private setEntry(path: string, entry: ArticleEntry): void {
    this.touch(path);
    this.entries.set(path, entry);
  }

  private deleteEntry(path: string): void {
    this.touch(path);
    this.entries.delete(path);
  }

  private touch(path: string): void {
    this.generation++;
    const touched = this.restored?.touched;
    if (touched && !touched.has(path)) touched.set(path, this.entries.get(path));
  }

  /**
   * Takes the entries as they are now for the state the next `result` starts from, as if the store
   * were restored from a snapshot of them: what the rules across articles said of them is said
   * again when only texts changed since, or articles were added that the rules can say nothing of
   * (`reusableRules`). For a store kept between saves (the dev server's), each of which ran every
   * rule again (1.4 s at 100,000 articles). Only right after a `result` of the entries as they are,
   * whose rules were found for them; else the store is left as it was.
   */
  settle(): void {
    const rules = this.rules;
    if (rules?.generation !== this.generation) return;
    this.restored = {
      touched: new Map(),
      registries: this.registries.digest,
      urlManifest: this.urlManifest.digest,
      ...(this.urlManifest.manifest ? { urlLines: this.urlManifest.manifest } : {}),
      complete: this.listing.complete,
      rules: rules.diagnostics,
    };
  }

  /**
   * Of a store restored from a snapshot, what changed since (applied to that snapshot by
   * `patchSnapshot`, it gives `snapshot()`), and the entries set since; undefined when the store
   * was not restored, or its registries changed, or urls.txt changed and is missing or says
   * something wrong now (the whole snapshot is saved then).
   */
  patch(): { patch: StorePatch; entries: ArticleEntry[] } | undefined {
    const restored = this.restored;
    if (!restored || restored.registries !== this.registries.digest) return undefined;
    const urls = this.urlLinesSinceRestored(restored);
    if (urls === null) return undefined;
    const paths = new ContentPaths(this.root);
    const entries: ArticleEntry[] = [];
    const removed: string[] = [];
    for (const path of [...restored.touched.keys()].sort()) {
      const entry = this.entries.get(path);
      if (entry) entries.push(entry);
      else removed.push(paths.save(path));
    }
    return {
      patch: {
        nowMs: this.nowMs,
        listing: { ...this.listing, diagnostics: paths.saveDiagnostics(this.listing.diagnostics) },
        entries: entries.map((e) => saveEntry(paths, e)),
        removed,
        ...(urls ? { urlManifest: { digest: this.urlManifest.digest, lines: urls } } : {}),
        ...this.savedRules(paths),
      },
      entries,
    };
  }

  /**
   * urls.txt as this store read it, with its bytes read now, when they are the bytes it read (their
   * digest): what `build --record-urls` appends to, without parsing its lines again (0.2–0.5 s
   * at 100,000 articles). Undefined when the file is missing, changed since, or said something wrong:
   * the caller reads it anew.
   */
  heldUrlManifest(): UrlManifestFile | undefined {
    const { digest, diagnostics, manifest } = this.urlManifest;
    if (!manifest || diagnostics.length > 0) return undefined;
    const read = readContentFile(join(this.root, URL_MANIFEST), URL_MANIFEST_LIMIT);
    return read.ok && digestOf(read.bytes) === digest ? { bytes: read.bytes, manifest } : undefined;
  }

  /**
   * Reads urls.txt again after a build appended these URLs to it (`build --record-urls`), so that
   * the state it saves is of the file the publishing workflow commits: the next build finds it
   * unchanged, and a restored store's patch carries the lines appended, not the whole state.
   * When the file holds every line it held and exactly these URLs more (the build's published
   * articles and their aliases, which every article reaches, and the topics' and sources' pages,
   * which their entries hold), what the rules across articles said stands; otherwise (someone else
   * changed the file meanwhile) this is an ordinary change of urls.txt.
   */
  recordedUrls(added: readonly string[]): void {
    const before = this.urlManifest;
    const path = join(this.root, URL_MANIFEST);
    const digest = digestOfFiles([path]);
    if (digest === before.digest) return;
    const read = readUrlManifestFile(path);
    const manifest = read.ok ? read.file?.manifest : undefined;
    const change = manifest && before.diagnostics.length === 0 ? urlLinesChange(before.manifest, manifest) : undefined;
    const appended =
      change?.gone.length === 0 &&
      change.removals.length === 0 &&
      change.published.length === added.length &&
      change.published.every((line, i) => line.url === added[i]);
    if (manifest && appended) this.urlManifest = { digest, diagnostics: [], manifest };
    else this.syncUrlManifest();
  }

  /** The entries at these paths (absolute), those the store has. */
  entriesAt(paths: readonly string[]): ArticleEntry[] {
    return paths.flatMap((path) => this.entries.get(path) ?? []);
  }

  /** Every entry, in no particular order: for a caller that needs none, without sorting 100,000 paths. */
  entriesInAnyOrder(): IterableIterator<ArticleEntry> {
    return this.entries.values();
  }

  /**
   * Lets go of the text of the article bodies that `rendered` says are no longer needed as text:
   * each is read back from its file if ever asked for again, as a snapshot's article is. The
   * bodies are a third of a large build's heap once rendered, and a clean build reads them only to
   * render them. Returns how many were let go.
   */
  releaseBodies(rendered: (article: Article) => boolean): number {
    let released = 0;
    for (const entry of this.entries.values()) {
      const article = entry.article;
      if (!article || !rendered(article) || Object.getOwnPropertyDescriptor(article, "body")?.get) continue;
      Object.defineProperty(article, "body", BODY_FROM_FILE);
      released++;
    }
    return released;
  }

  /** Every entry, in path order. */
  articleEntries(): ArticleEntry[] {
    return [...this.entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * Every article file that shows a photo: the valid articles, and the files with errors whose
   * `image.src` can be read, so that a photo's errors come in the same run as its file's.
   */
  photoUses(): PhotoUse[] {
    return this.articleEntries().flatMap((e): PhotoUse[] => (e.article ? [e.article] : e.photo ? [{ sourcePath: displayPath(e.path), image: e.photo }] : []));
  }

  /** The digest of the registries' files as last read. */
  get registriesDigest(): string {
    return this.registries.digest;
  }

  /** The registries when valid. */
  get validRegistries(): Registries | undefined {
    return this.registries.value;
  }

  /** What urls.txt says, when it exists and can be read. */
  get publishedUrls(): UrlManifest | undefined {
    return this.urlManifest.manifest;
  }

  /** The registries' errors and warnings. */
  get registryDiagnostics(): Diagnostic[] {
    return this.registries.diagnostics;
  }

  /** Why files could not be read: the articles folder, urls.txt, article files (not what they hold). */
  readErrors(): Diagnostic[] {
    const unread = this.articleEntries().filter((e) => e.digest === undefined);
    return [...this.listing.diagnostics, ...this.urlManifest.diagnostics, ...unread.flatMap((e) => e.diagnostics)].filter((d) => d.severity === "error");
  }

  /** The content when valid, and every diagnostic, sorted: the rules across articles and urls.txt's guard run over the store's articles. */
  result(): LoadResult {
    const entries = this.articleEntries();
    const items = [...this.registries.diagnostics, ...this.listing.diagnostics];
    const registries = this.registries.value;
    // With registries not valid, the articles checked against what reads of them: what does not
    // depend on the rest is told in this run, and the archive stays invalid.
    const read = registries ?? this.registries.read;
    for (const name of this.registries.unread ?? []) this.sayWhatWaits(name, items);
    const held = read ? whatEntriesHold(entries) : undefined;
    // One at a time, here and below: these lists may be as long as the archive (every URL copied
    // twice), longer than a call takes arguments.
    for (const d of held?.diagnostics ?? []) items.push(d);
    for (const d of this.urlManifest.diagnostics) items.push(d);
    if (read && held) {
      this.rules = this.rulesAcross(read, registries, held);
      for (const d of this.rules.diagnostics) items.push(d);
    }
    const articles = held?.articles ?? [];
    articles.sort(byPublication);
    const valid = registries && !items.some((d) => d.severity === "error");
    // One topic or source named by many articles and by no entry (a rename without its alias) is one error.
    const told = valid || !read ? items : groupUnknownNames(items, this.registryUse(read));
    return { ...(valid ? { content: { ...registries, articles } satisfies Content } : {}), diagnostics: sortDiagnostics(told), fileCount: entries.length };
  }

  /**
   * The rules across articles and urls.txt's guard over what the entries hold: what they said
   * before, with only the changed texts' links and the added articles' places checked, when nothing
   * else they read changed (`reusableRules`); else all of them again.
   */
  private rulesAcross(read: RegistriesRead, registries: Registries | undefined, held: EntriesHeld): { diagnostics: Diagnostic[]; generation: number } {
    const diagnostics = new Diagnostics();
    const { articles, withErrors, slugsWithErrors, claimantsWithErrors, linkingWithErrors } = held;
    const reusable = registries && this.reusableRules(articles, claimantsWithErrors.length > 0 || linkingWithErrors.length > 0);
    if (registries && reusable) {
      const fresh = reusable.texts.filter((a) => a.links.length > 0);
      if (fresh.length > 0)
        checkBodyLinks(articles, siteFiles({ ...registries, articles }, claimantsWithErrors), diagnostics, {
          nowMs: this.nowMs,
          only: new Set(fresh),
          withErrors,
        });
      this.checkPlaces(reusable.added, registries.site.timezone, diagnostics);
      return { diagnostics: [...reusable.diagnostics, ...diagnostics.items], generation: this.generation };
    }
    const manifest = this.urlManifest.manifest;
    checkArchiveRules(
      { site: read.site, topics: read.topics ?? [], sources: read.sources ?? [], articles },
      held.claimants,
      claimantsWithErrors,
      listedPages(manifest),
      // Links to the pages of a registry that does not read (its topics', its sources') wait for it.
      {
        nowMs: this.nowMs,
        withErrors,
        slugsWithErrors,
        fromFilesWithErrors: linkingWithErrors,
        waiting: [...(read.topics ? [] : [TOPICS_URL]), ...(read.sources ? [] : [SOURCES_URL])],
      },
      diagnostics,
    );
    // Without every article read, each URL of the others would be reported missing, hiding the cause.
    const moved =
      manifest && this.listing.complete
        ? checkPublishedUrls(
            manifest,
            { articles, heldByFilesWithErrors: new Set([...withErrors, ...held.namedWithErrors]), slugsWithErrors, nowMs: this.nowMs },
            displayPath(join(this.root, URL_MANIFEST)),
            diagnostics,
            (article, key) => locateInFile(resolve(article.sourcePath), key),
          )
        : undefined;
    if (manifest)
      checkPublishedLists(
        manifest,
        {
          ...(read.topics ? { topics: read.topics } : {}),
          ...(read.sources ? { sources: read.sources } : {}),
          locate: (entry) => locateRegistryEntry(this.root, entry),
        },
        displayPath(join(this.root, URL_MANIFEST)),
        diagnostics,
      );
    this.checkPlaces(articles, read.site.timezone, diagnostics, moved);
    return { diagnostics: diagnostics.items, generation: this.generation };
  }

  // What a grouped error of unknown names reads of the registries, the articles and urls.txt (see RegistryUse).
  private registryUse(read: RegistriesRead): RegistryUse {
    return {
      ...(read.topics ? { topics: read.topics } : {}),
      ...(read.sources ? { sources: read.sources } : {}),
      named: () => {
        const topics = new Set<string>();
        const sources = new Set<string>();
        for (const { article, names } of this.entries.values()) {
          for (const slug of article?.topics.map((t) => t.slug) ?? names?.topics ?? []) topics.add(slug);
          for (const slug of article?.sources.map((s) => s.slug) ?? names?.sources ?? []) sources.add(slug);
        }
        return { topics, sources };
      },
      published: () => {
        const manifest = this.urlManifest.manifest;
        return new Set(manifest?.published.map(({ url }) => pageOfUrl(url)).filter((page) => !manifest.removed.has(page)));
      },
      locate: (entry) => locateRegistryEntry(this.root, entry),
    };
  }

  /** The store as plain data (see StoreSnapshot). */
  snapshot(): StoreSnapshot {
    const { manifest, ...urlManifest } = this.urlManifest;
    const paths = new ContentPaths(this.root);
    return {
      format: STORE_FORMAT,
      nowMs: this.nowMs,
      registries: { ...this.registries, diagnostics: paths.saveDiagnostics(this.registries.diagnostics) },
      urlManifest: {
        ...urlManifest,
        diagnostics: paths.saveDiagnostics(urlManifest.diagnostics),
        ...(manifest ? { manifest: { published: manifest.published, removals: manifest.removals } } : {}),
      },
      listing: { ...this.listing, diagnostics: paths.saveDiagnostics(this.listing.diagnostics) },
      entries: this.articleEntries().map((e) => saveEntry(paths, e)),
      ...this.savedRules(paths),
    };
  }

  // The rules' diagnostics, when the last `result` found them for the entries as they are.
  private savedRules(paths: ContentPaths): { rules?: Diagnostic[] } {
    return this.rules?.generation === this.generation ? { rules: paths.saveDiagnostics(this.rules.diagnostics) } : {};
  }

  // How urls.txt's lines changed since the store was restored: undefined when unchanged, null when
  // it is missing or says something wrong now (no change of lines tells it).
  private urlLinesSinceRestored(restored: { urlManifest: string; urlLines?: UrlManifest }): UrlLinesChange | null | undefined {
    const { digest, manifest, diagnostics } = this.urlManifest;
    if (restored.urlManifest === digest) return undefined;
    return manifest && diagnostics.length === 0 ? urlLinesChange(restored.urlLines, manifest) : null;
  }

  /**
   * What the rules across articles said of the snapshot the store was restored from, when they must
   * say the same of the entries now, but for the links of the articles whose text changed and for
   * where the articles added are filed (returned, to be checked): the registries, urls.txt and the
   * listing as they were, and every entry set since either the same article but for its text (body,
   * links, standfirst, where its body starts), in a file the rules said nothing of, or an article
   * added. The rules read no text (the links aside) and locate what they say in the file it is
   * about: of an article whose text alone changed they cannot say anything else. Articles added
   * or removed are taken only in an archive the rules said nothing of (but where files are filed),
   * and only when `additionsPassRules` and `removalsPassRules` find they can say nothing of them;
   * urls.txt may then have changed by marking the removed articles' URLs removed. Else undefined:
   * every rule runs.
   */
  private reusableRules(
    articles: readonly Article[],
    withErrorsTakePart: boolean,
  ): { diagnostics: Diagnostic[]; texts: Article[]; added: Article[] } | undefined {
    const restored = this.restored;
    if (!restored?.rules || restored.registries !== this.registries.digest || restored.complete !== this.listing.complete) return undefined;
    const lines = this.urlLinesSinceRestored(restored);
    if (lines === null) return undefined;
    const texts: Article[] = [];
    const added: Article[] = [];
    const removed: Article[] = [];
    const files = new Set<string>();
    for (const [path, before] of restored.touched) {
      const entry = this.entries.get(path);
      const after = entry?.article;
      // A file with errors whose fields, links or slugs the rules read (see readValidClaims), then or now.
      if (before?.validClaims || entry?.validClaims || before?.links || entry?.links || before?.slugs || entry?.slugs) return undefined;
      // A file that held no article (new, or invalid before): the rules never saw it.
      if (!before?.article) {
        if (after) added.push(after);
        continue;
      }
      if (!entry) {
        removed.push(before.article);
        continue;
      }
      if (!after || !sameExcept(before.article, after, TEXT_FIELDS)) return undefined;
      texts.push(after);
      files.add(after.sourcePath);
    }
    if (restored.rules.some((d) => files.has(d.file))) return undefined;
    if (lines && removed.length === 0) return undefined;
    // additionsPassRules and removalsPassRules know only the articles: not the files with errors, which the rules read too.
    const saidNothing = !withErrorsTakePart && !restored.rules.some((d) => d.kind !== MISPLACED);
    if (added.length > 0 && (!saidNothing || !additionsPassRules(added, articles, this.nowMs))) return undefined;
    if (removed.length === 0) return { diagnostics: restored.rules, texts, added };
    if (!saidNothing || !removalsPassRules(removed, articles, this.urlManifest.manifest, lines)) return undefined;
    // Where a removed article was filed is said no more.
    const gone = new Set(removed.map((article) => article.sourcePath));
    return { diagnostics: restored.rules.filter((d) => !gone.has(d.file)), texts, added };
  }

  /**
   * A store as a snapshot left it, for the content folder of `options` (from any working
   * directory); undefined when the snapshot is of another format. Of another "now", the entries
   * whose future-date warning may differ are read again by the next sync. A sync then reads only
   * what changed since. With `adopt`, the snapshot's entries and articles become the store's, made
   * over in place (the caller uses the snapshot no more): no copy of 100,000 of each.
   */
  static fromSnapshot(snapshot: StoreSnapshot, options: StoreOptions, { adopt = false }: { adopt?: boolean } = {}): ArchiveStore | undefined {
    const store = new ArchiveStore(options);
    if (snapshot.format !== STORE_FORMAT) return undefined;
    const paths = new ContentPaths(store.root);
    const touched = new Map<string, ArticleEntry | undefined>();
    store.restored = {
      touched,
      registries: snapshot.registries.digest,
      urlManifest: snapshot.urlManifest.digest,
      complete: snapshot.listing.complete,
      ...(snapshot.rules ? { rules: paths.readDiagnostics(snapshot.rules) } : {}),
    };
    const registries = snapshot.registries.value;
    store.registries = { ...snapshot.registries, diagnostics: paths.readDiagnostics(snapshot.registries.diagnostics) };
    const { manifest, ...urlManifest } = snapshot.urlManifest;
    store.urlManifest = {
      ...urlManifest,
      diagnostics: paths.readDiagnostics(urlManifest.diagnostics),
      ...(manifest ? { manifest: urlManifestOf(manifest.published, manifest.removals) } : {}),
    };
    if (store.urlManifest.manifest) store.restored.urlLines = store.urlManifest.manifest;
    store.listing = { ...snapshot.listing, diagnostics: paths.readDiagnostics(snapshot.listing.diagnostics) };
    // A date between the two "now"s is in the future for one and not the other: the publication's
    // (held back, or past the horizon: an error) or the update's (updated ahead), each a warning of
    // its own. A date after both is told alike by both: such an article, held back, is not read
    // again by each build of CI, each with a "now" of its own (it kept them all off the fast path).
    const [since, until] = [Math.min(snapshot.nowMs, store.nowMs), Math.max(snapshot.nowMs, store.nowMs)];
    const between = (ms: number, ahead = 0): boolean => ms > since + ahead && ms <= until + ahead;
    const nowMayMatter = (entry: SavedEntry): boolean =>
      snapshot.nowMs !== store.nowMs &&
      (!entry.article ||
        between(entry.article.published.epochMs) ||
        between(entry.article.published.epochMs, FUTURE_HORIZON_MS) ||
        (entry.article.updated !== undefined && between(entry.article.updated.epochMs)));
    // Articles share their registries' topics and sources, as when they were validated.
    const topics = new Map(registries?.topics.map((t) => [t.slug, t]));
    const sources = new Map(registries?.sources.map((s) => [s.slug, s]));
    for (const entry of snapshot.entries) {
      const path = paths.read(entry.path);
      // Articles checked against registries that were not valid hold stand-ins for their topics or
      // sources. A file with errors is read again whole.
      const retold = nowMayMatter(entry);
      if (!registries || (retold && !entry.article)) {
        store.entries.set(path, { path, diagnostics: [] });
        touched.set(path, undefined);
        continue;
      }
      // The entry and its article made over in place (a copy first, unless adopted).
      const own = adopt ? entry : structuredClone(entry);
      const made = own as unknown as ArticleEntry;
      const saved = own.article;
      if (saved) {
        const article = saved as unknown as Article;
        article.topics = resolveSlugs(saved.topics, topics);
        article.sources = resolveSlugs(saved.sources, sources);
        article.sourcePath = paths.display(entry.path);
        restoredArticle(article);
      }
      made.path = path;
      // An empty list is the entry's own (adopted or copied): 100,000 arrays not made again.
      made.diagnostics = own.diagnostics.length === 0 ? own.diagnostics : paths.readDiagnostics(own.diagnostics);
      if (retold) {
        // Read again by the next sync (no digest nor stat vouches for it), its warnings those of this
        // "now"; its article kept as it was, which a build's fast path compares with it as it is
        // now (`narrowChange`: an article this "now" publishes is one added). The rules across
        // articles take it for one new.
        delete made.digest;
        delete made.stat;
        touched.set(path, undefined);
      }
      store.entries.set(path, made);
    }
    return store;
  }

  // A file whose folder says another day than its date: a warning at its date, with where it belongs,
  // and, when its path names a published URL it must take as an alias (`moved`), to do that first.
  private checkPlaces(articles: readonly Article[], zone: string, diagnostics: Diagnostics, moved?: ReadonlyMap<Article, string>): void {
    // Articles carry their path as printed: the folder's printed prefix is cut off, no path arithmetic per file.
    const prefix = `${displayPath(this.articlesDir)}${sep}`;
    for (const article of articles) {
      if (!article.sourcePath.startsWith(prefix)) continue;
      const inFolder = article.sourcePath.slice(prefix.length);
      const expected = expectedPlace(sep === "/" ? inFolder : inFolder.split(sep).join("/"), article.published.day);
      if (expected === undefined) continue;
      const shown = displayPath(join(this.articlesDir, ...expected.split("/")));
      diagnostics.warning(
        article.sourcePath,
        locateInFile(resolve(article.sourcePath), "date"),
        misplacedMessage(article.published.day, shown, zone, moved?.get(article)),
        MISPLACED,
      );
    }
  }

  // A warning at a registry that does not read through, of what waits for it: the articles (site.yaml),
  // or its other rules and the articles' names. Not at a file whose report is full: it would only
  // swell its count of problems not shown. Here, not in the registries' diagnostics, which `new`
  // and `import` print too, and which check no article.
  private sayWhatWaits(name: RegistryName, items: Diagnostic[]): void {
    const file = displayPath(join(this.root, name));
    if (this.registries.diagnostics.filter((d) => d.file === file).length >= MAX_DIAGNOSTICS_PER_FILE) return;
    const say = messages().diagnostics;
    const message = name === "site.yaml" ? say.registryHoldsArticles() : say.registryHoldsNames(name, name === "topics.yaml" ? "topics" : "sources");
    items.push({ severity: "warning", file, line: FILE_START.line, column: FILE_START.column, message, kind: "registryHolds" });
  }

  // Re-reads the registries when their bytes changed; says whether they did.
  private syncRegistries(): boolean {
    const digest = digestOfFiles(REGISTRY_FILES.map((name) => join(this.root, name)));
    if (digest === this.registries.digest) return false;
    this.generation++;
    const diagnostics = new Diagnostics();
    const { valid, read, unread } = readRegistries(this.root, diagnostics);
    this.registries = {
      digest,
      diagnostics: diagnostics.items,
      ...(valid ? { value: valid } : {}),
      ...(read ? { read } : {}),
      ...(unread.length > 0 ? { unread } : {}),
    };
    return true;
  }

  private syncUrlManifest(): boolean {
    const path = join(this.root, URL_MANIFEST);
    const digest = digestOfFiles([path]);
    if (digest === this.urlManifest.digest) return false;
    this.generation++;
    const read = readUrlManifestFile(path);
    const diagnostics = new Diagnostics();
    if (!read.ok) diagnostics.error(displayPath(path), read.at ?? FILE_START, read.message);
    this.urlManifest = { digest, diagnostics: diagnostics.items, ...(read.ok && read.file ? { manifest: read.file.manifest } : {}) };
    return true;
  }

  // Every file read and validated, half of them in a worker thread for a large archive.
  private async validateAll(paths: string[], registries: RegistriesRead, hooks: SyncHooks): Promise<ArticleEntry[]> {
    const useHelper = this.options.helperThread ?? paths.length >= FILES_PER_EXTRA_THREAD;
    const helper = useHelper ? ValidationWorker.start() : undefined;
    try {
      let done = 0;
      const progress = (n: number): void => hooks.onProgress?.((done += n), paths.length);
      const half = helper ? Math.ceil(paths.length / 2) : paths.length;
      const results = await Promise.all([
        validateFiles(paths.slice(0, half), registries, this.nowMs, (n, valid) => {
          progress(n);
          hooks.onArticles?.(valid);
        }),
        ...(helper
          ? [
              helper.validate(paths.slice(half), registries, this.nowMs, progress).then((result) => {
                hooks.onArticles?.(result.entries.flatMap((e) => (e.article ? [e.article] : [])));
                return result;
              }),
            ]
          : []),
      ]);
      return results.flatMap((r) => r.entries);
    } finally {
      await helper?.close();
    }
  }
}

// A restored article's slugs made its registries' topics or sources in place: the list is the
// entry's own (adopted or copied), and 200,000 arrays are not made again at 100,000 articles.
function resolveSlugs<T>(slugs: string[], bySlug: ReadonlyMap<string, T>): T[] {
  const list = slugs as unknown as T[];
  for (let i = 0; i < slugs.length; i++) list[i] = bySlug.get(slugs[i]!)!;
  return list;
}

/**
 * A snapshot with a patch applied (`ArchiveStore.patch`), or several, in the order they were made:
 * what `snapshot()` gave when the last was made, but for the order of the entries (an entry added
 * comes last), which a restored store does not keep.
 */
export function patchSnapshot(snapshot: StoreSnapshot, patches: readonly StorePatch[]): StoreSnapshot {
  const last = patches.at(-1);
  if (!last) return snapshot;
  // A path's last state: its entry, or null when removed.
  const latest = new Map<string, SavedEntry | null>();
  for (const patch of patches) {
    for (const path of patch.removed) latest.set(path, null);
    for (const entry of patch.entries) latest.set(entry.path, entry);
  }
  const entries: SavedEntry[] = [];
  for (const entry of snapshot.entries) {
    const now = latest.get(entry.path);
    if (now === undefined) entries.push(entry);
    else {
      if (now) entries.push(now);
      latest.delete(entry.path);
    }
  }
  for (const entry of latest.values()) if (entry) entries.push(entry);
  // urls.txt with each patch's change of its lines, in order.
  let urlManifest = snapshot.urlManifest;
  for (const { urlManifest: urls } of patches) {
    if (!urls) continue;
    const { published = [], removals = [] } = urlManifest.manifest ?? {};
    const gone = new Set(urls.lines.gone);
    urlManifest = {
      digest: urls.digest,
      diagnostics: [],
      manifest: { published: withUrlLinesChange(published, gone, urls.lines.published), removals: withUrlLinesChange(removals, gone, urls.lines.removals) },
    };
  }
  const { rules: _, ...rest } = snapshot;
  return { ...rest, urlManifest, nowMs: last.nowMs, listing: last.listing, entries, ...(last.rules ? { rules: last.rules } : {}) };
}

// The kind of the one rule of an article alone (where its file is filed): articles added leave it as it was for the others.
const MISPLACED = "misplacedFile";

// What an article is but for its text: every field the rules across articles read (`reusableRules`).
// The title stays out: a broken link's suggestion reads the titles of its day (`titleOfSameDay` in
// body-links.ts), and rules reused after a title's change would keep a suggestion made from the old one.
const TEXT_FIELDS = new Set(["body", "links", "summary", "bodyLine"]);

function saveEntry(paths: ContentPaths, e: ArticleEntry): SavedEntry {
  const { article: full, ...rest } = e;
  const saved: SavedEntry = { ...rest, path: paths.save(e.path), diagnostics: paths.saveDiagnostics(e.diagnostics) };
  if (full) saved.article = savedArticle(full);
  return saved;
}

// The article's path is the entry's; its topics and sources are the registries', by slug; its body
// is its file's. Keys are copied one by one: a restored article's body is a getter, never read here.
function savedArticle(full: Article): NonNullable<SavedEntry["article"]> {
  const saved: Record<string, unknown> = {};
  for (const key of Object.keys(full) as (keyof Article)[]) {
    if (key === "sourcePath" || key === "body") continue;
    saved[key] = key === "topics" ? full.topics.map((t) => t.slug) : key === "sources" ? full.sources.map((s) => s.slug) : full[key];
  }
  return saved as NonNullable<SavedEntry["article"]>;
}

/**
 * A snapshot's article, whose body is read from its file when first asked for: at 100,000
 * articles the bodies are nine tenths of the snapshot (300 MB to read and write back on every
 * build), and an incremental build reads only the few it renders. The store has just checked the
 * file unchanged (its stat, else its digest); one changed or removed since is read as it is now,
 * and the next build sees it changed.
 */
function restoredArticle(article: Omit<Article, "body">): Article {
  return Object.defineProperty(article, "body", BODY_FROM_FILE) as Article;
}

// One getter for every restored article (a closure each would put each article in a slow dictionary shape).
const BODY_FROM_FILE: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Article) {
    const body = readBody(this.sourcePath);
    Object.defineProperty(this, "body", { value: body, enumerable: true, configurable: true, writable: true });
    return body;
  },
};

// The body as validation takes it: the file's text after its front matter.
function readBody(sourcePath: string): string {
  const read = readContentFile(resolve(sourcePath), ARTICLE_LIMIT);
  const decoded = read.ok ? decodeContentFile(read.bytes, "article") : read;
  if (!decoded.ok) throw new CommandError(`${sourcePath}: ${decoded.message}`);
  const parsed = parseFrontMatter(decoded.text);
  if (!parsed.ok) throw new CommandError(`${sourcePath}: ${parsed.problems[0]?.message ?? ""}`);
  return parsed.frontMatter.body;
}

// A snapshot's paths are relative to the content folder; the store's, absolute; diagnostics', as
// errors print them (relative to the working directory).
class ContentPaths {
  // The content folder as errors print it, to which a saved path is appended: no path arithmetic per file.
  private readonly shown: string;

  constructor(private readonly root: string) {
    const shown = displayPath(root);
    this.shown = shown === "." ? "" : `${shown}${sep}`;
  }

  save(absolute: string): string {
    // A path inside the folder is cut after its prefix: `relative` per entry is half a second at 100,000.
    if (sep === "/" && absolute.startsWith(`${this.root}/`)) {
      const inside = absolute.slice(this.root.length + 1);
      if (isPlain(inside)) return inside;
    }
    return relative(this.root, absolute).split(sep).join("/");
  }

  read(saved: string): string {
    return sep === "/" && isPlain(saved) ? `${this.root}/${saved}` : join(this.root, ...saved.split("/"));
  }

  /** A saved path as errors print it (relative to the working directory). */
  display(saved: string): string {
    return sep === "/" && isPlain(saved) ? `${this.shown}${saved}` : displayPath(this.read(saved));
  }

  saveDiagnostics(items: readonly Diagnostic[]): Diagnostic[] {
    return items.map((d) => ({ ...d, file: this.save(resolve(d.file)) }));
  }

  readDiagnostics(items: readonly Diagnostic[]): Diagnostic[] {
    return items.map((d) => ({ ...d, file: this.display(d.file) }));
  }
}

// A saved path that joining would leave as it is: no `.` or `..` part, no empty one.
function isPlain(saved: string): boolean {
  if (saved === "" || saved.startsWith("/") || saved.endsWith("/")) return false;
  // No part that starts with a dot, nor an empty one (told without a regular expression, 100,000
  // times a restore): no `.` nor `..` part.
  if (!saved.startsWith(".") && !saved.includes("/.") && !saved.includes("//")) return true;
  return !/(^|\/)\.\.?(\/|$)|\/\//.test(saved);
}

// A file's digest, or undefined when it can't be read (missing, a folder, no permission).
function readDigest(path: string): string | undefined {
  try {
    return digestOf(readFileSync(path));
  } catch {
    return undefined;
  }
}

// Git's answer without the articles (a build keeps it for its photos: 100,000 paths less to hold).
function otherThanArticles(inIndex: Map<string, string>): Map<string, string> {
  const others = new Map<string, string>();
  for (const [path, id] of inIndex) if (!path.endsWith(".md")) others.set(path, id);
  return others;
}

// One digest for a group of files; a missing or unreadable file counts as its own state.
function digestOfFiles(paths: readonly string[]): string {
  return paths.map((path) => readDigest(path) ?? "-").join(" ");
}

/**
 * The rules across articles (URLs, short links, aliases, links between bodies), with each error
 * pointing into its file; the claimants are the articles and, in path order among them, the files
 * with errors, whose pages (once mended) an alias may not take either.
 */
function checkArchiveRules(
  content: Content,
  claimants: readonly Claimant[],
  claimantsWithErrors: readonly Claimant[],
  listed: (page: string) => boolean,
  links: LinkCheck | undefined,
  diagnostics: Diagnostics,
): void {
  const files = siteFiles(content, claimantsWithErrors);
  const pages: SiteFile<Claimant>[] = claimantsWithErrors.flatMap((article) => (article.url ? [{ path: fileOfUrl(article.url), article }] : []));
  const paths = new SitePaths<Claimant>(pages.length === 0 ? files : [...files, ...pages]);
  checkAcrossArticles(claimants, paths, listed, (article, key, index) => locateInFile(resolve(article.sourcePath), key, index), diagnostics);
  if (links) checkBodyLinks(content.articles, files, diagnostics, links);
}

// Cross-article errors are rare: re-reading the file beats keeping 100,000 YAML documents in memory.
function locateInFile(path: string, key: string, index?: number): Position {
  try {
    const read = readContentFile(path, ARTICLE_LIMIT);
    const decoded = read.ok ? decodeContentFile(read.bytes, "article") : read;
    if (!decoded.ok) return FILE_START;
    const parsed = parseFrontMatter(decoded.text);
    const frontMatter = parsed.ok ? parsed.frontMatter : parsed.mended;
    if (!frontMatter) return FILE_START;
    return frontMatter.valuePosition(index === undefined ? [key] : [key, index]);
  } catch {
    return FILE_START;
  }
}

/** What the rules across articles read of the store's entries, in path order (`whatEntriesHold`). */
interface EntriesHeld {
  /** Every entry's diagnostics. */
  diagnostics: Diagnostic[];
  articles: Article[];
  /**
   * What the rules across articles compare: the articles, and of files with errors what is written
   * right, so that a clash with them is told in this run (see Claimant); those of files with errors.
   */
  claimants: Claimant[];
  claimantsWithErrors: Claimant[];
  /** Files with errors whose links are checked with the articles' (see LinkingFile). */
  linkingWithErrors: LinkingFile[];
  /**
   * What files with errors hold: their pages are missing, or their URLs unclaimed, for a reason
   * told at the files; links to them and their published URLs are checked once they are mended.
   */
  withErrors: Set<string>;
  slugsWithErrors: Set<string>;
  namedWithErrors: string[];
}

function whatEntriesHold(entries: readonly ArticleEntry[]): EntriesHeld {
  const held: EntriesHeld = {
    diagnostics: [],
    articles: [],
    claimants: [],
    claimantsWithErrors: [],
    linkingWithErrors: [],
    withErrors: new Set(),
    slugsWithErrors: new Set(),
    namedWithErrors: [],
  };
  for (const entry of entries) {
    for (const d of entry.diagnostics) held.diagnostics.push(d);
    if (entry.article) {
      held.articles.push(entry.article);
      held.claimants.push(entry.article);
      continue;
    }
    if (entry.validClaims) {
      const claimant = { sourcePath: displayPath(entry.path), ...entry.validClaims };
      held.claimants.push(claimant);
      held.claimantsWithErrors.push(claimant);
    }
    if (entry.links) {
      const { url, draft = false, published } = entry.validClaims ?? {};
      held.linkingWithErrors.push({
        sourcePath: displayPath(entry.path),
        ...(url ? { url } : {}),
        draft,
        ...(published ? { published } : {}),
        links: entry.links,
      });
    }
    if (entry.claims?.url) held.withErrors.add(entry.claims.url);
    for (const slug of entry.slugs ?? []) held.slugsWithErrors.add(slug);
    for (const alias of entry.claims?.aliases ?? []) held.withErrors.add(alias);
    const named = urlNamedBy(entry.path);
    if (named) held.namedWithErrors.push(named);
  }
  return held;
}
