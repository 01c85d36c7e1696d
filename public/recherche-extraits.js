// Starts fetching the fragments of a search's first results in Pagefind's worker, as soon as the
// worker has them, instead of when the page asks: the page would ask only once the results have
// crossed to it, been read and placed (some 10–25 ms at 100,000 articles), and a result is listed
// only with its fragment, one more request each.
//
// Written into our /pagefind/pagefind-worker.js before Pagefind's worker (src/search/index-packs.ts),
// which it leaves untouched: it wraps the worker's `addEventListener` and `postMessage`. A search
// whose options carry `firstResults: n` (recherche.js's searches: n is 10 when the results are
// listed in Pagefind's order, no filter and by relevance, else 0) has its results posted with only
// their ids and fragments, then Pagefind's own `getData` run for its first n results; the page's
// `getData` for those is answered with what that gave (the same fragment, excerpt and URL), and any
// other message goes to Pagefind as before.
// Pagefind ignores the option it does not know; on the page's thread (Pagefind's fallback when its
// worker fails) this file is not loaded and nothing changes.
(() => {
  if (typeof WorkerGlobalScope === "undefined") return;
  const listen = globalThis.addEventListener.bind(globalThis);
  const post = globalThis.postMessage.bind(globalThis);
  /** The searches whose first results to fetch, by message id: how many. */
  const asked = new Map();
  /** The answers to `getData` started here, by data id, until the page asks for them. */
  const early = new Map();
  /** Our own `getData` messages, by message id: what receives Pagefind's answer. */
  const ours = new Map();
  let next = 0;
  let pagefind;

  globalThis.addEventListener = (type, listener, options) => {
    if (type !== "message") return listen(type, listener, options);
    pagefind = listener;
    return listen(
      "message",
      (event) => {
        const { id, method, args } = event.data ?? {};
        if (method === "search") {
          // A new search: the page will not ask for an earlier one's first results any more (if it
          // does, Pagefind answers it, from the fragment it keeps).
          early.clear();
          const n = args?.[1]?.firstResults;
          if (typeof n === "number") asked.set(id, n);
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
    const mine = ours.get(message?.id);
    if (mine) {
      ours.delete(message.id);
      // Copied now: Pagefind keeps the fragment and rewrites its excerpt for a later search.
      mine(structuredClone(message));
      return;
    }
    const n = asked.get(message?.id);
    asked.delete(message?.id);
    const results = message?.result?.results;
    if (n === undefined || !Array.isArray(results)) {
      post(message, ...rest);
      return;
    }
    // The page reads only each result's id and fragment: the places of its words and its score
    // would be copied to the page for every result (27,000 for « président » at 100,000 articles).
    post({ ...message, result: { ...message.result, results: results.map((result) => ({ id: result.id, data: result.data })) } }, ...rest);
    // Once the results are posted (the page reads and places them meanwhile): starting a fetch
    // costs the worker a millisecond or two, which the page would otherwise wait for.
    if (n > 0 && pagefind) {
      for (const result of results.slice(0, n)) {
        if (typeof result.data !== "string") continue;
        const id = `first_${next++}`;
        early.set(result.data, new Promise((resolve) => ours.set(id, resolve)));
        pagefind({ data: { id, method: "getData", args: [result.data] } });
      }
    }
  };
})();
