/**
 * What the build's main thread holds, part by part: loads a corpus, renders every body and plans
 * the site as a clean build does, in this one thread, then lets go of one part at a time and
 * prints the heap in use after two full collections (docs/performance.md, "What a 100,000-article
 * build holds"). Reads the corpus only.
 *
 *   node --expose-gc --max-old-space-size=6000 --import tsx bench/heap-anatomy.ts /dev/shm/c100k
 */
import { ArchiveStore } from "../src/content/store.ts";
import type { Article } from "../src/content/model.ts";
import { ArticleRenderer } from "../src/plan/article-view.ts";
import { planSite } from "../src/plan/plan-site.ts";
import { planSearchIndex } from "../src/plan/search-page.ts";
import { renderBody } from "../src/text/markdown.ts";
import { holdBody } from "../src/text/body-bytes.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const BUILD_NOW = Date.parse("2027-01-01T00:00:00Z");

function heapMb(): number {
  gc!();
  gc!();
  return Math.round(process.memoryUsage().heapUsed / 1_048_576);
}

let last = heapMb();
function step(what: string): void {
  const now = heapMb();
  console.log(`${what.padEnd(48)} ${String(now).padStart(6)} MB  (${now - last >= 0 ? "+" : ""}${now - last})`);
  last = now;
}

const contentDir = process.argv[2];
if (!contentDir) throw new Error("usage: bench/heap-anatomy.ts CONTENT_DIR");
const store = new ArchiveStore({ contentDir, nowMs: BUILD_NOW, helperThread: false });
await store.sync();
const content = store.result().content;
if (!content) throw new Error(`${contentDir}: the archive has errors`);
step(`archive store (${content.articles.length} articles)`);
const renderer = new ArticleRenderer();
for (const article of content.articles) renderer.adoptBody(article, holdBody(renderBody(article.body)));
step("rendered bodies");
const data = planSite(content, { drafts: false, nowMs: BUILD_NOW }, renderer);
step("plan");
const bundles = planSearchIndex(data.pages.search[0]?.bundles ?? [], content.articles, renderer);
step(`search plan (${bundles.length} bundles)`);
// Let go of, in turn: the rendered bodies, the plan's lists, the renderer's items and views, the markdown.
const internals = renderer as unknown as Record<"bodies" | "views" | "items" | "summaries", Map<Article, unknown>>;
internals.bodies.clear();
step("without the rendered bodies");
for (const kind of Object.keys(data.pages)) (data.pages as unknown as Record<string, unknown[]>)[kind] = [];
step("without the plan's lists");
for (const map of [internals.views, internals.items, internals.summaries]) map.clear();
step("without the renderer's items and views");
for (const article of content.articles) (article as { body: string }).body = "";
step("without the bodies' markdown");
bundles.length = 0;
step("without the search plan");
