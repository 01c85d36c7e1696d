import { afterEach, describe, expect, it } from "vitest";
import { ThreadBudget } from "../../src/threads/budget.ts";
import { Thread } from "../../src/threads/thread.ts";
import type { EchoReply, EchoRequest } from "../helpers/echo-thread.ts";

const ECHO = new URL("../helpers/echo-thread.ts", import.meta.url);
let started: Thread<EchoRequest, EchoReply>[] = [];
afterEach(async () => {
  await Promise.all(started.map((thread) => thread.close()));
  started = [];
});

function start(wanted: number, budget: ThreadBudget): Thread<EchoRequest, EchoReply>[] {
  const threads = Thread.start<EchoRequest, EchoReply>(wanted, ECHO, { libraries: [], budget });
  started.push(...threads);
  return threads;
}

function echo(thread: Thread<EchoRequest, EchoReply>, word: string): Promise<string> {
  const reply = new Promise<string>((resolve) => thread.listen((r) => resolve(r.word)));
  thread.send({ kind: "echo", word });
  return thread.until(reply);
}

describe("a worker thread", () => {
  it("answers the requests of its module", async () => {
    const [thread] = start(1, new ThreadBudget(1));
    expect(await echo(thread!, "dépêche")).toBe("dépêche");
  });

  it("carries a thrown error back with its errno code", async () => {
    const [thread] = start(1, new ThreadBudget(1));
    thread!.send({ kind: "throw", code: "ENOSPC" });
    await expect(thread!.failed).rejects.toMatchObject({ code: "ENOSPC", message: expect.stringContaining("failed in a thread") });
  });

  it("starts only as many threads as the budget has free, and gives them back when closed", async () => {
    const budget = new ThreadBudget(2);
    expect(start(3, budget)).toHaveLength(2);
    expect(start(1, budget)).toHaveLength(0);
    const [first] = started;
    await first!.close();
    await first!.close();
    expect(budget.free).toBe(1);
  });
});
