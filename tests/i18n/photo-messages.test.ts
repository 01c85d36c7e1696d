import { afterEach, describe, expect, it, vi } from "vitest";
import { messages } from "../../src/i18n/messages.ts";
import { MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, MIN_PHOTO_WIDTH } from "../../src/images/photo-limits.ts";
import { fr } from "../helpers/french.ts";

const NNBSP = "\u202f";

afterEach(() => vi.unstubAllEnvs());

describe("the photos' messages, in French", () => {
  it.each([
    [0, 3, "aucune photo encodée, 3 en cache (1,50 s)"],
    [1, 0, "1 photo encodée, 0 en cache (1,50 s)"],
    [2, 1, "2 photos encodées, 1 en cache (1,50 s)"],
    [1000, 1000, `1${NNBSP}000 photos encodées, 1${NNBSP}000 en cache (1,50 s)`],
  ])("counts %i encoded and %i cached", (encoded, cached, text) => {
    expect(messages().cli.buildPhotosEncoded(encoded, cached, messages().seconds(1.5))).toBe(text);
  });

  it("tells sizes in French units and separators", () => {
    const say = messages().diagnostics;
    expect(say.photoTooLarge("a.jpg", 25.5 * 1024 * 1024, MAX_PHOTO_BYTES)).toContain("pèse 25,5 Mo, plus que les 20 Mo permis");
    expect(say.photoTooManyPixels("a.jpg", 9000, 6000, MAX_PHOTO_PIXELS)).toBe(
      fr`la photo « a.jpg » fait 9${NNBSP}000 × 6${NNBSP}000 pixels (54 mégapixels), plus que les 50 mégapixels permis : réduisez-la à 2${NNBSP}400 pixels de large`,
    );
    expect(say.photoTooLarge("a.jpg", 25.5 * 1024 * 1024, MAX_PHOTO_BYTES)).toContain(`exportez-la en JPEG de qualité 85 à 2${NNBSP}400 pixels de large`);
    expect(say.photoNarrow("a.jpg", 800, MIN_PHOTO_WIDTH)).toContain(`fait 800 pixels de large, moins que les 1${NNBSP}200 qu’il faut`);
    expect(say.photoNarrow("a.jpg", 1, MIN_PHOTO_WIDTH)).toContain("fait 1 pixel de large,");
    expect(say.photoTooManyPixels("a.jpg", 12345, 5000, MAX_PHOTO_PIXELS)).toContain(`(61,7 mégapixels)`);
    expect(messages().cli.buildPhotosReady(1, 1000)).toBe(`1/1${NNBSP}000 photos prêtes`);
  });

  it("tells them in English with DEPECHE_LANG=en", () => {
    vi.stubEnv("DEPECHE_LANG", "en");
    expect(messages().cli.buildPhotosEncoded(1, 2, messages().seconds(1.5))).toBe("encoded 1 photo, 2 cached (1.50 s)");
    expect(messages().diagnostics.photoTooLarge("a.jpg", 25.5 * 1024 * 1024, MAX_PHOTO_BYTES)).toContain("weighs 25.5 MB, more than the 20 MB allowed");
    expect(messages().diagnostics.photoTooManyPixels("a.jpg", 9000, 6000, MAX_PHOTO_PIXELS)).toContain("is 9,000 × 6,000 pixels");
    expect(messages().diagnostics.photoMissing("content/a.jpg", "a.jpg")).toContain('(write "a.jpg", without "content/")');
  });
});
