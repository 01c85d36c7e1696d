/**
 * Draws the site's icons and its sharing image from public/icon.svg with sharp, into public/.
 * They are committed (a few kilobytes), so a build never pays for them: run `npm run icons` after
 * changing the SVG. No text is drawn, so the pictures depend on no font of the machine.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { APPLE_TOUCH_ICON_URL, FAVICON_URL, ICON_SVG_URL, MANIFEST_ICONS, SITE_IMAGE } from "../src/urls/site-urls.ts";

const PUBLIC = join(import.meta.dirname, "..", "public");
const svg = readFileSync(join(PUBLIC, ICON_SVG_URL));
/** The page background of the stylesheet, behind the mark on the sharing image. */
const PAPER = "#fdfcf9";

function png(size: number): Promise<Buffer> {
  return sharp(svg, { density: Math.ceil((72 * size) / 64) })
    .resize(size, size)
    .png({ compressionLevel: 9, palette: true })
    .toBuffer();
}

/** An ICO file holding PNG images (read by every browser since 2008), as Windows' format lays it out. */
export function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(image.size >= 256 ? 0 : image.size, at);
    header.writeUInt8(image.size >= 256 ? 0 : image.size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(image.png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += image.png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

async function main(): Promise<void> {
  for (const icon of MANIFEST_ICONS) writeFileSync(join(PUBLIC, icon.url), await png(icon.size));
  writeFileSync(join(PUBLIC, APPLE_TOUCH_ICON_URL), await png(180));
  writeFileSync(
    join(PUBLIC, FAVICON_URL),
    icoOf([
      { size: 16, png: await png(16) },
      { size: 32, png: await png(32) },
      { size: 48, png: await png(48) },
    ]),
  );
  const mark = await png(300);
  const image = await sharp({ create: { width: SITE_IMAGE.width, height: SITE_IMAGE.height, channels: 3, background: PAPER } })
    .composite([
      { input: mark, gravity: "center" },
      // A rule in the accent colour along the foot, like the masthead's.
      { input: { create: { width: SITE_IMAGE.width, height: 24, channels: 3, background: "#9b1c1c" } }, top: SITE_IMAGE.height - 24, left: 0 },
    ])
    .png({ compressionLevel: 9, palette: true })
    .toBuffer();
  writeFileSync(join(PUBLIC, SITE_IMAGE.url), image);
}

await main();
