import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { formatWidths, photoWidths, planDerivatives } from "../../src/images/derivatives.ts";
import { encodePhotos, photoCacheDir } from "../../src/images/encode-photos.ts";
import type { PhotoSource } from "../../src/images/inspect-photos.ts";
import { makePhoto, makeTruncatedJpeg } from "../helpers/photos.ts";

let dir: string;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function source(name: string, bytes: Buffer, width: number, height: number): PhotoSource {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return { src: `images/${name}`, file, digest: createHash("sha256").update(bytes).digest("hex"), width, height };
}

describe("photoWidths", () => {
  it.each([
    [4000, [480, 800, 1200, 1600]],
    [1600, [480, 800, 1200, 1600]],
    [1200, [480, 800, 1200]],
    [1000, [480, 800, 1000]],
    [480, [480]],
    [300, [300]],
  ])("a photo %i px wide is published at %j", (width, expected) => {
    expect(photoWidths(width)).toEqual(expected);
  });
});

describe("formatWidths", () => {
  it.each([
    [1200, 16_500, "avif", [480, 800, 1191]],
    [1200, 16_500, "webp", [480, 800, 1191]],
    [1200, 16_500, "jpeg", [480, 800, 1200]],
    // Narrower than the smallest width: every width is the same one, published once.
    [1000, 40_000, "avif", [409]],
    [1600, 900, "avif", [480, 800, 1200, 1600]],
  ] as const)("a photo of %i × %i px is published in %s at %j", (width, height, format, expected) => {
    expect(formatWidths(width, height, format)).toEqual(expected);
  });
});

describe("planDerivatives", () => {
  it("names the files from the photo's name and digest, and crops at most 1200 wide within the photo", () => {
    const set = planDerivatives({ src: "images/2021/12/Soldats à Bagdad.JPG", file: "/x", digest: "ab".repeat(32), width: 1000, height: 500 });
    expect(set.widths.avif.map((d) => d.url)).toEqual([
      "/images/abababababababab/soldats-a-bagdad-480.avif",
      "/images/abababababababab/soldats-a-bagdad-800.avif",
      "/images/abababababababab/soldats-a-bagdad-1000.avif",
    ]);
    expect(set.ratios.map((d) => [d.ratio, d.width, d.height])).toEqual([
      ["16x9", 888, 500],
      ["4x3", 666, 500],
      ["1x1", 500, 500],
    ]);
    expect(set.all).toHaveLength(12);
  });
});

describe("encodePhotos", () => {
  it("converts colours to sRGB: a Display P3 photo's pixels come out as the sRGB colour it shows", async () => {
    dir = mkdtempSync(join(tmpdir(), "depeche-encode-"));
    // sRGB (200, 100, 100) written as Display P3 values, tagged as such.
    const p3 = await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 200, g: 100, b: 100 } } })
      .withIccProfile("p3")
      .jpeg({ quality: 95 })
      .toBuffer();
    const stored = await sharp(p3, { ignoreIcc: true }).raw().toBuffer();
    // Read without its profile, the file holds other numbers: a copy that ignored it would be off.
    expect(Math.abs(stored[0]! - 200) + Math.abs(stored[1]! - 100)).toBeGreaterThan(6);
    const set = planDerivatives(source("p3.jpg", p3, 600, 400));
    const result = await encodePhotos([set], join(dir, "cache"));
    expect(result).toMatchObject({ encoded: 1, cached: 0 });
    const out = join(photoCacheDir(join(dir, "cache")), set.source.digest, "480.jpg");
    const pixel = await sharp(out).extract({ left: 100, top: 100, width: 1, height: 1 }).raw().toBuffer();
    expect(Math.abs(pixel[0]! - 200)).toBeLessThanOrEqual(3);
    expect(Math.abs(pixel[1]! - 100)).toBeLessThanOrEqual(3);
    expect(Math.abs(pixel[2]! - 100)).toBeLessThanOrEqual(3);
  });

  it("encodes a photo taller than AVIF and WebP hold (an infographic) narrower in those formats, every file within their limits", async () => {
    dir = mkdtempSync(join(tmpdir(), "depeche-encode-"));
    const set = planDerivatives(source("haute.jpg", await makePhoto({ width: 100, height: 16_500 }), 100, 16_500));
    expect(set.widths.avif.map((d) => [d.width, d.height])).toEqual([[99, 16_335]]);
    expect(set.widths.webp.map((d) => [d.width, d.height])).toEqual([[99, 16_335]]);
    expect(set.widths.jpeg.map((d) => [d.width, d.height])).toEqual([[100, 16_500]]);
    const result = await encodePhotos([set], join(dir, "cache"));
    expect([...result.failed]).toEqual([]);
    expect(result.encoded).toBe(1);
    for (const d of set.all) {
      const meta = await sharp(join(photoCacheDir(join(dir, "cache")), set.source.digest, d.name)).metadata();
      expect([meta.width, meta.height], d.name).toEqual([d.width, d.height]);
    }
  });

  it("encodes the photos the cache lacks, tells progress for each, and names the damaged one without losing the others", async () => {
    dir = mkdtempSync(join(tmpdir(), "depeche-encode-"));
    const good = [0, 1, 2].map(async (i) => planDerivatives(source(`${i}.jpg`, await makePhoto({ width: 700, height: 400, hue: i * 50 }), 700, 400)));
    const bad = planDerivatives(source("bad.jpg", await makeTruncatedJpeg(), 1400, 800));
    const sets = [...(await Promise.all(good)), bad];
    const progress: number[] = [];
    const cache = join(dir, "cache");
    const first = await encodePhotos(sets, cache, (done, total) => progress.push(done / total));
    expect(first.encoded).toBe(3);
    expect([...first.failed.keys()]).toEqual(["images/bad.jpg"]);
    expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
    // Only whole folders in the cache: the damaged photo left nothing behind.
    expect(readdirSync(photoCacheDir(cache)).sort()).toEqual(
      sets
        .slice(0, 3)
        .map((s) => s.source.digest)
        .sort(),
    );
    const second = await encodePhotos(sets.slice(0, 3), cache);
    expect(second).toMatchObject({ encoded: 0, cached: 3 });
  });
});
