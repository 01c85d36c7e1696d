import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type Archive, deriveArchive } from "../../src/archive/archive.ts";
import { type Article, byPublication, type Content, type Topic } from "../../src/content/model.ts";
import { loadContent } from "../../src/content/load.ts";
import { archiveSitemapEntries, type SitemapEntry, sitemapEntries, unchangedSitemapEntries } from "../../src/outputs/sitemaps.ts";
import { pageCounts, pagesShowingAdded, pagesShowingEdited, pagesShowingRemoved, sameMainTopics } from "../../src/plan/added-pages.ts";
import { ArticleRenderer } from "../../src/plan/article-view.ts";
import { pageDigests } from "../../src/plan/page-digest.ts";
import { mainTopics, planPages, redirectUrls, type SitePages } from "../../src/plan/pages.ts";
import { siteView } from "../../src/plan/site-data.ts";
import { countPages } from "../../src/publish/build-site.ts";
import { parseContractDate } from "../../src/text/dates.ts";
import { firstPageUrl, PAGE_SIZE, pageUrl, topicUrl } from "../../src/urls/site-urls.ts";
import type { TestArchive } from "../helpers/archive.ts";
import { makeGeneratedArchive } from "../helpers/test-sites.ts";

// Sixty articles over two years, Irak listed on several pages, an alias and an update.
let archive: TestArchive;
let content: Content;

beforeAll(async () => {
  archive = makeGeneratedArchive(60);
  const loaded = await loadContent({ contentDir: archive.dir });
  content = loaded.content!;
});
afterAll(() => archive.remove());

function plan(of: Content, renderer: ArticleRenderer) {
  const derived = deriveArchive(of, { drafts: false });
  const site = siteView(derived.site, mainTopics(derived));
  const pages = planPages(derived, renderer);
  return { archive: derived, site, pages, digests: pageDigests(site, pages, renderer) };
}

// Each article in turn (the oldest, the newest, mid-list in its topic), then whole days, months
// and years at once: a day, month or year between others, or first, or last.
function changedSets(articles: readonly Article[]): Article[][] {
  return [
    ...articles.map((a) => [a]),
    ...[(a: Article) => a.published.day, (a: Article) => a.published.day.slice(0, 7), (a: Article) => a.published.day.slice(0, 4)].flatMap((key) =>
      groups(articles, key),
    ),
  ];
}

// Each page's kind, by URL.
function kindsOf(pages: SitePages): Map<string, string> {
  return new Map(Object.entries(pages).flatMap(([kind, list]) => (list as { url: string }[]).map((page): [string, string] => [page.url, kind])));
}

// The pages whose digest changed from one plan to the next, or that are new; the pages gone, with their kinds.
function difference(before: ReturnType<typeof plan>, after: ReturnType<typeof plan>): { changed: string[]; gone: [string, string][] } {
  const kinds = kindsOf(before.pages);
  return {
    changed: [...after.digests].filter(([url, digest]) => before.digests.get(url) !== digest).map(([url]) => url),
    gone: [...before.digests.keys()].filter((url) => !after.digests.has(url)).map((url) => [url, kinds.get(url)!]),
  };
}

function groups(articles: readonly Article[], key: (a: Article) => string): Article[][] {
  const by = new Map<string, Article[]>();
  for (const a of articles) by.set(key(a), [...(by.get(key(a)) ?? []), a]);
  return [...by.values()];
}

describe("the masthead's topics", () => {
  // Topics with these counts of articles, in an archive that holds nothing else.
  const archiveOf = (counts: Record<string, number>): Archive => {
    const topics = Object.entries(counts).map(([label, n]) => {
      const entry: Topic = { slug: label.toLowerCase(), label };
      return { entry, articles: Array.from({ length: n }, () => ({ topics: [entry] }) as unknown as Article) };
    });
    return { topics } as unknown as Archive;
  };
  const named = (archive: Archive): string[] => mainTopics(archive).map((link) => link.label);

  it("are the six most used, named in French alphabetical order", () => {
    const archive = archiveOf({ Zèbre: 10, Été: 9, Oc: 8, Défense: 7, Élections: 6, Abc: 5, Rare: 2 });
    expect(named(archive)).toEqual(["Abc", "Défense", "Élections", "Été", "Oc", "Zèbre"]);
  });

  it("stay as they were when articles added to one of them pass another, and change when a topic enters them", () => {
    // The least used of the six gets five articles and passes all the others: the masthead, on every page, is the same.
    const passing = archiveOf({ A: 10, B: 9, C: 8, D: 7, E: 6, F: 11, G: 2 });
    const added = passing.topics.find((t) => t.entry.label === "F")!.articles.slice(0, 6);
    expect(sameMainTopics(passing, added)).toBe(true);
    // The seventh gets six and passes F: it is named, F is not.
    const entering = archiveOf({ A: 10, B: 9, C: 8, D: 7, E: 6, F: 5, G: 8 });
    expect(sameMainTopics(entering, entering.topics.find((t) => t.entry.label === "G")!.articles.slice(0, 6))).toBe(false);
    expect(named(entering)).toEqual(["A", "B", "C", "D", "E", "G"]);
  });
});

describe("the pages an added article enters", () => {
  it("include every page whose planned data differ once they are added, wherever they land", () => {
    const renderer = new ArticleRenderer();
    const after = plan(content, renderer);
    let checked = 0;
    let aliased = 0;
    for (const added of changedSets(content.articles)) {
      const before = plan({ ...content, articles: content.articles.filter((a) => !added.includes(a)) }, renderer);
      if (!sameMainTopics(after.archive, added)) {
        // The masthead changed: every page does, and the whole site is planned.
        expect(mainTopics(before.archive)).not.toEqual(mainTopics(after.archive));
        continue;
      }
      const urls = pagesShowingAdded(after.archive, added);
      if (added.some((a) => a.aliases.length > 0)) aliased++;
      const changed = [...after.digests].filter(([url, digest]) => before.digests.get(url) !== digest).map(([url]) => url);
      expect(changed.filter((url) => !urls.has(url))).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
    // An article with an alias was added: its redirect is a new page.
    expect(aliased).toBeGreaterThan(0);
  });

  it("count, without planning them, the pages planPages plans", () => {
    const { archive: derived, pages } = plan(content, new ArticleRenderer());
    expect(pageCounts(derived)).toEqual(countPages(pages));
  });

  it("leave the sitemaps' entries to the archive, the very entries of the whole plan", () => {
    const { archive: derived, site, pages } = plan(content, new ArticleRenderer());
    const buildIso = "2023-01-01T00:00:00.000Z";
    expect(archiveSitemapEntries(site, derived, buildIso)).toEqual(sitemapEntries(site, pages, buildIso));
    // In each month, an article of a day neither its first nor its last updated after everything
    // else: its month, year, day and lists are dated by that update, not by their newest
    // article's publication, whichever order the days are walked in.
    const days = new Map<string, Set<string>>();
    for (const a of content.articles) days.set(a.published.day.slice(0, 7), (days.get(a.published.day.slice(0, 7)) ?? new Set()).add(a.published.day));
    const middles = new Set([...days.values()].filter((d) => d.size >= 3).map((d) => [...d].sort()[1]!));
    expect(middles.size).toBeGreaterThan(1);
    const picked = new Set([...middles].map((day) => content.articles.find((a) => a.published.day === day)!));
    const late = (i: number) => parseContractDate(`2031-01-01T${String(i % 24).padStart(2, "0")}:00:00+01:00`, "Europe/Paris")!;
    const updated = { ...content, articles: content.articles.map((a) => (picked.has(a) ? { ...a, updated: late(a.url.length) } : a)) };
    const again = plan(updated, new ArticleRenderer());
    const entries = archiveSitemapEntries(again.site, again.archive, buildIso);
    expect(entries).toEqual(sitemapEntries(again.site, again.pages, buildIso));
    const months = entries.filter((e) => /\/\d{4}\/\d\d\/$/.test(e.loc) && days.get(e.loc.slice(-8, -1).replace("/", "-"))!.size >= 3);
    expect(months.length).toBe(middles.size);
    expect(months.every((e) => e.lastmod.startsWith("2031-"))).toBe(true);
  });
});

describe("the pages a removed article showed", () => {
  it("include every page whose planned data differ once they are gone, and name every page gone with its kind", () => {
    const renderer = new ArticleRenderer();
    const before = plan(content, renderer);
    let checked = 0;
    let goneDays = 0;
    let goneLists = 0;
    for (const removed of changedSets(content.articles)) {
      const after = plan({ ...content, articles: content.articles.filter((a) => !removed.includes(a)) }, renderer);
      if (!sameMainTopics(after.archive, [], removed)) {
        expect(mainTopics(before.archive)).not.toEqual(mainTopics(after.archive));
        continue;
      }
      const { urls, gone } = pagesShowingRemoved(after.archive, removed, []);
      const diff = difference(before, after);
      expect(diff.changed.filter((url) => !urls.has(url))).toEqual([]);
      // Every page gone is named, as the kind it was; a page named and still there is planned.
      expect(diff.gone.filter(([url, kind]) => gone.get(url) !== kind)).toEqual([]);
      for (const url of gone.keys()) if (after.digests.has(url)) expect(urls.has(url)).toBe(true);
      goneDays += diff.gone.filter(([, kind]) => kind === "days").length;
      goneLists += diff.gone.filter(([, kind]) => kind === "lists").length;
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
    // Days went with their last article, and a list lost its last page.
    expect(goneDays).toBeGreaterThan(0);
    expect(goneLists).toBeGreaterThan(0);
  });

  it("and those the article enters once moved (re-dated, its topics changed) together include every page that differs", () => {
    const renderer = new ArticleRenderer();
    const before = plan(content, renderer);
    const zone = content.site.timezone;
    const moves: ((a: Article) => Partial<Article>)[] = [
      // Later the same day: the same URL, another place in its lists.
      (a) => ({ published: parseContractDate(`${a.published.day}T23:59:00`, zone)! }),
      // Years back, a day of its own: a URL of its own.
      (a) => {
        const published = parseContractDate("2010-06-15T10:00:00", zone)!;
        return { published, url: `/2010/06/15/${a.slug}/` };
      },
      // Into another topic.
      (a) => ({ topics: [...content.topics].filter((t) => !a.topics.includes(t)).slice(0, 1) }),
    ];
    let checked = 0;
    for (const article of content.articles)
      for (const move of moves) {
        const moved: Article = { ...article, ...move(article) };
        const after = plan({ ...content, articles: content.articles.map((a) => (a === article ? moved : a)).sort(byPublication) }, renderer);
        if (!sameMainTopics(after.archive, [moved], [article])) continue;
        const { urls, gone } = pagesShowingRemoved(after.archive, [article], [moved]);
        for (const url of pagesShowingAdded(after.archive, [moved])) urls.add(url);
        const diff = difference(before, after);
        expect(diff.changed.filter((url) => !urls.has(url))).toEqual([]);
        expect(diff.gone.filter(([url, kind]) => gone.get(url) !== kind)).toEqual([]);
        checked++;
      }
    expect(checked).toBeGreaterThan(120);
  });
});

describe("the pages an edited article's text shows on", () => {
  it("include every page whose digest reads the text of the articles edited, and no other list page", () => {
    const renderer = new ArticleRenderer();
    const { archive: derived, site, pages } = plan(content, renderer);
    // The digests read an article's text as its file's digest: another digest is another text.
    const sources = new Map(derived.articles.map((a) => [a, `avant ${a.url}`]));
    const before = pageDigests(site, pages, renderer, sources);
    const sets = [
      ...derived.articles.map((a) => [a]),
      ...[(a: Article) => a.published.day, (a: Article) => a.topics[0]!.slug].flatMap((key) => groups(derived.articles, key)),
    ];
    const articleUrls = new Set(derived.articles.map((a) => a.url));
    let othersRelated = 0;
    let laterListPages = 0;
    for (const edited of sets) {
      const after = pageDigests(site, pages, renderer, new Map([...sources, ...edited.map((a): [Article, string] => [a, `après ${a.url}`])]));
      const changed = [...after].filter(([url, digest]) => before.get(url) !== digest).map(([url]) => url);
      // The digests do read the text: the edited articles' own pages change.
      expect(changed).toEqual(expect.arrayContaining(edited.map((a) => a.url)));
      othersRelated += changed.filter((url) => articleUrls.has(url) && !edited.some((a) => a.url === url)).length;
      laterListPages += changed.filter((url) => /\/page\/\d+\/$/.test(url)).length;
      const urls = pagesShowingEdited(derived, edited);
      expect(changed.filter((url) => !urls.has(url))).toEqual([]);
      // Nothing shifts: of a topic's or source's pages, only those listing an article edited.
      const listed = new Set(pages.lists.filter((page) => page.items.some((item) => edited.some((a) => a.url === item.url))).map((p) => p.url));
      expect(pages.lists.filter((page) => urls.has(page.url) && !listed.has(page.url)).map((p) => p.url)).toEqual([]);
    }
    // Other articles' related lists, and list pages past the first, were among the pages checked.
    expect(othersRelated).toBeGreaterThan(0);
    expect(laterListPages).toBeGreaterThan(0);
  });

  it("include every page whose digest reads the title of an article retitled under the same URL, its aliases' pages among them", () => {
    const before = plan(content, new ArticleRenderer());
    const redirects = new Set(before.pages.redirects.map((p) => p.url));
    let aliasPages = 0;
    for (const article of before.archive.articles) {
      const retitled = { ...article, title: `${article.title}, titre revu` };
      const after = plan({ ...content, articles: content.articles.map((a) => (a === article ? retitled : a)) }, new ArticleRenderer());
      const changed = [...after.digests].filter(([url, digest]) => before.digests.get(url) !== digest).map(([url]) => url);
      expect(changed).toContain(article.url);
      const urls = pagesShowingEdited(after.archive, [retitled]);
      expect(changed.filter((url) => !urls.has(url))).toEqual([]);
      aliasPages += changed.filter((url) => redirects.has(url)).length;
    }
    // The archive's alias was among the pages checked: its page names the article it moved to.
    expect(aliasPages).toBeGreaterThan(0);
  });
});

describe("every redirect page's URL", () => {
  it("is that of a redirect page the whole site plans, and each of them is one: articles' aliases, topics' and sources' former pages, lists' page 1", () => {
    // The most listed topic renamed from two former names, a source from one: former lists of
    // several pages. Articles hold their topics and sources themselves: renamed in place, then back.
    const [busiest] = [...deriveArchive(content, { drafts: false }).topics].sort((a, b) => b.articles.length - a.articles.length);
    const topic = content.topics.find((t) => t.slug === busiest!.entry.slug)!;
    const source = content.sources[0]!;
    const [topicAliases, sourceAliases] = [topic.aliases, source.aliases];
    topic.aliases = ["ancien-sujet", "vieux-sujet"];
    source.aliases = ["ancienne-source"];
    onTestFinished(() => {
      topic.aliases = topicAliases;
      source.aliases = sourceAliases;
    });
    const derived = deriveArchive(content, { drafts: false });
    const planned = planPages(derived, new ArticleRenderer()).redirects.map((page) => page.url);
    const urls = redirectUrls(derived);
    expect([...urls].sort()).toEqual([...planned].sort());
    // What the archive holds to check against: an article's alias, a topic's former page 2, a list's page 1.
    expect(urls.some((url) => derived.articles.some((a) => a.aliases.includes(url)))).toBe(true);
    expect(busiest!.articles.length).toBeGreaterThan(PAGE_SIZE);
    expect(urls).toContain(pageUrl(topicUrl({ slug: "vieux-sujet" }), 2));
    expect(urls).toContain(firstPageUrl(topicUrl(busiest!.entry)));
  });
});

describe("the sitemap's first entries a change of articles leaves", () => {
  const buildIso = "2023-01-01T00:00:00.000Z";
  const sitemapOf = (of: Content) => {
    const derived = deriveArchive(of, { drafts: false });
    return { archive: derived, entries: archiveSitemapEntries(siteView(derived.site, mainTopics(derived)), derived, buildIso) };
  };
  // How many first entries two sitemaps share, each with its location and date.
  const shared = (a: readonly SitemapEntry[], b: readonly SitemapEntry[]): number => {
    let i = 0;
    while (i < a.length && i < b.length && a[i]!.loc === b[i]!.loc && a[i]!.lastmod === b[i]!.lastmod) i++;
    return i;
  };

  it("are the articles older than every one added or removed: the same in both sitemaps, first", () => {
    const whole = sitemapOf(content);
    let checked = 0;
    for (const changed of changedSets(content.articles)) {
      const without = sitemapOf({ ...content, articles: content.articles.filter((a) => !changed.includes(a)) });
      const oldest = Math.max(...changed.map((a) => whole.archive.articles.indexOf(a)));
      const older = whole.archive.articles.length - 1 - oldest;
      // Added to the archive without them, or removed from the whole one: the same entries left.
      expect(unchangedSitemapEntries(whole.archive, changed, [])).toBe(older);
      expect(unchangedSitemapEntries(without.archive, [], changed)).toBe(older);
      expect(shared(without.entries, whole.entries)).toBeGreaterThanOrEqual(older);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
    // The newest added leaves every other article's entry; the oldest, none.
    expect(unchangedSitemapEntries(whole.archive, [whole.archive.articles[0]!], [])).toBe(whole.archive.articles.length - 1);
    expect(unchangedSitemapEntries(whole.archive, [whole.archive.articles.at(-1)!], [])).toBe(0);
  });

  it("are the same in both sitemaps for an article moved (re-dated, out of the archive's span), removed as it was and added as it is", () => {
    const before = sitemapOf(content);
    const zone = content.site.timezone;
    let checked = 0;
    for (const article of content.articles)
      for (const day of ["2010-06-15", "2031-06-15", article.published.day]) {
        const published = parseContractDate(`${day}T23:59:00`, zone)!;
        const moved: Article = { ...article, published, url: `/${day.replaceAll("-", "/")}/${article.slug}/` };
        const after = sitemapOf({ ...content, articles: content.articles.map((a) => (a === article ? moved : a)).sort(byPublication) });
        const unchanged = unchangedSitemapEntries(after.archive, [moved], [article]);
        expect(shared(before.entries, after.entries)).toBeGreaterThanOrEqual(unchanged);
        checked++;
      }
    expect(checked).toBe(content.articles.length * 3);
  });
});
