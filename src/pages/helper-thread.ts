import { serveRequests } from "../threads/thread.ts";
import { renderBody } from "../text/markdown.ts";
import { packBodies } from "../text/body-bytes.ts";
import type { HelperReply, HelperRequest } from "./write-pages.ts";
import { buildWriter, claimForHelper } from "./write-pages.ts";

// Requests are served in the order they came: bodies to render while the main thread reads the
// content, then batches of pages.
serveRequests<HelperRequest, HelperReply>(async (request, reply) => {
  switch (request.kind) {
    case "render":
      if (!claimForHelper(request.claim)) return reply({ kind: "rendered", id: request.id });
      return reply({ kind: "rendered", id: request.id, bodies: packBodies(request.sources.map(renderBody)) });
    case "write": {
      // Progress goes back every 100 pages: one message a page would cost more than it tells.
      let pending = 0;
      await buildWriter()(request.data, request.outDir, () => {
        if (++pending === 100) {
          reply({ kind: "progress", pages: pending });
          pending = 0;
        }
      });
      return reply({ kind: "written", pages: pending });
    }
  }
});
