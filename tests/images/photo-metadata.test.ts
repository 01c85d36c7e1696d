import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { exifHasGpsPosition, exifOrientation } from "../../src/images/exif.ts";
import { stripPhotoMetadata } from "../../src/images/photo-metadata.ts";
import { makePhoto } from "../helpers/photos.ts";

// What a phone writes: the position, the camera, its owner.
const PRIVATE = {
  IFD0: { Make: "Nikon", Model: "Z 9", Artist: "Nom du photographe", Copyright: "Secret" },
  IFD3: { GPSLatitudeRef: "N", GPSLatitude: "33/1 18/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "44/1 22/1 0/1" },
};

async function exifOf(bytes: Buffer): Promise<Buffer> {
  return (await sharp(bytes).metadata()).exif ?? Buffer.alloc(0);
}

describe("exifHasGpsPosition", () => {
  it("finds a latitude or a longitude, not a GPS block a camera without a fix leaves empty of them", async () => {
    expect(exifHasGpsPosition(await exifOf(await makePhoto({ width: 40, height: 30, exif: PRIVATE })))).toBe(true);
    const noFix = await makePhoto({ width: 40, height: 30, exif: { IFD0: { Make: "Nikon" }, IFD3: { GPSMapDatum: "WGS-84" } } });
    expect((await exifOf(noFix)).includes("WGS-84")).toBe(true);
    expect(exifHasGpsPosition(await exifOf(noFix))).toBe(false);
    expect(exifHasGpsPosition(await exifOf(await makePhoto({ width: 40, height: 30, exif: { IFD0: { Make: "Nikon" } } })))).toBe(false);
  });
});

describe("stripPhotoMetadata", () => {
  it.each(["jpeg", "png", "webp"] as const)("removes a %s's GPS position, camera and author, its pixels' bytes and ICC profile kept", async (format) => {
    const photo = await makePhoto({ format, width: 400, height: 300, icc: "p3", exif: PRIVATE });
    expect(exifHasGpsPosition(await exifOf(photo))).toBe(true);
    expect(photo.includes("Secret")).toBe(true);
    const { bytes, removed } = await stripPhotoMetadata(photo);
    expect(removed).toBe(true);
    for (const word of ["Secret", "Nikon", "Nom du photographe"]) expect(bytes.includes(word), word).toBe(false);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc?.equals((await sharp(photo).metadata()).icc!)).toBe(true);
    // Not encoded again: the pixels decode exactly as the original's.
    expect((await sharp(bytes, { ignoreIcc: true }).raw().toBuffer()).equals(await sharp(photo, { ignoreIcc: true }).raw().toBuffer())).toBe(true);
  });

  it.each(["jpeg", "png", "webp"] as const)("keeps a %s's orientation, alone, so it still shows upright", async (format) => {
    const photo = await makePhoto({ format, width: 400, height: 300, orientation: 6, exif: PRIVATE });
    const { bytes } = await stripPhotoMetadata(photo);
    expect(bytes.includes("Secret")).toBe(false);
    const exif = await exifOf(bytes);
    expect(exifOrientation(exif)).toBe(6);
    expect(exifHasGpsPosition(exif)).toBe(false);
    expect((await sharp(bytes).metadata()).autoOrient).toEqual({ width: 300, height: 400 });
  });

  it.each(["avif", "tiff"] as const)("encodes an %s again, losslessly and upright, without its metadata", async (format) => {
    const photo = await makePhoto({ format, width: 400, height: 300, orientation: 6, exif: PRIVATE });
    const { bytes, removed } = await stripPhotoMetadata(photo);
    expect(removed).toBe(true);
    expect(bytes.includes("Secret")).toBe(false);
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect((await sharp(bytes).raw().toBuffer()).equals(await sharp(photo).autoOrient().raw().toBuffer())).toBe(true);
  });

  it("leaves a photo without metadata as it is, and says nothing was removed", async () => {
    const photo = await makePhoto({ width: 400, height: 300 });
    const { bytes, removed } = await stripPhotoMetadata(photo);
    expect(removed).toBe(false);
    expect(bytes.equals(photo)).toBe(true);
    const once = await stripPhotoMetadata(await makePhoto({ width: 400, height: 300, orientation: 3, exif: PRIVATE }));
    const twice = await stripPhotoMetadata(once.bytes);
    expect(twice).toEqual({ bytes: once.bytes, removed: false });
  });

  it("drops what follows a JPEG's end (a phone's second image, with its own Exif)", async () => {
    const photo = await makePhoto({ width: 400, height: 300 });
    const trailer = await makePhoto({ width: 40, height: 30, exif: PRIVATE });
    const { bytes, removed } = await stripPhotoMetadata(Buffer.concat([photo, trailer]));
    expect(removed).toBe(true);
    expect(bytes.equals(photo)).toBe(true);
  });
});
