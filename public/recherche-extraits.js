// What crosses from Pagefind's worker to the page for a search, and the fetching of the fragments
// the page is about to show, started in the worker as soon as it knows them.
//
// Pagefind's worker posts every result as an object (its id, the places of its words, its score,
// its data handle), and the page's side of its runtime registers each one for release once it is
// collected, which later sends the worker one message per result: for « président » at 100,000
// articles, 27,000 results held the page's thread 146 ms to receive them. The page reads only each
// result's id, and the data of the few it shows. So a search of ours (its options carry `ids: true`
// and `firstResults: n`: recherche.js's searches, n being 10 when the results are listed in
// Pagefind's order, no filter and by relevance, else 0) crosses as one string of its results' ids
// (a page's id has no line break: src/search/bundle-rows.ts), in Pagefind's order, with the search's
// handle (`search`) and only its first n results as objects (id and data handle). The page asks for
// the handles of any other results it shows by rank (a search whose options carry `pick: { search,
// ranks }`), answered here from the last search sent. An older page's script, which does not ask
// for ids, gets Pagefind's answer as it was.
//
// The fragments of the first n results, and of those picked, are fetched with Pagefind's own
// `getData` as soon as their handles are posted, instead of when the page asks: the page would ask
// only once the handles have crossed to it, one more round trip before each request. The page's
// `getData` for those is answered with what that gave (the same fragment, excerpt and URL). Any
// other message goes to Pagefind as before.
//
// Written into our /pagefind/pagefind-worker.js before Pagefind's worker (src/search/index-packs.ts),
// which it leaves untouched: it wraps the worker's `addEventListener` and `postMessage`. Pagefind
// ignores the options it does not know; on the page's thread (Pagefind's fallback when the browser
// has no worker or its worker fails) this file is not loaded, and a search's answer is Pagefind's own.
(() => {
  if (typeof WorkerGlobalScope === "undefined") return;
  const listen = globalThis.addEventListener.bind(globalThis);
  const post = globalThis.postMessage.bind(globalThis);
  /** Our searches under way, by message id: how many first results to fetch, Pagefind's instance, and the order they were sent in. */
  const searching = new Map();
  /** The answers to `getData` started here, by data handle, until the page asks for them. */
  const early = new Map();
  /** Our own `getData` messages, by message id: what receives Pagefind's answer. */
  const ours = new Map();
  /** The messages that release a result's data in Pagefind: their answers go nowhere. */
  const RELEASE = "depeche_release_";
  /**
   * The results of the last search sent, once its answer has crossed: its message id, its results'
   * ids and data handles. Searches run concurrently in Pagefind's worker, and one whose words were
   * fetched while the reader typed may finish before an earlier one: the page only reads the last
   * it sent.
   */
  let listed;
  /** How many of our searches have been sent: the last one sent is the one the page reads. */
  let sent = 0;
  /** Numbers our own messages to Pagefind. */
  let next = 0;
  let pagefind;

  // Releases each result's data in Pagefind (its `releaseData`, some 20 µs each), a slice at a
  // time from a second on: the worker is then fetching the next search's fragments, which would
  // wait behind a release all at once.
  const release = ({ instanceId, handles }) => {
    let i = 0;
    const slice = () => {
      for (const end = Math.min(i + 500, handles.length); i < end; i++) {
        pagefind({ data: { id: `${RELEASE}${next++}`, instanceId, method: "releaseData", args: [handles[i]] } });
      }
      if (i < handles.length) setTimeout(slice, 20);
    };
    setTimeout(slice, 1000);
  };

  // Starts Pagefind's `getData` for results whose handles were just posted (starting a fetch costs
  // the worker a millisecond or two, which the page would otherwise wait for).
  const fetchEarly = (results) => {
    if (!pagefind) return;
    for (const result of results) {
      if (typeof result?.data !== "string" || early.has(result.data)) continue;
      const id = `depeche_early_${next++}`;
      early.set(result.data, new Promise((resolve) => ours.set(id, resolve)));
      pagefind({ data: { id, method: "getData", args: [result.data] } });
    }
  };

  // A pick's answer: a result per rank asked, an empty one (no id, no handle: Pagefind's page side
  // passes it over) for a rank the search has not, or for a search no longer listed.
  const picked = ({ search, ranks }) =>
    ranks.map((rank) => (listed?.search === search && rank >= 0 && rank < listed.ids.length ? { id: listed.ids[rank], data: listed.handles[rank] } : {}));

  globalThis.addEventListener = (type, listener, options) => {
    if (type !== "message") return listen(type, listener, options);
    pagefind = listener;
    return listen(
      "message",
      (event) => {
        const { id, method, args, instanceId } = event.data ?? {};
        const options = method === "search" ? args?.[1] : undefined;
        if (options?.pick) {
          // Answered here, never thrown: an exception in the worker's listener would stop the
          // page's searches for the rest of its life.
          try {
            const results = picked(options.pick);
            post({ id, result: { results } });
            if (listed?.order === sent) fetchEarly(results);
          } catch (error) {
            post({ id, error: String(error) });
          }
          return undefined;
        }
        if (method === "search") {
          // A new search: the page will not ask for an earlier one's fragments any more (if it
          // does, Pagefind answers it: with the fragment it keeps, or null once released).
          early.clear();
          if (options?.ids === true) searching.set(id, { n: options.firstResults ?? 0, instanceId, order: ++sent });
        }
        if (method === "getData" && early.has(args?.[0])) {
          const answer = early.get(args[0]);
          early.delete(args[0]);
          answer.then((message) => post({ ...message, id }));
          return undefined;
        }
        return listener(event);
      },
      options,
    );
  };

  globalThis.postMessage = (message, ...rest) => {
    if (typeof message?.id === "string" && message.id.startsWith(RELEASE)) return;
    const mine = ours.get(message?.id);
    if (mine) {
      ours.delete(message.id);
      // Copied now: Pagefind keeps the fragment and rewrites its excerpt for a later search.
      mine(structuredClone(message));
      return;
    }
    const search = searching.get(message?.id);
    searching.delete(message?.id);
    const results = message?.result?.results;
    if (search === undefined || !Array.isArray(results)) {
      post(message, ...rest);
      return;
    }
    const first = results.slice(0, search.n).map((result) => ({ id: result.id, data: result.data }));
    const ids = results.map((result) => result.id);
    post({ ...message, result: { ...message.result, results: first, ids: ids.join("\n"), search: message.id } }, ...rest);
    const answered = { search: message.id, order: search.order, instanceId: search.instanceId, ids, handles: results.map((result) => result.data) };
    if (answered.order !== sent) {
      // A search the page has left for a later one (which may have finished first).
      release(answered);
      return;
    }
    if (listed) release(listed);
    listed = answered;
    fetchEarly(first);
  };
})();
