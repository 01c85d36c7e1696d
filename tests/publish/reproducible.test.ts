import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeArchive } from "../helpers/archive.ts";
import { siteFiles, treeDigest } from "../helpers/site.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
const archive = makeArchive();
afterAll(() => archive.remove());

describe("two builds of the same content", () => {
  it("are byte-identical whatever the machine's timezone and locale, with the date from --now or SOURCE_DATE_EPOCH", () => {
    // Written in an order unlike the sorted one, with articles on both sides of midnight in Paris.
    for (const [i, date] of ["2021-12-31T23:30:00", "2021-12-09", "2022-01-01T00:10:00+01:00", "2021-12-31T22:45:00Z", "2021-07-14T21:30:00Z"].entries()) {
      archive.article(`${9 - i}/${String.fromCharCode(122 - i)}.md`, { title: `Dépêche « ${i} »`, date, extra: `shortLink: https://turquie2023.com/x${i}` });
    }
    const now = "2022-01-01T12:00:00Z";
    const run = (out: string, env: Record<string, string>, args: string[] = []) =>
      spawnSync(process.execPath, [bin, "build", "--no-cache", "--content", archive.dir, "--out", join(archive.root, out), ...args], {
        env: { ...process.env, ...env },
        encoding: "utf8",
      });
    expect(run("a", { TZ: "America/Los_Angeles", LANG: "C", LC_ALL: "C" }, ["--now", now]).status).toBe(0);
    expect(run("b", { TZ: "Asia/Tokyo", LANG: "fr_FR.UTF-8", LC_ALL: "fr_FR.UTF-8", SOURCE_DATE_EPOCH: String(Date.parse(now) / 1000) }).status).toBe(0);
    expect(siteFiles(join(archive.root, "a")).length).toBeGreaterThan(20);
    expect(siteFiles(join(archive.root, "b"))).toEqual(siteFiles(join(archive.root, "a")));
    expect(treeDigest(join(archive.root, "b"))).toBe(treeDigest(join(archive.root, "a")));
  }, 60_000);
});

describe("a build split into batches and threads", () => {
  it("writes exactly the site that one Eleventy run writes", () => {
    const split = makeArchive();
    try {
      for (let i = 0; i < 30; i++) {
        split.article(`2021/12/${String(1 + (i % 9)).padStart(2, "0")}-article-${i}.md`, {
          title: `Article ${i}`,
          date: `2021-12-${String(1 + (i % 9)).padStart(2, "0")}T1${i % 10}:00:00`,
          extra: `shortLink: https://turquie2023.com/b${i}`,
        });
      }
      const run = (out: string, env: Record<string, string>) =>
        spawnSync(
          process.execPath,
          [bin, "build", "--no-cache", "--content", split.dir, "--out", join(split.root, out), "--now", "2022-01-01T12:00:00Z", "--no-search"],
          {
            env: { ...process.env, ...env },
            encoding: "utf8",
          },
        );
      // One Eleventy run, against Eleventy's runs cut into batches and the direct writer (the
      // incremental builds' and the preview's): the same bytes.
      const whole = run("whole", { DEPECHE_WRITERS: "1", DEPECHE_PAGES_PER_RUN: "100000" });
      expect(whole.status, whole.stderr).toBe(0);
      // 7 pages a run: every kind is cut across batches, and batches go to both threads.
      const batched = run("batched", { DEPECHE_WRITERS: "2", DEPECHE_PAGES_PER_RUN: "7" });
      expect(batched.status, batched.stderr).toBe(0);
      const direct = run("direct", { DEPECHE_WRITERS: "2", DEPECHE_PAGES_PER_RUN: "7", DEPECHE_WRITER: "direct" });
      expect(direct.status, direct.stderr).toBe(0);
      expect(siteFiles(join(split.root, "whole")).length).toBeGreaterThan(60);
      for (const other of ["batched", "direct"]) {
        expect(siteFiles(join(split.root, other))).toEqual(siteFiles(join(split.root, "whole")));
        expect(treeDigest(join(split.root, other))).toBe(treeDigest(join(split.root, "whole")));
      }
    } finally {
      split.remove();
    }
  }, 60_000);
});
