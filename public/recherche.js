// The search page's script: reads the GET form (?q=…&sujet=…&source=…&annee=…&ordre=…), queries
// the Pagefind bundles (one a year, or a month; merged) and lists the results, newest first by
// default. Pagefind orders merged bundles by score, not by date, so "newest first" asks one
// bundle at a time, newest first, through the filter that holds exactly that bundle; a first
// search only counts the results in each bundle.

const config = JSON.parse(document.getElementById("search-config").textContent);
const strings = config.strings;
const form = document.querySelector(".search-form");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const PAGE = 20;

let pagefind;
async function loadPagefind() {
  if (!pagefind) {
    pagefind = (async () => {
      const pf = await import(`${config.bundles[0].url}pagefind.js`);
      // In the page's thread: Pagefind's web worker gives up after 5 s on a slow connection and
      // its fallback can leave the search waiting; searching a year's bundle takes milliseconds.
      await pf.options({ baseUrl: config.baseUrl, excerptLength: 30, noWorker: true });
      await pf.init();
      for (const bundle of config.bundles.slice(1)) await pf.mergeIndex(bundle.url);
      // Loads the filter indexes: without them a search returns no count per bundle.
      await pf.filters();
      return pf;
    })();
  }
  return pagefind;
}

function format(template, query, count) {
  return template.replace("{q}", query).replace("{n}", count.toLocaleString("fr-FR"));
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
  for (const element of form.elements) {
    if (element.name && params.has(element.name)) element.value = params.get(element.name);
  }
}

// Pagefind's excerpt is text with <mark> around the matches: only those marks are kept as markup.
function excerpt(markup) {
  const template = document.createElement("template");
  template.innerHTML = markup;
  const p = document.createElement("p");
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      p.append(mark);
    } else {
      p.append(node.textContent);
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
  a.textContent = data.meta.title ?? data.url;
  h2.append(a);
  article.append(h2);
  if (data.meta.date) {
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = data.meta.date;
    article.append(meta);
  }
  article.append(excerpt(data.excerpt));
  li.append(article);
  return li;
}

/** Results in display order, fetched a bundle at a time, as the reader asks for more. */
function resultStream(pf, term, filters, relevance, counts) {
  if (relevance) {
    let all;
    return async (n) => (all ??= (await pf.search(term, { filters })).results).slice(0, n);
  }
  const bundles = config.bundles.filter((b) => counts[b.filter.name]?.[b.filter.value] > 0);
  const loaded = [];
  return async (n) => {
    while (loaded.length < n && bundles.length > 0) {
      const { filter } = bundles.shift();
      const only = { ...filters, [filter.name]: filter.value };
      loaded.push(...(await pf.search(term, { filters: only, sort: { date: "desc" } })).results);
    }
    return loaded.slice(0, n);
  };
}

let searchId = 0;
async function run(focusResults) {
  const id = ++searchId;
  const { query, filters, relevance } = readForm();
  list.replaceChildren();
  more.hidden = true;
  if (!query && Object.keys(filters).length === 0) {
    status.textContent = "";
    return;
  }
  if (config.bundles.length === 0) {
    status.textContent = format(query ? strings.none : strings.noneAll, query, 0);
    return;
  }
  status.textContent = strings.loading;
  try {
    const pf = await loadPagefind();
    const term = query || null;
    const first = await pf.search(term, { filters });
    if (id !== searchId) return;
    const total = first.results.length;
    const messages = query ? [strings.none, strings.one, strings.many] : [strings.noneAll, strings.oneAll, strings.manyAll];
    status.textContent = format(messages[Math.min(total, 2)], query, total);
    const next = resultStream(pf, term, filters, relevance, first.filters ?? {});
    let count = 0;
    const showMore = async (focus) => {
      const results = (await next(count + PAGE)).slice(count);
      const items = await Promise.all(results.map(async (r) => resultItem(await r.data())));
      if (id !== searchId) return;
      list.append(...items);
      count += items.length;
      more.hidden = count >= total;
      // Keyboard readers land on the first new result, not back at the top.
      if (focus) items[0]?.querySelector("a")?.focus();
    };
    more.onclick = () => showMore(true);
    await showMore(focusResults);
  } catch (error) {
    console.error(error);
    if (id === searchId) status.textContent = strings.failed;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (String(value)) params.set(name, String(value));
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  run(false);
});
for (const select of form.querySelectorAll("select")) select.addEventListener("change", () => form.requestSubmit());

const params = new URLSearchParams(location.search);
fillForm(params);
document.getElementById("q").focus();
run(false);
