import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { buildArchive } from "../helpers/site.ts";
import { fr } from "../helpers/french.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");

// The build runs at 00:00 in Paris on 10 December 2021 (23:00 UTC the day before): west of
// Greenwich it is still the 9th, east of Paris already later on the 10th.
const NOW = "2021-12-09T23:00:00Z";
const PUBLISHED = "/2021/12/09/deja-paru/";
const ON_THE_HOUR = "/2021/12/10/a-minuit/";
const EMBARGOED = "/2021/12/10/sous-embargo/";

let archive: TestArchive;
beforeAll(() => {
  archive = makeArchive();
  archive.article("2021/12/09-deja-paru.md", { title: "Déjà paru", date: "2021-12-09T10:00:00", topics: "[Irak]" });
  // A bare date is 00:00 in Paris: exactly the build's date, so it is out.
  archive.article("2021/12/10-a-minuit.md", { title: "À minuit", date: "2021-12-10", topics: "[Irak]" });
  // Thirty minutes after the build, in Paris: held back whatever the machine's clock says.
  archive.article("2021/12/10-sous-embargo.md", { title: "Sous embargo", date: "2021-12-10T00:30:00", topics: "[Économie]", sources: "[TRT FR]" });
});
afterAll(() => archive.remove());

function build(out: string, tz: string) {
  return spawnSync(process.execPath, [bin, "build", "--no-cache", "--content", archive.dir, "--out", join(archive.root, out), "--now", NOW, "--no-search"], {
    env: { ...process.env, TZ: tz, NO_COLOR: "1" },
    encoding: "utf8",
  });
}

describe.each([
  ["west of Greenwich", "America/Los_Angeles"],
  ["east of Paris", "Asia/Tokyo"],
])("an article dated after the build's date, with the machine %s", (_, tz) => {
  const out = `site-${tz.replace("/", "-")}`;
  let run: ReturnType<typeof build>;
  const text = (url: string): string => readFileSync(join(archive.root, out, url.endsWith("/") ? `${url}index.html` : url), "utf8");
  beforeAll(() => {
    run = build(out, tz);
  });

  it("is held back from every page, feed and sitemap, while articles dated up to the build's instant are out", () => {
    expect(run.status).toBe(0);
    expect(existsSync(join(archive.root, out, PUBLISHED, "index.html"))).toBe(true);
    expect(existsSync(join(archive.root, out, ON_THE_HOUR, "index.html"))).toBe(true);
    expect(existsSync(join(archive.root, out, EMBARGOED, "index.html"))).toBe(false);
    for (const url of [
      "/",
      "/2021/12/10/",
      "/2021/12/",
      "/sujets/economie/",
      "/sources/trt-fr/",
      "/feed.xml",
      "/feed.json",
      "/sitemap.xml",
      "/sitemap-news.xml",
      "/sujets/economie/feed.xml",
    ]) {
      expect(text(url), url).not.toContain("sous-embargo");
    }
    expect(text("/sitemap-news.xml")).toContain("a-minuit");
    // No machine-readable date is later than the build.
    for (const url of ["/sitemap.xml", "/feed.xml", "/feed.json"]) {
      const dates = [...text(url).matchAll(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)/g)].map((m) => Date.parse(m[0]));
      expect(dates.length, url).toBeGreaterThan(0);
      expect(Math.max(...dates), url).toBeLessThanOrEqual(Date.parse(NOW));
    }
    expect(text("/feed.json")).toContain("a-minuit");
  });

  it("is named in a warning that says, on Paris's clock, when it will appear and how to publish it now", () => {
    expect(run.stderr).toContain(
      fr`${archive.display("articles/2021/12/10-sous-embargo.md")}:3:7: warning: daté dans le futur (2021-12-10T00:30:00+01:00) : l’article est retenu (pages, flux, plans du site, recherche) jusqu’au vendredi 10\u00a0décembre 2021 à 0\u00a0h\u00a030, et paraît à la première publication qui suit ; pour le publier maintenant, donnez-lui une date passée`,
    );
    expect(run.stderr).not.toContain("a-minuit.md");
  });
});

describe("an update dated after the build", () => {
  it("is named in a warning, the article being published", async () => {
    const ahead = makeArchive();
    try {
      ahead.article("2021/12/09-a.md", { title: "Corrigé demain", date: "2021-12-09T10:00:00", extra: "updated: 2021-12-10T09:00:00" });
      const built = await buildArchive(ahead, { nowMs: Date.parse(NOW), search: false });
      expect(built.result.ok).toBe(true);
      expect(built.has("/2021/12/09/corrige-demain/")).toBe(true);
      expect(built.result.diagnostics.map((d) => `${d.line}:${d.column}: ${d.severity}: ${d.message}`)).toEqual([
        fr`6:10: warning: mis à jour dans le futur (2021-12-10T09:00:00+01:00, vendredi 10\u00a0décembre 2021 à 9\u00a0h\u00a000) : les flux et le plan du site annonceraient une modification à venir ; donnez l’heure de la dernière modification faite`,
      ]);
    } finally {
      ahead.remove();
    }
  });
});

describe("an article dated past the horizon", () => {
  it("is an error (a typo, not an embargo); check dates by SOURCE_DATE_EPOCH as build does", () => {
    const far = makeArchive();
    try {
      far.article("2062/12/10-coquille.md", { title: "Coquille", date: "2062-12-10" });
      far.article("2021/12/20-sommet.md", { title: "Sommet", date: "2021-12-20T09:00:00" });
      const run = spawnSync(process.execPath, [bin, "check", "--content", far.dir], {
        env: { ...process.env, TZ: "Asia/Tokyo", NO_COLOR: "1", SOURCE_DATE_EPOCH: String(Date.parse(NOW) / 1000) },
        encoding: "utf8",
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(":3:7: error: daté à plus de 31 jours dans le futur (2062-12-10T00:00:00+01:00, dimanche 10\u00a0décembre 2062)");
      // Eleven days ahead of SOURCE_DATE_EPOCH (and years behind the clock): an embargo.
      expect(run.stderr).toContain(`${far.display("articles/2021/12/20-sommet.md")}:3:7: warning: daté dans le futur (2021-12-20T09:00:00+01:00)`);
    } finally {
      far.remove();
    }
  });
});

describe("a deploy from main", () => {
  it("never records the URL of an article it held back", async () => {
    const built = await buildArchive(archive, { recordUrls: true, nowMs: Date.parse(NOW), search: false });
    expect(built.result.ok).toBe(true);
    const recorded = readFileSync(join(archive.dir, "urls.txt"), "utf8");
    expect(recorded).toContain(PUBLISHED);
    expect(recorded).not.toContain(EMBARGOED);
  });
});
