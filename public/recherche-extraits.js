// What crosses from Pagefind's worker to the page for a search, and the fetching of its first
// results' fragments, started in the worker as soon as it has the results.
//
// Pagefind's worker posts every result as an object (its id, the places of its words, its score,
// its data handle), and the page's side of its runtime registers each one for release when it is
// collected, which later sends one message back per result: for « président » at 100,000 articles,
// 27,000 results, some 300 ms of the search on both threads. The page reads only each result's id,
// and the data of the few it shows. So a search of ours (its options carry `firstResults: n`:
// recherche.js's searches, n being 10 when the results are listed in Pagefind's order, no filter
// and by relevance, else 0) crosses as one string of its results' ids, in Pagefind's order, with
// the search's handle (`search`) and only its first n results as objects (id and data handle).
// The page asks for the data handles of any other results it shows by rank (a search whose
// options carry `pick: { search, ranks }`, answered here from the results kept); the results of the
// search before are released here, a slice at a time, once the next one has crossed.
//
// The first n results' fragments are fetched with Pagefind's own `getData` once the results are
// posted, instead of when the page asks: the page would ask only once the results have crossed to
// it and been placed, and a result is listed only with its fragment, one more request each. The
// page's `getData` for those is answered with what that gave (the same fragment, excerpt and URL).
// Any other message goes to Pagefind as before.
//
// Written into our /pagefind/pagefind-worker.js before Pagefind's worker (src/search/index-packs.ts),
// which it leaves untouched: it wraps the worker's `addEventListener` and `postMessage`. Pagefind
// ignores the options it does not know; on the page's thread (Pagefind's fallback when its worker
// fails) this file is not loaded, and a search's answer is Pagefind's own.
(() => {
  if (typeof WorkerGlobalScope === "undefined") return;
  const listen = globalThis.addEventListener.bind(globalThis);
  const post = globalThis.postMessage.bind(globalThis);
  /** Our searches under way, by message id: how many first results to fetch, and Pagefind's instance. */
  const asked = new Map();
  /** The answers to `getData` started here, by data id, until the page asks for them. */
  const early = new Map();
  /** Our own `getData` messages, by message id: what receives Pagefind's answer. */
  const ours = new Map();
  /** The messages that release a result's data in Pagefind: their answers go nowhere. */
  const RELEASE = "depeche_release_";
  /** The last search's results, as Pagefind gave them (each with its data handle), by the search's message id. */
  let listed;
  let next = 0;
  let pagefind;

  // Releases each result's data in Pagefind (its `releaseData`, some 20 µs each), a slice at a
  // time from a second after the next search's results have crossed: the worker is then fetching
  // their fragments, which would wait behind a release all at once.
  const release = ({ instanceId, results }) => {
    let i = 0;
    const slice = () => {
      for (const end = Math.min(i + 500, results.length); i < end; i++) {
        pagefind({ data: { id: `${RELEASE}${next++}`, instanceId, method: "releaseData", args: [results[i].data] } });
      }
      if (i < results.length) setTimeout(slice, 20);
    };
    setTimeout(slice, 1000);
  };

  globalThis.addEventListener = (type, listener, options) => {
    if (type !== "message") return listen(type, listener, options);
    pagefind = listener;
    return listen(
      "message",
      (event) => {
        const { id, method, args, instanceId } = event.data ?? {};
        const pick = method === "search" ? args?.[1]?.pick : undefined;
        if (pick) {
          // An earlier search's ranks pick nothing: its results are released.
          const results = listed?.search === pick.search ? pick.ranks.map((rank) => listed.results[rank]).filter(Boolean) : [];
          post({ id, result: { results: results.map((result) => ({ id: result.id, data: result.data })) } });
          return undefined;
        }
        if (method === "search") {
          // A new search: the page will not ask for an earlier one's first results any more (if it
          // does, Pagefind answers it, from the fragment it keeps).
          early.clear();
          const n = args?.[1]?.firstResults;
          if (typeof n === "number") asked.set(id, { n, instanceId });
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
    const search = asked.get(message?.id);
    asked.delete(message?.id);
    const results = message?.result?.results;
    if (search === undefined || !Array.isArray(results)) {
      post(message, ...rest);
      return;
    }
    const { n, instanceId } = search;
    const first = results.slice(0, n).map((result) => ({ id: result.id, data: result.data }));
    post({ ...message, result: { ...message.result, results: first, ids: results.map((result) => result.id).join("\n"), search: message.id } }, ...rest);
    const before = listed;
    listed = { search: message.id, instanceId, results };
    if (before) release(before);
    // Once the results are posted (the page reads and places them meanwhile): starting a fetch
    // costs the worker a millisecond or two, which the page would otherwise wait for.
    if (pagefind) {
      for (const result of first) {
        if (typeof result.data !== "string") continue;
        const id = `first_${next++}`;
        early.set(result.data, new Promise((resolve) => ours.set(id, resolve)));
        pagefind({ data: { id, instanceId, method: "getData", args: [result.data] } });
      }
    }
  };
})();
