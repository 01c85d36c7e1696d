import { serveRequests } from "../threads/thread.ts";
import type { IndexReply, IndexRequest } from "./indexer.ts";
import { indexBundle } from "./indexer.ts";

// One bundle per request; this thread's own Pagefind service indexes it.
serveRequests<IndexRequest, IndexReply>(async ({ siteDir, bundle, writing }, reply) =>
  reply({ kind: "indexed", pages: await indexBundle(siteDir, bundle, writing) }),
);
