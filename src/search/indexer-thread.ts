import { serveRequests } from "../threads/thread.ts";
import type { IndexReply, IndexRequest } from "./indexer.ts";
import { bundleFolder, indexBundle, linkTree, writeSearchRuntime } from "./indexer.ts";

// One bundle (or the runtime) per request; this thread's own Pagefind service indexes it.
serveRequests<IndexRequest, IndexReply>(async (request, reply) => {
  if (request.kind === "runtime") {
    await writeSearchRuntime(request.siteDir);
    reply({ kind: "indexed", written: { pages: 0 } });
  } else {
    if (request.copyFrom) linkTree(request.copyFrom, bundleFolder(request.siteDir, request.bundle.key));
    reply({ kind: "indexed", written: await indexBundle(request.siteDir, request.bundle, request.writing) });
  }
});
