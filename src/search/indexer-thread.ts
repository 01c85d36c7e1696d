import { serveRequests } from "../threads/thread.ts";
import type { IndexReply, IndexRequest } from "./indexer.ts";
import { indexBundle, writeSearchRuntime } from "./indexer.ts";

// One bundle (or the runtime) per request; this thread's own Pagefind service indexes it.
serveRequests<IndexRequest, IndexReply>(async (request, reply) => {
  if (request.kind === "runtime") {
    await writeSearchRuntime(request.siteDir);
    reply({ kind: "indexed", written: { pages: 0 } });
  } else {
    reply({ kind: "indexed", written: await indexBundle(request.siteDir, request.bundle, request.writing, request.from) });
  }
});
