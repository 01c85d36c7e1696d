import { bundleDigest, PAGEFIND_VERSION, pagePrefix, pagesDigest, type PlannedBundle, type SearchRecord } from "../../src/search/records.ts";

/** The prefix of a bundle's page ids as the build plans it (src/plan/search-page.ts): of its key and its records' URLs, in order. */
function recordsPrefix(key: string, records: readonly SearchRecord[]): string {
  return pagePrefix(key, pagesDigest(records.map((record) => record.url)));
}

/** A bundle of these records, in this order, as the build plans one: its digest and its pages' prefix. */
export function plannedBundle(key: string, records: SearchRecord[]): PlannedBundle {
  return { key, articles: records.length, records: () => records, digest: bundleDigest(records, PAGEFIND_VERSION), prefix: recordsPrefix(key, records) };
}
