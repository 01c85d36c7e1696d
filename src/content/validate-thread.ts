import { serveRequests } from "../threads/thread.ts";
import type { ValidationReply, ValidationRequest } from "./validate-files.ts";
import { validateFiles } from "./validate-files.ts";

serveRequests<ValidationRequest, ValidationReply>(async ({ paths, registries, nowMs }, reply) => {
  const result = await validateFiles(paths, registries, nowMs, (done) => reply({ kind: "progress", done }));
  reply({ kind: "validated", result });
});
