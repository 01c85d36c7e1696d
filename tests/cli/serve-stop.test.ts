/**
 * `depeche serve` stopped with Ctrl-C while it makes the search index of its first build: it ends
 * at once, gives its folder back, and the next preview removes the index's staging folder it left.
 * Asked for an address it cannot listen on, it stops before its first build.
 */
import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { lookup } from "node:dns/promises";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isRunning } from "../../src/files/process-running.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { endChildren, ended, startChild } from "../helpers/children.ts";
import { fr } from "../helpers/french.ts";

// Pagefind's own service, for the platform it installed.
const pagefind = createRequire(import.meta.url).resolve(`@pagefind/${process.platform}-${process.arch}/bin/pagefind_extended`);
const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
const env = { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "", CI: "" };

let archive: TestArchive;
afterEach(async () => {
  for (const pid of await endChildren()) expect(isRunning(pid)).toBe(false);
  archive?.remove();
});

// A preview of the archive; resolves with what it said once it has said `word`.
function serve(
  extraEnv: Record<string, string> = {},
  extraArgs: string[] = [],
): { child: ChildProcess; told: () => string; saying: (word: string) => Promise<void> } {
  const child = startChild(process.execPath, [bin, "serve", "--content", "content", "--port", "0", ...extraArgs], {
    cwd: archive.root,
    env: { ...env, ...extraEnv },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let told = "";
  child.stderr!.on("data", (chunk: Buffer) => (told += chunk.toString()));
  const saying = (word: string) =>
    new Promise<void>((done, fail) => {
      const check = (): void => {
        if (told.includes(word)) done();
      };
      child.stderr!.on("data", check);
      child.once("exit", () => fail(new Error(`the preview ended before saying ${word}: ${told}`)));
      check();
    });
  return { child, told: () => told, saying };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const start = Date.now(); !condition(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() - start > 20_000) throw new Error(`waited 20 s for ${what}`);
  }
}

const staging = (): string[] => readdirSync(join(archive.root, ".depeche")).filter((name) => name.startsWith(".preview.building-"));

describe("depeche serve stopped while its first search index is made", () => {
  it("ends at once with status 0, says the index was not waited for, gives its folder back; the next preview removes what it left", {
    timeout: 120_000,
  }, async () => {
    archive = makeArchive();
    for (let day = 1; day <= 3; day++) archive.article(`2021/12/0${day}-article.md`, { title: `Dépêche du ${day} décembre`, date: `2021-12-0${day}` });
    // Pagefind's service, as its Node wrapper finds it: the first one spawned is Pagefind's own,
    // which writes its part into the index's staging folder; the next says it started and never
    // answers (it ends with the preview). The index is under way until the preview is stopped.
    const fakes = join(archive.root, "held-bin");
    const started = join(fakes, "started");
    mkdirSync(fakes);
    writeFileSync(
      join(fakes, "pagefind"),
      `#!/bin/sh\nmkdir ${JSON.stringify(join(fakes, "first"))} 2>/dev/null && exec ${JSON.stringify(pagefind)} "$@"\ntouch ${JSON.stringify(started)}\nexec tail --pid=$PPID -s 0.05 -f /dev/null\n`,
      { mode: 0o755 },
    );
    const first = serve({ PAGEFIND_EXTENDED_BINARY_PATH: join(fakes, "pagefind") });
    await first.saying("http://");
    await until(() => existsSync(started) && staging().length === 1, "the index to start");

    const stopping = Date.now();
    first.child.kill("SIGINT");
    // Well before the 10 s a run lock's holder is given to end.
    expect(await Promise.race([ended(first.child), new Promise((r) => setTimeout(r, 3000, "still running"))])).toEqual([0, null]);
    expect(Date.now() - stopping).toBeLessThan(3000);
    expect(first.told()).toContain(fr`depeche serve: arrêt sans attendre l’index de recherche en cours : le prochain depeche serve le refera`);
    expect(first.told()).not.toContain("index de recherche prêt");
    expect(readdirSync(join(archive.root, ".depeche")).filter((name) => name.endsWith(".lock"))).toEqual([]);
    const left = staging();
    expect(left).toHaveLength(1);

    // The next preview takes the folder as free (no lock to take over), removes the staging folder
    // left, and makes the index.
    const next = serve();
    await next.saying("index de recherche prêt");
    await until(() => !existsSync(join(archive.root, ".depeche", left[0]!)), "the staging folder left to go");
    expect(next.told()).not.toContain("laissé par le processus");
    expect(existsSync(join(archive.root, ".depeche/preview/pagefind/pagefind.js"))).toBe(true);
    next.child.kill("SIGINT");
    expect(await ended(next.child)).toEqual([0, null]);
    expect(staging()).toEqual([]);
  });
});

describe("depeche serve asked for an address it cannot listen on", () => {
  // 192.0.2.0/24 is kept for documentation: never an address of this machine; .invalid never
  // resolves, told as unknown by a name server, or as its silence on a machine that reaches none.
  const unresolved = lookup("nope.invalid").then(
    () => "résolu",
    (error: NodeJS.ErrnoException) => (error.code === "EAI_AGAIN" ? "le serveur de noms ne répond pas" : "nom inconnu"),
  );
  it.each([
    { host: "192.0.2.1", reason: Promise.resolve("ce n’est pas une adresse de cette machine") },
    { host: "nope.invalid", reason: unresolved },
  ])(
    "--host $host: stops at once with status 2, said, before its first build (a minute at 100,000 articles)",
    { timeout: 60_000 },
    async ({ host, reason }) => {
      archive = makeArchive();
      archive.article("2021/12/09-article.md", { title: "Dépêche du 9 décembre", date: "2021-12-09" });
      const preview = serve({}, ["--host", host]);
      expect(await ended(preview.child)).toEqual([2, null]);
      // Its only line: no « aperçu reconstruit » before it, no page written.
      expect(preview.told()).toBe(
        fr`depeche serve: error: impossible d’écouter sur ${host} (${await reason}) : donnez à --host une adresse de cette machine (localhost par défaut)\n`,
      );
      expect(existsSync(join(archive.root, ".depeche/preview"))).toBe(false);
    },
  );
});
