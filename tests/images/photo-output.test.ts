import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import type { BuildPhase } from "../../src/publish/build-site.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { makePhoto, makeTruncatedJpeg } from "../helpers/photos.ts";
import { buildArchive, treeDigest, type BuiltSite } from "../helpers/site.ts";

let archive: TestArchive;
const escapeXml = (text: string): string => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
afterEach(() => archive?.remove());

const IMAGE = (src: string, caption = true): string =>
  `image:\n  src: ${src}\n  alt: "Des soldats quittent une base"\n  credit: "AA / Nom du photographe"${caption ? '\n  caption: "Bagdad, le 9 décembre 2021."' : ""}`;

// An article with a photo on the 9th, another without on the 10th.
async function archiveWithPhoto(photo: Buffer, src = "images/2021/12/irak.jpg"): Promise<TestArchive> {
  const a = makeArchive();
  a.write(src, photo);
  a.article("2021/12/09-irak.md", { title: "L’Irak annonce la fin de la mission", extra: IMAGE(src) });
  // The same day: the home shows the newest day's dispatches in full, with their thumbnails.
  a.article("2021/12/09-autre.md", { title: "Une autre dépêche", date: "2021-12-09T08:00:00" });
  return a;
}

async function build(): Promise<{ site: BuiltSite; photos?: Extract<BuildPhase, { name: "photos" }> }> {
  let photos: Extract<BuildPhase, { name: "photos" }> | undefined;
  const site = await buildArchive(archive, { onPhase: (p) => p.name === "photos" && (photos = p) });
  expect(site.result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return { site, ...(photos ? { photos } : {}) };
}

const ARTICLE = "/2021/12/09/l-irak-annonce-la-fin-de-la-mission/";
const FORMATS: Record<string, string> = { "image/avif": "heif", "image/webp": "webp", "image/jpeg": "jpeg" };

// Every file a srcset offers, with the width it claims.
function srcsetFiles(srcset: string): { url: string; width: number }[] {
  return srcset.split(", ").map((entry) => {
    const [url, descriptor] = entry.split(" ");
    return { url: url!, width: Number(descriptor!.replace("w", "")) };
  });
}

async function expectFile(site: BuiltSite, url: string, format: string, width: number, height?: number): Promise<void> {
  const meta = await sharp(join(site.out, url)).metadata();
  expect(meta.format, url).toBe(format);
  expect(meta.width, url).toBe(width);
  if (height !== undefined) expect(meta.height, url).toBe(height);
}

describe("an article's photo in the built site", () => {
  it("is a picture in a figure with caption and credit, every format it offers there at the size it claims", async () => {
    archive = await archiveWithPhoto(await makePhoto({ width: 1600, height: 900 }));
    const { site } = await build();
    const figure = site.page(ARTICLE).querySelector("article figure.photo")!;
    expect(figure.querySelector("figcaption")!.textContent).toBe("Bagdad, le 9 décembre 2021. Photo\u00a0: AA / Nom du photographe");
    const sources = [...figure.querySelectorAll("picture source")];
    expect(sources.map((s) => s.getAttribute("type"))).toEqual(["image/avif", "image/webp"]);
    const img = figure.querySelector("picture img")!;
    expect(img.getAttribute("alt")).toBe("Des soldats quittent une base");
    expect(img.getAttribute("fetchpriority")).toBe("high");
    expect(img.hasAttribute("loading")).toBe(false);
    const offered = [
      ...sources.map((s) => ({ type: s.getAttribute("type")!, srcset: s.getAttribute("srcset")! })),
      { type: "image/jpeg", srcset: img.getAttribute("srcset")! },
    ];
    for (const { type, srcset } of offered) {
      const files = srcsetFiles(srcset);
      expect(files.map((f) => f.width)).toEqual([480, 800, 1200, 1600]);
      for (const f of files) await expectFile(site, f.url, FORMATS[type]!, f.width, Math.round((f.width * 900) / 1600));
    }
    // The box is set before the file loads, at the photo's ratio, by a file that exists.
    await expectFile(site, img.getAttribute("src")!, "jpeg", Number(img.getAttribute("width")), Number(img.getAttribute("height")));
  });

  it("never enlarges a photo: its own width is the largest offered", async () => {
    archive = await archiveWithPhoto(await makePhoto({ width: 1000, height: 750 }));
    const { site } = await build();
    const img = site.page(ARTICLE).querySelector("figure img")!;
    expect(srcsetFiles(img.getAttribute("srcset")!).map((f) => f.width)).toEqual([480, 800, 1000]);
    expect([img.getAttribute("width"), img.getAttribute("height")]).toEqual(["1000", "750"]);
  });

  it("shows as a lazy thumbnail on the home, day, topic and source pages, and not on an article without one", async () => {
    archive = await archiveWithPhoto(await makePhoto());
    const { site } = await build();
    for (const url of ["/", "/2021/12/09/", "/sujets/irak/", "/sources/aa/"]) {
      const items = [...site.page(url).querySelectorAll("li.item")];
      const withPhoto = items.filter((li) => li.querySelector("picture"));
      expect(withPhoto, url).toHaveLength(1);
      const img = withPhoto[0]!.querySelector("img")!;
      expect(img.getAttribute("loading"), url).toBe("lazy");
      expect(img.hasAttribute("fetchpriority"), url).toBe(false);
      expect(img.getAttribute("alt"), url).toBe("Des soldats quittent une base");
      // One small file per format, there at the size the img claims.
      const sources = [...withPhoto[0]!.querySelectorAll("source")].map((s) => [s.getAttribute("type"), s.getAttribute("srcset")!] as const);
      expect(sources.map(([type]) => type)).toEqual(["image/avif", "image/webp"]);
      const [width, height] = [Number(img.getAttribute("width")), Number(img.getAttribute("height"))];
      expect([width, height]).toEqual([480, 270]);
      for (const [type, file] of [...sources, ["image/jpeg", img.getAttribute("src")!] as const]) await expectFile(site, file, FORMATS[type!]!, width, height);
    }
    expect(site.page("/2021/12/09/une-autre-depeche/").querySelector("figure, picture")).toBeNull();
  });

  it("gives share cards, JSON-LD and both feeds an absolute image, the crops at Google's three ratios", async () => {
    archive = await archiveWithPhoto(await makePhoto({ width: 2000, height: 1500 }));
    const { site } = await build();
    const page = site.page(ARTICLE);
    const meta = (key: string): string | null => page.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content") ?? null;
    expect(meta("twitter:card")).toBe("summary_large_image");
    const base = "https://archives.example.org";
    expect(meta("og:image")).toMatch(new RegExp(`^${base}/images/[0-9a-f]{16}/irak-16x9\\.jpg$`));
    expect([meta("og:image:width"), meta("og:image:height"), meta("og:image:alt")]).toEqual(["1200", "675", "Des soldats quittent une base"]);
    const article = [...page.querySelectorAll('script[type="application/ld+json"]')]
      .map((s) => JSON.parse(s.textContent!))
      .find((o) => o["@type"] === "NewsArticle");
    const ratios = (article.image as { url: string }[]).map((image) => image.url);
    expect(ratios).toHaveLength(3);
    const expected = [
      [1200, 675],
      [1200, 900],
      [1200, 1200],
    ];
    for (const [i, url] of ratios.entries()) {
      expect(url.startsWith(`${base}/images/`)).toBe(true);
      await expectFile(site, url.slice(base.length), "jpeg", expected[i]![0]!, expected[i]![1]!);
    }
    const jsonItem = JSON.parse(site.text("/feed.json")).items.find((i: { url: string }) => i.url === base + ARTICLE);
    expect(jsonItem.image).toMatch(/\/irak-1200\.jpg$/);
    expect(existsSync(join(site.out, jsonItem.image.slice(base.length)))).toBe(true);
    expect(site.text("/feed.xml")).toContain(`<link rel="enclosure" type="image/jpeg" href="${jsonItem.image}"/>`);
    // Its content opens with the photo as the page shows it, caption and credit included.
    const figure = parseHTML(`<div>${jsonItem.content_html}</div>`).document.querySelector("figure")!;
    expect(figure.querySelector("img")?.getAttribute("src")).toBe(jsonItem.image);
    expect(figure.querySelector("img")?.getAttribute("alt")).toBe("Des soldats quittent une base");
    expect(figure.querySelector("figcaption")?.textContent).toBe("Bagdad, le 9 décembre 2021. Photo\u00a0: AA / Nom du photographe");
    expect(site.text("/feed.xml")).toContain(escapeXml(`<figure><img src="${jsonItem.image}"`));
    // The page without a photo shares the site's image.
    const plain = site.page("/2021/12/09/une-autre-depeche/");
    expect(plain.querySelector('meta[property="og:image"]')?.getAttribute("content")).toBe(`${base}/site-image.png`);
  });

  it("strips the photo's metadata (GPS above all) and converts its colours to sRGB", async () => {
    const photo = await makePhoto({
      icc: "p3",
      orientation: 6,
      exif: { IFD0: { Make: "Nikon", Artist: "Nom du photographe" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "33/1 18/1 0/1" } },
    });
    const source = await sharp(photo).metadata();
    expect(source.exif?.includes(Buffer.from("Nikon"))).toBe(true);
    expect(source.icc).toBeDefined();
    archive = await archiveWithPhoto(photo);
    const { site } = await build();
    const folder = join(site.out, "images", readdirSync(join(site.out, "images"))[0]!);
    const files = readdirSync(folder);
    // Upright, 900 wide: three widths (480, 800, 900) in three formats, and the three crops.
    expect(files.length).toBe(12);
    for (const name of files) {
      const meta = await sharp(join(folder, name)).metadata();
      expect(meta.exif, name).toBeUndefined();
      expect(meta.xmp, name).toBeUndefined();
      expect(meta.iptc, name).toBeUndefined();
      expect(meta.icc, name).toBeUndefined();
      expect(meta.space, name).toBe("srgb");
      expect(readFileSync(join(folder, name)).includes("Nikon"), name).toBe(false);
      // Orientation 6 (turned a quarter): the 1600 × 900 photo is shown 900 wide and 1600 high.
      if (!name.includes("x")) expect(meta.height! > meta.width!, name).toBe(true);
    }
  });

  it("is encoded once: a build with the cache encodes nothing, a changed photo is encoded again", async () => {
    archive = await archiveWithPhoto(await makePhoto({ hue: 10 }));
    const first = await build();
    expect(first.photos).toMatchObject({ encoded: 1, cached: 0 });
    const digests = (): string[] => readdirSync(join(archive.root, "cache", "images", "v1")).filter((name) => /^[0-9a-f]{64}$/.test(name));
    const cached = digests();
    expect(cached).toHaveLength(1);
    // Shown last two days ago: a build that shows the same photos leaves the cache as it is.
    const twoDaysAgo = (Date.now() - 2 * 24 * 3600 * 1000) / 1000;
    const folder = join(archive.root, "cache", "images", "v1", cached[0]!);
    utimesSync(folder, twoDaysAgo, twoDaysAgo);
    const again = await build();
    expect(again.photos).toMatchObject({ encoded: 0, cached: 1 });
    expect(treeDigest(again.site.out)).toBe(treeDigest(first.site.out));
    expect(statSync(folder).mtimeMs / 1000).toBeCloseTo(twoDaysAgo, 0);
    archive.write("images/2021/12/irak.jpg", await makePhoto({ hue: 90 }));
    const changed = await build();
    expect(changed.photos).toMatchObject({ encoded: 1, cached: 0 });
    // The old photo's encodings, which no article shows any more, stay the week (the preview or a
    // build with drafts may show it, the photo may come back).
    const after = digests();
    expect(after).toHaveLength(2);
    expect(after).toContain(cached[0]);
  });

  it("replaced by a photo of other dimensions, with its article unchanged: the next build writes what a clean build writes", async () => {
    archive = await archiveWithPhoto(await makePhoto({ width: 1600, height: 900 }));
    await build();
    archive.write("images/2021/12/irak.jpg", await makePhoto({ width: 1200, height: 1000, hue: 90 }));
    const { site } = await build();
    expect(site.result.incremental).toBe(true);
    // The article's page gives the new photo's proportions.
    const img = site.page(ARTICLE).querySelector("figure img")!;
    expect(Number(img.getAttribute("height")) / Number(img.getAttribute("width"))).toBeCloseTo(1000 / 1200, 2);
    const clean = await buildArchive(archive, { outDir: join(archive.root, "clean"), cacheDir: join(archive.root, "clean-cache") });
    expect(treeDigest(site.out)).toBe(treeDigest(clean.out));
  });

  it("added with a new photo, or with one the site shows already, an article takes the fast path; every site, staged in the spare too, is what a clean build writes", async () => {
    archive = await archiveWithPhoto(await makePhoto({ hue: 10 }));
    // Each build with the cache, as CI's: how it planned, and whether it staged in the spare.
    const next = async (): Promise<Extract<BuildPhase, { name: "incremental" }> | undefined> => {
      let phase: Extract<BuildPhase, { name: "incremental" }> | undefined;
      const site = await buildArchive(archive, { cleanSpareFrom: 0, search: false, onPhase: (p) => p.name === "incremental" && (phase = p) });
      expect(site.result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const clean = await buildArchive(archive, { outDir: join(archive.root, "clean"), cacheDir: join(archive.root, "clean-cache"), search: false });
      expect(treeDigest(site.out)).toBe(treeDigest(clean.out));
      rmSync(clean.out, { recursive: true });
      return phase;
    };
    expect(await next()).toBeUndefined();
    archive.write("images/2021/12/mossoul.jpg", await makePhoto({ hue: 200, width: 1200, height: 1200 }));
    archive.article("2021/12/09-mossoul.md", { title: "Mossoul se relève", date: "2021-12-09T11:00:00", extra: IMAGE("images/2021/12/mossoul.jpg") });
    expect(await next()).toMatchObject({ planned: "added", spare: true });
    // An edit: the photos as they were, staged in the site before the last, which must catch up with the photo added.
    archive.article("2021/12/09-autre.md", { title: "Une autre dépêche", date: "2021-12-09T08:00:00", body: "Texte revu." });
    expect(await next()).toMatchObject({ planned: "text", spare: true });
    // Two added at once: one with a photo the site shows already, one with a new one.
    archive.article("2021/12/09-bagdad.md", { title: "Bagdad encore", date: "2021-12-09T12:00:00", extra: IMAGE("images/2021/12/irak.jpg", false) });
    archive.write("images/2021/12/kirkouk.jpg", await makePhoto({ hue: 60 }));
    archive.article("2021/12/09-kirkouk.md", { title: "Kirkouk vote", date: "2021-12-09T12:30:00", extra: IMAGE("images/2021/12/kirkouk.jpg") });
    expect(await next()).toMatchObject({ planned: "added", spare: true });
    archive.article("2021/12/09-autre.md", { title: "Une autre dépêche", date: "2021-12-09T08:00:00", body: "Texte revu encore." });
    expect(await next()).toMatchObject({ planned: "text", spare: true });
    // A photo file replaced: the pages that show it planned as for an edit of their text, its
    // former files gone from the site.
    archive.write("images/2021/12/mossoul.jpg", await makePhoto({ hue: 250 }));
    expect(await next()).toMatchObject({ planned: "text", spare: true });
    archive.article("2021/12/09-autre.md", { title: "Une autre dépêche", date: "2021-12-09T08:00:00", body: "Texte revu une fois de plus." });
    expect(await next()).toMatchObject({ planned: "text", spare: true });
    // An article added with a new photo while a photo two articles show is replaced.
    archive.write("images/2021/12/irak.jpg", await makePhoto({ hue: 300 }));
    archive.write("images/2021/12/erbil.jpg", await makePhoto({ hue: 120 }));
    archive.article("2021/12/09-erbil.md", { title: "Erbil attend", date: "2021-12-09T13:00:00", extra: IMAGE("images/2021/12/erbil.jpg") });
    expect(await next()).toMatchObject({ planned: "added", spare: true });
    // The same bytes under another name share a folder: replacing one leaves the other's files.
    archive.write("images/2021/12/kirkouk-copie.jpg", readFileSync(join(archive.dir, "images/2021/12/kirkouk.jpg")));
    archive.article("2021/12/09-kirkouk-2.md", { title: "Kirkouk encore", date: "2021-12-09T14:00:00", extra: IMAGE("images/2021/12/kirkouk-copie.jpg") });
    expect(await next()).toMatchObject({ planned: "added", spare: true });
    archive.write("images/2021/12/kirkouk.jpg", await makePhoto({ hue: 330 }));
    expect(await next()).toMatchObject({ planned: "text", spare: true });
    // A photo shown no more: the whole site planned, every photo linked again.
    archive.article("2021/12/09-erbil.md", { title: "Erbil attend", date: "2021-12-09T13:00:00" });
    expect(await next()).toMatchObject({ planned: "all", spare: true });
  });

  it("keeps in the cache the photos a successful build shows, those shown within the week, and what a running build writes", async () => {
    archive = await archiveWithPhoto(await makePhoto({ hue: 10 }));
    archive.write("images/2021/12/autre.jpg", await makePhoto({ hue: 200 }));
    archive.article("2021/12/09-autre.md", { title: "Une autre dépêche", date: "2021-12-09T08:00:00", extra: IMAGE("images/2021/12/autre.jpg") });
    const root = join(archive.root, "cache", "images", "v1");
    const digests = (): string[] =>
      readdirSync(root)
        .filter((name) => /^[0-9a-f]{64}$/.test(name))
        .sort();
    expect((await build()).photos).toMatchObject({ encoded: 2, cached: 0 });
    const [one, two] = digests();
    expect(two).toBeDefined();
    // What a killed build left (a folder half written, one half removed) goes; a running build's own stays.
    const dead = 2 ** 22 + 12345; // above Linux's largest pid
    mkdirSync(join(root, `.${one}.${dead}-abc123`));
    mkdirSync(join(root, `.${two}.${dead}-gone`));
    mkdirSync(join(root, `.${one}.${process.pid}-def456`));
    // One photo's bytes replaced, the other removed with its article's reference.
    archive.write("images/2021/12/irak.jpg", await makePhoto({ hue: 90 }));
    archive.article("2021/12/09-autre.md", { title: "Une autre dépêche", date: "2021-12-09T08:00:00" });
    rmSync(join(archive.dir, "images/2021/12/autre.jpg"));
    // Last shown more than a week ago, `one`; `two` within the week, as the preview shows a draft's photo.
    const daysAgo = (days: number): number => (Date.now() - days * 24 * 3600 * 1000) / 1000;
    utimesSync(join(root, one!), daysAgo(8), daysAgo(8));
    utimesSync(join(root, two!), daysAgo(6), daysAgo(6));
    const second = await build();
    expect(second.photos).toMatchObject({ encoded: 1, cached: 0 });
    const kept = digests().filter((digest) => digest !== two);
    expect(kept).toHaveLength(1);
    expect(kept).not.toContain(one);
    expect(digests()).toContain(two);
    // The photo shown is marked as shown now.
    expect(Date.now() - statSync(join(root, kept[0]!)).mtimeMs).toBeLessThan(60_000);
    expect(
      readdirSync(root)
        .filter((name) => name.startsWith("."))
        .sort(),
    ).toEqual([`.${one}.${process.pid}-def456`]);
    // The site still shows its photo, and a build with errors removes nothing.
    expect(second.site.page("/2021/12/09/l-irak-annonce-la-fin-de-la-mission/").querySelector("picture")).not.toBeNull();
    archive.article("2021/12/10-faux.md", { title: "Faux", topics: "Inconnu" });
    archive.write("images/2021/12/irak.jpg", await makePhoto({ hue: 150 }));
    utimesSync(join(root, two!), daysAgo(8), daysAgo(8));
    expect((await buildArchive(archive)).result.ok).toBe(false);
    expect(digests()).toEqual([...kept, two].sort());
  });

  it("reads an unchanged photo file only once: its size, times and inode say it is the one already checked", async () => {
    archive = await archiveWithPhoto(await makePhoto({ hue: 10 }));
    const file = join(archive.dir, "images/2021/12/irak.jpg");
    // A time in whole seconds, which utimes sets back exactly.
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect((await build()).photos).toMatchObject({ encoded: 1, cached: 0 });
    expect((await build()).photos).toMatchObject({ encoded: 0, cached: 1, read: 0 });
    // Other bytes of the same length, its modification time set back (as `cp -p` leaves it), the
    // same inode: its change time moved on, it is read again, and this time it is no image.
    const { ino, size } = statSync(file);
    writeFileSync(file, Buffer.alloc(size, 0x20));
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(statSync(file)).toMatchObject({ ino, size, mtimeMs: 1_700_000_000_000 });
    const failed = await buildArchive(archive);
    expect(failed.result.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining("est endommagée ou n’est pas une image")]);
  });

  it("publishes no photo of a draft, nor of an embargoed article before its date; the build of that date does, as a clean build would", async () => {
    archive = await archiveWithPhoto(await makePhoto());
    archive.write("images/2021/12/brouillon.jpg", await makePhoto());
    archive.write("images/2026/02/embargo.jpg", await makePhoto());
    archive.article("2021/12/10-brouillon.md", { title: "Un brouillon", date: "2021-12-10", extra: `draft: true\n${IMAGE("images/2021/12/brouillon.jpg")}` });
    archive.article("2026/02/01-embargo.md", { title: "Sous embargo", date: "2026-02-01T08:00:00", extra: IMAGE("images/2026/02/embargo.jpg") });
    const photoNames = (site: BuiltSite): string[] =>
      [...new Set(readdirSync(join(site.out, "images"), { recursive: true, encoding: "utf8" }).flatMap((f) => /([a-z]+)-\d+\.jpg$/.exec(f)?.[1] ?? []))].sort();
    const { site } = await build();
    expect(photoNames(site)).toEqual(["irak"]);
    // The embargo lifts: the same cache and site, a later date.
    const lifted = await buildArchive(archive, { nowMs: Date.parse("2026-02-01T09:00:00Z") });
    expect(photoNames(lifted)).toEqual(["embargo", "irak"]);
    const clean = await buildArchive(archive, {
      nowMs: Date.parse("2026-02-01T09:00:00Z"),
      outDir: join(archive.root, "clean"),
      cacheDir: join(archive.root, "clean-cache"),
    });
    expect(treeDigest(lifted.out)).toBe(treeDigest(clean.out));
  });

  it("keeps the previous site when a photo goes missing, turns out damaged or too large", async () => {
    archive = await archiveWithPhoto(await makePhoto());
    const { site } = await build();
    const before = treeDigest(site.out);
    const article = "articles/2021/12/09-irak.md";
    const attempts: [string, () => Promise<void>, string][] = [
      ["damaged", async () => void archive.write("images/2021/12/irak.jpg", await makeTruncatedJpeg()), "n’a pas pu être convertie"],
      [
        "missing",
        async () => void archive.article("2021/12/09-irak.md", { title: "L’Irak annonce la fin de la mission", extra: IMAGE("images/x.jpg") }),
        "introuvable",
      ],
      [
        "too large",
        async () => {
          archive.article("2021/12/09-irak.md", { title: "L’Irak annonce la fin de la mission", extra: IMAGE("images/2021/12/irak.jpg") });
          writeFileSync(join(archive.dir, "images/2021/12/irak.jpg"), Buffer.alloc(21 * 1024 * 1024));
        },
        "pèse",
      ],
    ];
    for (const [what, breakIt, message] of attempts) {
      await breakIt();
      const failed = await buildArchive(archive);
      expect(failed.result.ok, what).toBe(false);
      const errors = failed.result.diagnostics.filter((d) => d.severity === "error");
      expect(errors, what).toHaveLength(1);
      expect(errors[0], what).toMatchObject({ file: archive.display(article), line: 7, column: 8 });
      expect(errors[0]!.message, what).toContain(message);
      expect(treeDigest(site.out), what).toBe(before);
    }
  });
});

describe("an image of an article's body in the built site", () => {
  // What a body may show (the archive's photos go through the image field, other hosts are
  // refused): a file of the site's own host, written from the root or whole, and one in the page.
  const BODY = [
    "Le texte de la dépêche.",
    // Its description's entities, escapes and code spans are its alt text's too, decoded, then escaped.
    '![" onerror="alert(1)" data-x="<b>&lt;i&gt;&amp; \\* `code`](/icon-192.png)',
    '![Le visuel du site](https://archives.example.org/site-image.png "Le visuel")',
    "![Un point](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==)",
  ].join("\n\n");

  it("is fetched as it nears the screen and decoded aside, the first too; its alt text shown as written; the lead photo still first", async () => {
    archive = makeArchive();
    archive.write("images/2021/12/irak.jpg", await makePhoto({ width: 1600, height: 900 }));
    archive.article("2021/12/09-irak.md", { title: "L’Irak annonce la fin de la mission", extra: IMAGE("images/2021/12/irak.jpg"), body: BODY });
    // Without a lead photo the body's first image is the page's first: lazy all the same.
    archive.article("2021/12/10-sans-photo.md", { title: "Une dépêche sans photo", date: "2021-12-10", body: BODY });
    const { site } = await build();
    for (const url of [ARTICLE, "/2021/12/10/une-depeche-sans-photo/"]) {
      const images = [...site.page(url).querySelectorAll(".body img")];
      expect(
        images.map((img) => [img.getAttribute("src"), img.getAttribute("alt"), img.getAttribute("loading"), img.getAttribute("decoding")]),
        url,
      ).toEqual([
        ["/icon-192.png", '" onerror="alert(1)" data-x="<b><i>& * code', "lazy", "async"],
        ["https://archives.example.org/site-image.png", "Le visuel du site", "lazy", "async"],
        [expect.stringMatching(/^data:image\/png;base64,/), "Un point", "lazy", "async"],
      ]);
      // The editor's text stays the alt text: no attribute of its own, no element.
      expect(
        images.map((img) => img.getAttributeNames().sort()),
        url,
      ).toEqual([
        ["alt", "decoding", "loading", "src"],
        ["alt", "decoding", "loading", "src", "title"],
        ["alt", "decoding", "loading", "src"],
      ]);
      expect(site.page(url).querySelectorAll(".body b, .body i"), url).toHaveLength(0);
    }
    const lead = site.page(ARTICLE).querySelector("article figure.photo img")!;
    expect([lead.getAttribute("fetchpriority"), lead.getAttribute("loading")]).toEqual(["high", null]);
  });
});
