import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { treeDigest } from "../helpers/site.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
const NOW = "2026-01-15T12:00:00Z";
const archives: TestArchive[] = [];
afterAll(() => {
  for (const a of archives) a.remove();
});

/** A digest of every page of a site: the file list and the bytes of each HTML file. */
const siteDigest = (dir: string): string => treeDigest(dir, (path) => path.endsWith(".html"));

function build(content: string, out: string, killAfterMs?: number, signal: NodeJS.Signals = "SIGKILL"): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, "build", "--no-cache", "--content", content, "--out", out, "--now", NOW], { stdio: "ignore" });
    if (killAfterMs !== undefined) setTimeout(() => child.kill(signal), killAfterMs);
    child.on("exit", (code) => done(code));
  });
}

function makeVersion(titleSuffix: string): TestArchive {
  const a = makeArchive();
  archives.push(a);
  for (let i = 0; i < 20; i++) {
    a.article(`2021/${i}.md`, {
      title: `Dépêche ${i}`,
      date: `2021-12-${String(1 + (i % 28)).padStart(2, "0")}T10:${String(i).padStart(2, "0")}:00`,
      body: `Texte de la dépêche ${i} ${titleSuffix}.`,
    });
  }
  return a;
}

describe("a build stopped at any moment", () => {
  it("leaves the previous site whole, or the new one whole, never a mix or nothing", async () => {
    const before = makeVersion("avant");
    const after = makeVersion("après");
    const out = join(before.root, "_site");
    const reference = join(after.root, "_reference");
    expect(await build(before.dir, out)).toBe(0);
    const started = performance.now();
    expect(await build(after.dir, reference)).toBe(0);
    const duration = performance.now() - started;
    const oldDigest = siteDigest(out);
    const newDigest = siteDigest(reference);
    expect(newDigest).not.toBe(oldDigest);

    // Kill points spread over the whole build (start-up, loading, writing, indexing, the swap) and past its end.
    const delays = [0.05, 0.3, 0.55, 0.75, 0.9, 0.98, 1.05, 1.5].map((f) => Math.round(f * duration));
    const outcomes: string[] = [];
    for (const [i, delay] of delays.entries()) {
      // Start each round from the old site, so a kill that came too late is seen too.
      if (siteDigest(out) !== oldDigest) expect(await build(before.dir, out)).toBe(0);
      await build(after.dir, out, delay, i % 3 === 2 ? "SIGINT" : "SIGKILL");
      // The next build (or a reader) finds a site: the old one or the new one, whole.
      expect(existsSync(join(out, "index.html")) || readdirSync(before.root).some((n) => n.includes(".old-")), `after a kill at ${delay} ms`).toBe(true);
      if (!existsSync(out)) expect(await build(before.dir, out)).toBe(0); // restores the old site, then rebuilds it
      const digest = siteDigest(out);
      expect([oldDigest, newDigest], `after a kill at ${delay} ms`).toContain(digest);
      outcomes.push(digest === oldDigest ? "old" : "new");
    }
    // The sample must have caught builds both before and after they finished.
    expect(outcomes).toContain("old");
    expect(outcomes).toContain("new");
  }, 120_000);
});
