/**
 * The rules across articles for articles added to an archive they said nothing of: whether they
 * can say anything new. At 100,000 articles the rules take a second (every URL, short link and
 * site path in maps), paid by `check` and again by the build on every push that adds a dispatch;
 * this answers in a walk of the articles, and says "maybe" whenever it is not sure, so that the
 * rules then run over the whole archive as they would have.
 */
import type { Article } from "./model.ts";
import { foldPath } from "./site-files.ts";
import { linksReachArticles } from "./body-links.ts";
import { shortLinkKey } from "../text/web-links.ts";
import { dayUrl, fileOfUrl, monthUrl, yearUrl } from "../urls/site-urls.ts";

// The aliases whose clashes this can tell: dated paths, like the article URLs they replace.
const DATED_PATH = /^\/\d{4}(?:\/|$)/;

/**
 * True when the rules across articles (one article per URL and per short link, aliases on free
 * paths, links that reach pages) can say nothing of `added` within `articles` (the whole archive,
 * `added` among them), given that they said nothing of the archive before: each added article
 * has a URL and a short link of its own, no alias, and links that reach articles (published ones,
 * from a published article, not held back after `nowMs`); no alias of the archive lies on a path the added articles bring
 * (their pages, their days', months' and years'), nor anywhere but on a dated path (list pages
 * and sitemaps grow with the archive).
 */
export function additionsPassRules(added: readonly Article[], articles: readonly Article[], nowMs: number): boolean {
  if (added.some((a) => a.aliases.length > 0)) return false;
  const isAdded = new Set(added);
  const urls = new Set(added.map((a) => a.url));
  const withLink = added.filter((a) => a.shortLink);
  const keys = new Set(withLink.map((a) => shortLinkKey(a.shortLink!)));
  if (urls.size !== added.length || keys.size !== withLink.length) return false;
  const aliases: string[] = [];
  for (const article of articles) {
    if (isAdded.has(article)) continue;
    if (urls.has(article.url)) return false;
    if (keys.size > 0 && article.shortLink && keys.has(shortLinkKey(article.shortLink))) return false;
    for (const alias of article.aliases) aliases.push(alias);
  }
  const linking = added.filter((a) => a.links.length > 0);
  if (linking.length > 0 && !linksReachArticles(linking, new Map(articles.map((a) => [a.url, a])), nowMs)) return false;
  if (aliases.length === 0) return true;
  const paths = new Set<string>();
  for (const { url, published } of added) {
    const [year, month] = [Number(published.day.slice(0, 4)), Number(published.day.slice(5, 7))];
    for (const page of [url, dayUrl(published.day), monthUrl(year, month), yearUrl(year)]) paths.add(fileOfUrl(page));
  }
  return aliases.every((alias) => {
    const file = foldPath(fileOfUrl(alias));
    if (!DATED_PATH.test(file)) return false;
    for (const path of paths) if (file === path || path.startsWith(`${file}/`) || file.startsWith(`${path}/`)) return false;
    return true;
  });
}
