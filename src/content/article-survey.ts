/**
 * A head start for an incremental sync of a large archive: the articles folder listed and each
 * file's stat taken in a worker thread, and git asked for its index, while the main thread reads
 * the build's cache and restores the store from it (each some second of work at 100,000 articles).
 */
import { lstatSync } from "node:fs";
import { join, resolve } from "node:path";
import type { RepositoryWalk } from "../files/output-folder.ts";
import { Thread } from "../threads/thread.ts";
import { listArticleFiles } from "./article-files.ts";
import { Diagnostics, displayPath, type Diagnostic } from "./diagnostics.ts";
import { unchangedInIndex } from "./git-files.ts";
import type { FileStat } from "./validate-files.ts";

/** How many numbers of `ArticleSurvey.stats` are each file's. */
export const STAT_NUMBERS = 4;

/** The articles folder as listed (`listArticleFiles`), with the stat of each file listed. */
export interface ArticleSurvey {
  /** Every `*.md` below the articles folder, sorted. */
  paths: string[];
  /** What listing reported (symbolic links, unreadable folders, other files). */
  diagnostics: Diagnostic[];
  /** Of each path in turn, `STAT_NUMBERS` numbers: its size, modification time, change time and inode (NaN: gone since it was listed). */
  stats: Float64Array;
}

/**
 * Lists the articles folder of `contentDir` and takes each file's stat (`lstat`: links are not
 * followed). For `build` and `check`, whose archive must have its articles folder.
 */
export function surveyArticles(contentDir: string): ArticleSurvey {
  const diagnostics = new Diagnostics();
  const paths = listArticleFiles(join(contentDir, "articles"), displayPath, diagnostics);
  const stats = new Float64Array(paths.length * STAT_NUMBERS).fill(Number.NaN);
  for (const [i, path] of paths.entries()) {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (stat) stats.set([stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino], i * STAT_NUMBERS);
  }
  return { paths, diagnostics: diagnostics.items, stats };
}

/** Whether the `i`th file surveyed has the stat kept of it (`sameStat`, from the survey's numbers). */
export function sameSurveyedStat(survey: ArticleSurvey, i: number, kept: FileStat): boolean {
  const at = i * STAT_NUMBERS;
  const { stats } = survey;
  return stats[at] === kept.size && stats[at + 1] === kept.mtimeMs && stats[at + 2] === kept.ctimeMs && stats[at + 3] === kept.ino;
}

/**
 * What the survey's thread is asked, and answers (the paths joined: one string crosses faster than
 * 100,000): the survey first; then, given a site's folder, the repositories below its top. Then,
 * when the build has a spare, the spare brought up to date with the site (`CatchUpRequest`).
 */
export type SurveyRequest = { contentDir: string; site?: string } | CatchUpRequest;

/** The spare `folder` brought up to date with `site`: the `changed` paths linked again (`catchUpStaging`), what they replace moved to `trash`. */
export interface CatchUpRequest {
  folder: string;
  site: string;
  changed: readonly string[];
  trash: string;
}
/** The spare is up to date. */
export interface CaughtUpReply {
  caughtUp: true;
}
export interface SurveyReply {
  paths: string;
  diagnostics: Diagnostic[];
  stats: Float64Array;
}
/** The site read for repositories, but for the pages' own folders (`repositoriesOutsidePages`). */
export type RepositoriesReply = RepositoryWalk;

const SURVEY_MODULE = new URL("./survey-thread.ts", import.meta.url);

/**
 * The survey and git's index of a content folder, and the site's folder read for repositories no
 * build wrote (`nestedRepositories`, as an incremental build reads it), started now: what `ArchiveStore.sync` and the build would
 * otherwise do themselves, on their own thread, once the store is restored. Each answer is
 * undefined when it could not be had (no thread free, the thread failed or was cancelled; git: see
 * `unchangedInIndex`), and the build then does the work itself.
 */
export class SyncAhead {
  readonly inIndex: Promise<Map<string, string> | undefined>;
  private readonly thread?: Thread<SurveyRequest, SurveyReply | RepositoriesReply | CaughtUpReply>;
  private readonly surveyed?: Promise<ArticleSurvey | undefined>;
  private readonly nested?: Promise<RepositoriesReply | undefined>;
  // What the build asks of the spare once its cache is read (`catchUp`): the thread waits for it.
  private askCatchUp: (request: CatchUpRequest | undefined) => void = () => {};
  private readonly caughtUp: Promise<boolean> = Promise.resolve(false);

  constructor(contentDir: string, site?: string) {
    // Absolute, as the store keys its entries.
    const root = resolve(contentDir);
    this.inIndex = unchangedInIndex(root);
    [this.thread] = Thread.start<SurveyRequest, SurveyReply | RepositoriesReply | CaughtUpReply>(1, SURVEY_MODULE, { libraries: [] });
    const thread = this.thread;
    if (!thread) return;
    let surveyed: (reply: SurveyReply) => void = () => {};
    let nested: (reply: RepositoriesReply) => void = () => {};
    let caughtUp: () => void = () => {};
    thread.listen((reply) => ("found" in reply ? nested(reply) : "caughtUp" in reply ? caughtUp() : surveyed(reply)));
    thread.send({ contentDir: root, ...(site !== undefined ? { site: resolve(site) } : {}) });
    if (site !== undefined) {
      this.caughtUp = new Promise<CatchUpRequest | undefined>((ask) => (this.askCatchUp = ask)).then((request) => {
        if (!request) return false;
        thread.send(request);
        return thread
          .until(new Promise<void>((resolve) => (caughtUp = resolve)))
          .then(() => true)
          .catch(() => false);
      });
    }
    const survey = thread
      .until(new Promise<SurveyReply>((resolve) => (surveyed = resolve)))
      .then(({ paths, diagnostics, stats }) => ({ paths: paths === "" ? [] : paths.split("\0"), diagnostics, stats }))
      .catch(() => undefined);
    const repositories = site === undefined ? undefined : thread.until(new Promise<RepositoriesReply>((resolve) => (nested = resolve))).catch(() => undefined);
    // The thread goes back to the budget once it has answered all it was asked, before its last answer is had.
    const answered = Promise.all([survey, repositories, this.caughtUp]).finally(() => thread.close());
    this.surveyed = site === undefined ? answered.then(([answer]) => answer) : survey;
    this.nested = answered.then(([, answer]) => answer);
  }

  /** The survey, once the thread is done with it. */
  survey(): Promise<ArticleSurvey | undefined> {
    return this.surveyed ?? Promise.resolve(undefined);
  }

  /** The repositories below the site's top, outside the pages' own folders (`nestedRepositories`), when the thread could read them. */
  async repositories(): Promise<string[] | undefined> {
    return (await this.nested)?.found;
  }

  /**
   * The thread's read of the site, with where it left the pages' folders out: for a build made
   * clean after all, which reads those alone (`completeRepositoryWalk`).
   */
  repositoryWalk(): Promise<RepositoryWalk | undefined> {
    return this.nested ?? Promise.resolve(undefined);
  }

  /**
   * Has the thread bring the site's spare up to date once it has read the site (`CatchUpRequest`),
   * or, given nothing, tells it there is no spare to: asked once, as soon as the build knows, for
   * the thread waits for it before it goes back to the budget. Resolves with whether the spare is
   * up to date; false when the thread could not (none, it failed, it was cancelled), and the build
   * then does it itself.
   */
  catchUp(request: CatchUpRequest | undefined): Promise<boolean> {
    this.askCatchUp(request);
    return this.caughtUp;
  }

  /** Stops the thread when the survey is not wanted (a clean build): its core is the helpers'. */
  async cancel(): Promise<void> {
    this.askCatchUp(undefined);
    await this.thread?.close();
    await this.inIndex;
  }
}
