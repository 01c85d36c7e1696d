/** The few things read from a photo's Exif: its GPS position, its orientation. */

/** How Exif starts in a JPEG segment, a WebP chunk, and in what sharp's `metadata().exif` gives. */
export const EXIF_HEADER = Buffer.from("Exif\0\0", "latin1");
const ORIENTATION_TAG = 0x0112;
const GPS_IFD_TAG = 0x8825;
const GPS_LATITUDE_TAG = 0x0002;
const GPS_LONGITUDE_TAG = 0x0004;

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
