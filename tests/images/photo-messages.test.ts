import { describe, expect, it } from "vitest";
import { photoMessages } from "../../src/images/photo-messages.ts";

const NNBSP = "\u202f";

describe("the photos' messages, in French", () => {
  it.each([
    [0, 3, "aucune photo encodée, 3 en cache (1.50 s)"],
    [1, 0, "1 photo encodée, 0 en cache (1.50 s)"],
    [2, 1, "2 photos encodées, 1 en cache (1.50 s)"],
    [1000, 1000, `1${NNBSP}000 photos encodées, 1${NNBSP}000 en cache (1.50 s)`],
  ])("counts %i encoded and %i cached", (encoded, cached, text) => {
    expect(photoMessages.encoded(encoded, cached, "1.50")).toBe(text);
  });

  it("tells sizes in French units and separators", () => {
    expect(photoMessages.tooLarge("a.jpg", 25.5 * 1024 * 1024)).toContain("pèse 25,5 Mo, plus que les 20 Mo permis");
    expect(photoMessages.tooManyPixels("a.jpg", 9000, 6000)).toContain("fait 9000 × 6000 pixels (54 mégapixels), plus que les 50 mégapixels permis");
    expect(photoMessages.encoding(1, 1000)).toBe(`1/1${NNBSP}000 photos prêtes`);
  });
});
