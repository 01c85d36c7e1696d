/** A preview takes its port and its folder before its first build, and says so when another has them. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { assertPortFree, claimPreviewFolder } from "../../src/serve/preview-claim.ts";
import { fr } from "../helpers/french.ts";

let root: string;
let listener: Server | undefined;
afterEach(() => {
  listener?.close();
  listener = undefined;
  if (root) rmSync(root, { recursive: true, force: true });
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
});

describe("a preview's folder", () => {
  it("is refused while another live preview holds it, taken over from one that was killed, and given back", () => {
    root = mkdtempSync(join(tmpdir(), "depeche-claim-"));
    const out = join(root, "preview");
    const mark = `${out}.pid`;
    // A live process that is not this one: the test runner's parent.
    writeFileSync(mark, `${process.ppid}\n`);
    expect(() => claimPreviewFolder(out)).toThrow(fr`un autre aperçu (processus ${process.ppid}) écrit déjà dans`);
    expect(readFileSync(mark, "utf8")).toBe(`${process.ppid}\n`);
    // A process that has ended.
    const ended = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(mark, `${ended.stdout}\n`);
    const claim = claimPreviewFolder(out);
    expect(readFileSync(mark, "utf8")).toBe(`${process.pid}\n`);
    claim.release();
    expect(existsSync(mark)).toBe(false);
  });
});
