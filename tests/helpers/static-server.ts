/** A static file server for a built site on the loopback, as a plain host serves it: `/x/` → `/x/index.html`, 404 → `/404.html`. */
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves a folder on 127.0.0.1 at a free port. */
export async function serveFolder(root: string): Promise<StaticServer> {
  const server = createServer(async (req, res) => {
    let path: string;
    try {
      path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = async (p: string): Promise<string | undefined> => {
      const full = join(root, p);
      const info = await stat(full).catch(() => undefined);
      if (info?.isFile()) return full;
      if (info?.isDirectory()) {
        const index = join(full, "index.html");
        if ((await stat(index).catch(() => undefined))?.isFile()) return index;
      }
      return undefined;
    };
    const found = path.includes("\0") ? undefined : await file(path);
    const served = found ?? join(root, "404.html");
    const body = await readFile(served).catch(() => Buffer.from("Not found"));
    res.writeHead(found ? 200 : 404, {
      "content-type": TYPES[extname(served)] ?? "application/octet-stream",
      "content-length": body.length,
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
