/** The few things read from a photo's Exif: its GPS position, its orientation, whether it holds more than its image's structure. */

/** How Exif starts in a JPEG segment, a WebP chunk, and in what sharp's `metadata().exif` gives. */
export const EXIF_HEADER = Buffer.from("Exif\0\0", "latin1");
const ORIENTATION_TAG = 0x0112;
const GPS_IFD_TAG = 0x8825;
const GPS_LATITUDE_TAG = 0x0002;
const GPS_LONGITUDE_TAG = 0x0004;
const EXIF_IFD_TAG = 0x8769;

// The tags that say how an image's pixels are stored and shown (TIFF 6.0's, with the ICC profile):
// what a TIFF file needs, what a photo of no camera holds in its Exif (libvips writes the
// orientation, the resolution and the YCbCr positioning). Any other tag is metadata: the camera,
// dates, author, software, descriptions, XMP, IPTC, Photoshop's blocks, a GeoTIFF's position.
const STRUCTURE_TAGS = new Set([
  254, 255, 256, 257, 258, 259, 262, 263, 266, 273, 274, 277, 278, 279, 280, 281, 282, 283, 284, 290, 291, 292, 293, 296, 297, 301, 317, 318, 319, 320, 321,
  322, 323, 324, 325, 332, 338, 339, 340, 341, 347, 529, 530, 531, 532, 34675,
]);
// The Exif IFD's tags of the same kind: its version, how colours are coded, the pixel dimensions,
// the pointer to its interoperability IFD (which says which of these rules the file follows).
const EXIF_STRUCTURE_TAGS = new Set([36864, 37121, 40960, 40961, 40962, 40963, 40965]);

// The entries of one IFD of a TIFF structure (Exif's), by tag: where its value (or its offset) is.
// Undefined when the structure is damaged: it is then taken as holding nothing.
function ifdEntries(tiff: Buffer, offset: number): Map<number, number> | undefined {
  const little = tiff.toString("latin1", 0, 2) === "II";
  if (!little && tiff.toString("latin1", 0, 2) !== "MM") return undefined;
  const u16 = (at: number): number => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  if (offset < 8 || offset + 2 > tiff.length) return undefined;
  const count = u16(offset);
  if (offset + 2 + count * 12 > tiff.length) return undefined;
  const entries = new Map<number, number>();
  for (let i = 0; i < count; i++) entries.set(u16(offset + 2 + i * 12), offset + 2 + i * 12 + 8);
  return entries;
}

// Where the IFD after this one starts: 0 for none, or when the structure is damaged.
function nextIfd(tiff: Buffer, offset: number): number {
  const at = offset + 2 + readU16(tiff, offset) * 12;
  return at + 4 > tiff.length ? 0 : readU32(tiff, at);
}

function readU16(tiff: Buffer, at: number): number {
  return tiff.toString("latin1", 0, 2) === "II" ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at);
}

function readU32(tiff: Buffer, at: number): number {
  return tiff.toString("latin1", 0, 2) === "II" ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at);
}

// Exif as sharp gives it (`metadata().exif`) or as JPEG and WebP hold it starts with "Exif\0\0"; PNG's eXIf does not.
function tiffOf(exif: Buffer): Buffer {
  return exif.subarray(0, 6).equals(EXIF_HEADER) ? exif.subarray(6) : exif;
}

/** Whether this Exif (or a TIFF file, whose first IFD is the same structure) gives a GPS position. */
export function exifHasGpsPosition(exif: Buffer): boolean {
  const tiff = tiffOf(exif);
  if (tiff.length < 8) return false;
  const ifd0 = ifdEntries(tiff, readU32(tiff, 4));
  const gpsAt = ifd0?.get(GPS_IFD_TAG);
  if (gpsAt === undefined) return false;
  const gps = ifdEntries(tiff, readU32(tiff, gpsAt));
  return gps !== undefined && (gps.has(GPS_LATITUDE_TAG) || gps.has(GPS_LONGITUDE_TAG));
}

/**
 * Whether this Exif (or a TIFF file) holds metadata: a tag other than its image's structure (see
 * STRUCTURE_TAGS), a GPS block, a thumbnail or a second page. A structure that can't be read is
 * taken as holding some: what removes it says so.
 */
export function tiffHoldsMetadata(exif: Buffer): boolean {
  const tiff = tiffOf(exif);
  if (tiff.length === 0) return false;
  if (tiff.length < 8) return true;
  const first = readU32(tiff, 4);
  const ifd0 = ifdEntries(tiff, first);
  if (!ifd0) return true;
  for (const [tag, at] of ifd0) {
    if (STRUCTURE_TAGS.has(tag)) continue;
    if (tag !== EXIF_IFD_TAG) return true;
    const exifIfd = ifdEntries(tiff, readU32(tiff, at));
    if (!exifIfd || [...exifIfd.keys()].some((t) => !EXIF_STRUCTURE_TAGS.has(t))) return true;
  }
  return nextIfd(tiff, first) !== 0;
}

/** The Exif orientation (1–8), 1 when there is none. */
export function exifOrientation(exif: Buffer): number {
  const tiff = tiffOf(exif);
  if (tiff.length < 8) return 1;
  const at = ifdEntries(tiff, readU32(tiff, 4))?.get(ORIENTATION_TAG);
  const value = at === undefined ? 1 : readU16(tiff, at);
  return value >= 1 && value <= 8 ? value : 1;
}

/** An Exif TIFF structure holding the orientation and nothing else: the photo still shows upright. */
export function orientationOnlyTiff(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write("MM\0\x2a", 0, "latin1");
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  // One entry: tag, type SHORT (3), count 1, the value left-aligned in its four bytes.
  tiff.writeUInt16BE(ORIENTATION_TAG, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  // No next IFD (bytes 22–25 stay zero).
  return tiff;
}
