/**
 * Where the browser checks and the bench find Chromium: `DEPECHE_CHROMIUM` when it is set, else the
 * first of the places Debian, Ubuntu and GitHub's ubuntu runners keep a Chromium or a Chrome. Never
 * a downloaded browser: playwright-core only drives the one found here.
 */
import { accessSync, constants, statSync } from "node:fs";

/** The places looked at, in order, when `DEPECHE_CHROMIUM` is not set. */
export const CHROMIUM_PLACES: readonly string[] = [
  "/usr/bin/chromium", // Debian's chromium
  "/usr/bin/chromium-browser", // Ubuntu's (a snap wrapper since 20.04)
  "/snap/bin/chromium",
  "/usr/bin/google-chrome", // GitHub's ubuntu runners
  "/usr/bin/google-chrome-stable",
  "/opt/google/chrome/chrome",
];

/** What a lookup needs from the machine; the real environment and file system by default. */
export interface ChromiumLookup {
  env?: NodeJS.ProcessEnv;
  places?: readonly string[];
  /** Whether a path is a file this user may run. */
  isProgram?: (path: string) => boolean;
}

/** The path of the Chromium to drive; throws, naming every path tried and what to install, when there is none. */
export function findChromium({ env = process.env, places = CHROMIUM_PLACES, isProgram = isExecutableFile }: ChromiumLookup = {}): string {
  const chosen = env.DEPECHE_CHROMIUM;
  if (chosen) {
    // A path set on purpose is never replaced by another browser found elsewhere.
    if (isProgram(chosen)) return chosen;
    throw new Error(`DEPECHE_CHROMIUM is ${chosen}, which is not a program that can be run: set it to a Chromium or Chrome binary, or unset it`);
  }
  const found = places.find(isProgram);
  if (found) return found;
  throw new Error(
    `Chromium is missing: the browser checks looked for it at ${places.join(", ")}. ` +
      "Install Debian's with: sudo apt-get update && sudo apt-get install -y chromium, or set DEPECHE_CHROMIUM to a Chromium or Chrome binary",
  );
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
