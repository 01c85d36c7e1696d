// The search page's script: reads the GET form (?q=…&sujet=…&source=…&annee=…&ordre=…), loads
// Pagefind's runtime once from /pagefind/ as the page opens, and lists the results, newest first
// by default, from the bundles (the newest year, groups of earlier years) the year filter selects:
// the first results from the newest bundles only, then the counts over all of them, merged in
// parallel. Every bundle is merged with a filter of its own (`lot`): Pagefind orders the results
// of merged bundles by score, so "newest first" reads one bundle at a time through that filter.

const config = JSON.parse(document.getElementById("search-config").textContent);
const strings = config.strings;
const form = document.querySelector(".search-form");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const PAGE = 10;
const BUNDLE_FILTER = "lot";

let pagefind;
function loadRuntime() {
  pagefind ??= (async () => {
    const pf = await import(config.runtime);
    // In the page's thread: Pagefind's web worker is one more download, and a search of a few
    // bundles takes milliseconds.
    await pf.options({ baseUrl: config.baseUrl, excerptLength: 30, noWorker: true });
    await pf.init();
    return pf;
  })();
  return pagefind;
}

const merged = new Map();
// Merges the bundles not merged yet, all at once; a bundle is merged once per page.
function mergeBundles(pf, bundles) {
  for (const b of bundles) if (!merged.has(b.url)) merged.set(b.url, pf.mergeIndex(b.url, { mergeFilter: { [BUNDLE_FILTER]: b.url } }));
  return Promise.all(bundles.map((b) => merged.get(b.url)));
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
  return { query, filters, relevance: data.get("ordre") === "pertinence" };
}

function fillForm(params) {
  for (const element of form.elements) if (element.name) element.value = params.get(element.name) ?? "";
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
 * Results in display order, as the reader asks for more. Newest first, a bundle at a time, newest
 * first, each merged only when reached: the first results need only the newest bundles.
 */
function resultStream(pf, term, filters, relevance, bundles) {
  if (relevance) {
    let all;
    return async (n) => (all ??= (await pf.search(term, { filters })).results).slice(0, n);
  }
  const left = [...bundles];
  const loaded = [];
  return async (n) => {
    while (loaded.length < n && left.length > 0) {
      const bundle = left.shift();
      await mergeBundles(pf, [bundle]);
      const only = { ...filters, [BUNDLE_FILTER]: bundle.url };
      loaded.push(...(await pf.search(term, { filters: only, sort: { date: "desc" } })).results);
    }
    return loaded.slice(0, n);
  };
}

// Counts over every selected bundle: the total and each filter choice's.
async function countResults(pf, term, filters, bundles) {
  await mergeBundles(pf, bundles);
  // Loads the filter indexes of the bundles merged: without them a search counts no result per filter.
  await pf.filters();
  return pf.search(term, { filters });
}

let searchId = 0;
async function run() {
  const id = ++searchId;
  const { query, filters, relevance } = readForm();
  list.replaceChildren();
  more.hidden = true;
  if (!query && Object.keys(filters).length === 0) {
    status.textContent = "";
    showCounts(null);
    return;
  }
  const bundles = config.bundles.filter((b) => !filters.annee || b.years.includes(filters.annee));
  const messages = query ? [strings.none, strings.one, strings.many] : [strings.noneAll, strings.oneAll, strings.manyAll];
  if (bundles.length === 0) {
    status.textContent = format(messages[0], { q: query, n: 0 });
    return;
  }
  status.textContent = strings.loading;
  try {
    const pf = await loadRuntime();
    const term = query || null;
    // Only the selected bundles' articles (and never the runtime's own record).
    const scoped = { ...filters, [BUNDLE_FILTER]: { any: bundles.map((b) => b.url) } };
    if (relevance) await mergeBundles(pf, bundles);
    const next = resultStream(pf, term, scoped, relevance, bundles);
    let count = 0;
    let total;
    const showMore = async (focus) => {
      const results = (await next(count + PAGE)).slice(count);
      const items = await Promise.all(results.map(async (r) => resultItem(await r.data())));
      if (id !== searchId) return;
      list.append(...items);
      count += items.length;
      more.hidden = total === undefined || count >= total;
      // Keyboard readers land on the first new result, not back at the top.
      if (focus) items[0]?.querySelector("a")?.focus();
    };
    more.onclick = () => showMore(true);
    await showMore(false);
    if (id !== searchId) return;
    // Then the counts, over every selected bundle, announced once known.
    const counted = await countResults(pf, term, scoped, bundles);
    if (id !== searchId) return;
    total = counted.results.length;
    showCounts(counted.filters);
    more.hidden = count >= total;
    status.textContent = format(messages[Math.min(total, 2)], { q: query, n: total });
  } catch (error) {
    console.error(error);
    if (id === searchId) status.textContent = strings.failed;
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
// The runtime is fetched as the page opens, while the reader types: a search only waits for the
// bundles it needs.
loadRuntime().catch(() => {});
run();
