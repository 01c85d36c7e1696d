// The search page's script: reads the GET form (?q=…&sujet=…&source=…&annee=…&ordre=…) and lists
// the results, the most relevant first (a match in a title above one in a body), or the newest first
// when the reader asks for it (ordre=recent) or searches without words.
//
// Search's fixed costs are paid once the page has painted, while the reader types: Pagefind's
// runtime from /pagefind/, every bundle the page lists (the newest year, groups of earlier years),
// and their filter indexes. A search then fetches only what its words need (an index chunk per
// word and bundle) and the fragments of the results it shows; one search() gives the results,
// the total and each filter choice's count. Every bundle is merged with a filter of its own
// (`lot`): it keeps the runtime's own record out of the results, and "newest first" reads one
// bundle at a time through it (Pagefind orders the results of merged bundles by score).
//
// In a large archive (`countsApart`), counting is most of a search: Pagefind checks every page of
// every filter choice against the list of results, a bundle at a time (some 0.5 s of a worker's
// time at 100,000 articles). There a plain search (words, no filter, by relevance) is answered
// first by a second runtime without filter indexes, in a worker of its own, and the choices'
// counts follow from the first one, the filters marked busy meanwhile. The price: that search's
// index chunks are fetched by both, and opening the page loads the bundles' page lists twice.

const config = JSON.parse(document.getElementById("search-config").textContent);
const strings = config.strings;
const form = document.querySelector(".search-form");
const filtersBox = form.querySelector(".search-filters");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const PAGE = 10;
const BUNDLE_FILTER = "lot";
/** The value of `ordre` for newest first; the default, relevance, has none (an old `ordre=pertinence` still means it). */
const NEWEST = "recent";

let ready;
/**
 * The runtime, every bundle merged and every filter index loaded (`full`), and in a large archive
 * the bundles alone (`quick`): started once, awaited by every search.
 */
function prepare() {
  ready ??= (async () => {
    // Each copy of the module (its address differs) starts a worker of its own: Pagefind's
    // searches run there, decompressing and searching off the page's thread.
    const [full, second] = await Promise.all([import(config.runtime), config.countsApart ? import(`${config.runtime}?resultats`) : undefined]);
    const quick = second?.createInstance({ baseUrl: config.baseUrl, excerptLength: 30 });
    await full.options({ baseUrl: config.baseUrl, excerptLength: 30 });
    await full.init();
    await Promise.all([
      ...config.bundles.map((b) => full.mergeIndex(b.url, { mergeFilter: { [BUNDLE_FILTER]: b.url } })),
      ...(quick ? config.bundles.map((b) => quick.mergeIndex(b.url)) : []),
    ]);
    // Without the filter indexes, a search counts no result per filter choice.
    await full.filters();
    // For the bench and the tests: from here a search fetches only what its words need.
    performance.mark("search-ready");
    return { full, quick };
  })();
  return ready;
}

function format(template, values) {
  return template.replace(/\{(\w)\}/g, (_, k) => (typeof values[k] === "number" ? values[k].toLocaleString("fr-FR") : values[k]));
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

// A value the form does not offer (an old link's `ordre=pertinence`) leaves the first choice.
function fillForm(params) {
  for (const element of form.elements) {
    if (!element.name) continue;
    element.value = params.get(element.name) ?? "";
    if (element instanceof HTMLSelectElement && element.selectedIndex < 0) element.selectedIndex = 0;
  }
}

// The index separates « l’ » from its word with a hair space (src/search/records.ts): not shown.
const unsplit = (text) => text.replace(/([’'])\u200a/g, "$1");

// The article's day, in Paris, is in its URL (/2021/12/09/slug/): shown as « 9 décembre 2021 »,
// whatever the reader's time zone (the day is formatted as a UTC date).
const DAY = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" });
function dayOf(url) {
  const m = /\/(\d{4})\/(\d{2})\/(\d{2})\/[^/]+\/$/.exec(url);
  if (!m) return "";
  const text = DAY.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // The first of the month is « 1er » in French, as on the site's pages.
  return m[3] === "01" ? text.replace(/^1 /, "1er ") : text;
}

// Pagefind's excerpt is text with <mark> around the matches: only those marks are kept as markup.
function excerpt(markup) {
  const template = document.createElement("template");
  template.innerHTML = markup;
  const p = document.createElement("p");
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = unsplit(node.textContent);
      p.append(mark);
    } else {
      p.append(unsplit(node.textContent));
    }
  }
  return p;
}

function resultItem(data) {
  const li = document.createElement("li");
  li.className = "item";
  const article = document.createElement("article");
  const h2 = document.createElement("h2");
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = unsplit(data.meta.title ?? data.url);
  h2.append(a);
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [dayOf(data.url), (data.filters?.source ?? []).join(", ")].filter(Boolean).join(" · ");
  article.append(h2, meta, excerpt(data.excerpt));
  li.append(article);
  return li;
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

/**
 * Results in display order, as the reader asks for more. By relevance, those of the search made.
 * Newest first, a bundle at a time, newest first, each searched again through its `lot` filter
 * (its chunks already loaded: no download), and only the bundles the search counted results in.
 */
function resultStream(pf, term, filters, found, newest, bundles) {
  if (!newest) return async (n) => found.results.slice(0, n);
  const perBundle = found.filters[BUNDLE_FILTER] ?? {};
  const left = bundles.filter((b) => perBundle[b.url] > 0);
  const loaded = [];
  return async (n) => {
    while (loaded.length < n && left.length > 0) {
      const only = { ...filters, [BUNDLE_FILTER]: left.shift().url };
      loaded.push(...(await pf.search(term, { filters: only, sort: { date: "desc" } })).results);
    }
    return loaded.slice(0, n);
  };
}

// While the counts of a search are on their way, the choices show none, and the filters say they are busy.
function counting(busy) {
  if (busy) showCounts(null);
  filtersBox.setAttribute("aria-busy", String(busy));
}

let searchId = 0;
async function run() {
  const id = ++searchId;
  const { query, filters, newest } = readForm();
  list.replaceChildren();
  more.hidden = true;
  if (!query && Object.keys(filters).length === 0) {
    status.textContent = "";
    counting(false);
    showCounts(null);
    return;
  }
  const bundles = config.bundles.filter((b) => !filters.annee || b.years.includes(filters.annee));
  const messages = query ? [strings.none, strings.one, strings.many] : [strings.noneAll, strings.oneAll, strings.manyAll];
  if (bundles.length === 0) {
    status.textContent = format(messages[0], { q: query, n: 0 });
    counting(false);
    showCounts(null);
    return;
  }
  status.textContent = strings.loading;
  try {
    const { full, quick } = await prepare();
    if (id !== searchId) return;
    const term = query || null;
    // Only the selected bundles' articles (and never the runtime's own record).
    const scoped = { ...filters, [BUNDLE_FILTER]: { any: bundles.map((b) => b.url) } };
    // `quick` has no `lot` filter: a query that could match the runtime's only word (`_`) goes to `full`.
    const apart = quick !== undefined && query !== "" && !newest && Object.keys(filters).length === 0 && !query.includes("_");
    if (apart) counting(true);
    // One pass: the results by relevance, their total, and (from `full`) each filter choice's count.
    const found = apart ? await quick.search(query) : await full.search(term, { filters: scoped });
    if (id !== searchId) return;
    const total = found.results.length;
    // Without words there is no relevance: newest first.
    const next = resultStream(full, term, scoped, found, newest || !query, bundles);
    let count = 0;
    const showMore = async (focus) => {
      const results = (await next(count + PAGE)).slice(count);
      // Only the fragments of the results shown, asked for at once; each result is listed as soon
      // as it and those above it have theirs: the first does not wait for the tenth.
      const pending = results.map((r) => r.data());
      const first = count;
      for (const data of pending) {
        const item = resultItem(await data);
        if (id !== searchId) return;
        list.append(item);
        count++;
        // Keyboard readers land on the first new result, not back at the top.
        if (focus && count === first + 1) item.querySelector("a")?.focus();
      }
      more.hidden = count >= total;
    };
    more.onclick = () => showMore(true);
    await showMore(false);
    if (id !== searchId) return;
    if (!apart) showCounts(found.filters);
    status.textContent = format(messages[Math.min(total, 2)], { q: query, n: total });
    if (!apart) return counting(false);
    // The results stand if the counts fail: the choices then show none.
    const counted = await full.search(term, { filters: scoped }).catch((error) => {
      console.error(error);
      return null;
    });
    if (id !== searchId) return;
    if (counted) showCounts(counted.filters);
    counting(false);
  } catch (error) {
    console.error(error);
    if (id === searchId) {
      status.textContent = strings.failed;
      counting(false);
    }
  }
}

// Each search is an entry of the history: the address can be shared, and Back returns to the previous search.
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (String(value)) params.set(name, String(value));
  const url = params.toString() ? `?${params}` : location.pathname;
  if (url !== location.search) history.pushState(null, "", url);
  run();
});
for (const select of form.querySelectorAll("select")) select.addEventListener("change", () => form.requestSubmit());
window.addEventListener("popstate", () => {
  fillForm(new URLSearchParams(location.search));
  run();
});

fillForm(new URLSearchParams(location.search));
document.getElementById("q").focus();
// A search in the address (a shared link, a reload) starts at once, and waits for the fixed costs;
// otherwise they are paid once the page has loaded and the browser is idle, while the reader types.
run();
const prepareWhenIdle = () => (window.requestIdleCallback ?? setTimeout)(() => prepare().catch(() => {}));
if (document.readyState === "complete") prepareWhenIdle();
else window.addEventListener("load", prepareWhenIdle, { once: true });
