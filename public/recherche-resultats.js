// A search's result as the page lists it (public/recherche.js): its title, its day, its sources,
// and an excerpt with the words matched marked.

import { asPrinted, bodyExcerpt } from "./recherche-texte.js";

// The article's day, in Paris, is in its URL (/2021/12/09/slug/): shown as « 9 décembre 2021 »,
// whatever the reader's time zone (the day is formatted as a UTC date).
const DAY = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" });
export function dayOf(url) {
  const m = /\/(\d{4})\/(\d{2})\/(\d{2})\/[^/]+\/$/.exec(url);
  if (!m) return "";
  // The day and its month on one line, and the first of the month « 1er », as on the site's pages.
  const text = DAY.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).replace(/^(\d+) /, "$1\u00a0");
  return m[3] === "01" ? text.replace(/^1\u00a0/, "1er\u00a0") : text;
}

// Signs a match's word carries that are not the word: Pagefind marks « Turquie. » whole.
const AROUND_WORD = /^([\p{P}\p{S}\s]*)(.*?)([\p{P}\p{S}\s]*)$/su;
// A guillemet the cut leaves open at the end of an excerpt, or closed at its start.
const OPEN_AT_END = /\s*«[\s\u00a0\u202f]*$/u;
const CLOSED_AT_START = /^[\s\u00a0\u202f]*»\s*/u;
// What a cut leaves after its last word, dropped before « … », as src/text/excerpt.ts drops it.
const CUT_END = /[\s,;:.–—-]+$/u;

/**
 * The excerpt shown: a window of the article's text after its title (`bodyExcerpt`) with <mark>
 * around the matches. Only those marks are kept as markup, around the
 * word alone; where the window cuts the text, « … » says so, and a guillemet the cut leaves
 * dangling goes.
 */
export function excerpt(markup, content = "") {
  const parsed = (html) => {
    const template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  };
  // Pagefind's window is of the text's words, one space between each: compared with the whole
  // text so, before either is printed.
  const words = (text) =>
    text
      .replace(/\u200b/g, "")
      .split(/\s+/)
      .filter(Boolean)
      .join(" ");
  const shown = words(parsed(markup).textContent);
  const whole = words(content);
  const cutBefore = whole !== "" && !whole.startsWith(shown);
  const cutAfter = whole !== "" && !whole.endsWith(shown);
  const parts = [...parsed(asPrinted(markup)).childNodes].map((node) => ({ mark: node.nodeName === "MARK", text: node.textContent }));
  const first = parts[0];
  const last = parts.at(-1);
  if (cutBefore && first && !first.mark) first.text = first.text.replace(CLOSED_AT_START, "");
  if (cutAfter && last && !last.mark) last.text = last.text.replace(OPEN_AT_END, "");
  const p = document.createElement("p");
  if (cutBefore) p.append("…\u00a0");
  for (const part of parts) {
    if (!part.mark) {
      p.append(part.text);
      continue;
    }
    const [, before, word, after] = AROUND_WORD.exec(part.text);
    const mark = document.createElement("mark");
    mark.textContent = word || part.text;
    p.append(...(word ? [before, mark, after] : [mark]));
  }
  // The ellipsis touches the words it stands for, never alone on a line: glued to the last word
  // (its comma or full stop dropped), as the lists' summaries end (« Les… », src/text/excerpt.ts),
  // and before the first word with a no-break space.
  p.normalize();
  if (cutAfter) {
    const tail = p.lastChild;
    if (tail?.nodeType === Node.TEXT_NODE) tail.textContent = tail.textContent.replace(CUT_END, "");
    p.append("…");
    p.normalize();
  }
  return p;
}

export function resultItem(data) {
  const li = document.createElement("li");
  li.className = "item";
  const article = document.createElement("article");
  const h2 = document.createElement("h2");
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = asPrinted(data.meta.title ?? data.url);
  h2.append(a);
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [dayOf(data.url), (data.filters?.source ?? []).join(", ")].filter(Boolean).join(" · ");
  const { markup, text } = bodyExcerpt(data);
  article.append(h2, meta, excerpt(markup, text));
  li.append(article);
  return li;
}
