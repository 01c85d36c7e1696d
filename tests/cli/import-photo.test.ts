import { existsSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { crc32 } from "node:zlib";
import { join, relative, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCheck } from "../../src/cli/check.ts";
import { runImport } from "../../src/cli/import.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { runInProcess, type Run } from "../helpers/cli.ts";
import sharp from "sharp";
import { exifHasGpsPosition } from "../../src/images/exif.ts";
import { makePhoto, tiffWithTags, type PhotoSpec } from "../helpers/photos.ts";
import { buildArchive } from "../helpers/site.ts";
import { fr } from "../helpers/french.ts";

const seedPath = resolve(import.meta.dirname, "../wire/fixtures/wire-aa-trtfr-irak.txt");
const NBSP = "\u00a0";

let archive: TestArchive;
afterEach(() => archive?.remove());

function importCli(...args: string[]): Promise<Run> {
  return runInProcess("import", runImport, [...args, "--content", archive.dir]);
}

// A photo outside the content folder, as a photographer's export.
async function photoFile(name: string, hue = 200, spec: PhotoSpec = {}): Promise<string> {
  const path = join(archive.root, "export", name);
  archive.write(relative(archive.dir, path), await makePhoto({ hue, ...spec }));
  return path;
}

function wireText(title: string, paragraph: string): string {
  return [title, title, NBSP, paragraph, NBSP, NBSP, "AA"].join("\n\n");
}

const PHOTO_ARGS = ["--credit", "AA / Nom du photographe", "--alt", "Des soldats quittent une base"];

describe("depeche import --image", () => {
  it("copies the photo under content/images/YYYY/MM/ by the article's date and writes the image field; the archive checks clean", async () => {
    archive = makeArchive();
    const photo = await photoFile("Soldats à Bagdad.JPG");
    const r = await importCli(seedPath, "--date", "2021-12-09", "--image", photo, ...PHOTO_ARGS, "--caption", "Bagdad, le 9 décembre 2021.");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const copied = join(archive.dir, "images/2021/12/soldats-a-bagdad.jpg");
    expect(readFileSync(copied)).toEqual(readFileSync(photo));
    const article = readFileSync(join(archive.dir, r.stdout.split(" (")[0]!.replace(/^.*?articles\//, "articles/")), "utf8");
    expect(article).toContain(
      'image:\n  src: "images/2021/12/soldats-a-bagdad.jpg"\n  alt: "Des soldats quittent une base"\n  credit: "AA / Nom du photographe"\n  caption: "Bagdad, le 9 décembre 2021."\n---',
    );
    const check = await runInProcess("check", runCheck, ["--content", archive.dir]);
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("removes the photo's GPS position, camera and author before it enters content/, its pixels untouched, and says so", async () => {
    archive = makeArchive();
    const exif = { IFD0: { Make: "Nikon", Copyright: "Secret" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "33/1 18/1 0/1" } };
    const photo = await photoFile("irak.jpg", 200, { exif });
    expect(exifHasGpsPosition((await sharp(photo).metadata()).exif!)).toBe(true);
    const r = await importCli(seedPath, "--date", "2021-12-09", "--image", photo, ...PHOTO_ARGS);
    expect(r.status).toBe(0);
    const copied = readFileSync(join(archive.dir, "images/2021/12/irak.jpg"));
    expect(copied.includes("Secret")).toBe(false);
    expect(copied.includes("Nikon")).toBe(false);
    expect((await sharp(copied).metadata()).exif).toBeUndefined();
    expect((await sharp(copied).raw().toBuffer()).equals(await sharp(photo).raw().toBuffer())).toBe(true);
    expect(r.stdout).toContain(fr`${archive.display("images/2021/12/irak.jpg")} : métadonnées retirées (position GPS, appareil…)`);
    const check = await runInProcess("check", runCheck, ["--content", archive.dir]);
    expect(check.stderr).toBe("");
  });

  // A TIFF is encoded again to lose its metadata: only when it holds some is it touched, and said so.
  it.each([
    ["without metadata", false],
    ["with a camera, an author and a GPS position", true],
  ] as const)("says metadata was removed of a TIFF only when it had some: %s", async (_what, tagged) => {
    archive = makeArchive();
    const plain = await makePhoto({ format: "tiff", width: 400, height: 300 });
    const photo = archive.write("../export/irak.tif", tagged ? tiffWithTags(plain, { 271: "Nikon", 315: "Secret" }, { gps: true }) : plain);
    const r = await importCli(seedPath, "--date", "2021-12-09", "--image", photo, ...PHOTO_ARGS);
    expect(r.status).toBe(0);
    const copied = readFileSync(join(archive.dir, "images/2021/12/irak.tif"));
    expect(copied.includes("Secret")).toBe(false);
    expect(copied.equals(plain)).toBe(!tagged);
    expect(r.stdout.includes("métadonnées retirées")).toBe(tagged);
  });

  it("keeps a turned photo's orientation: its derivatives on the site are upright", async () => {
    archive = makeArchive();
    const photo = await photoFile("debout.jpg", 200, { orientation: 6, exif: { IFD0: { Copyright: "Secret" } } });
    expect((await importCli(seedPath, "--date", "2021-12-09", "--image", photo, ...PHOTO_ARGS)).status).toBe(0);
    expect(readFileSync(join(archive.dir, "images/2021/12/debout.jpg")).includes("Secret")).toBe(false);
    const site = await buildArchive(archive);
    const folder = join(site.out, "images", readdirSync(join(site.out, "images"))[0]!);
    // The ratio crops (16x9, 4x3, 1x1) are cut to their own shape.
    const widths = readdirSync(folder).filter((name) => !/\d+x\d+/.test(name));
    expect(widths.length).toBeGreaterThan(0);
    // The 1600 × 900 photo, turned a quarter, is shown 900 wide and 1600 high.
    for (const name of widths) {
      const meta = await sharp(join(folder, name)).metadata();
      expect(meta.height! > meta.width!, name).toBe(true);
    }
  });

  it("takes the month of the article's day in Paris, not in UTC, whatever the machine's zone", async () => {
    for (const tz of ["America/Los_Angeles", "Asia/Tokyo"]) {
      const before = process.env.TZ;
      process.env.TZ = tz;
      try {
        archive = makeArchive();
        const photo = await photoFile("nuit.jpg");
        // 23:30 UTC on 31 December is 00:30 on 1 January in Paris.
        const r = await importCli(seedPath, "--date", "2021-12-31T23:30:00Z", "--image", photo, ...PHOTO_ARGS);
        expect(r.status, tz).toBe(0);
        expect(existsSync(join(archive.dir, "images/2022/01/nuit.jpg")), tz).toBe(true);
      } finally {
        process.env.TZ = before;
        archive.remove();
      }
    }
  });

  it("never overwrites a photo: a second one of the same name that month gets -2", async () => {
    archive = makeArchive();
    const first = await photoFile("irak.jpg", 10);
    archive.write("wire/b.txt", wireText("Une seconde dépêche sur l’Irak", "Bagdad a confirmé, vendredi, le calendrier du retrait."));
    expect((await importCli(seedPath, "--date", "2021-12-09", "--image", first, ...PHOTO_ARGS)).status).toBe(0);
    const second = await photoFile("irak.jpg", 150);
    const r = await importCli(join(archive.dir, "wire/b.txt"), "--date", "2021-12-10", "--topics", "Irak", "--image", second, ...PHOTO_ARGS);
    expect(r.stderr).toBe("");
    expect(readFileSync(join(archive.dir, "images/2021/12/irak.jpg"))).not.toEqual(readFileSync(join(archive.dir, "images/2021/12/irak-2.jpg")));
    expect(readFileSync(join(archive.dir, "images/2021/12/irak-2.jpg"))).toEqual(readFileSync(second));
  });

  it.each([
    [["--image", "PHOTO", "--alt", "Des soldats"], '--image demande --credit "AA / Nom du photographe"'],
    [["--image", "PHOTO", "--credit", "AA / X"], '--image demande --alt "…"'],
    [["--credit", "AA / X"], "--credit, --alt et --caption vont avec --image"],
    [["--image", "absente.jpg", ...PHOTO_ARGS], fr`--image absente.jpg : ce fichier est introuvable`],
    [["--image", "PHOTO", ...PHOTO_ARGS, "SECOND"], "--image joint une photo à un seul article"],
  ])("refuses %j, writing nothing", async (args, message) => {
    archive = makeArchive();
    const photo = await photoFile("irak.jpg");
    const argv = args.map((a) => (a === "PHOTO" ? photo : a === "SECOND" ? seedPath : a));
    const r = await importCli(seedPath, "--date", "2021-12-09", ...argv);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(message);
    expect(existsSync(join(archive.dir, "images"))).toBe(false);
  });

  it("refuses a photo of a format check would refuse", async () => {
    archive = makeArchive();
    const gif = join(archive.root, "export", "anim.gif");
    archive.write(relative(archive.dir, gif), await makePhoto({ format: "gif" }));
    const r = await importCli(seedPath, "--date", "2021-12-09", "--image", gif, ...PHOTO_ARGS);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("ce format n’est pas publié");
  });

  it("never writes through a symbolic link in content/images", async () => {
    archive = makeArchive();
    const photo = await photoFile("irak.jpg");
    archive.write("../elsewhere/keep.txt", "x");
    symlinkSync(join(archive.root, "elsewhere"), join(archive.dir, "images"));
    const r = await importCli(seedPath, "--date", "2021-12-09", "--image", photo, ...PHOTO_ARGS);
    expect(r.status).toBe(1);
    expect(existsSync(join(archive.root, "elsewhere/2021"))).toBe(false);
  });

  // Each refused as `check` refuses it in content/images/, before a byte is written: neither the article nor the photo.
  it.each([
    ["a text file named .jpg", "text", fr`est endommagée ou n’est pas une image`],
    ["a JPEG cut off in its header", "truncated", fr`est endommagée ou n’est pas une image`],
    ["an SVG named .jpg", "svg", fr`est au format SVG, que Dépêche ne publie pas`],
    ["a PNG of 30,000 × 30,000 pixels", "bomb", "fait 30 000 × 30 000 pixels"],
    ["a file over 20 MB", "large", fr`la photo pèse 21 Mo, plus que les 20 Mo permis : exportez-la en JPEG de qualité 85 à 2 400 pixels de large`],
  ])("refuses %s as check would, writing neither the article nor the photo", async (_what, kind, message) => {
    archive = makeArchive();
    const file = join(archive.root, "export", "irak.jpg");
    const jpeg = await makePhoto({});
    const bytes =
      kind === "text"
        ? Buffer.from("PRIVATE KEY secret\n")
        : kind === "truncated"
          ? jpeg.subarray(0, 200)
          : kind === "svg"
            ? Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
            : kind === "bomb"
              ? pngClaiming(
                  await sharp({ create: { width: 8, height: 8, channels: 3, background: "#888" } })
                    .png()
                    .toBuffer(),
                  30_000,
                  30_000,
                )
              : Buffer.concat([jpeg, Buffer.alloc(21 * 1024 * 1024 - jpeg.length)]);
    archive.write(relative(archive.dir, file), bytes);
    const before = contentFiles();
    const r = await importCli(seedPath, "--date", "2021-12-09", "--image", file, ...PHOTO_ARGS);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr.replaceAll("\u202f", " ").replaceAll(NBSP, " ")).toContain(message.replaceAll("\u202f", " ").replaceAll(NBSP, " "));
    expect(r.stderr).toContain("Rien n’a été importé");
    expect(contentFiles()).toEqual(before);
  });

  it("refuses a photo given through a symbolic link, even to a good photo, writing nothing", async () => {
    archive = makeArchive();
    const photo = await photoFile("irak.jpg");
    const link = join(archive.root, "export", "lien.jpg");
    symlinkSync(photo, link);
    const before = contentFiles();
    const r = await importCli(seedPath, "--date", "2021-12-09", "--image", link, ...PHOTO_ARGS);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(fr`--image ${link} : c’est un lien symbolique, que Dépêche ne suit pas ; indiquez le fichier de la photo lui-même`);
    expect(contentFiles()).toEqual(before);
  });
});

// Every file under the content folder, to tell that a refusal wrote nothing.
function contentFiles(): string[] {
  return readdirSync(archive.dir, { recursive: true, encoding: "utf8" }).sort();
}

// A PNG whose header claims this size, its CRC mended: what a decompression bomb shows before its pixels.
function pngClaiming(png: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(png);
  // The signature (8 bytes), IHDR's length and type (8), then width and height.
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}
