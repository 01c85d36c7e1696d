/** A preview takes its port and its folder before its first build, and says so when another has them. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { assertPortFree } from "../../src/serve/preview-claim.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";
import { startPreview } from "../helpers/site.ts";

let archive: TestArchive | undefined;
let listener: Server | undefined;
afterEach(() => {
  listener?.close();
  listener = undefined;
  archive?.remove();
  archive = undefined;
});

describe("a preview's port", () => {
  it("is refused while another server listens on it, with the next one to try; free again, taken", async () => {
    const server = createServer();
    listener = server;
    const port = await new Promise<number>((done) => server.listen({ port: 0 }, () => done((server.address() as { port: number }).port)));
    await expect(assertPortFree(port)).rejects.toThrow(
      fr`le port ${port} est déjà pris, peut-être par un autre aperçu : arrêtez-le (Ctrl-C dans son terminal), ou donnez un autre port, par exemple --port ${port + 1}`,
    );
    await new Promise((done) => server.close(done));
    listener = undefined;
    await expect(assertPortFree(port)).resolves.toBeUndefined();
  });

  it("is refused when another server listens on 127.0.0.1 alone, whichever loopback address the preview's host names", async () => {
    const server = createServer();
    listener = server;
    const port = await new Promise<number>((done) => server.listen({ port: 0, host: "127.0.0.1" }, () => done((server.address() as { port: number }).port)));
    // ::1 is free: a preview there would listen, and a browser's localhost reach the other server.
    for (const host of ["localhost", "::1"]) await expect(assertPortFree(port, host)).rejects.toThrow(fr`le port ${port} est déjà pris`);
  });

  it("is named, beside the address, when the address is refused: another port is a fix; port 0, any free port, leaves the address alone at fault", async () => {
    // 192.0.2.0/24 is kept for documentation: never an address of this machine.
    await expect(assertPortFree(18_791, "192.0.2.1")).rejects.toThrow(
      fr`impossible d’écouter sur 192.0.2.1, port 18791 (ce n’est pas une adresse de cette machine) : donnez à --host une adresse de cette machine (localhost par défaut), ou un autre port avec --port`,
    );
    await expect(assertPortFree(0, "192.0.2.1")).rejects.toThrow(
      fr`impossible d’écouter sur 192.0.2.1 (ce n’est pas une adresse de cette machine) : donnez à --host une adresse de cette machine (localhost par défaut)`,
    );
  });
});

describe("a preview's folder", () => {
  // As `depeche serve` wrote it: held until it is stopped.
  function heldBy(pid: number): TestArchive {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Premier titre" });
    writeFileSync(
      join(archive.root, ".preview.lock"),
      JSON.stringify({ pid, host: hostname(), command: "depeche serve", startedAt: Date.now(), untilStopped: true, token: "theirs" }),
    );
    return archive;
  }

  it("is refused while another live preview holds it, before anything is written", async () => {
    const a = heldBy(process.ppid);
    await expect(startPreview(a)).rejects.toThrow(fr`est déjà en cours d’écriture par le processus ${process.ppid} (« depeche serve », lancé à`);
    await expect(startPreview(a)).rejects.toThrow(
      fr`Un aperçu tourne jusqu’à ce qu’on l’arrête : arrêtez-le (Ctrl-C dans son terminal), ou donnez à cette commande un autre dossier avec --out`,
    );
    expect(readdirSync(a.root).sort()).toEqual([".preview.lock", "content"]);
  });

  it("is taken over from a preview that was killed, said so, and given back when the preview stops", async () => {
    // A process id above Linux's highest (2^22): never a running process's.
    const a = heldBy(4_194_305);
    const lines: string[] = [];
    const server = await startPreview(a, { onLockTakenOver: (line) => lines.push(line) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^le verrou de .*preview \(.*\.preview\.lock\) laissé par le processus 4194305 .* est repris\u00a0: ce processus ne tourne plus$/);
    expect(JSON.parse(readFileSync(join(a.root, ".preview.lock"), "utf8"))).toMatchObject({ pid: process.pid, command: "depeche serve", untilStopped: true });
    await server.close();
    expect(existsSync(join(a.root, ".preview.lock"))).toBe(false);
  });

  it("locks the cache for each full build alone: another run may use it between them, and a full build is refused while one writes it", async () => {
    archive = makeArchive();
    archive.article("2021/12/09-a.md", { title: "Premier titre" });
    const server = await startPreview(archive);
    try {
      expect(existsSync(join(archive.root, ".cache.lock"))).toBe(false);
      // A build of the same cache, running now.
      writeFileSync(
        join(archive.root, ".cache.lock"),
        JSON.stringify({ pid: process.ppid, host: hostname(), command: "depeche build", startedAt: Date.now(), token: "theirs" }),
      );
      await expect(server.session.rebuild()).rejects.toThrow(
        fr`le cache ${join(archive.root, "cache")} est déjà en cours d’écriture par le processus ${process.ppid}`,
      );
    } finally {
      await server.close();
    }
  });
});
