import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { IncomingMessage, ServerResponse } from "node:http";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import { assertDraftsOutput, assertNoNestedRepository } from "../files/output-folder.ts";
import { DevSession, errorBannerHtml, movedNoticeHtml, notBuiltPageHtml, searchNoticeHtml, type Update } from "./dev-session.ts";
import { SEARCH_INDEX_URL, SEARCH_URL } from "../urls/site-urls.ts";
import { watchFolderTree } from "./folder-watch.ts";
import { assertPortFree, listenError } from "./preview-claim.ts";
import { assertUnlocked, takeRunLocks } from "../files/run-lock.ts";
import { DEFAULT_CACHE_DIR } from "../publish/build-cache.ts";

export interface DevServerOptions {
  contentDir: string;
  outDir: string;
  port: number;
  /** The address it listens on: the loopback unless asked (`--host 0.0.0.0`, for a phone on the same network). */
  host?: string;
  drafts: boolean;
  /** Where photos are encoded once, as a build's `--cache` (`.depeche/cache` by default). */
  cacheDir?: string;
  /** The preview's date, as a build's; else SOURCE_DATE_EPOCH, else the clock when it starts. */
  nowMs?: number;
  /** Told of every update, for the terminal. */
  onUpdate?: (update: Update) => void;
  onError?: (error: unknown) => void;
  /**
   * Told when the search index was made, with its time: whole after a full build (`whole`), which
   * the server starts at once; else again for the saves since the last (`DevSession.freshSearch`).
   */
  onSearchIndexed?: (ms: number, whole: boolean) => void;
  /**
   * Told when it could not be (the next request tries again): the last index is served, or after a
   * full build there is none (`unmade`).
   */
  onSearchFailed?: (error: unknown, unmade: boolean) => void;
  /** Told of a folder of the content that cannot be watched: saves in it go unseen. */
  onUnwatched?: (folder: string, error: unknown) => void;
  /** The command line, as another run refused by the preview's locks names it (`depeche serve` by default). */
  command?: string;
  /** Told of a lock taken over from a run that is gone (the preview's folder, the cache). */
  onLockTakenOver?: (line: string) => void;
}

export interface RunningDevServer {
  url: string;
  session: DevSession;
  /** Whether a search index is being made: `close` waits for it. */
  readonly indexing: boolean;
  /** Resolves after the next update has been applied and the browsers told. */
  nextUpdate(): Promise<Update>;
  close(): Promise<void>;
}

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

// Editors' tools save in several writes (temporary file, rename); one update per burst.
const SETTLE_MS = 40;

/**
 * Eleventy's dev server on the preview folder, with live reload: a saved article updates its
 * pages, and while the archive has errors every page shows them in a banner.
 */
export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  assertDraftsOutput(options.outDir, { contentDir: options.contentDir, cwd: process.cwd(), projectRoot });
  assertNoNestedRepository(options.outDir, process.cwd());
  // Eleventy's server listens on every interface, which would show drafts and embargoed articles
  // to the whole network: the preview stays on this machine unless asked.
  const host = options.host ?? "localhost";
  await assertPortFree(options.port, host);
  const lock = { command: options.command ?? "depeche serve", ...(options.onLockTakenOver ? { onTakenOver: options.onLockTakenOver } : {}) };
  // The preview's folder is the session's, until it is stopped: a second preview, or a build into
  // it, is refused meanwhile; the cache is locked by each full build, which writes its photos. A
  // cache another run holds now stops the preview before it has written anything.
  assertUnlocked([{ folder: options.cacheDir ?? DEFAULT_CACHE_DIR, kind: "cache" }]);
  const folderLock = takeRunLocks([{ folder: options.outDir, kind: "site" }], { ...lock, untilStopped: true });
  const session = new DevSession({
    contentDir: options.contentDir,
    outDir: options.outDir,
    drafts: options.drafts,
    lock,
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
    ...(options.nowMs !== undefined ? { nowMs: options.nowMs } : {}),
  });
  // Watched from before the first build, which takes a minute at 100,000 articles: a save made
  // meanwhile waits, and is the first update once the server is up.
  const saves = watchSaves(resolve(options.contentDir), options.onUnwatched ?? (() => {}));
  let server: EleventyDevServer;
  // The index of a full build's site, made while the server serves its pages, from when it listens
  // (a start that fails leaves nothing writing): the search page, asked for meanwhile, waits for it
  // (`freshSearchMiddleware`). Closing waits for any index (this one, or a request's): its files go
  // into the preview's folder, the session's only until then.
  const indexAhead = (update: Update): void => {
    if (update.outcome !== "rebuilt") return;
    const start = performance.now();
    session.freshSearch().then(
      (indexed) => {
        if (indexed) options.onSearchIndexed?.(performance.now() - start, true);
      },
      (error: unknown) => options.onSearchFailed?.(error, session.searchBehind?.unmade === true),
    );
  };
  try {
    const first = await session.rebuild();
    options.onUpdate?.(first);
    server = EleventyDevServer.getServer("depeche", options.outDir, {
      port: options.port,
      liveReload: true,
      domDiff: false,
      showVersion: false,
      logger: { info: () => {}, log: () => {}, error: () => {} },
      middleware: [freshSearchMiddleware(session, options), previewNoticesMiddleware(session, options.outDir)],
    });
    // Eleventy's server would move to the next port when this one was taken since `assertPortFree`,
    // and on any other error (an address not this machine's) would only log it, never ready: the
    // start fails, said.
    const failed = new Promise<never>((_, reject) => {
      server._serverListen = (port) => {
        server.server.removeAllListeners("error").on("error", (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
        server.server.listen({ port, host });
      };
    });
    server.serve(options.port);
    await Promise.race([server.ready(), failed]);
    indexAhead(first);
  } catch (error) {
    // Nothing writes into the preview's folder any more: the index starts once the server listens.
    saves.close();
    folderLock.release();
    throw error;
  }

  let running = Promise.resolve();
  const waiters: ((u: Update) => void)[] = [];
  saves.deliver((paths) => {
    running = running
      .then(async () => {
        const update = await session.update(paths);
        options.onUpdate?.(update);
        indexAhead(update);
        if (update.outcome !== "unchanged") server.reload({ files: update.urls.length > 0 ? update.urls : paths });
        for (const resolveWaiter of waiters.splice(0)) resolveWaiter(update);
      })
      // The server outlives a failed update: the next save tries again.
      .catch((error: unknown) => options.onError?.(error));
  });

  return {
    url: server.getServerUrl(options.host === undefined || isWildcard(options.host) ? "localhost" : urlHost(options.host)),
    session,
    get indexing() {
      return session.indexing;
    },
    nextUpdate: () => new Promise((r) => waiters.push(r)),
    close: async () => {
      saves.close();
      await running;
      await session.idle();
      await server.close();
      // An index a request started before the server closed.
      await session.idle();
      folderLock.release();
    },
  };
}

interface SaveWatch {
  /** From now on, hands over the paths of each burst of saves, those seen so far first. */
  deliver(burst: (paths: string[]) => void): void;
  close(): void;
}

// The saves in the content folder, gathered until delivery starts, then handed over a burst at a time.
function watchSaves(root: string, unwatched: (folder: string, error: unknown) => void): SaveWatch {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let burst: ((paths: string[]) => void) | undefined;
  const settle = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...pending];
      pending = new Set();
      burst?.(paths);
    }, SETTLE_MS);
  };
  const watch = watchFolderTree(
    root,
    (path) => {
      pending.add(path);
      // Until delivery starts, saves only gather: all of them make one update.
      if (burst) settle();
    },
    unwatched,
  );
  return {
    deliver: (to) => {
      burst = to;
      if (pending.size > 0) settle();
    },
    close: () => {
      watch.close();
      clearTimeout(timer);
    },
  };
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
interface ServerThis {
  mapUrlToFilePath(url: string): { statusCode: number; filepath?: string } | undefined;
}

// The search page and its index follow the saves: the index is made again, when they changed it,
// before either is served. A failure is told in the terminal, and the last index served.
function freshSearchMiddleware(session: DevSession, options: Pick<DevServerOptions, "onSearchFailed" | "onSearchIndexed">): Middleware {
  return (req, _res, next) => {
    const path = new URL(req.url ?? "/", "http://localhost/").pathname;
    if (path !== SEARCH_URL && !path.startsWith(SEARCH_INDEX_URL)) return next();
    const start = performance.now();
    session.freshSearch().then(
      (indexed) => {
        if (indexed) options.onSearchIndexed?.(performance.now() - start, false);
        next();
      },
      (error: unknown) => {
        options.onSearchFailed?.(error, session.searchBehind?.unmade === true);
        next();
      },
    );
  };
}

// While errors stand, every HTML page goes out with the banner after <body>, the site's 404 page
// too; a page an edit moved gets its 404 page with a link to the new address; and before the
// first build has succeeded there is no site at all: every URL gets a page of the errors alone
// (503), not the bare « Cannot GET ». The search page says when its index is behind the pages
// (errors stand, or it could not be made again). The dev server then adds its reload client as to any page, so fixing the error
// reloads the browser.
// The files `DevSession.freshOutputs` makes: feeds, sitemaps, robots.txt, the manifest.
const DISCOVERY_FILE = /\.(xml|json|txt|webmanifest)$/;

function previewNoticesMiddleware(session: DevSession, outDir: string): Middleware {
  return function (this: ServerThis, req, res, next) {
    const errors = session.currentErrors;
    const path = new URL(req.url ?? "/", "http://localhost/").pathname;
    // A feed, a sitemap, robots.txt or the manifest follows the saves made since it was last asked for.
    if (DISCOVERY_FILE.test(path) && !path.startsWith(SEARCH_INDEX_URL)) session.freshOutputs();
    let match: ReturnType<ServerThis["mapUrlToFilePath"]>;
    try {
      match = this.mapUrlToFilePath(path);
    } catch {
      // A path out of the preview folder (`/..%2f..%2fetc`): Eleventy's server throws, uncaught, and
      // would stop the preview at a single request.
      res.statusCode = 400;
      res.end();
      return;
    }
    const moved = match?.statusCode === 404 ? session.movedTo(path) : undefined;
    const behind = path === SEARCH_URL && match?.filepath !== undefined ? session.searchBehind : undefined;
    const search = behind !== undefined;
    if (errors.length === 0 && !moved && !search) return next();
    const notices = `${errors.length > 0 ? errorBannerHtml(errors) : ""}${moved ? movedNoticeHtml(moved) : ""}`;
    let page: string;
    if (match?.filepath?.endsWith(".html")) page = readFileSync(match.filepath, "utf8");
    else if (match?.statusCode !== 404) return next();
    else {
      const notFound = join(outDir, "404.html");
      res.statusCode = existsSync(notFound) ? 404 : 503;
      page = res.statusCode === 404 ? readFileSync(notFound, "utf8") : notBuiltPageHtml(errors);
      // As Eleventy's own 404 page: served with the site's scripts allowed.
      (res as ServerResponse & { isCustomErrorPage?: boolean }).isCustomErrorPage = true;
    }
    if (behind) page = page.replace(/<main[^>]*>/, (main) => `${main}${searchNoticeHtml(behind)}`);
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(page.replace(/<body([^>]*)>/, (body) => `${body}${notices}`));
  };
}

// An address that means every interface: the preview is reached through localhost on this machine.
function isWildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::";
}

// An IPv6 address in a URL is written between brackets.
function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
