// A thread for tests/threads: echoes a word back, or throws an error with the errno code asked for.
import { serveRequests } from "../../src/threads/thread.ts";

export type EchoRequest = { kind: "echo"; word: string } | { kind: "throw"; code: string };
export type EchoReply = { kind: "echoed"; word: string };

serveRequests<EchoRequest, EchoReply>((request, reply) => {
  if (request.kind === "throw") throw Object.assign(new Error(`${request.code}: failed in a thread`), { code: request.code });
  reply({ kind: "echoed", word: request.word });
});
