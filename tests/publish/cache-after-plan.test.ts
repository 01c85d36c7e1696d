import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BuildCache } from "../../src/publish/build-cache.ts";
import { buildSite, type BuildOptions, type BuildPhase } from "../../src/publish/build-site.ts";
import { collectGarbage } from "../../src/threads/collect-garbage.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { FIXED_NOW } from "../helpers/site.ts";

// Each plan a build makes, weakly: whether it is still reachable when the cache is written.
const plans = vi.hoisted(() => [] as WeakRef<object>[]);
vi.mock("../../src/plan/plan-site.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/plan/plan-site.ts")>();
  return {
    ...original,
    planSite: (...args: Parameters<typeof original.planSite>) => {
      const data = original.planSite(...args);
      plans.push(new WeakRef(data.pages));
      return data;
    },
  };
});

let archive: TestArchive;
const write = BuildCache.prototype.write;
afterEach(() => {
  BuildCache.prototype.write = write;
  plans.length = 0;
  archive?.remove();
});

/**
 * Records, each time a whole cache is written, whether the build's plan was still reachable; and
 * keeps the state written, weakly (a spy would hold it through its calls).
 */
function watchCacheWrites(): { planHeld: boolean[]; states: WeakRef<object>[] } {
  const watched = { planHeld: [] as boolean[], states: [] as WeakRef<object>[] };
  BuildCache.prototype.write = function (this: BuildCache, ...args: Parameters<BuildCache["write"]>): void {
    collectGarbage();
    watched.planHeld.push(plans.at(-1)?.deref() !== undefined);
    watched.states.push(new WeakRef(args[1]));
    write.apply(this, args);
  };
  return watched;
}

const withCache = (): BuildOptions => ({
  contentDir: archive.dir,
  outDir: join(archive.root, "site"),
  cacheDir: join(archive.root, "cache"),
  drafts: false,
  nowMs: FIXED_NOW,
  search: true,
});

describe("a large clean build with search and the cache", () => {
  it("writes its cache once it has let go of its plan, and the next build starts from it", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Première dépêche", date: "2021-12-09T10:00:00" });
    archive.article("b.md", { title: "Deuxième dépêche", date: "2021-12-10T10:00:00", topics: "[economie]" });
    const options = { ...withCache(), indexAfterFrom: 0 };
    const watched = watchCacheWrites();
    // While it indexes, the state it wrote is let go too.
    let stateHeld: boolean | undefined;
    const onPhase = (phase: BuildPhase): void => {
      if (phase.name !== "indexed") return;
      collectGarbage();
      stateHeld = watched.states.at(-1)?.deref() !== undefined;
    };
    expect(await buildSite({ ...options, onPhase })).toMatchObject({ ok: true, incremental: false });
    expect(plans).toHaveLength(1);
    expect(watched.planHeld).toEqual([false]);
    expect(stateHeld).toBe(false);
    archive.article("b.md", { title: "Deuxième dépêche", date: "2021-12-10T10:00:00", topics: "[economie]", body: "Un autre corps." });
    expect(await buildSite(options)).toMatchObject({ ok: true, incremental: true });
  });

  it("publishes its site when its cache cannot be written, and the next build is a clean one", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Première dépêche", date: "2021-12-09T10:00:00" });
    const options = { ...withCache(), indexAfterFrom: 0 };
    BuildCache.prototype.write = () => {
      throw new Error("ENOSPC: no space left on device");
    };
    expect(await buildSite(options)).toMatchObject({ ok: true, incremental: false });
    expect(existsSync(join(options.outDir, "index.html"))).toBe(true);
    BuildCache.prototype.write = write;
    expect(await buildSite(options)).toMatchObject({ ok: true, incremental: false });
  });

  it("below the threshold, where the process is small, writes it with its plan still held: what the test above tells apart", async () => {
    archive = makeArchive();
    archive.article("a.md", { title: "Première dépêche", date: "2021-12-09T10:00:00" });
    const watched = watchCacheWrites();
    expect(await buildSite(withCache())).toMatchObject({ ok: true, incremental: false });
    expect(watched.planHeld).toEqual([true]);
  });
});
