/**
 * The largest search bundle of a corpus, planned as a clean build plans it: its key and records, for the
 * benches that index one bundle in a lone Pagefind service (bench/pagefind-service.ts,
 * bench/record-shapes.ts). Reads the corpus only.
 */
import { ArchiveStore } from "../src/content/store.ts";
import { ArticleRenderer } from "../src/plan/article-view.ts";
import { planSite } from "../src/plan/plan-site.ts";
import { planSearchIndex } from "../src/plan/search-page.ts";
import type { SearchRecord } from "../src/search/records.ts";
import { renderBody } from "../src/text/markdown.ts";
import { holdBody } from "../src/text/body-bytes.ts";

const BUILD_NOW = Date.parse("2027-01-01T00:00:00Z");

export async function largestBundle(contentDir: string): Promise<{ key: string; records: SearchRecord[] }> {
  const store = new ArchiveStore({ contentDir, nowMs: BUILD_NOW, helperThread: false });
  await store.sync();
  const content = store.result().content;
  if (!content) throw new Error(`${contentDir}: the archive has errors`);
  const renderer = new ArticleRenderer();
  for (const article of content.articles) renderer.adoptBody(article, holdBody(renderBody(article.body)));
  const data = planSite(content, { drafts: false, nowMs: BUILD_NOW }, renderer);
  const [bundle] = planSearchIndex(data.pages.search[0]?.bundles ?? [], content.articles, renderer).sort((a, b) => b.articles - a.articles);
  if (!bundle) throw new Error(`${contentDir}: no search bundle`);
  return { key: bundle.key, records: bundle.records() };
}
