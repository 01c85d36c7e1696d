import { existsSync, renameSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { buildDateFromEnvironment } from "../publish/build-date.ts";
import { buildSite, DEFAULT_CACHE_DIR } from "../publish/build-site.ts";
import { planSite, planSomePages } from "../plan/plan-site.ts";
import { deriveArchive } from "../archive/archive.ts";
import { pageCounts, pagesShowingAdded, pagesShowingEdited, pagesShowingRemoved, sameMainTopics } from "../plan/added-pages.ts";
import { narrowChange, type NarrowChange } from "../publish/fast-path.ts";
import type { BuildData } from "../plan/site-data.ts";
import { sortDiagnostics, type Diagnostic } from "../content/diagnostics.ts";
import { isGrouped } from "../content/unknown-names.ts";
import type { Article, Content } from "../content/model.ts";
import { ArchiveStore } from "../content/store.ts";
import { inspectPhotos } from "../images/inspect-photos.ts";
import { placePhotos, shownPhotoSets } from "../images/encode-photos.ts";
import { preparePhotos, type PreparedPhotos } from "../images/prepare-photos.ts";
import type { PhotoSet } from "../images/derivatives.ts";
import { isPublished } from "../archive/archive.ts";
import { ArticleRenderer } from "../plan/article-view.ts";
import { escapeHtml } from "../text/html.ts";
import { redirectUrls, type SitePages } from "../plan/pages.ts";
import { writePagesDirectly } from "../pages/write-directly.ts";
import { planDiscoveryFiles } from "../outputs/discovery-files.ts";
import { linkSiteInto } from "../files/site-links.ts";
import { removeInBackground, removeSiteFiles, removeUnshownPhotos, replaceStagedFile, siblingFolder } from "../publish/stage-from-site.ts";
import { publishedArticles, recordSources } from "../publish/search-sources.ts";
import type { ArticleEntry } from "../content/validate-files.ts";
import { planSearchIndex } from "../plan/search-page.ts";
import { fileOfUrl, SEARCH_INDEX_URL } from "../urls/site-urls.ts";
import { sameData } from "./same-data.ts";
import { mergePlanned, pagePlaces, type PagePlaces, withoutPages } from "./merge-plan.ts";
import { ui } from "../i18n/fr.ts";
import { takeRunLocks, type RunLockOptions } from "../files/run-lock.ts";

export interface DevSessionOptions {
  contentDir: string;
  outDir: string;
  drafts: boolean;
  /** The session's "now", as a build's (`--now`): else SOURCE_DATE_EPOCH, else the clock when the session starts. */
  nowMs?: number;
  /** The build cache, where photos are encoded once (default `.depeche/cache`, as for a build). */
  cacheDir?: string;
  /**
   * Keeps other runs from the cache while a full build writes into it (its photos), as a build's
   * lock does; the preview's folder is the server's to hold, for the session.
   */
  lock?: RunLockOptions;
}

/** A plan, and what writing it changes in the preview's folder: the pages to write, the pages gone, and all their URLs. */
interface PlannedChange {
  next: BuildData;
  changed: SitePages;
  gone: string[];
  urls: string[];
}

export interface Update {
  /**
   * `rebuilt`: a full build; `updated`: some pages rewritten; `fixed`: the errors are gone and the
   * pages are as they were (the browsers reload, to drop the banner); `invalid`: nothing written, errors to show.
   */
  outcome: "rebuilt" | "updated" | "fixed" | "unchanged" | "invalid";
  /** `invalid` before any build of the session succeeded: there is no last good version to show. */
  unbuilt?: boolean;
  /** Site-relative URLs of the pages written or removed. */
  urls: string[];
  /** How an update planned its pages: all of them, only those that show the texts edited, with those the articles added enter, or with those the articles removed left (`moved`). */
  planned?: "all" | "text" | "added" | "moved";
  /** Errors (and warnings of the files just read). */
  diagnostics: Diagnostic[];
  ms: number;
}

/**
 * The dev server's model of the site: one archive store for the session; after one full build, a
 * saved article is synced on its own (the rules across articles and urls.txt's guard apply as in
 * a build) and only the pages whose content changed are written again, so an edit reaches the
 * browser in the time its few pages take, however large the archive. The feeds, sitemaps,
 * robots.txt and manifest are made again whole, as a build makes them, when one of them is asked
 * for after an update (`freshOutputs`), and replaced where their bytes changed. So is the search
 * index, when the search page or the index is asked for (`freshSearch`): made again in a linked
 * copy as an incremental build makes it (an edit's bundle patched, a bundle whose articles came or
 * went indexed whole, the others kept), then swapped in whole, so that a search never reads a
 * half-written index. Made at each save, it would hold the reload (0.17 s for a bundle at 300
 * articles, seconds for a year's at 100,000). While any error stands, nothing is written and the
 * last good site stays served.
 */
export class DevSession {
  private content?: Content;
  private data?: BuildData;
  private readonly nowMs: number;
  private readonly store: ArchiveStore;
  private renderer = new ArticleRenderer();
  private errors: Diagnostic[] = [];
  /** The new address of each article page an edit moved (its title or date changed, its file renamed), by the old one. */
  private readonly moves = new Map<string, { url: string; title: string }>();
  /**
   * The articles whose files went in this session, the latest last (at most `GONE_KEPT`): a file
   * renamed or moved goes, then comes back under its new name, perhaps in a later save.
   */
  private readonly gone: Article[] = [];
  /** The articles whose files came in this session and were no article gone, the latest last (at most `GONE_KEPT`). */
  private readonly arrived: Article[] = [];
  /** The feeds, sitemaps… the preview folder holds, by site-relative path; unknown until first made again. */
  private outputs?: Set<string>;
  /** The plan those files were made from: older than the pages' once a save changed them (`freshOutputs`). */
  private outputsOf?: BuildData;
  /**
   * The plan the search index was made from: older than the pages' once a save changed them
   * (`freshSearch`); none after a full build, which writes the pages without the index.
   */
  private searchOf?: BuildData;
  /** Each article file read again since the search index was made, as it was then (the first time it was read again). */
  private readonly sinceIndexed = new Map<string, ArticleEntry>();
  /** Each article file added since the search index was made (not among `sinceIndexed`, which it never held). */
  private readonly addedSinceIndexed = new Set<string>();
  /** Why the last `freshSearch` failed, until one succeeds: the search page says its index is behind. */
  private searchFailure?: string;
  /** The full build or the search index under way: never both at once, for each replaces the index's folder. */
  private exclusive: Promise<unknown> = Promise.resolve();
  private indexingNow = false;
  /** Set while a save's pages are written: one that failed leaves the next save to plan every page. */
  private pagesBehind = false;
  /** The photos whose check failed at the last save (`preparePhotosOf`): checked again at each save until it passes. */
  private photosFailing = new Set<string>();
  /** The photos the preview's pages show, by `src`, whose files its folder holds (`placeShownPhotos`). */
  private shown = new Map<string, PhotoSet>();
  /** Where each page of a plan is (`pagePlaces`), for the plan it was found for. */
  private places?: { of: BuildData; urls: PagePlaces };

  constructor(private readonly options: DevSessionOptions) {
    this.nowMs = options.nowMs ?? buildDateFromEnvironment() ?? Date.now();
    this.store = new ArchiveStore({ contentDir: options.contentDir, nowMs: this.nowMs });
  }

  /** The errors that keep the last edit from being published (shown in the browser). */
  get currentErrors(): Diagnostic[] {
    return this.errors;
  }

  /** Whether a search index is being made (`freshSearch`). */
  get indexing(): boolean {
    return this.indexingNow;
  }

  /** Resolves once the full build and the search index under way, and those asked for before, are done. */
  async idle(): Promise<void> {
    await this.exclusive;
  }

  /** Where the article page at `url` went, when an edit in this session moved it. */
  movedTo(url: string): { url: string; title: string } | undefined {
    return this.moves.get(url);
  }

  /**
   * A full build through Eleventy; also what a change to the registries or templates needs. It
   * writes the pages and not the search index, which `freshSearch` makes when asked (the dev
   * server asks at once, while it serves the pages): the preview opens in the pages' time, half of
   * a build with the index at 10,000 articles.
   */
  rebuild(): Promise<Update> {
    return this.alone(() => this.buildWhole());
  }

  private async buildWhole(): Promise<Update> {
    const start = performance.now();
    const result = await buildSite({
      contentDir: this.options.contentDir,
      outDir: this.options.outDir,
      drafts: this.options.drafts,
      nowMs: this.nowMs,
      store: this.store,
      renderer: this.renderer,
      search: false,
      // The preview keeps the photos' encodings (its store, not the build cache, keeps its pages).
      cacheDir: this.cacheDir,
      ...(this.options.lock ? { lock: { ...this.options.lock, site: false } } : {}),
    });
    if (!result.ok || !result.built) {
      this.errors = result.diagnostics.filter((d) => d.severity === "error");
      const unbuilt = this.content === undefined ? { unbuilt: true } : {};
      return { outcome: "invalid", ...unbuilt, urls: [], diagnostics: result.diagnostics, ms: performance.now() - start };
    }
    this.content = result.built.content;
    this.data = result.built.data;
    this.store.settle();
    this.photosFailing.clear();
    this.shown = this.shownPhotos(this.content);
    this.outputs = undefined;
    this.outputsOf = this.data;
    this.searchOf = undefined;
    this.sinceIndexed.clear();
    this.addedSinceIndexed.clear();
    this.searchFailure = undefined;
    this.errors = [];
    return { outcome: "rebuilt", urls: [], diagnostics: result.diagnostics, ms: performance.now() - start };
  }

  /**
   * Applies changes to files of the content folder (absolute paths, existing or deleted): articles,
   * and the registries and urls.txt too, which the store reads again when their bytes change. A
   * change of `topics.yaml` validates every article again, but only the pages whose data it changes
   * (that topic's pages, its articles' pages) are written. A photo the preview has not shown yet, or
   * whose file was saved, is checked and encoded alone, and the pages of its articles are written.
   * The first successful build is a full one.
   */
  async update(paths: string[]): Promise<Update> {
    const start = performance.now();
    if (!this.content || !this.data) return this.rebuild();
    const hadErrors = this.errors.length > 0;
    const replaced = new Map<string, ArticleEntry>();
    const change = await this.store.sync(paths, {
      onReplaced: (before) => {
        replaced.set(before.path, before);
        if (!this.sinceIndexed.has(before.path) && !this.addedSinceIndexed.has(before.path)) this.sinceIndexed.set(before.path, before);
      },
    });
    for (const path of change.added) if (!this.sinceIndexed.has(path)) this.addedSinceIndexed.add(path);
    // Every article was validated again: the views of the old ones would never be asked for. The
    // photos stay checked and encoded.
    if (change.registries) {
      const photos = this.renderer.photoSets;
      this.renderer = new ArticleRenderer();
      this.renderer.usePhotos(photos);
    }
    const synced = this.store.entriesAt([...new Set([...change.added, ...change.changed])].sort());
    const fresh = [...(change.registries ? this.store.registryDiagnostics : []), ...synced.flatMap((e) => e.diagnostics)];
    const result = this.store.result();
    this.errors = result.diagnostics.filter((d) => d.severity === "error");
    if (!result.content) {
      // Every error at once, as `check` gives them: the photos no build has checked yet are
      // checked now (read, not encoded), beside the errors that keep the archive from building.
      const unchecked = this.store
        .photoUses()
        .filter((use) => use.image && (!this.renderer.photoSets.has(use.image.src) || this.photosFailing.has(use.image.src)));
      const photos = unchecked.length > 0 ? (await inspectPhotos(this.options.contentDir, unchecked)).diagnostics : [];
      this.errors = sortDiagnostics([...this.errors, ...photos.filter((d) => d.severity === "error")]);
      // A source renamed in sources.yaml validates every article again: their errors of its old
      // code are the one error that counts them, not one line each.
      const grouped = isGrouped(this.errors);
      const told = fresh.filter((d) => !grouped(d));
      return { outcome: "invalid", urls: [], diagnostics: sortDiagnostics([...new Set([...told, ...photos, ...this.errors])]), ms: performance.now() - start };
    }

    const articles = synced.flatMap((e) => (e.article ? [e.article] : []));
    const photos = await this.preparePhotosOf(result.content, articles, paths);
    if (photos.errors.length > 0) {
      this.errors = photos.errors;
      return { outcome: "invalid", urls: [], diagnostics: sortDiagnostics([...fresh, ...photos.diagnostics]), ms: performance.now() - start };
    }
    // Only texts edited, articles added and articles removed since the pages were last planned (the
    // build's fast path; an article changed otherwise is taken out and put in again): only the
    // pages that show those texts, that those articles enter or left, are planned again.
    // The articles were as the store held them before this save only when the last save left no
    // error (an error keeps the pages as they were). An article whose photo changed is shown as
    // one whose text did: on the same pages.
    // `urls.txt` changes no page (only what the rules say): an article withdrawn with its `! URL` line takes this path too.
    const narrow = !hadErrors && !this.pagesBehind ? narrowChange(change, replaced, this.store) : undefined;
    if (narrow) for (const article of photos.articles) if (!narrow.added.has(article)) narrow.articles.add(article);
    // An article added may be a file renamed, gone in an earlier save; one removed, one that comes in a later one.
    if (!narrow || narrow.added.size > 0 || narrow.removed.length > 0) this.recordMoves(this.content.articles, result.content.articles, articles);
    const content = result.content;
    const some = narrow && this.planSome(content, narrow);
    const planned = some ?? this.changedPages(planSite(content, this.archiveOptions, this.renderer));
    // Until the pages are written, the plan they were written from is not known: the next save plans them all.
    this.pagesBehind = true;
    await this.writePlanned(planned);
    this.pagesBehind = false;
    this.content = content;
    this.store.settle();
    this.placeShownPhotos(content);
    const urls = planned.urls;
    // A fix that restores the text the pages were built from changes no page, yet the banner must go.
    const outcome = urls.length > 0 ? "updated" : hadErrors ? "fixed" : "unchanged";
    const diagnostics = photos.diagnostics.length > 0 ? sortDiagnostics([...fresh, ...photos.diagnostics]) : fresh;
    const how = !some ? "all" : narrow.removed.length > 0 ? "moved" : narrow.added.size > 0 ? "added" : "text";
    return { outcome, urls, planned: how, diagnostics, ms: performance.now() - start };
  }

  /**
   * A build's photo step, for the photos this save needs alone: an article's photo the preview has
   * not checked yet (an article given a new one), a photo whose file was saved (copied in,
   * replaced, removed), and those whose check failed at an earlier save. Each is checked and
   * encoded into the cache as a build does it; once all pass, the pages show them. Returns the
   * errors (the pages then stay as they were), or the articles whose photo changed.
   */
  private async preparePhotosOf(
    content: Content,
    saved: readonly Article[],
    paths: readonly string[],
  ): Promise<{ errors: Diagnostic[]; diagnostics: Diagnostic[]; articles: Article[] }> {
    const known = this.renderer.photoSets;
    const root = resolve(this.options.contentDir);
    const files = new Set(paths.filter((path) => !path.endsWith(".md")).map((path) => resolve(path)));
    const fileSaved = (src: string): boolean => files.size > 0 && files.has(resolve(root, src));
    const srcs = new Set(this.photosFailing);
    for (const article of saved) if (article.image && !known.has(article.image.src)) srcs.add(article.image.src);
    const uses = srcs.size > 0 || files.size > 0 ? content.articles.filter((a) => a.image && (srcs.has(a.image.src) || fileSaved(a.image.src))) : [];
    // A photo no article shows any more whose file is saved is forgotten: an article that names it again has it checked.
    const used = new Set(uses.map((a) => a.image!.src));
    const forgotten = new Set([...known.keys()].filter((src) => !used.has(src) && fileSaved(src)));
    let prepared: PreparedPhotos | undefined;
    if (uses.length > 0) {
      const lock = this.options.lock && takeRunLocks([{ folder: this.cacheDir, kind: "cache" }], this.options.lock);
      try {
        prepared = await preparePhotos(this.options.contentDir, uses, { cacheDir: this.cacheDir, encode: true, everyUse: false, only: true });
      } finally {
        lock?.release();
      }
      const errors = prepared.diagnostics.filter((d) => d.severity === "error");
      if (errors.length > 0) {
        this.photosFailing = used;
        return { errors, diagnostics: prepared.diagnostics, articles: [] };
      }
    }
    this.photosFailing.clear();
    if (prepared || forgotten.size > 0) this.renderer.usePhotos(new Map([...[...known].filter(([src]) => !forgotten.has(src)), ...(prepared?.sets ?? [])]));
    return { errors: [], diagnostics: prepared?.diagnostics ?? [], articles: uses };
  }

  // The photo files the pages show, put into the preview's folder from the cache, and those no
  // page shows any more removed: as a build leaves its site.
  private placeShownPhotos(content: Content): void {
    const before = new Set(this.shown.values());
    this.shown = this.shownPhotos(content);
    const now = new Set(this.shown.values());
    const went = [...before].filter((set) => !now.has(set));
    if (went.length > 0)
      removeUnshownPhotos(
        this.options.outDir,
        went.map((set) => set.source.digest),
        now,
      );
    placePhotos(
      [...now].filter((set) => !before.has(set)),
      this.cacheDir,
      this.options.outDir,
    );
  }

  // The photos the pages of `content` show, as a build with the session's drafts and "now" publishes them.
  private shownPhotos(content: Content): Map<string, PhotoSet> {
    return shownPhotoSets(content.articles, this.renderer.photoSets, (a) => isPublished(a, this.archiveOptions));
  }

  private get cacheDir(): string {
    return this.options.cacheDir ?? DEFAULT_CACHE_DIR;
  }

  // An editor who changes a title is reloaded onto the old address: its 404 page links the new one.
  // Earlier moves of the same page follow it to its latest address. A file saved under a new name
  // is an article gone in this session (`sameDispatch`), in the same save or a later one; or, saved
  // under its new name before the old file was deleted ("save as", then delete), it came first.
  private recordMoves(before: readonly Article[], after: readonly Article[], saved: readonly Article[]): void {
    // Looked up, not searched: a registry changed validates every article again, and a search of
    // the archive for each took minutes at 100,000 articles.
    const beforeByPath = new Map(before.map((a) => [a.sourcePath, a]));
    const byPath = new Map(saved.map((article) => [article.sourcePath, beforeByPath.get(article.sourcePath)]));
    // Files gone only when the save removed or added one: an edit in place, the usual save, looks
    // for none.
    if (after.length !== before.length || [...byPath.values()].includes(undefined)) {
      const present = new Map(after.map((a) => [a.sourcePath, a]));
      for (const went of before.filter((a) => !present.has(a.sourcePath))) {
        const came = takeLast(this.arrived, (a) => sameDispatch(went, a));
        const now = came && present.get(came.sourcePath);
        if (now) this.recordMove(went.url, now);
        else keepLast(this.gone, went);
      }
    }
    for (const article of saved) {
      const previous = byPath.get(article.sourcePath);
      const old = previous ?? takeLast(this.gone, (gone) => sameDispatch(gone, article));
      if (!previous && !old) keepLast(this.arrived, article);
      if (old !== undefined && old.url !== article.url) this.recordMove(old.url, article);
    }
  }

  private recordMove(old: string, article: Article): void {
    const to = { url: article.url, title: article.title };
    for (const [from, move] of this.moves) if (move.url === old) this.moves.set(from, to);
    this.moves.set(old, to);
    this.moves.delete(article.url);
  }

  private get archiveOptions(): { drafts: boolean; nowMs: number } {
    return { drafts: this.options.drafts, nowMs: this.nowMs };
  }

  // The pages of `next` whose data differ from the previous plan's, and the pages gone.
  private changedPages(next: BuildData): PlannedChange {
    const previous = this.data!;
    const sameSite = sameData(previous.site, next.site);
    const changed: Record<string, { url: string }[]> = {};
    const removed: string[] = [];
    for (const kind of Object.keys(next.pages) as (keyof SitePages)[]) {
      const before = new Map((previous.pages[kind] as { url: string }[]).map((p) => [p.url, p]));
      changed[kind] = (next.pages[kind] as { url: string }[]).filter((page) => {
        const old = before.get(page.url);
        before.delete(page.url);
        return !sameSite || !old || !sameData(old, page);
      });
      // One at a time: a kind may lose every page (100,000 articles), more than a call takes arguments.
      for (const url of before.keys()) removed.push(url);
    }
    const written = new Set(Object.values(changed).flatMap((pages) => pages.map((p) => p.url)));
    // A page gone from one kind may be written by another in the same update (a title changed
    // and its old address made an alias: the article's page gives way to the redirect).
    const gone = removed.filter((url) => !written.has(url));
    return { next, changed: changed as unknown as SitePages, gone, urls: [...written, ...gone] };
  }

  /**
   * The previous plan with the pages that show `edited` (their texts alone changed), those that
   * `added` enter and those that `removed` left planned again and merged in (`mergePlanned`), the
   * pages gone taken out; and those of them whose data changed. Undefined when they do not fit the
   * previous plan (the site's structure changed after all: the masthead, or a page out of its
   * place). Every other page is the previous plan's own.
   */
  private planSome(content: Content, { articles: edited, added, removed }: NarrowChange): PlannedChange | undefined {
    const previous = this.data!;
    let places = this.places?.of === previous ? this.places.urls : pagePlaces(previous.pages);
    // The articles gone whose pages the preview showed.
    const leaving = removed.filter((a) => places.get(a.url)?.kind === "articles");
    let counts: Record<string, number> | undefined;
    let mayGo: ReadonlyMap<string, string> = new Map();
    const some = planSomePages(deriveArchive(content, this.archiveOptions, { perArticle: false }), this.renderer, (archive) => {
      const urls = pagesShowingEdited(
        archive,
        archive.articles.filter((a) => edited.has(a)),
      );
      const entering = archive.articles.filter((a) => added.has(a));
      if (entering.length === 0 && leaving.length === 0) return urls;
      if (!sameMainTopics(archive, entering, leaving)) return undefined;
      counts = pageCounts(archive);
      for (const url of pagesShowingAdded(archive, entering)) urls.add(url);
      // An alias's redirect page goes among the others, in the articles' order: all planned, to place it.
      if ([...entering, ...leaving].some((a) => a.aliases.length > 0)) for (const url of redirectUrls(archive)) urls.add(url);
      if (leaving.length === 0) return urls;
      const showing = pagesShowingRemoved(archive, leaving, entering);
      for (const url of showing.urls) urls.add(url);
      mayGo = showing.gone;
      return urls;
    });
    if (!some || !sameData(some.data.site, previous.site)) return undefined;
    // The pages gone: of those that may be, the ones the previous plan has and this one has not
    // under the same kind (a re-dated article's old URL may now be its alias's redirect).
    const plannedKinds = pagePlaces(some.data.pages);
    const gone = [...mayGo].filter(([url, kind]) => places.get(url)?.kind === kind && plannedKinds.get(url)?.kind !== kind).map(([url]) => url);
    const base = gone.length > 0 ? withoutPages(previous.pages, new Set(gone)) : previous.pages;
    if (gone.length > 0) places = pagePlaces(base);
    const merged = mergePlanned(base, some.data.pages, places, counts && { articles: some.archive.articles, counts });
    if (!merged) return undefined;
    const next: BuildData = { ...previous, pages: merged.pages };
    // The pages stay where they were, unless some were added or removed: the places are then found again when next asked.
    this.places = merged.moved || gone.length > 0 ? undefined : { of: next, urls: places };
    const urls = Object.values(merged.changed as unknown as Record<string, { url: string }[]>).flatMap((list) => list.map((p) => p.url));
    const written = new Set(urls);
    const removedUrls = gone.filter((url) => !written.has(url));
    return { next, changed: merged.changed, gone: removedUrls, urls: [...urls, ...removedUrls] };
  }

  // Writes the pages planned again, removes the pages gone, and takes the new plan.
  private async writePlanned({ next, changed, gone }: PlannedChange): Promise<void> {
    await writePagesDirectly({ site: next.site, pages: changed }, this.options.outDir);
    removeSiteFiles(this.options.outDir, gone.map(fileOfUrl));
    this.data = next;
  }

  /**
   * Brings the preview's feeds, sitemaps, robots.txt and manifest up to the last update, when one
   * of them is asked for (the dev server calls it before serving such a file), and returns the
   * site-relative paths replaced or removed. Made when asked, not at each save: made at each save,
   * they held the browser's reload some 0.2 s more at 10,000 articles (a clean build spends 2.3 s
   * on them at 100,000), for files an editor seldom opens.
   */
  freshOutputs(): string[] {
    if (!this.data || !this.outputsOf || this.outputsOf === this.data) return [];
    const written = this.writeChangedOutputs(this.outputsOf, this.data);
    this.outputsOf = this.data;
    return written;
  }

  /**
   * Brings the preview's search index up to the last update, when the search page or the index is
   * asked for (the dev server waits for it before serving them), and returns whether it changed:
   * after a full build, whose site has none, the whole index. Not while errors stand: the pages are
   * the last good version, and so is the index. A failure
   * (Pagefind's) leaves the index as it was, said on the search page (`searchBehind`), and is
   * thrown: the next request tries again.
   */
  freshSearch(): Promise<boolean> {
    return this.alone(async () => {
      const data = this.data;
      const content = this.content;
      if (!data || !content || data === this.searchOf || this.errors.length > 0) return false;
      // The saves from here on are the next refresh's; this one's are put back if it fails.
      const taken = new Map(this.sinceIndexed);
      const added = [...this.addedSinceIndexed];
      this.sinceIndexed.clear();
      this.addedSinceIndexed.clear();
      this.indexingNow = true;
      try {
        await this.indexAgain(data, content, taken, added);
      } catch (error) {
        for (const [path, entry] of taken) this.sinceIndexed.set(path, entry);
        for (const path of added) this.addedSinceIndexed.add(path);
        this.searchFailure = error instanceof Error ? error.message : String(error);
        throw error;
      } finally {
        this.indexingNow = false;
      }
      this.searchOf = data;
      this.searchFailure = undefined;
      return true;
    });
  }

  /** Whether the search index is not the pages' archive (errors stand, or the last `freshSearch` failed), and why when it failed. */
  get searchBehind(): { failure?: string; unmade?: true } | undefined {
    // Failed after a full build, whose site has none: there is no index to search.
    if (this.searchFailure !== undefined) return { failure: this.searchFailure, ...(this.searchOf === undefined ? { unmade: true as const } : {}) };
    return this.errors.length > 0 && this.data !== this.searchOf ? {} : undefined;
  }

  // The index of `data`, made in a linked copy of the preview's index and swapped in whole: its
  // bundles planned as a build plans them, each kept, patched or indexed again by its digest.
  private async indexAgain(data: BuildData, content: Content, replaced: ReadonlyMap<string, ArticleEntry>, added: readonly string[]): Promise<void> {
    const out = resolve(this.options.outDir);
    const live = resolve(out, SEARCH_INDEX_URL.slice(1));
    const staging = siblingFolder(out, "building");
    try {
      const next = resolve(staging, SEARCH_INDEX_URL.slice(1));
      if (existsSync(live)) linkSiteInto(live, next);
      const bundles = planSearchIndex(
        data.pages.search[0]?.bundles ?? [],
        publishedArticles(content, data),
        this.renderer,
        recordSources(this.store, replaced, added, (a) => isPublished(a, this.archiveOptions)),
      );
      const { indexSearchBundles } = await import("../search/indexer.ts");
      await indexSearchBundles(staging, bundles, { staged: true });
      // Two renames in one turn of the event loop: no request is served between them.
      const aside = siblingFolder(out, "trash");
      if (existsSync(live)) renameSync(live, aside);
      renameSync(next, live);
      removeInBackground(aside);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  // Runs `work` once the full build or the search index under way is done.
  private alone<T>(work: () => Promise<T>): Promise<T> {
    const next = this.exclusive.then(work, work);
    this.exclusive = next.catch(() => {});
    return next;
  }

  // The feeds, sitemaps, robots.txt and manifest, made whole from the new plan (they read its pages'
  // data, not their HTML), each replaced where its bytes changed; one the plan no longer makes (a
  // topic's feed, the news sitemap) goes.
  private writeChangedOutputs(previous: BuildData, next: BuildData): string[] {
    const outDir = this.options.outDir;
    const before = this.outputs ?? new Set(planDiscoveryFiles(previous.site, previous.pages, this.nowMs).keys());
    const outputs = planDiscoveryFiles(next.site, next.pages, this.nowMs);
    const written = [...outputs].filter(([url, text]) => replaceStagedFile(outDir, url, text)).map(([url]) => url);
    const gone = [...before].filter((url) => !outputs.has(url));
    removeSiteFiles(outDir, gone);
    this.outputs = new Set(outputs.keys());
    return [...written, ...gone];
  }
}

/** Where the preview tells an editor on a page an edit moved (`DevSession.movedTo`) to go now. */
export function movedNoticeHtml(to: { url: string; title: string }): string {
  return `<p id="depeche-moved" style="margin:0;padding:1rem;background:#eef4ff;color:#0b2e6b;border-bottom:3px solid #1f5fbf;font:15px/1.4 system-ui,sans-serif">${escapeHtml(ui.devMovedTo)} <a href="${escapeHtml(to.url)}">${escapeHtml(to.title)}</a></p>`;
}

/** What the preview's search page says of an index behind its pages (`DevSession.searchBehind`). */
export function searchNoticeHtml(behind: { failure?: string; unmade?: true }): string {
  const text = behind.failure === undefined ? ui.devSearchAfterErrors : behind.unmade ? ui.devSearchUnmade(behind.failure) : ui.devSearchFailed(behind.failure);
  return `<p id="depeche-search-behind" style="margin:0 0 1rem;padding:.75rem 1rem;background:#fff8e1;color:#4a3500;border-left:4px solid #c98a00;font:15px/1.4 system-ui,sans-serif">${escapeHtml(text)}</p>`;
}

/** The page the preview shows before its first build has succeeded: the errors that keep it from being built. */
export function notBuiltPageHtml(errors: readonly Diagnostic[]): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(ui.devErrors(errors.length))}</title></head><body><p style="font:15px/1.4 system-ui,sans-serif;padding:0 1rem">${escapeHtml(ui.devNotBuilt)}</p></body></html>`;
}

const BANNER_LIMIT = 50;
/** How many articles whose files went a session remembers, to tell where a renamed file's page went. */
const GONE_KEPT = 50;

/**
 * Whether two files are one dispatch, renamed: the same short link when both have one; else the
 * same slug, or the same body (a title changed with the file's name).
 */
function sameDispatch(a: Article, b: Article): boolean {
  if (a.shortLink !== undefined && b.shortLink !== undefined) return a.shortLink === b.shortLink;
  return a.slug === b.slug || (a.body.trim() !== "" && a.body === b.body);
}

// The latest article of `list` that `matches`, taken off it.
function takeLast(list: Article[], matches: (a: Article) => boolean): Article | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (matches(list[i]!)) return list.splice(i, 1)[0];
  return undefined;
}

function keepLast(list: Article[], article: Article): void {
  list.push(article);
  list.splice(0, Math.max(0, list.length - GONE_KEPT));
}

/** The error banner shown at the top of every page while the archive has errors. */
export function errorBannerHtml(errors: readonly Diagnostic[]): string {
  const shown = errors.slice(0, BANNER_LIMIT).map((e) => `<li><code>${escapeHtml(`${e.file}:${e.line}:${e.column}`)}</code> ${escapeHtml(e.message)}</li>`);
  const more = errors.length > BANNER_LIMIT ? `<li>${escapeHtml(ui.devMoreErrors(errors.length - BANNER_LIMIT))}</li>` : "";
  // Inline styles: the banner must show even when the page's own stylesheet is what broke. In the
  // flow of the page, above the header, not over it: however many errors, the site stays readable.
  // The save reloads the page, and the browser would put back the reader's place by the text that
  // was on screen, the banner above it, out of sight (the whole window on a phone, where the header
  // fills it): once loaded, the page goes to its top instead, on the banner; as it is left (the
  // error fixed, the page reloaded), the browser keeps the reader's place again.
  return `<div role="alert" id="depeche-errors" style="position:static;margin:0;padding:1rem;background:#fff3f3;color:#7a0000;border-bottom:3px solid #b00020;font:15px/1.4 system-ui,sans-serif"><strong>${escapeHtml(ui.devErrors(errors.length))}</strong><ul style="margin:.5rem 0 0;padding-left:1.2rem">${shown.join("")}${more}</ul><script>history.scrollRestoration="manual";addEventListener("load",()=>scrollTo(0,0));addEventListener("pagehide",()=>{history.scrollRestoration="auto"})</script></div>`;
}
