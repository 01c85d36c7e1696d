import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { exifHasGpsPosition, exifOrientation, tiffHoldsMetadata } from "../../src/images/exif.ts";
import { stripPhotoMetadata } from "../../src/images/photo-metadata.ts";
import { makePhoto, tiffWithTags } from "../helpers/photos.ts";

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
    // libvips writes no camera tags into a TIFF: they are added as a camera or Photoshop writes them.
    const made = await makePhoto({ format, width: 400, height: 300, orientation: 6, exif: PRIVATE });
    const photo = format === "tiff" ? tiffWithTags(made, { 271: "Nikon", 315: "Nom du photographe", 33432: "Secret" }, { gps: true }) : made;
    expect(photo.includes("Secret")).toBe(true);
    const { bytes, removed } = await stripPhotoMetadata(photo);
    expect(removed).toBe(true);
    for (const word of ["Secret", "Nikon", "Nom du photographe"]) expect(bytes.includes(word), word).toBe(false);
    expect(exifHasGpsPosition(format === "tiff" ? bytes : await exifOf(bytes))).toBe(false);
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect((await sharp(bytes).raw().toBuffer()).equals(await sharp(photo).autoOrient().raw().toBuffer())).toBe(true);
  });

  it("encodes a TIFF again when its metadata is XMP alone, as Lightroom writes it", async () => {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="33,18.0N"/></rdf:RDF></x:xmpmeta>`;
    const photo = await sharp(await makePhoto({ width: 400, height: 300 }))
      .withXmp(xmp)
      .tiff()
      .toBuffer();
    const { bytes, removed } = await stripPhotoMetadata(photo);
    expect(removed).toBe(true);
    expect(bytes.includes("GPSLatitude")).toBe(false);
  });

  // What libvips, and so many tools, write on a photo of no camera: the orientation, the
  // resolution, how the colours are coded. Nothing private: the photo is left as it is.
  it.each(["jpeg", "png", "webp", "avif", "tiff"] as const)(
    "leaves a %s whose only metadata says how its pixels are shown as it is, and says nothing was removed",
    async (format) => {
      for (const spec of [{}, { orientation: 6 }, { icc: "p3" }]) {
        const photo = await makePhoto({ format, width: 400, height: 300, ...spec });
        const { bytes, removed } = await stripPhotoMetadata(photo);
        expect(removed, JSON.stringify(spec)).toBe(false);
        expect(bytes.equals(photo), JSON.stringify(spec)).toBe(true);
      }
    },
  );

  it.each([
    ["a camera", { 271: "Nikon" }, {}],
    ["software", { 305: "Adobe Photoshop" }, {}],
    ["a GPS block", {}, { gps: true }],
    ["a second page or a thumbnail", {}, { secondPage: true }],
  ] as const)("finds metadata in a TIFF's tags: %s", async (_what, tags, options) => {
    const tiff = await makePhoto({ format: "tiff", width: 40, height: 30, orientation: 6, icc: "p3" });
    expect(tiffHoldsMetadata(tiff)).toBe(false);
    expect(tiffHoldsMetadata(tiffWithTags(tiff, tags, options))).toBe(true);
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
