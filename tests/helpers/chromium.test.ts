import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHROMIUM_PLACES, findChromium } from "./chromium.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "depeche-chromium-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A file at `name` in the test's folder, runnable or not. */
function program(name: string, runnable = true): string {
  const path = join(dir, name);
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, runnable ? 0o755 : 0o644);
  return path;
}

describe("findChromium", () => {
  it("uses DEPECHE_CHROMIUM when it names a program, before any usual place", () => {
    const chosen = program("my-chrome");
    const usual = program("chromium");
    expect(findChromium({ env: { DEPECHE_CHROMIUM: chosen }, places: [usual] })).toBe(chosen);
  });

  it("refuses a DEPECHE_CHROMIUM that is not a program, rather than running another browser", () => {
    const usual = program("chromium");
    const notRunnable = program("not-runnable", false);
    for (const wrong of [join(dir, "absent"), notRunnable, dir])
      expect(() => findChromium({ env: { DEPECHE_CHROMIUM: wrong }, places: [usual] })).toThrow(`DEPECHE_CHROMIUM is ${wrong}, which is not a program`);
  });

  it("takes the first usual place that holds a program, in order", () => {
    const places = [join(dir, "chromium"), join(dir, "chromium-browser"), join(dir, "google-chrome")];
    program("chromium-browser", false);
    const chrome = program("google-chrome");
    expect(findChromium({ env: {}, places })).toBe(chrome);
    const chromiumBrowser = program("chromium-browser");
    expect(findChromium({ env: {}, places })).toBe(chromiumBrowser);
  });

  it("ignores a folder at a usual place", () => {
    mkdirSync(join(dir, "chromium"));
    const chrome = program("chrome");
    expect(findChromium({ env: {}, places: [join(dir, "chromium"), chrome] })).toBe(chrome);
  });

  it("names every path tried, the package to install and the variable when none is found", () => {
    const places = [join(dir, "chromium"), join(dir, "google-chrome")];
    expect(() => findChromium({ env: {}, places })).toThrow(
      `Chromium is missing: the browser checks looked for it at ${places.join(", ")}. Install Debian's with: sudo apt-get update && sudo apt-get install -y chromium, or set DEPECHE_CHROMIUM`,
    );
  });

  it("looks where Debian and GitHub's ubuntu runners keep Chromium and Chrome", () => {
    expect(CHROMIUM_PLACES).toEqual(
      expect.arrayContaining(["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/opt/google/chrome/chrome"]),
    );
  });

  it("finds this machine's Chromium with the real environment", () => {
    expect(CHROMIUM_PLACES.concat(process.env.DEPECHE_CHROMIUM ?? [])).toContain(findChromium());
  });
});
