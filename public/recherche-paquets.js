// Serves Pagefind's requests for index pieces from packs (src/search/index-packs.ts): a piece's
// name tells its pack (`/pagefind/2026/index/fr_74.75-….pf_index` is in
// `/pagefind/paquets/74.75.pf_pack`), which is fetched once and answers every bundle's piece of
// that pack. A word costs one request, whatever the number of bundles. A prefix the build left
// unpacked (`paquets.json` does not list it) has its pieces fetched one by one.
//
// Loaded by Pagefind's worker (our /pagefind/pagefind-worker.js, a classic worker) and by the
// search page (recherche.js, for Pagefind's fallback on the page's thread when the worker fails):
// a plain script, neither module nor import, that wraps the `fetch` of its global scope. Any other
// request goes through untouched, and so does a piece its pack lacks or whose pack cannot be read
// (a pack an earlier build wrote, kept by a cache): the piece's own file is fetched.
//
// In Pagefind's worker, it also fetches every bundle's entry and page list as the worker starts
// (the bundles are listed in `paquets/lots.json`), while Pagefind loads its WebAssembly: Pagefind
// asks for them only once that is loaded, an entry then its page list, and at 100,000 articles
// that chain held the page's readiness a few hundred milliseconds more. Pagefind's own requests
// for them are answered from those, once each; an entry or a page list not fetched ahead (another
// name: a list kept by a cache) goes to the network as before.
(() => {
  const PIECE = /^(.*\/)([^/]+)\/index\/((?:[a-z]+_)?([0-9a-f]+(?:\.[0-9a-f]+)?)-[0-9a-f]+)\.pf_index$/;
  const original = globalThis.fetch.bind(globalThis);
  /** Each pack's pieces by `<bundle>/<name>`, by the pack's URL: fetched once. */
  const packs = new Map();
  /**
   * The prefixes packed, by the list's URL (src/search/index-packs.ts: a prefix whose pack would
   * hold much more than a word needs is not). Pagefind's worker, beside the index, asks for it as
   * it starts, with search's fixed costs; the page's thread when it first needs it.
   */
  const lists = new Map();
  const packedList = (url) => {
    if (!lists.has(url)) {
      const list = original(url)
        .then((response) => (response.ok ? response.json() : []))
        .then((ids) => new Set(ids))
        .catch(() => new Set());
      lists.set(url, list);
    }
    return lists.get(url);
  };
  /** The bundles' entries and page lists fetched ahead, by path: each answers Pagefind's request once. */
  const ahead = new Map();
  async function fetchAhead(index) {
    const response = await original(`${index}paquets/lots.json`, { cache: "no-cache" });
    if (!response.ok) return;
    for (const bundle of await response.json()) {
      const folder = `${index}${bundle}/`;
      // Fresh, as Pagefind asks for an entry (with `?ts=`): it names the page list of this build.
      const entry = original(`${folder}pagefind-entry.json?ts=${Date.now()}`).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status}`))));
      ahead.set(`${folder}pagefind-entry.json`, entry);
      entry
        .then((text) => {
          for (const { hash } of Object.values(JSON.parse(text).languages ?? {})) {
            const meta = `${folder}pagefind.${hash}.pf_meta`;
            ahead.set(
              meta,
              original(meta).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status}`)))),
            );
          }
        })
        .catch(() => {});
    }
  }
  if (typeof WorkerGlobalScope !== "undefined") {
    const index = new URL(".", globalThis.location.href).pathname;
    packedList(`${index}paquets/paquets.json`);
    fetchAhead(index).catch(() => {});
  }

  async function readPack(url) {
    const response = await original(url);
    if (!response.ok) throw new Error(`${response.status} ${url}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const size = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
    const table = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + size)));
    const pieces = new Map();
    let at = 4 + size;
    for (const [key, length] of table) {
      pieces.set(key, bytes.subarray(at, at + length));
      at += length;
    }
    return pieces;
  }

  globalThis.fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url, globalThis.location.href);
    const early = url.origin === globalThis.location.origin ? ahead.get(url.pathname) : undefined;
    if (early) {
      ahead.delete(url.pathname);
      try {
        return new Response(await early, { status: 200 });
      } catch {
        return original(input, init);
      }
    }
    const piece = url.origin === globalThis.location.origin && !url.search ? PIECE.exec(url.pathname) : null;
    if (!piece) return original(input, init);
    const [, index, bundle, name, pack] = piece;
    if (!(await packedList(`${index}paquets/paquets.json`)).has(pack)) return original(input, init);
    const packUrl = `${index}paquets/${pack}.pf_pack`;
    if (!packs.has(packUrl))
      packs.set(
        packUrl,
        readPack(packUrl).catch(() => new Map()),
      );
    const bytes = (await packs.get(packUrl)).get(`${bundle}/${name}`);
    if (!bytes) return original(input, init);
    return new Response(bytes, { status: 200, headers: { "Content-Type": "application/octet-stream" } });
  };
})();
