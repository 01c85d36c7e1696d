import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { checkPagefindScript, PAGEFIND_MODULE_FILE, PAGEFIND_WORKER_FILE, WORDS_GUARD, WORDS_SCRIPT } from "../../src/search/index-packs.ts";
import { DIGEST_FILE, indexBundle, indexSearchBundles, RUNTIME_DIGEST_FILE, SERVICE_MALLOC_CONF } from "../../src/search/indexer.ts";
import { bundleDigest, PAGEFIND_VERSION, type PlannedBundle, type SearchRecord } from "../../src/search/records.ts";
import { plannedBundle } from "../helpers/search-bundles.ts";
import { siteFiles } from "../helpers/site.ts";
import { linkSiteInto } from "../../src/files/site-links.ts";

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
function site(): string {
  const folder = mkdtempSync(join(tmpdir(), "depeche-index-"));
  folders.push(folder);
  return folder;
}

function record(year: string, n: number, body = `Dépêche ${n} de l’année ${year}.`): SearchRecord {
  return {
    url: `/${year}/01/0${n}/depeche-${n}/`,
    title: `Dépêche ${n}`,
    bodyHtml: `<p>${body}</p>`,
    dateIso: `${year}-01-0${n}T10:00:00.000Z`,
    year,
    sources: ["Agence Anadolu"],
    topics: ["Irak"],
  };
}
function bundle(key: string, records: SearchRecord[]): PlannedBundle {
  return plannedBundle(key, records);
}

// Every file below a folder with its bytes.
function contents(dir: string): Map<string, string> {
  return new Map(siteFiles(dir).map((f) => [f, readFileSync(join(dir, f)).toString("base64")]));
}

const OLD = bundle("2020", [record("2020", 1), record("2020", 2)]);
const NEW = bundle("2021", [record("2021", 1)]);
const CHANGED = bundle("2021", [record("2021", 1), record("2021", 2, "Une dépêche ajoutée.")]);

describe("indexing search bundles", () => {
  it("indexes two sites at once on one thread, as two previews in one process do, each as it would alone", async () => {
    // Pagefind's wrapper keeps one service a thread: the second index's start once stopped the first one's halfway.
    const alone = site();
    await indexSearchBundles(alone, [CHANGED, OLD]);
    const [a, b] = [site(), site()];
    await Promise.all([a, b].map((dir) => indexSearchBundles(dir, [CHANGED, OLD])));
    expect(contents(a)).toEqual(contents(alone));
    expect(contents(b)).toEqual(contents(alone));
  }, 60_000);

  it("writes the runtime once in /pagefind/, and each bundle's index and digest in its folder", async () => {
    const dir = site();
    expect(await indexSearchBundles(dir, [NEW, OLD])).toEqual({
      pages: 3,
      bundles: 2,
      reused: 0,
      patched: 0,
      ahead: 0,
      changed: ["/pagefind/", "/pagefind/2020", "/pagefind/2021"],
    });
    const top = readdirSync(join(dir, "pagefind"));
    expect(top).toEqual(expect.arrayContaining(["pagefind.js", "wasm.fr.pagefind", "pagefind-entry.json", "2020", "2021"]));
    expect(top.filter((f) => /ui|highlight|unknown/.test(f))).toEqual([]);
    for (const b of [OLD, NEW]) {
      const files = readdirSync(join(dir, "pagefind", b.key));
      expect(files.filter((f) => /\.js$|wasm/.test(f))).toEqual([]);
      expect(readFileSync(join(dir, "pagefind", b.key, DIGEST_FILE), "utf8")).toBe(`${b.digest}\n`);
    }
  });

  it("writes the words' guard into the worker after Pagefind's, and after the runtime's module, whose WebAssembly bindings it wraps; a worker or a module without them fails the build", async () => {
    const dir = site();
    await indexSearchBundles(dir, [NEW]);
    const worker = readFileSync(join(dir, "pagefind", "pagefind-worker.js"), "utf8");
    expect(worker.indexOf(`importScripts("${PAGEFIND_WORKER_FILE}")`)).toBeLessThan(worker.indexOf("load_index_chunk"));
    const pagefinds = readFileSync(join(dir, "pagefind", PAGEFIND_WORKER_FILE), "utf8");
    expect(() => checkPagefindScript(pagefinds, PAGEFIND_WORKER_FILE)).not.toThrow();
    // Its bindings within a function, or a search that takes other arguments: searches would backtrack unseen.
    expect(() => checkPagefindScript(`(()=>{${pagefinds}})();`, PAGEFIND_WORKER_FILE)).toThrow(WORDS_SCRIPT);
    expect(() => checkPagefindScript(pagefinds.replace("function search(ptr,query,", "function search(ptr,terms,"), PAGEFIND_WORKER_FILE)).toThrow(
      /function search/,
    );
    // The module the page imports: Pagefind's, then the same guard, which reaches the module's own bindings.
    const module = readFileSync(join(dir, "pagefind", PAGEFIND_MODULE_FILE), "utf8");
    expect(module.endsWith(WORDS_GUARD)).toBe(true);
    const pagefindModule = module.slice(0, module.lastIndexOf("\n// Dépêche:"));
    expect(pagefindModule).toMatch(/export\{[^}]*\};$/);
    expect(() => checkPagefindScript(pagefindModule, PAGEFIND_MODULE_FILE)).not.toThrow();
    expect(() => checkPagefindScript(pagefindModule.replace("this.backend=wasm_bindgen;", "this.backend=bindings;"), PAGEFIND_MODULE_FILE)).toThrow(
      /pagefind\.js .*this\\\.backend/,
    );
  });

  it("gives the same bytes for the same records", async () => {
    const [a, b] = [site(), site()];
    await indexSearchBundles(a, [NEW, OLD]);
    await indexSearchBundles(b, [NEW, OLD]);
    expect(contents(b)).toEqual(contents(a));
  });

  it("indexes beside other work (in threads of its own, this thread left free) into the same bytes", async () => {
    const [here, beside] = [site(), site()];
    await indexSearchBundles(here, [NEW, OLD]);
    expect(await indexSearchBundles(beside, [NEW, OLD], { beside: true })).toMatchObject({ pages: 3, bundles: 2, reused: 0 });
    expect(contents(beside)).toEqual(contents(here));
  });

  it("releases each bundle once its records are handed to the indexer, here or beside, and starts its services with the allocator's setting", async () => {
    for (const beside of [false, true]) {
      const released: string[] = [];
      const releasing = (b: PlannedBundle): PlannedBundle => ({ ...b, release: () => released.push(b.key) });
      await indexSearchBundles(site(), [releasing(NEW), releasing(OLD)], { beside });
      expect(released.sort()).toEqual(["2020", "2021"]);
    }
    expect(process.env._RJEM_MALLOC_CONF).toBe(SERVICE_MALLOC_CONF);
  });

  it("starts no bundle once stopped, and fails rather than leave an index with bundles missing", async () => {
    const stopped = new AbortController();
    stopped.abort();
    const dir = site();
    await expect(indexSearchBundles(dir, [NEW, OLD], { beside: true, signal: stopped.signal })).rejects.toThrow(/stopped/);
    expect(readdirSync(join(dir, "pagefind")).filter((name) => /^\d{4}/.test(name))).toEqual([]);
  });

  it("reuses an unchanged bundle from a previous site and indexes the changed one: the same bytes as a clean build", async () => {
    const previous = site();
    await indexSearchBundles(previous, [NEW, OLD]);
    const [incremental, clean] = [site(), site()];
    const reused: string[] = [];
    const result = await indexSearchBundles(incremental, [CHANGED, OLD], { previousSite: previous, onBundle: (b, _n, r) => r && reused.push(b.key) });
    // A new folder's index is new as a whole.
    expect(result).toEqual({ pages: 4, bundles: 2, reused: 1, patched: 0, ahead: 0, changed: ["/pagefind/", "/pagefind/2021"] });
    // The runtime too is taken from the previous site, not written again.
    expect(statSync(join(incremental, "pagefind", "pagefind.js")).ino).toBe(statSync(join(previous, "pagefind", "pagefind.js")).ino);
    expect(reused).toEqual(["2020"]);
    await indexSearchBundles(clean, [CHANGED, OLD]);
    expect(contents(incremental)).toEqual(contents(clean));
  });

  it("indexes again a bundle whose previous digest does not match, or is missing, and writes a runtime of another version again", async () => {
    const previous = site();
    await indexSearchBundles(previous, [NEW, OLD]);
    writeFileSync(join(previous, "pagefind", "2020", DIGEST_FILE), "0000\n");
    writeFileSync(join(previous, "pagefind", RUNTIME_DIGEST_FILE), "pagefind 0.1\n");
    rmSync(join(previous, "pagefind", "2021", DIGEST_FILE));
    const dir = site();
    const result = await indexSearchBundles(dir, [NEW, OLD], { previousSite: previous });
    expect(result.reused).toBe(0);
    expect(readFileSync(join(dir, "pagefind", RUNTIME_DIGEST_FILE), "utf8")).toMatch(/^depeche-runtime-5 pagefind \d/);
  });

  it("keeps a staged index's unchanged bundles in place, replaces the changed ones without touching the linked files, and drops vanished ones", async () => {
    const GONE = bundle("2019", [record("2019", 1)]);
    const previous = site();
    await indexSearchBundles(previous, [NEW, OLD, GONE]);
    const before = contents(previous);
    const staging = join(site(), "staging");
    linkSiteInto(previous, staging);
    const result = await indexSearchBundles(staging, [CHANGED, OLD], { staged: true });
    // What differs from the staged index, the rest of the index kept: the vanished bundle, the changed one, the packs.
    expect(result).toEqual({ pages: 4, bundles: 2, reused: 1, patched: 0, ahead: 0, changed: ["/pagefind/2019", "/pagefind/2021", "/pagefind/paquets"] });
    // The kept bundle and the runtime are the previous site's own files (links), not written again.
    const kept = siteFiles(join(staging, "pagefind", "2020"))[0]!;
    expect(statSync(join(staging, "pagefind", "2020", kept)).ino).toBe(statSync(join(previous, "pagefind", "2020", kept)).ino);
    expect(statSync(join(staging, "pagefind", "pagefind.js")).ino).toBe(statSync(join(previous, "pagefind", "pagefind.js")).ino);
    expect(readdirSync(join(staging, "pagefind"))).not.toContain("2019");
    // The live site is exactly as it was, and the staged index is a clean one's.
    expect(contents(previous)).toEqual(before);
    const clean = site();
    await indexSearchBundles(clean, [CHANGED, OLD]);
    expect(contents(staging)).toEqual(contents(clean));
  });
});

// The Pagefind services this process started, from /proc (Linux): their pids.
function pagefindServices(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const [state, parent] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // A service stopped by an earlier test may wait to be reaped (state Z).
      if (Number(parent) === process.pid && state !== "Z" && command.startsWith("pagefind")) pids.push(Number(name));
    } catch {
      // The process has ended.
    }
  }
  return pids;
}

describe("a Pagefind service that stops on its own", () => {
  it.runIf(process.platform === "linux")("fails the bundle with its name, instead of waiting forever for an answer", async () => {
    const records = Array.from({ length: 3000 }, (_, i) => ({
      ...record("2019", 1, `Dépêche numéro ${i}, un texte qui dure.`),
      url: `/2019/01/01/depeche-${i}/`,
    }));
    // The wrapper says so for each call under way, on the console.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    onTestFinished(() => quiet.mockRestore());
    const before = new Set(pagefindServices());
    const indexing = indexBundle(site(), { key: "2019", records, digest: bundleDigest(records, PAGEFIND_VERSION), prefix: "2019" });
    const outcome = indexing.then(
      () => "finished",
      (error: Error) => error.message,
    );
    // As a full disk makes it panic: the service killed while it works.
    let services: number[] = [];
    for (let i = 0; i < 400 && services.length === 0; i++) {
      services = pagefindServices().filter((pid) => !before.has(pid));
      if (services.length === 0) await new Promise((r) => setTimeout(r, 10));
    }
    expect(services).toHaveLength(1);
    process.kill(services[0]!, "SIGKILL");
    expect(await outcome).toBe("search index 2019: Pagefind's service stopped (SIGKILL) before it was done");
  });
});
