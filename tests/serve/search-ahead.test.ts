import http from "node:http";
import { existsSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as indexer from "../../src/search/indexer.ts";
import type { RunningDevServer } from "../../src/serve/dev-server.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";
import { startPreview } from "../helpers/site.ts";

// The index's maker as it is, held back until a test lets it go on.
const { makeIndex } = vi.hoisted(() => ({ makeIndex: { real: undefined as unknown as typeof indexer.indexSearchBundles } }));
vi.mock("../../src/search/indexer.ts", async (actual) => {
  const module = await actual<typeof import("../../src/search/indexer.ts")>();
  makeIndex.real = module.indexSearchBundles;
  return { ...module, indexSearchBundles: vi.fn(module.indexSearchBundles) };
});

let archive: TestArchive;
let server: RunningDevServer | undefined;
let listener: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  listener?.close();
  listener = undefined;
  archive?.remove();
});

// The next index made waits until the returned function is called.
function holdNextIndex(): () => void {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  vi.mocked(indexer.indexSearchBundles).mockImplementationOnce(async (...args) => {
    await held;
    return makeIndex.real(...args);
  });
  return release;
}

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, server!.url), (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// Closes the server while its index is held: the close waits until the index is let go on, then
// leaves no staging folder beside the preview's.
async function closeWhileHeld(release: () => void): Promise<void> {
  const running = server!;
  server = undefined;
  let closed = false;
  const closing = running.close().then(() => (closed = true));
  await settle(150);
  expect(closed).toBe(false);
  release();
  await closing;
  expect(readdirSync(archive.root).filter((name) => name.includes(".preview.building"))).toEqual([]);
}

describe("the preview's first build", () => {
  it("is served before its search index is made; the search page waits for the index, made once", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", body: "La Turquie et l’Irak." });
    const release = holdNextIndex();
    const indexed: boolean[] = [];
    server = await startPreview(archive, { onSearchIndexed: (_ms, whole) => indexed.push(whole) });
    const preview = join(archive.root, "preview");

    expect(server.indexing).toBe(true);
    expect((await get("/2021/12/09/premier-titre/")).status).toBe(200);
    let answered = false;
    const search = get("/recherche/").then((page) => {
      answered = true;
      return page;
    });
    await settle(150);
    expect(answered).toBe(false);
    expect(existsSync(join(preview, "pagefind"))).toBe(false);

    release();
    const page = await search;
    expect(page.status).toBe(200);
    expect(page.body).not.toContain("depeche-search-behind");
    expect(existsSync(join(preview, "pagefind/pagefind.js"))).toBe(true);
    expect(server.indexing).toBe(false);
    expect(indexed).toEqual([true]);
    expect((await get("/pagefind/pagefind.js")).status).toBe(200);
    expect(indexed).toEqual([true]);
  });

  it("stops once the index a request started is written, and leaves no staging folder", async () => {
    archive = makeArchive();
    const file = archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    server = await startPreview(archive);
    await server.session.idle();
    const updated = server.nextUpdate();
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00", body: "Un mot nouveau : zorglubesque." });
    expect((await updated).outcome).toBe("updated");
    const release = holdNextIndex();
    const search = get("/recherche/");
    await settle(150);
    expect(server.indexing).toBe(true);
    await closeWhileHeld(release);
    await search.catch(() => undefined);
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(join(archive.root, "preview/pagefind/2021/fragment")).length).toBeGreaterThan(0);
  });

  it("stops once the index under way is written, and leaves no staging folder", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    const release = holdNextIndex();
    server = await startPreview(archive);
    await closeWhileHeld(release);
    expect(existsSync(join(archive.root, "preview/pagefind/pagefind.js"))).toBe(true);
  });

  it("that cannot listen (its port taken once the pages are built) fails at once, before any index, and gives its folder back", {
    timeout: 30_000,
  }, async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Premier titre", date: "2021-12-09T10:00:00" });
    const blocker = createServer();
    listener = blocker;
    const port = await new Promise<number>((done) => blocker.listen({ port: 0 }, () => done((blocker.address() as { port: number }).port)));
    await new Promise((done) => blocker.close(done));
    vi.mocked(indexer.indexSearchBundles).mockClear();
    const release = holdNextIndex();
    try {
      // Taken by another server between the build and the listen.
      const starting = startPreview(archive, { port, onUpdate: () => blocker.listen({ port }) });
      const outcome = await Promise.race([
        starting.then(
          (started) => (server = started),
          (error: unknown) => error,
        ),
        settle(5000).then(() => "still starting"),
      ]);
      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as Error).message).toBe(
        fr`le port ${port} est déjà pris, peut-être par un autre aperçu : arrêtez-le (Ctrl-C dans son terminal), ou donnez un autre port, par exemple --port ${port + 1}`,
      );
      expect(indexer.indexSearchBundles).not.toHaveBeenCalled();
      expect(readdirSync(archive.root).filter((name) => name.startsWith(".preview."))).toEqual([]);
    } finally {
      release();
      // The hold, unused, is not left for the next test.
      vi.mocked(indexer.indexSearchBundles).mockReset();
    }
  });
});
