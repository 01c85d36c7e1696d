import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type FolderWatch, watchFolderTree } from "../../src/serve/folder-watch.ts";

let root: string;
let watch: FolderWatch | undefined;
afterEach(() => {
  watch?.close();
  rmSync(root, { recursive: true, force: true });
});

function watching(dir: string): { seen: string[]; until(path: string): Promise<void> } {
  const seen: string[] = [];
  watch = watchFolderTree(
    dir,
    (path) => seen.push(path),
    (_folder, error) => {
      throw error;
    },
  );
  return {
    seen,
    until: async (path) => {
      const deadline = Date.now() + 5000;
      while (!seen.includes(path) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(seen).toContain(path);
    },
  };
}

describe("the watch on the content folder", () => {
  it("forgets a folder moved out: what is written in it there is not taken for the content's", async () => {
    root = mkdtempSync(join(tmpdir(), "depeche-watch-"));
    const content = join(root, "content");
    mkdirSync(join(content, "articles/2023/05"), { recursive: true });
    mkdirSync(join(root, "outside"));
    const { seen, until } = watching(content);
    renameSync(join(content, "articles/2023"), join(root, "outside/2023"));
    await until(join(content, "articles/2023"));
    writeFileSync(join(root, "outside/2023/05/20-mai.md"), "---\n");
    // Told after the write outside, on the same queue of events: once it is seen, so would the write be.
    writeFileSync(join(content, "site.yaml"), "title: x\n");
    await until(join(content, "site.yaml"));
    expect(seen).not.toContain(join(content, "articles/2023/05/20-mai.md"));
  });

  it("tells of a content folder it cannot watch, rather than stopping the preview", () => {
    root = mkdtempSync(join(tmpdir(), "depeche-watch-"));
    const failures: [string, string | undefined][] = [];
    watch = watchFolderTree(
      join(root, "absent"),
      () => {},
      (folder, error) => failures.push([folder, (error as NodeJS.ErrnoException).code]),
    );
    expect(failures).toEqual([[join(root, "absent"), "ENOENT"]]);
  });
});
