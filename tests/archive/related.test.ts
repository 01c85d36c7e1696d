import { describe, expect, it } from "vitest";
import { RELATED_COUNT, relatedArticles, someArticleLists, topicNeighbours } from "../../src/archive/related.ts";
import type { Article, Topic } from "../../src/content/model.ts";

const irak: Topic = { slug: "irak", label: "Irak" };
const defense: Topic = { slug: "defense", label: "Défense" };
const economie: Topic = { slug: "economie", label: "Économie" };
const sante: Topic = { slug: "sante", label: "Santé" };

let serial = 0;
/** An article at `hours` after 2021-12-01 00:00 UTC, on the given topics. */
function article(name: string, hours: number, topics: Topic[]): Article {
  const epochMs = Date.UTC(2021, 11, 1) + hours * 3_600_000;
  const iso = new Date(epochMs).toISOString();
  serial++;
  return {
    sourcePath: `${name}.md`,
    title: name,
    slug: name,
    url: `/${iso.slice(0, 10).replaceAll("-", "/")}/${name}/`,
    published: { iso, epochMs, day: iso.slice(0, 10) as Article["published"]["day"], time: iso.slice(11, 16), hasTime: true },
    sources: [],
    topics,
    draft: false,
    aliases: [],
    body: `Texte ${serial}.`,
    bodyLine: 7,
    links: [],
  };
}

function names(list: readonly Article[] | undefined): string[] {
  return (list ?? []).map((a) => a.title);
}

describe("relatedArticles", () => {
  it("ranks articles sharing more topics first, then the nearest in time", () => {
    const target = article("cible", 100, [irak, defense]);
    const both = article("les-deux", 10, [irak, defense]);
    const nearIrak = article("irak-proche", 101, [irak]);
    const farIrak = article("irak-loin", 130, [irak]);
    const nearDefense = article("defense-proche", 98, [defense]);
    const unrelated = article("sans-rapport", 100, [sante]);
    const related = relatedArticles([both, nearDefense, target, unrelated, nearIrak, farIrak]);
    expect(names(related.get(target))).toEqual(["les-deux", "irak-proche", "defense-proche", "irak-loin"]);
  });

  it("never lists the article itself nor an article without a shared topic, and none when the topic has no other", () => {
    const alone = article("seul", 5, [sante]);
    const other = article("autre", 6, [economie]);
    const related = relatedArticles([alone, other]);
    expect(related.get(alone)).toEqual([]);
    expect(related.get(other)).toEqual([]);
  });

  it("shows at most five, the nearest ones, older and newer alike", () => {
    const list = Array.from({ length: 21 }, (_, i) => article(`a${i}`, i * 10, [irak]));
    const related = relatedArticles(list);
    expect(RELATED_COUNT).toBe(5);
    // a10 at 100 h: a9 and a11 are 10 h away, a8 and a12 20 h, then a7 (older first on a tie).
    expect(names(related.get(list[10]!))).toEqual(["a9", "a11", "a8", "a12", "a7"]);
    expect(names(related.get(list[0]!))).toEqual(["a1", "a2", "a3", "a4", "a5"]);
    expect(names(related.get(list[20]!))).toEqual(["a19", "a18", "a17", "a16", "a15"]);
  });

  it("breaks ties the same way whatever order same-time articles come in", () => {
    const target = article("cible", 50, [irak]);
    const x = article("x", 40, [irak]);
    const y = article("y", 60, [irak]);
    const z = article("z", 60, [irak]);
    const first = relatedArticles([x, target, y, z]);
    const second = relatedArticles([x, target, z, y]);
    expect(names(first.get(target))).toEqual(["x", "y", "z"]);
    expect(names(second.get(target))).toEqual(["x", "y", "z"]);
  });

  it("finds the related articles of 100,000 articles in a few seconds at most", () => {
    const topics = Array.from({ length: 40 }, (_, i) => ({ slug: `t${i}`, label: `T${i}` }));
    const list = Array.from({ length: 100_000 }, (_, i) => article(`n${i}`, i / 3, [topics[i % 40]!, topics[(i * 7) % 40]!, topics[(i * 13) % 37]!]));
    const started = performance.now();
    const related = relatedArticles(list);
    const elapsed = performance.now() - started;
    expect(related.size).toBe(100_000);
    expect(related.get(list[50_000]!)).toHaveLength(5);
    // About 0.5 s alone on this machine; the bound leaves room for a busy one.
    expect(elapsed).toBeLessThan(5_000);
  });
});

describe("topicNeighbours", () => {
  it("follows the article's first topic, skipping the articles of other topics", () => {
    const a = article("a", 1, [irak, economie]);
    const b = article("b", 2, [economie]);
    const c = article("c", 3, [defense, irak]);
    const d = article("d", 4, [irak]);
    const neighbours = topicNeighbours([a, b, c, d]);
    expect(neighbours.get(a)).toEqual({ topic: irak, newer: c });
    expect(neighbours.get(b)).toEqual({ topic: economie, older: a });
    // c's main topic is Défense, where it is alone.
    expect(neighbours.get(c)).toEqual({ topic: defense });
    expect(neighbours.get(d)).toEqual({ topic: irak, older: c });
  });
});

describe("someArticleLists: the lists of some articles only (an incremental build's few pages)", () => {
  // Articles over four topics, one to three each, two at each time: every list has articles on both sides.
  const topics = [irak, defense, economie, sante];
  const list = Array.from({ length: 300 }, (_, i) =>
    article(`o${i}`, Math.floor(i / 2), [topics[i % 4]!, ...(i % 3 === 0 ? [topics[(i + 1) % 4]!] : []), ...(i % 5 === 0 ? [topics[(i + 2) % 4]!] : [])]),
  );
  // The archive's lists: each topic's articles, newest first.
  const newestByTopic = new Map(topics.map((topic) => [topic, list.filter((a) => a.topics.includes(topic)).reverse()]));
  const only = new Set([list[0]!, list[1]!, list[77]!, list[150]!, list[151]!, list[298]!, list[299]!].map((a) => a.url));
  const some = someArticleLists(
    list.filter((a) => only.has(a.url)),
    newestByTopic,
  );

  it("gives those articles the same related articles as the whole archive, and no other article any", () => {
    const whole = relatedArticles(list);
    expect([...some.related.keys()].map((a) => a.url).sort()).toEqual([...only].sort());
    for (const [article, related] of some.related) expect(names(related)).toEqual(names(whole.get(article)));
  });

  it("gives those articles the same neighbours as the whole archive, and no other article any", () => {
    const whole = topicNeighbours(list);
    expect([...some.neighbours.keys()].map((a) => a.url).sort()).toEqual([...only].sort());
    for (const [article, neighbours] of some.neighbours) expect(neighbours).toEqual(whole.get(article));
  });
});
