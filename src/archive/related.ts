import type { Article, Topic } from "../content/model.ts";

/** How many related articles an article page shows ("Sur le même sujet"), at most. */
export const RELATED_COUNT = 5;

/** An article's previous and next articles on its main topic. */
export interface TopicNeighbours {
  /** The article's first topic, the one the editor put first. */
  topic: Topic;
  older?: Article;
  newer?: Article;
}

/** Each topic's articles, oldest first, and where each article stands in each of its topics. */
interface TopicIndex {
  lists: Map<Topic, Article[]>;
  /** Per article, its position in the list of each of its topics, in the order of `article.topics`. */
  positions: Map<Article, number[]>;
}

function indexTopics(oldestFirst: readonly Article[]): TopicIndex {
  const lists = new Map<Topic, Article[]>();
  const positions = new Map<Article, number[]>();
  for (const article of oldestFirst) {
    const at: number[] = [];
    for (const topic of article.topics) {
      let list = lists.get(topic);
      if (!list) lists.set(topic, (list = []));
      at.push(list.length);
      list.push(article);
    }
    positions.set(article, at);
  }
  return { lists, positions };
}

/**
 * Each article's neighbours on its main topic (its first): the thread a reader can name,
 * "le précédent sur Irak", rather than whatever the wire sent next on another subject.
 * Articles are given oldest first.
 */
export function topicNeighbours(oldestFirst: readonly Article[]): Map<Article, TopicNeighbours> {
  return neighboursIn(indexTopics(oldestFirst), oldestFirst);
}

/**
 * The related articles and topic neighbours of some `articles` (`articlesAt`), as `relatedArticles`
 * and `topicNeighbours` of every article would give them, from the archive's lists of each topic
 * (newest first, `Listing.articles`): only the lists of their topics are read. An incremental
 * build plans a dozen article pages of 100,000, and indexing every topic for them was a third of
 * its planning.
 */
export function someArticleLists(
  articles: readonly Article[],
  newestByTopic: ReadonlyMap<Topic, readonly Article[]>,
): { related: Map<Article, Article[]>; neighbours: Map<Article, TopicNeighbours> } {
  const lists = new Map<Topic, Article[]>();
  const positions = new Map<Article, number[]>();
  for (const article of articles) {
    positions.set(
      article,
      article.topics.map((topic) => {
        let list = lists.get(topic);
        if (!list) lists.set(topic, (list = [...(newestByTopic.get(topic) ?? [])].reverse()));
        return list.indexOf(article);
      }),
    );
  }
  const index = { lists, positions };
  return { related: relatedIn(index, articles, RELATED_COUNT), neighbours: neighboursIn(index, articles) };
}

// Each article's neighbours, from an index that has its topics.
function neighboursIn({ lists, positions }: TopicIndex, articles: readonly Article[]): Map<Article, TopicNeighbours> {
  const neighbours = new Map<Article, TopicNeighbours>();
  for (const article of articles) {
    const topic = article.topics[0];
    if (!topic) continue;
    const list = lists.get(topic)!;
    const i = positions.get(article)![0]!;
    const older = list[i - 1];
    const newer = list[i + 1];
    neighbours.set(article, { topic, ...(older ? { older } : {}), ...(newer ? { newer } : {}) });
  }
  return neighbours;
}

/**
 * Up to `count` articles related to each article ("Sur le même sujet"), given oldest first.
 * The candidates are, in each of the article's topics, the `count` articles nearest in time on
 * either side; they are ranked by the number of topics they share with it (most first), then
 * by how near their date is, then the older first, then by URL: the same archive always gives
 * the same list. Each article costs a few steps per topic, whatever the size of the archive,
 * and allocates only its result: at 100,000 articles the heap is large and garbage costs.
 * With `only` (article URLs), only those articles' lists are made, from every article all the same.
 * @example relatedArticles(oldestFirst).get(article) // [the 5 nearest articles sharing its topics]
 */
export function relatedArticles(oldestFirst: readonly Article[], count = RELATED_COUNT, only?: ReadonlySet<string>): Map<Article, Article[]> {
  return relatedIn(indexTopics(oldestFirst), only ? oldestFirst.filter((article) => only.has(article.url)) : oldestFirst, count);
}

// Each article's related articles, from an index that has its topics.
function relatedIn({ lists, positions }: TopicIndex, articles: readonly Article[], count: number): Map<Article, Article[]> {
  const related = new Map<Article, Article[]>();
  // Scratch space reused from article to article: the candidates, then the best `count` of them.
  const candidates: Article[] = [];
  const best: Article[] = [];
  const bestShared: number[] = [];
  const bestDistance: number[] = [];
  for (const article of articles) {
    const at = positions.get(article)!;
    candidates.length = 0;
    article.topics.forEach((topic, t) => {
      addNearest(lists.get(topic)!, at[t]!, count, candidates);
    });
    best.length = 0;
    for (const other of candidates) {
      const shared = sharedTopics(article.topics, other.topics);
      const distance = Math.abs(other.published.epochMs - article.published.epochMs);
      // Insertion into the sorted best few: the candidates are a handful per topic.
      let i = best.length;
      while (i > 0 && ranksBefore(shared, distance, other, bestShared[i - 1]!, bestDistance[i - 1]!, best[i - 1]!)) i--;
      if (i >= count) continue;
      best.splice(i, 0, other);
      bestShared.splice(i, 0, shared);
      bestDistance.splice(i, 0, distance);
      if (best.length > count) {
        best.length = count;
        bestShared.length = count;
        bestDistance.length = count;
      }
    }
    related.set(article, best.slice(0, count));
  }
  return related;
}

function ranksBefore(shared: number, distance: number, article: Article, otherShared: number, otherDistance: number, other: Article): boolean {
  if (shared !== otherShared) return shared > otherShared;
  if (distance !== otherDistance) return distance < otherDistance;
  if (article.published.epochMs !== other.published.epochMs) return article.published.epochMs < other.published.epochMs;
  return article.url < other.url;
}

// Adds to `found` (once each) the `count` items of a date-sorted list nearest in time to the one at
// `index`, itself left out: two cursors walk outwards, each step taking the nearer side (the older on a tie).
function addNearest(list: readonly Article[], index: number, count: number, found: Article[]): void {
  const at = list[index]!.published.epochMs;
  let before = index - 1;
  let after = index + 1;
  for (let taken = 0; taken < count && (before >= 0 || after < list.length); taken++) {
    const older = list[before];
    const newer = list[after];
    let next: Article;
    if (older && (!newer || at - older.published.epochMs <= newer.published.epochMs - at)) {
      next = older;
      before--;
    } else {
      next = newer!;
      after++;
    }
    if (!found.includes(next)) found.push(next);
  }
}

function sharedTopics(a: readonly Topic[], b: readonly Topic[]): number {
  let shared = 0;
  for (const topic of a) if (b.includes(topic)) shared++;
  return shared;
}
