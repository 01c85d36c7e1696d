// Serves Pagefind's requests for index pieces from packs (src/search/index-packs.ts): a piece's
// name tells its pack (`/pagefind/2026/index/fr_74.75-….pf_index` is in
// `/pagefind/paquets/74.75.pf_pack`), which is fetched once and answers every bundle's piece of
// that pack. A word costs one request, whatever the number of bundles.
//
// Loaded by Pagefind's worker (our /pagefind/pagefind-worker.js, a classic worker) and by the
// search page (recherche.js, for Pagefind's fallback on the page's thread when the worker fails):
// a plain script, neither module nor import, that wraps the `fetch` of its global scope. Any other
// request goes through untouched, and so does a piece its pack lacks or whose pack cannot be read
// (a pack an earlier build wrote, kept by a cache): the piece's own file is fetched.
(() => {
  const PIECE = /^(.*\/)([^/]+)\/index\/((?:[a-z]+_)?([0-9a-f]+(?:\.[0-9a-f]+)?)-[0-9a-f]+)\.pf_index$/;
  const original = globalThis.fetch.bind(globalThis);
  /** Each pack's pieces by `<bundle>/<name>`, by the pack's URL: fetched once. */
  const packs = new Map();

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
    const piece = url.origin === globalThis.location.origin && !url.search ? PIECE.exec(url.pathname) : null;
    if (!piece) return original(input, init);
    const [, index, bundle, name, pack] = piece;
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
