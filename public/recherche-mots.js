// A query's words are found whole, not as the start of other words, and a word no article holds
// finds nothing, instead of what its first letters find.
//
// Pagefind matches a query word's stem as the start of the words its index holds, in each bundle:
// « mer » found every article saying « mercredi », « Irak » those saying « irakien » alone. Where
// no word of the bundle starts with it, it searches instead the longest word the stem starts with
// (its « backtracking »), down to one letter: « autoroute » (stem « autorout ») found the articles
// saying « au » or « autorités », « Turquie zzzz » every article saying « Turquie » (a word that
// matches nothing at all is left out of the query). Pagefind has no option against either (issue
// #780), and says nothing of it in its answer: `search_keywords` and `query_term_idfs`, and each
// result's `scores[].search_term` and locations' `word_string`, come only in its playground mode,
// the first two from the first bundle alone, the others for every result (tens of thousands for a
// common word).
//
// So every word of each index piece given to a bundle's index (`load_index_chunk`) is given to
// Pagefind ending with a mark of ours (the piece's CBOR walked and copied), and so is every stem
// it is asked for: a word then starts only itself, and Pagefind's own search, ranking, counts and
// excerpts are those of the words found whole. The stems are Pagefind's own, asked of a small index
// of ours in playground mode, which holds no word, so that its answer is the stems alone
// (`search_keywords`); the words each piece holds are kept here, by bundle, to do what Pagefind's
// backtracking did, for a word typed halfway past its stem, and nothing else (every word must
// match, or the bundle gives no result). Nothing is fetched. A quoted phrase (`exact`) matches
// whole words already: its stems are marked alone.
//
// Written into our /pagefind/pagefind-worker.js after Pagefind's worker, and after Pagefind's
// /pagefind/pagefind.js, the module the page imports (src/search/index-packs.ts), whose WebAssembly
// bindings it wraps: `wasm_bindgen`, a binding of the script's top scope that every Pagefind
// instance calls through. Pagefind searches on the page's thread, with the module's bindings, when
// the browser has no worker, when making one throws (a policy that forbids it), or when its worker
// fails to start (an error, or no answer to Pagefind's `init` within 5 s); a worker that fails
// later is not left for the page's thread, its searches fail. The same guard applies there. The build checks that both still have what this wraps,
// and fails when one does not (a Pagefind upgrade).
(() => {
  // Declared by Pagefind's worker in the global scope, or by its module in the module's scope,
  // which this script shares.
  const backend = typeof wasm_bindgen === "undefined" ? undefined : wasm_bindgen;
  const { search, load_index_chunk: loadChunk, init_pagefind: initIndex, enter_playground_mode: playground } = backend ?? {};
  if (![search, loadChunk, initIndex, playground].every((f) => typeof f === "function")) {
    console.error("Dépêche: Pagefind has no WebAssembly bindings to wrap; a query's words find the longer words they start");
    return;
  }

  // What ends every word Pagefind's index is given, and every word it is asked for: Pagefind takes
  // any word of the index that starts with a query's word, and « mer » ends no word but « mer ».
  // ǃ (U+01C3), a letter no French text holds, that no stemming ending takes off.
  const WORD_END = "\u01c3";
  const END_BYTES = new TextEncoder().encode(WORD_END);

  // What Pagefind answers for a bundle without results.
  const NOTHING = JSON.stringify({ filtered_counts: {}, total_counts: {}, results: [], unfiltered_total: 0 });

  /**
   * The endings French stemming takes off a word (the Snowball algorithm Pagefind stems with,
   * without accents, as the index holds words), each with its plural or its longer forms. A reader
   * who types a word halfway (« gouvernemen ») has a stem of it that goes past the stem the whole
   * word is indexed as (« gouvern », from « gouvernement »), by the start of one of these: then
   * the word meant is searched, as Pagefind's backtracking would. Past the word searched, anything
   * else (« autorout » past « au », « aeroport » past « a ») is another word, and the bundle gives
   * no result. The word searched must also have three letters or more: « a », « au », « de » start
   * too many words.
   */
  const ENDINGS = [
    ...["ances", "iques", "ismes", "ables", "istes", "eux", "atrices", "ateurs", "ations", "logies", "usions", "utions", "ences", "ements", "ites"],
    ...["ifs", "ives", "eaux", "aux", "euses", "issements", "amment", "emment", "ments", "ions", "iere", "ieres"],
    ...["imes", "iraient", "irais", "irait", "iras", "irent", "irez", "iriez", "irions", "irons", "iront", "ies"],
    ...["issaient", "issais", "issait", "issantes", "issants", "issent", "isses", "issez", "issiez", "issions", "issons"],
    ...["ees", "ez", "erent", "eraient", "erais", "erait", "eras", "erez", "eriez", "erions", "erons", "eront", "iez"],
    ...["ames", "ates", "aient", "ais", "ait", "antes", "ants", "assent", "asses", "assiez", "assions"],
    ...["elles", "ennes", "onnes", "ettes", "eilles", "s"],
  ];
  const SHORTEST_BACKTRACK = 3;
  const farEnough = (stem, word) => {
    if (word === undefined || word.length < SHORTEST_BACKTRACK) return false;
    const past = stem.slice(word.length);
    return ENDINGS.some((ending) => ending.startsWith(past));
  };

  /** The words each bundle's index has loaded, by Pagefind's pointer to it: all of them, and by their first two characters. */
  const loaded = new Map();
  const wordsOf = (ptr) => {
    if (!loaded.has(ptr)) loaded.set(ptr, { all: new Set(), byStart: new Map() });
    return loaded.get(ptr);
  };

  backend.load_index_chunk = (ptr, chunk) => {
    const words = wordsOf(ptr);
    let read;
    try {
      read = withEnds(chunk);
    } catch (error) {
      // Not a piece as we read them: its bundle is searched as Pagefind does, by the start of words.
      words.unread = true;
      console.error(error);
    }
    const next = loadChunk(ptr, read?.bytes ?? chunk);
    // A piece Pagefind could not read leaves it without an index: its searches fail before ours.
    if (!next) return next;
    loaded.delete(ptr);
    loaded.set(next, words);
    for (const word of read?.words ?? []) {
      if (words.all.has(word)) continue;
      words.all.add(word);
      const start = word.slice(0, 2);
      if (!words.byStart.has(start)) words.byStart.set(start, []);
      words.byStart.get(start).push(word);
    }
    return next;
  };

  // The first index Pagefind opens (any will do): ours, opened from its page list, holds no word.
  // It is opened, and stems a first word, as the worker starts (some 10 ms, the WebAssembly's
  // first search), not in the reader's first search.
  let someList;
  backend.init_pagefind = (bytes) => {
    if (someList === undefined) {
      someList = bytes.slice();
      setTimeout(() => stemsOf("_"), 0);
    }
    return initIndex(bytes);
  };

  let stemmer;
  const stems = { query: undefined, stems: undefined };
  /** Pagefind's stems of a query's words (the query as Pagefind gives its index: its words lower-cased, without accents). */
  const stemsOf = (query) => {
    if (stems.query !== query) {
      stemmer ??= playground(initIndex(someList));
      stems.query = query;
      stems.stems = JSON.parse(search(stemmer, query, query, "{}", "", false, false)).search_keywords;
    }
    return stems.stems;
  };

  // The word of the bundle a query's stem finds: the stem itself, as a word (« mer », not
  // « mercredi »), or, when the bundle has no word that starts with it, the longest word the stem
  // starts with, the one Pagefind would search instead, when it is far enough into it to be meant.
  const wordFor = (words, stem) => {
    if (words.all.has(stem)) return stem;
    const candidates = stem.length >= 2 ? (words.byStart.get(stem.slice(0, 2)) ?? []) : words.all;
    for (const word of candidates) if (word.startsWith(stem)) return undefined;
    for (let n = stem.length - 1; n > 0; n--) {
      const word = stem.slice(0, n);
      if (words.all.has(word)) return farEnough(stem, word) ? word : undefined;
    }
    return undefined;
  };

  backend.search = (ptr, query, originalQuery, filter, sort, exact, exactDiacritics) => {
    const words = loaded.get(ptr);
    if (!query || !someList || words?.unread) return search(ptr, query, originalQuery, filter, sort, exact, exactDiacritics);
    const queryStems = stemsOf(query);
    if (!Array.isArray(queryStems)) return search(ptr, query, originalQuery, filter, sort, exact, exactDiacritics);
    // Every word must be found; Pagefind stems the words it is given again, and a stem that ends
    // with WORD_END is its own stem.
    const found = queryStems.map((stem) => (exact ? stem : wordFor(words ?? wordsOf(ptr), stem)));
    if (found.some((word) => word === undefined)) return NOTHING;
    return search(ptr, found.map((word) => word + WORD_END).join(" "), originalQuery, filter, sort, exact, exactDiacritics);
  };

  /**
   * An index piece whose every word ends with WORD_END, and its words as they were. The piece is
   * CBOR (Pagefind gives it without its signature): an array holding the array of word entries, each an array
   * that starts with the word; it is walked as src/search/index-chunks.ts does, and copied with
   * each word's string longer by the mark (its head written again for its new length).
   */
  function withEnds(bytes) {
    const decoder = new TextDecoder();
    let at = 0;
    const head = (major) => {
      const byte = bytes[at++];
      if (byte >> 5 !== major) throw new Error(`Dépêche: not a Pagefind index piece (CBOR type ${byte >> 5} at ${at - 1})`);
      return argument(byte & 31);
    };
    const argument = (info) => {
      if (info < 24) return info;
      let n = 0;
      for (let k = 0, size = 2 ** (info - 24); k < size; k++) n = n * 256 + bytes[at++];
      return n;
    };
    // Skips an item: numbers, strings, arrays and maps, as Pagefind writes them; a loop over the
    // items still to skip rather than a call for each (a piece holds thousands of numbers).
    const skip = () => {
      for (let pending = 1; pending > 0; pending--) {
        const byte = bytes[at++];
        // Most are small numbers, whole in their first byte.
        if (byte < 24) continue;
        const major = byte >> 5;
        const info = byte & 31;
        const n = info < 24 ? info : info === 24 ? bytes[at++] : argument(info);
        if (major === 2 || major === 3) at += n;
        else if (major === 4) pending += n;
        else if (major === 5) pending += 2 * n;
        else if (major === 6) pending += 1;
      }
    };
    if (head(4) !== 1) throw new Error("Dépêche: not a Pagefind index piece of this version");
    const count = head(4);
    const words = [];
    // The piece's bytes between the words' strings, and each string's new head, in order.
    const parts = [];
    let copied = 0;
    for (let w = 0; w < count; w++) {
      const items = head(4);
      const headAt = at;
      const length = head(3);
      words.push(decoder.decode(bytes.subarray(at, at + length)));
      parts.push(bytes.subarray(copied, headAt), textHead(length + END_BYTES.length), bytes.subarray(at, at + length), END_BYTES);
      at += length;
      copied = at;
      for (let k = 1; k < items; k++) skip();
    }
    parts.push(bytes.subarray(copied));
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let written = 0;
    for (const part of parts) {
      out.set(part, written);
      written += part.length;
    }
    return { bytes: out, words };
  }

  /** The head of a CBOR text string of `length` bytes. */
  function textHead(length) {
    if (length < 24) return Uint8Array.of(0x60 + length);
    if (length < 256) return Uint8Array.of(0x78, length);
    if (length < 65536) return Uint8Array.of(0x79, length >> 8, length & 255);
    return Uint8Array.of(0x7a, length >>> 24, (length >> 16) & 255, (length >> 8) & 255, length & 255);
  }
})();
