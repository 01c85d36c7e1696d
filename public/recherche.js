// The search page's script: reads the GET form (?q=…&sujet=…&source=…&annee=…&ordre=…) and lists
// the results, the most relevant first (a match in a title above one in a body), or the newest first
// when the reader asks for it (ordre=recent) or searches without words.
//
// Search's fixed costs are paid once the page has painted, while the reader types: Pagefind's
// runtime from /pagefind/, every bundle the page lists (the newest year, groups of earlier years),
// and each bundle's rows (src/search/bundle-rows.ts: each page's topics, sources and year, newest
// first; a page's Pagefind id is its bundle's prefix and its rank, so a result's row is read from
// its id). A search then fetches only what its words need (an index chunk per word and
// bundle, all read from one pack: public/recherche-paquets.js) and the fragments of the results it
// shows, each file once.
//
// Pagefind only finds the words: it is given no filter and loads no filter list, for it would count
// each filter choice by checking its pages against the list of results (about pages × results a
// bundle: most of a search at 100,000 articles). The rows filter the results, count each choice and
// order them newest first, in one pass over the results. A search without words reads the rows
// alone, and the fragments of the results it shows.
//
// Its modules: the rows (recherche-lignes.js), a result as listed (recherche-resultats.js), the
// words as the index holds them and as the page prints them (recherche-texte.js); this one reads
// the form and the address, searches, and shows.

import { countChoices, HAS_ALL, indexRows, MISSES_MORE, misser, pagesWith, pause, readRows, SLOT, tableOf, ungzip } from "./recherche-lignes.js";
import { resultItem } from "./recherche-resultats.js";
import { EXCERPT_WORDS, format, indexedWords, nameKey, NUMBER_END, unquoted } from "./recherche-texte.js";

const config = JSON.parse(document.getElementById("search-config").textContent);
const strings = config.strings;
const form = document.querySelector(".search-form");
const filtersBox = form.querySelector(".search-filters");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const PAGE = 10;
/** « Recherche — » and the site's title: the page's title without a search. */
const PAGE_TITLE = document.title;
/** How long a list moved through with the arrow keys waits for the next key before it searches. */
const CHOICE_PAUSE_MS = 600;
/** The value of `ordre` for newest first; the default, relevance, has none (an old `ordre=pertinence` still means it). */
const NEWEST = "recent";
/** Beside each bundle's Pagefind files (src/search/bundle-rows.ts). */
const ROWS_FILE = "rows.bin.gz";

let ready;
/**
 * The runtime, every bundle merged, every bundle's rows, and what reads a page's place (its
 * bundle's number times `SLOT`, plus its rank in the bundle, newest first) from its Pagefind id:
 * started once, awaited by every search.
 */
function prepare() {
  ready ??= (async () => {
    // Pagefind's searches run in its worker, decompressing and searching off the page's thread.
    // Its worker reads the index pieces from packs (recherche-paquets.js); so does the page's
    // thread, where Pagefind falls back when its worker fails.
    const [pf] = await Promise.all([import(config.runtime), import("./recherche-paquets.js")]);
    await pf.options({ baseUrl: config.baseUrl, excerptLength: EXCERPT_WORDS });
    await pf.init();
    const [, tables] = await Promise.all([
      Promise.all(config.bundles.map((b) => pf.mergeIndex(b.url))),
      Promise.all(config.bundles.map((b) => readRows(`${b.url}${ROWS_FILE}`))),
    ]);
    const bundleOf = new Map();
    for (const [b, table] of tables.entries()) {
      // A bundle at a time, the page's thread free between them (a reader may be typing).
      await pause();
      indexRows(table, config.filters);
      table.url = config.bundles[b].url;
      bundleOf.set(table.prefix, b);
    }
    // A page's id is its bundle's prefix, `_`, then its rank in base 36 (src/search/bundle-rows.ts);
    // the runtime's own record, whose id is Pagefind's, has no place.
    const placeOf = (id) => {
      const cut = id.lastIndexOf("_");
      const b = bundleOf.get(id.slice(0, cut));
      if (b === undefined) return undefined;
      const rank = Number.parseInt(id.slice(cut + 1), 36);
      return rank >= 0 && rank < tables[b].pages ? b * SLOT + rank : undefined;
    };
    // For the bench and the tests: from here a search fetches only what its words need.
    performance.mark("search-ready");
    return { pf, tables, placeOf };
  })();
  return ready;
}

/**
 * A search's results in Pagefind's order (a match in a title first): their ids, and the data
 * (title, URL, excerpt with the words marked) of those asked for by rank, each a promise. From
 * Pagefind's worker the results cross as one string of ids, the first `shown` with their data
 * handles, and the handles of any others are picked from the worker by rank, in one message
 * (recherche-extraits.js). On the page's thread (Pagefind's fallback when the browser has no
 * worker or its worker fails), the answer is Pagefind's own list.
 */
async function searchWords(pf, query, shown) {
  const answer = await pf.search(indexedWords(query), { ids: true, firstResults: shown });
  const { results } = answer;
  // Pagefind's own list holds every result with its handle: nothing is then picked.
  const ids = typeof answer.ids !== "string" ? results.map((result) => result.id) : answer.ids ? answer.ids.split("\n") : [];
  // The results whose handles are here, by rank: kept for the search's life, so that a rank asked
  // again (after a failure) reuses its handle, which Pagefind releases once this is collected.
  const handles = new Map(results.map((result, rank) => [rank, result]));
  return {
    ids,
    data: (ranks) => {
      const picked = ranks.filter((rank) => !handles.has(rank));
      const answered = picked.length > 0 ? pf.search(null, { pick: { search: answer.search, ranks: picked } }) : undefined;
      return ranks.map(async (rank) => {
        if (!handles.has(rank)) {
          const handle = (await answered).results[picked.indexOf(rank)];
          if (handle?.id !== ids[rank]) throw new Error(`no result ${rank} for this search any more`);
          handles.set(rank, handle);
        }
        const data = await handles.get(rank).data();
        if (!data) throw new Error(`no data for result ${rank}`);
        return data;
      });
    },
  };
}

/**
 * A result of a search without words, from its row: its fragment (Pagefind's file: gzip of a
 * signature then JSON), named by its id, gives its title, URL and text (its excerpt, the start of
 * its text: recherche-resultats.js).
 */
async function fragmentOf(tables, place) {
  const table = tableOf(tables, place);
  const id = `${table.prefix}_${(place % SLOT).toString(36)}`;
  const response = await fetch(`${table.url}fragment/${id}.pf_fragment`);
  if (!response.ok) throw new Error(`${response.status} fragment ${id}`);
  const text = await ungzip(new Uint8Array(await response.arrayBuffer()));
  const data = JSON.parse(text.slice(text.indexOf("{")));
  const url = /^(https?:)?\/\//.test(data.url) ? data.url : `${config.baseUrl}/${data.url}`.replace(/\/+/g, "/");
  return { ...data, url };
}

function readForm() {
  const data = new FormData(form);
  const query = String(data.get("q") ?? "").trim();
  const filters = {};
  for (const name of config.filters) {
    const value = String(data.get(name) ?? "");
    if (value) filters[name] = value;
  }
  return { query, filters, newest: data.get("ordre") === NEWEST };
}

// The names a reader may give a topic's or a source's choice, as `nameKey` reads them: its label,
// its code (« AA ») and the slug of its page (/sujets/union-europeenne/). Read once per choice:
// every search compares its words with the names of every topic (2,000 at 100,000 articles).
const optionNames = new WeakMap();
function namesOf(option) {
  if (!optionNames.has(option)) {
    const slug = option.dataset.page?.split("/").filter(Boolean).at(-1);
    optionNames.set(option, [option.value, option.dataset.code, slug && decodeURIComponent(slug)].filter(Boolean).map(nameKey));
  }
  return optionNames.get(option);
}

/**
 * Fills the form from an address. A filter's value written otherwise than its choice (a slug, a
 * code, without accents: `?sujet=union-europeenne`, `?source=aa`) selects that choice; one the
 * archive has no choice for (a topic since removed, a mistyped link) is left aside, and returned
 * to be said. A value of the order the form does not offer (an old link's `ordre=pertinence`)
 * leaves the first choice.
 */
function fillForm(params) {
  const ignored = [];
  for (const element of form.elements) {
    if (!element.name) continue;
    const value = params.get(element.name) ?? "";
    element.value = value;
    if (!(element instanceof HTMLSelectElement) || element.selectedIndex >= 0) continue;
    const key = nameKey(value);
    const option = [...element.options].find((o) => o.value && namesOf(o).includes(key));
    if (option) element.value = option.value;
    else {
      element.selectedIndex = 0;
      if (config.filters.includes(element.name) && value) ignored.push({ f: element.labels[0]?.textContent ?? element.name, v: value });
    }
  }
  return ignored;
}

// Each choice of a filter shows how many results it would give; the choice made keeps its count.
function showCounts(counts) {
  for (const name of config.filters) {
    const select = form.elements[name];
    for (const option of select.options) {
      if (!option.value) continue;
      const n = counts?.[name]?.[option.value];
      option.textContent = counts ? format(strings.option, { v: option.value, n: n ?? 0 }) : option.value;
    }
  }
}

// While the counts of a search are on their way, the choices show none, and the filters say they are busy.
function counting(busy) {
  if (busy) showCounts(null);
  filtersBox.setAttribute("aria-busy", String(busy));
}

/**
 * The topics and sources the query names (a label, a name or a code, compared by `nameKey`): the
 * index holds none of them as words (a filter is not a word of the article), so a reader who types
 * « Sport » is shown the topic's page, with its count of articles from the rows. The form's choices
 * say which values have a page and another name.
 */
// Each named value's count of articles, by filter and value: the rows do not change in the page's life.
const namedCounts = new Map();
function namedChoices(tables, query) {
  const key = nameKey(query);
  const named = [];
  // A query of signs alone (« - », « « ») names nothing, though it reads as no letter at all.
  if (!key) return named;
  config.filters.forEach((name, f) => {
    for (const option of form.elements[name].options) {
      if (!option.dataset.page || !namesOf(option).includes(key)) continue;
      const counted = `${name}\n${option.value}`;
      if (!namedCounts.has(counted))
        namedCounts.set(
          counted,
          tables.reduce((sum, table) => sum + pagesWith(table, f, table.lists[f].indexOf(option.value)), 0),
        );
      const count = namedCounts.get(counted);
      const label = form.querySelector(`label[for="${option.parentElement.id}"]`)?.textContent ?? name;
      named.push({ name, label, value: option.value, page: option.dataset.page, count });
    }
  });
  return named;
}

// « Sujet : Économie, 217 articles », the name a link to its page, and a button that lists its
// articles here instead: the words go, for they named the filter (« Sport » in no article's text
// would leave nothing), unless the filter is chosen already.
function showNamed(named, filters) {
  document.getElementById("search-named")?.remove();
  if (named.length === 0) return;
  const ul = document.createElement("ul");
  ul.id = "search-named";
  ul.className = "search-named";
  for (const choice of named) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = choice.page;
    a.textContent = choice.value;
    const count = choice.count === 1 ? strings.namedOne : format(strings.namedMany, { n: choice.count });
    const [before, after] = format(strings.named, { f: choice.label, c: count }).split("{v}");
    li.append(before, a, after);
    if (filters[choice.name] !== choice.value) {
      const apply = document.createElement("button");
      apply.type = "button";
      apply.textContent = format(strings.applyNamed, { v: choice.value });
      apply.addEventListener("click", () => {
        // The button goes with the search it starts: the focus goes to the count, not to the page's top.
        status.tabIndex = -1;
        status.focus();
        form.elements.q.value = "";
        form.elements[choice.name].value = choice.value;
        form.requestSubmit();
      });
      li.append(" ", apply);
    }
    ul.append(li);
  }
  list.before(ul);
}

// The filters of the address left aside (`fillForm`), said above the count: the results are
// those of the others.
function showIgnored(ignored) {
  document.getElementById("search-ignored")?.remove();
  if (ignored.length === 0) return;
  const p = document.createElement("p");
  p.id = "search-ignored";
  p.className = "search-ignored";
  p.textContent = ignored.map((filter) => format(strings.ignored, filter)).join(" ");
  status.before(p);
}

// The filters chosen, as the count names them (« (sujet : Turquie, année : 2026) »): on a phone
// they are folded under « Affiner », and the count alone would not say why it is small.
function filtersSaid(filters) {
  const said = Object.entries(filters).map(([name, value]) => {
    const label = form.querySelector(`label[for="filtre-${name}"]`)?.textContent ?? name;
    return format(strings.filter, { f: label.toLocaleLowerCase("fr"), v: value });
  });
  return said.length > 0 ? format(strings.within, { f: said.join(", ") }) : "";
}

// The page's title names the search and its count, for the tab, the history and a bookmark:
// « « Turquie » : 709 résultats — Recherche — … ». Without words, the count as said (`count`).
function titled(query, total, filters, count) {
  if (!query) return format(strings.titleAll, { c: count.replace(/\.$/, ""), t: PAGE_TITLE });
  const c = format([strings.titleNone, strings.titleOne, strings.titleMany][Math.min(total, 2)], { n: total });
  return format(strings.title, { q: unquoted(query), f: filtersSaid(filters), c, t: PAGE_TITLE });
}

// The count is said once the results are listed, and may take more lines than « Recherche en
// cours… » (its filters named, on a phone): those lines are kept for it while the results come,
// which would otherwise move down when it is said.
function holdPlace(text) {
  const probe = document.createElement("p");
  probe.className = status.className;
  probe.style.cssText = `position: absolute; visibility: hidden; width: ${status.clientWidth}px`;
  probe.textContent = text;
  status.after(probe);
  status.style.minHeight = `${probe.offsetHeight}px`;
  probe.remove();
}

// Below a search its filters leave without results, while its words alone find some: a link to
// the same search without them, which searches here.
function offerUnfiltered(query, newest, count) {
  const params = new URLSearchParams({ q: query });
  if (newest) params.set("ordre", NEWEST);
  const a = document.createElement("a");
  a.href = `${location.pathname}?${params}`;
  a.textContent = count === 1 ? strings.unfilteredOne : format(strings.unfilteredMany, { n: count });
  a.addEventListener("click", (event) => {
    event.preventDefault();
    for (const name of config.filters) form.elements[name].value = "";
    form.requestSubmit();
  });
  const p = document.createElement("p");
  p.id = "search-unfiltered";
  p.className = "search-help";
  const [before, after] = strings.unfiltered.split("{a}");
  p.append(before, a, after);
  status.after(p);
}

// On a phone the filters fold under « Affiner », whose summary says how many of its menus are chosen.
function showChosen() {
  const n = [...filtersBox.querySelectorAll("select")].filter((select) => select.selectedIndex > 0).length;
  refine.querySelector(".search-chosen").textContent = n > 0 ? format(strings.chosen, { n }) : "";
}

// After a search the reader asked for, the count and the first result are brought into view when
// the form above them (its filters open, a small screen) leaves them below the screen; the focus
// stays where the reader left it.
function revealResults() {
  const first = list.querySelector("h2") ?? status;
  if (first.getBoundingClientRect().bottom <= window.innerHeight) return;
  const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
  status.scrollIntoView({ block: "start", behavior: still ? "instant" : "smooth" });
}

// When search can't load, or its words find nothing, the ways into the archive that readers
// without JavaScript get: the links of the page's <noscript>, whose markup a browser running
// scripts keeps as text, after `help` when given.
function offerBrowsing(help) {
  if (document.getElementById("search-browse")) return;
  const template = document.createElement("template");
  template.innerHTML = document.querySelector("noscript")?.textContent ?? "";
  // Its first paragraph says search needs JavaScript: not so here.
  const first = template.content.querySelector("p");
  if (help && first) {
    first.className = "search-help";
    first.textContent = help;
  } else first?.remove();
  const links = document.createElement("div");
  links.id = "search-browse";
  links.append(template.content);
  status.after(links);
}

let searchId = 0;
/**
 * Lists what the form asks for; `submitted`, when the reader asked, says so even of an empty form.
 * `ignored`: the filters of the address the form had no choice for (`fillForm`), said above the count.
 */
async function run(submitted = false, ignored = []) {
  const id = ++searchId;
  // Back to a search read before (a reload, Back without the back/forward cache, or Back between
  // two searches): as many results as the reader had listed, and where they were on the page.
  const returning = submitted ? undefined : history.state;
  // A search left for a later one fails unseen.
  const fail = (error) => {
    if (id !== searchId) return;
    console.error(error);
    status.textContent = strings.failed;
    document.title = PAGE_TITLE;
    status.style.minHeight = "";
    counting(false);
    if (list.childElementCount === 0) offerBrowsing();
  };
  const { query, filters, newest } = readForm();
  showChosen();
  list.replaceChildren();
  document.getElementById("search-browse")?.remove();
  document.getElementById("search-named")?.remove();
  document.getElementById("search-unfiltered")?.remove();
  more.hidden = true;
  showIgnored(ignored);
  if (!query && Object.keys(filters).length === 0 && !newest) {
    // An empty form submitted asks for words; opened so, or back to it, the page waits for them unprompted.
    status.textContent = submitted ? strings.empty : "";
    document.title = PAGE_TITLE;
    counting(false);
    showCounts(null);
    return;
  }
  const messages = query ? [strings.none, strings.one, strings.many] : [strings.noneAll, strings.oneAll, strings.manyAll];
  status.textContent = strings.loading;
  counting(true);
  try {
    const { pf, tables, placeOf } = await prepare();
    if (id !== searchId) return;
    const miss = misser(tables, config.filters, filters);
    // Pagefind's results by relevance (a match in a title first), each with its place; a page
    // without one is the runtime's own record. Without words, every page, newest first. Kept as
    // numbers, not an object each: a common word has tens of thousands of results.
    let matching;
    if (query) {
      // A plain search (no filter, by relevance) lists every result whatever its place, in
      // Pagefind's order: its first page is known as soon as Pagefind's worker has the results,
      // which starts fetching their fragments once it has posted them (recherche-extraits.js).
      const plain = Object.keys(filters).length === 0 && !newest;
      const searching = searchWords(pf, query, plain ? PAGE : 0);
      // The topics and sources the words name are counted while Pagefind's worker searches (its
      // message is posted before `searchWords` returns): a topic's count reads every bundle's rows.
      showNamed(namedChoices(tables, query), filters);
      const found = await searching;
      if (id !== searchId) return;
      const { ids } = found;
      // Each result's fragment is asked for once, by whoever needs it first.
      const asked = new Map();
      const data = (ranks) => {
        const missing = ranks.filter((rank) => !asked.has(rank));
        const answers = found.data(missing);
        for (let i = 0; i < missing.length; i++) {
          asked.set(missing[i], answers[i]);
          // Asked again next time: "Plus de résultats" may work once the failure has passed.
          answers[i].catch(() => asked.delete(missing[i]));
        }
        return ranks.map((rank) => asked.get(rank));
      };
      // The first page's fragments are asked for before the results are placed, so that the
      // worker's answers (it started them) come back as soon as can be.
      if (plain) {
        const first = [];
        for (let i = 0; i < ids.length && first.length < PAGE; i++) if (placeOf(ids[i]) !== undefined) first.push(i);
        data(first);
      }
      // Plain loops: thousands of results at 100,000 articles, between Pagefind's answer and the
      // first result listed.
      const placed = new Array(ids.length);
      for (let i = 0; i < ids.length; i++) placed[i] = placeOf(ids[i]);
      const missed = new Int8Array(ids.length);
      for (let i = 0; i < ids.length; i++) missed[i] = placed[i] === undefined ? MISSES_MORE : plain ? HAS_ALL : miss(placed[i]);
      // The results kept, by their rank in Pagefind's list.
      const kept = [];
      for (let i = 0; i < ids.length; i++) if (missed[i] === HAS_ALL) kept.push(i);
      if (newest) kept.sort((a, b) => placed[a] - placed[b]);
      // Found by the words alone, whatever the filters: said when the filters leave none.
      let unfiltered = 0;
      for (let i = 0; i < ids.length; i++) if (placed[i] !== undefined) unfiltered++;
      matching = { length: kept.length, data: (ks) => data(ks.map((k) => kept[k])), places: placed, missed, unfiltered };
    } else {
      // Every page that a filter's choice would list, for the counts; those with every value chosen listed.
      const kept = [];
      const places = [];
      const missed = [];
      tables.forEach((table, b) => {
        for (let rank = 0; rank < table.pages; rank++) {
          const place = b * SLOT + rank;
          const m = miss(place);
          if (m === MISSES_MORE) continue;
          places.push(place);
          missed.push(m);
          if (m === HAS_ALL) kept.push(place);
        }
      });
      matching = { length: kept.length, data: (ks) => ks.map((k) => fragmentOf(tables, kept[k])), places, missed };
    }
    const total = matching.length;
    const said = () => format(messages[Math.min(total, 2)], { q: unquoted(query), n: total, f: filtersSaid(filters) });
    let count = 0;
    const showMore = async (focus, size = PAGE) => {
      // Only the fragments of the results shown, asked for at once; each result is listed as soon
      // as it and those above it have theirs: the first does not wait for the tenth.
      const shown = [];
      for (let k = count; k < Math.min(count + size, total); k++) shown.push(k);
      const pending = matching.data(shown);
      // Once one fails the others are not awaited: their failures are this one's.
      for (const data of pending) data.catch(() => {});
      const first = count;
      for (const data of pending) {
        const result = await data;
        if (id !== searchId) return;
        const item = resultItem(result);
        list.append(item);
        count++;
        // Keyboard readers land on the first new result, not back at the top.
        if (focus && count === first + 1) item.querySelector("a")?.focus();
      }
      more.hidden = count >= total;
      remember({ shown: count });
    };
    // One page more at a time; a failure says so, and the next click that lists them says the
    // total again.
    let adding = false;
    more.onclick = () => {
      if (adding) return;
      adding = true;
      showMore(true)
        .then(() => {
          if (id === searchId && status.textContent === strings.failed) status.textContent = said();
        }, fail)
        .finally(() => {
          adding = false;
        });
    };
    holdPlace(said());
    await showMore(false, Math.max(PAGE, returning?.shown ?? 0));
    if (id !== searchId) return;
    showCounts(countChoices(tables, config.filters, matching.places, matching.missed));
    counting(false);
    status.textContent = said();
    status.style.minHeight = "";
    document.title = titled(query, total, filters, said());
    if (total === 0 && matching.unfiltered > 0 && Object.keys(filters).length > 0) offerUnfiltered(query, newest, matching.unfiltered);
    else if (total === 0 && query) offerBrowsing(strings.noResultHelp);
    if (submitted) revealResults();
    // A search left at the top is returned to at the top, though the page may be lower now.
    if (returning?.scroll !== undefined) window.scrollTo(0, returning.scroll);
  } catch (error) {
    fail(error);
  }
}

/**
 * Keeps in the search's history entry how many results are listed and how far the page is
 * scrolled, so that a return to it (`run`) finds the reader's place: a browser without the
 * back/forward cache loads the page again, with ten results, at the top.
 */
function remember(place) {
  history.replaceState({ ...history.state, ...place }, "");
}
// The page restores the scroll itself, once the results are listed: the browser's would come before them.
history.scrollRestoration = "manual";
let scrolled;
window.addEventListener(
  "scroll",
  () => {
    clearTimeout(scrolled);
    scrolled = setTimeout(() => remember({ scroll: Math.round(window.scrollY) }), 100);
  },
  { passive: true },
);
// A result opened before the scroll's pause ended still leaves its place.
window.addEventListener("pagehide", () => remember({ scroll: Math.round(window.scrollY) }));

// Each search is an entry of the history: the address can be shared, and Back returns to the previous search.
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(choosing);
  choosing = undefined;
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (String(value)) params.set(name, String(value));
  // The page's own address when the form is empty, never `?q=`.
  const search = params.toString() ? `?${params}` : "";
  if (search !== location.search) {
    // Where the search left was, before the scroll's pause has saved it.
    clearTimeout(scrolled);
    remember({ scroll: Math.round(window.scrollY) });
    history.pushState(null, "", `${location.pathname}${search}`);
  }
  // The same search submitted again starts again from its first results.
  else history.replaceState(null, "");
  run(true);
});
// A choice made searches at once; one moved to with the arrow keys of a closed list (each a
// change) searches once the reader stops on it, or leaves the list: one search, one entry of the
// history, one announcement, for the choice made, not for each passed over.
let choosing;
const chosen = () => {
  clearTimeout(choosing);
  choosing = undefined;
  form.requestSubmit();
};
for (const select of form.querySelectorAll("select")) {
  let keyed = false;
  select.addEventListener("keydown", (event) => {
    keyed = event.key !== "Enter" && event.key !== "Tab";
    if (event.key === "Enter" && choosing !== undefined) chosen();
  });
  select.addEventListener("pointerdown", () => (keyed = false));
  select.addEventListener("change", () => {
    clearTimeout(choosing);
    if (!keyed) return chosen();
    choosing = setTimeout(chosen, CHOICE_PAUSE_MS);
  });
  select.addEventListener("blur", () => choosing !== undefined && chosen());
}
// While the reader types, Pagefind fetches the index pieces of the words typed so far (its
// `preload`, as its own interface does): from a word's second character on, its piece is in most
// cases the one the finished word needs (src/search/index-chunks.ts), so the search submitted
// finds its pieces fetched or on their way, each file fetched once. Not before the fixed costs are paid, nor for a word of one character, whose
// piece the finished word would not use (a digit with the letter that ends a number is still one character typed).
form.elements.q.addEventListener("input", () => {
  const words = indexedWords(form.elements.q.value.trim());
  if (!ready || !words || words.split(/\s+/).some((word) => word.replace(NUMBER_END, "").length < 2)) return;
  ready.then(({ pf }) => pf.preload(words)).catch(() => {});
});
window.addEventListener("popstate", () => run(false, fillForm(new URLSearchParams(location.search))));

const ignored = fillForm(new URLSearchParams(location.search));
// The filters' « Affiner »: from 768 px (the stylesheet's breakpoint, where its summary is hidden) always open.
const refine = filtersBox.closest("details");
const wide = matchMedia("(min-width: 48rem)");
const unfold = () => {
  if (wide.matches) refine.open = true;
};
wide.addEventListener("change", unfold);
unfold();

// Hidden in the page's markup, where it would do nothing without this script.
form.hidden = false;
// The reader comes to type, unless the address brings a search (a shared link, a reload): its
// results are what they came for, and a phone would open its keyboard over them.
if (!form.elements.q.value) form.elements.q.focus();
// A search in the address (a shared link, a reload) starts at once, and waits for the fixed costs;
// otherwise they are paid once the page has loaded and the browser is idle, while the reader types.
run(false, ignored);
const prepareWhenIdle = () => (window.requestIdleCallback ?? setTimeout)(() => prepare().catch(() => {}));
if (document.readyState === "complete") prepareWhenIdle();
else window.addEventListener("load", prepareWhenIdle, { once: true });
